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
