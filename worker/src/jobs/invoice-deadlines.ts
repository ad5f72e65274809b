import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { events, performances, shops, venues } from '../../../db/schema/catalog.js';
import { invoiceReminders, orders } from '../../../db/schema/orders.js';
import { insertWhere } from '../conditional-insert.js';
import type { Db } from '../db.js';
import { dueInvoiceStep } from '../domain/invoice-steps.js';
import { invoiceFacts, orderFacts, performanceContextColumns, recipientOf } from '../services/message-facts.js';
import { cancelOrdersStatements } from '../services/order-cancellation.js';
import { dedupeKeys, type QueuedMessage, queueMessageWhere } from '../services/outbox.js';

type Statement = BatchItem<'sqlite'>;

export interface JobLimits {
  /** Orders (or messages) handled per batch. */
  chunk: number;
  /** Batches per run; the rest waits for the next run, which starts where this one stopped. */
  maxChunks: number;
}

/**
 * Reminders and automatic cancellations of unpaid invoice orders. An order is due when the
 * deadline it was last told (orders.invoice_due_at, indexed with the status) has passed;
 * dueInvoiceStep says whether it gets its next reminder or is cancelled.
 *
 * Each chunk is one batch whose statements are all conditional on the order still being
 * unpaid and at the step this run saw: an order paid meanwhile gets nothing, and a second
 * run that overlaps this one finds the condition already false. A reminder k is recorded
 * under the primary key (order, k) and its e-mail under a unique dedupe key, in the same
 * batch, so it can never be sent twice. The chunk's cancellations are set-based statements
 * (see cancelOrdersStatements); the chunk of 40 keeps their id lists within D1's 100
 * bound parameters.
 */
export async function runInvoiceDeadlines(db: Db, now: number, limits: JobLimits = { chunk: 40, maxChunks: 25 }) {
  let reminders = 0;
  let cancellations = 0;
  for (let round = 0; round < limits.maxChunks; round++) {
    const due = await db
      .select({ order: orders, shop: { id: shops.id, name: shops.name, timeZone: shops.timeZone, orderPageUrl: shops.orderPageUrl }, context: performanceContextColumns })
      .from(orders)
      .innerJoin(shops, eq(shops.id, orders.shopId))
      .innerJoin(performances, eq(performances.id, orders.performanceId))
      .innerJoin(events, eq(events.id, performances.eventId))
      .innerJoin(venues, eq(venues.id, events.venueId))
      .where(and(eq(orders.status, 'invoiced'), lte(orders.invoiceDueAt, now)))
      .orderBy(asc(orders.invoiceDueAt))
      .limit(limits.chunk);
    if (due.length === 0) break;

    const statements: Statement[] = [];
    // Where in the batch each reminded order's own update is: its RETURNING says whether the reminder happened.
    const reminded: number[] = [];
    const cancelling: { orderIds: string[]; performanceIds: Set<string>; notices: QueuedMessage<'order_cancelled'>[] } = { orderIds: [], performanceIds: new Set(), notices: [] };
    for (const { order, shop, context } of due) {
      const terms = order.invoice!;
      const step = dueInvoiceStep({ orderedAt: terms.orderedAt, remindersSent: order.invoiceRemindersSent, dueAt: order.invoiceDueAt! }, terms, terms.timeZone, now);
      if (!step) continue;
      const facts = orderFacts(shop, order, context);
      if (step.kind === 'cancel') {
        cancelling.orderIds.push(order.id);
        cancelling.performanceIds.add(order.performanceId);
        cancelling.notices.push({ shopId: shop.id, orderId: order.id, kind: 'order_cancelled', dedupeKey: dedupeKeys.cancelled(order.id), ...recipientOf(order), payload: { order: facts, reason: 'invoice_unpaid', note: null } });
        continue;
      }
      // The state this run saw; any change since (payment, cancellation, another run) makes every statement below a no-op.
      const unchanged = and(eq(orders.status, 'invoiced'), eq(orders.invoiceRemindersSent, order.invoiceRemindersSent), lte(orders.invoiceDueAt, now))!;
      const stillDue = sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${orders.id} = ${order.id} AND ${unchanged})`;
      statements.push(
        queueMessageWhere(
          db,
          {
            shopId: shop.id,
            orderId: order.id,
            kind: 'invoice_reminder',
            dedupeKey: dedupeKeys.reminder(order.id, step.number),
            ...recipientOf(order),
            payload: { order: facts, invoice: invoiceFacts(terms, step.deadline), reminderNumber: step.number, reminderCount: terms.reminderCount },
          },
          now,
          stillDue,
        ),
        insertWhere(db, invoiceReminders, { orderId: order.id, number: step.number, dueAt: step.deadline, createdAt: now }, stillDue).onConflictDoNothing(),
      );
      reminded.push(statements.length);
      statements.push(
        db
          .update(orders)
          .set({ invoiceRemindersSent: step.number, invoiceDueAt: step.deadline, updatedAt: now })
          .where(and(eq(orders.id, order.id), unchanged))
          .returning({ id: orders.id }),
      );
    }
    if (cancelling.orderIds.length > 0) {
      // The same rule as dueInvoiceStep's cancellation, in SQL: every reminder sent and the last deadline passed.
      // The unary + keep SQLite on the ids of the chunk rather than the index of every due order.
      const cancellable = sql`+${orders.status} = 'invoiced' AND +${orders.invoiceDueAt} <= ${now} AND ${orders.invoiceRemindersSent} >= json_extract(${orders.invoice}, '$.reminderCount')`;
      statements.push(
        ...cancelOrdersStatements(
          db,
          cancelling.orderIds,
          [...cancelling.performanceIds],
          cancellable,
          { reason: 'invoice_unpaid', refundMethod: 'none', refundAmount: 0, actor: 'system', actorTokenId: null },
          cancelling.notices,
          now,
        ),
      );
    }
    if (statements.length > 0) {
      const results = await db.batch(statements as [Statement, ...Statement[]]);
      reminders += reminded.filter((at) => (results[at] as unknown[]).length > 0).length;
      if (cancelling.orderIds.length > 0) cancellations += (results[results.length - 1] as unknown[]).length;
    }
    if (due.length < limits.chunk) break;
  }
  return { reminders, cancellations };
}
