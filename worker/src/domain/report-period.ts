/**
 * The periods of the organizer's reports, in the shop's time zone: resolving the period asked
 * (dates are whole local days), today and this week (from Monday), and cutting instants into
 * local days in SQL without a time-zone library in the database. Pure.
 */
import type { ReportBoundValue } from '../../../contract/reports.js';
import { addDays, type LocalDate, localDateOf, offsetAt, zonedTimeToUtc } from './zoned-time.js';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface Span {
  from: number;
  /** Excluded. */
  to: number;
}

export type PeriodRefusal = { code: 'report_period_invalid' } | { code: 'report_period_too_long'; maxDays: number };

export const parseLocalDate = (text: string): LocalDate => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

export const formatLocalDate = (d: LocalDate) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

const startOfDay = (date: LocalDate, timeZone: string) => zonedTimeToUtc(date, 0, 0, timeZone);

/**
 * The instants a report covers. A date `from` starts at its local midnight; a date `to` ends at
 * the next local midnight (the day is included). At most `maxDays` days of 24 hours, with an
 * hour's grace for a daylight-saving change inside the period.
 */
export function resolvePeriod(from: ReportBoundValue, to: ReportBoundValue, timeZone: string, maxDays: number): Span | PeriodRefusal {
  const start = from.date !== undefined ? startOfDay(parseLocalDate(from.date), timeZone) : from.instant;
  const end = to.date !== undefined ? startOfDay(addDays(parseLocalDate(to.date), 1), timeZone) : to.instant;
  if (!(start < end)) return { code: 'report_period_invalid' };
  if (end - start > maxDays * DAY_MS + HOUR_MS) return { code: 'report_period_too_long', maxDays };
  return { from: start, to: end };
}

/** The local day that holds `now`. */
export function todaySpan(now: number, timeZone: string): Span {
  const date = localDateOf(now, timeZone);
  return { from: startOfDay(date, timeZone), to: startOfDay(addDays(date, 1), timeZone) };
}

/** The local week (Monday to Sunday) that holds `now`. */
export function weekSpan(now: number, timeZone: string): Span {
  const date = localDateOf(now, timeZone);
  const weekday = (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(date, -weekday);
  return { from: startOfDay(monday, timeZone), to: startOfDay(addDays(monday, 7), timeZone) };
}

/** From `since` on, the wall clock is `offset` ms ahead of UTC (until the next segment). */
export interface OffsetSegment {
  since: number;
  offset: number;
}

/**
 * The UTC offsets in force over a span, as few segments as there are daylight-saving changes
 * (at most three in 400 days). Changes are found day by day and then to the minute.
 */
export function offsetSegments(span: Span, timeZone: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [{ since: span.from, offset: offsetAt(span.from, timeZone) }];
  for (let t = span.from; t < span.to; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, span.to);
    const current = segments[segments.length - 1]!.offset;
    if (offsetAt(next, timeZone) === current) continue;
    // The first minute with the new offset, between t (old) and next (new).
    let lo = Math.floor(t / MINUTE_MS);
    let hi = Math.ceil(next / MINUTE_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * MINUTE_MS, timeZone) === current) lo = mid;
      else hi = mid;
    }
    segments.push({ since: hi * MINUTE_MS, offset: offsetAt(hi * MINUTE_MS, timeZone) });
  }
  return segments;
}

/** The local day (YYYY-MM-DD) of a day number, days since 1970-01-01 on the local calendar. */
export const dayOfNumber = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The local day number of an instant, as the SQL of offsetSegments computes it (for checks and gap filling). */
export function localDayNumber(at: number, segments: readonly OffsetSegment[]): number {
  let offset = segments[0]!.offset;
  for (const s of segments) if (at >= s.since) offset = s.offset;
  return Math.floor((at + offset) / DAY_MS);
}

/** Every local day a span touches, in order (YYYY-MM-DD). */
export function daysOf(span: Span, timeZone: string): string[] {
  const days: string[] = [];
  let date = localDateOf(span.from, timeZone);
  const last = localDateOf(span.to - 1, timeZone);
  for (let i = 0; i < 1000; i++) {
    days.push(formatLocalDate(date));
    if (date.year === last.year && date.month === last.month && date.day === last.day) break;
    date = addDays(date, 1);
  }
  return days;
}
