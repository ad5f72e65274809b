/**
 * Dates and times as staff type them (the shop's calendar and wall clock) to and from the API's
 * instants, with Intl alone. The same rule as the server's series: a time in the hour skipped in
 * spring moves forward by the gap; one in the repeated autumn hour is its first occurrence.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(epochMs: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(epochMs).map((x) => [x.type, x.value]));
  return { year: +p.year!, month: +p.month!, day: +p.day!, hour: +p.hour!, minute: +p.minute!, second: +p.second! };
}

function offsetAt(epochMs: number, timeZone: string): number {
  const p = parts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(epochMs / 1000) * 1000;
}

/** `YYYY-MM-DD` and `HH:MM` in the time zone to an instant (ms), or null when either is not well formed. */
export function localToInstant(date: string, time: string, timeZone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!);
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const valid = [...new Set([before, after])].map((offset) => wall - offset).filter((instant) => wall - instant === offsetAt(instant, timeZone));
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An API instant as the date and time fields of a form in the time zone. */
export function instantToLocal(iso: string, timeZone: string): { date: string; time: string } {
  const p = parts(Date.parse(iso), timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** The time of day alone, for a compact "doors 19:15". */
export function localTimeOf(iso: string, timeZone: string): string {
  return instantToLocal(iso, timeZone).time;
}
