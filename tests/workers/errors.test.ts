import { describe, expect, it } from 'vitest';
import { call, SHOP, seedDemoShop } from './helpers';

describe('error envelope from the Worker', () => {
  it('answers an unknown route with 404 route_not_found', async () => {
    const res = await call('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
    expect(res.body).toEqual({ error: { code: 'route_not_found', message: 'There is no GET /api/nothing-here.' } });
  });

  it('puts the API security headers on its answers, and refuses a large declared body with 413 before the token check', async () => {
    const health = await call('GET', '/api/health');
    const tooLarge = await call('POST', '/api/org/shop', '{}', { 'Content-Type': 'application/json', 'Content-Length': String(256 * 1024 * 1024) });
    expect([tooLarge.status, tooLarge.body.error.code]).toEqual([413, 'payload_too_large']);
    for (const res of [health, tooLarge]) {
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('answers health without storage work', async () => {
    const res = await call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('answers an unknown shop with 404 shop_not_found', async () => {
    const res = await call('GET', '/api/shops/shp_nobody/events');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('shop_not_found');
  });

  it('answers a malformed JSON body with 400 invalid_json, and an invalid one with the field errors', async () => {
    const demo = await seedDemoShop();
    const bad = await call('POST', `${SHOP}/holds`, '{"performanceId": ', { 'Content-Type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_json', message: expect.any(String) });

    const invalid = await call('POST', `${SHOP}/holds`, { performanceId: demo.theatrePerformanceIds[0], seats: [{ seatId: -3 }] });
    expect(invalid.status).toBe(400);
    expect(typeof invalid.body.error.code).toBe('string');
    expect(typeof invalid.body.error.message).toBe('string');

    const noHold = await call('GET', `${SHOP}/holds/hld_${'x'.repeat(24)}`);
    expect(noHold.status).toBe(404);
    expect(noHold.body.error.code).toBe('hold_not_found');
  });

  it('refuses organizer routes without a valid token', async () => {
    const res = await call('GET', '/api/org/shop', undefined, { Authorization: 'Bearer tsk_not_a_real_token' });
    expect(res.status).toBe(401);
    expect(Object.keys(res.body)).toEqual(['error']);
  });
});
