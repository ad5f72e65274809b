/**
 * What the storefront API answers, as the widget sees it. These interfaces are the widget's
 * public vocabulary (they appear in its .d.ts); client.ts checks at compile time that the
 * API's own inferred response types still fit them, so a change of the API that breaks the
 * widget breaks the type check instead of a buyer's purchase.
 */

export type Locale = 'fr' | 'de' | 'it' | 'en';
export type Seating = 'seated' | 'general_admission';
export type SalesClosedReason = 'event_not_published' | 'performance_cancelled' | 'sales_not_started' | 'sales_ended';

export interface ShopInfo {
  id: string;
  name: string;
  /** ISO 4217 code; amounts are integer minor units. */
  currency: string;
  locales: Locale[];
  defaultLocale: Locale;
  /** IANA zone in which dates are shown, e.g. Europe/Zurich. */
  timeZone: string;
  testMode: boolean;
  paymentMethods: string[];
  holdMinutes: number;
  maxTicketsPerOrder: number;
}

export interface PerformanceSummary {
  id: string;
  eventId: string;
  startsAt: string;
  doorsAt: string | null;
  seating: Seating;
  planId: string | null;
  capacity: number | null;
  status: 'scheduled' | 'cancelled';
  onSale: boolean;
  salesClosedReason: SalesClosedReason | null;
}

export interface EventSummary {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  imageUrl: string | null;
  venueId: string;
}

export interface EventInfo extends EventSummary {
  venue: { id: string; name: string; address: string };
  performances: PerformanceSummary[];
}

export interface PriceZone {
  id: string;
  code: string;
  name: string;
  /** #rrggbb */
  color: string;
}

export interface Tariff {
  id: string;
  /** The price zone of a seated tariff; null for general admission. */
  zoneId: string | null;
  name: string;
  /** Minor units. */
  price: number;
}

export interface PerformanceDetail extends PerformanceSummary {
  event: EventSummary;
  currency: string;
  maxTicketsPerOrder: number;
  zones: PriceZone[];
  tariffs: Tariff[];
  /** What a buyer can pay this date with now ('free', 'simulated_card', 'invoice'); invoice only while the date is far enough away. */
  paymentMethods: string[];
}

/** Seat-map geometry in columns: seat i is (seats.id[i], seats.x[i], …). */
export interface PlanGeometry {
  plan: { id: string; name: string; width: number; height: number; seatCount: number };
  zones: PriceZone[];
  sections: { id: string; code: string; name: string }[];
  seats: {
    id: number[];
    /** Index into sections. */
    section: number[];
    /** Index into zones. */
    zone: number[];
    row: string[];
    number: string[];
    x: number[];
    y: number[];
    /** Bit set: wheelchair 1, companion 2, restricted view 4, not for sale 8. */
    flags: number[];
  };
  /** What the seats face (stage, ice, field), drawn under the seats; in plan units. */
  landmarks?: PlanLandmark[];
}

/** A labelled shape of a plan that is not seats: x and y are its top left corner. */
export interface PlanLandmark {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  shape: 'rect' | 'ellipse';
}

interface AvailabilityBase {
  performanceId: string;
  version: string;
  at: string;
  pollAfterMs: number;
}
export interface SeatedAvailability extends AvailabilityBase {
  seating: 'seated';
  /** Seat-id ranges such as "3-7,12". */
  held: string;
  sold: string;
  blocked: string;
}
export interface GeneralAdmissionAvailability extends AvailabilityBase {
  seating: 'general_admission';
  capacity: number;
  remaining: number;
}
export type Availability = SeatedAvailability | GeneralAdmissionAvailability;

/** Where a seat is, in parts, to be written in the buyer's language (the `seatLabel` strings of the API are English). */
export interface SeatPlace {
  section: string;
  row: string;
  number: string;
}

export interface OrderLine {
  /** `discount` and `pass` lines have negative amounts; gift vouchers are payments, not lines. */
  kind: 'ticket' | 'pass' | 'discount' | 'fee' | 'insurance';
  /** In English; write a line from its kind, tariff and seat instead. */
  label: string;
  /** A ticket line's tariff (absent on orders placed before it was kept). */
  tariffName?: string;
  /** A seated ticket line's seat. */
  seat?: SeatPlace;
  tariffId: string | null;
  seatId: number | null;
  quantity: number;
  unitAmount: number;
  amount: number;
  /** The code behind a `discount` or `pass` line. */
  code?: string | null;
}

/** What a code typed into the cart does to the order, as the API's pricing function decided. */
export interface HoldCode {
  /** Normalized (upper case, no spaces or dashes). */
  code: string;
  kind: 'promo' | 'pass' | 'voucher';
  /** False: it stays on the hold but does nothing now (see `reason`); it may apply after a change. */
  applied: boolean;
  /** 'minimum_not_reached', 'not_valid_for_selection', 'pass_used_up', 'nothing_to_pay', or null. */
  reason: string | null;
  /** Tickets it discounted (promo) or booked (pass). */
  tickets: number;
  /** Discount given, value booked by the pass, or amount the voucher pays (minor units). */
  amount: number;
  /** Vouchers: the balance left after this order. */
  balanceAfter?: number;
  /** Promo `minimum_not_reached`: the minimum number of tickets. */
  minTickets?: number;
}

