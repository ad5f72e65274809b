import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { shops } from './catalog.js';
import { webhookDeliveryStatuses, type webhookEventTypes } from '../../contract/vocabulary.js';

/**
 * An organizer's webhook endpoint. The secret signs every attempt (Standard Webhooks), so it is
 * kept as is: it is shown to the organizer once and never logged. `failingSince` is the start of
 * the current run of failed attempts (null after a success); after 3 days of it the delivery job
 * disables the endpoint (`disabledAt`) and e-mails the shop's contact.
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /**
     * The secret before the last rotation, which still signs every attempt (next to the new
     * one) until `previousSecretExpiresAt`, so receivers can switch without losing events.
     */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: integer('previous_secret_expires_at'),
    /** JSON array of event types (contract/webhooks.ts); the fan-out reads it with json_each. */
    eventTypes: text('event_types', { mode: 'json' }).$type<(typeof webhookEventTypes)[number][]>().notNull(),
    description: text('description').notNull().default(''),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    failingSince: integer('failing_since'),
    disabledAt: integer('disabled_at'),
    disabledReason: text('disabled_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_shop_idx').on(t.shopId)],
);

/**
 * An event, written in the batch of the change it tells about (a change that rolls back leaves
 * none). `seq` orders events for the per-order delivery order; `dedupeKey` (UNIQUE) lets a change
 * that cannot happen twice (an order paid, a ticket admitted) emit its event once even when two
 * racing batches both try. `fanoutPending` is 1 only inside the writing batch: its last
 * statements fan the new events out to the endpoints and clear it (services/webhook-events.ts).
 */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    type: text('type').notNull(),
    /** The order the event is about; null for a ping. */
    orderId: text('order_id'),
    dedupeKey: text('dedupe_key').notNull(),
    /** The exact JSON body sent: `{ type, timestamp, data }`. */
    payload: text('payload').notNull(),
    /** Set to an endpoint id for an event meant for that endpoint only (a ping). */
    onlyEndpointId: text('only_endpoint_id'),
    fanoutPending: integer('fanout_pending').notNull().default(1),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_events_id_uq').on(t.id),
    uniqueIndex('webhook_events_dedupe_uq').on(t.dedupeKey),
    index('webhook_events_fanout_idx').on(t.fanoutPending).where(sql`fanout_pending = 1`),
    index('webhook_events_shop_created_idx').on(t.shopId, t.createdAt),
    // The retention purge (jobs/purge-webhook-history.ts) finds old events by this.
    index('webhook_events_created_idx').on(t.createdAt),
  ],
);

/**
 * One event to one endpoint. `sending` is a claim with a lease (nextAttemptAt is then when the
 * lease runs out, leaseToken who holds it). The last attempt's outcome is copied here for the
 * log; every attempt is in webhook_attempts. UNIQUE (endpoint, event): an event reaches an
 * endpoint through one delivery, which a redelivery sets pending again.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    eventId: text('event_id').notNull(),
    eventSeq: integer('event_seq').notNull(),
    eventType: text('event_type').notNull(),
    orderId: text('order_id'),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** The first attempt of the current schedule: retries stop 3 days after it. */
    scheduleStartedAt: integer('schedule_started_at'),
    leaseToken: text('lease_token'),
    lastAttemptAt: integer('last_attempt_at'),
    lastDurationMs: integer('last_duration_ms'),
    lastResponseStatus: integer('last_response_status'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_uq').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_order_idx').on(t.endpointId, t.orderId, t.eventSeq),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt),
    // The retention purge: an event's deliveries, to see whether any is still pending.
    index('webhook_deliveries_event_idx').on(t.eventId),
    check('webhook_deliveries_attempts_ck', sql`${t.attempts} >= 0`),
  ],
);

/** Every attempt of a delivery: when, how long, what the receiver answered (a short excerpt), why it failed. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    startedAt: integer('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    responseStatus: integer('response_status'),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.startedAt)],
);
