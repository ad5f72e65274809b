import { and, eq, type SQL, sql } from 'drizzle-orm';
import { batchGuard, gaClaims, holds } from '../../../../db/schema/inventory.js';
import { resellerQuotas, resellerQuotaSeats } from '../../../../db/schema/resellers.js';
import type { Db } from '../../db.js';
import type { Bind } from '../hold-statements.js';

/**
 * The statements by which the database keeps resellers inside their quotas. Each takes values
 * or `sql.placeholder()`s (like hold-statements.ts), so that the new hold of a flash sale
 * compiles them once per shape.
 */

const seatList = (seatIds: Bind<number>[]) =>
  sql.join(
    seatIds.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * A public hold's seats are in nobody's quota: set-aside seats are not for the public. One
 * primary-key lookup per seat, the whole cost on the hot path.
 */
export const guardSeatsNotInQuota = (db: Db, performanceId: Bind<string>, seatIds: Bind<number>[]) =>
  db.insert(batchGuard).values({
    name: 'seats_not_in_reseller_quota',
    ok: sql`NOT EXISTS (SELECT 1 FROM ${resellerQuotaSeats} WHERE ${resellerQuotaSeats.performanceId} = ${performanceId} AND ${resellerQuotaSeats.seatId} IN (${seatList(seatIds)}))`,
  });

/** A reseller's hold takes only seats of its own quota at the performance. */
export const guardSeatsInOwnQuota = (db: Db, performanceId: Bind<string>, resellerId: Bind<string>, seatIds: Bind<number>[]) =>
  db.insert(batchGuard).values({
    name: 'seats_in_own_reseller_quota',
    ok: sql`(SELECT count(*) FROM ${resellerQuotaSeats} WHERE ${resellerQuotaSeats.performanceId} = ${performanceId}
      AND ${resellerQuotaSeats.resellerId} = ${resellerId} AND ${resellerQuotaSeats.seatId} IN (${seatList(seatIds)})) = ${seatIds.length}`,
  });

/** The general-admission places a reseller holds in live carts at a performance (its sold ones are in `taken`). */
const heldByReseller = (performanceId: Bind<string>, resellerId: Bind<string>, now: Bind<number>): SQL =>
  sql`(SELECT coalesce(sum(${gaClaims.quantity}), 0) FROM ${gaClaims} INNER JOIN ${holds} ON ${holds.id} = ${gaClaims.holdId}
    WHERE ${gaClaims.performanceId} = ${performanceId} AND ${gaClaims.state} = 'held' AND ${gaClaims.expiresAt} > ${now} AND ${holds.resellerId} = ${resellerId})`;

/**
 * After a reseller's hold took or changed places: its quota exists, and what it sold plus what
 * its live carts hold fits in it. An early, exact refusal; the sale's own counter decides at last.
 */
export const guardQuotaCoversHeld = (db: Db, performanceId: Bind<string>, resellerId: Bind<string>, now: Bind<number>) =>
  db.insert(batchGuard).values({
    name: 'reseller_quota_covers_held',
    ok: sql`coalesce((SELECT ${resellerQuotas.places} - ${resellerQuotas.taken} FROM ${resellerQuotas}
      WHERE ${resellerQuotas.resellerId} = ${resellerId} AND ${resellerQuotas.performanceId} = ${performanceId}) >= ${heldByReseller(performanceId, resellerId, now)}, 0)`,
  });

/** The reseller has a quota at the performance (a sale without one is refused, not given a quota of its own). */
export const guardQuotaExists = (db: Db, performanceId: string, resellerId: string) =>
  db.insert(batchGuard).values({
    name: `reseller_quota:${resellerId}:${performanceId}`,
    ok: sql`EXISTS (SELECT 1 FROM ${resellerQuotas} WHERE ${resellerQuotas.resellerId} = ${resellerId} AND ${resellerQuotas.performanceId} = ${performanceId})`,
  });

/** Counts sold places into the quota (the sale) or back out of it (a cancellation); the CHECK refuses past the quota. */
export const moveQuotaTaken = (db: Db, performanceId: string, resellerId: string | SQL, places: number) =>
  db
    .update(resellerQuotas)
    .set({ taken: sql`${resellerQuotas.taken} + ${places}` })
    .where(and(eq(resellerQuotas.performanceId, performanceId), sql`${resellerQuotas.resellerId} = ${resellerId}`));

