import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleOnce } from '../console/harness.js';
import { buildWidgetOnce, REPO_ROOT, type RunningServer, startServer } from './http-server.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they crossed the wire (node:http does not decode them, unlike fetch). */
  body: Buffer;
}

function raw(baseUrl: string, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const decode = (answer: RawAnswer): Buffer => {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return gunzipSync(answer.body);
  return answer.body;
};

/**
 * What a phone downloads from the self-hosted Node server: the widget's files precompressed at
 * build time (Brotli, gzip) with their cache lifetimes, and the API's larger GET answers
 * compressed, a plan once per version, with ETags that still revalidate.
 */
describe('compressed answers of the Node server', () => {
  let server: RunningServer;
  let planPath: string;
  beforeAll(async () => {
    buildWidgetOnce();
    buildConsoleOnce();
    server = await startServer();
    const shop = `/api/shops/${server.demo.shopId}`;
    const performance = JSON.parse((await raw(server.baseUrl, `${shop}/performances/${server.demo.theatrePerformanceIds[0]}`)).body.toString()) as { planId: string };
    planPath = `${shop}/plans/${performance.planId}`;
  });
  afterAll(() => server?.stop());

  it('sends the widget script and its chunks precompressed, the script short-lived and the hashed chunks for good', async () => {
    // The script tag's file: one import of the core chunk, too small to gain from compression.
    const entry = readFileSync(join(REPO_ROOT, 'dist/widget/ticket-shop.js'));
    const script = await raw(server.baseUrl, '/widget/ticket-shop.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(script.status).toBe(200);
    expect(decode(script).equals(entry)).toBe(true);
    expect(script.headers['cache-control']).toBe('public, max-age=300');
    expect(script.headers['access-control-allow-origin']).toBe('*');

    const chunk = /["']\.\/(chunks\/[^"']+\.js)["']/.exec(entry.toString())?.[1];
    expect(chunk).toBeDefined();
    const original = readFileSync(join(REPO_ROOT, 'dist/widget', chunk!));
    const br = await raw(server.baseUrl, `/widget/${chunk}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.body.length).toBeLessThan(original.length / 2);
    expect(decode(br).equals(original)).toBe(true);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzip = await raw(server.baseUrl, `/widget/${chunk}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decode(gzip).equals(original)).toBe(true);
    const plain = await raw(server.baseUrl, `/widget/${chunk}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('sends the console\'s assets precompressed', async () => {
    const page = (await raw(server.baseUrl, '/admin/')).body.toString();
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    const answer = await raw(server.baseUrl, script!, { 'Accept-Encoding': 'br' });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(decode(answer).equals(readFileSync(join(REPO_ROOT, 'dist/console', script!.replace('/admin/', ''))))).toBe(true);
  });

  it('compresses a plan with Brotli or gzip, the same JSON as uncompressed, and revalidates its weak ETag with a 304', async () => {
    const plain = await raw(server.baseUrl, planPath);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const geometry = JSON.parse(plain.body.toString());

    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
    ] as const) {
      // Twice: the second answer comes from the bytes kept for this plan version.
      for (let i = 0; i < 2; i++) {
        const answer = await raw(server.baseUrl, planPath, { 'Accept-Encoding': accept });
        expect(answer.headers['content-encoding'], accept).toBe(encoding);
        expect(answer.headers.etag).toBe(`W/${etag}`);
        expect(answer.body.length).toBeLessThan(plain.body.length / 3);
        expect(JSON.parse(decode(answer).toString())).toEqual(geometry);
      }
    }
    for (const ifNoneMatch of [`W/${etag}`, etag, `"other", W/${etag}`]) {
      const revalidated = await raw(server.baseUrl, planPath, { 'Accept-Encoding': 'br', 'If-None-Match': ifNoneMatch });
      expect(revalidated.status, ifNoneMatch).toBe(304);
      expect(revalidated.body.length).toBe(0);
    }
    expect((await raw(server.baseUrl, planPath, { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('leaves the answers of state changes and small answers as they are', async () => {
    const shop = `/api/shops/${server.demo.shopId}`;
    const body = JSON.stringify({ performanceId: server.demo.concertPerformanceIds[0], quantities: [] });
    const post = await raw(server.baseUrl, `${shop}/holds`, { 'Accept-Encoding': 'br, gzip', 'Content-Type': 'application/json', Origin: server.baseUrl }, 'POST', body);
    expect(post.status).toBe(400);
    expect(post.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(post.body.toString()).error.code).toBeTruthy();
    const health = await raw(server.baseUrl, '/api/health', { 'Accept-Encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toEqual({ ok: true });
  });
});
