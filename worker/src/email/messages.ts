import type { InvoiceCreditor } from '../../../db/schema/catalog.js';
import type { messageKinds } from '../../../db/schema/messaging.js';
import type { OrderLineRecord, SeatPlace } from '../../../db/schema/orders.js';
import type { StaffRole } from '../../../contract/permissions.js';

/**
 * What each e-mail says, frozen when the change it announces is written: the outbox row
 * carries it as its payload, and the templates render it without reading the database. The
 * invoice deadline job's reminders and notices are the exception: their rows keep only the
 * step, and the deliverer adds the order's facts before rendering (services/deferred-facts.ts).
 */
/**
 * A line of the order as the e-mails and the invoice show it. `label` is the stored English
 * text, kept for payloads queued before the parts: with `kind` (and the tariff, seat or code)
 * the line is written in the buyer's language. `vouchers` is the gift vouchers' payment.
 */
export interface OrderLineFacts {
  kind?: OrderLineRecord['kind'] | 'vouchers';
  label: string;
  quantity: number;
  amount: number;
  tariffName?: string;
  seat?: SeatPlace;
  code?: string;
}

/** Who insures the tickets and how to reach them for a claim (shop settings). */
export interface InsurerFacts {
  name: string | null;
  contact: string | null;
}

export interface OrderFacts {
  shopId: string;
  shopName: string;
  /** The shop's colour (#rrggbb) for the e-mail's header and buttons; absent or null: a neutral dark. */
  brandColor?: string | null;
  timeZone: string;
  orderNumber: string;
  orderSecret: string;
  buyerName: string;
  currency: string;
  total: number;
  lines: OrderLineFacts[];
  eventTitle: string;
  eventSubtitle: string;
  startsAt: number;
  doorsAt: number | null;
  venueName: string;
  venueAddress: string;
  /** The organizer's order page (shop setting), if any. */
  orderPageUrl: string | null;
}

export interface InvoiceFacts {
  issuedAt: number;
  /** The payment deadline this message announces. */
  dueAt: number;
  reference: string;
  creditor: InvoiceCreditor;
}

export interface TicketFacts {
  number: string;
  /** The stored English label: shown only when the seat's parts are absent (payloads queued before them). */
  seatLabel: string | null;
  seat?: SeatPlace | null;
  tariffName: string;
  qrPayload: string;
  /** Insured against cancellation: the ticket number is the policy reference. */
  insured?: boolean;
  /** What it cost (price − discount), printed on the PDF ticket; absent in payloads queued before it was kept. */
  price?: number;
}

/** A pass or voucher bought in the shop (product_orders), or issued by the organizer (no order number): who gets it, what it cost. */
export interface ProductSaleFacts {
  shopId: string;
  shopName: string;
  brandColor?: string | null;
  timeZone: string;
  currency: string;
  orderNumber: string | null;
  buyerName: string;
  amount: number;
}

/** The pass as its holder needs it: the code to type in the cart and what it covers. */
export interface PassFacts {
  code: string;
  productName: string;
  description: string;
  holderName: string;
  /** Null: every covered performance. */
  maxPerformances: number | null;
  seatsPerPerformance: number;
  validUntil: number | null;
}

export interface VoucherFacts {
  code: string;
  amount: number;
  recipientName: string | null;
  expiresAt: number | null;
}

/** A ticket exchanged for another performance: which ticket it replaces and what it cost. */
export interface ExchangeFacts {
  oldTicketNumber: string;
  oldSeatLabel: string | null;
  oldSeat?: SeatPlace | null;
  oldStartsAt: number;
  difference: number;
  fee: number;
  amountCharged: number;
  refundDue: number;
}

/** Staff cancelled a whole order or some tickets (order_cancellations), with the refund decided. */
export interface CancellationFacts {
  wholeOrder: boolean;
  tickets: { number: string; seatLabel: string | null; seat?: SeatPlace | null; tariffName: string }[];
  /** The organizer's message to the buyer. */
  note: string | null;
  refund: {
    method: 'none' | 'cash' | 'bank_transfer' | 'card_refund' | 'voucher';
    amount: number;
    voucher: { code: string; expiresAt: number | null } | null;
  };
  /** Some cancelled ticket was insured: the buyer claims with the insurer. */
  insured: boolean;
  /** Who the insurer is and how to reach them (shop settings), when insured. */
  insurer?: InsurerFacts | null;
  /** Set when the system cancelled, not staff: the card payment could not be collected (services/stripe-lapsed.ts). */
  cause?: 'payment_not_collected';
}

