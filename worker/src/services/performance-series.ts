import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { events, performances, shops } from '../../../db/schema/catalog.js';
import { gaInventory } from '../../../db/schema/inventory.js';
import { MAX_SERIES_PERFORMANCES, type PerformanceSeriesInput } from '../../../contract/organizer.js';
import type { SeriesDate as SeriesDateView } from '../../../contract/responses/organizer/catalog.js';
import type { Db } from '../db.js';
import { newId } from '../domain/ids.js';
import { expandSeries, lastDateOfWeeks, parseLocalDate, parseLocalTime, type SeriesDate, type SeriesRule, type Weekday } from '../domain/performance-series.js';
import { ApiError } from '../errors.js';

type EventRow = typeof events.$inferSelect;
type PerformanceRow = typeof performances.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The request's words as a domain rule (the contract already checked every date and time). */
export function seriesRuleOf(body: PerformanceSeriesInput): SeriesRule {
  const date = (text: string) => parseLocalDate(text)!;
  const times = (list: readonly string[]) => list.map((t) => parseLocalTime(t)!);
  const firstDate = date(body.firstDate);
  return {
    firstDate,
    lastDate: body.lastDate !== undefined ? date(body.lastDate) : lastDateOfWeeks(firstDate, body.weeks!),
    weekdays: body.weekdays,
    times: times(body.times),
    timesByWeekday: Object.fromEntries(Object.entries(body.timesByWeekday ?? {}).map(([day, list]) => [day, times(list!)])) as Partial<Record<Weekday, ReturnType<typeof times>>>,
    exceptDates: body.exceptDates.map(date),
    doorsMinutesBefore: body.doorsOpenMinutesBefore,
    salesStartAt: body.salesStartAt,
    salesEndMinutesBefore: body.salesEndMinutesBefore,
  };
}

export interface PlannedSeries {
  timeZone: string;
  dates: (SeriesDate & { existingPerformanceId: string | null })[];
}

/**
 * The dates of a series for an event, refused when empty, too long or partly in the past, each
 * with the scheduled performance the event already has at that instant (shown, never doubled).
 */
export async function planSeries(db: Db, event: EventRow, body: PerformanceSeriesInput, now: number): Promise<PlannedSeries> {
  const [shop] = await db.select({ timeZone: shops.timeZone }).from(shops).where(eq(shops.id, event.shopId));
  const timeZone = shop!.timeZone;
  const dates = expandSeries(seriesRuleOf(body), timeZone);
  if (dates.length === 0) throw new ApiError(400, 'series_empty', 'No date between the first and the last day falls on the chosen days of the week.');
  if (dates.length > MAX_SERIES_PERFORMANCES) {
    throw new ApiError(400, 'series_too_long', `This series has ${dates.length} performances; one request creates at most ${MAX_SERIES_PERFORMANCES}. Split it in two.`, {
      count: dates.length,
      max: MAX_SERIES_PERFORMANCES,
    });
  }
  const past = dates.find((d) => d.startsAt <= now);
  if (past) throw new ApiError(400, 'series_in_past', `The performance of ${past.date} at ${past.time} would start in the past.`, { startsAt: new Date(past.startsAt).toISOString() });
  const closedBeforeOpening = body.salesStartAt === null ? undefined : dates.find((d) => (d.salesEndAt ?? d.startsAt) <= body.salesStartAt!);
  if (closedBeforeOpening) {
    throw new ApiError(400, 'series_sales_window_empty', `Sales would open only after they close for the performance of ${closedBeforeOpening.date} at ${closedBeforeOpening.time}.`, {
      startsAt: new Date(closedBeforeOpening.startsAt).toISOString(),
    });
  }
  const existing = await db
    .select({ id: performances.id, startsAt: performances.startsAt })
    .from(performances)
    .where(and(eq(performances.eventId, event.id), eq(performances.status, 'scheduled')));
  const byStart = new Map(existing.map((p) => [p.startsAt, p.id]));
  return { timeZone, dates: dates.map((d) => ({ ...d, existingPerformanceId: byStart.get(d.startsAt) ?? null })) };
}

export const seriesDateView = (d: PlannedSeries['dates'][number]): SeriesDateView => ({
  date: d.date,
  weekday: d.weekday,
  time: d.time,
  startsAt: iso(d.startsAt)!,
  doorsAt: iso(d.doorsAt),
  salesStartAt: iso(d.salesStartAt),
  salesEndAt: iso(d.salesEndAt),
  existingPerformanceId: d.existingPerformanceId,
});

/**
 * Creates the series in one batch: every performance (and its general-admission inventory) or
 * none. The dates go in a few multi-row inserts (as many rows as the driver's parameter limit
 * allows), each row conditional on the event having no scheduled performance at that instant
 * when the batch runs, so two organizers creating the same series at once never double a date.
 */
export async function createSeries(db: Db, maxParams: number, event: EventRow, body: PerformanceSeriesInput, planned: PlannedSeries, now: number): Promise<PerformanceRow[]> {
  const rows = planned.dates.filter((d) => !d.existingPerformanceId).map((d) => ({ id: newId('prf'), ...d }));
  if (rows.length === 0) return [];
  // Four parameters a row; the constants of the statement take a dozen more.
  const perStatement = Math.max(1, Math.floor((maxParams - 16) / 4));
  const statements: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = sql.join(
      rows.slice(i, i + perStatement).map((r) => sql`(${r.id}, ${r.startsAt}, ${r.doorsAt}, ${r.salesEndAt})`),
      sql`, `,
    );
    // The columns in the table's order: id, shop, event, start, doors, plan, capacity, sales start and end, status, version, created,
    // then the waiting list (off, with the schema's default offer time).
    statements.push(
      db
        .insert(performances)
        .select(
          sql`SELECT v.column1, ${event.shopId}, ${event.id}, v.column2, v.column3, ${body.planId}, ${body.capacity}, ${body.salesStartAt}, v.column4, 'scheduled', 0, ${now}, 0, ${performances.waitingListOfferHours.default as number}
            FROM (VALUES ${values}) AS v
            WHERE NOT EXISTS (SELECT 1 FROM ${performances} WHERE ${performances.eventId} = ${event.id} AND ${performances.startsAt} = v.column2 AND ${performances.status} = 'scheduled')`,
        )
        .returning(),
    );
  }
  if (body.capacity !== null) {
    // The counters of the performances this batch wrote, named by their ids in one JSON parameter
    // (D1 binds at most 100 per statement); an id whose date the event already had matches nothing.
    statements.push(
      db
        .insert(gaInventory)
        .select(
          sql`SELECT ${performances.id}, ${performances.capacity}, 0 FROM ${performances}
            WHERE ${performances.id} IN (SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.id))})) AND ${performances.capacity} IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ${gaInventory} WHERE ${gaInventory.performanceId} = ${performances.id})`,
        ),
    );
  }
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const inserted = results.slice(0, Math.ceil(rows.length / perStatement)) as PerformanceRow[][];
  return inserted.flat().sort((a, b) => a.startsAt - b.startsAt);
}
