import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { events, performances, shops, venues } from '../../../db/schema/catalog.js';
import { outboxMessages } from '../../../db/schema/messaging.js';
import { invoiceReminders, orders } from '../../../db/schema/orders.js';
import { insertWhere } from '../conditional-insert.js';
import type { Db } from '../db.js';
import type { Shop } from '../env.js';
import { newId } from '../domain/ids.js';
import { dueInvoiceStepsAt } from '../domain/invoice-steps.js';
import { invoiceFacts, orderFacts, type PerformanceContext, performanceContextColumns } from '../services/message-facts.js';
import { cancelOrdersStatements } from '../services/order-cancellation.js';
import { dedupeKeys } from '../services/outbox.js';
import { qualified } from '../sql-columns.js';

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

/**
 * Cancellations go through cancelOrdersStatements, whose statements carry the ids as bound
 * parameters: D1 binds at most 100 per statement, so they are cut into groups of this size.
 */
const CANCEL_GROUP = 75;

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
 * its own three statements): the chunk's reminders are three set-based statements over one
 * JSON parameter (json_each), whatever the chunk size, so D1's 100-parameter limit does not
 * bound the chunk; the e-mail payloads are built from one read of the due orders, with each
 * shop and performance loaded once per run; the time-zone arithmetic is memoised per quarter
 * hour (dueInvoiceStepsAt); cancellations use the shared cancellation statements in groups
 * of CANCEL_GROUP, their notices one set-based insert for the chunk.
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
    const cancelledAt: number[] = [];
    if (cancel.length > 0) {
      // Queued first: each notice only if its order is cancelled by this batch (the same condition, before it changes).
      statements.push(queueNotices(db, cancel, now));
      // Grouped by performance: each group's statements then touch one or two performances' counters, not all of the chunk's.
      const performanceOf = new Map(due.map((o) => [o.id, o.performanceId]));
      const ids = cancel.map((c) => c.id).sort((a, b) => (performanceOf.get(a)! < performanceOf.get(b)! ? -1 : performanceOf.get(a)! > performanceOf.get(b)! ? 1 : 0));
      for (let at = 0; at < ids.length; at += CANCEL_GROUP) {
        const group = ids.slice(at, at + CANCEL_GROUP);
        statements.push(
          ...cancelOrdersStatements(
            db,
            group,
            [...new Set(group.map((id) => performanceOf.get(id)!))],
            cancellable(now),
            { reason: 'invoice_unpaid', refundMethod: 'none', refundAmount: 0, actor: 'system', actorTokenId: null },
            [],
            now,
          ),
        );
        // Its last statement is the orders' update; RETURNING lists the orders cancelled.
        cancelledAt.push(statements.length - 1);
      }
    }
    if (statements.length > 0) {
      const results = await db.batch(statements as [Statement, ...Statement[]]);
      if (remindedAt >= 0) reminders += (results[remindedAt] as unknown[]).length;
      for (const at of cancelledAt) cancellations += (results[at] as unknown[]).length;
    }
    if (due.length < limits.chunk) break;
  }
  return { reminders, cancellations };
}

/**
 * The same rule as dueInvoiceStep's cancellation, in SQL: every reminder sent and the last
 * deadline passed. The unary + keep SQLite on the ids of the group rather than the index of
 * every due order.
 */
const cancellable = (now: number) =>
  sql`+${orders.status} = 'invoiced' AND +${orders.invoiceDueAt} <= ${now} AND ${orders.invoiceRemindersSent} >= json_extract(${orders.invoice}, '$.reminderCount')`;

type Reminding = { id: string; sent: number; number: number; deadline: number; message: string; dedupe: string; payload: string };
type Cancelling = { id: string; message: string; dedupe: string; payload: string };

/** `s` is an element of the chunk's JSON array (json_each), `o` its order. */
const eachOrder = (json: string) => sql`json_each(${json}) AS s JOIN ${orders} AS o ON o.id = s.value ->> 'id'`;

/** The order as this run saw it: unpaid, with `sent` reminders, its deadline passed. Any change since makes the statements skip it. */
const unchanged = (order: SQL, now: number) =>
  sql`${order}.status = 'invoiced' AND ${order}.invoice_reminders_sent = s.value ->> 'sent' AND ${order}.invoice_due_at <= ${now}`;

/** One e-mail per element, to the order's buyer in the buyer's language; the payload comes ready in the element. */
const messageFromElement = (kind: 'invoice_reminder' | 'order_cancelled', now: number) => ({
  id: sql`s.value ->> 'message'`,
  shopId: sql`o.shop_id`,
  orderId: sql`o.id`,
  kind,
  dedupeKey: sql`s.value ->> 'dedupe'`,
  recipient: sql`o.buyer_email`,
  recipientName: sql`o.buyer_name`,
  language: sql`o.buyer_language`,
  payload: sql`s.value ->> 'payload'`,
  status: 'pending' as const,
  attempts: 0,
  nextAttemptAt: now,
  createdAt: now,
});

/**
 * The chunk's reminders, as three statements over one JSON array each: the e-mail, the
 * reminder's row and the order's new deadline, each only for the orders still as this run
 * saw them. The orders' update comes last because it changes that condition; its
 * RETURNING lists the orders reminded. (drizzle builders, not raw SQL: D1's batch takes only those.)
 */
function reminderStatements(db: Db, remind: Reminding[], now: number): Statement[] {
  const steps = JSON.stringify(remind.map(({ id, sent, number, deadline }) => ({ id, sent, number, deadline })));
  const messages = JSON.stringify(remind.map(({ id, sent, message, dedupe, payload }) => ({ id, sent, message, dedupe, payload })));
  return [
    insertWhere(db, outboxMessages, messageFromElement('invoice_reminder', now), unchanged(sql`o`, now), eachOrder(messages)).onConflictDoNothing({ target: outboxMessages.dedupeKey }),
    insertWhere(
      db,
      invoiceReminders,
      { orderId: sql`o.id`, number: sql`s.value ->> 'number'`, dueAt: sql`s.value ->> 'deadline'`, createdAt: now },
      unchanged(sql`o`, now),
      eachOrder(steps),
    ).onConflictDoNothing(),
    db
      .update(orders)
      .set({ invoiceRemindersSent: sql`s.value ->> 'number'`, invoiceDueAt: sql`s.value ->> 'deadline'`, updatedAt: now })
      .from(sql`json_each(${steps}) AS s`)
      // Qualified: json_each has an id column too.
      .where(sql`${qualified(orders.id)} = s.value ->> 'id' AND ${unchanged(sql`${orders}`, now)}`)
      .returning({ id: orders.id }),
  ];
}

/** The cancellation notices of the chunk, each queued only if its order is cancellable when the batch runs (the rule of `cancellable`). */
function queueNotices(db: Db, cancel: Cancelling[], now: number): Statement {
  return insertWhere(
    db,
    outboxMessages,
    messageFromElement('order_cancelled', now),
    sql`o.status = 'invoiced' AND o.invoice_due_at <= ${now} AND o.invoice_reminders_sent >= json_extract(o.invoice, '$.reminderCount')`,
    eachOrder(JSON.stringify(cancel)),
  ).onConflictDoNothing({ target: outboxMessages.dedupeKey });
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
