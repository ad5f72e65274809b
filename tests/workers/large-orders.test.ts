import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertStoredLedgerIntact, buyer, call, expectOk, GOOD_CARD, heldSeats, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop, soldSeats } from './helpers';

/**
 * D1 binds at most 100 parameters per statement. Group orders (the organizer raised the
 * per-order limit) must still hold, change and sell in one go.
 */
describe('group orders within D1 statement limits', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatre: SeatedPerformance;
  // The ledger's invariants after every test (tests/shared/ledger-audit.ts).
  afterEach(() => assertStoredLedgerIntact());
  beforeAll(async () => {
    demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[3]!);
    const shop = await demo.org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 40 });
    expect(shop.status).toBe(200);
  });

  it('holds 25 seats, adds 15 more, and sells all 40', async () => {
    const first = theatre.seatIds.slice(0, 25);
    const more = theatre.seatIds.slice(25, 40);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: first.map((seatId) => ({ seatId })) }), 201);
    expect(hold.body.seats).toHaveLength(25);
    const grown = expectOk(await call('PATCH', `${SHOP}/holds/${hold.body.id}`, { addSeats: more.map((seatId) => ({ seatId })) }), 200);
    expect(grown.body.seats).toHaveLength(40);
    expect(await heldSeats(theatre.performanceId)).toEqual([...first, ...more]);

    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    expect(order.body.tickets).toHaveLength(40);
    expect(await soldSeats(theatre.performanceId)).toEqual([...first, ...more]);
  });

  it('holds the largest order a shop may allow: 50 seats (the most one request names), then 50 more', async () => {
    expect((await demo.org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 100 })).status).toBe(200);
    const other = await seatedPerformance(demo.theatrePerformanceIds[2]!);
    const wanted = other.seatIds.slice(0, 100);
    expect(wanted).toHaveLength(100);
    const body = { performanceId: other.performanceId, seats: wanted.slice(0, 50).map((seatId) => ({ seatId })) };
    const hold = expectOk(await call('POST', `${SHOP}/holds`, body, { 'Idempotency-Key': 'group-100' }), 201);
    expect(hold.body.seats).toHaveLength(50);
    const grown = expectOk(await call('PATCH', `${SHOP}/holds/${hold.body.id}`, { addSeats: wanted.slice(50).map((seatId) => ({ seatId })) }), 200);
    expect(grown.body.seats).toHaveLength(100);
    expect(await heldSeats(other.performanceId)).toEqual(wanted);
    expect((await demo.org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 40 })).status).toBe(200);
  });

  it('sells 40 general-admission tickets of three tariffs', async () => {
    const performanceId = demo.concertPerformanceIds[1]!;
    const perf = expectOk(await call('GET', `${SHOP}/performances/${performanceId}`), 200);
    const quantities = (perf.body.tariffs as { id: string }[]).map((t, i) => ({ tariffId: t.id, quantity: [20, 15, 5][i]! }));
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId, quantities }), 201);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    expect(order.body.tickets).toHaveLength(40);
    expect(expectOk(await call('GET', `${SHOP}/performances/${performanceId}/availability`), 200).body.remaining).toBe(260);
  });
});
