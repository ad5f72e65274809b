import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { performances } from '../../../db/schema/catalog.js';
import { codeUses } from '../../../db/schema/codes.js';
import { gaClaims, gaInventory, seatClaims } from '../../../db/schema/inventory.js';
import { outboxMessages } from '../../../db/schema/messaging.js';
import { invoiceReminders, orderCancellations, orders, type refundMethods, tickets } from '../../../db/schema/orders.js';
import { insertWhere } from '../conditional-insert.js';
import type { Db } from '../db.js';
import { qualified } from '../sql-columns.js';
import { sortableIdSql } from '../sql-ids.js';
import { webhookEvents } from '../../../db/schema/webhooks.js';
import { eventRowSql, fanOutStatements, isoSql, orderDataSql, subscribed } from '../services/webhook-events.js';

/**
 * The statements of the invoice job's batch, set-based over JSON arrays (json_each): a chunk
 * of any size is a fixed handful of statements with one or two bound parameters each, so
 * D1's limit of 100 parameters never cuts it, and the SQL text is the same for every chunk
 * (prepared once where statements are cached). Each statement re-checks its condition on the
 * order's row when the batch runs: an order paid, cancelled or reminded meanwhile (another
 * run) is skipped. `s` is an element of the array, `o` its order.
 */

type Statement = BatchItem<'sqlite'>;

export interface Reminding {
  id: string;
  /** Reminders sent when this run read the order. */
  sent: number;
  number: number;
  deadline: number;
  /** The e-mail's dedupe key and payload (JSON). */
  dedupe: string;
  payload: string;
}

export interface Cancelling {
  id: string;
  /** The notice's dedupe key and payload (JSON); null: no notice. */
  notice: { dedupe: string; payload: string } | null;
}

/** What a cancellation records (order_cancellations), for accounting. */
export interface CancellationRecord {
  /** Given when one order is cancelled and the caller needs the record's id (e.g. to name it in the notice). */
  id?: string;
  reason: string;
  refundMethod: (typeof refundMethods)[number];
  refundAmount: number;
  actor: 'system' | 'organizer';
  actorTokenId: string | null;
}

/**
 * D1 takes a string of at most 2,000,000 bytes: arrays carrying e-mail payloads are cut into
 * slices of about this many characters (one statement each).
 */
const MAX_JSON_CHARS = 400_000;

/** The rows as JSON arrays of at most MAX_JSON_CHARS characters (one row may exceed it alone). */
export function jsonSlices(rows: object[]): string[] {
  const slices: string[] = [];
  let parts: string[] = [];
  let length = 0;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (parts.length > 0 && length + text.length > MAX_JSON_CHARS) {
      slices.push(`[${parts.join(',')}]`);
      parts = [];
      length = 0;
    }
    parts.push(text);
    length += text.length + 1;
  }
  if (parts.length > 0) slices.push(`[${parts.join(',')}]`);
  return slices;
}

const eachOrder = (json: string) => sql`json_each(${json}) AS s JOIN ${orders} AS o ON o.id = s.value ->> 'id'`;

/** The order as this run saw it: unpaid, with `sent` reminders, its deadline passed. */
const unchanged = (order: SQL, now: number) =>
  sql`${order}.status = 'invoiced' AND ${order}.invoice_reminders_sent = s.value ->> 'sent' AND ${order}.invoice_due_at <= ${now}`;

/** dueInvoiceStep's cancellation rule in SQL: unpaid, every reminder sent, the last deadline passed. */
const cancellable = (order: SQL, now: number) =>
  sql`${order}.status = 'invoiced' AND ${order}.invoice_due_at <= ${now} AND ${order}.invoice_reminders_sent >= json_extract(${order}.invoice, '$.reminderCount')`;

/**
 * One e-mail per element, to the order's buyer in the buyer's language; the payload comes ready
 * in the element. Ids are made in SQL, side by side in the id index (sortableIdSql).
 */
