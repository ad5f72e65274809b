import { daysBetween, localDateOf, type LocalDate } from './zoned-time.js';

/** The business day (YYYY-MM-DD) an instant belongs to in the shop's time zone: a till's day. */
export function businessDayOf(epochMs: number, timeZone: string): string {
  return formatDay(localDateOf(epochMs, timeZone));
}

export const formatDay = (d: LocalDate) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export const parseDay = (text: string): LocalDate => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

/** Days from `from` to `to`, both included; negative when `to` comes first. */
export const daysInRange = (from: string, to: string) => daysBetween(parseDay(from), parseDay(to)) + 1;