export interface MessagePayloads {
  /** `insurer`: set when some ticket is insured. */
  /** `ticketConditions`: the organizer's conditions in the buyer's language, printed on the attached PDF tickets. */
  order_confirmation: { order: OrderFacts; tickets: TicketFacts[]; insurer?: InsurerFacts | null; ticketConditions?: string | null };
  invoice: { order: OrderFacts; invoice: InvoiceFacts };
  invoice_reminder: { order: OrderFacts; invoice: InvoiceFacts; reminderNumber: number; reminderCount: number };
  order_cancelled: { order: OrderFacts; reason: 'invoice_unpaid' | 'organizer'; note: string | null };
  pre_event: { order: OrderFacts; ticketCount: number; text: string | null };
  ticket_exchanged: { order: OrderFacts; exchange: ExchangeFacts; ticket: TicketFacts; ticketConditions?: string | null };
  pass_issued: { sale: ProductSaleFacts; pass: PassFacts };
  voucher_issued: { sale: ProductSaleFacts; voucher: VoucherFacts };
  tickets_cancelled: CancellationFacts & { order: OrderFacts };
  /**
   * Stripe took a payment but the sale could not be made (the seats went to someone else, the
   * cart changed): the money is released or refunded in full (services/stripe-settlement.ts).
   */
  payment_returned: { order: OrderFacts; reason: 'seats_taken' | 'hold_changed' | 'codes_changed' | 'order_closed'; amount: number; refunded: boolean };
  /** To the shop's contact, not a buyer: an endpoint failing for `days` days was disabled (jobs/deliver-webhooks.ts). */
  webhook_endpoint_disabled: WebhookDisabledFacts;
  /** To a staff member who asked for a sign-in link (services/staff-sign-in.ts). */
  staff_sign_in: { shop: StaffShopFacts; staffName: string; link: StaffLinkFacts };
  /** To a newly invited staff member: their role, who invited them, a first sign-in link. */
  staff_invitation: { shop: StaffShopFacts; staffName: string; role: StaffRole; invitedBy: string | null; link: StaffLinkFacts };
  /** To a buyer who joined a waiting list (services/waiting-list.ts): with the link to leave it. */
  waiting_list_joined: { entry: WaitingListFacts; offerHours: number };
  /** To the next buyer in line: a hold of the seats that came back, until `expiresAt` (jobs/offer-waiting-list.ts). */
  waiting_list_offer: { entry: WaitingListFacts; offer: { holdId: string; expiresAt: number } };
}

/** A waiting-list entry and its performance, frozen when the e-mail is queued. */
export interface WaitingListFacts {
  shopId: string;
  shopName: string;
  brandColor?: string | null;
  timeZone: string;
  currency: string;
  /** The shop's order page (a path on this deployment or a full URL); null: this deployment's home page. */
  pageUrl: string | null;
  entryId: string;
  /** The secret of the "leave the list" link (only in the e-mail on joining: the database keeps its hash alone). */
  withdrawToken: string | null;
  name: string;
  quantity: number;
  eventTitle: string;
  venueName: string;
  startsAt: number;
}

export interface StaffShopFacts {
  shopName: string;
  brandColor?: string | null;
}

/**
 * A console sign-in link. The token is the secret itself: the message must carry it until it is
 * sent (the database keeps only its hash elsewhere); it works once and lapses after validMinutes.
 */
export interface StaffLinkFacts {
  token: string;
  validMinutes: number;
}

export interface WebhookDisabledFacts {
  shop: { shopName: string; brandColor?: string | null; timeZone: string; currency: string };
  endpoint: { id: string; url: string; description: string };
  days: number;
  failingSince: number;
  disabledAt: number;
  /** The last attempt's failure, short and without the receiver's answer. */
  lastError: string | null;
}

export type MessageKind = (typeof messageKinds)[number];
export type Language = 'fr' | 'de' | 'it' | 'en';

/** A message of one kind with its payload; the union narrows on `kind`. */
export type Message = { [K in MessageKind]: { kind: K; language: Language; payload: MessagePayloads[K] } }[MessageKind];

/** Links in e-mails point to the public base URL of this deployment (PUBLIC_URL). */
export interface RenderContext {
  publicUrl: string;
}

export function invoiceUrl(order: OrderFacts, ctx: RenderContext): string {
  return `${ctx.publicUrl}/api/shops/${order.shopId}/orders/${order.orderNumber}/invoice.pdf?secret=${order.orderSecret}`;
}

/** The order's valid tickets as an A4 PDF (the same file is attached to the confirmation). */
export function ticketsPdfUrl(order: OrderFacts, ctx: RenderContext): string {
  return `${ctx.publicUrl}/api/shops/${order.shopId}/orders/${order.orderNumber}/tickets.pdf?secret=${order.orderSecret}&layout=a4`;
}

/** The shop's order page with this order; an order page given as a path (`/order.html`) is on this deployment (PUBLIC_URL). */
export function orderPageLink(order: Pick<OrderFacts, 'orderPageUrl' | 'orderNumber' | 'orderSecret'>, ctx: RenderContext): string | null {
  if (!order.orderPageUrl) return null;
  const url = new URL(order.orderPageUrl.startsWith('/') ? `${ctx.publicUrl.replace(/\/$/, '')}${order.orderPageUrl}` : order.orderPageUrl);
  url.searchParams.set('order', order.orderNumber);
  url.searchParams.set('secret', order.orderSecret);
  return url.toString();
}

/** The Content-ID of a ticket's inline QR image, shared by the HTML and the attachment. */
export const ticketImageId = (ticketNumber: string) => `qr-${ticketNumber}@ticket-shop`;

// Compile-time check that every kind of the schema has a payload type and the reverse.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const kindsMatch: Same<MessageKind, keyof MessagePayloads> = true;
