import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { events, performances, shops, venues } from '../../../db/schema/catalog.js';
import { orders } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { Shop } from '../env.js';
import { newId } from '../domain/ids.js';
import { dueInvoiceStepsAt } from '../domain/invoice-steps.js';
import { invoiceFacts, orderFacts, type PerformanceContext, performanceContextColumns } from '../services/message-facts.js';
import { dedupeKeys } from '../services/outbox.js';
import { type Cancelling, cancellationStatements, type Reminding, reminderStatements } from './invoice-job-statements.js';

type Statement = BatchItem<'sqlite'>;

export interface JobLimits {
  /** Orders (or messages) handled per batch. */
  chunk: number;
  /** Batches per run; the rest waits for the next run, which starts where this one stopped. */
  maxChunks: number;
  /**
   * Wall-clock milliseconds after which a run starts no further batch (the one under way
   * finishes). A Worker's cron invocation has limited CPU time; what is left is due again at
   * the next tick. At least one batch runs, whatever the budget.
   */
  budgetMs?: number;
}

/**
 * One pass covers a backlog of 100,000 due orders on Node in a few seconds (bench scenario
 * cron-at-scale); on Workers the 15 s budget keeps the invocation well inside the 30 s of
 * CPU a cron trigger gets by default, and the next minute's tick continues.
 */
export const defaultInvoiceLimits: JobLimits = { chunk: 500, maxChunks: 10_000, budgetMs: 15_000 };

/** The columns the job needs: what the step depends on, and what the e-mails say. */
const dueColumns = {
  id: orders.id,
  shopId: orders.shopId,
  performanceId: orders.performanceId,
  number: orders.number,
  secret: orders.secret,
  buyerName: orders.buyerName,
  currency: orders.currency,
  total: orders.total,
  lines: orders.lines,
  invoice: orders.invoice,
  invoiceRemindersSent: orders.invoiceRemindersSent,
  invoiceDueAt: orders.invoiceDueAt,
};

type ShopFacts = Pick<Shop, 'id' | 'name' | 'timeZone' | 'orderPageUrl'>;

/**
 * Reminders and automatic cancellations of unpaid invoice orders. An order is due when the
 * deadline it was last told (orders.invoice_due_at, indexed with the status) has passed;
 * dueInvoiceStep says whether it gets its next reminder or is cancelled.
 *
 * Each chunk is one batch whose statements are all conditional on the order still being
 * unpaid and at the step this run saw: an order paid meanwhile gets nothing, and a second
 * run that overlaps this one finds the condition already false. A reminder k is recorded
 * under the primary key (order, k) and its e-mail under a unique dedupe key, in the same
 * batch, so it can never be sent twice.
 *
 * Why it is shaped like this (a pass over 100,000 due orders took 146 s when each order had
 * its own statements): a chunk is one read of the due orders (only the columns needed), each
 * shop and performance is loaded once per run, the time-zone arithmetic is memoised per
 * quarter hour (dueInvoiceStepsAt), the e-mail payloads are built here from that read, and
 * the writes are a fixed handful of set-based statements over JSON arrays whatever the chunk
 * size (invoice-job-statements.ts), which also keeps D1 within its 100 bound parameters.
 */
export async function runInvoiceDeadlines(db: Db, now: number, limits: JobLimits = defaultInvoiceLimits) {
  const started = Date.now();
  const stepOf = dueInvoiceStepsAt(now);
  const shopFacts = new Map<string, ShopFacts>();
  const contexts = new Map<string, PerformanceContext>();
  // Ids handled by this run: one seen again means its batch did not move it (it should have), so the run stops instead of looping.
  const seen = new Set<string>();
  let reminders = 0;
  let cancellations = 0;
  for (let round = 0; round < limits.maxChunks; round++) {
    if (round > 0 && limits.budgetMs !== undefined && Date.now() - started >= limits.budgetMs) break;
    const due = await db
      .select(dueColumns)
      .from(orders)
      .where(and(eq(orders.status, 'invoiced'), lte(orders.invoiceDueAt, now)))
      .orderBy(asc(orders.invoiceDueAt))
      .limit(limits.chunk);
    if (due.length === 0 || due.some((o) => seen.has(o.id))) break;
    for (const o of due) seen.add(o.id);
    await loadMissing(db, due, shopFacts, contexts);

    const remind: Reminding[] = [];
    const cancel: Cancelling[] = [];
    for (const order of due) {
      const terms = order.invoice!;
      const step = stepOf({ orderedAt: terms.orderedAt, remindersSent: order.invoiceRemindersSent, dueAt: order.invoiceDueAt! }, terms, terms.timeZone);
      if (!step) continue;
      const facts = orderFacts(shopFacts.get(order.shopId)!, order, contexts.get(order.performanceId)!);
      if (step.kind === 'cancel') {
        cancel.push({ id: order.id, message: newId('msg'), dedupe: dedupeKeys.cancelled(order.id), payload: JSON.stringify({ order: facts, reason: 'invoice_unpaid', note: null }) });
      } else {
        const payload = { order: facts, invoice: invoiceFacts(terms, step.deadline), reminderNumber: step.number, reminderCount: terms.reminderCount };
        remind.push({
          id: order.id,
          sent: order.invoiceRemindersSent,
          number: step.number,
          deadline: step.deadline,
          message: newId('msg'),
          dedupe: dedupeKeys.reminder(order.id, step.number),
          payload: JSON.stringify(payload),
        });
      }
    }

    const statements: Statement[] = [];
    let remindedAt = -1;
    if (remind.length > 0) {
      statements.push(...reminderStatements(db, remind, now));
      remindedAt = statements.length - 1;
    }
    let cancelledAt = -1;
    if (cancel.length > 0) {
      statements.push(...cancellationStatements(db, cancel, now));
      cancelledAt = statements.length - 1;
    }
    if (statements.length > 0) {
      const results = await db.batch(statements as [Statement, ...Statement[]]);
      if (remindedAt >= 0) reminders += (results[remindedAt] as unknown[]).length;
      if (cancelledAt >= 0) cancellations += (results[cancelledAt] as unknown[]).length;
    }
    if (due.length < limits.chunk) break;
  }
  return { reminders, cancellations };
}

/** The shops and performance contexts of a chunk not loaded earlier in this run (one query each, usually none). */
async function loadMissing(db: Db, due: { shopId: string; performanceId: string }[], shopFacts: Map<string, ShopFacts>, contexts: Map<string, PerformanceContext>) {
  const shopIds = [...new Set(due.map((o) => o.shopId))].filter((id) => !shopFacts.has(id));
  const performanceIds = [...new Set(due.map((o) => o.performanceId))].filter((id) => !contexts.has(id));
  // A chunk's orders are of few shops and performances; D1's 100 parameters still bound each list.
  for (let at = 0; at < shopIds.length; at += 90) {
    const rows = await db
      .select({ id: shops.id, name: shops.name, timeZone: shops.timeZone, orderPageUrl: shops.orderPageUrl })
      .from(shops)
      .where(inArray(shops.id, shopIds.slice(at, at + 90)));
    for (const row of rows) shopFacts.set(row.id, row);
  }
  for (let at = 0; at < performanceIds.length; at += 90) {
    const rows = await db
      .select({ id: performances.id, ...performanceContextColumns })
      .from(performances)
      .innerJoin(events, eq(events.id, performances.eventId))
      .innerJoin(venues, eq(venues.id, events.venueId))
      .where(inArray(performances.id, performanceIds.slice(at, at + 90)));
    for (const { id, ...context } of rows) contexts.set(id, context);
  }
}
