import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { performances, seats, sections } from '../../../db/schema/catalog.js';
import { seatClaims } from '../../../db/schema/inventory.js';
import { resellerQuotaSeats } from '../../../db/schema/resellers.js';
import { orders } from '../../../db/schema/orders.js';
import { bitsToFlags, seatFlagBits } from '../../../contract/seat-flags.js';
import type { ExchangeSeatList } from '../../../contract/responses/exchange.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';

/** Enough for the largest hall's zone; the counter filters by zone for an arena. */
export const EXCHANGE_SEATS_LIMIT = 2000;

/**
 * The seats a ticket of this order can move to on another performance of its event: those of
 * the performance's plan nobody holds, bought or blocked (a cart's lapsed seat is free), and
 * that are for sale; in plan order, optionally of one zone. A read for the counter's list:
 * the exchange itself claims the seat in its batch, and a seat taken meanwhile is refused there.
 */
export async function exchangeSeats(db: Db, order: Pick<typeof orders.$inferSelect, 'shopId' | 'performanceId'>, performanceId: string, zoneId: string | undefined, now: number): Promise<ExchangeSeatList> {
  const [target] = await db
    .select({ id: performances.id, planId: performances.planId, eventId: performances.eventId })
    .from(performances)
    .where(and(eq(performances.id, performanceId), eq(performances.shopId, order.shopId)));
  const [own] = await db.select({ eventId: performances.eventId }).from(performances).where(eq(performances.id, order.performanceId));
  if (!target || target.eventId !== own?.eventId) throw new ApiError(404, 'performance_not_found', 'There is no performance of this order’s event with this id.');
  if (target.planId === null) throw new ApiError(400, 'not_seated', 'This performance is general admission: choose a tariff, there are no seats to pick.');
  const rows = await db
    .select({ id: seats.id, zoneId: seats.zoneId, section: sections.name, row: seats.row, number: seats.number, flags: seats.flags })
    .from(seats)
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .leftJoin(seatClaims, and(eq(seatClaims.performanceId, target.id), eq(seatClaims.seatId, seats.id)))
    .where(
      and(
        eq(seats.planId, target.planId),
        zoneId === undefined ? undefined : eq(seats.zoneId, zoneId),
        sql`(${seats.flags} & ${seatFlagBits.notForSale}) = 0`,
        or(isNull(seatClaims.seatId), and(eq(seatClaims.state, 'held'), lte(seatClaims.expiresAt, now))),
        // Seats set aside for a reseller are not offered.
        sql`NOT EXISTS (SELECT 1 FROM ${resellerQuotaSeats} WHERE ${resellerQuotaSeats.performanceId} = ${target.id} AND ${resellerQuotaSeats.seatId} = ${seats.id})`,
      ),
    )
    .orderBy(asc(seats.id))
    .limit(EXCHANGE_SEATS_LIMIT + 1);
  return {
    performanceId: target.id,
    seats: rows.slice(0, EXCHANGE_SEATS_LIMIT).map(({ flags, ...seat }) => ({ ...seat, flags: bitsToFlags(flags) })),
    truncated: rows.length > EXCHANGE_SEATS_LIMIT,
  };
}
