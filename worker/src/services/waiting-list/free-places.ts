import { and, eq } from 'drizzle-orm';
import { seats } from '../../../../db/schema/catalog.js';
import { seatClaims } from '../../../../db/schema/inventory.js';
import { resellerQuotaSeats } from '../../../../db/schema/resellers.js';
import { isForSale } from '../../../../contract/seat-flags.js';
import type { Db } from '../../db.js';
import { getAvailability, type PerformanceRow } from '../catalog.js';

/** A free seat of a seated performance as the offer job places people: its zone, row and position. */
export interface FreeSeat {
  id: number;
  zoneId: string;
  sectionId: string;
  row: string;
  x: number;
  flags: number;
}

/**
 * The seats of a seated performance nobody has now (no live claim, for sale, not set aside for
 * a reseller). A read: what is free is decided again by the batch that takes them.
 */
export async function freeSeats(db: Db, performance: PerformanceRow, now: number): Promise<FreeSeat[]> {
  if (!performance.planId) return [];
  const [planSeats, claims, quota] = await Promise.all([
    db.select({ id: seats.id, zoneId: seats.zoneId, sectionId: seats.sectionId, row: seats.row, x: seats.x, flags: seats.flags }).from(seats).where(eq(seats.planId, performance.planId)),
    db.select({ seatId: seatClaims.seatId, state: seatClaims.state, expiresAt: seatClaims.expiresAt }).from(seatClaims).where(eq(seatClaims.performanceId, performance.id)),
    db.select({ seatId: resellerQuotaSeats.seatId }).from(resellerQuotaSeats).where(and(eq(resellerQuotaSeats.performanceId, performance.id))),
  ]);
  const taken = new Set(claims.filter((c) => c.state !== 'held' || (c.expiresAt ?? 0) > now).map((c) => c.seatId));
  for (const q of quota) taken.add(q.seatId);
  return planSeats.filter((s) => !taken.has(s.id) && isForSale(s.flags)).sort((a, b) => a.id - b.id);
}

/** How many tickets the public could hold now, the waiting list aside: free seats, or general-admission places left. */
export async function placesLeft(db: Db, performance: PerformanceRow, now: number): Promise<number> {
  if (performance.planId) return (await freeSeats(db, performance, now)).length;
  const availability = await getAvailability(db, performance, now);
  return availability.seating === 'general_admission' ? availability.remaining : 0;
}
