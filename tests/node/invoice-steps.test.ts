import fc from 'fast-check';
import { isQRReferenceValid, isSCORReferenceValid } from 'swissqrbill/utils';
import { describe, expect, it } from 'vitest';
import { afterFailure, defaultDeliveryPolicy } from '../../worker/src/domain/delivery-retry.js';
import { defaultInvoicePolicy, invoiceSchedule, paymentDeadline } from '../../worker/src/domain/invoice-schedule.js';
import { dueInvoiceStep, dueInvoiceStepsAt } from '../../worker/src/domain/invoice-steps.js';
import { paymentReference } from '../../worker/src/domain/payment-reference.js';
import { preEventDue, preEventSendAt } from '../../worker/src/domain/pre-event.js';

const ZURICH = 'Europe/Zurich';
const iso = (ms: number) => new Date(ms).toISOString();

describe('dueInvoiceStep', () => {
  const orderedAt = Date.parse('2026-03-02T15:30:00Z');
  const schedule = invoiceSchedule(orderedAt, defaultInvoicePolicy, ZURICH);
  const unpaid = (remindersSent: number) => ({ orderedAt, remindersSent, dueAt: paymentDeadline(orderedAt, remindersSent, defaultInvoicePolicy, ZURICH) });

  it('follows the schedule when the job runs on time: reminder 1, reminder 2, cancellation', () => {
    const [first, second] = schedule.reminders;
    expect(dueInvoiceStep(unpaid(0), defaultInvoicePolicy, ZURICH, first!.dueAt - 1)).toBeNull();
    expect(dueInvoiceStep(unpaid(0), defaultInvoicePolicy, ZURICH, first!.dueAt)).toEqual({ kind: 'reminder', number: 1, deadline: second!.dueAt });
    expect(dueInvoiceStep(unpaid(1), defaultInvoicePolicy, ZURICH, second!.dueAt)).toEqual({ kind: 'reminder', number: 2, deadline: schedule.cancellation.dueAt });
    expect(dueInvoiceStep(unpaid(2), defaultInvoicePolicy, ZURICH, schedule.cancellation.dueAt - 1)).toBeNull();
    expect(dueInvoiceStep(unpaid(2), defaultInvoicePolicy, ZURICH, schedule.cancellation.dueAt)).toEqual({ kind: 'cancel' });
  });

  it('with N = 0 cancels on day D', () => {
    const policy = { ...defaultInvoicePolicy, reminderIntervalDays: 1, reminderCount: 0 };
    const order = { orderedAt, remindersSent: 0, dueAt: paymentDeadline(orderedAt, 0, policy, ZURICH) };
    expect(iso(order.dueAt)).toBe('2026-03-03T08:00:00.000Z');
    expect(dueInvoiceStep(order, policy, ZURICH, order.dueAt)).toEqual({ kind: 'cancel' });
  });

  it('folds missed reminders into the latest one after downtime', () => {
    const day25 = Date.parse('2026-03-27T10:00:00Z');
    expect(dueInvoiceStep(unpaid(0), defaultInvoicePolicy, ZURICH, day25)).toEqual({ kind: 'reminder', number: 2, deadline: schedule.cancellation.dueAt });
  });

  it('never cancels without first telling a deadline that is still ahead', () => {
    const day40 = Date.parse('2026-04-11T13:00:00Z');
    expect(dueInvoiceStep(unpaid(0), defaultInvoicePolicy, ZURICH, day40)).toEqual({ kind: 'reminder', number: 2, deadline: Date.parse('2026-04-21T07:00:00Z') });
    expect(dueInvoiceStep(unpaid(1), defaultInvoicePolicy, ZURICH, day40)).toMatchObject({ kind: 'reminder', number: 2 });
  });

  it('property: a reminder always announces a deadline after now, and reminder numbers only grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2030-12-31') }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('Europe/Zurich', 'America/New_York', 'UTC'),
        (placed, d, n, gaps, zone) => {
          const policy = { ...defaultInvoicePolicy, reminderIntervalDays: d, reminderCount: n };
          let order = { orderedAt: placed, remindersSent: 0, dueAt: paymentDeadline(placed, 0, policy, zone) };
          let now = placed;
          for (const gap of gaps) {
            now += gap;
            const step = dueInvoiceStep(order, policy, zone, now);
            if (!step) {
              expect(now).toBeLessThan(order.dueAt);
              continue;
            }
            if (step.kind === 'cancel') {
              expect(order.remindersSent).toBe(n);
              expect(now).toBeGreaterThanOrEqual(order.dueAt);
              return;
            }
            expect(step.number).toBeGreaterThan(order.remindersSent);
            expect(step.number).toBeLessThanOrEqual(n);
            expect(step.deadline).toBeGreaterThan(now);
            order = { ...order, remindersSent: step.number, dueAt: step.deadline };
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('afterFailure', () => {
  it('doubles the delay from one minute, caps it, and gives up after the last attempt or on a permanent failure', () => {
    const now = 1_000_000;
    expect([1, 2, 3, 4].map((n) => (afterFailure(n, false, now) as { nextAttemptAt: number }).nextAttemptAt - now)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(afterFailure(11, false, now)).toEqual({ status: 'pending', nextAttemptAt: now + defaultDeliveryPolicy.maxDelayMs });
    expect(afterFailure(defaultDeliveryPolicy.maxAttempts, false, now)).toEqual({ status: 'failed' });
    expect(afterFailure(1, true, now)).toEqual({ status: 'failed' });
  });
});

describe('paymentReference', () => {
  it('is a valid QR reference for a QR-IBAN and a valid creditor reference for an IBAN, derived from the order number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/), (number) => {
        const qr = paymentReference('CH4431999123000889012', number);
        expect(qr).toMatch(/^\d{27}$/);
        expect(isQRReferenceValid(qr)).toBe(true);
        const scor = paymentReference('CH9300762011623852957', number);
        expect(scor).toBe(`RF${scor.slice(2, 4)}${number.replace('-', '')}`);
        expect(isSCORReferenceValid(scor)).toBe(true);
      }),
    );
    expect(paymentReference('CH4431999123000889012', '0000-0001')).not.toBe(paymentReference('CH4431999123000889012', '0000-0002'));
  });
});

