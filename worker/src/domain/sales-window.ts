export type SalesClosedReason = 'event_not_published' | 'performance_cancelled' | 'sales_not_started' | 'sales_ended';

export interface SalesWindow {
  eventStatus: string;
  performanceStatus: string;
  startsAt: number;
  salesStartAt: number | null;
  salesEndAt: number | null;
}

/** Why a performance cannot be sold now, or null when it can. Sales end at the start by default. */
export function salesClosedReason(window: SalesWindow, now: number): SalesClosedReason | null {
  if (window.eventStatus !== 'published') return 'event_not_published';
  if (window.performanceStatus !== 'scheduled') return 'performance_cancelled';
  if (window.salesStartAt !== null && now < window.salesStartAt) return 'sales_not_started';
  if (now >= (window.salesEndAt ?? window.startsAt)) return 'sales_ended';
  return null;
}

export const salesClosedMessages: Record<SalesClosedReason, string> = {
  event_not_published: 'This event is not on sale.',
  performance_cancelled: 'This performance has been cancelled.',
  sales_not_started: 'Ticket sales for this performance have not started yet.',
  sales_ended: 'Ticket sales for this performance have ended.',
};
