import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { performances, seats, shops, tariffs } from './catalog.js';
import { holdStatuses, claimStates, holdChannels } from '../../contract/vocabulary.js';
export { holdStatuses, claimStates, holdChannels };

/**
 * A buyer's cart. Its id is a 128-bit random capability: whoever knows it may change the
 * hold, so it is never listed anywhere. expiresAt never passes maxExpiresAt.
 *
 * `version` moves with every batch that changes what the hold contains (seats, places,
 * tariffs, codes). A sale names the version it priced and ticketed: a cart changed while it
 * was being paid no longer has that version, and the sale's batch aborts.
 */
export const holds = sqliteTable(
  'holds',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    performanceId: text('performance_id').notNull().references(() => performances.id),
    status: text('status', { enum: holdStatuses }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    maxExpiresAt: integer('max_expires_at').notNull(),
    version: integer('version').notNull().default(0),
    /** A desk hold (box_office) may be made and changed outside the online sales window; see services/desk-holds.ts. */
    channel: text('channel', { enum: holdChannels }).notNull().default('online'),
    /** The reseller whose token made it: its seats must be the reseller's quota seats, its places count against its quota. */
    resellerId: text('reseller_id'),
  },
  (t) => [index('holds_sweep_idx').on(t.status, t.expiresAt)],
);

/**
 * The seat ledger. Its primary key is what makes a double sale impossible: a seat of a
 * performance has at most one claim, whatever its state. A held claim past expiresAt counts
 * as free and is deleted by the next writer that wants the seat.
 */
export const seatClaims = sqliteTable(
  'seat_claims',
  {
    performanceId: text('performance_id').notNull().references(() => performances.id),
    seatId: integer('seat_id').notNull().references(() => seats.id),
    state: text('state', { enum: claimStates }).notNull(),
    holdId: text('hold_id'),
    orderId: text('order_id'),
    tariffId: text('tariff_id').references(() => tariffs.id),
    expiresAt: integer('expires_at'),
  },
  (t) => [
    primaryKey({ columns: [t.performanceId, t.seatId] }),
    index('seat_claims_hold_idx').on(t.holdId),
    // The sale's and the ledger's guards look up an order's seats.
    index('seat_claims_order_idx').on(t.orderId).where(sql`${t.orderId} IS NOT NULL`),
    index('seat_claims_expiry_idx').on(t.performanceId, t.state, t.expiresAt),
    check('seat_claims_held_has_expiry', sql`${t.state} <> 'held' OR (${t.expiresAt} IS NOT NULL AND ${t.holdId} IS NOT NULL)`),
  ],
);

/** General-admission counter: the CHECK refuses any batch that would sell past capacity. */
export const gaInventory = sqliteTable(
  'ga_inventory',
  {
    performanceId: text('performance_id').primaryKey().references(() => performances.id),
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
  },
  (t) => [check('ga_inventory_within_capacity', sql`${t.taken} >= 0 AND ${t.taken} <= ${t.capacity}`)],
);

/** General-admission quantities per hold and tariff; each unit is counted in gaInventory.taken. */
export const gaClaims = sqliteTable(
  'ga_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    performanceId: text('performance_id').notNull().references(() => performances.id),
    holdId: text('hold_id').notNull(),
    tariffId: text('tariff_id').notNull().references(() => tariffs.id),
    quantity: integer('quantity').notNull(),
    state: text('state', { enum: claimStates }).notNull(),
    orderId: text('order_id'),
    expiresAt: integer('expires_at'),
  },
  (t) => [
    uniqueIndex('ga_claims_hold_tariff_uq').on(t.holdId, t.tariffId),
    index('ga_claims_order_idx').on(t.orderId).where(sql`${t.orderId} IS NOT NULL`),
    index('ga_claims_expiry_idx').on(t.performanceId, t.state, t.expiresAt),
    check('ga_claims_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/**
 * Not a table of data: a trigger (migration 0001) aborts the whole batch when a row with
 * ok = 0 is inserted and silently drops rows with ok = 1. It lets a batch assert a condition
 * ("the hold is still active") without an interactive transaction.
 */
export const batchGuard = sqliteTable('batch_guard', {
  name: text('name').notNull(),
  ok: integer('ok').notNull(),
});
