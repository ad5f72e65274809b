import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicketPayload } from '../../worker/src/domain/ticket-signature';
import { assertStoredLedgerIntact, buyer, call, DECLINED_CARD, expectOk, GOOD_CARD, heldSeats, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop, soldSeats } from './helpers';

describe('checkout in workerd over D1', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatre: SeatedPerformance;
  let publicKey: string;
  // The ledger's invariants after every test (tests/shared/ledger-audit.ts).
  afterEach(() => assertStoredLedgerIntact());
  beforeAll(async () => {
    demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    publicKey = expectOk(await call('GET', `${SHOP}/public-key`), 200).body.publicKey;
  });

  it('sells seats with the simulated card and issues tickets signed with the shop key', async () => {
    const seats = theatre.seatIds.slice(0, 2);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) }), 201);
    const order = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'paid', total: hold.body.total, currency: 'CHF', paymentMethod: 'simulated_card', buyer });
    expect(order.body.number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(order.body.tickets.map((t: { seatId: number }) => t.seatId).sort()).toEqual(seats);

    for (const ticket of order.body.tickets as { number: string; qrPayload: string }[]) {
      const claims = await verifyTicketPayload(publicKey, ticket.qrPayload);
      expect(claims).toEqual({ shopId: 'shp_demo', ticketNumber: ticket.number, performanceId: theatre.performanceId });
      const tampered = ticket.qrPayload.replace(theatre.performanceId, demo.theatrePerformanceIds[1]!);
      expect(await verifyTicketPayload(publicKey, tampered)).toBeNull();
    }

    expect(await soldSeats(theatre.performanceId)).toEqual(seats);
    expect(await heldSeats(theatre.performanceId)).toEqual([]);
    const again = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'hold_converted', details: { orderNumber: order.body.number } });

    const page = expectOk(await call('GET', `${SHOP}/orders/${order.body.number}?secret=${order.body.secret}`), 200);
    expect(page.body.tickets).toEqual(order.body.tickets);
    const noSecret = await call('GET', `${SHOP}/orders/${order.body.number}`);
    expect(noSecret.status).toBe(404);
    expect(noSecret.body.error.code).toBe('order_not_found');
  });

  it('sells a full order of ten seats (the shop maximum) in one batch', async () => {
    const seats = theatre.seatIds.slice(100, 110);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) }), 201);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    expect(order.body.tickets).toHaveLength(10);
    expect((await soldSeats(theatre.performanceId)).filter((id) => seats.includes(id))).toEqual(seats);
  });

  it('places a free general-admission order without payment', async () => {
    const performanceId = demo.concertPerformanceIds[0]!;
    const perf = expectOk(await call('GET', `${SHOP}/performances/${performanceId}`), 200);
    const free = (perf.body.tariffs as { id: string; price: number }[]).find((t) => t.price === 0)!;
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId: free.id, quantity: 3 }] }), 201);
    expect(hold.body.total).toBe(0);

    const paying = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(paying.status).toBe(400);
    expect(paying.body.error.code).toBe('payment_not_needed');

    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'free' } }), 201);
    expect(order.body).toMatchObject({ status: 'paid', total: 0, paymentMethod: 'free' });
    expect(order.body.tickets).toHaveLength(3);
    expect(order.body.tickets.every((t: { seatId: null; price: number }) => t.seatId === null && t.price === 0)).toBe(true);
    for (const ticket of order.body.tickets as { qrPayload: string }[]) expect(await verifyTicketPayload(publicKey, ticket.qrPayload)).not.toBeNull();
    const availability = expectOk(await call('GET', `${SHOP}/performances/${performanceId}/availability`), 200);
    expect(availability.body.remaining).toBe(297);
  });

  it('keeps the hold after a declined card, and a retry with another card pays', async () => {
    const seat = theatre.seatIds[50]!;
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: seat }] }), 201);
    const declined = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: DECLINED_CARD } });
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ code: 'payment_declined', details: { declineCode: 'card_declined' } });
    const { orderNumber, orderSecret } = declined.body.error.details;

    const pending = expectOk(await call('GET', `${SHOP}/orders/${orderNumber}`, undefined, { 'X-Order-Secret': orderSecret }), 200);
    expect(pending.body).toMatchObject({ status: 'pending', holdId: hold.body.id, lastDeclineCode: 'card_declined', tickets: [] });
    expect(await heldSeats(theatre.performanceId)).toContain(seat);
    const still = expectOk(await call('GET', `${SHOP}/holds/${hold.body.id}`), 200);
    expect(still.body.status).toBe('active');

    const paid = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    expect(paid.body).toMatchObject({ number: orderNumber, status: 'paid', lastDeclineCode: null });
    expect(paid.body.tickets.map((t: { seatId: number }) => t.seatId)).toEqual([seat]);
    expect(await soldSeats(theatre.performanceId)).toContain(seat);
  });

  it('refuses to take money for a free method on a paying order', async () => {
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[60]! }] }), 201);
    const res = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'free' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('payment_required');
  });
});
