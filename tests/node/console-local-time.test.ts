import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToLocal, localToInstant } from '../../console/src/screens/events/local-time.js';
import { zonedTimeToUtc } from '../../worker/src/domain/zoned-time.js';

const zones = fc.constantFrom('Europe/Zurich', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC');
const pad = (n: number) => String(n).padStart(2, '0');

describe('the console’s local dates and times', () => {
  it('turns a date and time typed in the shop’s zone into the instant the server would, DST gaps included', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        zones,
        (day, hour, minute, zone) => {
          const date = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
          const text = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
          expect(localToInstant(text, `${pad(hour)}:${pad(minute)}`, zone)).toBe(zonedTimeToUtc(date, hour, minute, zone));
        },
      ),
    );
  });

  it('shows an instant as the date and time a form had typed (outside the repeated autumn hour)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2024-01-01T00:00:00Z') / 60_000, max: Date.parse('2032-12-31T00:00:00Z') / 60_000 }), zones, (minutes, zone) => {
        const iso = new Date(minutes * 60_000).toISOString();
        const { date, time } = instantToLocal(iso, zone);
        const back = localToInstant(date, time, zone)!;
        // Typed back, it is the same instant, or the first of the two that share a wall-clock time in autumn.
        expect(back === minutes * 60_000 || instantToLocal(new Date(back).toISOString(), zone).time === time).toBe(true);
      }),
    );
  });

  it('refuses what is not a date or a time', () => {
    expect(localToInstant('2027-3-1', '20:00', 'Europe/Zurich')).toBeNull();
    expect(localToInstant('2027-03-01', '24:00', 'Europe/Zurich')).toBeNull();
    expect(localToInstant('2027-03-01', '20:00', 'Europe/Zurich')).toBe(Date.parse('2027-03-01T19:00:00Z'));
    expect(instantToLocal('2027-07-01T18:00:00Z', 'Europe/Zurich')).toEqual({ date: '2027-07-01', time: '20:00' });
  });
});
