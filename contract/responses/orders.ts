import * as v from 'valibot';
import { orderStatuses, saleChannels, ticketStatuses } from '../vocabulary.js';
import { Amount, BuyerView, Count, EventRef, IsoTime, NextCursor, OrderLine, SeatPlace } from './shared.js';

/** The insurer to contact for a claim (each ticket number is its policy reference). */
export const Insurer = v.object({ insurerName: v.string(), contact: v.nullable(v.string()), termsUrl: v.nullable(v.string()) });

/** Pay by invoice: where to pay, with which reference, by when. */
export const OrderInvoice = v.object({
  reference: v.pipe(v.string(), v.description('The payment reference to quote (QR reference or creditor reference).')),
  dueAt: v.nullable(IsoTime),
  remindersSent: Count,
  payableTo: v.pipe(v.string(), v.description('Who is paid.')),
  account: v.pipe(v.string(), v.description('IBAN or QR-IBAN to pay to.')),
});

export const TicketView = v.object({
  number: v.string(),
  seatId: v.nullable(v.number()),
  seatLabel: v.pipe(v.nullable(v.string()), v.description('In English; `seat` has the parts to write it in the buyer\'s language.')),
  seat: v.nullable(SeatPlace),
  tariffId: v.string(),
  tariffName: v.string(),
  price: Amount,
  discount: v.pipe(Amount, v.description('The share of promo and pass reductions this ticket got.')),
  insured: v.boolean(),
  insurance: v.nullable(Insurer),
  status: v.pipe(v.picklist(ticketStatuses), v.description('`exchanged`: replaced by another ticket; refused at the door like `cancelled`.')),
  admittedAt: v.nullable(IsoTime),
  qrPayload: v.pipe(v.string(), v.description('Signed text to encode in the ticket\'s QR code.')),
});

/**
 * What the widget needs to take a Stripe payment for a pending order: the PaymentIntent's
 * client secret for the Payment Element, the platform's publishable key, and the connected
 * account the charge is made on (Stripe.js is initialised with it). Present only while the
 * order waits for this payment.
 */
export const StripePaymentView = v.object({
  paymentIntentId: v.string(),
  clientSecret: v.string(),
  publishableKey: v.string(),
  stripeAccount: v.nullable(v.string()),
  amount: Amount,
  currency: v.string(),
  status: v.pipe(
    v.picklist(['requires_payment', 'processing']),
    v.description('`requires_payment`: the buyer has not paid yet (or must try again after a decline); `processing`: Stripe has the payment and the order is being completed.'),
  ),
});

/** An order as its buyer sees it (and the box office after a change). */
export const OrderView = v.object({
  number: v.string(),
  secret: v.string(),
  status: v.picklist(orderStatuses),
  holdId: v.nullable(v.string()),
  holdExpiresAt: v.nullable(IsoTime),
  createdAt: IsoTime,
  paidAt: v.nullable(IsoTime),
  buyer: BuyerView,
  event: EventRef,
  performance: v.object({ id: v.string(), startsAt: IsoTime }),
  currency: v.string(),
  lines: v.array(OrderLine),
  subtotal: Amount,
  discount: v.pipe(Amount, v.description('Promo and pass reductions (positive).')),
  fees: Amount,
  insurance: v.pipe(Amount, v.description('Insurance premiums.')),
  insured: v.pipe(v.boolean(), v.description('The buyer opted in to cancellation insurance.')),
  total: Amount,
  paidByVouchers: Amount,
  amountDue: v.pipe(Amount, v.description('What was left to pay by card or invoice.')),
  codes: v.array(v.string()),
  insurer: v.nullable(Insurer),
  paymentMethod: v.nullable(v.string()),
  lastDeclineCode: v.nullable(v.string()),
  stripe: v.pipe(v.nullable(StripePaymentView), v.description('The Stripe payment to complete, while a Stripe order waits for it; null otherwise.')),
  invoice: v.pipe(v.nullable(OrderInvoice), v.description('Null for orders not paid by invoice (and once paid or cancelled).')),
  cancelledAt: v.nullable(IsoTime),
  tickets: v.pipe(v.array(TicketView), v.description('Empty while an invoice order waits for its payment.')),
});

/** The order's e-mail is queued again (the confirmation, or the invoice while it is unpaid). */
export const ResendReceipt = v.object({
  sent: v.literal(true),
  kind: v.pipe(v.picklist(['order_confirmation', 'invoice']), v.description('Which e-mail was queued.')),
});

/** A row of the box office's order search. */
export const OrderSummary = v.object({
  number: v.string(),
  status: v.picklist(orderStatuses),
  performanceId: v.string(),
  buyer: BuyerView,
  currency: v.string(),
  total: Amount,
  paymentMethod: v.nullable(v.string()),
  createdAt: IsoTime,
  paidAt: v.nullable(IsoTime),
  channel: v.picklist(saleChannels),
  soldBy: v.pipe(v.nullable(v.object({ id: v.string(), name: v.string() })), v.description('The staff member or token that sold it at the desk; null online.')),
});
/** What the search text was taken for, in this order of precedence (see OrderSearchQuery's q). */
export const orderSearchMatches = ['order_number', 'ticket_number', 'email', 'name_or_email'] as const;
export const OrderSearchResult = v.object({
  orders: v.array(OrderSummary),
  nextCursor: NextCursor,
  matchedBy: v.pipe(v.nullable(v.picklist(orderSearchMatches)), v.description('How q matched (null without q): an exact order number, a ticket number, a whole e-mail address, else part of a name or e-mail.')),
});

/** A ticket admitted at the door. Every refusal is an error answer (409 with its reason). */
export const CheckinResult = v.object({
  result: v.literal('admitted'),
  ticket: v.object({ number: v.string(), seatLabel: v.nullable(v.string()), tariffName: v.string(), performanceId: v.string() }),
  /** The instant of this admission (the server's clock). */
  admittedAt: IsoTime,
});

export type Insurer = v.InferOutput<typeof Insurer>;
export type OrderInvoice = v.InferOutput<typeof OrderInvoice>;
export type TicketView = v.InferOutput<typeof TicketView>;
export type OrderView = v.InferOutput<typeof OrderView>;
export type ResendReceipt = v.InferOutput<typeof ResendReceipt>;
export type StripePaymentView = v.InferOutput<typeof StripePaymentView>;
export type OrderSearchResult = v.InferOutput<typeof OrderSearchResult>;
export type CheckinResult = v.InferOutput<typeof CheckinResult>;
