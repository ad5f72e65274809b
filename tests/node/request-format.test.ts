import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestShop, type TestShop } from './harness.js';

describe('request bodies', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await createTestShop();
  });
  afterAll(() => shop.close());

  it('refuses a body that is not declared as JSON, and changes nothing', async () => {
    const before = (await shop.org('GET', '/api/org/shop')).body;
    const res = await shop.org('PATCH', '/api/org/shop', JSON.stringify({ name: 'Renamed' }), { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect((await shop.org('GET', '/api/org/shop')).body.name).toBe(before.name);
  });

  it('accepts JSON with a charset and bodyless POSTs', async () => {
    const performanceId = shop.demo.theatrePerformanceIds[0]!;
    const hold = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId, seats: [{ seatId: 40 }] }, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(hold.status).toBe(201);
    const extended = await shop.call('POST', `/api/shops/shp_demo/holds/${hold.body.id}/extend`);
    expect(extended.status).toBe(200);
  });

  it('refuses a JSON array where an object is expected', async () => {
    const res = await shop.org('PATCH', '/api/org/shop', []);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});

/**
 * The size of a body and the route are judged before anything reads the body or checks a token:
 * the bodies below count every read, and the server must answer without one.
 */
describe('request bodies judged before they are read', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await createTestShop();
  });
  afterAll(() => shop.close());

  /** A body declared with `declared` bytes that counts the attempts to read it (and fails them). */
  const send = async (method: string, path: string, declared: number, headers: Record<string, string> = {}) => {
    let reads = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          reads += 1;
          controller.error(new Error('this body was not to be read'));
        },
      },
      { highWaterMark: 0 },
    );
    const res = await shop.app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(declared), ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, body: (await res.json()) as any, headers: res.headers, reads };
  };
  const MB = 1024 * 1024;

  it('refuses a large declared body with 413 before the organizer token is checked, unread', async () => {
    for (const [method, path] of [
      ['PATCH', '/api/org/shop'],
      ['POST', '/api/org/shop'],
      ['POST', '/api/org/venues/ven_nothing/plans'],
      ['POST', '/api/shops/shp_demo/holds'],
      ['POST', '/api/nothing-here'],
      ['PUT', '/somewhere/else'],
    ] as const) {
      const res = await send(method, path, path.endsWith('/plans') ? 33 * MB : 256 * MB);
      expect([method, path, res.status, res.body.error.code, res.reads]).toEqual([method, path, 413, 'payload_too_large', 0]);
    }
  });

  it('answers an unknown path or method with the 404 envelope at once: no token check, no body read', async () => {
    for (const [method, path] of [
      ['POST', '/api/nothing-here'],
      ['PUT', '/api/org/shop'],
      ['DELETE', '/api/health'],
      ['POST', '/api/shops/shp_demo/nothing'],
    ] as const) {
      const res = await send(method, path, 1024);
      expect([method, path, res.status, res.body.error.code, res.reads]).toEqual([method, path, 404, 'route_not_found', 0]);
    }
    const get = await shop.call('GET', '/api/org/nothing-here');
    expect([get.status, get.body.error.code]).toEqual([404, 'route_not_found']);
  });

  it('checks the organizer token before it reads the body', async () => {
    const res = await send('PATCH', '/api/org/shop', 1024);
    expect([res.status, res.body.error.code, res.reads]).toEqual([401, 'unauthorized', 0]);
  });

  it('lets an event carry texts in four languages past 64 KB, and nothing else', async () => {
    // A JSON encoder that escapes non-ASCII (Python's default) writes each "é" as six bytes.
    const asciiJson = (value: unknown) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const texts = { description: 'é'.repeat(10_000), preEventMessageText: { fr: 'è'.repeat(2000), de: 'ä'.repeat(2000), it: 'à'.repeat(2000), en: 'ê'.repeat(2000) } };
    const body = asciiJson(texts);
    expect(body.length).toBeGreaterThan(64 * 1024);
    const event = await shop.org('PATCH', `/api/org/events/${shop.demo.concertEventId}`, body);
    expect(event.status).toBe(200);
    expect(event.body.description).toBe(texts.description);
    const settings = await shop.org('PATCH', '/api/org/shop', asciiJson({ name: 'é'.repeat(11_000) }));
    expect([settings.status, settings.body.error.code]).toEqual([413, 'payload_too_large']);
  });

  it('puts the security headers on every API answer, refusals included', async () => {
    const answers = [await shop.call('GET', '/api/health'), await shop.call('GET', '/api/nothing-here'), await send('POST', '/api/org/shop', 256 * MB)];
    for (const res of answers) {
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});
