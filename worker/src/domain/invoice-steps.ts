import { type DeadlinePolicy, invoiceSchedule, paymentDeadline } from './invoice-schedule.js';
import { addDays, localDateOf, zonedTimeToUtc } from './zoned-time.js';

/** What an unpaid invoice order needs once its deadline has passed. */
export type InvoiceStep = { kind: 'reminder'; number: number; deadline: number } | { kind: 'cancel' };

export interface UnpaidInvoice {
  orderedAt: number;
  remindersSent: number;
  /** The deadline the buyer was last told (orders.invoice_due_at). */
  dueAt: number;
}

/**
 * The step due at `now`, or null before the deadline. On schedule this is reminder k on day
 * k·D (new deadline day (k+1)·D) and the cancellation on day (N+1)·D, as invoiceSchedule
 * says. After the job could not run for a while it catches up without harming the buyer:
 * reminders that were missed are folded into the latest one, and the cancellation never
 * comes before the buyer was told a deadline that then passed; when the scheduled
 * deadline is already over, the reminder gives D days from today.
 */
export function dueInvoiceStep(order: UnpaidInvoice, policy: DeadlinePolicy, timeZone: string, now: number): InvoiceStep | null {
  if (now < order.dueAt) return null;
  if (order.remindersSent >= policy.reminderCount) return { kind: 'cancel' };
  const reached = invoiceSchedule(order.orderedAt, policy, timeZone).reminders.filter((r) => r.dueAt <= now).length;
  const number = Math.min(policy.reminderCount, Math.max(order.remindersSent + 1, reached));
  const scheduled = paymentDeadline(order.orderedAt, number, policy, timeZone);
  const deadline = scheduled > now ? scheduled : zonedTimeToUtc(addDays(localDateOf(now, timeZone), policy.reminderIntervalDays), policy.sendHour, 0, timeZone);
  return { kind: 'reminder', number, deadline };
}

const QUARTER_HOUR = 900_000;

/**
 * dueInvoiceStep for many orders at one instant, with the time-zone arithmetic done once per
 * (terms, reminders sent, local day of the order) instead of once per order: the job's
 * pass over a large backlog otherwise spends most of its CPU in Intl.
 *
 * Why it is exact: the step depends on the order's time only through its local calendar day
 * (invoiceSchedule and paymentDeadline start from localDateOf(orderedAt)). Offsets and their
 * changes fall on quarter hours (UTC), so the local day cannot change within a UTC quarter
 * hour, whose day is looked up once; the memo is used only when both ends of the quarter hour
 * fall on the same local day, which also covers any zone where that would not hold. The due test (`now < dueAt`) is per order.
 */
export function dueInvoiceStepsAt(now: number) {
  const memo = new Map<string, InvoiceStep | null>();
  // The local day of each quarter hour met, or null when the quarter hour spans two days.
  const dayOfQuarter = new Map<string, string | null>();
  return (order: UnpaidInvoice, policy: DeadlinePolicy, timeZone: string): InvoiceStep | null => {
    if (now < order.dueAt) return null;
    if (order.remindersSent >= policy.reminderCount) return { kind: 'cancel' };
    const quarter = Math.floor(order.orderedAt / QUARTER_HOUR);
    const zoneQuarter = `${timeZone}|${quarter}`;
    let day = dayOfQuarter.get(zoneQuarter);
    if (day === undefined) {
      const start = localDateOf(quarter * QUARTER_HOUR, timeZone);
      const end = localDateOf((quarter + 1) * QUARTER_HOUR - 1, timeZone);
      day = start.year === end.year && start.month === end.month && start.day === end.day ? `${start.year}-${start.month}-${start.day}` : null;
      dayOfQuarter.set(zoneQuarter, day);
    }
    if (day === null) return dueInvoiceStep(order, policy, timeZone, now);
    const key = `${timeZone}|${day}|${policy.reminderIntervalDays}|${policy.reminderCount}|${policy.sendHour}|${order.remindersSent}`;
    let step = memo.get(key);
    if (step === undefined) {
      // dueAt only decides whether a step is due (checked above), so any due instant gives the same step.
      step = dueInvoiceStep({ ...order, dueAt: now }, policy, timeZone, now);
      memo.set(key, step);
    }
    return step;
  };
}
