export type SalesClosedReason = 'event_not_published' | 'performance_cancelled' | 'sales_not_started' | 'sales_ended';
export type DeskClosedReason = 'event_not_published' | 'performance_cancelled' | 'performance_over';
/** waitlist: a waiting-list offer's hold, sold online like any other. */
export type HoldChannel = 'online' | 'box_office' | 'waitlist';

/** The desk sells late-comers: until two hours after the start. */
export const DESK_SALES_AFTER_START_MS = 2 * 60 * 60 * 1000;

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

/**
 * Why the box office cannot sell a performance now, or null when it can: the online sales window
 * does not bind the desk (it sells before online sales open and after they end), a cancelled
 * performance or one that started more than two hours ago does.
 */
export function deskClosedReason(window: SalesWindow, now: number): DeskClosedReason | null {
  if (window.eventStatus !== 'published') return 'event_not_published';
  if (window.performanceStatus !== 'scheduled') return 'performance_cancelled';
  if (now >= window.startsAt + DESK_SALES_AFTER_START_MS) return 'performance_over';
  return null;
}

export const deskClosedMessages: Record<DeskClosedReason, string> = {
  event_not_published: 'This event is not on sale.',
  performance_cancelled: 'This performance has been cancelled.',
  performance_over: 'This performance started more than two hours ago: the desk no longer sells it.',
};
