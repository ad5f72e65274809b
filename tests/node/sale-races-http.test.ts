import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CART_CHANGES, type CartChange, changeRequest, expectedOrder, initialSeats, orderSeatIds, RACE_OFFSETS_MS, RACE_PROMO, type RaceSeats } from '../shared/cart-change-races.js';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { httpJson, type HttpResult, type RunningServer, startServer } from './http-server.js';

/**
 * A cart changed while it is being paid, over real HTTP against the production Node build:
 * the checkout and a change of the same hold (seat swapped, removed or added, tariff changed,
 * code applied or removed) are sent together, the change 0–10 ms after the checkout. Every
 * answer must be 2xx or 409 with a reason, the order must hold exactly what its answer says,
 * and the ledger audit (tests/shared/ledger-audit.ts) must find nothing, after each kind of
 * change and after a second buyer has tried to buy every seat involved. The same for pay by
 * invoice, and for an exchange racing a cancellation of the same ticket. Nothing here asserts
 * on timing: the offsets only spread the change over the checkout's steps.
 */

const SHOP = '/api/shops/shp_demo';
const ROUNDS_PER_OFFSET = 10;
const GOOD_CARD = '4242424242424242';
const buyer = { name: 'Race Buyer', email: 'race.buyer@example.ch', language: 'fr' as const };
const card = { method: 'simulated_card', cardNumber: GOOD_CARD };

interface Seat {
  seatId: number;
  performanceId: string;
  tariffIds: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('checkout racing a change of the same cart, over real HTTP', () => {
  let server: RunningServer;
  let audit: Client;
  /** Free seats per theatre performance, handed out in order so that no two rounds share one. */
  const pools = new Map<string, Seat[]>();
  const tally = new Map<string, number>();

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const org = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${server.demo.token}` });
  const query = async (sql: string) => (await audit.execute(sql)).rows.map((r) => ({ ...r }) as Record<string, unknown>);
  const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
  const take = (performanceId: string, n: number, needsTwoTariffs = false) => {
    const pool = pools.get(performanceId)!;
    const picked: Seat[] = [];
    for (let i = 0; i < pool.length && picked.length < n; ) {
      if (!needsTwoTariffs || pool[i]!.tariffIds.length >= 2) picked.push(...pool.splice(i, 1));
      else i++;
    }
    expect(picked).toHaveLength(n);
    return picked;
  };
  /** 2xx, or 409 with one of the reasons a buyer can act on; never anything else. */
  const expectCoherent = (label: string, res: HttpResult, reasons: string[]) => {
    if (res.status >= 200 && res.status < 300) return;
    expect({ label, status: res.status, code: res.body?.error?.code }, server.output().slice(-2000)).toMatchObject({ status: 409 });
    expect(reasons, `${label}: ${JSON.stringify(res.body)}`).toContain(res.body.error.code);
  };

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    for (const performanceId of server.demo.theatrePerformanceIds) {
      const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
      if (!performance.body.onSale) continue;
      const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
      const seats: Seat[] = [];
      for (let i = 0; i < plan.body.seats.id.length; i++) {
        if ((plan.body.seats.flags[i] & 8) !== 0) continue;
        const zoneId = plan.body.zones[plan.body.seats.zone[i]].id;
        const tariffIds = (performance.body.tariffs as any[]).filter((t) => t.zoneId === zoneId && !t.hidden).map((t) => t.id as string);
        seats.push({ seatId: plan.body.seats.id[i], performanceId, tariffIds });
      }
      pools.set(performanceId, seats);
    }
    expect(pools.size).toBeGreaterThanOrEqual(3);
  }, 120_000);

  afterAll(async () => {
    audit?.close();
    await server?.stop();
    console.log(`sale races: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
  });