/** What removing an unlocking promo code did to tickets on the tariffs it had unlocked. */
export interface RevertedTariffs {
  /** Seats moved to their zone's first public tariff (toTariffId null: the seat left the hold). */
  seats: { seatId: number; fromTariffId: string; toTariffId: string | null }[];
  /** General-admission quantities dropped from the hold. */
  quantities: { tariffId: string; quantity: number }[];
}

/** Cancellation insurance offered with a hold: what opting in costs. */
export interface InsuranceOffer {
  /** The premium for the whole order if the buyer opts in (minor units). */
  premium: number;
  /** Per ticket, in the order of the hold's tickets. */
  perTicket: number[];
  /** The order with the insurance: its total, what gift vouchers pay of it, and what is left to pay (0: nothing). */
  total: number;
  vouchers: { code: string; amount: number; balanceAfter: number }[];
  paidByVouchers: number;
  amountDue: number;
  insurerName: string;
  termsUrl: string | null;
  contact: string | null;
}

export interface HoldView {
  /** The hold's secret capability (hld_…): whoever knows it can change and pay the cart. */
  id: string;
  performanceId: string;
  status: 'active' | 'converted' | 'released' | 'expired';
  expiresAt: string;
  maxExpiresAt: string;
  secondsLeft: number;
  /** `label` is English; `seat` has the parts to write it in the buyer's language. */
  seats: { seatId: number; label: string; seat: SeatPlace | null; tariffId: string; price: number }[];
  quantities: { tariffId: string; quantity: number; price: number }[];
  currency: string;
  lines: OrderLine[];
  ticketCount: number;
  subtotal: number;
  fees: number;
  total: number;
  /** Codes typed into the cart, in the order they were applied. */
  codes: HoldCode[];
  /** Promo and pass reductions (a positive amount). */
  discount: number;
  /** Gift vouchers paying this order. */
  vouchers: { code: string; amount: number; balanceAfter: number }[];
  paidByVouchers: number;
  /** What is left to pay by card or invoice; 0 checks out with the method `free`. */
  amountDue: number;
  /** Hidden tariffs a code on this hold made available (offer them with the others). */
  unlockedTariffs: Tariff[];
  /** Null when the shop offers no cancellation insurance. */
  insurance: InsuranceOffer | null;
}

export interface TicketView {
  number: string;
  seatId: number | null;
  /** In English; `seat` has the parts to write it in the buyer's language. */
  seatLabel: string | null;
  seat: SeatPlace | null;
  tariffId: string;
  tariffName: string;
  price: number;
  /** `exchanged`: replaced by another ticket; refused at the door like `cancelled`. */
  status: 'valid' | 'cancelled' | 'exchanged';
  admittedAt: string | null;
  /** Signed text to encode in the ticket's QR code. */
  qrPayload: string;
}

export interface OrderView {
  number: string;
  secret: string;
  status: 'pending' | 'paid' | 'invoiced' | 'expired' | 'cancelled';
  createdAt: string;
  paidAt: string | null;
  buyer: { name: string; email: string; language: Locale };
  event: { id: string; title: string };
  performance: { id: string; startsAt: string };
  currency: string;
  lines: OrderLine[];
  subtotal: number;
  fees: number;
  total: number;
  paymentMethod: string | null;
  /** Pay by invoice: where to pay, with which reference, by when; null for other orders (and once paid or cancelled). */
  invoice: OrderInvoice | null;
  /** Empty while an invoice order waits for its payment. */
  tickets: TicketView[];
  /** Promo and pass reductions (positive), insurance premiums, what gift vouchers paid, and what was left to pay by card or invoice. */
  discount: number;
  insurance: number;
  paidByVouchers: number;
  amountDue: number;
  /** The buyer opted in to cancellation insurance. */
  insured: boolean;
  /** Insured orders: the insurer to contact for a claim (each ticket number is its policy reference). */
  insurer: { insurerName: string; contact: string | null; termsUrl: string | null } | null;
}

export interface OrderInvoice {
  /** The payment reference to quote (QR reference or creditor reference). */
  reference: string;
  /** ISO 8601 payment deadline. */
  dueAt: string | null;
  remindersSent: number;
  /** Who is paid. */
  payableTo: string;
  /** IBAN or QR-IBAN to pay to. */
  account: string;
}

export interface Buyer {
  name: string;
  email: string;
  language: Locale;
}

export type Payment = { method: 'free' } | { method: 'simulated_card'; cardNumber: string } | { method: 'invoice' };

