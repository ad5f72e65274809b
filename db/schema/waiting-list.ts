import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { performances, shops } from './catalog.js';
import { locales, waitingListStatuses } from '../../contract/vocabulary.js';
export { waitingListStatuses };

/**
 * People waiting for a sold-out performance, in the order they joined (created_at, then rowid:
 * the order of the inserts' commits). While one of them is `waiting`, a public hold on the
 * performance is refused by a guard in its batch, so a seat that comes back is kept for the
 * line; the offer job moves the first one to `offered` with a hold of channel `waitlist`.
 * At most one live (waiting or offered) entry per address and performance.
 */
export const waitingListEntries = sqliteTable(
  'waiting_list_entries',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    performanceId: text('performance_id')
      .notNull()
      .references(() => performances.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    language: text('language', { enum: locales }).notNull(),
    quantity: integer('quantity').notNull(),
    status: text('status', { enum: waitingListStatuses }).notNull().default('waiting'),
    createdAt: integer('created_at').notNull(),
    offeredAt: integer('offered_at'),
    offerHoldId: text('offer_hold_id'),
    offerExpiresAt: integer('offer_expires_at'),
    /** When it was claimed, expired or withdrawn. */
    closedAt: integer('closed_at'),
    /** sha256 of the secret in the buyer's "leave the list" link; the secret itself is only in their e-mails. */
    withdrawTokenHash: text('withdraw_token_hash').notNull(),
  },
  (t) => [
    index('waiting_list_line_idx').on(t.performanceId, t.status, t.createdAt),
    index('waiting_list_offer_hold_idx').on(t.offerHoldId).where(sql`${t.offerHoldId} IS NOT NULL`),
    // The offer job looks for offers past their time across shops.
    index('waiting_list_offer_expiry_idx').on(t.status, t.offerExpiresAt),
    uniqueIndex('waiting_list_live_email_uq')
      .on(t.performanceId, sql`lower(${t.email})`)
      .where(sql`${t.status} IN ('waiting', 'offered')`),
    check('waiting_list_quantity_positive', sql`${t.quantity} > 0`),
    check('waiting_list_offer_complete', sql`${t.status} <> 'offered' OR (${t.offerHoldId} IS NOT NULL AND ${t.offerExpiresAt} IS NOT NULL)`),
  ],
);
