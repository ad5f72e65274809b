import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../worker/src/seed/demo.js';
import { buyer, createTestShop, DECLINED_CARD, GOOD_CARD, sf, type TestShop } from './harness.js';

/**
 * The products report: passes and gift vouchers sold in the shop (Europe/Zurich), over the
 * weekend daylight-saving time ends (Sunday 25 October 2026, 03:00 CEST → 02:00 CET). The pass
 * product is renamed to a name a spreadsheet would run as a formula.
 *
 *  P  Sat 24.10 00:30 CEST  voucher 25.00, card (just inside the period, by local time)
 *  Q  Sat 24.10 10:00 CEST  pass "Pass Molière" 90.00, card
 *  R  Sat 24.10 12:00 CEST  a second pass, the card declined: pending, never counts
 *  S  Sat 24.10 22:00 CEST  voucher 50.00, card; its card payment lapses later (cancelled since)
 *  T  Sun 25.10 22:30 CET   voucher 25.00, card
 *  U  Mon 26.10 00:30 CET   voucher 100.00, card (just after the period)
 * and, in another shop, a voucher sold on the Saturday that this shop's report must not show.
 */
let shop: TestShop;
const card = { method: 'simulated_card', cardNumber: GOOD_CARD };
const PERIOD = 'from=2026-10-24&to=2026-10-25';
const PASS_NAME = '=HYPERLINK("http://evil.example","Pass")';

const at = (iso: string) => {
  shop.clock.current = Date.parse(iso);
};

async function buyVoucher(amount: number, shopId = 'shp_demo') {
  const res = await shop.call('POST', sf('/product-orders', shopId), { kind: 'voucher', amount, buyer, payment: card });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { number: string };
}

beforeAll(async () => {
  shop = await createTestShop();
  expect((await shop.org('PATCH', `/api/org/pass-products/${shop.demo.codes.passProductId}`, { name: PASS_NAME })).status).toBe(200);
  const pass = { kind: 'pass', passProductId: shop.demo.codes.passProductId, holderName: 'Marc Rochat', buyer };

  at('2026-10-23T22:30:00Z');
  await buyVoucher(2500);
  at('2026-10-24T08:00:00Z');
  expect((await shop.call('POST', sf('/product-orders'), { ...pass, payment: card })).status).toBe(201);
  at('2026-10-24T10:00:00Z');
  const declined = await shop.call('POST', sf('/product-orders'), { ...pass, payment: { method: 'simulated_card', cardNumber: DECLINED_CARD } });
  expect(declined.status).toBe(402);
  at('2026-10-24T20:00:00Z');
  const lapsed = await buyVoucher(5000);
  at('2026-10-25T21:30:00Z');
  await buyVoucher(2500);
  at('2026-10-25T23:30:00Z');
  await buyVoucher(10000);

  // Another shop on the same database sells a voucher on the same Saturday.
  await seedDemo(shop.deps.storage, Date.parse('2026-10-24T09:00:00Z'), { shopId: 'shp_other', arena: false });
  at('2026-10-24T09:00:00Z');
  await buyVoucher(5000, 'shp_other');

  // S's card authorization lapsed (what stripe-lapsed.ts does to a purchase it could not capture).
  await shop.sql(`UPDATE product_orders SET status = 'cancelled' WHERE number = '${lapsed.number}'`);
  at('2026-10-28T10:00:00Z');
});
afterAll(() => shop.close());

describe('the products report', () => {
  it('counts passes per product and vouchers per amount, on the local day they were paid, with totals per kind', async () => {
    const res = await shop.org('GET', `/api/org/reports/products?${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.period).toEqual({ from: '2026-10-23T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z', timeZone: 'Europe/Zurich' });
    expect(res.body.rows).toEqual([
      { kind: 'pass', passProductId: shop.demo.codes.passProductId, name: PASS_NAME, faceValue: null, currency: 'CHF', sold: 1, amount: 9000, cancelledSince: 0 },
      { kind: 'voucher', passProductId: null, name: 'Bon cadeau CHF 25.00', faceValue: 2500, currency: 'CHF', sold: 2, amount: 5000, cancelledSince: 0 },
      { kind: 'voucher', passProductId: null, name: 'Bon cadeau CHF 50.00', faceValue: 5000, currency: 'CHF', sold: 1, amount: 5000, cancelledSince: 1 },
    ]);
    expect(res.body.totals).toEqual([
      { kind: 'pass', currency: 'CHF', sold: 1, amount: 9000, cancelledSince: 0 },
      { kind: 'voucher', currency: 'CHF', sold: 3, amount: 10000, cancelledSince: 1 },
    ]);
  });

  it('labels voucher rows in the asked language, and has the next day and other periods right', async () => {
    const italian = await shop.org('GET', `/api/org/reports/products?${PERIOD}&lang=it`);
    expect(italian.body.rows.map((r: { name: string }) => r.name)).toEqual([PASS_NAME, 'Buono regalo CHF 25.00', 'Buono regalo CHF 50.00']);
    const monday = await shop.org('GET', '/api/org/reports/products?from=2026-10-26&to=2026-10-26');
    expect(monday.body.rows).toEqual([{ kind: 'voucher', passProductId: null, name: 'Bon cadeau CHF 100.00', faceValue: 10000, currency: 'CHF', sold: 1, amount: 10000, cancelledSince: 0 }]);
    const friday = await shop.org('GET', '/api/org/reports/products?from=2026-10-23&to=2026-10-23');
    expect(friday.body).toMatchObject({ rows: [], totals: [] });
    // The other shop's voucher was paid on the Saturday, yet the rows above (exact) leave it out.
    const other = await shop.sql(`SELECT COUNT(*) AS n FROM product_orders WHERE shop_id = 'shp_other' AND kind = 'voucher' AND status = 'paid' AND paid_at = ${Date.parse('2026-10-24T09:00:00Z')}`);
    expect(Number(other[0]!.n)).toBe(1);
  });

  it('refuses bad periods with the reports’ error codes, and needs a token', async () => {
    const backwards = await shop.org('GET', '/api/org/reports/products?from=2026-10-26&to=2026-10-24');
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'report_period_invalid']);
    const long = await shop.org('GET', '/api/org/reports/products.csv?from=2026-01-01&to=2027-02-05');
    expect([long.status, long.body.error.code, long.body.error.details]).toEqual([400, 'report_period_too_long', { maxDays: 400 }]);
    expect((await shop.org('GET', '/api/org/reports/products?from=2026-10-24')).body.error.code).toBe('invalid_request');
    expect((await shop.call('GET', `/api/org/reports/products?${PERIOD}`)).status).toBe(401);
  });

  it('exports the same rows as CSV: UTF-8 with a byte order mark, formulas neutralized, amounts as decimals', async () => {
    const res = await shop.app.request(`/api/org/reports/products.csv?${PERIOD}`, { headers: { Authorization: `Bearer ${shop.demo.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="products-2026-10-24-2026-10-25.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n')).toEqual([
      'kind,pass_product_id,name,face_value,currency,sold,amount,cancelled_since',
      `pass,${shop.demo.codes.passProductId},"'=HYPERLINK(""http://evil.example"",""Pass"")",,CHF,1,90.00,0`,
      'voucher,,Bon cadeau CHF 25.00,25.00,CHF,2,50.00,0',
      'voucher,,Bon cadeau CHF 50.00,50.00,CHF,1,50.00,1',
      '',
    ]);
  });
});
