import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoiceReminders, orderCancellations } from '../../db/schema/orders.js';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { withOrderFacts } from '../../worker/src/services/deferred-facts.js';
import { availability, createTestShop, sf, type TestShop } from './harness.js';
import { farPerformance, messagesOf, orderByInvoice, orderRow, runJobs, useMail, zurichDayAt } from './invoice-helpers.js';

const MINUTE = 60_000;
// 15:00 in Zurich on 20 March 2031: the 30 days of the default rule cross the spring change to summer time (30 March).
const ORDERED_AT = Date.parse('2031-03-20T14:00:00Z');

describe('invoice deadlines, travelling in time with the test clock', () => {
  let shop: TestShop;
  let performance: { performanceId: string; seats: number[] };
  beforeEach(async () => {
    shop = await createTestShop();
    shop.clock.current = ORDERED_AT;
    useMail(shop);
    performance = await farPerformance(shop, 120);
  });
  afterEach(() => shop.close());

  const remindersOf = async (number: string) => {
    const order = await orderRow(shop, number);
    return shop.deps.storage.db.select().from(invoiceReminders).where(eq(invoiceReminders.orderId, order.id)).orderBy(asc(invoiceReminders.number));
  };
  const kinds = async (number: string) => (await messagesOf(shop, number)).map((m) => `${m.kind}:${m.status}`);
  const at = async (instant: number) => {
    shop.clock.current = instant;
    return runJobs(shop);
  };

  it('reminds on day D and 2D at 09:00 local, cancels on day 3D, frees the seats and tells the buyer, each once', async () => {
    const seats = performance.seats.slice(0, 2);
    const order = await orderByInvoice(shop, performance.performanceId, seats);
    const day = (n: number) => zurichDayAt(ORDERED_AT, n, 9);
    expect(order.invoice.dueAt).toBe(new Date(day(10)).toISOString());

    expect((await at(ORDERED_AT + MINUTE)).messagesSent).toBe(1); // the invoice e-mail goes out at once
    expect(await kinds(order.number)).toEqual(['invoice:sent']);

    await at(day(10) - MINUTE);
    expect(await remindersOf(order.number)).toEqual([]);
    const first = await at(day(10));
    expect([first.invoiceReminders, first.messagesSent]).toEqual([1, 1]);
    await at(day(10) + 5 * MINUTE);
    expect((await remindersOf(order.number)).map((r) => [r.number, r.dueAt])).toEqual([[1, day(20)]]);
    expect((await orderRow(shop, order.number)).invoiceDueAt).toBe(day(20));

    await at(day(20) - MINUTE);
    expect(await remindersOf(order.number)).toHaveLength(1);
    await at(day(20));
    await at(day(20) + MINUTE);
    expect((await remindersOf(order.number)).map((r) => [r.number, r.dueAt])).toEqual([
      [1, day(20)],
      [2, day(30)],
    ]);

    await at(day(30) - MINUTE);
    expect((await orderRow(shop, order.number)).status).toBe('invoiced');
    expect(decodeSeatRanges((await availability(shop, performance.performanceId)).sold ?? '')).toEqual(seats);
    const cancel = await at(day(30));
    expect(cancel.invoiceCancellations).toBe(1);
    await at(day(30) + MINUTE);
    await at(day(40));

    const row = await orderRow(shop, order.number);
    expect([row.status, row.cancelledAt, row.invoiceDueAt]).toEqual(['cancelled', day(30), null]);
    expect((await availability(shop, performance.performanceId)).sold ?? '').toBe('');
    const [record, ...more] = await shop.deps.storage.db.select().from(orderCancellations).where(eq(orderCancellations.orderId, row.id));
    expect(more).toEqual([]);
    expect(record).toMatchObject({ reason: 'invoice_unpaid', actor: 'system', refundMethod: 'none', actorTokenId: null });
    expect(await kinds(order.number)).toEqual(['invoice:sent', 'invoice_reminder:sent', 'invoice_reminder:sent', 'order_cancelled:sent']);
    // As sent: the job's e-mails get the order's facts at delivery.
    const messages = await withOrderFacts(shop.deps.storage.db, await messagesOf(shop, order.number));
    expect(messages.map((m) => m.payload.reminderNumber ?? null)).toEqual([null, 1, 2, null]);
    expect(messages.map((m) => (m.payload.invoice as { dueAt: number } | undefined)?.dueAt ?? null)).toEqual([day(10), day(20), day(30), null]);
    // The seats are for sale again.
    expect((await shop.call('POST', sf('/holds'), { performanceId: performance.performanceId, seats: seats.map((seatId) => ({ seatId })) })).status).toBe(201);
  });

  it('paying after the first reminder stops the second one and the cancellation, and issues the tickets', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, performance.seats.slice(5, 8));
    await at(zurichDayAt(ORDERED_AT, 10, 9));
    expect(await remindersOf(order.number)).toHaveLength(1);
    shop.clock.current = zurichDayAt(ORDERED_AT, 12, 14);
    const paid = await shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total });
    expect([paid.status, paid.body.tickets.length]).toEqual([201, 3]);

    for (const day of [20, 30, 31, 60]) await at(zurichDayAt(ORDERED_AT, day, 9));
    expect(await remindersOf(order.number)).toHaveLength(1);
    expect((await orderRow(shop, order.number)).status).toBe('paid');
    expect(await kinds(order.number)).toEqual(['invoice:sent', 'invoice_reminder:sent', 'order_confirmation:sent']);
    expect(decodeSeatRanges((await availability(shop, performance.performanceId)).sold ?? '')).toEqual(performance.seats.slice(5, 8));
  });

  it('with D = 1 and N = 0, cancels the next morning without any reminder', async () => {
    expect((await shop.org('PATCH', '/api/org/shop', { invoiceReminderIntervalDays: 1, invoiceReminderCount: 0 })).status).toBe(200);
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[9]!]);
    expect(order.invoice.dueAt).toBe(new Date(zurichDayAt(ORDERED_AT, 1, 9)).toISOString());
    await at(zurichDayAt(ORDERED_AT, 1, 9) - MINUTE);
    expect((await orderRow(shop, order.number)).status).toBe('invoiced');
    await at(zurichDayAt(ORDERED_AT, 1, 9));
    expect((await orderRow(shop, order.number)).status).toBe('cancelled');
    expect(await remindersOf(order.number)).toEqual([]);
    expect(await kinds(order.number)).toEqual(['invoice:sent', 'order_cancelled:sent']);
  });

  it('keeps the terms an order was placed with when the shop changes D and N later', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[11]!]);
    await shop.org('PATCH', '/api/org/shop', { invoiceReminderIntervalDays: 3, invoiceReminderCount: 0, invoiceSendHour: 7 });
    await at(zurichDayAt(ORDERED_AT, 3, 7));
    expect((await orderRow(shop, order.number)).status).toBe('invoiced');
    await at(zurichDayAt(ORDERED_AT, 10, 9));
    expect(await remindersOf(order.number)).toHaveLength(1);
  });

  it('after the jobs could not run for days, sends one reminder instead of several and never cancels without a deadline told', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[12]!]);
    // Nothing ran from the order until day 25: reminder 1 was missed, reminder 2 is due.
    await at(zurichDayAt(ORDERED_AT, 25, 11));
    expect((await remindersOf(order.number)).map((r) => [r.number, r.dueAt])).toEqual([[2, zurichDayAt(ORDERED_AT, 30, 9)]]);
    await at(zurichDayAt(ORDERED_AT, 30, 9));
    expect((await orderRow(shop, order.number)).status).toBe('cancelled');

    const late = await orderByInvoice(shop, performance.performanceId, [performance.seats[13]!]);
    const placedAt = shop.clock.current;
    // Down past the cancellation day: the buyer first gets the last reminder, with D days from today.
    const back = zurichDayAt(placedAt, 45, 10);
    await at(back);
    expect((await orderRow(shop, late.number)).status).toBe('invoiced');
    expect((await remindersOf(late.number)).map((r) => [r.number, r.dueAt])).toEqual([[2, zurichDayAt(back, 10, 9)]]);
    await at(zurichDayAt(back, 10, 9) - MINUTE);
    expect((await orderRow(shop, late.number)).status).toBe('invoiced');
    await at(zurichDayAt(back, 10, 9));
    expect((await orderRow(shop, late.number)).status).toBe('cancelled');
  });
});
