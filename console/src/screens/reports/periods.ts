/**
 * The period presets of the reports screen, as calendar dates in the shop's time zone (the API
 * reads a date as the whole local day, `to` included). Pure, for the screen and its tests.
 */
export const periodPresets = ['today', 'week', 'month', 'lastMonth', 'year', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export interface DatePeriod {
  from: string;
  to: string;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const utcDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** The shop's calendar date now (YYYY-MM-DD). */
export function localToday(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The dates of a preset around `today` (YYYY-MM-DD); weeks start on Monday. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): DatePeriod {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = utcDate(y, m - 1, d);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const monday = utcDate(y, m - 1, d - ((date.getUTCDay() + 6) % 7));
      return { from: ymd(monday), to: ymd(utcDate(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate() + 6)) };
    }
    case 'month':
      return { from: ymd(utcDate(y, m - 1, 1)), to: ymd(utcDate(y, m, 0)) };
    case 'lastMonth':
      return { from: ymd(utcDate(y, m - 2, 1)), to: ymd(utcDate(y, m - 1, 0)) };
    case 'year':
      return { from: ymd(utcDate(y, 0, 1)), to: ymd(utcDate(y, 11, 31)) };
  }
}
