import * as v from 'valibot';
import { orderStatuses, ticketStatuses } from '../vocabulary.js';
import { Amount, BuyerView, Count, EventRef, IsoTime, NextCursor, OrderLine, SeatPlace } from './shared.js';

/** The insurer to contact for a claim (each ticket number is its policy reference). */
export const Insurer = v.object({ insurerName: v.string(), contact: v.nullable(v.string()), termsUrl: v.nullable(v.string()) });

/** Pay by invoice: where to pay, with which reference, by when. */
export const OrderInvoice = v.object({
  /** The payment reference to quote (QR reference or creditor reference). */
  reference: v.string(),
  dueAt: v.nullable(IsoTime),
  remindersSent: Count,
  /** Who is paid. */
  payableTo: v.string(),
  /** IBAN or QR-IBAN to pay to. */
  account: v.string(),
});

export const TicketView = v.object({
  number: v.string(),
  seatId: v.nullable(v.number()),
  /** In English; `seat` has the parts to write it in the buyer's language. */
  seatLabel: v.nullable(v.string()),
  seat: v.nullable(SeatPlace),
  tariffId: v.string(),
  tariffName: v.string(),
  price: Amount,
  /** The share of promo and pass reductions this ticket got. */
  discount: Amount,
  insured: v.boolean(),
  insurance: v.nullable(Insurer),
  /** `exchanged`: replaced by another ticket; refused at the door like `cancelled`. */
  status: v.picklist(ticketStatuses),
  admittedAt: v.nullable(IsoTime),
  /** Signed text to encode in the ticket's QR code. */
  qrPayload: v.string(),
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
  /** Promo and pass reductions (positive). */
  discount: Amount,
  fees: Amount,
  /** Insurance premiums. */
  insurance: Amount,
  /** The buyer opted in to cancellation insurance. */
  insured: v.boolean(),
  total: Amount,
  paidByVouchers: Amount,
  /** What was left to pay by card or invoice. */
  amountDue: Amount,
  codes: v.array(v.string()),
  insurer: v.nullable(Insurer),
  paymentMethod: v.nullable(v.string()),
  lastDeclineCode: v.nullable(v.string()),
  /** Null for orders not paid by invoice (and once paid or cancelled). */
  invoice: v.nullable(OrderInvoice),
  cancelledAt: v.nullable(IsoTime),
  /** Empty while an invoice order waits for its payment. */
  tickets: v.array(TicketView),
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
});
export const OrderSearchResult = v.object({ orders: v.array(OrderSummary), nextCursor: NextCursor });

/** A ticket admitted at the door. Every refusal is an error answer (409 with its reason). */
export const CheckinResult = v.object({
  result: v.literal('admitted'),
  ticket: v.object({ number: v.string(), seatLabel: v.nullable(v.string()), tariffName: v.string(), performanceId: v.string() }),
});

export type Insurer = v.InferOutput<typeof Insurer>;
export type OrderInvoice = v.InferOutput<typeof OrderInvoice>;
export type TicketView = v.InferOutput<typeof TicketView>;
export type OrderView = v.InferOutput<typeof OrderView>;
export type OrderSearchResult = v.InferOutput<typeof OrderSearchResult>;
export type CheckinResult = v.InferOutput<typeof CheckinResult>;
