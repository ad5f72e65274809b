import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekdays } from '../../contract/vocabulary.js';
import { expandSeries, formatLocalDate, type LocalTime, type SeriesRule, weekdayOf } from '../../worker/src/domain/performance-series.js';
import { addDays, type LocalDate } from '../../worker/src/domain/zoned-time.js';

const ZURICH = 'Europe/Zurich';
const iso = (ms: number) => new Date(ms).toISOString();

/** What a wall clock in the zone shows at an instant, read with Intl alone (independent of the code under test). */
function wallClock(epochMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' })
      .formatToParts(epochMs)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday: parts.weekday!.toLowerCase() };
}

const rule = (partial: Partial<SeriesRule> & Pick<SeriesRule, 'firstDate' | 'lastDate' | 'weekdays' | 'times'>): SeriesRule => ({
  doorsMinutesBefore: null,
  salesStartAt: null,
  salesEndMinutesBefore: null,
  ...partial,
});

const zones = fc.constantFrom('Europe/Zurich', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC');
const localDate = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
/** Times from 04:00: no zone here changes its clocks then, so every one exists on every day. */
const times = fc.uniqueArray(fc.record({ hour: fc.integer({ min: 4, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }), {
  minLength: 1,
  maxLength: 3,
  selector: (t) => t.hour * 60 + t.minute,
});
const chosenDays = fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 7 });
const hhmm = (t: LocalTime) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

describe('expandSeries (properties)', () => {
  it('over whole weeks, creates weeks × weekdays × times performances, minus the days left out', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 1, max: 30 }), chosenDays, times, zones, fc.array(fc.integer({ min: 0, max: 209 }), { maxLength: 5 }), (first, weeks, days, ts, tz, skips) => {
        const exceptDates = skips.map((n) => addDays(first, n % (weeks * 7)));
        const skippedOnChosenDays = new Set(exceptDates.filter((d) => days.includes(weekdayOf(d))).map(formatLocalDate)).size;
        const dates = expandSeries(rule({ firstDate: first, lastDate: addDays(first, weeks * 7 - 1), weekdays: days, times: ts, exceptDates }), tz);
        expect(dates).toHaveLength((weeks * days.length - skippedOnChosenDays) * ts.length);
      }),
    );
  });

  it('puts every performance on a chosen weekday, at the asked wall-clock time, inside the range, in start order', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 60 }), chosenDays, times, zones, (first, span, days, ts, tz) => {
        const last = addDays(first, span);
        const dates = expandSeries(rule({ firstDate: first, lastDate: last, weekdays: days, times: ts }), tz);
        const asked = new Set(ts.map(hhmm));
        for (const d of dates) {
          const clock = wallClock(d.startsAt, tz);
          expect(clock.date).toBe(d.date);
          expect(clock.weekday).toBe(d.weekday);
          expect(clock.time).toBe(d.time);
          expect(days).toContain(d.weekday);
          expect(asked.has(d.time)).toBe(true);
          expect(d.date >= formatLocalDate(first) && d.date <= formatLocalDate(last)).toBe(true);
        }
        for (let i = 1; i < dates.length; i++) expect(dates[i]!.startsAt).toBeGreaterThan(dates[i - 1]!.startsAt);
      }),
    );
  });

  it('uses a weekday’s own times instead of the common ones', () => {
    fc.assert(
      fc.property(localDate, chosenDays, times, times, zones, (first, days, common, own, tz) => {
        const special = days[0]!;
        const dates = expandSeries(rule({ firstDate: first, lastDate: addDays(first, 13), weekdays: days, times: common, timesByWeekday: { [special]: own } }), tz);
        for (const d of dates) expect(new Set((d.weekday === special ? own : common).map(hhmm)).has(d.time)).toBe(true);
        expect(dates.filter((d) => d.weekday === special)).toHaveLength(2 * own.length);
      }),
    );
  });

  it('derives doors and sales end from each start, and keeps one sales start for all', () => {
    fc.assert(
      fc.property(localDate, chosenDays, times, zones, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 ** 40 }), (first, days, ts, tz, doors, closeBefore, opens) => {
        const dates = expandSeries(
          rule({ firstDate: first, lastDate: addDays(first, 6), weekdays: days, times: ts, doorsMinutesBefore: doors, salesEndMinutesBefore: closeBefore, salesStartAt: opens }),
          tz,
        );
        for (const d of dates) {
          expect(d.startsAt - d.doorsAt!).toBe(doors * 60_000);
          expect(d.startsAt - d.salesEndAt!).toBe(closeBefore * 60_000);
          expect(d.salesStartAt).toBe(opens);
        }
      }),
    );
  });
});

