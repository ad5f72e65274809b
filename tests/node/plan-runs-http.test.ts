import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePlanRuns } from '../../contract/plan-runs.js';
import { type RunningServer, startServer } from './http-server.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they crossed the wire (node:http does not decode them, unlike fetch). */
  body: Buffer;
}

function raw(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (answer: RawAnswer): unknown => {
  const encoding = answer.headers['content-encoding'];
  const bytes = encoding === 'br' ? brotliDecompressSync(answer.body) : encoding === 'gzip' ? gunzipSync(answer.body) : answer.body;
  return JSON.parse(bytes.toString());
};

/** What a phone downloads for the theatre's seat map from the self-hosted Node server. */
describe('the plan in runs from the Node server', () => {
  let server: RunningServer;
  let planPath: string;
  beforeAll(async () => {
    server = await startServer();
    const shop = `/api/shops/${server.demo.shopId}`;
    const performance = decoded(await raw(server.baseUrl, `${shop}/performances/${server.demo.theatrePerformanceIds[0]}`)) as { planId: string };
    planPath = `${shop}/plans/${performance.planId}`;
  });
  afterAll(() => server?.stop());

  it('is compressed like the columns, kept per ETag, revalidates with its own weak ETag, and is a fraction of the columns on the wire', async () => {
    const plain = await raw(server.baseUrl, `${planPath}/runs`);
    expect(plain.status).toBe(200);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+-runs"$/);
    const runs = decoded(plain) as { seats: Parameters<typeof decodePlanRuns>[0] };
    const columns = decoded(await raw(server.baseUrl, planPath)) as { seats: unknown };
    expect(decodePlanRuns(runs.seats)).toEqual(columns.seats);

    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const columnsOnWire = await raw(server.baseUrl, planPath, { 'Accept-Encoding': accept });
      // Twice: the second answer comes from the bytes kept for this ETag.
      for (let i = 0; i < 2; i++) {
        const answer = await raw(server.baseUrl, `${planPath}/runs`, { 'Accept-Encoding': accept });
        expect(answer.headers['content-encoding'], accept).toBe(encoding);
        expect(answer.headers.etag).toBe(`W/${etag}`);
        expect(decoded(answer)).toEqual(runs);
        expect(answer.body.length, accept).toBeLessThan(columnsOnWire.body.length / 2);
      }
    }
    const revalidated = await raw(server.baseUrl, `${planPath}/runs`, { 'Accept-Encoding': 'br', 'If-None-Match': `W/${etag}` });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    const columnsEtag = (await raw(server.baseUrl, planPath, { 'Accept-Encoding': 'br' })).headers.etag as string;
    expect((await raw(server.baseUrl, `${planPath}/runs`, { 'Accept-Encoding': 'br', 'If-None-Match': columnsEtag })).status).toBe(200);
  });
});
