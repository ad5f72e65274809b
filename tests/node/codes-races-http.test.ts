import { createClient, type Client } from '@libsql/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { openNodeStorage } from '../../db/node-storage.js';
import { createPass, createPromo, createVoucher } from './code-fixtures.js';
import { httpJson, type HttpResult, runBounded, type RunningServer, startServer } from './http-server.js';

/**
 * Many buyers typing the same code at once, over real HTTP against the production Node
 * build: a pass, a gift voucher and a promo code with a use limit. Each buyer holds their
 * own seat, applies the code and checks out; afterwards the database is audited, so a limit
 * passed by any interleaving fails the test. Nothing here asserts on timing.
 */

const SHOP = '/api/shops/shp_demo';
const IN_FLIGHT = 32;
const GOOD_CARD = '4242424242424242';
const buyer = (i: number) => ({ name: `Buyer ${i}`, email: `buyer${i}@example.ch`, language: 'de' as const });

describe('codes raced by concurrent buyers over real HTTP (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  /** Seats for sale per theatre performance, handed out so that no two buyers want the same seat. */
  const freeSeats = new Map<string, number[]>();
  let performanceIds: string[] = [];

  const call = (method: string, path: string, body?: unknown) => httpJson(server.baseUrl, method, path, body);
  const rows = async (sql: string, args: (string | number)[] = []) => (await audit.execute({ sql, args })).rows;
  const expectNoServerError = (results: HttpResult[]) => {
    const failures = results.filter((r) => r.status >= 500);
    expect(failures.map((f) => ({ status: f.status, body: f.body })), server.output()).toEqual([]);
  };
  const takeSeat = (performanceId: string) => freeSeats.get(performanceId)!.shift()!;

  /** One buyer: hold a seat, type the code, pay what is left (free when nothing is). */
  async function buyWithCode(i: number, performanceId: string, code: string) {
    const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: takeSeat(performanceId) }] });
    if (hold.status !== 201) return { hold, applied: null, order: null };
    const applied = await call('POST', `${SHOP}/holds/${hold.body.id}/codes`, { code });
    const due = (applied.status === 200 ? applied.body : hold.body).amountDue as number;
    const payment = due === 0 ? { method: 'free' } : { method: 'simulated_card', cardNumber: GOOD_CARD };
    let order = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer: buyer(i), payment });
    // What the voucher covered when typed may have gone to a faster buyer since: the rest is paid by card.
    if (order.status === 400 && order.body.error.code === 'payment_required') {
      order = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer: buyer(i), payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    }
    return { hold, applied, order };
  }

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    const listing = await call('GET', `${SHOP}/events`);
    const play = (listing.body.events as any[]).find((e) => e.title === 'Le Malade imaginaire');
    performanceIds = (play.performances as any[]).filter((p) => p.onSale).map((p) => p.id);
    expect(performanceIds.length).toBeGreaterThanOrEqual(3);
    for (const performanceId of performanceIds) {
      const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
      const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
      freeSeats.set(performanceId, (plan.body.seats.id as number[]).filter((_, i) => (plan.body.seats.flags[i] & 8) === 0));
    }
    // The organizer's codes, written into the server's database as the organizer API does.
    const storage = await openNodeStorage(`file:${server.dbPath}`, { migrate: false });
    try {
      await createPass(storage.db, 'shp_demo', 'RACE-PASS', { seatsPerPerformance: 2, maxPerformances: 2 });
      await createVoucher(storage.db, 'shp_demo', 'RACE-GIFT', 10_000);
      await createPromo(storage.db, 'shp_demo', 'RACE-PROMO', { maxUses: 5, discountType: 'percent', discountValue: 50 });
    } finally {
      storage.client.close();
    }
  });

  // The ledger's invariants after every race (tests/shared/ledger-audit.ts).
  afterEach(async () => {
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
  });

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('60 buyers with one pass (2 performances, 2 seats each): never more than the pass allows', async () => {
    const started = Date.now();
    const results = await runBounded(
      Array.from({ length: 60 }, (_, i) => () => buyWithCode(i, performanceIds[i % 3]!, 'race-pass')),
      IN_FLIGHT,
    );
    console.log(`[codes-races-http] 60 buyers (hold, pass, checkout: 180 requests, ${IN_FLIGHT} in flight) done in ${Date.now() - started} ms`);
    expectNoServerError(results.flatMap((r) => [r.hold, r.applied, r.order].filter((x): x is HttpResult => x !== null)));
    const refusals = new Set(results.filter((r) => r.applied && r.applied.status !== 200).map((r) => `${r.applied!.status} ${r.applied!.body.error.code}`));
    for (const refusal of refusals) expect(['409 code_used_up', '409 code_not_valid_for_performance']).toContain(refusal);
    const freeOrders = results.filter((r) => r.order?.status === 201 && r.order.body.paymentMethod === 'free');
    expect(freeOrders.length).toBeGreaterThan(0);

    const [pass] = await rows(`SELECT ref_id FROM codes WHERE code = 'RACEPASS'`);
    const used = await rows(`SELECT performance_id, sum(tickets) AS seats FROM code_uses WHERE ref_id = ? AND state = 'used' GROUP BY performance_id`, [pass!.ref_id as string]);
    expect(used.length).toBeGreaterThan(0);
    expect(used.length).toBeLessThanOrEqual(2);
    for (const row of used) expect(Number(row.seats)).toBeLessThanOrEqual(2);
    // The tickets agree with the ledger: only what the pass booked was issued at zero price.
    const passTickets = await rows(`SELECT performance_id, count(*) AS n FROM tickets WHERE pass_id = ? GROUP BY performance_id`, [pass!.ref_id as string]);
    expect(passTickets.map((r) => [r.performance_id, Number(r.n)]).sort()).toEqual(used.map((r) => [r.performance_id, Number(r.seats)]).sort());
    expect(freeOrders.length).toBe(used.reduce((n, r) => n + Number(r.seats), 0));
  });

  it('40 buyers with one gift voucher of 100.00: the redemptions never pass its amount', async () => {
    const results = await runBounded(
      Array.from({ length: 40 }, (_, i) => () => buyWithCode(100 + i, performanceIds[i % 3]!, 'RACE GIFT')),
      IN_FLIGHT,
    );
    expectNoServerError(results.flatMap((r) => [r.hold, r.applied, r.order].filter((x): x is HttpResult => x !== null)));
    for (const { order } of results) {
      if (order && order.status !== 201) expect([order.status, order.body.error.code]).toEqual([409, 'code_used_up']);
    }
    const [voucher] = await rows(`SELECT ref_id FROM codes WHERE code = 'RACEGIFT'`);
    const [ledger] = await rows(`SELECT coalesce(sum(amount), 0) AS spent, count(*) AS n FROM code_uses WHERE ref_id = ? AND state = 'used'`, [voucher!.ref_id as string]);
    expect(Number(ledger!.spent)).toBeGreaterThan(0);
    expect(Number(ledger!.spent)).toBeLessThanOrEqual(10_000);
    // What the orders say they were paid with vouchers is exactly what the ledger took, and card + voucher = total.
    const paid = await rows(
      `SELECT o.total, o.paid_by_vouchers, coalesce((SELECT sum(p.amount) FROM payments p WHERE p.order_id = o.id AND p.status = 'captured'), 0) AS card
       FROM orders o WHERE o.status = 'paid' AND o.id IN (SELECT order_id FROM code_uses WHERE ref_id = ?)`,
      [voucher!.ref_id as string],
    );
    expect(paid.reduce((n, r) => n + Number(r.paid_by_vouchers), 0)).toBe(Number(ledger!.spent));
    for (const row of paid) expect(Number(row.card) + Number(row.paid_by_vouchers)).toBe(Number(row.total));
    // The balance left, as the next buyer sees it, is what remains.
    const next = await buyWithCode(999, performanceIds[0]!, 'RACEGIFT');
    if (Number(ledger!.spent) === 10_000) expect([next.applied!.status, next.applied!.body.error?.code]).toEqual([409, 'code_used_up']);
    else expect(next.applied!.body.vouchers[0].amount).toBeLessThanOrEqual(10_000 - Number(ledger!.spent));
  });

  it('40 buyers with a promo code limited to 5 uses: never more than 5 live uses, never more than 5 orders', async () => {
    const [promo] = await rows(`SELECT ref_id FROM codes WHERE code = 'RACEPROMO'`);
    const holds = await runBounded(
      Array.from({ length: 40 }, (_, i) => () => call('POST', `${SHOP}/holds`, { performanceId: performanceIds[i % 3]!, seats: [{ seatId: takeSeat(performanceIds[i % 3]!) }] })),
      IN_FLIGHT,
    );
    expectNoServerError(holds);
    const started = Date.now();
    const applied = await runBounded(
      holds.map((hold) => () => call('POST', `${SHOP}/holds/${hold.body.id}/codes`, { code: 'race-promo' })),
      IN_FLIGHT,
    );
    console.log(`[codes-races-http] ${applied.length} applications of one promo code at once (${IN_FLIGHT} in flight) answered in ${Date.now() - started} ms`);
    expectNoServerError(applied);
    const accepted = applied.filter((r) => r.status === 200);
    expect(accepted.length).toBe(5);
    for (const refused of applied.filter((r) => r.status !== 200)) expect([refused.status, refused.body.error.code]).toEqual([409, 'code_used_up']);
    const [live] = await rows(`SELECT count(*) AS n FROM code_uses WHERE ref_id = ? AND state IN ('held', 'used')`, [promo!.ref_id as string]);
    expect(Number(live!.n)).toBe(5);

    // Everyone checks out at once (with or without the promo): exactly the five holding it get the discount.
    const orders = await runBounded(
      holds.map((hold, i) => () => call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer: buyer(200 + i), payment: { method: 'simulated_card', cardNumber: GOOD_CARD } })),
      IN_FLIGHT,
    );
    expectNoServerError(orders);
    expect(orders.filter((o) => o.status !== 201).map((o) => o.body.error)).toEqual([]);
    expect(orders.filter((o) => (o.body.codes as string[]).includes('RACEPROMO'))).toHaveLength(5);
    const [used] = await rows(`SELECT count(*) AS n FROM code_uses WHERE ref_id = ? AND state = 'used'`, [promo!.ref_id as string]);
    expect(Number(used!.n)).toBe(5);
  });
});