describe('expandSeries (daylight saving time)', () => {
  const tuesdayToSaturday = ['tue', 'wed', 'thu', 'fri', 'sat'] as const;

  it('20:00 in Zurich is 19:00Z in winter and 18:00Z in summer, across the March change', () => {
    const first: LocalDate = { year: 2026, month: 3, day: 24 }; // a Tuesday; clocks change on Sunday 29 March
    const dates = expandSeries(rule({ firstDate: first, lastDate: addDays(first, 20), weekdays: tuesdayToSaturday, times: [{ hour: 20, minute: 0 }], timesByWeekday: { sun: [{ hour: 15, minute: 0 }] } }), ZURICH);
    expect(dates.map((d) => `${d.date} ${d.weekday} ${iso(d.startsAt)}`)).toEqual([
      '2026-03-24 tue 2026-03-24T19:00:00.000Z',
      '2026-03-25 wed 2026-03-25T19:00:00.000Z',
      '2026-03-26 thu 2026-03-26T19:00:00.000Z',
      '2026-03-27 fri 2026-03-27T19:00:00.000Z',
      '2026-03-28 sat 2026-03-28T19:00:00.000Z',
      '2026-03-31 tue 2026-03-31T18:00:00.000Z',
      '2026-04-01 wed 2026-04-01T18:00:00.000Z',
      '2026-04-02 thu 2026-04-02T18:00:00.000Z',
      '2026-04-03 fri 2026-04-03T18:00:00.000Z',
      '2026-04-04 sat 2026-04-04T18:00:00.000Z',
      '2026-04-07 tue 2026-04-07T18:00:00.000Z',
      '2026-04-08 wed 2026-04-08T18:00:00.000Z',
      '2026-04-09 thu 2026-04-09T18:00:00.000Z',
      '2026-04-10 fri 2026-04-10T18:00:00.000Z',
      '2026-04-11 sat 2026-04-11T18:00:00.000Z',
    ]);
  });

  it('Sunday matinees at 15:00 on both sides of the October change', () => {
    const dates = expandSeries(rule({ firstDate: { year: 2026, month: 10, day: 18 }, lastDate: { year: 2026, month: 11, day: 1 }, weekdays: ['sun'], times: [{ hour: 20, minute: 0 }], timesByWeekday: { sun: [{ hour: 15, minute: 0 }] } }), ZURICH);
    expect(dates.map((d) => iso(d.startsAt))).toEqual(['2026-10-18T13:00:00.000Z', '2026-10-25T14:00:00.000Z', '2026-11-01T14:00:00.000Z']);
  });

  it('a start in the hour skipped in spring moves an hour later; one in the repeated autumn hour is its first', () => {
    const spring = expandSeries(rule({ firstDate: { year: 2026, month: 3, day: 29 }, lastDate: { year: 2026, month: 3, day: 29 }, weekdays: ['sun'], times: [{ hour: 2, minute: 30 }] }), ZURICH);
    expect(spring.map((d) => [iso(d.startsAt), wallClock(d.startsAt, ZURICH).time])).toEqual([['2026-03-29T01:30:00.000Z', '03:30']]);
    // 02:30 (moved to 03:30) and 03:30 are one instant: one performance, not two.
    const both = expandSeries(rule({ firstDate: { year: 2026, month: 3, day: 29 }, lastDate: { year: 2026, month: 3, day: 29 }, weekdays: ['sun'], times: [{ hour: 2, minute: 30 }, { hour: 3, minute: 30 }] }), ZURICH);
    expect(both).toHaveLength(1);
    const autumn = expandSeries(rule({ firstDate: { year: 2026, month: 10, day: 25 }, lastDate: { year: 2026, month: 10, day: 25 }, weekdays: ['sun'], times: [{ hour: 2, minute: 30 }] }), ZURICH);
    expect(iso(autumn[0]!.startsAt)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('New York changes on other Sundays than Zurich', () => {
    const dates = expandSeries(rule({ firstDate: { year: 2026, month: 3, day: 7 }, lastDate: { year: 2026, month: 3, day: 14 }, weekdays: ['sat'], times: [{ hour: 19, minute: 30 }] }), 'America/New_York');
    expect(dates.map((d) => iso(d.startsAt))).toEqual(['2026-03-08T00:30:00.000Z', '2026-03-14T23:30:00.000Z']);
  });
});
