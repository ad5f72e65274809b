import { and, eq, inArray, lte, type Placeholder, sql } from 'drizzle-orm';
import { performances } from '../../../db/schema/catalog.js';
import { gaClaims, gaInventory, seatClaims } from '../../../db/schema/inventory.js';
import type { Db } from '../db.js';

/**
 * The one definition of each inventory statement of a hold that is used in two ways: with
 * values, inside the query-builder batches of changes, releases and exchanges (holds.ts), and
 * with `sql.placeholder()`s, compiled once per shape for the new hold of a flash sale
 * (new-hold-statements.ts). Every argument is a value or a placeholder; the SQL is the same.
 */
export type Bind<T> = T | Placeholder;

/** A seat claim row binds 6 values; counted as 7 (its 7 columns) to stay under D1's 100 per statement. */
export const SEAT_CLAIM_COLUMNS = 7;

/** Frees, for the next writer, the given seats whose holds have lapsed. */
export const deleteLapsedSeatClaims = (db: Db, performanceId: Bind<string>, seatIds: Bind<number>[], now: Bind<number>) =>
  db
    .delete(seatClaims)
    .where(and(eq(seatClaims.performanceId, performanceId), inArray(seatClaims.seatId, seatIds), eq(seatClaims.state, 'held'), lte(seatClaims.expiresAt, now)));

export interface HeldSeatClaim {
  performanceId: Bind<string>;
  seatId: Bind<number>;
  tariffId: Bind<string>;
  holdId: Bind<string>;
  expiresAt: Bind<number>;
}

/** Claims seats for a hold; the UNIQUE key on performance and seat decides races. */
export const insertHeldSeatClaims = (db: Db, claims: HeldSeatClaim[]) =>
  db.insert(seatClaims).values(claims.map((claim) => ({ ...claim, state: 'held' as const })));

/** Gives lapsed general-admission units of a performance back to its counter (first), then drops their claims. */
export const reclaimLapsedGaUnits = (db: Db, performanceId: Bind<string>, now: Bind<number>) =>
  db
    .update(gaInventory)
    .set({
      taken: sql`${gaInventory.taken} - (SELECT coalesce(sum(${gaClaims.quantity}), 0) FROM ${gaClaims}
        WHERE ${gaClaims.performanceId} = ${performanceId} AND ${gaClaims.state} = 'held' AND ${gaClaims.expiresAt} <= ${now})`,
    })
    .where(eq(gaInventory.performanceId, performanceId));

export const deleteLapsedGaClaims = (db: Db, performanceId: Bind<string>, now: Bind<number>) =>
  db.delete(gaClaims).where(and(eq(gaClaims.performanceId, performanceId), eq(gaClaims.state, 'held'), lte(gaClaims.expiresAt, now)));

/** Tells pollers the performance's availability changed (their next poll is no longer a 304). */
export const bumpInventoryVersion = (db: Db, performanceId: Bind<string>) =>
  db
    .update(performances)
    .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
    .where(eq(performances.id, performanceId));
