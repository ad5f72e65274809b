import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, performances } from '../../db/schema/catalog.js';
import { gaInventory, seatClaims } from '../../db/schema/inventory.js';
import { outboxMessages } from '../../db/schema/messaging.js';
import { payments, ticketExchanges, tickets } from '../../db/schema/orders.js';
import { exchangeDeadline, quoteExchange, ticketRefusal, targetRefusal } from '../../worker/src/domain/exchange.js';
import { renderMessage } from '../../worker/src/email/render.js';
import { checkoutHold, createTestShop, GOOD_CARD, type PerformanceInfo, performanceInfo, seatsByZone, sf, tariffOf, type TestShop } from './harness.js';

const HOUR = 3_600_000;
const card = { method: 'simulated_card', cardNumber: GOOD_CARD };

describe('exchange rules (pure)', () => {
  const rules = { enabled: true, deadlineHours: 24, fee: 500, refundsDifference: false };
  const ticket = { status: 'valid' as const, admittedAt: null, orderStatus: 'paid', performanceStartsAt: 100 * HOUR };

  it('allows a valid ticket of a paid order until the deadline, staff until the start', () => {
    expect(exchangeDeadline(100 * HOUR, rules)).toBe(76 * HOUR);
    expect(ticketRefusal(ticket, rules, { kind: 'buyer' }, 76 * HOUR - 1)).toBeNull();
    expect(ticketRefusal(ticket, rules, { kind: 'buyer' }, 76 * HOUR)).toBe('exchange_deadline_passed');
    expect(ticketRefusal(ticket, rules, { kind: 'organizer' }, 76 * HOUR)).toBe('exchange_deadline_passed');
    expect(ticketRefusal(ticket, rules, { kind: 'organizer', ignoreDeadline: true }, 99 * HOUR)).toBeNull();
    expect(ticketRefusal(ticket, rules, { kind: 'organizer', ignoreDeadline: true }, 100 * HOUR)).toBe('exchange_deadline_passed');
    expect(ticketRefusal(ticket, { ...rules, enabled: false }, { kind: 'buyer' }, 0)).toBe('exchange_not_offered');
    expect(ticketRefusal(ticket, { ...rules, enabled: false }, { kind: 'organizer' }, 0)).toBeNull();
    expect(ticketRefusal({ ...ticket, status: 'cancelled' }, rules, { kind: 'buyer' }, 0)).toBe('ticket_not_valid');
    expect(ticketRefusal({ ...ticket, status: 'exchanged' }, rules, { kind: 'buyer' }, 0)).toBe('ticket_not_valid');
    expect(ticketRefusal({ ...ticket, admittedAt: 5 }, rules, { kind: 'buyer' }, 0)).toBe('ticket_admitted');
    expect(ticketRefusal({ ...ticket, orderStatus: 'invoiced' }, rules, { kind: 'buyer' }, 0)).toBe('order_not_paid');
  });

  it('only targets another scheduled performance of the same event on sale', () => {
    const from = { id: 'prf_a', eventId: 'evt_1' };
    const target = { id: 'prf_b', eventId: 'evt_1', status: 'scheduled', salesClosed: null };
    expect(targetRefusal(from, target)).toBeNull();
    expect(targetRefusal(from, { ...target, eventId: 'evt_2' })).toBe('other_event');
    expect(targetRefusal(from, { ...target, id: 'prf_a' })).toBe('same_performance');
    expect(targetRefusal(from, { ...target, status: 'cancelled' })).toBe('performance_cancelled');
    expect(targetRefusal(from, { ...target, salesClosed: 'sales_ended' })).toBe('not_on_sale');
  });

  it('charges the positive difference plus the fee; refunds a cheaper seat only when allowed', () => {
    // The old ticket cost 52.00 − 5.20 discount = 46.80.
    expect(quoteExchange({ price: 5200, discount: 520 }, 6800, rules, { kind: 'buyer' })).toEqual({ difference: 2120, fee: 500, amountToPay: 2620, refundDue: 0 });
    expect(quoteExchange({ price: 5200, discount: 0 }, 3500, rules, { kind: 'buyer' })).toEqual({ difference: -1700, fee: 500, amountToPay: 500, refundDue: 0 });
    expect(quoteExchange({ price: 5200, discount: 0 }, 3500, { ...rules, refundsDifference: true }, { kind: 'buyer' })).toEqual({
      difference: -1700,
      fee: 500,
      amountToPay: 500,
      refundDue: 1700,
    });
    expect(quoteExchange({ price: 5200, discount: 0 }, 5200, rules, { kind: 'buyer', waiveFee: true }).amountToPay).toBe(500);
    expect(quoteExchange({ price: 5200, discount: 0 }, 5200, rules, { kind: 'organizer', waiveFee: true }).amountToPay).toBe(0);
  });
});

