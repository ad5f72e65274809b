import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { orders } from '../../../db/schema/orders.js';
import type { Db, Storage } from '../db.js';
import { dueInvoiceStepsAt } from '../domain/invoice-steps.js';
import { deferredCancellation, deferredReminder } from '../services/deferred-facts.js';
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
 * Limits of one pass on D1, and the default: D1 caps what one Worker invocation and one batch
 * may do, so chunks stay at 500 orders. On Workers the 15 s budget keeps the invocation well
 * inside the 30 s of CPU a cron trigger gets by default, and the next minute's tick continues.
 */
export const defaultInvoiceLimits: JobLimits = { chunk: 500, maxChunks: 10_000, budgetMs: 15_000 };

/**
 * On SQLite (a libSQL file, Turso) a chunk is 2,000 orders. Each chunk's batch writes every
 * page it changes once, and orders of one chunk share pages (the orders' rows, the outbox's and
 * the reminders' indexes): 500 orders a chunk wrote about 4 pages per order, 5,000 about 1.2,
 * and the commits were most of the pass's time. Why not 5,000 (a little faster: 5.8 s against
 * 6.3 s for 75,000 due orders): a chunk's batch holds the Node server's one connection, and a
 * server running the cron in process answers no request meanwhile, about 0.35 s for 5,000
 * orders against about 0.15 s for 2,000. 1,000 took 8 s, too close to the 10 s goal.
 */
export const largeInvoiceLimits: JobLimits = { chunk: 2_000, maxChunks: 10_000, budgetMs: 15_000 };

/** The limits for this storage: maxParams tells D1 (100 bound parameters) from SQLite (32,766). */
export const invoiceLimitsFor = (storage: Pick<Storage, 'maxParams'>): JobLimits => (storage.maxParams >= 1_000 ? largeInvoiceLimits : defaultInvoiceLimits);

/**
 * What the step depends on, read from the order's invoice terms in SQL (the terms also hold
 * the creditor and every ticket's price, which the job does not need).
 */
const dueColumns = {
  id: orders.id,
  remindersSent: orders.invoiceRemindersSent,
  dueAt: orders.invoiceDueAt,
  orderedAt: sql<number>`${orders.invoice} ->> 'orderedAt'`,
  reminderIntervalDays: sql<number>`${orders.invoice} ->> 'reminderIntervalDays'`,
  reminderCount: sql<number>`${orders.invoice} ->> 'reminderCount'`,
  sendHour: sql<number>`${orders.invoice} ->> 'sendHour'`,
  timeZone: sql<string>`${orders.invoice} ->> 'timeZone'`,
};

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
 * its own statements): a chunk is one read of the due orders (only what the step depends on),
 * the time-zone arithmetic is memoised per quarter hour (dueInvoiceStepsAt), the e-mails carry
 * only the step and get the order's facts when they are sent (deferred-facts.ts), and the
 * writes are a fixed handful of set-based statements over JSON arrays whatever the chunk size
 * (invoice-job-statements.ts), which also keeps D1 within its 100 bound parameters.
 */
export async function runInvoiceDeadlines(db: Db, now: number, limits: JobLimits = defaultInvoiceLimits) {
  const started = Date.now();
  const stepOf = dueInvoiceStepsAt(now);
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

    const remind: Reminding[] = [];
    const cancel: Cancelling[] = [];
    for (const order of due) {
      const step = stepOf({ orderedAt: order.orderedAt, remindersSent: order.remindersSent, dueAt: order.dueAt! }, order, order.timeZone);
      if (!step) continue;
      if (step.kind === 'cancel') {
        cancel.push({ id: order.id, notice: { dedupe: dedupeKeys.cancelled(order.id), payload: deferredCancellation } });
      } else {
        remind.push({
          id: order.id,
          sent: order.remindersSent,
          number: step.number,
          deadline: step.deadline,
          dedupe: dedupeKeys.reminder(order.id, step.number),
          payload: deferredReminder(step.number, step.deadline),
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
