import type { Buyer, CheckoutAnswers, OrderView, Payment, ProductOrderView, Seating } from './api/types.js';

/**
 * The widget's DOM events. Every one is a CustomEvent whose name starts with `tk-`, that
 * bubbles and is composed (it leaves the shadow roots), with a typed `detail`.
 *
 * A host page listens on the `<ticket-shop>` element (or any ancestor):
 *
 * ```js
 * shop.addEventListener('tk-order-complete', (event) => analytics.track('purchase', event.detail.total));
 * ```
 *
 * Public events, fired by `<ticket-shop>` for the host page:
 * - `tk-performance-select`: the buyer chose a date (performance).
 * - `tk-seats-change`: what the buyer's hold contains changed (seats or quantities), as confirmed by the API.
 * - `tk-hold-create`: a hold (reservation) was created; seats are now held for the buyer until `expiresAt`.
 * - `tk-hold-expire`: the hold expired (or was lost) and the cart was emptied.
 * - `tk-order-complete`: an order was placed: paid (or free) with its tickets issued (`status: 'paid'`), or
 *   placed by invoice (`status: 'invoiced'`: seats are the buyer's, tickets are sent once the payment is recorded).
 * - `tk-code-apply`: the API accepted a code the buyer typed (promo, pass or gift voucher) and priced the cart with it.
 * - `tk-code-remove`: the buyer removed a code from the cart.
 *
 * The other events below are how the widget's parts talk to `<ticket-shop>`; it handles and
 * stops them, so a host page only sees them when it uses those parts on their own.
 */

export interface PerformanceSelectDetail {
  eventId: string;
  performanceId: string;
  /** ISO 8601 start time (UTC). */
  startsAt: string;
  seating: Seating;
}

export interface SeatsChangeDetail {
  performanceId: string;
  /** Seats in the hold (seated performances). */
  seatIds: number[];
  /** Quantities per tariff in the hold (general admission). */
  quantities: { tariffId: string; quantity: number }[];
  ticketCount: number;
  /** Total in minor units of `currency`. */
  total: number;
  currency: string;
}

/** The hold id itself is a secret capability and stays inside the widget. */
export interface HoldCreateDetail {
  performanceId: string;
  /** ISO 8601 time at which the seats are released unless the buyer pays or extends. */
  expiresAt: string;
}

export interface HoldExpireDetail {
  performanceId: string;
}

export interface OrderCompleteDetail {
  orderNumber: string;
  /**
   * 'paid': paid (or free) and its tickets issued. 'invoiced': placed by invoice; the tickets are
   * sent by e-mail once the organizer records the payment (until the deadline the seats stay the buyer's).
   */
  status: 'paid' | 'invoiced';
  /** 'free', 'simulated_card', 'invoice' or 'stripe'. */
  paymentMethod: string;
  performanceId: string;
  /** Tickets bought (for an invoiced order: to be issued when it is paid). */
  ticketCount: number;
  /** Minor units of `currency`. */
  total: number;
  currency: string;
}

export interface CodeApplyDetail {
  /** The code as the API stores it (upper case, without spaces or dashes). */
  code: string;
  kind: 'promo' | 'pass' | 'voucher';
  /** False when it is on the cart but does nothing yet (e.g. a minimum number of tickets not reached). */
  applied: boolean;
  /** Discount given, value of the seats a pass covers, or amount a voucher pays (minor units of `currency`). */
  amount: number;
  currency: string;
  /** What is left to pay once every code is counted (minor units). */
  amountDue: number;
}

export interface CodeRemoveDetail {
  code: string;
  kind: 'promo' | 'pass' | 'voucher';
}

export interface EventSelectDetail {
  eventId: string;
}
export interface QuantityChangeDetail {
  tariffId: string;
  quantity: number;
}
export interface SeatRemoveDetail {
  seatId: number;
}
export interface SeatTariffChangeDetail {
  seatId: number;
  tariffId: string;
}
export interface BestAvailableDetail {
  zoneId: string;
  quantity: number;
}
export interface CheckoutSubmitDetail {
  buyer: Buyer;
  payment: Payment;
  /** The buyer opted in to cancellation insurance. */
  insured?: boolean;
  /** Answers to the event's questions, when it asks any. */
  answers?: CheckoutAnswers;
}
export interface CodeRequestDetail {
  code: string;
}
export interface InsuranceChangeDetail {
  insured: boolean;
}

