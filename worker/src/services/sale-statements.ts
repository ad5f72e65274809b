import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { performances } from '../../../db/schema/catalog.js';
import { batchGuard, gaClaims, holds, seatClaims } from '../../../db/schema/inventory.js';
import { type Db, isGuardFailure } from '../db.js';
import type { HoldItem } from '../domain/pricing.js';
import { ApiError } from '../errors.js';
import { assertHoldUsable, type HoldRow } from './holds.js';

/**
 * The statements that hand a hold's seats and places to an order for good: the hold must
 * still be active and own exactly what was priced (else the batch aborts), its claims become
 * sold to the order and the hold is converted. Card, free and invoice checkouts share them.
 */
export function sellHoldStatements(db: Db, hold: HoldRow, orderId: string, items: readonly HoldItem[], now: number): BatchItem<'sqlite'>[] {
  const seatCount = items.filter((i) => i.seatId !== null).length;
  const gaUnits = items.filter((i) => i.seatId === null).reduce((n, i) => n + i.quantity, 0);
  return [
    db.insert(batchGuard).values({
      name: 'hold_intact',
      ok: sql`EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = ${hold.id} AND ${holds.status} = 'active' AND ${holds.expiresAt} > ${now})
        AND (SELECT count(*) FROM ${seatClaims} WHERE ${seatClaims.holdId} = ${hold.id} AND ${seatClaims.state} = 'held' AND ${seatClaims.expiresAt} > ${now}) = ${seatCount}
        AND (SELECT coalesce(sum(${gaClaims.quantity}), 0) FROM ${gaClaims} WHERE ${gaClaims.holdId} = ${hold.id} AND ${gaClaims.state} = 'held' AND ${gaClaims.expiresAt} > ${now}) = ${gaUnits}`,
    }),
    db
      .update(seatClaims)
      .set({ state: 'sold', orderId, expiresAt: null })
      .where(and(eq(seatClaims.holdId, hold.id), eq(seatClaims.state, 'held'))),
    db
      .update(gaClaims)
      .set({ state: 'sold', orderId, expiresAt: null })
      .where(and(eq(gaClaims.holdId, hold.id), eq(gaClaims.state, 'held'))),
    db.update(holds).set({ status: 'converted' }).where(eq(holds.id, hold.id)),
    db
      .update(performances)
      .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
      .where(eq(performances.id, hold.performanceId)),
  ];
}

/** Runs the batch that sells a hold; a failed hold guard becomes the answer the buyer can act on. */
export async function runSaleBatch(db: Db, statements: BatchItem<'sqlite'>[], hold: HoldRow, now: number) {
  try {
    await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (err) {
    if (isGuardFailure(err)) {
      const [current] = await db.select().from(holds).where(eq(holds.id, hold.id));
      if (current) assertHoldUsable(current, now);
      throw new ApiError(409, 'hold_changed', 'Some seats of this hold were released while paying. Nothing was charged. Please choose again.');
    }
    throw err;
  }
}
