import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultInvoicePolicy, invoiceOffered, invoiceSchedule, paymentDeadline } from '../../worker/src/domain/invoice-schedule.js';
import { localDateOf, zonedTimeToUtc } from '../../worker/src/domain/zoned-time.js';

const ZURICH = 'Europe/Zurich';
const iso = (ms: number) => new Date(ms).toISOString();

describe('invoiceSchedule', () => {
  it('defaults to reminders on days 10 and 20 and cancellation on day 30, at 09:00 Zurich', () => {
    const orderedAt = Date.parse('2026-03-02T15:30:00Z'); // 16:30 in Zurich
    const schedule = invoiceSchedule(orderedAt, defaultInvoicePolicy, ZURICH);
    expect(schedule.reminders.map((r) => [r.number, r.day, iso(r.dueAt)])).toEqual([
      [1, 10, '2026-03-12T08:00:00.000Z'],
      [2, 20, '2026-03-22T08:00:00.000Z'],
    ]);
    // 1 April is after the spring-forward change (29 March): 09:00 is 07:00 UTC.
    expect([schedule.cancellation.day, iso(schedule.cancellation.dueAt)]).toEqual([30, '2026-04-01T07:00:00.000Z']);
  });

  it('counts days in the shop time zone: 23:30 UTC on 2 March is already 3 March in Zurich', () => {
    const schedule = invoiceSchedule(Date.parse('2026-03-02T23:30:00Z'), defaultInvoicePolicy, ZURICH);
    expect(iso(schedule.reminders[0]!.dueAt)).toBe('2026-03-13T08:00:00.000Z');
  });

  it('handles D = 1 and N = 0', () => {
    const orderedAt = Date.parse('2026-06-10T10:00:00Z');
    const daily = invoiceSchedule(orderedAt, { ...defaultInvoicePolicy, reminderIntervalDays: 1, reminderCount: 3 }, ZURICH);
    expect(daily.reminders.map((r) => r.day)).toEqual([1, 2, 3]);
    expect(daily.cancellation.day).toBe(4);
    const none = invoiceSchedule(orderedAt, { ...defaultInvoicePolicy, reminderIntervalDays: 7, reminderCount: 0 }, ZURICH);
    expect(none.reminders).toEqual([]);
    expect(none.cancellation.day).toBe(7);
    expect(iso(none.cancellation.dueAt)).toBe('2026-06-17T07:00:00.000Z');
  });

  it('moves the deadline by D with each reminder sent', () => {
    const orderedAt = Date.parse('2026-06-10T10:00:00Z');
    expect(iso(paymentDeadline(orderedAt, 0, defaultInvoicePolicy, ZURICH))).toBe('2026-06-20T07:00:00.000Z');
    expect(iso(paymentDeadline(orderedAt, 1, defaultInvoicePolicy, ZURICH))).toBe('2026-06-30T07:00:00.000Z');
    expect(iso(paymentDeadline(orderedAt, 2, defaultInvoicePolicy, ZURICH))).toBe('2026-07-10T07:00:00.000Z');
  });

  it('property: steps are strictly increasing, D calendar days apart, after the order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2030-12-31') }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('Europe/Zurich', 'Europe/Paris', 'UTC', 'America/New_York'),
        (orderedAt, d, n, zone) => {
          const policy = { ...defaultInvoicePolicy, reminderIntervalDays: d, reminderCount: n };
          const s = invoiceSchedule(orderedAt, policy, zone);
          const steps = [...s.reminders.map((r) => r.dueAt), s.cancellation.dueAt];
          expect(steps).toHaveLength(n + 1);
          let previous = orderedAt;
          const orderDay = localDateOf(orderedAt, zone);
          steps.forEach((due, i) => {
            expect(due).toBeGreaterThan(previous);
            previous = due;
            const local = localDateOf(due, zone);
            const expected = new Date(Date.UTC(orderDay.year, orderDay.month - 1, orderDay.day + (i + 1) * d));
            expect([local.year, local.month, local.day]).toEqual([expected.getUTCFullYear(), expected.getUTCMonth() + 1, expected.getUTCDate()]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('invoiceOffered', () => {
  it('is offered only when the performance is at least cutoffDays calendar days away', () => {
    const performance = Date.parse('2026-05-31T18:00:00Z');
    const policy = { ...defaultInvoicePolicy, cutoffDays: 30 };
    expect(invoiceOffered(Date.parse('2026-05-01T21:59:00Z'), performance, policy, ZURICH)).toBe(true); // 1 May 23:59 local
    expect(invoiceOffered(Date.parse('2026-05-01T22:01:00Z'), performance, policy, ZURICH)).toBe(false); // 2 May 00:01 local
  });
});

describe('zonedTimeToUtc', () => {
  it('skips the missing spring-forward hour and takes the first of the repeated autumn hour', () => {
    expect(iso(zonedTimeToUtc({ year: 2026, month: 3, day: 29 }, 2, 30, ZURICH))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(zonedTimeToUtc({ year: 2026, month: 10, day: 25 }, 2, 30, ZURICH))).toBe('2026-10-25T00:30:00.000Z');
  });
});
