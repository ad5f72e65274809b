import { createClient, type Client } from '@libsql/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { httpJson, type HttpResult, type RunningServer, startServer } from './http-server.js';

/**
 * Desks racing over real HTTP against the production Node build: two box office tokens selling
 * the last seat, fifty desk sales for the last ten general-admission places, two closes of one
 * till. The database decides (the seat claim's key, the capacity CHECK, the till's conditional
 * update); every loser gets a clear 409 and nothing is half sold. Nothing asserts on timing.
 */

const SHOP = '/api/shops/shp_demo';

describe('box office desks racing over real HTTP (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  let desks: { token: string; id: string }[];

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const scalar = async (sql: string, args: (string | number)[] = []) => Number(Object.values((await audit.execute({ sql, args })).rows[0]!)[0]);
  const expectNoServerError = (results: HttpResult[]) => {
    const failures = results.filter((r) => r.status >= 500);
    expect(failures.map((f) => ({ status: f.status, body: f.body })), server.output()).toEqual([]);
  };

  /** A desk starts a cart and sells it in cash, as the sell screen does; the first refusal is the answer. */
  async function deskSale(token: string, hold: Record<string, unknown>, amountGiven: number): Promise<HttpResult> {
    const created = await call('POST', '/api/org/box-office/holds', hold, as(token));
    if (created.status !== 201) return created;
    return call('POST', '/api/org/box-office/sales', { holdId: created.body.id, payment: { method: 'cash', amountGiven } }, as(token));
  }

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    desks = [];
    for (let i = 1; i <= 5; i++) {
      const res = await call('POST', '/api/org/tokens', { label: `Desk ${i}`, role: 'box_office' }, as(server.demo.token));
      expect(res.status).toBe(201);
      desks.push({ token: res.body.token, id: res.body.id });
    }
  });

  afterEach(async () => {
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
  });

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('two desks selling the last seat at the same moment, twenty times: exactly one sale each time, the other a clear 409, one ticket per seat', async () => {
    const performanceId = server.demo.theatrePerformanceIds[1]!;
    const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
    const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
    const free: number[] = [];
    for (let i = 0; i < plan.body.seats.id.length && free.length < 20; i++) if ((plan.body.seats.flags[i] & 8) === 0) free.push(plan.body.seats.id[i]);
    expect(free).toHaveLength(20);

    const outcomes: string[] = [];
    for (const seatId of free) {
      const results = await Promise.all([desks[0]!, desks[1]!].map((d) => deskSale(d.token, { performanceId, seats: [{ seatId }] }, 20_000)));
      expectNoServerError(results);
      const won = results.filter((r) => r.status === 201);
      const lost = results.filter((r) => r.status !== 201);
      expect(won, JSON.stringify(results.map((r) => r.body))).toHaveLength(1);
      expect(lost.map((r) => [r.status, r.body.error.code])).toEqual([[409, expect.stringMatching(/^(seats_taken|hold_changed)$/)]]);
      outcomes.push(lost[0]!.body.error.code);
      expect(await scalar(`SELECT count(*) FROM tickets WHERE performance_id = ? AND seat_id = ? AND status = 'valid'`, [performanceId, seatId])).toBe(1);
      expect(won[0]!.body.order.channel).toBe('box_office');
    }
    const sold = await scalar(`SELECT count(*) FROM orders WHERE channel = 'box_office' AND performance_id = ? AND status = 'paid'`, [performanceId]);
    expect(sold).toBe(20);
    console.log(`[race figures] two desks × 20 last seats: 20 sales, 20 refusals (${outcomes.filter((c) => c === 'seats_taken').length} seats_taken, ${outcomes.filter((c) => c === 'hold_changed').length} hold_changed)`);
  });

  it('fifty desk sales at once for the last ten general-admission places: exactly ten sold, forty told it is sold out', async () => {
    const performanceId = server.demo.concertPerformanceIds[1]!;
    const tariffs = (await call('GET', `${SHOP}/performances/${performanceId}`)).body.tariffs as { id: string; name: string; price: number }[];
    const full = tariffs.find((t) => t.name === 'Plein tarif')!;
    // Ten places left: the counter's capacity is what is taken plus ten (nothing is sold of this date yet).
    expect(await scalar('SELECT taken FROM ga_inventory WHERE performance_id = ?', [performanceId])).toBe(0);
    await audit.batch([
      { sql: 'UPDATE ga_inventory SET capacity = 10 WHERE performance_id = ?', args: [performanceId] },
      { sql: 'UPDATE performances SET capacity = 10 WHERE id = ?', args: [performanceId] },
    ]);

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => deskSale(desks[i % desks.length]!.token, { performanceId, quantities: [{ tariffId: full.id, quantity: 1 }] }, full.price)));
    expectNoServerError(results);
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(10);
    expect(new Set(lost.map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['409 capacity_exceeded']));
    expect(await scalar(`SELECT taken - capacity FROM ga_inventory WHERE performance_id = ?`, [performanceId])).toBe(0);
    expect(await scalar(`SELECT count(*) FROM tickets WHERE performance_id = ? AND status = 'valid'`, [performanceId])).toBe(10);
    // Every sale's cash is in its desk's till, nothing more.
    expect(await scalar(`SELECT coalesce(sum(amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.performance_id = ? AND p.till_id IS NOT NULL`, [performanceId])).toBe(10 * full.price);
    console.log(`[race figures] 50 concurrent desk sales (5 desks) for the last 10 GA places: ${won.length} sold, ${lost.length} × 409 capacity_exceeded`);
  });

  it('two closes of one till at once: one closes it, the other is told it was already closed; a sale after it is refused', async () => {
    const desk = desks[4]!;
    const performanceId = server.demo.concertPerformanceIds[0]!;
    const full = ((await call('GET', `${SHOP}/performances/${performanceId}`)).body.tariffs as { id: string; name: string; price: number }[]).find((t) => t.name === 'Plein tarif')!;
    expect((await deskSale(desk.token, { performanceId, quantities: [{ tariffId: full.id, quantity: 1 }] }, full.price)).status).toBe(201);
    const till = (await call('GET', '/api/org/tills/current', undefined, as(desk.token))).body;

    const closes = await Promise.all([
      call('POST', `/api/org/tills/${till.id}/close`, { countedCash: till.expectedCash }, as(desk.token)),
      call('POST', `/api/org/tills/${till.id}/close`, { countedCash: till.expectedCash - 100 }, as(server.demo.token)),
    ]);
    expectNoServerError(closes);
    expect(closes.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = closes.find((r) => r.status === 200)!;
    expect(closes.find((r) => r.status === 409)!.body.error.code).toBe('till_already_closed');
    const row = (await audit.execute({ sql: 'SELECT counted_cash, expected_cash, difference FROM tills WHERE id = ?', args: [till.id] })).rows[0]!;
    expect([Number(row.counted_cash), Number(row.expected_cash), Number(row.difference)]).toEqual([winner.body.countedCash, till.expectedCash, winner.body.difference]);

    const after = await deskSale(desk.token, { performanceId, quantities: [{ tariffId: full.id, quantity: 1 }] }, full.price);
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('till_closed');
  });

  it('sales racing the close of their till: each sale is in the closed till or refused, and the expected cash is exactly what it holds', async () => {
    const desk = desks[3]!;
    const performanceId = server.demo.theatrePerformanceIds[2]!;
    const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
    const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
    const free: number[] = [];
    for (let i = 0; i < plan.body.seats.id.length && free.length < 12; i++) if ((plan.body.seats.flags[i] & 8) === 0) free.push(plan.body.seats.id[i]);
    // The till exists once the first sale went through it.
    expect((await deskSale(desk.token, { performanceId, seats: [{ seatId: free[0]! }] }, 20_000)).status).toBe(201);
    const till = (await call('GET', '/api/org/tills/current', undefined, as(desk.token))).body;
    // This desk may have sold some of the last GA places in the race above: count from here.
    const paymentsBefore = await scalar(`SELECT count(*) FROM payments WHERE till_id = ?`, [till.id]);
    // The holds first, so that the sales (not the carts) race the close.
    const holds = await Promise.all(free.slice(1).map((seatId) => call('POST', '/api/org/box-office/holds', { performanceId, seats: [{ seatId }] }, as(desk.token))));
    expect(holds.map((h) => h.status)).toEqual(holds.map(() => 201));

    const [close, ...sales] = await Promise.all([
      call('POST', `/api/org/tills/${till.id}/close`, { countedCash: 0 }, as(server.demo.token)),
      ...holds.map((h) => call('POST', '/api/org/box-office/sales', { holdId: h.body.id, payment: { method: 'cash', amountGiven: 20_000 } }, as(desk.token))),
    ]);
    expectNoServerError([close!, ...sales]);
    expect(close!.status).toBe(200);
    const sold = sales.filter((r) => r.status === 201);
    const refused = sales.filter((r) => r.status !== 201);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.error.code}`)).size).toBeLessThanOrEqual(1);
    if (refused.length > 0) expect(refused[0]!.body.error.code).toBe('till_closed');
    const inTill = await scalar(`SELECT coalesce(sum(amount), 0) FROM payments WHERE till_id = ? AND method = 'cash'`, [till.id]);
    expect(close!.body.expectedCash).toBe(inTill);
    expect(await scalar(`SELECT count(*) FROM payments WHERE till_id = ?`, [till.id])).toBe(paymentsBefore + sold.length);
    console.log(`[race figures] 11 sales racing their till's close: ${sold.length} went in before it, ${refused.length} refused with till_closed; expected cash ${close!.body.expectedCash} = payments ${inTill}`);
  });
});
