import { weekdays as weekdayNames } from '../../../contract/vocabulary.js';
import { addDays, daysBetween, type LocalDate, zonedTimeToUtc } from './zoned-time.js';

export type Weekday = (typeof weekdayNames)[number];

export interface LocalTime {
  hour: number;
  minute: number;
}

/** A run of dates, as an organizer says it: "Tuesday to Saturday at 20:00, Sundays at 15:00, from … to …". */
export interface SeriesRule {
  firstDate: LocalDate;
  /** Included. */
  lastDate: LocalDate;
  weekdays: readonly Weekday[];
  /** Start times on every chosen weekday… */
  times: readonly LocalTime[];
  /** …unless that weekday has its own. */
  timesByWeekday?: Partial<Record<Weekday, readonly LocalTime[]>>;
  /** Days off (a holiday, a technical day), in the shop's calendar. */
  exceptDates?: readonly LocalDate[];
  /** Doors open this many minutes before the start; null: no doors time. */
  doorsMinutesBefore: number | null;
  /** Sales open at this instant for every date; null: on sale as soon as the event is published. */
  salesStartAt: number | null;
  /** Sales close this many minutes before each start; null: at the start. */
  salesEndMinutesBefore: number | null;
}

export interface SeriesDate {
  /** The shop's calendar date, YYYY-MM-DD. */
  date: string;
  weekday: Weekday;
  /** The wall-clock start asked for, HH:MM (a time skipped by a spring-forward change starts an hour later). */
  time: string;
  startsAt: number;
  doorsAt: number | null;
  salesStartAt: number | null;
  salesEndAt: number | null;
}

const MINUTE = 60_000;
const pad = (n: number) => String(n).padStart(2, '0');
export const formatLocalDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
export const formatLocalTime = (t: LocalTime) => `${pad(t.hour)}:${pad(t.minute)}`;

export function weekdayOf(date: LocalDate): Weekday {
  // getUTCDay: 0 is Sunday; weekdayNames starts on Monday.
  return weekdayNames[(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7]!;
}

/**
 * Every performance of a series, in start order, with its instants in UTC: each local time is
 * turned into an instant in the shop's time zone on its own day, so 20:00 in Zurich is 19:00Z
 * in winter and 18:00Z in summer. Two times that fall on one instant (a skipped hour) count once.
 */
export function expandSeries(rule: SeriesRule, timeZone: string): SeriesDate[] {
  const chosen = new Set(rule.weekdays);
  const except = new Set((rule.exceptDates ?? []).map(formatLocalDate));
  const out: SeriesDate[] = [];
  const days = daysBetween(rule.firstDate, rule.lastDate);
  for (let i = 0; i <= days; i++) {
    const date = addDays(rule.firstDate, i);
    const weekday = weekdayOf(date);
    const label = formatLocalDate(date);
    if (!chosen.has(weekday) || except.has(label)) continue;
    const times = [...(rule.timesByWeekday?.[weekday] ?? rule.times)].sort((a, b) => a.hour * 60 + a.minute - (b.hour * 60 + b.minute));
    const seen = new Set<number>();
    for (const time of times) {
      const startsAt = zonedTimeToUtc(date, time.hour, time.minute, timeZone);
      if (seen.has(startsAt)) continue;
      seen.add(startsAt);
      out.push({
        date: label,
        weekday,
        time: formatLocalTime(time),
        startsAt,
        doorsAt: rule.doorsMinutesBefore === null ? null : startsAt - rule.doorsMinutesBefore * MINUTE,
        salesStartAt: rule.salesStartAt,
        salesEndAt: rule.salesEndMinutesBefore === null ? null : startsAt - rule.salesEndMinutesBefore * MINUTE,
      });
    }
  }
  return out;
}

/** The last day of a series given as a number of weeks from its first day. */
export const lastDateOfWeeks = (firstDate: LocalDate, weeks: number): LocalDate => addDays(firstDate, weeks * 7 - 1);

/** Parses YYYY-MM-DD into a calendar date, or null if it is no real date (2026-02-30). */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

/** Parses HH:MM (24 h) into a time, or null. */
export function parseLocalTime(text: string): LocalTime | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}
