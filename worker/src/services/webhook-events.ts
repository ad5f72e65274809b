import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { orders, tickets } from '../../../db/schema/orders.js';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../../../db/schema/webhooks.js';
import type { WebhookEventType, WebhookPayload, webhookPingType } from '../../../contract/webhooks.js';
import { type BatchStatement, compiledCache } from '../bound-statements.js';
import { insertWhere } from '../conditional-insert.js';
import type { Db } from '../db.js';
import { newId } from '../domain/ids.js';
import { sortableIdSql } from '../sql-ids.js';

type Statement = BatchItem<'sqlite'>;
type OrderRow = typeof orders.$inferSelect;
type TicketRow = typeof tickets.$inferSelect | typeof tickets.$inferInsert;

/**
 * Webhook events are written by the batch of the change they tell about, never after it: the
 * event rows, then the fan-out (one delivery per enabled endpoint of the shop subscribed to the
 * type), all in that batch. A change that rolls back leaves no event, and no read of the
 * endpoints decides anything: the fan-out is an INSERT … SELECT from the endpoints table.
 *
 * How the fan-out finds "the events of this batch" without knowing their ids: events are born
 * with fanout_pending = 1 and the batch's last two statements turn the pending ones into
 * deliveries and clear the flag. A batch is one transaction and SQLite (libSQL, D1) runs one
 * writer at a time, so the pending events the fan-out sees are this batch's own.
 *
 * A change that can happen once (an order paid, a ticket admitted, reminder k) carries a
 * dedupe key (UNIQUE): of two racing batches that both write it, the second's event is dropped
 * (ON CONFLICT DO NOTHING) and so fans out nothing.
 */

export type EventType = WebhookEventType | typeof webhookPingType;

