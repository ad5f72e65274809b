import { and, asc, count, countDistinct, eq, gte, inArray, lt, max, sql } from 'drizzle-orm';
import { events, performances, shops, venues } from '../../../../db/schema/catalog.js';
import { admissions } from '../../../../db/schema/door.js';
import { tickets } from '../../../../db/schema/orders.js';
import type { DoorDuplicateList, DoorOverview } from '../../../../contract/responses/organizer/door.js';
import type { Db } from '../../db.js';
import { duplicatesOf } from '../../domain/admissions.js';
import { formatLocalDate, parseLocalDate } from '../../domain/report-period.js';
import { addDays, localDateOf, zonedTimeToUtc } from '../../domain/zoned-time.js';
import { ApiError } from '../../errors.js';
import { admissionColumns, slices } from './door-tickets.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The door's live picture of a day (in the shop's time zone): per performance starting that
 * day, the valid tickets expected, the tickets used to enter, the admissions after a ticket's
 * first, and the latest scan.
 */
export async function doorOverview(db: Db, shopId: string, date: string | undefined, now: number): Promise<DoorOverview> {
  const [shop] = await db.select({ timeZone: shops.timeZone }).from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
  const day = date ?? formatLocalDate(localDateOf(now, shop.timeZone));
  const span = { from: zonedTimeToUtc(parseLocalDate(day), 0, 0, shop.timeZone), to: zonedTimeToUtc(addDays(parseLocalDate(day), 1), 0, 0, shop.timeZone) };

  const list = await db
    .select({ id: performances.id, startsAt: performances.startsAt, eventTitle: events.title, venueName: venues.name })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(eq(performances.shopId, shopId), gte(performances.startsAt, span.from), lt(performances.startsAt, span.to)))
    .orderBy(asc(performances.startsAt), asc(performances.id));

  const expected = new Map<string, { expected: number; admitted: number }>();
  const scans = new Map<string, { admissions: number; tickets: number; last: number | null }>();
  for (const ids of slices(list.map((p) => p.id))) {
    const [ticketCounts, admissionCounts] = await db.batch([
      db
        .select({
          performanceId: tickets.performanceId,
          expected: sql<number>`sum(${tickets.status} = 'valid')`,
          admitted: sql<number>`sum(${tickets.admittedAt} IS NOT NULL)`,
        })
        .from(tickets)
        .where(inArray(tickets.performanceId, ids))
        .groupBy(tickets.performanceId),
      db
        .select({ performanceId: admissions.performanceId, admissions: count(), tickets: countDistinct(admissions.ticketId), last: max(admissions.scannedAt) })
        .from(admissions)
        .where(inArray(admissions.performanceId, ids))
        .groupBy(admissions.performanceId),
    ]);
    for (const row of ticketCounts) expected.set(row.performanceId, { expected: Number(row.expected ?? 0), admitted: Number(row.admitted ?? 0) });
    for (const row of admissionCounts) scans.set(row.performanceId, { admissions: Number(row.admissions), tickets: Number(row.tickets), last: row.last === null ? null : Number(row.last) });
  }

  return {
    date: day,
    timeZone: shop.timeZone,
    performances: list.map((p) => {
      const t = expected.get(p.id);
      const s = scans.get(p.id);
      return {
        id: p.id,
        startsAt: iso(p.startsAt),
        eventTitle: p.eventTitle,
        venueName: p.venueName,
        expected: t?.expected ?? 0,
        admitted: t?.admitted ?? 0,
        duplicates: s ? s.admissions - s.tickets : 0,
        lastAdmissionAt: s?.last != null ? iso(s.last) : null,
      };
    }),
  };
}

/** Tickets admitted more than once at a performance: each later admission with the first. */
export async function doorDuplicates(db: Db, shopId: string, performanceId: string): Promise<DoorDuplicateList> {
  const [performance] = await db.select({ id: performances.id }).from(performances).where(and(eq(performances.id, performanceId), eq(performances.shopId, shopId)));
  if (!performance) throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in the shop.');
  const rows = await db
    .select({
      ...admissionColumns,
      ticketNumber: tickets.number,
      status: tickets.status,
      tariffName: tickets.tariffName,
      seatLabel: tickets.seatLabel,
    })
    .from(admissions)
    .innerJoin(tickets, eq(tickets.id, admissions.ticketId))
    .where(and(eq(admissions.performanceId, performanceId), eq(admissions.shopId, shopId)));
  const place = (a: (typeof rows)[number]) => ({ deviceId: a.deviceId, door: a.door, scannedAt: iso(a.scannedAt), mode: a.mode });
  return {
    duplicates: duplicatesOf(rows).map(({ first, duplicate }) => ({
      ticketNumber: duplicate.ticketNumber,
      status: duplicate.status,
      tariffName: duplicate.tariffName,
      seatLabel: duplicate.seatLabel,
      first: place(first),
      duplicate: { ...place(duplicate), recordedAt: iso(duplicate.recordedAt) },
    })),
  };
}
