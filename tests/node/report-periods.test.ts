import { describe, expect, it } from 'vitest';
import { localToday, presetPeriod } from '../../console/src/screens/reports/periods.js';
import { daysOf, localDayNumber, dayOfNumber, offsetSegments, resolvePeriod, todaySpan, weekSpan } from '../../worker/src/domain/report-period.js';

const ZURICH = 'Europe/Zurich';
const iso = (ms: number) => new Date(ms).toISOString();

describe('report periods in the shop’s time zone', () => {
  it('reads dates as whole local days and instants as given, and refuses backwards or too long periods', () => {
    expect(resolvePeriod({ date: '2027-03-28' }, { date: '2027-03-28' }, ZURICH, 400)).toEqual({ from: Date.parse('2027-03-27T23:00:00Z'), to: Date.parse('2027-03-28T22:00:00Z') });
    expect(resolvePeriod({ instant: 5 }, { instant: 10 }, ZURICH, 400)).toEqual({ from: 5, to: 10 });
    expect(resolvePeriod({ date: '2026-10-02' }, { date: '2026-10-01' }, ZURICH, 400)).toEqual({ code: 'report_period_invalid' });
    expect(resolvePeriod({ instant: 10 }, { instant: 10 }, ZURICH, 400)).toEqual({ code: 'report_period_invalid' });
    // 400 local days across both changes of a year are allowed; 401 are not.
    expect(resolvePeriod({ date: '2026-01-01' }, { date: '2027-02-04' }, ZURICH, 400)).not.toHaveProperty('code');
    expect(resolvePeriod({ date: '2026-01-01' }, { date: '2027-02-05' }, ZURICH, 400)).toEqual({ code: 'report_period_too_long', maxDays: 400 });
  });

  it('finds each daylight-saving change to the minute and cuts days at local midnight on both sides', () => {
    const span = { from: Date.parse('2027-03-27T23:00:00Z'), to: Date.parse('2027-03-29T22:00:00Z') };
    const segments = offsetSegments(span, ZURICH);
    // Sunday 28 March 2027, 02:00 CET becomes 03:00 CEST (01:00 UTC).
    expect(segments).toEqual([
      { since: span.from, offset: 3_600_000 },
      { since: Date.parse('2027-03-28T01:00:00Z'), offset: 7_200_000 },
    ]);
    expect(dayOfNumber(localDayNumber(Date.parse('2027-03-28T21:59:00Z'), segments))).toBe('2027-03-28');
    expect(dayOfNumber(localDayNumber(Date.parse('2027-03-28T22:00:00Z'), segments))).toBe('2027-03-29');
    expect(dayOfNumber(localDayNumber(Date.parse('2027-03-27T23:00:00Z'), segments))).toBe('2027-03-28');
    expect(daysOf(span, ZURICH)).toEqual(['2027-03-28', '2027-03-29']);
    expect(offsetSegments({ from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') }, ZURICH)).toHaveLength(1);
  });

  it('gives today and the week from Monday', () => {
    const sundayNight = Date.parse('2026-10-25T22:30:00Z'); // 23:30 CET on Sunday
    expect([iso(todaySpan(sundayNight, ZURICH).from), iso(todaySpan(sundayNight, ZURICH).to)]).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect([iso(weekSpan(sundayNight, ZURICH).from), iso(weekSpan(sundayNight, ZURICH).to)]).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });

  it('gives the console’s presets as local dates', () => {
    expect(localToday(new Date('2026-12-31T23:30:00Z'), ZURICH)).toBe('2027-01-01');
    const today = '2027-03-03'; // a Wednesday
    expect(presetPeriod('today', today)).toEqual({ from: today, to: today });
    expect(presetPeriod('week', today)).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(presetPeriod('month', today)).toEqual({ from: '2027-03-01', to: '2027-03-31' });
    expect(presetPeriod('lastMonth', today)).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(presetPeriod('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('year', today)).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(presetPeriod('week', '2027-03-07')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
  });
});
