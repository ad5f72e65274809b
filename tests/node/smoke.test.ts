import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestShop, type TestShop } from './harness.js';

describe('harness', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await createTestShop();
  });
  afterAll(() => shop.close());

  it('serves the demo shop', async () => {
    const res = await shop.call('GET', '/api/shops/shp_demo');
    expect(res.status).toBe(200);
    expect(res.body.currency).toBe('CHF');
    expect(res.body.paymentMethods).toEqual(['free', 'simulated_card', 'invoice']);
  });
});
