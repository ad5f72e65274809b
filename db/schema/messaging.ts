import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { locales, shops } from './catalog.js';
import { orders } from './orders.js';
import { messageKinds, messageStatuses, mailTransports } from '../../contract/vocabulary.js';
export { messageKinds, messageStatuses, mailTransports };

/** `sending` is a claim with a lease: nextAttemptAt is then when the lease runs out. */

/**
 * The e-mail outbox. A message is written in the same batch as the change it announces,
 * with what its template needs (payload), and delivered later by the outbox job. The dedupe
 * key (e.g. `invoice_reminder:<order>:2`) is UNIQUE, so no change can queue it twice.
 */
export const outboxMessages = sqliteTable(
  'outbox_messages',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    orderId: text('order_id').references(() => orders.id),
    kind: text('kind', { enum: messageKinds }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    recipient: text('recipient').notNull(),
    recipientName: text('recipient_name').notNull(),
    language: text('language', { enum: locales }).notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: messageStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** Random per claim: only the deliverer holding it may record the outcome. */
    leaseToken: text('lease_token'),
    /** Why the last attempt failed, without addresses. */
    lastError: text('last_error'),
    transport: text('transport', { enum: mailTransports }),
    providerMessageId: text('provider_message_id'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_messages_dedupe_uq').on(t.dedupeKey),
    index('outbox_messages_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_messages_order_idx').on(t.orderId),
    index('outbox_messages_shop_created_idx').on(t.shopId, t.createdAt),
  ],
);