describe('exchanging a ticket', () => {
  let shop: TestShop;
  let from: string;
  let to: string;
  let info: PerformanceInfo;
  let seats: Record<string, number[]>;
  let order: { number: string; secret: string; tickets: { number: string; seatId: number; qrPayload: string; status: string }[] };

  const db = () => shop.deps.storage.db;
  const path = (suffix = '') => sf(`/orders/${order.number}${suffix}`);
  const exchange = (body: Record<string, unknown>, headers?: Record<string, string>) => shop.call('POST', `${path('/exchanges')}?secret=${order.secret}`, body, headers);
  const options = () => shop.call('GET', `${path('/exchange')}?secret=${order.secret}`);
  const quote = (ticketNumber: string, performanceId: string, seatId?: number) =>
    shop.call('GET', `${path('/exchange/quote')}?secret=${order.secret}&ticketNumber=${ticketNumber}&performanceId=${performanceId}${seatId ? `&seatId=${seatId}` : ''}`);
  const ticketStatus = async (number: string) => (await db().select({ status: tickets.status }).from(tickets).where(eq(tickets.number, number)))[0]?.status;
  const scan = (code: string) => shop.org('POST', '/api/org/checkins', { code });

  async function buy(performanceId: string, seatIds: number[]) {
    const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
    expect(hold.status).toBe(201);
    const paid = await checkoutHold(shop, hold.body.id);
    expect(paid.status).toBe(201);
    return paid.body;
  }

  beforeEach(async () => {
    shop = await createTestShop();
    [from, to] = shop.demo.theatrePerformanceIds as [string, string];
    info = await performanceInfo(shop, from);
    seats = await seatsByZone(shop, info.planId!);
    await db().update(events).set({ exchangeEnabled: true, exchangeDeadlineHours: 24, exchangeFee: 500, exchangeRefundsDifference: false }).where(eq(events.id, shop.demo.theatreEventId));
    order = await buy(from, [seats.C2![0]!, seats.C2![1]!]);
  });
  afterEach(() => shop.close());

  it('lists the exchangeable tickets and the other performances with their tariffs', async () => {
    const res = await options();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orderNumber: order.number, currency: 'CHF', enabled: true, fee: 500, refundsDifference: false, deadlineHours: 24 });
    expect(res.body.tickets).toHaveLength(2);
    expect(res.body.tickets[0]).toMatchObject({ number: order.tickets[0]!.number, performanceId: from, pricePaid: 5200, exchangeable: true, reason: null });
    const targetIds = res.body.targets.map((t: { id: string }) => t.id);
    expect(targetIds).toContain(to);
    expect(res.body.targets.find((t: { id: string }) => t.id === to)).toMatchObject({ seating: 'seated', onSale: true, planId: info.planId });
    expect(res.body.targets[0].tariffs.length).toBe(9);
    // Without the secret the order does not exist for the caller.
    expect((await shop.call('GET', `${path('/exchange')}?secret=${'x'.repeat(26)}`)).status).toBe(404);
  });

  it('swaps the seat in one step: old ticket refused at the door, new one admitted, old seat back on sale, e-mail queued', async () => {
    const old = order.tickets[0]!;
    const target = seats.C1![5]!;
    const q = await quote(old.number, to, target);
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ difference: 6800 - 5200, fee: 500, amountToPay: 2100, refundDue: 0, tariff: { name: 'Plein tarif', price: 6800 }, seat: { id: target } });

    const res = await exchange({ ticketNumber: old.number, performanceId: to, seatId: target, expectedAmount: 2100, payment: card });
    expect(res.status).toBe(201);
    expect(res.body.exchange).toMatchObject({ oldTicketNumber: old.number, fromPerformanceId: from, toPerformanceId: to, difference: 1600, fee: 500, amountCharged: 2100 });
    expect(res.body.ticket).toMatchObject({ performanceId: to, seatId: target, tariffName: 'Plein tarif', price: 6800, status: 'valid' });
    expect(res.body.ticket.number).not.toBe(old.number);

    expect(await ticketStatus(old.number)).toBe('exchanged');
    const [fresh] = await db().select().from(tickets).where(eq(tickets.number, res.body.ticket.number));
    expect(fresh).toMatchObject({ status: 'valid', performanceId: to, orderId: expect.any(String), insurancePremium: 0, passId: null });
    const [exchangeRow] = await db().select().from(ticketExchanges);
    expect(fresh!.replacesTicketId).toBe(exchangeRow!.oldTicketId);
    expect(exchangeRow).toMatchObject({ newTicketId: fresh!.id, actor: 'buyer', amountCharged: 2100, paymentMethod: 'simulated_card' });
    const charged = await db().select().from(payments).where(eq(payments.exchangeId, exchangeRow!.id));
    expect(charged).toMatchObject([{ status: 'captured', amount: 2100, kind: 'charge' }]);

    // The new seat is sold to the order (under its hold, so a whole-order cancellation finds it); the old one is free.
    const [claim] = await db().select().from(seatClaims).where(and(eq(seatClaims.performanceId, to), eq(seatClaims.seatId, target)));
    expect(claim).toMatchObject({ state: 'sold', orderId: fresh!.orderId });
    const again = await shop.call('POST', sf('/holds'), { performanceId: from, seats: [{ seatId: old.seatId }] });
    expect(again.status).toBe(201);

    const oldScan = await scan(old.qrPayload);
    expect(oldScan.status).toBe(409);
    expect(oldScan.body.error).toMatchObject({ code: 'ticket_exchanged', details: { replacedBy: res.body.ticket.number } });
    const newScan = await scan(res.body.ticket.qrPayload);
    expect(newScan.status).toBe(200);
    expect(newScan.body.result).toBe('admitted');

    const mails = await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'ticket_exchanged'));
    expect(mails).toHaveLength(1);
    const rendered = renderMessage({ kind: 'ticket_exchanged', language: 'fr', payload: mails[0]!.payload as never }, { publicUrl: 'http://x' });
    expect(rendered.subject).toContain(res.body.ticket.number);
    expect(rendered.text).toContain(old.number);

    // The order page shows both tickets, the old one exchanged; the options say it cannot be exchanged again.
    const page = await shop.call('GET', `${path()}?secret=${order.secret}`);
    expect(page.body.tickets.map((t: { status: string }) => t.status).sort()).toEqual(['exchanged', 'valid', 'valid']);
    const after = await options();
    expect(after.body.tickets.find((t: { number: string }) => t.number === old.number)).toMatchObject({ exchangeable: false, reason: 'ticket_not_valid' });
    // And the exchanged ticket cannot be exchanged a second time.
    const twice = await exchange({ ticketNumber: old.number, performanceId: to, seatId: seats.C1![6]!, expectedAmount: 2100, payment: card });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ticket_not_valid');
  });

  it('refuses a quote that changed, and does not refund a cheaper seat unless the event allows it', async () => {
    const old = order.tickets[0]!;
    const cheaper = seats.C3![0]!;
    const stale = await exchange({ ticketNumber: old.number, performanceId: to, seatId: cheaper, expectedAmount: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'quote_changed', details: { amountToPay: 500, difference: 3500 - 5200 } });
    expect(await ticketStatus(old.number)).toBe('valid');

    const res = await exchange({ ticketNumber: old.number, performanceId: to, seatId: cheaper, expectedAmount: 500, payment: card });
    expect(res.status).toBe(201);
    expect(res.body.exchange).toMatchObject({ difference: -1700, amountCharged: 500, refundDue: 0 });

    await db().update(events).set({ exchangeRefundsDifference: true, exchangeFee: 0 }).where(eq(events.id, shop.demo.theatreEventId));
    const free = await exchange({ ticketNumber: order.tickets[1]!.number, performanceId: to, seatId: seats.C3![1]!, expectedAmount: 0 });
    expect(free.status).toBe(201);
    expect(free.body.exchange).toMatchObject({ amountCharged: 0, refundDue: 1700, paymentMethod: 'none' });
    expect(await db().select().from(payments).where(eq(payments.exchangeId, free.body.exchange.id))).toEqual([]);
  });

  it('needs a card when something is due, and leaves everything as it was when the card is declined', async () => {
    const old = order.tickets[0]!;
    const body = { ticketNumber: old.number, performanceId: to, seatId: seats.C2![9]!, expectedAmount: 500 };
    expect((await exchange(body)).body.error.code).toBe('payment_required');
    const declined = await exchange({ ...body, payment: { method: 'simulated_card', cardNumber: '4000000000000002' } });
    expect(declined.status).toBe(402);
    expect(declined.body.error.code).toBe('payment_declined');
    expect(await ticketStatus(old.number)).toBe('valid');
    expect(await db().select().from(ticketExchanges)).toEqual([]);
    expect((await shop.call('POST', sf('/holds'), { performanceId: to, seats: [{ seatId: seats.C2![9]! }] })).status).toBe(201);
  });

  it('refuses after the deadline; the box office may pass it, take cash and waive the fee', async () => {
    const [start] = await db().select({ startsAt: performances.startsAt }).from(performances).where(eq(performances.id, from));
    shop.clock.current = start!.startsAt - 23 * HOUR;
    const old = order.tickets[0]!;
    const late = await exchange({ ticketNumber: old.number, performanceId: to, seatId: seats.C2![3]!, expectedAmount: 500, payment: card });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('exchange_deadline_passed');
    expect((await options()).body.tickets[0]).toMatchObject({ exchangeable: false, reason: 'exchange_deadline_passed' });

    const staffNoOverride = await shop.org('POST', `/api/org/orders/${order.number}/exchanges`, { ticketNumber: old.number, performanceId: to, seatId: seats.C2![3]!, expectedAmount: 500, payment: { method: 'cash' } });
    expect(staffNoOverride.body.error.code).toBe('exchange_deadline_passed');
    const staffQuote = await shop.org('GET', `/api/org/orders/${order.number}/exchange/quote?ticketNumber=${old.number}&performanceId=${to}&seatId=${seats.C1![3]!}&ignoreDeadline=true&waiveFee=true`);
    expect(staffQuote.status).toBe(200);
    expect(staffQuote.body).toMatchObject({ difference: 1600, fee: 0, amountToPay: 1600 });
    const staff = await shop.org('POST', `/api/org/orders/${order.number}/exchanges`, {
      ticketNumber: old.number,
      performanceId: to,
      seatId: seats.C1![3]!,
      expectedAmount: 1600,
      payment: { method: 'cash' },
      ignoreDeadline: true,
      waiveFee: true,
    });
    expect(staff.status).toBe(201);
    expect(staff.body.exchange).toMatchObject({ fee: 0, amountCharged: 1600, paymentMethod: 'cash' });
    const [row] = await db().select().from(ticketExchanges);
    expect(row).toMatchObject({ actor: 'organizer', actorTokenId: expect.any(String) });
    expect(await db().select().from(payments).where(eq(payments.exchangeId, row!.id))).toMatchObject([{ provider: 'box_office', method: 'cash', amount: 1600 }]);
  });

  it('online exchange needs the organizer to enable it; the box office does not', async () => {
    await db().update(events).set({ exchangeEnabled: false }).where(eq(events.id, shop.demo.theatreEventId));
    const body = { ticketNumber: order.tickets[0]!.number, performanceId: to, seatId: seats.C2![4]!, expectedAmount: 500 };
    const res = await exchange({ ...body, payment: card });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('exchange_not_offered');
    const staff = await shop.org('POST', `/api/org/orders/${order.number}/exchanges`, { ...body, payment: { method: 'card_terminal' } });
    expect(staff.status).toBe(201);
  });

  it('does the exchange once when retried with the same Idempotency-Key', async () => {
    const body = { ticketNumber: order.tickets[0]!.number, performanceId: to, seatId: seats.C2![5]!, expectedAmount: 500, payment: card };
    const first = await exchange(body, { 'Idempotency-Key': 'exchange-retry-1' });
    const second = await exchange(body, { 'Idempotency-Key': 'exchange-retry-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await db().select().from(ticketExchanges)).toHaveLength(1);
    expect(await db().select().from(payments).where(eq(payments.status, 'captured'))).toHaveLength(2); // the order and the exchange
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'ticket_exchanged'))).toHaveLength(1);
    expect(await db().select().from(tickets)).toHaveLength(3);
  });

  it('refuses a cancelled ticket', async () => {
    const old = order.tickets[0]!;
    const cancelled = await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'tickets', ticketNumbers: [old.number], reason: 'Test', refundMethod: 'none' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);
    const res = await exchange({ ticketNumber: old.number, performanceId: to, seatId: seats.C2![6]!, expectedAmount: 500, payment: card });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ticket_not_valid');
    expect(await db().select().from(ticketExchanges)).toEqual([]);
  });

  it('says so when the seat was just taken, and changes nothing', async () => {
    const wanted = seats.C2![7]!;
    const other = await shop.call('POST', sf('/holds'), { performanceId: to, seats: [{ seatId: wanted }] });
    expect(other.status).toBe(201);
    const old = order.tickets[0]!;
    const res = await exchange({ ticketNumber: old.number, performanceId: to, seatId: wanted, expectedAmount: 500, payment: card });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'seat_taken', details: { seatId: wanted } });
    expect(await ticketStatus(old.number)).toBe('valid');
    expect(await db().select().from(ticketExchanges)).toEqual([]);
    expect(await db().select().from(payments).where(eq(payments.status, 'captured'))).toHaveLength(1);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'ticket_exchanged'))).toEqual([]);
    // The old seat is still the buyer's.
    expect((await shop.call('POST', sf('/holds'), { performanceId: from, seats: [{ seatId: old.seatId }] })).status).toBe(409);

    // Once that hold lapses, the seat can be had by the exchange.
    shop.clock.advance(31 * 60_000);
    const later = await exchange({ ticketNumber: old.number, performanceId: to, seatId: wanted, expectedAmount: 500, payment: card });
    expect(later.status).toBe(201);
  });

  it('a cancellation after an exchange frees the new seat (and leaves the exchanged ticket alone)', async () => {
    const old = order.tickets[0]!;
    const target = seats.C2![11]!;
    const res = await exchange({ ticketNumber: old.number, performanceId: to, seatId: target, expectedAmount: 500, payment: card });
    expect(res.status).toBe(201);
    const cancel = await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'order', reason: 'Test', refundMethod: 'none' });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(201);
    expect(await ticketStatus(res.body.ticket.number)).toBe('cancelled');
    expect(await ticketStatus(old.number)).toBe('exchanged');
    expect(await db().select().from(seatClaims).where(eq(seatClaims.orderId, (await db().select().from(ticketExchanges))[0]!.orderId))).toEqual([]);
    expect((await shop.call('POST', sf('/holds'), { performanceId: to, seats: [{ seatId: target }] })).status).toBe(201);
    expect((await shop.call('POST', sf('/holds'), { performanceId: from, seats: [{ seatId: old.seatId }] })).status).toBe(201);
  });

  it('answers malformed requests with the error envelope, never a 5xx', async () => {
    const old = order.tickets[0]!.number;
    const bodies: unknown[] = [
      {},
      [],
      'null',
      { ticketNumber: old },
      { ticketNumber: 'x', performanceId: to, expectedAmount: 0 },
      { ticketNumber: old, performanceId: 'nope', expectedAmount: 0 },
      { ticketNumber: old, performanceId: to, seatId: -1, expectedAmount: 0 },
      { ticketNumber: old, performanceId: to, seatId: 2 ** 40, expectedAmount: 0 },
      { ticketNumber: old, performanceId: to, seatId: 999_999, expectedAmount: 500 },
      { ticketNumber: old, performanceId: to, seatId: seats.C2![12]!, expectedAmount: 1.5 },
      { ticketNumber: old, performanceId: to, seatId: seats.C2![12]!, expectedAmount: -5 },
      { ticketNumber: old, performanceId: to, seatId: seats.C2![12]!, tariffId: 'trf_unknown1', expectedAmount: 500 },
      { ticketNumber: old, performanceId: to, seatId: seats.C2![12]!, expectedAmount: 500, payment: { method: 'invoice' } },
      { ticketNumber: old, performanceId: to, seatId: seats.C2![12]!, expectedAmount: 500, payment: { method: 'simulated_card', cardNumber: 'abc' } },
      { ticketNumber: old, performanceId: to, seatId: seats.C2![12]!, expectedAmount: 500, ignoreDeadline: true, waiveFee: true },
    ];
    for (const body of bodies) {
      const res = await exchange(body as Record<string, unknown>);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.body.error.code, JSON.stringify(body)).toEqual(expect.any(String));
      const staff = await shop.org('POST', `/api/org/orders/${order.number}/exchanges`, body);
      expect(staff.status, JSON.stringify(body)).toBeLessThan(500);
    }
    for (const query of ['', '?secret=short', `?secret=${order.secret}&ticketNumber=${old}`, `?secret=${order.secret}&ticketNumber=${old}&performanceId=${to}&seatId=abc`]) {
      expect((await shop.call('GET', `${path('/exchange/quote')}${query}`)).status).toBeLessThan(500);
    }
    expect(await ticketStatus(old)).toBe('valid');
    expect((await shop.org('POST', '/api/org/orders/ZZZZ-ZZZZ/exchanges', { ticketNumber: old, performanceId: to, seatId: seats.C2![12]!, expectedAmount: 0 })).status).toBe(404);
  });

  it('refuses a target of another event or the same performance', async () => {
    const old = order.tickets[0]!;
    const other = await exchange({ ticketNumber: old.number, performanceId: shop.demo.concertPerformanceIds[0]!, tariffId: 'trf_xxxxxxxx', expectedAmount: 0 });
    expect(other.body.error.code).toBe('other_event');
    const same = await exchange({ ticketNumber: old.number, performanceId: from, seatId: seats.C2![8]!, expectedAmount: 500 });
    expect(same.body.error.code).toBe('same_performance');
    const noSeat = await exchange({ ticketNumber: old.number, performanceId: to, expectedAmount: 500 });
    expect(noSeat.body.error.code).toBe('seat_required');
    const unknown = await exchange({ ticketNumber: 'TAAA-BBBB-CCCC', performanceId: to, seatId: seats.C2![8]!, expectedAmount: 500 });
    expect(unknown.status).toBe(404);
  });
});

