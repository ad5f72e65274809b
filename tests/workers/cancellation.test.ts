import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertStoredLedgerIntact, availability, buyer, call, expectOk, GOOD_CARD, SHOP, seatedPerformance, seedDemoShop, soldSeats } from './helpers';

/**
 * Cancelling on D1 inside workerd: one batch per cancellation within D1's limits, seats and
 * general-admission places back on sale, the simulated card refunded, the accounting CSV.
 */
describe('cancelling orders and tickets in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  // The ledger's invariants after every test (tests/shared/ledger-audit.ts).
  afterEach(() => assertStoredLedgerIntact());
  beforeAll(async () => {
    demo = await seedDemoShop();
  });

  const cancel = (number: string, body: Record<string, unknown>) => demo.org('POST', `/api/org/orders/${number}/cancellations`, { reason: 'Box office', ...body });

  it('cancels chosen seated tickets, then the rest with a card refund; the door refuses them', async () => {
    const theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    const seats = theatre.seatIds.slice(0, 3);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) }), 201);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201).body;
    const [first, ...rest] = order.tickets as { number: string; seatId: number; qrPayload: string; price: number }[];

    const results = await Promise.all([1, 2].map(() => cancel(order.number, { scope: 'tickets', ticketNumbers: [first!.number], refundMethod: 'cash' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await soldSeats(theatre.performanceId)).sort()).toEqual(rest.map((t) => t.seatId).sort());
    expect((await demo.org('POST', '/api/org/checkins', { code: first!.qrPayload })).body.error.code).toBe('ticket_cancelled');

    const whole = expectOk(await cancel(order.number, { scope: 'order', refundMethod: 'card_refund' }), 201).body;
    expect(whole.order.status).toBe('cancelled');
    expect(whole.cancellation.refund).toMatchObject({ method: 'card_refund', amount: rest.reduce((sum, t) => sum + t.price, 0), status: 'refunded' });
    expect(await soldSeats(theatre.performanceId)).toEqual([]);
    expect((await demo.org('POST', '/api/org/checkins', { code: rest[0]!.qrPayload })).body.error.code).toBe('ticket_cancelled');
  });

  it('gives general-admission places back one by one', async () => {
    const concert = demo.concertPerformanceIds[0]!;
    const perf = expectOk(await call('GET', `${SHOP}/performances/${concert}`), 200).body;
    const tariff = (perf.tariffs as { id: string; price: number }[]).find((t) => t.price > 0)!;
    const start = (await availability(concert)).remaining as number;
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: concert, quantities: [{ tariffId: tariff.id, quantity: 3 }] }), 201);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201).body;
    expect((await availability(concert)).remaining).toBe(start - 3);
    expectOk(await cancel(order.number, { scope: 'tickets', ticketNumbers: [order.tickets[0].number], refundMethod: 'none' }), 201);
    expect((await availability(concert)).remaining).toBe(start - 2);
    expectOk(await cancel(order.number, { scope: 'order', refundMethod: 'voucher' }), 201);
    expect((await availability(concert)).remaining).toBe(start);

    const csv = expectOk(await demo.org('GET', '/api/org/cancellations.csv'), 200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="cancellations-all-all.csv"');
    const lines = (csv.body as string).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 4);
    expect(lines.at(-1)).toContain(`,${order.number},order,2,`);
    expect(lines.at(-1)).toContain(',voucher,');
  });

  it('cancels a group order of 100 tickets in one batch within D1 limits, then names them all in the list', async () => {
    expectOk(await demo.org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 100 }), 200);
    const theatre = await seatedPerformance(demo.theatrePerformanceIds[2]!);
    const seats = theatre.seatIds.slice(100, 200);
    // A request holds at most 50 seats; the hold grows to 100 in a second step.
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.slice(0, 50).map((seatId) => ({ seatId })) }), 201);
    expectOk(await call('PATCH', `${SHOP}/holds/${hold.body.id}`, { addSeats: seats.slice(50).map((seatId) => ({ seatId })) }), 200);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201).body;
    expect(order.tickets).toHaveLength(100);
    const numbers = (order.tickets as { number: string }[]).map((t) => t.number);
    const res = expectOk(await cancel(order.number, { scope: 'tickets', ticketNumbers: numbers, refundMethod: 'bank_transfer' }), 201).body;
    expect(res.order.status).toBe('cancelled');
    expect(res.cancellation.ticketCount).toBe(100);
    expect(res.cancellation.tickets).toHaveLength(100);
    expect(await soldSeats(theatre.performanceId)).toEqual([]);
  });
});
