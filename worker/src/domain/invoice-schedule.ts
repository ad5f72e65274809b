import { addDays, daysBetween, localDateOf, zonedTimeToUtc } from './zoned-time.js';

/**
 * The pay-by-invoice deadline rule (product.md, "Payment"): reminders on days D, 2D, … N·D
 * after the order, cancellation on day (N + 1)·D. Days are calendar days in the shop's time
 * zone, the order's day being day 0; each step happens at `sendHour` local time.
 */
export interface InvoicePolicy {
  /** D: days until the first reminder, and between reminders (≥ 1). */
  reminderIntervalDays: number;
  /** N: number of reminders (≥ 0). */
  reminderCount: number;
  /** Local hour at which reminders and the cancellation happen. */
  sendHour: number;
  /** Invoice is offered only when the performance is at least this many days away. */
  cutoffDays: number;
}

/** The part of the policy the deadlines depend on (orders keep a copy of it). */
export type DeadlinePolicy = Omit<InvoicePolicy, 'cutoffDays'>;

export const defaultInvoicePolicy: InvoicePolicy = { reminderIntervalDays: 10, reminderCount: 2, sendHour: 9, cutoffDays: 30 };

export interface InvoiceSchedule {
  reminders: { number: number; day: number; dueAt: number }[];
  cancellation: { day: number; dueAt: number };
}

export function invoiceSchedule(orderedAt: number, policy: DeadlinePolicy, timeZone: string): InvoiceSchedule {
  const orderDay = localDateOf(orderedAt, timeZone);
  const at = (day: number) => zonedTimeToUtc(addDays(orderDay, day), policy.sendHour, 0, timeZone);
  const reminders = Array.from({ length: policy.reminderCount }, (_, i) => {
    const day = (i + 1) * policy.reminderIntervalDays;
    return { number: i + 1, day, dueAt: at(day) };
  });
  const cancelDay = (policy.reminderCount + 1) * policy.reminderIntervalDays;
  return { reminders, cancellation: { day: cancelDay, dueAt: at(cancelDay) } };
}

/** The payment deadline a buyer is told after `remindersSent` reminders (each one moves it by D). */
export function paymentDeadline(orderedAt: number, remindersSent: number, policy: DeadlinePolicy, timeZone: string): number {
  const day = Math.min(remindersSent + 1, policy.reminderCount + 1) * policy.reminderIntervalDays;
  return zonedTimeToUtc(addDays(localDateOf(orderedAt, timeZone), day), policy.sendHour, 0, timeZone);
}

/** Whether invoice payment may be offered now for a performance (calendar days in the shop's zone). */
export function invoiceOffered(now: number, performanceStartsAt: number, policy: InvoicePolicy, timeZone: string): boolean {
  return daysBetween(localDateOf(now, timeZone), localDateOf(performanceStartsAt, timeZone)) >= policy.cutoffDays;
}