describe('exchanging a general-admission ticket', () => {
  let shop: TestShop;
  afterEach(() => shop.close());

  it('moves one place from one performance to the other', async () => {
    shop = await createTestShop();
    const db = shop.deps.storage.db;
    const [a, b] = shop.demo.concertPerformanceIds as [string, string];
    await db.update(events).set({ exchangeEnabled: true, exchangeFee: 0 }).where(eq(events.id, shop.demo.concertEventId));
    const info = await performanceInfo(shop, a);
    const full = tariffOf(info, null, 'Plein tarif');
    const student = tariffOf(info, null, 'Étudiant');
    const hold = await shop.call('POST', sf('/holds'), { performanceId: a, quantities: [{ tariffId: full.id, quantity: 2 }] });
    const paid = await checkoutHold(shop, hold.body.id);
    expect(paid.status).toBe(201);
    const taken = async (p: string) => (await db.select().from(gaInventory).where(eq(gaInventory.performanceId, p)))[0]!.taken;
    expect([await taken(a), await taken(b)]).toEqual([2, 0]);

    const path = `${sf(`/orders/${paid.body.number}/exchanges`)}?secret=${paid.body.secret}`;
    const first = await shop.call('POST', path, { ticketNumber: paid.body.tickets[0].number, performanceId: b, tariffId: full.id, expectedAmount: 0 });
    expect(first.status).toBe(201);
    expect([await taken(a), await taken(b)]).toEqual([1, 1]);
    // A cheaper tariff: nothing to pay, nothing refunded (the event does not allow it).
    const second = await shop.call('POST', path, { ticketNumber: paid.body.tickets[1].number, performanceId: b, tariffId: student.id, expectedAmount: 0 });
    expect(second.status).toBe(201);
    expect(second.body.exchange).toMatchObject({ difference: -1000, refundDue: 0 });
    expect([await taken(a), await taken(b)]).toEqual([0, 2]);
    const noTariff = await shop.call('POST', path, { ticketNumber: second.body.ticket.number, performanceId: a, expectedAmount: 0 });
    expect(noTariff.body.error.code).toBe('tariff_required');
  });
});
