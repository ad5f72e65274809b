import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { batchGuard, gaClaims, holds, seatClaims } from '../../../db/schema/inventory.js';
import { orders, tickets } from '../../../db/schema/orders.js';
import { type BoundStatement, compiledCache } from '../bound-statements.js';
import type { Db } from '../db.js';
import type { HoldItem } from '../domain/pricing.js';

type Statement = BatchItem<'sqlite'>;
const p = (name: string) => sql.placeholder(name);

/**
 * Guards that name what they protect: a hold at the version that was priced, the very seats
 * and places a sale ticketed, an order whose tickets and ledger rows are the same seats. They
 * run inside the batch that writes (batch_guard, migration 0001), so the database decides.
 */

export const guard = (db: Db, name: string, ok: SQL) => db.insert(batchGuard).values({ name, ok });

/** The order is still in this status (e.g. an invoice still unpaid when its payment or cancellation commits). */
export const orderInStatus = (db: Db, orderId: string, status: (typeof orders.$inferSelect)['status']): Statement =>
  guard(db, `order_${status}`, sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${orders.id} = ${orderId} AND ${orders.status} = ${status})`);

/** Moves a hold's version: every batch that changes what a hold contains includes it. */
export const bumpHoldVersion = (db: Db, holdId: string): Statement =>
  db
    .update(holds)
    .set({ version: sql`${holds.version} + 1` })
    .where(sql`${holds.id} = ${holdId}`);

/*
 * The guards of every sale (card, free, invoice) are compiled once per database and shape and
 * bound per sale (bound-statements.ts): building them with drizzle cost more CPU per checkout
 * than SQLite took to run them. They run in batches through runBatch.
 */

const holdAtVersionQuery = compiledCache((db) =>
  guard(
    db,
    'hold_at_version',
    sql`EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = ${p('holdId')} AND ${holds.status} = 'active' AND ${holds.expiresAt} > ${p('now')} AND ${holds.version} = ${p('version')})`,
  ),
);

/** The hold is active, not lapsed, and still exactly as it was when it was read at `version`. */
export const holdAtVersion = (db: Db, hold: { id: string; version: number }, now: number): BoundStatement =>
  holdAtVersionQuery(db)({ holdId: hold.id, version: hold.version, now });

/** The seats of the items with their tariffs, and the places per tariff, as JSON bound once (no parameter limit). */
export function itemLists(items: readonly HoldItem[]) {
  const seats = items.filter((i) => i.seatId !== null).map((i) => [i.seatId!, i.tariffId] as const);
  const places = items.filter((i) => i.seatId === null).map((i) => [i.tariffId, i.quantity] as const);
  return { seats, places, seatJson: JSON.stringify(seats), placeJson: JSON.stringify(places) };
}

/** `(seat_id, tariff_id) IN` the listed pairs. */
export const seatPairIn = (seatJson: string | Placeholder) =>
  sql`(${seatClaims.seatId}, ${seatClaims.tariffId}) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${seatJson}))`;

/** `tariff_id IN` the tariffs of the listed places. */
export const placeTariffIn = (placeJson: string | Placeholder) => sql`${gaClaims.tariffId} IN (SELECT json_extract(value, '$[0]') FROM json_each(${placeJson}))`;

const soldAsPricedQuery = compiledCache((db) =>
  guard(
    db,
    'sold_as_priced',
    sql`(SELECT count(*) FROM ${seatClaims} WHERE ${seatClaims.orderId} = ${p('orderId')} AND ${seatClaims.performanceId} = ${p('performanceId')}
          AND ${seatClaims.holdId} = ${p('holdId')} AND ${seatClaims.state} = 'sold' AND ${seatPairIn(p('seatJson'))}) = ${p('seatCount')}
      AND NOT EXISTS (SELECT 1 FROM json_each(${p('placeJson')}) p WHERE NOT EXISTS (SELECT 1 FROM ${gaClaims}
          WHERE ${gaClaims.holdId} = ${p('holdId')} AND ${gaClaims.orderId} = ${p('orderId')} AND ${gaClaims.state} = 'sold'
            AND ${gaClaims.tariffId} = json_extract(p.value, '$[0]') AND ${gaClaims.quantity} = json_extract(p.value, '$[1]')))`,
  ),
);

/**
 * After a sale's updates: the order now owns, sold, each listed seat at its listed tariff, and
 * each listed tariff's places in exactly the listed quantity, all from this hold.
 */
export function soldAsPriced(db: Db, holdId: string, performanceId: string, orderId: string, items: readonly HoldItem[]): BoundStatement {
  const { seats, seatJson, placeJson } = itemLists(items);
  return soldAsPricedQuery(db)({ holdId, performanceId, orderId, seatJson, seatCount: seats.length, placeJson });
}

const orderLedgerIntactQuery = compiledCache((db) => {
  const orderId = p('orderId');
  const t = sql.raw('t');
  const c = sql.raw('c');
  const g = sql.raw('g');
  return guard(
    db,
    'order_ledger_intact',
    sql`NOT EXISTS (SELECT 1 FROM ${tickets} ${t} WHERE ${t}.order_id = ${orderId} AND ${t}.status = 'valid' AND ${t}.seat_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${seatClaims} ${c} WHERE ${c}.performance_id = ${t}.performance_id AND ${c}.seat_id = ${t}.seat_id
            AND ${c}.state = 'sold' AND ${c}.order_id = ${orderId}))
      AND NOT EXISTS (SELECT 1 FROM ${seatClaims} ${c} WHERE ${c}.order_id = ${orderId} AND ${c}.state = 'sold'
          AND NOT EXISTS (SELECT 1 FROM ${tickets} ${t} WHERE ${t}.order_id = ${orderId} AND ${t}.status = 'valid'
            AND ${t}.performance_id = ${c}.performance_id AND ${t}.seat_id = ${c}.seat_id))
      AND NOT EXISTS (SELECT 1 FROM ${gaClaims} ${g} WHERE ${g}.order_id = ${orderId} AND ${g}.state = 'sold'
          GROUP BY ${g}.performance_id, ${g}.tariff_id
          HAVING sum(${g}.quantity) <> (SELECT count(*) FROM ${tickets} ${t} WHERE ${t}.order_id = ${orderId} AND ${t}.status = 'valid'
            AND ${t}.seat_id IS NULL AND ${t}.performance_id = ${g}.performance_id AND ${t}.tariff_id = ${g}.tariff_id))
      AND NOT EXISTS (SELECT 1 FROM ${tickets} ${t} WHERE ${t}.order_id = ${orderId} AND ${t}.status = 'valid' AND ${t}.seat_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM ${gaClaims} ${g} WHERE ${g}.order_id = ${orderId} AND ${g}.state = 'sold'
            AND ${g}.performance_id = ${t}.performance_id AND ${g}.tariff_id = ${t}.tariff_id))`,
  );
});

/**
 * An order's valid tickets and its sold ledger rows are the same seats and places: every valid
 * seated ticket's seat is sold to the order, every seat sold to the order has a valid ticket,
 * and per performance and tariff the order's sold places equal its valid general-admission
 * tickets. Added at the end of every batch that issues, exchanges or cancels tickets.
 */
export const orderLedgerIntact = (db: Db, orderId: string): BoundStatement => orderLedgerIntactQuery(db)({ orderId });
