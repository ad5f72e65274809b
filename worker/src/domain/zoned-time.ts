/** Calendar arithmetic in a shop's time zone with Intl only (no time-zone library). */

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(epochMs: number, timeZone: string) {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(epochMs).map((p) => [p.type, p.value]));
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, hour: +parts.hour!, minute: +parts.minute!, second: +parts.second! };
}

/** The calendar date an instant falls on in the time zone. */
export function localDateOf(epochMs: number, timeZone: string): LocalDate {
  const { year, month, day } = localParts(epochMs, timeZone);
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Whole calendar days from a to b (b later gives a positive number). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** How far the time zone's wall clock is ahead of UTC at an instant, in ms (Zurich: 3,600,000 in winter). */
export function offsetAt(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time. A time in the hour skipped by a spring-forward
 * change is moved forward by the gap (02:30 becomes 03:30); a time in the repeated autumn
 * hour is its first occurrence.
 */
export function zonedTimeToUtc(date: LocalDate, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const valid = [...new Set([before, after])].map((offset) => wall - offset).filter((t) => wall - t === offsetAt(t, timeZone));
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}
