import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertStoredLedgerIntact, buyer, call, expectOk, GOOD_CARD, SHOP, seatedPerformance, seedDemoShop } from './helpers';
import { storedRows, storedValue } from './stored-sql';

/**
 * The exchange batch on D1: free the old seat, take the new one, invalidate the old ticket,
 * issue the new one, charge and queue the e-mail, all or nothing; a taken seat changes nothing.
 */
describe('ticket exchange in workerd on D1', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let order: { number: string; secret: string; tickets: { number: string; seatId: number; qrPayload: string }[] };
  let from: Awaited<ReturnType<typeof seatedPerformance>>;
  let to: string;
  const exchange = (body: Record<string, unknown>) => call('POST', `${SHOP}/orders/${order.number}/exchanges?secret=${order.secret}`, body);
  const count = async (sql: string, ...args: (string | number)[]) => Number(await storedValue(sql, ...args));

  // The ledger's invariants after every test (tests/shared/ledger-audit.ts).
  afterEach(() => assertStoredLedgerIntact());
  beforeAll(async () => {
    demo = await seedDemoShop();
    from = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    to = demo.theatrePerformanceIds[1]!;
    await storedRows('UPDATE events SET exchange_enabled = 1, exchange_fee = 500, exchange_deadline_hours = 24 WHERE id = ?', demo.theatreEventId);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: from.performanceId, seats: from.seatIds.slice(0, 2).map((seatId) => ({ seatId })) }), 201);
    order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201).body;
  });

  it('exchanges a ticket for a seat of another performance; a taken seat changes nothing', async () => {
    const options = expectOk(await call('GET', `${SHOP}/orders/${order.number}/exchange?secret=${order.secret}`), 200);
    expect(options.body.tickets[0]).toMatchObject({ exchangeable: true });
    const target = from.seatIds[40]!; // same plan, same zone order as performance 0
    const quote = expectOk(await call('GET', `${SHOP}/orders/${order.number}/exchange/quote?secret=${order.secret}&ticketNumber=${order.tickets[0]!.number}&performanceId=${to}&seatId=${target}`), 200);
    const res = await exchange({ ticketNumber: order.tickets[0]!.number, performanceId: to, seatId: target, expectedAmount: quote.body.amountToPay, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await count("SELECT count(*) FROM tickets WHERE status = 'exchanged'")).toBe(1);
    expect(await count('SELECT count(*) FROM seat_claims WHERE performance_id = ? AND seat_id = ?', from.performanceId, order.tickets[0]!.seatId)).toBe(0);
    expect(await count("SELECT count(*) FROM seat_claims WHERE performance_id = ? AND seat_id = ? AND state = 'sold'", to, target)).toBe(1);
    expect(await count("SELECT count(*) FROM outbox_messages WHERE kind = 'ticket_exchanged'")).toBe(1);

    const oldScan = await demo.org('POST', '/api/org/checkins', { code: order.tickets[0]!.qrPayload });
    expect(oldScan.body.error.code).toBe('ticket_exchanged');
    expect((await demo.org('POST', '/api/org/checkins', { code: res.body.ticket.qrPayload })).status).toBe(200);

    // The second ticket wants the seat just taken: refused, nothing changed.
    const lost = await exchange({ ticketNumber: order.tickets[1]!.number, performanceId: to, seatId: target, expectedAmount: quote.body.amountToPay, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(lost.status).toBe(409);
    expect(lost.body.error.code).toBe('seat_taken');
    expect(await count("SELECT count(*) FROM tickets WHERE status = 'exchanged'")).toBe(1);
    expect(await count('SELECT count(*) FROM ticket_exchanges')).toBe(1);
    expect(await count("SELECT count(*) FROM seat_claims WHERE performance_id = ? AND seat_id = ? AND state = 'sold'", from.performanceId, order.tickets[1]!.seatId)).toBe(1);
  });
});
