import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, call, GOOD_CARD, SHOP, seedDemoShop } from './helpers';
import { storedRows } from './stored-sql';

/** Codes administration and selling a voucher and a pass inside workerd over D1: registry, guard and outbox in one D1 batch. */
describe('codes administration and product sales in workerd over D1', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  const rows = storedRows;

  beforeAll(async () => {
    demo = await seedDemoShop();
  });

  it('creates codes with their registry rows and refuses a taken one', async () => {
    const promo = await demo.org('POST', '/api/org/promo-codes', { code: 'd1-promo-2026', discountType: 'percent', discountValue: 20, eventIds: [demo.theatreEventId] });
    expect(promo.status).toBe(201);
    expect(await rows('SELECT kind, ref_id FROM codes WHERE shop_id = ? AND code = ?', 'shp_demo', 'D1PROMO2026')).toEqual([{ kind: 'promo', ref_id: promo.body.id }]);
    const taken = await demo.org('POST', '/api/org/vouchers', { code: 'D1-PROMO-2026', amount: 1000 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('code_taken');
    const list = await demo.org('GET', '/api/org/promo-codes?limit=200');
    expect(list.body.promoCodes.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['D1PROMO2026', 'BIENVENUE', 'FLASH50']));
    const vouchers = await demo.org('GET', '/api/org/vouchers');
    expect(vouchers.body.vouchers.find((v: { code: string }) => v.code === 'CADEAU100DEMO').balance).toBe(10000);
  });

  it('sells a voucher and a pass by card: paid, code registered, e-mail queued once', async () => {
    const voucher = await call('POST', `${SHOP}/product-orders`, { kind: 'voucher', amount: 5000, buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(voucher.status).toBe(201);
    expect(voucher.body).toMatchObject({ status: 'paid', amount: 5000 });
    const pass = await call('POST', `${SHOP}/product-orders`, { kind: 'pass', passProductId: demo.codes.passProductId, holderName: 'Ueli', buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(pass.status).toBe(201);
    for (const [bought, kind] of [
      [voucher, 'voucher'],
      [pass, 'pass'],
    ] as const) {
      const code = (bought.body.code as string).replace(/-/g, '');
      expect(await rows('SELECT kind FROM codes WHERE shop_id = ? AND code = ?', 'shp_demo', code)).toEqual([{ kind }]);
    }
    const mails = await rows("SELECT kind, recipient FROM outbox_messages WHERE kind IN ('voucher_issued', 'pass_issued') ORDER BY kind");
    expect(mails).toEqual([
      { kind: 'pass_issued', recipient: buyer.email },
      { kind: 'voucher_issued', recipient: buyer.email },
    ]);
    const again = await call('POST', `${SHOP}/product-orders/${voucher.body.number}/payment`, { secret: voucher.body.secret, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(again.status).toBe(409);
  });
});
