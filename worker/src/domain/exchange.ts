/**
 * Exchanging a ticket for a seat (or a place) at another performance of the same event:
 * who may, until when, and what it costs. Pure: the service reads the rows and asks here;
 * the batch that performs the exchange re-checks what can race (ticket still valid, order
 * still paid, seat still free) in the database.
 */

const HOUR = 3_600_000;

/** The event's exchange settings (events.exchange*). */
export interface ExchangeRules {
  enabled: boolean;
  deadlineHours: number;
  fee: number;
  refundsDifference: boolean;
}

export interface ExchangeableTicket {
  status: 'valid' | 'cancelled' | 'exchanged';
  admittedAt: number | null;
  orderStatus: string;
  performanceStartsAt: number;
}

export type TicketRefusal = 'exchange_not_offered' | 'exchange_deadline_passed' | 'ticket_not_valid' | 'ticket_admitted' | 'order_not_paid';

export interface TargetPerformance {
  id: string;
  eventId: string;
  status: string;
  /** salesClosedReason of the target (worker/src/domain/sales-window.ts), null when on sale. */
  salesClosed: string | null;
}

export type TargetRefusal = 'other_event' | 'same_performance' | 'performance_cancelled' | 'not_on_sale';

/** Who asks: the buyer online, or staff at the box office (who may pass the deadline and waive the fee). */
export interface ExchangeActor {
  kind: 'buyer' | 'organizer';
  ignoreDeadline?: boolean | undefined;
  waiveFee?: boolean | undefined;
}

/** The last moment an exchange is possible: `deadlineHours` before the performance starts. */
export function exchangeDeadline(performanceStartsAt: number, rules: Pick<ExchangeRules, 'deadlineHours'>): number {
  return performanceStartsAt - rules.deadlineHours * HOUR;
}

/**
 * Why this ticket cannot be exchanged now, or null. Online exchange needs the organizer to
 * enable it for the event; the box office exchanges whenever the ticket is valid, and may
 * pass the deadline (never the start of the performance).
 */
export function ticketRefusal(ticket: ExchangeableTicket, rules: ExchangeRules, actor: ExchangeActor, now: number): TicketRefusal | null {
  if (actor.kind === 'buyer' && !rules.enabled) return 'exchange_not_offered';
  if (ticket.orderStatus !== 'paid') return 'order_not_paid';
  if (ticket.status !== 'valid') return 'ticket_not_valid';
  if (ticket.admittedAt !== null) return 'ticket_admitted';
  const staffOverride = actor.kind === 'organizer' && actor.ignoreDeadline === true;
  if (now >= (staffOverride ? ticket.performanceStartsAt : exchangeDeadline(ticket.performanceStartsAt, rules))) return 'exchange_deadline_passed';
  return null;
}

/** Why the ticket cannot move to this performance, or null. */
export function targetRefusal(fromPerformance: { id: string; eventId: string }, target: TargetPerformance): TargetRefusal | null {
  if (target.eventId !== fromPerformance.eventId) return 'other_event';
  if (target.id === fromPerformance.id) return 'same_performance';
  if (target.status !== 'scheduled') return 'performance_cancelled';
  if (target.salesClosed !== null) return 'not_on_sale';
  return null;
}

export const refusalMessages: Record<TicketRefusal | TargetRefusal, string> = {
  exchange_not_offered: 'The organizer does not offer online exchange for this event. Please contact the box office.',
  exchange_deadline_passed: 'It is too late to exchange this ticket: the deadline before the performance has passed.',
  ticket_not_valid: 'This ticket is no longer valid (cancelled or already exchanged).',
  ticket_admitted: 'This ticket was already used at the door.',
  order_not_paid: 'Only tickets of paid orders can be exchanged.',
  other_event: 'A ticket can only be exchanged for another performance of the same event.',
  same_performance: 'Choose another performance than the one of the ticket.',
  performance_cancelled: 'This performance has been cancelled.',
  not_on_sale: 'Tickets for this performance are not on sale.',
};

export interface ExchangeQuote {
  /** New price − what the old ticket cost (its price net of discount); negative when cheaper. */
  difference: number;
  fee: number;
  /** What the buyer pays now: the difference if positive, plus the fee. */
  amountToPay: number;
  /** What the organizer owes back for a cheaper seat, only when the event allows it. */
  refundDue: number;
}

/**
 * The price of an exchange, in minor units. A cheaper seat is refunded only when the event
 * says so; otherwise the buyer keeps the seat they paid more for and nothing is owed.
 */
export function quoteExchange(
  oldTicket: { price: number; discount: number },
  newPrice: number,
  rules: Pick<ExchangeRules, 'fee' | 'refundsDifference'>,
  actor: Pick<ExchangeActor, 'kind' | 'waiveFee'>,
): ExchangeQuote {
  const paid = Math.max(0, oldTicket.price - oldTicket.discount);
  const difference = newPrice - paid;
  const fee = actor.kind === 'organizer' && actor.waiveFee === true ? 0 : Math.max(0, rules.fee);
  return {
    difference,
    fee,
    amountToPay: Math.max(0, difference) + fee,
    refundDue: rules.refundsDifference && difference < 0 ? -difference : 0,
  };
}
