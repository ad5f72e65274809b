import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpJson, type HttpResult, type RunningServer, startServer } from './http-server.js';

/**
 * Wrong codes over real HTTP against the production Node build: clients are told apart by the
 * socket's address (127.0.0.1 and 127.0.0.2 are both this machine), and X-Forwarded-For is
 * ignored because TRUST_PROXY is not set.
 */
const SHOP = '/api/shops/shp_demo';

/** One JSON request from another loopback address, so the server sees another client. */
function fromOtherAddress(baseUrl: string, method: string, path: string, body?: unknown): Promise<HttpResult> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      { method, localAddress: '127.0.0.2', headers: text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }, timeout: 20_000 },
      (res) => {
        let answer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (answer += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: answer ? JSON.parse(answer) : null, headers: new Headers(res.headers as Record<string, string>) }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('rate limits on wrong codes over real HTTP', () => {
  let server: RunningServer;
  let tariffId: string;
  let performanceId: string;

  beforeAll(async () => {
    server = await startServer();
    performanceId = server.demo.concertPerformanceIds[0]!;
    const perf = await httpJson(server.baseUrl, 'GET', `${SHOP}/performances/${performanceId}`);
    tariffId = perf.body.tariffs.find((t: { name: string }) => t.name === 'Plein tarif').id;
  }, 120_000);
  afterAll(() => server?.stop());

  const newHold = async () => {
    const hold = await httpJson(server.baseUrl, 'POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId, quantity: 1 }] });
    expect(hold.status).toBe(201);
    return hold.body.id as string;
  };

  it('refuses the 101st wrong code of a client in a minute with 429 and Retry-After, while another client still gets its answers', async () => {
    for (let cart = 0; cart < 5; cart++) {
      const holdId = await newHold();
      expect((await httpJson(server.baseUrl, 'POST', `${SHOP}/holds/${holdId}/codes`, { code: 'FLASH50' })).status).toBe(200);
      for (let i = 0; i < 20; i++) {
        // A forwarded address the client wrote itself changes nothing: no proxy is trusted.
        const wrong = await httpJson(server.baseUrl, 'POST', `${SHOP}/holds/${holdId}/codes`, { code: `WRONG-${cart}-${i}-XQ` }, { 'X-Forwarded-For': `10.0.${cart}.${i}` });
        expect([cart, i, wrong.status, wrong.body.error?.code]).toEqual([cart, i, 404, 'code_not_found']);
      }
    }
    const holdId = await newHold();
    const refused = await httpJson(server.baseUrl, 'POST', `${SHOP}/holds/${holdId}/codes`, { code: 'WRONG-LAST-XQ' }, { 'X-Forwarded-For': '10.1.1.1' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    const retryAfter = refused.body.error.details.retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('Retry-After')).toBe(String(retryAfter));
    expect((await httpJson(server.baseUrl, 'POST', `${SHOP}/holds/${holdId}/codes`, { code: 'FLASH50' })).status).toBe(429);

    const other = await fromOtherAddress(server.baseUrl, 'POST', `${SHOP}/holds/${holdId}/codes`, { code: 'WRONG-LAST-XQ' });
    expect([other.status, other.body.error.code]).toEqual([404, 'code_not_found']);
    expect((await fromOtherAddress(server.baseUrl, 'POST', `${SHOP}/holds/${holdId}/codes`, { code: 'FLASH50' })).status).toBe(200);
  });
});