export interface StripePaidDetail {
  /** The order, paid, with its tickets; in the gift shop, the purchase, paid, with its code. */
  order: OrderView | ProductOrderView;
}
export interface StripeReturnedDetail {
  /** What to tell the buyer: why the sale could not be made, and that the money was released or refunded. */
  message: string;
}

/** Every tk-* event of the widget and its detail. */
export interface TicketShopEventMap {
  'tk-performance-select': PerformanceSelectDetail;
  'tk-seats-change': SeatsChangeDetail;
  'tk-hold-create': HoldCreateDetail;
  'tk-hold-expire': HoldExpireDetail;
  'tk-order-complete': OrderCompleteDetail;
  'tk-code-apply': CodeApplyDetail;
  'tk-code-remove': CodeRemoveDetail;
  'tk-event-select': EventSelectDetail;
  'tk-quantity-change': QuantityChangeDetail;
  'tk-seat-remove': SeatRemoveDetail;
  'tk-seat-tariff-change': SeatTariffChangeDetail;
  'tk-best-available': BestAvailableDetail;
  'tk-hold-extend': Record<string, never>;
  'tk-checkout-request': Record<string, never>;
  'tk-checkout-submit': CheckoutSubmitDetail;
  'tk-countdown-end': Record<string, never>;
  'tk-restart': Record<string, never>;
  'tk-code-submit': CodeRequestDetail;
  'tk-code-withdraw': CodeRequestDetail;
  'tk-insurance-change': InsuranceChangeDetail;
  'tk-stripe-paid': StripePaidDetail;
  'tk-stripe-processing': Record<string, never>;
  'tk-stripe-returned': StripeReturnedDetail;
  'tk-stripe-back': Record<string, never>;
}

export type TicketShopEvent<K extends keyof TicketShopEventMap> = CustomEvent<TicketShopEventMap[K]>;

/** Dispatches a widget event from `target`: bubbling, composed, not cancelable. */
export function emit<K extends keyof TicketShopEventMap>(target: EventTarget, type: K, detail: TicketShopEventMap[K]): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'tk-performance-select': TicketShopEvent<'tk-performance-select'>;
    'tk-seats-change': TicketShopEvent<'tk-seats-change'>;
    'tk-hold-create': TicketShopEvent<'tk-hold-create'>;
    'tk-hold-expire': TicketShopEvent<'tk-hold-expire'>;
    'tk-order-complete': TicketShopEvent<'tk-order-complete'>;
    'tk-code-apply': TicketShopEvent<'tk-code-apply'>;
    'tk-code-remove': TicketShopEvent<'tk-code-remove'>;
    'tk-event-select': TicketShopEvent<'tk-event-select'>;
    'tk-quantity-change': TicketShopEvent<'tk-quantity-change'>;
    'tk-seat-remove': TicketShopEvent<'tk-seat-remove'>;
    'tk-seat-tariff-change': TicketShopEvent<'tk-seat-tariff-change'>;
    'tk-best-available': TicketShopEvent<'tk-best-available'>;
    'tk-hold-extend': TicketShopEvent<'tk-hold-extend'>;
    'tk-checkout-request': TicketShopEvent<'tk-checkout-request'>;
    'tk-checkout-submit': TicketShopEvent<'tk-checkout-submit'>;
    'tk-countdown-end': TicketShopEvent<'tk-countdown-end'>;
    'tk-restart': TicketShopEvent<'tk-restart'>;
    'tk-code-submit': TicketShopEvent<'tk-code-submit'>;
    'tk-code-withdraw': TicketShopEvent<'tk-code-withdraw'>;
    'tk-insurance-change': TicketShopEvent<'tk-insurance-change'>;
    'tk-stripe-paid': TicketShopEvent<'tk-stripe-paid'>;
    'tk-stripe-processing': TicketShopEvent<'tk-stripe-processing'>;
    'tk-stripe-returned': TicketShopEvent<'tk-stripe-returned'>;
    'tk-stripe-back': TicketShopEvent<'tk-stripe-back'>;
  }
}
