import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shops } from '../../db/schema/catalog.js';
import { outboxMessages } from '../../db/schema/messaging.js';
import { invoiceReminders, orders } from '../../db/schema/orders.js';
import { invoiceFacts, loadPerformanceContext, orderFacts } from '../../worker/src/services/message-facts.js';
import { defaultInvoiceLimits, runInvoiceDeadlines } from '../../worker/src/jobs/invoice-deadlines.js';
import { jsonSlices } from '../../worker/src/jobs/invoice-job-statements.js';
import { withOrderFacts } from '../../worker/src/services/deferred-facts.js';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { availability, createTestShop, type TestShop } from './harness.js';
import { farPerformance, orderByInvoice, orderRow, zurichDayAt } from './invoice-helpers.js';

const ORDERED_AT = Date.parse('2031-09-10T12:00:00Z');

/**
 * How one pass of the invoice job is bounded: by its time budget (a Worker's cron invocation
 * has limited CPU), after which the next tick continues where it stopped, and by chunks.
 */
describe('a pass of the invoice job', () => {
  let shop: TestShop;
  let performance: { performanceId: string; seats: number[] };
  const numbers: string[] = [];
  beforeEach(async () => {
    shop = await createTestShop();
    shop.clock.current = ORDERED_AT;
    performance = await farPerformance(shop, 120);
    numbers.length = 0;
    for (let i = 0; i < 5; i++) numbers.push((await orderByInvoice(shop, performance.performanceId, [performance.seats[i]!])).number);
  });
  afterEach(() => shop.close());

  const db = () => shop.deps.storage.db;
  const reminderRows = async () => (await db().select({ n: count() }).from(invoiceReminders))[0]!.n;

  it('stops after its budget (at least one chunk) and the next runs continue until nothing is left, reminding each order once', async () => {
    const day10 = zurichDayAt(ORDERED_AT, 10, 9);
    const limits = { chunk: 2, maxChunks: 100, budgetMs: 0 };
    expect(await runInvoiceDeadlines(db(), day10, limits)).toEqual({ reminders: 2, cancellations: 0 });
    expect(await reminderRows()).toBe(2);
    expect(await runInvoiceDeadlines(db(), day10, limits)).toEqual({ reminders: 2, cancellations: 0 });
    expect(await runInvoiceDeadlines(db(), day10, limits)).toEqual({ reminders: 1, cancellations: 0 });
    expect(await runInvoiceDeadlines(db(), day10, limits)).toEqual({ reminders: 0, cancellations: 0 });
    expect(await reminderRows()).toBe(5);
    const [{ n }] = (await db().select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.kind, 'invoice_reminder'))) as [{ n: number }];
    expect(n).toBe(5);
  });

  it('with a budget left, takes chunk after chunk in one run; maxChunks still bounds it', async () => {
    const day10 = zurichDayAt(ORDERED_AT, 10, 9);
    expect(await runInvoiceDeadlines(db(), day10, { chunk: 2, maxChunks: 2, budgetMs: 60_000 })).toEqual({ reminders: 4, cancellations: 0 });
    expect(await runInvoiceDeadlines(db(), day10, defaultInvoiceLimits)).toEqual({ reminders: 1, cancellations: 0 });
  });

  it('cancels in budgeted runs too, freeing every seat and queuing each notice once', async () => {
    const day30 = zurichDayAt(ORDERED_AT, 30, 9);
    await db().update(orders).set({ invoiceRemindersSent: 2, invoiceDueAt: day30 - 60_000 });
    const limits = { chunk: 3, maxChunks: 100, budgetMs: 0 };
    expect(await runInvoiceDeadlines(db(), day30, limits)).toEqual({ reminders: 0, cancellations: 3 });
    expect(await runInvoiceDeadlines(db(), day30, limits)).toEqual({ reminders: 0, cancellations: 2 });
    expect(await runInvoiceDeadlines(db(), day30, limits)).toEqual({ reminders: 0, cancellations: 0 });
    expect(decodeSeatRanges((await availability(shop, performance.performanceId)).sold ?? '')).toEqual([]);
    const [{ n }] = (await db().select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.kind, 'order_cancelled'))) as [{ n: number }];
    expect(n).toBe(5);
  });

  it('queues the reminder with its step only, and it is sent with the facts the message facts describe', async () => {
    const day10 = zurichDayAt(ORDERED_AT, 10, 9);
    await runInvoiceDeadlines(db(), day10, defaultInvoiceLimits);
    const order = await orderRow(shop, numbers[0]!);
    const [message] = await db().select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `invoice_reminder:${order.id}:1`));
    expect(message!.payload).toEqual({ reminderNumber: 1, deadline: zurichDayAt(ORDERED_AT, 20, 9) });
    const context = await loadPerformanceContext(db(), order.performanceId);
    const [shopRow] = await db().select().from(shops).where(eq(shops.id, order.shopId));
    const [sent] = await withOrderFacts(db(), [message!]);
    expect(sent!.payload).toEqual({
      order: orderFacts(shopRow!, order, context),
      invoice: invoiceFacts(order.invoice!, zurichDayAt(ORDERED_AT, 20, 9)),
      reminderNumber: 1,
      reminderCount: 2,
    });
    expect([message!.recipient, message!.language, message!.status]).toEqual([order.buyerEmail, order.buyerLanguage, 'pending']);
  });
});

describe('jsonSlices (D1 takes strings of at most 2 MB)', () => {
  it('cuts the rows into JSON arrays of at most 400,000 characters, keeping every row once and in order', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ id: `ord_${i}`, payload: 'é"'.repeat(600) }));
    const slices = jsonSlices(rows);
    expect(slices.length).toBeGreaterThan(1);
    for (const slice of slices) expect(slice.length).toBeLessThanOrEqual(400_000);
    expect(slices.flatMap((slice) => JSON.parse(slice))).toEqual(rows);
    expect(jsonSlices([])).toEqual([]);
  });
});
