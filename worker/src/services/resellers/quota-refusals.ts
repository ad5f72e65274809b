import { and, eq, inArray, sql } from 'drizzle-orm';
import { gaClaims, holds } from '../../../../db/schema/inventory.js';
import { resellerQuotas, resellerQuotaSeats } from '../../../../db/schema/resellers.js';
import type { Db } from '../../db.js';
import { ApiError } from '../../errors.js';

/**
 * After a quota guard refused a batch, says why (reads for the message only: the batch has
 * decided). Each returns null when the quota was not the reason.
 */

/** A public hold wanted seats set aside for a reseller: to the buyer they are simply taken. */
export async function seatsInSomeQuota(db: Db, performanceId: string, seatIds: number[]): Promise<ApiError | null> {
  if (seatIds.length === 0) return null;
  const rows = await db
    .select({ seatId: resellerQuotaSeats.seatId })
    .from(resellerQuotaSeats)
    .where(and(eq(resellerQuotaSeats.performanceId, performanceId), inArray(resellerQuotaSeats.seatId, seatIds)));
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.seatId).sort((a, b) => a - b);
  return new ApiError(409, 'seats_taken', ids.length === 1 ? `Seat ${ids[0]} is not available.` : `Seats ${ids.join(', ')} are not available.`, { seatIds: ids });
}

/** A reseller's hold wanted seats that are not its quota's. */
export async function seatsOutsideOwnQuota(db: Db, performanceId: string, resellerId: string, seatIds: number[]): Promise<ApiError | null> {
  if (seatIds.length === 0) return null;
  const own = new Set(
    (
      await db
        .select({ seatId: resellerQuotaSeats.seatId })
        .from(resellerQuotaSeats)
        .where(and(eq(resellerQuotaSeats.performanceId, performanceId), eq(resellerQuotaSeats.resellerId, resellerId), inArray(resellerQuotaSeats.seatId, seatIds)))
    ).map((r) => r.seatId),
  );
  const outside = seatIds.filter((id) => !own.has(id)).sort((a, b) => a - b);
  if (outside.length === 0) return null;
  return new ApiError(409, 'seat_not_in_quota', `Seats ${outside.join(', ')} are not in your quota for this performance.`, { seatIds: outside });
}

/** The reseller's general-admission quota: missing, or used up by what it sold and holds. */
export async function quotaRefusal(db: Db, performanceId: string, resellerId: string, now: number): Promise<ApiError> {
  const [quota] = await db
    .select()
    .from(resellerQuotas)
    .where(and(eq(resellerQuotas.performanceId, performanceId), eq(resellerQuotas.resellerId, resellerId)));
  if (!quota) return new ApiError(409, 'no_reseller_quota', 'You have no quota for this performance: ask the organizer to set one.');
  const [held] = await db
    .select({ places: sql<number>`coalesce(sum(${gaClaims.quantity}), 0)` })
    .from(gaClaims)
    .innerJoin(holds, eq(holds.id, gaClaims.holdId))
    .where(and(eq(gaClaims.performanceId, performanceId), eq(gaClaims.state, 'held'), sql`${gaClaims.expiresAt} > ${now}`, eq(holds.resellerId, resellerId)));
  const remaining = Math.max(0, quota.places - quota.taken - Number(held?.places ?? 0));
  return new ApiError(409, 'reseller_quota_exhausted', `Your quota for this performance is used up: ${remaining} of ${quota.places} places left.`, { remaining });
}
