import { and, asc, eq, inArray } from 'drizzle-orm';
import { sections, seats } from '../../../db/schema/catalog.js';
import { seatClaims } from '../../../db/schema/inventory.js';
import { resellerQuotaSeats } from '../../../db/schema/resellers.js';
import type { Db } from '../db.js';
import { bestAvailableBlocks, type SeatRow } from '../domain/best-available.js';
import { seatFlagBits } from '../../../contract/seat-flags.js';
import { ApiError } from '../errors.js';
import type { PerformanceRow } from './catalog.js';

// Wheelchair spaces, companion seats and seats off sale are chosen deliberately, never by the search.
const EXCLUDED_FLAGS = seatFlagBits.wheelchair | seatFlagBits.companion | seatFlagBits.notForSale;

/**
 * Candidate blocks for "best available" in a zone, from the current availability. This is a
 * suggestion only: the hold batch still decides, and a block taken meanwhile makes the caller
 * try the next candidate.
 */
export async function bestAvailableCandidates(db: Db, performance: PerformanceRow, zoneId: string, quantity: number, now: number): Promise<number[][]> {
  if (!performance.planId) throw new ApiError(400, 'quantities_required', 'This performance is general admission: choose quantities per tariff, not seats.');
  const zoneSeats = await db
    .select({ id: seats.id, row: seats.row, sectionId: seats.sectionId, x: seats.x, flags: seats.flags, sectionOrder: sections.sortOrder })
    .from(seats)
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .where(and(eq(seats.planId, performance.planId), eq(seats.zoneId, zoneId)))
    .orderBy(asc(sections.sortOrder), asc(seats.id));
  if (zoneSeats.length === 0) throw new ApiError(400, 'unknown_zone', 'This price zone is not part of the performance’s seating plan.');
  const claims = await db
    .select({ seatId: seatClaims.seatId, state: seatClaims.state, expiresAt: seatClaims.expiresAt })
    .from(seatClaims)
    .where(and(eq(seatClaims.performanceId, performance.id), inArray(seatClaims.state, ['held', 'sold', 'blocked'])));
  const taken = new Set(claims.filter((c) => c.state !== 'held' || (c.expiresAt ?? 0) > now).map((c) => c.seatId));
  // Seats set aside for resellers are not offered to the public (the hold's guard refuses them anyway).
  for (const { seatId } of await db.select({ seatId: resellerQuotaSeats.seatId }).from(resellerQuotaSeats).where(eq(resellerQuotaSeats.performanceId, performance.id))) taken.add(seatId);

  const rows = new Map<string, { firstId: number; sectionOrder: number; seats: { id: number; x: number; available: boolean }[] }>();
  for (const seat of zoneSeats) {
    const key = `${seat.sectionId}\u0000${seat.row}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { firstId: seat.id, sectionOrder: seat.sectionOrder, seats: [] }));
    row.seats.push({ id: seat.id, x: seat.x, available: !taken.has(seat.id) && (seat.flags & EXCLUDED_FLAGS) === 0 });
  }
  const ordered = [...rows.values()].sort((a, b) => a.sectionOrder - b.sectionOrder || a.firstId - b.firstId);
  const seatRows: SeatRow[] = ordered.map((row, rank) => ({ rank, seats: [...row.seats].sort((a, b) => a.x - b.x) }));
  return bestAvailableBlocks(seatRows, quantity);
}
