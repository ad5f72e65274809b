import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestShop, type TestShop } from './harness.js';

/** The counter looks a promo code, pass or gift voucher up by the code the customer reads out. */
let shop: TestShop;
beforeEach(async () => {
  shop = await createTestShop();
});
afterEach(() => shop.close());

const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('finding a code in the lists', () => {
  it('finds a voucher, pass or promo code by its code as typed (any case, spaces and dashes), and only the shop’s own kind', async () => {
    const voucher = await shop.org('POST', '/api/org/vouchers', { amount: 5000, code: 'GIFT-2026-ANNA-0001' });
    await shop.org('POST', '/api/org/vouchers', { amount: 2000 });
    expect(voucher.status).toBe(201);
    const product = await shop.org('POST', '/api/org/pass-products', { name: 'Season', price: 20000 });
    const pass = await shop.org('POST', '/api/org/passes', { productId: product.body.id, holderName: 'Zoé', code: 'SEASON PASS ZOE 77' });
    expect(pass.status).toBe(201);
    const promo = await shop.org('POST', '/api/org/promo-codes', { code: 'AUTUMN25', discountType: 'percent', discountValue: 25 });
    expect(promo.status).toBe(201);

    const vouchers = await shop.org('GET', `/api/org/vouchers?code=${encodeURIComponent('gift 2026-anna-0001')}`);
    expect(vouchers.status).toBe(200);
    expect(ids(vouchers.body.vouchers)).toEqual([voucher.body.id]);
    expect(vouchers.body.vouchers[0]).toMatchObject({ balance: 5000, code: 'GIFT2026ANNA0001' });
    expect(ids((await shop.org('GET', '/api/org/passes?code=seasonpasszoe77')).body.passes)).toEqual([pass.body.id]);
    expect(ids((await shop.org('GET', '/api/org/promo-codes?code=autumn-25')).body.promoCodes)).toEqual([promo.body.id]);

    // A code of another kind, or none, finds nothing; a malformed one is refused.
    expect((await shop.org('GET', '/api/org/vouchers?code=AUTUMN25')).body.vouchers).toEqual([]);
    expect((await shop.org('GET', '/api/org/promo-codes?code=NOSUCHCODE')).body.promoCodes).toEqual([]);
    expect((await shop.org('GET', '/api/org/vouchers?code=!')).status).toBe(400);
    // Without a code, the whole list as before.
    expect((await shop.org('GET', '/api/org/vouchers')).body.vouchers.length).toBeGreaterThanOrEqual(2);
  });
});