/** A change of a hold; every part is optional and the API applies them as one batch. */
export interface HoldChange {
  addSeats?: { seatId: number; tariffId?: string }[];
  removeSeats?: number[];
  seatTariffs?: { seatId: number; tariffId: string }[];
  quantities?: { tariffId: string; quantity: number }[];
}

export type HoldRequest =
  | { performanceId: string; seats: { seatId: number; tariffId?: string }[] }
  | { performanceId: string; quantities: { tariffId: string; quantity: number }[] }
  | { performanceId: string; best: { zoneId: string; quantity: number } };

/** A ticket of an order as the exchange sees it: when, what it cost, until when it can be exchanged. */
export interface ExchangeTicket {
  number: string;
  performanceId: string;
  startsAt: string;
  seatId: number | null;
  seatLabel: string | null;
  seat: SeatPlace | null;
  tariffId: string;
  tariffName: string;
  /** What the ticket cost (price net of discount), in minor units. */
  pricePaid: number;
  status: 'valid' | 'cancelled' | 'exchanged';
  /** ISO 8601: the last moment to exchange it online. */
  deadline: string;
  exchangeable: boolean;
  reason: string | null;
  reasonMessage: string | null;
}

/** Another performance of the event a ticket can move to. */
export interface ExchangeTarget {
  id: string;
  startsAt: string;
  seating: 'seated' | 'general_admission';
  planId: string | null;
  onSale: boolean;
  salesClosedReason: string | null;
  zones: { id: string; code: string; name: string; color: string }[];
  tariffs: { id: string; zoneId: string | null; name: string; price: number }[];
}

export interface ExchangeOptions {
  orderNumber: string;
  currency: string;
  event: { id: string; title: string };
  enabled: boolean;
  fee: number;
  refundsDifference: boolean;
  deadlineHours: number;
  tickets: ExchangeTicket[];
  targets: ExchangeTarget[];
}

export interface ExchangeChoice {
  ticketNumber: string;
  performanceId: string;
  seatId?: number;
  tariffId?: string;
}

/** What an exchange costs, in minor units: the difference (negative when cheaper), the fee, what to pay now. */
export interface ExchangeQuote {
  currency: string;
  difference: number;
  fee: number;
  amountToPay: number;
  refundDue: number;
  refundsDifference: boolean;
  tariff: { id: string; name: string; price: number };
  seat: ({ id: number; label: string } & SeatPlace) | null;
}

export interface ExchangeResult {
  exchange: {
    id: string;
    oldTicketNumber: string;
    newTicketNumber: string;
    fromPerformanceId: string;
    toPerformanceId: string;
    currency: string;
    difference: number;
    fee: number;
    amountCharged: number;
    refundDue: number;
    paymentMethod: string | null;
    createdAt: string;
  };
  ticket: { number: string; performanceId: string; startsAt: string; seatId: number | null; seatLabel: string | null; seat: SeatPlace | null; tariffId: string; tariffName: string; price: number; status: 'valid'; qrPayload: string };
  oldTicket: { number: string; status: 'exchanged' };
}

/** What the shop sells besides seats: passes and gift vouchers (`GET /products`). */
export interface ProductCatalog {
  currency: string;
  passes: {
    id: string;
    name: string;
    description: string;
    /** Minor units. */
    price: number;
    covers: {
      allEvents: boolean;
      events: { id: string; title: string }[];
      performances: { id: string; eventId: string; title: string; startsAt: string }[];
      zones: { id: string; name: string }[];
    };
    maxPerformances: number | null;
    seatsPerPerformance: number;
    validUntil: string | null;
  }[];
  /** Null when the shop sells no gift vouchers; amounts in minor units; min/max null: no free amount. */
  vouchers: { amounts: number[]; minAmount: number | null; maxAmount: number | null; validityDays: number } | null;
}

/** Buying a gift voucher or a pass. */
export type ProductPurchase =
  | { kind: 'voucher'; amount: number; recipientName?: string; buyer: Buyer; payment: { method: 'free' } | { method: 'simulated_card'; cardNumber: string } }
  | { kind: 'pass'; passProductId: string; holderName: string; buyer: Buyer; payment: { method: 'free' } | { method: 'simulated_card'; cardNumber: string } };

/** A purchase of a voucher or a pass; `code` is there once it is paid. */
export interface ProductOrderView {
  number: string;
  secret: string;
  kind: 'voucher' | 'pass';
  status: string;
  amount: number;
  currency: string;
  paymentMethod: string | null;
  recipientName: string | null;
  /** Grouped for reading ("7KQM-T3WA-…"). */
  code: string | null;
  voucher: { amount: number; expiresAt: string | null; expired: boolean } | null;
  pass: { productId: string | null; name: string; holderName: string | null; maxPerformances: number | null; seatsPerPerformance: number; validUntil: string | null } | null;
}