const messageOfElement = (kind: 'invoice_reminder' | 'order_cancelled' | 'tickets_cancelled', now: number) => ({
  id: sortableIdSql('msg', now),
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
 * Reminders: the e-mails (unique dedupe key), the reminders' rows (primary key (order, k)),
 * then the orders' new deadlines, whose RETURNING (the last statement) lists the orders reminded.
 */
export function reminderStatements(db: Db, remind: Reminding[], now: number): Statement[] {
  const steps = JSON.stringify(remind.map(({ id, sent, number, deadline }) => ({ id, sent, number, deadline })));
  return [
    ...jsonSlices(remind.map(({ id, sent, dedupe, payload }) => ({ id, sent, dedupe, payload }))).map((messages) =>
      insertWhere(db, outboxMessages, messageOfElement('invoice_reminder', now), unchanged(sql`o`, now), eachOrder(messages)).onConflictDoNothing({ target: outboxMessages.dedupeKey }),
    ),
    insertWhere(
      db,
      invoiceReminders,
      { orderId: sql`o.id`, number: sql`s.value ->> 'number'`, dueAt: sql`s.value ->> 'deadline'`, createdAt: now },
      unchanged(sql`o`, now),
      eachOrder(steps),
    ).onConflictDoNothing(),
    // Webhooks: invoice.reminder_sent per order reminded, under the same condition, then the fan-out.
    insertWhere(
      db,
      webhookEvents,
      eventRowSql(
        'invoice.reminder_sent',
        now,
        sql`'invoice.reminder_sent:' || o.id || ':' || (s.value ->> 'number')`,
        sql`json_object('order', json_object('id', o.id, 'number', o.number, 'currency', o.currency), 'reminderNumber', s.value ->> 'number',
          'dueAt', ${isoSql(sql`s.value ->> 'deadline'`)}, 'amountDue', o.total - o.paid_by_vouchers)`,
      ),
      sql`${unchanged(sql`o`, now)} AND ${subscribed(sql`o.shop_id`, 'invoice.reminder_sent')}`,
      eachOrder(steps),
    ).onConflictDoNothing({ target: webhookEvents.dedupeKey }),
    ...fanOutStatements(db, now),
    db
      .update(orders)
      .set({ invoiceRemindersSent: sql`s.value ->> 'number'`, invoiceDueAt: sql`s.value ->> 'deadline'`, updatedAt: now })
      .from(sql`json_each(${steps}) AS s`)
      // Qualified: json_each has an id column too.
      .where(sql`${qualified(orders.id)} = s.value ->> 'id' AND ${unchanged(sql`${orders}`, now)}`)
      .returning({ id: orders.id }),
  ];
}

/**
 * Whole orders whose tickets were not issued yet (unpaid invoices) cancelled as a set: the
 * notices, the cancellation records, general-admission places given back per performance,
 * sold claims deleted (found through the orders' holds: sold claims keep their hold id),
 * tickets and code uses released (an unpaid order has no tickets yet; codes it used come
 * back), inventory versions moved, and the orders cancelled last, because that changes the
 * condition; its RETURNING lists the orders cancelled. Which orders are cancelled is decided
 * when the batch runs, by `cancellable` on each order's row (`o`): one paid or cancelled
 * meanwhile is left alone, and a second run finds nothing to do. Used by the deadline job
 * (a chunk) and by staff cancelling one unpaid order, so a cancellation is the same everywhere.
 */
export function cancelUnpaidOrdersStatements(
  db: Db,
  cancel: Cancelling[],
  cancellable: (order: SQL) => SQL,
  record: CancellationRecord,
  noticeKind: 'order_cancelled' | 'tickets_cancelled',
  now: number,
): Statement[] {
  const ids = JSON.stringify(cancel.map(({ id }) => ({ id })));
  // The cancelled orders' ids, holds or performances, as an IN list.
  const doomedColumn = (column: 'id' | 'hold_id' | 'performance_id') => sql`(${sql.raw(`SELECT o.${column}`)} FROM ${eachOrder(ids)} WHERE ${cancellable(sql`o`)})`;
  const noticed = cancel.flatMap(({ id, notice }) => (notice ? [{ id, ...notice }] : []));
  return [
    ...jsonSlices(noticed).map((notices) =>
      insertWhere(db, outboxMessages, messageOfElement(noticeKind, now), cancellable(sql`o`), eachOrder(notices)).onConflictDoNothing({ target: outboxMessages.dedupeKey }),
    ),
    insertWhere(
      db,
      orderCancellations,
      {
        id: record.id ?? sortableIdSql('ocx', now),
        shopId: sql`o.shop_id`,
        orderId: sql`o.id`,
        scope: 'order',
        reason: record.reason,
        refundMethod: record.refundMethod,
        refundAmount: record.refundAmount,
        actor: record.actor,
        actorTokenId: record.actorTokenId,
        createdAt: now,
      },
      cancellable(sql`o`),
      eachOrder(ids),
    ),
    db
      .update(gaInventory)
      .set({ taken: sql`${qualified(gaInventory.taken)} - given.places` })
      .from(
        sql`(SELECT g.performance_id AS performance_id, sum(g.quantity) AS places FROM ${eachOrder(ids)} JOIN ${gaClaims} AS g ON g.hold_id = o.hold_id AND g.state = 'sold'
          WHERE ${cancellable(sql`o`)} GROUP BY g.performance_id) AS given`,
      )
      .where(sql`${qualified(gaInventory.performanceId)} = given.performance_id`),
    db.delete(gaClaims).where(sql`${qualified(gaClaims.holdId)} IN ${doomedColumn('hold_id')} AND ${qualified(gaClaims.state)} = 'sold'`),
    db.delete(seatClaims).where(sql`${qualified(seatClaims.holdId)} IN ${doomedColumn('hold_id')} AND ${qualified(seatClaims.state)} = 'sold'`),
    db
      .update(tickets)
      .set({ status: 'cancelled' })
      .where(sql`${qualified(tickets.orderId)} IN ${doomedColumn('id')} AND ${qualified(tickets.status)} = 'valid'`),
    db
      .update(codeUses)
      .set({ state: 'released', updatedAt: now })
      .where(sql`${qualified(codeUses.orderId)} IN ${doomedColumn('id')} AND ${qualified(codeUses.state)} = 'used'`),
    db
      .update(performances)
      .set({ inventoryVersion: sql`${qualified(performances.inventoryVersion)} + 1` })
      .where(sql`${qualified(performances.id)} IN ${doomedColumn('performance_id')}`),
    // Webhooks: order.cancelled per order cancelled (written while the condition still holds, before the orders move), then the fan-out.
    insertWhere(
      db,
      webhookEvents,
      eventRowSql(
        'order.cancelled',
        now,
        sql`'order.cancelled:' || o.id`,
        sql`json_object('order', ${orderDataSql(sql`o`, 'cancelled')}, 'reason', ${record.actor === 'system' ? 'invoice_unpaid' : 'organizer'},
          'cancellationId', (SELECT c.id FROM ${orderCancellations} AS c WHERE c.order_id = o.id ORDER BY c.created_at DESC LIMIT 1))`,
      ),
      sql`${cancellable(sql`o`)} AND ${subscribed(sql`o.shop_id`, 'order.cancelled')}`,
      eachOrder(ids),
    ).onConflictDoNothing({ target: webhookEvents.dedupeKey }),
    ...fanOutStatements(db, now),
    db
      .update(orders)
      .set({ status: 'cancelled', cancelledAt: now, invoiceDueAt: null, updatedAt: now })
      .from(sql`json_each(${ids}) AS s`)
      .where(sql`${qualified(orders.id)} = s.value ->> 'id' AND ${cancellable(sql`${orders}`)}`)
      .returning({ id: orders.id }),
  ];
}

/** The deadline job's automatic cancellation: unpaid, every reminder sent, the last deadline passed. */
export function cancellationStatements(db: Db, cancel: Cancelling[], now: number): Statement[] {
  return cancelUnpaidOrdersStatements(
    db,
    cancel,
    (order) => cancellable(order, now),
    { reason: 'invoice_unpaid', refundMethod: 'none', refundAmount: 0, actor: 'system', actorTokenId: null },
    'order_cancelled',
    now,
  );
}
