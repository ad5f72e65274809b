import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CART_CHANGES, type CartChange, changeRequest, expectedOrder, initialSeats, orderSeatIds, RACE_OFFSETS_MS, RACE_PROMO, type RaceSeats } from '../shared/cart-change-races';
import { assertStoredLedgerIntact, type ApiResponse, buyer, call, GOOD_CARD, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';

/**
 * The cart changed while it is being paid, inside workerd over D1: a checkout and a change
 * of the same hold (seat swapped, removed or added, tariff, code) sent together, the change
 * 0–10 ms later; pay by invoice the same; an exchange racing a cancellation of its ticket.
 * Each answer is 2xx or 409 with a reason, a paid order holds exactly what its answer says,
 * and the ledger audit finds nothing after every test.
 */

const card = { method: 'simulated_card', cardNumber: GOOD_CARD };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('checkout racing a change of the same cart in workerd (D1)', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatres: SeatedPerformance[];
  const used = new Set<string>();
  const outcomes = new Map<string, number>();

  beforeAll(async () => {
    demo = await seedDemoShop();
    theatres = await Promise.all(demo.theatrePerformanceIds.slice(0, 3).map((id) => seatedPerformance(id)));
  });
  afterEach(() => assertStoredLedgerIntact());

  /** Seats of a performance no earlier round used (with two public tariffs in their zone when asked). */
  function take(theatre: SeatedPerformance, n: number, twoTariffs = false) {
    const picked = theatre.seatIds.filter((seatId) => {
      const key = `${theatre.performanceId}:${seatId}`;
      const zone = theatre.zoneOf.get(seatId);
      return !used.has(key) && (!twoTariffs || theatre.tariffs.filter((t) => t.zoneId === zone).length >= 2);
    });
    const seats = picked.slice(0, n);
    for (const seatId of seats) used.add(`${theatre.performanceId}:${seatId}`);
    expect(seats).toHaveLength(n);
    return seats;
  }
  const expectCoherent = (label: string, res: ApiResponse, reasons: string[]) => {
    if (res.status >= 200 && res.status < 300) return;
    expect({ label, status: res.status }).toEqual({ label, status: 409 });
    expect(reasons, `${label}: ${JSON.stringify(res.body)}`).toContain(res.body.error.code);
  };

  async function raceRound(theatre: SeatedPerformance, change: CartChange, offset: number, payment: Record<string, unknown>) {
    const [x, z, y] = take(theatre, 3, change === 'tariff') as [number, number, number];
    const seats: RaceSeats = { x, y, z, otherTariffOfX: theatre.tariffs.filter((t) => t.zoneId === theatre.zoneOf.get(x))[1]?.id };
    const hold = await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: initialSeats(change, seats).map((seatId) => ({ seatId })) });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const holdPath = `${SHOP}/holds/${hold.body.id}`;
    if (change === 'code_remove') expect((await call('POST', `${holdPath}/codes`, { code: RACE_PROMO })).status).toBe(200);
    const request = changeRequest(change, holdPath, seats);
    const checkout = call('POST', `${holdPath}/checkout`, { buyer, payment });
    await sleep(offset);
    const [paid, changed] = await Promise.all([checkout, call(request.method, request.path, request.body)]);
    expectCoherent(`${change} checkout`, paid, ['hold_changed', 'hold_empty']);
    expectCoherent(`${change} change`, changed, ['hold_converted']);
    const key = `${change}: checkout ${paid.status}, change ${changed.status}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    if (paid.status !== 201) return;
    const expected = expectedOrder(change, seats, changed.status === 200);
    expect(orderSeatIds(paid.body)).toEqual(expected.seatIds);
    expect(paid.body.codes).toEqual(expected.codes);
  }

  for (const change of CART_CHANGES) {
    it(`card checkout against ${change.replace('_', ' ')}, ${RACE_OFFSETS_MS.length * 3} rounds`, async () => {
      for (const offset of RACE_OFFSETS_MS) for (let r = 0; r < 3; r++) await raceRound(theatres[0]!, change, offset, card);
    });
  }

  it('invoice checkout against seat swaps and removals, then every invoice paid', async () => {
    for (const offset of RACE_OFFSETS_MS) {
      await raceRound(theatres[1]!, 'swap', offset, { method: 'invoice' });
      await raceRound(theatres[1]!, 'remove', offset, { method: 'invoice' });
    }
    await assertStoredLedgerIntact('invoiced, not yet paid');
    const list = await demo.org('GET', '/api/org/orders?status=invoiced&limit=100');
    expect(list.status).toBe(200);
    for (const order of list.body.orders as any[]) {
      const paid = await demo.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    }
  });

  it('an exchange racing the cancellation of its ticket: one of them, never both', async () => {
    for (const offset of RACE_OFFSETS_MS) {
      for (const scope of ['tickets', 'order'] as const) {
        const seats = take(theatres[1]!, 2);
        const [target] = take(theatres[2]!, 1);
        const hold = await call('POST', `${SHOP}/holds`, { performanceId: theatres[1]!.performanceId, seats: seats.map((seatId) => ({ seatId })) });
        const order = (await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: card })).body;
        const ticket = order.tickets[0];
        const toId = theatres[2]!.performanceId;
        const quote = await call('GET', `${SHOP}/orders/${order.number}/exchange/quote?secret=${order.secret}&ticketNumber=${ticket.number}&performanceId=${toId}&seatId=${target}`);
        expect(quote.status, JSON.stringify(quote.body)).toBe(200);
        const exchange = call('POST', `${SHOP}/orders/${order.number}/exchanges?secret=${order.secret}`, {
          ticketNumber: ticket.number,
          performanceId: toId,
          seatId: target,
          expectedAmount: quote.body.amountToPay,
          ...(quote.body.amountToPay > 0 ? { payment: card } : {}),
        });
        await sleep(offset);
        const cancellation = await demo.org('POST', `/api/org/orders/${order.number}/cancellations`, {
          scope,
          ...(scope === 'tickets' ? { ticketNumbers: [ticket.number] } : {}),
          reason: 'race test',
          refundMethod: 'none',
          notifyBuyer: false,
        });
        const exchanged = await exchange;
        expectCoherent('exchange', exchanged, ['ticket_not_valid', 'order_not_paid']);
        expectCoherent('cancellation', cancellation, ['ticket_not_cancellable', 'order_already_cancelled', 'order_changed']);
        if (scope === 'tickets') expect([exchanged.status, cancellation.status].filter((s) => s < 300)).toHaveLength(1);
      }
    }
    console.log(`workerd sale races: ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}`);
  });
});
