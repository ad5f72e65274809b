import { brotliDecompressSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { keepJsonTexts } from '../../worker/src/answer-text.js';
import { compressAnswer } from '../../worker/src/node/compress-answer.js';

/**
 * An answer that fails the test if its body is read. On Node the API's answers are
 * @hono/node-server's light Responses, written straight from their string; reading the body
 * turns one into a full Web Response with a stream (see compress-answer.ts). The answers that
 * go out as they are must therefore be decided on from their status and headers alone.
 */
function unreadable(status: number, headers: Record<string, string>, body: string | null = '{"ok":true}'): Response {
  const real = new Response(body, { status, headers });
  const reads = new Set(['body', 'bodyUsed', 'arrayBuffer', 'text', 'json', 'blob', 'bytes', 'clone', 'formData']);
  return new Proxy(real, {
    get(target, property) {
      if (typeof property === 'string' && reads.has(property)) throw new Error(`the answer's ${property} was read`);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const get = (headers: Record<string, string> = {}) => new Request('http://shop.test/api/shops/shp_demo', { headers });
const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('compressAnswer', () => {
  it('sends an answer it does not compress as it is, without reading its body', async () => {
    const cases: [string, Request, Response][] = [
      ['no Accept-Encoding', get(), unreadable(200, JSON_TYPE)],
      ['identity only', get({ 'Accept-Encoding': 'identity' }), unreadable(200, JSON_TYPE)],
      ['a 304 revalidation', get({ 'Accept-Encoding': 'br' }), unreadable(304, { ETag: '"v1"' }, null)],
      ['a 204', get({ 'Accept-Encoding': 'br' }), unreadable(204, JSON_TYPE, null)],
      ['a POST', new Request('http://shop.test/api/shops/shp_demo/holds', { method: 'POST', body: '{}', headers: { 'Accept-Encoding': 'br' } }), unreadable(201, JSON_TYPE)],
      ['a stream of events', get({ 'Accept-Encoding': 'br' }), unreadable(200, { 'Content-Type': 'text/event-stream' })],
      ['already encoded', get({ 'Accept-Encoding': 'br' }), unreadable(200, { ...JSON_TYPE, 'Content-Encoding': 'gzip' })],
      ['no-transform', get({ 'Accept-Encoding': 'br' }), unreadable(200, { ...JSON_TYPE, 'Cache-Control': 'public, no-transform' })],
    ];
    for (const [label, request, answer] of cases) expect(await compressAnswer(request, answer), label).toBe(answer);
  });

  it("decides on the app's own JSON answers from their kept text: a small one goes out unread, a large one compressed", async () => {
    const large = { seats: Array.from({ length: 400 }, (_, i) => ({ id: i, row: 'A', number: i })) };
    const app = new Hono();
    app.use('*', (c, next) => {
      keepJsonTexts(c);
      return next();
    });
    app.get('/small', (c) => c.json({ ok: true }));
    app.get('/large', (c) => c.json(large, 200, { 'Cache-Control': 'no-store' }));
    const browser = { 'Accept-Encoding': 'gzip, deflate, br' };

    const small = await app.fetch(new Request('http://shop.test/small', { headers: browser }));
    // Reading the body now would fail the test: the kept text must be enough.
    for (const read of ['body', 'arrayBuffer', 'text']) Object.defineProperty(small, read, { get: () => { throw new Error(`the answer's ${read} was read`); } });
    expect(await compressAnswer(new Request('http://shop.test/small', { headers: browser }), small)).toBe(small);

    const answer = await compressAnswer(new Request('http://shop.test/large', { headers: browser }), await app.fetch(new Request('http://shop.test/large', { headers: browser })));
    expect(answer.headers.get('Content-Encoding')).toBe('br');
    expect(answer.headers.get('Content-Type')).toBe('application/json');
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await answer.arrayBuffer())).toString())).toEqual(large);
  });

  it('compresses a large JSON answer for a browser that takes Brotli, and leaves a small one uncompressed', async () => {
    const large = JSON.stringify({ seats: Array.from({ length: 400 }, (_, i) => ({ id: i, row: 'A', number: i })) });
    const compressed = await compressAnswer(get({ 'Accept-Encoding': 'gzip, br' }), new Response(large, { headers: JSON_TYPE }));
    expect(compressed.headers.get('Content-Encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await compressed.arrayBuffer())).toString()).toBe(large);

    const small = await compressAnswer(get({ 'Accept-Encoding': 'gzip, br' }), new Response('{"ok":true}', { headers: JSON_TYPE }));
    expect(small.headers.get('Content-Encoding')).toBeNull();
    expect(await small.text()).toBe('{"ok":true}');
  });
});
