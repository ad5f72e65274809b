import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resellerStatuses } from '../../contract/vocabulary.js';
import { performances, seats, shops } from './catalog.js';
export { resellerStatuses };

/**
 * A partner that sells the shop's tickets on its own account (a tourist office, a shop): it
 * calls the storefront API with a reseller-role token and sells within its quotas only. Its
 * commission is in basis points of the tickets' net prices (1000 = 10 %).
 */
export const resellers = sqliteTable(
  'resellers',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    commissionBps: integer('commission_bps').notNull().default(0),
    status: text('status', { enum: resellerStatuses }).notNull().default('active'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('resellers_shop_idx').on(t.shopId), check('resellers_commission_range', sql`${t.commissionBps} >= 0 AND ${t.commissionBps} <= 10000`)],
);

/**
 * A reseller's share of a general-admission performance: `taken` moves in the batch that sells
 * (and back in the one that cancels), and its CHECK is what refuses a sale past the quota. The
 * places are not reserved from the public: the hall's capacity (ga_inventory) is the one limit
 * both share, the quota only caps what the reseller may sell of it.
 */
export const resellerQuotas = sqliteTable(
  'reseller_quotas',
  {
    resellerId: text('reseller_id')
      .notNull()
      .references(() => resellers.id),
    performanceId: text('performance_id')
      .notNull()
      .references(() => performances.id),
    places: integer('places').notNull().default(0),
    taken: integer('taken').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.resellerId, t.performanceId] }), check('reseller_quotas_within_places', sql`${t.taken} >= 0 AND ${t.taken} <= ${t.places}`)],
);

/**
 * The seats set aside for a reseller at a performance: the primary key gives a seat to at most
 * one reseller, and a hold that is not that reseller's cannot claim it (a guard in the hold's
 * batch, services/reseller-seat-guards.ts). Removing the row gives the seat back to the public.
 */
export const resellerQuotaSeats = sqliteTable(
  'reseller_quota_seats',
  {
    performanceId: text('performance_id')
      .notNull()
      .references(() => performances.id),
    seatId: integer('seat_id')
      .notNull()
      .references(() => seats.id),
    resellerId: text('reseller_id')
      .notNull()
      .references(() => resellers.id),
  },
  (t) => [primaryKey({ columns: [t.performanceId, t.seatId] }), index('reseller_quota_seats_reseller_idx').on(t.resellerId, t.performanceId)],
);
