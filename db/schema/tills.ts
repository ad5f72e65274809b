import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffActorKinds, tillStatuses } from '../../contract/vocabulary.js';
import { shops } from './catalog.js';
export { tillStatuses };

/**
 * A staff member's (or token's) till of one business day in the shop's time zone. It comes into
 * being with its first money movement at the desk (INSERT … ON CONFLICT DO NOTHING in that
 * movement's batch); every desk payment row points at it (payments.till_id). Closing it is one
 * conditional UPDATE that fixes the expected cash from its payments; a closed till takes no
 * more money (a guard in every desk batch).
 */
export const tills = sqliteTable(
  'tills',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    /** The staff member's or the token's id. */
    actorId: text('actor_id').notNull(),
    actorKind: text('actor_kind', { enum: staffActorKinds }).notNull(),
    /** YYYY-MM-DD in the shop's time zone. */
    businessDay: text('business_day').notNull(),
    status: text('status', { enum: tillStatuses }).notNull().default('open'),
    openedAt: integer('opened_at').notNull(),
    closedAt: integer('closed_at'),
    countedCash: integer('counted_cash'),
    expectedCash: integer('expected_cash'),
    difference: integer('difference'),
    closedBy: text('closed_by'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('tills_actor_day_uq').on(t.shopId, t.actorId, t.businessDay),
    index('tills_shop_day_idx').on(t.shopId, t.businessDay),
    check('tills_closed_complete', sql`${t.status} = 'open' OR (${t.closedAt} IS NOT NULL AND ${t.countedCash} IS NOT NULL AND ${t.expectedCash} IS NOT NULL)`),
  ],
);
