import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { outboxMessages } from '../../db/schema/messaging.js';
import { defaultInvoiceLimits, invoiceLimitsFor, largeInvoiceLimits, runInvoiceDeadlines } from '../../worker/src/jobs/invoice-deadlines.js';
import { renderMessage } from '../../worker/src/email/render.js';
import { messageOf } from '../../worker/src/jobs/deliver-outbox.js';
import { MessageParams } from '../../contract/organizer.js';
import { withOrderFacts } from '../../worker/src/services/deferred-facts.js';
import { createVoucher } from './code-fixtures.js';
import { checkoutHold, createTestShop, sf, type TestShop } from './harness.js';
import { farPerformance, messagesOf, runJobs, useMail, zurichDayAt } from './invoice-helpers.js';

const ORDERED_AT = Date.parse('2031-05-06T10:00:00Z');

/**
 * The invoice job's e-mails keep only their step (reminder number and deadline, or the reason
 * of the cancellation); the order's facts are read when they are sent (deferred-facts.ts).
 */
describe('e-mails of the invoice job, completed at delivery', () => {
  let shop: TestShop;
  let seats: number[];
  let performanceId: string;
  beforeEach(async () => {
    shop = await createTestShop();
    shop.clock.current = ORDERED_AT;
    ({ performanceId, seats } = await farPerformance(shop, 120));
  });
  afterEach(() => shop.close());
  const db = () => shop.deps.storage.db;

  /** An invoice order of two seats, 30.00 of it paid by a gift voucher. */
  async function invoiceOrderWithVoucher() {
    await createVoucher(db(), shop.demo.shopId, 'DEFERGIFT', 3000);
    const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: seats.slice(0, 2).map((seatId) => ({ seatId })) });
    expect(hold.status).toBe(201);
    expect((await shop.call('POST', sf(`/holds/${hold.body.id}/codes`), { code: 'DEFERGIFT' })).status).toBe(200);
    const order = await checkoutHold(shop, hold.body.id, { method: 'invoice' });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    return order.body as { number: string; total: number };
  }

  it('a reminder and the cancellation notice state what the invoice stated, voucher included', async () => {
    const placed = await invoiceOrderWithVoucher();
    await runInvoiceDeadlines(db(), zurichDayAt(ORDERED_AT, 10, 9));
    await runInvoiceDeadlines(db(), zurichDayAt(ORDERED_AT, 20, 9));
    await runInvoiceDeadlines(db(), zurichDayAt(ORDERED_AT, 30, 9));
    const stored = await messagesOf(shop, placed.number);
    expect(stored.map((m) => [m.kind, 'order' in m.payload])).toEqual([
      ['invoice', true],
      ['invoice_reminder', false],
      ['invoice_reminder', false],
      ['order_cancelled', false],
    ]);
    const [invoice, first, second, notice] = await withOrderFacts(db(), stored);
    const invoiced = invoice!.payload.order as { total: number; lines: { amount: number }[] };
    expect(invoiced.total).toBe(placed.total - 3000);
    expect(invoiced.lines).toContainEqual(expect.objectContaining({ amount: -3000 }));
    for (const message of [first, second, notice]) expect(message!.payload.order).toEqual(invoiced);
    expect([first!.payload.reminderNumber, first!.payload.reminderCount, (first!.payload.invoice as { dueAt: number }).dueAt]).toEqual([1, 2, zurichDayAt(ORDERED_AT, 20, 9)]);
    expect((second!.payload.invoice as { dueAt: number }).dueAt).toBe(zurichDayAt(ORDERED_AT, 30, 9));
    expect({ ...(invoice!.payload.invoice as object), dueAt: 0 }).toEqual({ ...(first!.payload.invoice as object), dueAt: 0 });
    expect([notice!.payload.reason, notice!.payload.note]).toEqual(['invoice_unpaid', null]);
    // Each renders as a complete e-mail.
    for (const message of [first, second, notice]) expect(renderMessage(messageOf(message!), { publicUrl: 'https://tickets.example' }).subject).toContain(placed.number);
  });

  it('are delivered with their facts, and messages queued with their facts are sent as stored', async () => {
    useMail(shop);
    const placed = await invoiceOrderWithVoucher();
    shop.clock.current = zurichDayAt(ORDERED_AT, 10, 9);
    const tick = await runJobs(shop);
    expect([tick.invoiceReminders, tick.messagesSent, tick.messagesFailed]).toEqual([1, 2, 0]);
    const stored = await messagesOf(shop, placed.number);
    expect(stored.map((m) => `${m.kind}:${m.status}`)).toEqual(['invoice:sent', 'invoice_reminder:sent']);
    const same = await withOrderFacts(db(), [stored[0]!]);
    expect(same[0]).toBe(stored[0]);
  });

  it('a message whose order is gone keeps its payload (the deliverer then fails it)', async () => {
    const row = { kind: 'invoice_reminder' as const, orderId: 'ord_missing', payload: { reminderNumber: 1, deadline: 1 } };
    expect(await withOrderFacts(db(), [row])).toEqual([row]);
  });

  it('ids of one chunk are made in SQL: valid message ids sharing the instant, all different', async () => {
    for (let i = 2; i < 8; i++) {
      const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: seats[i]! }] });
      expect((await checkoutHold(shop, hold.body.id, { method: 'invoice' })).status).toBe(201);
    }
    const day10 = zurichDayAt(ORDERED_AT, 10, 9);
    expect(await runInvoiceDeadlines(db(), day10)).toEqual({ reminders: 6, cancellations: 0 });
    const ids = (await db().select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.kind, 'invoice_reminder'))).map((m) => m.id);
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) {
      expect(id.startsWith(`msg_${day10.toString(16).padStart(11, '0')}`)).toBe(true);
      expect(v.safeParse(MessageParams, { id }).success).toBe(true);
    }
  });
});

describe('limits of the invoice job by storage', () => {
  it('chunks of 500 on D1 (100 bound parameters), 2,000 on SQLite; the same time budget', () => {
    expect(invoiceLimitsFor({ maxParams: 100 })).toEqual(defaultInvoiceLimits);
    expect(invoiceLimitsFor({ maxParams: 32_766 })).toEqual(largeInvoiceLimits);
    expect([defaultInvoiceLimits.chunk, largeInvoiceLimits.chunk]).toEqual([500, 2_000]);
    expect(largeInvoiceLimits.budgetMs).toBe(defaultInvoiceLimits.budgetMs);
  });
});