describe('preEventSendAt', () => {
  it('is the day before at 10:00 local by default, counted in calendar days of the shop', () => {
    const startsAt = Date.parse('2026-10-25T18:00:00Z'); // 19:00 on the day winter time starts
    expect(iso(preEventSendAt(startsAt, { daysBefore: 1, sendHour: 10 }, ZURICH))).toBe('2026-10-24T08:00:00.000Z');
    expect(iso(preEventSendAt(startsAt, { daysBefore: 0, sendHour: 9 }, ZURICH))).toBe('2026-10-25T08:00:00.000Z');
    expect(preEventDue(startsAt, { daysBefore: 1, sendHour: 10 }, ZURICH, startsAt)).toBe(false);
    expect(preEventDue(startsAt, { daysBefore: 1, sendHour: 10 }, ZURICH, startsAt - 1)).toBe(true);
  });
});

describe('dueInvoiceStepsAt (the job’s memoised form)', () => {
  it('property: gives the same step as dueInvoiceStep for every order, also around time changes and in quarter-hour zones', () => {
    // Orders bunched around local midnights and the spring/autumn changes, so many share a quarter hour.
    const changes = ['2030-03-31T01:00:00Z', '2030-10-27T01:00:00Z', '2030-03-10T07:00:00Z', '2030-04-06T15:00:00Z', '2030-09-28T14:15:00Z'].map(Date.parse);
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.integer({ min: 0, max: 45 * 86_400_000 }),
        fc.array(fc.tuple(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -5 * 86_400_000, max: 86_400_000 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.constantFrom('Europe/Zurich', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'),
        fc.record({ reminderIntervalDays: fc.integer({ min: 1, max: 12 }), reminderCount: fc.integer({ min: 0, max: 3 }), sendHour: fc.integer({ min: 0, max: 23 }) }),
        (change, later, orders, zone, policy) => {
          const now = change + later;
          const stepAt = dueInvoiceStepsAt(now);
          for (const [offset, sent, due] of orders) {
            const order = { orderedAt: change + offset - (offset % 60_000), remindersSent: Math.min(sent, policy.reminderCount), dueAt: now + due };
            expect(stepAt(order, policy, zone)).toEqual(dueInvoiceStep(order, policy, zone, now));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
