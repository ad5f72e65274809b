import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpJson, type RunningServer, startServer } from './http-server.js';

/**
 * Body size limits over real HTTP (production Node build): a body that declares its length is
 * judged by the header, a chunked one as it streams; both get the 413 envelope and change nothing.
 */
const SHOP = '/api/shops/shp_demo';

describe('request body limits over real HTTP', () => {
  let server: RunningServer;
  let performanceId: string;
  let seatId: number;

  beforeAll(async () => {
    server = await startServer();
    performanceId = server.demo.theatrePerformanceIds[0]!;
    const perf = await httpJson(server.baseUrl, 'GET', `${SHOP}/performances/${performanceId}`);
    const plan = await httpJson(server.baseUrl, 'GET', `${SHOP}/plans/${perf.body.planId}`);
    seatId = plan.body.seats.id[0];
  }, 120_000);
  afterAll(() => server?.stop());

  /** A hold request padded past 64 KB with a field the schema does not know. */
  const oversized = () => JSON.stringify({ performanceId, seats: [{ seatId }], padding: 'x'.repeat(70 * 1024) });

  /** Sends the body in chunks without Content-Length (Transfer-Encoding: chunked). */
  const sendChunked = async (text: string) => {
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 8 * 1024) controller.enqueue(bytes.subarray(at, at + 8 * 1024));
        controller.close();
      },
    });
    const res = await fetch(`${server.baseUrl}${SHOP}/holds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
      signal: AbortSignal.timeout(20_000),
    } as RequestInit);
    return { status: res.status, body: (await res.json()) as any };
  };

  const heldCount = async () => {
    const availability = await httpJson(server.baseUrl, 'GET', `${SHOP}/performances/${performanceId}/availability`);
    return String(availability.body.held);
  };

  it('refuses a body over 64 KB that declares its length', async () => {
    const res = await httpJson(server.baseUrl, 'POST', `${SHOP}/holds`, oversized());
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await heldCount()).toBe('');
  });

  it('refuses a chunked body over 64 KB, and accepts a small chunked one', async () => {
    const refused = await sendChunked(oversized());
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe('payload_too_large');
    expect(await heldCount()).toBe('');

    const accepted = await sendChunked(JSON.stringify({ performanceId, seats: [{ seatId }] }));
    expect(accepted.status).toBe(201);
    expect(accepted.body.seats.map((s: { seatId: number }) => s.seatId)).toEqual([seatId]);
  });
});
