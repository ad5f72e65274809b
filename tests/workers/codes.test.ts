import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { workerDeps } from '../../worker/src/index';
import { createPass, createPromo, createVoucher } from '../node/code-fixtures';
import { buyer, call, expectOk, GOOD_CARD, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';
import { storedRows } from './stored-sql';

/** Codes in a sale inside workerd over D1: the guards and ledger statements run on D1's SQLite. */
describe('codes in workerd over D1', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatre: SeatedPerformance;
  const db = () => workerDeps(env).storage.db;
  const rows = storedRows;

  beforeAll(async () => {
    demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
  });

  it('applies a promo code and a gift voucher, checks out by card for the rest, and records the uses', async () => {
    const promo = await createPromo(db(), demo.shopId, 'WORKERS-10', { discountType: 'percent', discountValue: 10, maxUses: 3 });
    const voucher = await createVoucher(db(), demo.shopId, 'WORKERS-GIFT', 2000);
    const seats = theatre.seatIds.slice(0, 2);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) }), 201);
    const withPromo = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/codes`, { code: 'workers-10' }), 200);
    const discount = withPromo.body.discount;
    // 10 % of each ticket, rounded half up per ticket.
    expect(discount).toBe(hold.body.seats.reduce((n: number, s: { price: number }) => n + Math.floor((s.price * 10 + 50) / 100), 0));
    expect(withPromo.body.codes).toEqual([expect.objectContaining({ code: 'WORKERS10', kind: 'promo', applied: true, tickets: 2 })]);
    const withVoucher = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/codes`, { code: 'WORKERSGIFT' }), 200);
    expect(withVoucher.body).toMatchObject({ paidByVouchers: 2000, amountDue: withPromo.body.total - 2000 });

    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    expect(order.body).toMatchObject({ status: 'paid', discount, paidByVouchers: 2000, amountDue: withPromo.body.total - 2000, codes: ['WORKERS10', 'WORKERSGIFT'] });
    const uses = await rows(`SELECT kind, state, tickets, amount FROM code_uses WHERE ref_id IN (?, ?) ORDER BY kind`, promo.id, voucher.id);
    expect(uses).toEqual([
      { kind: 'promo', state: 'used', tickets: 2, amount: discount },
      { kind: 'voucher', state: 'used', tickets: 0, amount: 2000 },
    ]);
    const [payment] = await rows(`SELECT p.amount FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.number = ? AND p.status = 'captured'`, order.body.number);
    expect(payment!.amount).toBe(withPromo.body.total - 2000);
  });

  it('books seats with a pass, checks out as free, and refuses the pass where its seats are taken', async () => {
    await createPass(db(), demo.shopId, 'WORKERS-PASS', { seatsPerPerformance: 1 });
    const [first, second] = theatre.seatIds.slice(10, 12) as [number, number];
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: first }] }), 201);
    const applied = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/codes`, { code: 'workers pass' }), 200);
    expect(applied.body).toMatchObject({ total: 0, amountDue: 0 });
    const other = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: second }] }), 201);
    const refused = await call('POST', `${SHOP}/holds/${other.body.id}/codes`, { code: 'WORKERSPASS' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'code_not_valid_for_performance', details: { code: 'WORKERSPASS' } });

    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'free' } }), 201);
    expect(order.body).toMatchObject({ status: 'paid', total: 0, paymentMethod: 'free', codes: ['WORKERSPASS'] });
    expect(order.body.tickets).toEqual([expect.objectContaining({ seatId: first, discount: applied.body.subtotal, insured: false })]);
  });
});