export interface WebhookEventInput<T extends EventType = EventType> {
  shopId: string;
  type: T;
  orderId: string | null;
  dedupeKey: string;
  data: WebhookPayload<T>['data'];
  /** For a ping: the one endpoint it goes to, whatever its events. */
  onlyEndpointId?: string;
  /** Given when the caller needs it (a ping answers its delivery); new otherwise. */
  id?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The body sent to receivers, fixed when the event is written: `{ type, timestamp, data }`. */
export const eventBody = (type: EventType, now: number, data: unknown) => JSON.stringify({ type, timestamp: iso(now), data });

/**
 * Whether an enabled endpoint of the shop subscribes to the event type when the batch runs. An
 * event nobody subscribes to would never be sent: it is not written at all, so a shop without
 * webhooks pays one indexed lookup per change instead of event rows (the sale is the hot path).
 */
export const subscribed = (shopId: SQL | Placeholder | string, type: EventType | Placeholder) =>
  sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} AS sub WHERE sub.shop_id = ${shopId} AND sub.enabled = 1
    AND EXISTS (SELECT 1 FROM json_each(sub.event_types) WHERE json_each.value = ${type}))`;

type EventRow = typeof webhookEvents.$inferInsert;

/** The event's row, unless the same change already wrote it (its dedupe key); only if `wanted` holds, when given. */
const insertEvent = (db: Db, row: EventRow, wanted: SQL | undefined) =>
  (wanted ? insertWhere(db, webhookEvents, row, wanted) : db.insert(webhookEvents).values(row)).onConflictDoNothing({ target: webhookEvents.dedupeKey });

/** One event row, written only if someone subscribes to it (a ping always) and, with `condition`, if that holds too. */
export function eventStatement(db: Db, event: WebhookEventInput, now: number, condition?: SQL): Statement {
  const row = {
    id: event.id ?? newId('wev'),
    shopId: event.shopId,
    type: event.type,
    orderId: event.orderId,
    dedupeKey: event.dedupeKey,
    payload: eventBody(event.type, now, event.data),
    onlyEndpointId: event.onlyEndpointId ?? null,
    fanoutPending: 1,
    createdAt: now,
  };
  const wanted = event.onlyEndpointId ? condition : condition ? sql`(${condition}) AND ${subscribed(event.shopId, event.type)}` : subscribed(event.shopId, event.type);
  return insertEvent(db, row, wanted);
}

/**
 * The batch's last statements: one delivery per (pending event, enabled endpoint of its shop
 * that subscribed to its type, or the ping's one endpoint), then the events marked fanned out.
 * Harmless when the batch wrote no event (nothing is pending).
 */
export function fanOutStatements(db: Db, now: number | Placeholder) {
  const ev = sql.raw('ev');
  const ep = sql.raw('ep');
  return [
    insertWhere(
      db,
      webhookDeliveries,
      {
        id: sortableIdSql('whd', now),
        shopId: sql`${ev}.shop_id`,
        endpointId: sql`${ep}.id`,
        eventId: sql`${ev}.id`,
        eventSeq: sql`${ev}.seq`,
        eventType: sql`${ev}.type`,
        orderId: sql`${ev}.order_id`,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: sql`${now}`,
        createdAt: sql`${now}`,
      },
      sql`${ev}.fanout_pending = 1 AND ${ep}.enabled = 1 AND (${ev}.only_endpoint_id = ${ep}.id
        OR (${ev}.only_endpoint_id IS NULL AND EXISTS (SELECT 1 FROM json_each(${ep}.event_types) WHERE json_each.value = ${ev}.type)))`,
      sql`${webhookEvents} AS ${ev} JOIN ${webhookEndpoints} AS ${ep} ON ${ep}.shop_id = ${ev}.shop_id`,
    ).onConflictDoNothing(),
    db.update(webhookEvents).set({ fanoutPending: 0 }).where(sql`${webhookEvents.fanoutPending} = 1`),
  ];
}

const p = (name: string) => sql.placeholder(name);

// Compiled once (every sale writes two events and their fan-out): an event for the shop's
// subscribers, as eventStatement writes it without a condition, and the two fan-out statements.
const insertSubscribedEvent = compiledCache((db) =>
  insertEvent(
    db,
    // Placeholders as values: insertWhere binds them through their columns, as values.
    { id: p('id'), shopId: p('shopId'), type: p('type'), orderId: p('orderId'), dedupeKey: p('dedupeKey'), payload: p('payload'), onlyEndpointId: null, fanoutPending: 1, createdAt: p('now') } as unknown as EventRow,
    subscribed(p('shopId'), p('type')),
  ),
);
const fanOut = [0, 1].map((i) => compiledCache((db) => fanOutStatements(db, p('now'))[i]!));

/** The events' rows and their fan-out, to append to a change's batch (run by runBatch). */
export function emitEvents(db: Db, events: readonly WebhookEventInput[], now: number): BatchStatement[] {
  if (events.length === 0) return [];
  return [
    ...events.map((e) =>
      e.onlyEndpointId
        ? eventStatement(db, e, now)
        : insertSubscribedEvent(db)({ id: e.id ?? newId('wev'), shopId: e.shopId, type: e.type, orderId: e.orderId, dedupeKey: e.dedupeKey, payload: eventBody(e.type, now, e.data), now }),
    ),
    ...fanOut.map((statement) => statement(db)({ now })),
  ];
}

// ---------------------------------------------------------------------------------------
// The shapes of the payloads (contract/webhooks.ts), from the rows the services hold.

export const dedupe = {
  placed: (orderId: string) => `order.placed:${orderId}`,
  paid: (orderId: string) => `order.paid:${orderId}`,
  cancelled: (orderId: string) => `order.cancelled:${orderId}`,
  ticketsCancelled: (cancellationId: string) => `tickets.cancelled:${cancellationId}`,
  exchanged: (exchangeId: string) => `ticket.exchanged:${exchangeId}`,
  checkedIn: (ticketId: string) => `ticket.checked_in:${ticketId}`,
  reminder: (orderId: string, number: number) => `invoice.reminder_sent:${orderId}:${number}`,
  refund: (cancellationId: string) => `refund.recorded:${cancellationId}`,
};

type Currency = WebhookPayload<'order.paid'>['data']['order']['currency'];

export function orderData(order: OrderRow, patch: Partial<OrderRow> = {}): WebhookPayload<'order.paid'>['data']['order'] {
  const o = { ...order, ...patch };
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    performanceId: o.performanceId,
    currency: o.currency as Currency,
    total: o.total,
    subtotal: o.subtotal,
    fees: o.fees,
    discount: o.discount,
    insurance: o.insurance,
    paidByVouchers: o.paidByVouchers,
    paymentMethod: o.paymentMethod,
    createdAt: iso(o.createdAt),
    buyer: { name: o.buyerName, email: o.buyerEmail, language: o.buyerLanguage },
  };
}

export const orderRef = (order: Pick<OrderRow, 'id' | 'number' | 'currency'>) => ({ id: order.id, number: order.number, currency: order.currency as Currency });

export function ticketData(t: TicketRow, status?: 'valid' | 'cancelled' | 'exchanged'): WebhookPayload<'order.paid'>['data']['tickets'][number] {
  return {
    id: t.id!,
    number: t.number,
    performanceId: t.performanceId,
    seatId: t.seatId ?? null,
    seatLabel: t.seatLabel ?? null,
    tariffId: t.tariffId,
    tariffName: t.tariffName,
    price: t.price,
    discount: t.discount ?? 0,
    status: status ?? t.status ?? 'valid',
  };
}

/** ISO 8601 of an epoch-ms SQL expression, as JavaScript's toISOString writes it. */
export const isoSql = (ms: SQL) => sql`strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`;

/** orderData in SQL over an orders row `o`, for the set-based statements of the invoice job. */
export const orderDataSql = (o: SQL, status: string) =>
  sql`json_object('id', ${o}.id, 'number', ${o}.number, 'status', ${status}, 'performanceId', ${o}.performance_id, 'currency', ${o}.currency,
    'total', ${o}.total, 'subtotal', ${o}.subtotal, 'fees', ${o}.fees, 'discount', ${o}.discount, 'insurance', ${o}.insurance,
    'paidByVouchers', ${o}.paid_by_vouchers, 'paymentMethod', ${o}.payment_method, 'createdAt', ${isoSql(sql`${o}.created_at`)},
    'buyer', json_object('name', ${o}.buyer_name, 'email', ${o}.buyer_email, 'language', ${o}.buyer_language))`;

/** An event row built in SQL over `o` (and `s`, the JSON element), for INSERT … SELECT over many orders. */
export function eventRowSql(type: EventType, now: number, dedupeKey: SQL, data: SQL) {
  return {
    id: sortableIdSql('wev', now),
    shopId: sql`o.shop_id`,
    type,
    orderId: sql`o.id`,
    dedupeKey,
    payload: sql`json_object('type', ${type}, 'timestamp', ${iso(now)}, 'data', json(${data}))`,
    onlyEndpointId: null,
    fanoutPending: 1,
    createdAt: now,
  };
}