  /** A second buyer tries every seat the rounds touched; whatever is free they buy, the rest is refused. */
  async function secondBuyerSweeps(seats: Seat[]) {
    for (const seat of seats) {
      const hold = await call('POST', `${SHOP}/holds`, { performanceId: seat.performanceId, seats: [{ seatId: seat.seatId }] });
      expectCoherent('second buyer hold', hold, ['seats_taken']);
      if (hold.status !== 201) continue;
      const paid = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: card });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      count('second buyer bought a freed seat');
    }
  }

  /** One round: a hold, then its checkout and a change of it, the change `offset` ms later. */
  async function raceRound(change: CartChange, performanceId: string, offset: number, payment: Record<string, unknown>): Promise<Seat[]> {
    const [x, z, y] = take(performanceId, 3, change === 'tariff') as [Seat, Seat, Seat];
    const seats: RaceSeats = { x: x.seatId, y: y.seatId, z: z.seatId, otherTariffOfX: x.tariffIds[1] };
    const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: initialSeats(change, seats).map((seatId) => ({ seatId })) });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const holdPath = `${SHOP}/holds/${hold.body.id}`;
    if (change === 'code_remove') expect((await call('POST', `${holdPath}/codes`, { code: RACE_PROMO })).status).toBe(200);

    const request = changeRequest(change, holdPath, seats);
    const checkout = call('POST', `${holdPath}/checkout`, { buyer, payment });
    await sleep(offset);
    const [paid, changed] = await Promise.all([checkout, call(request.method, request.path, request.body)]);
    expectCoherent(`${change} checkout`, paid, ['hold_changed', 'hold_empty']);
    expectCoherent(`${change} change`, changed, ['hold_converted']);
    count(`${change}: checkout ${paid.status}, change ${changed.status}`);

    if (paid.status === 201) {
      // The order holds exactly the cart as it was when it was priced: with the change if the change answered 2xx first.
      const expected = expectedOrder(change, seats, changed.status === 200);
      expect(paid.body.status).toBe(payment.method === 'invoice' ? 'invoiced' : 'paid');
      expect(orderSeatIds(paid.body)).toEqual(expected.seatIds);
      expect(paid.body.codes).toEqual(expected.codes);
      if (expected.tariffOfX) expect(paid.body.tickets[0].tariffId).toBe(expected.tariffOfX);
    }
    return [x, y, z];
  }

  for (const [index, change] of CART_CHANGES.entries()) {
    it(`card checkout against ${change.replace('_', ' ')}: ${RACE_OFFSETS_MS.length * ROUNDS_PER_OFFSET} rounds, no seat sold twice`, async () => {
      const performanceId = server.demo.theatrePerformanceIds.filter((id) => pools.has(id))[index % 2]!;
      const touched: Seat[] = [];
      for (const offset of RACE_OFFSETS_MS) for (let r = 0; r < ROUNDS_PER_OFFSET; r++) touched.push(...(await raceRound(change, performanceId, offset, card)));
      await assertLedgerIntact(query, `after the ${change} races`);
      await secondBuyerSweeps(touched);
      await assertLedgerIntact(query, `after a second buyer tried the ${change} seats`);
    }, 240_000);
  }

  for (const change of ['swap', 'remove'] as const) {
    it(`invoice checkout against ${change}, then each invoice paid: no seat sold twice`, async () => {
      const performanceId = server.demo.theatrePerformanceIds.filter((id) => pools.has(id))[2]!;
      const touched: Seat[] = [];
      const before = Number((await query(`SELECT count(*) AS n FROM orders WHERE status = 'invoiced'`))[0]!.n);
      for (const offset of RACE_OFFSETS_MS) for (let r = 0; r < 4; r++) touched.push(...(await raceRound(change, performanceId, offset, { method: 'invoice' })));
      await assertLedgerIntact(query, `after the invoice ${change} races`);
      const invoiced = await query(`SELECT number, total - paid_by_vouchers AS due FROM orders WHERE status = 'invoiced'`);
      expect(invoiced.length).toBeGreaterThan(before);
      for (const order of invoiced) {
        const paid = await org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: Number(order.due) });
        expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      }
      await assertLedgerIntact(query, `after the invoices of the ${change} races were paid`);
      await secondBuyerSweeps(touched);
      await assertLedgerIntact(query, `after a second buyer tried the invoice ${change} seats`);
    }, 240_000);
  }

  it('exchange racing a cancellation of the same ticket (single ticket or whole order): one outcome, no seat sold twice', async () => {
    const [fromId, toId] = server.demo.theatrePerformanceIds.filter((id) => pools.has(id)).slice(1, 3) as [string, string];
    const touched: Seat[] = [];
    for (const offset of RACE_OFFSETS_MS) {
      for (let r = 0; r < 8; r++) {
        const scope = r % 2 === 0 ? 'tickets' : 'order';
        const seats = take(fromId, 2);
        const [target] = take(toId, 1);
        touched.push(...seats, target!);
        const hold = await call('POST', `${SHOP}/holds`, { performanceId: fromId, seats: seats.map((s) => ({ seatId: s.seatId })) });
        const order = (await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: card })).body;
        const ticket = order.tickets[0];
        const quote = await call(
          'GET',
          `${SHOP}/orders/${order.number}/exchange/quote?secret=${order.secret}&ticketNumber=${ticket.number}&performanceId=${toId}&seatId=${target!.seatId}`,
        );
        expect(quote.status, JSON.stringify(quote.body)).toBe(200);
        const exchange = call('POST', `${SHOP}/orders/${order.number}/exchanges?secret=${order.secret}`, {
          ticketNumber: ticket.number,
          performanceId: toId,
          seatId: target!.seatId,
          expectedAmount: quote.body.amountToPay,
          ...(quote.body.amountToPay > 0 ? { payment: card } : {}),
        });
        await sleep(offset);
        const cancellation = await org('POST', `/api/org/orders/${order.number}/cancellations`, {
          scope,
          ...(scope === 'tickets' ? { ticketNumbers: [ticket.number] } : {}),
          reason: 'race test',
          refundMethod: 'none',
          notifyBuyer: false,
        });
        const exchanged = await exchange;
        expectCoherent('exchange', exchanged, ['ticket_not_valid', 'order_not_paid', 'ticket_admitted']);
        expectCoherent('cancellation', cancellation, ['ticket_not_cancellable', 'order_already_cancelled', 'order_changed']);
        count(`exchange vs cancel ${scope}: exchange ${exchanged.status}, cancel ${cancellation.status}`);
        // A single ticket is exchanged or cancelled, never both.
        if (scope === 'tickets') expect([exchanged.status, cancellation.status].filter((s) => s < 300)).toHaveLength(1);
      }
    }
    await assertLedgerIntact(query, 'after the exchange and cancellation races');
    await secondBuyerSweeps(touched);
    await assertLedgerIntact(query, 'after a second buyer tried the exchanged and cancelled seats');
  }, 240_000);
});
