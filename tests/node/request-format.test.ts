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
