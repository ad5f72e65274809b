import * as v from 'valibot';
import { ticketStatuses } from '../vocabulary.js';
import { seatFlagNames } from '../seat-flags.js';
import { Amount, Count, EventRef, IsoTime, PriceZone, PublicTariff, SalesClosedReason, SeatPlace, Seating } from './shared.js';

/** Why a ticket cannot be exchanged (null while it can). */
export const ticketRefusals = ['exchange_not_offered', 'exchange_deadline_passed', 'ticket_not_valid', 'ticket_admitted', 'order_not_paid'] as const;

/** Which ticket, for which performance, seat and tariff: shared by the exchange's views. */
const ticketEntries = {
  number: v.string(),
  performanceId: v.string(),
  startsAt: IsoTime,
  seatId: v.nullable(v.number()),
  seatLabel: v.nullable(v.string()),
  seat: v.nullable(SeatPlace),
  tariffId: v.string(),
  tariffName: v.string(),
};

/** A ticket of an order as the exchange sees it: when, what it cost, until when it can be exchanged. */
export const ExchangeTicket = v.object({
  ...ticketEntries,
  pricePaid: v.pipe(Amount, v.description('What the ticket cost (price net of discount).')),
  status: v.picklist(ticketStatuses),
  deadline: v.pipe(IsoTime, v.description('The last moment to exchange it online.')),
  exchangeable: v.boolean(),
  reason: v.nullable(v.picklist(ticketRefusals)),
  reasonMessage: v.nullable(v.string()),
});

/** Another performance of the event a ticket can move to. */
export const ExchangeTarget = v.object({
  id: v.string(),
  startsAt: IsoTime,
  seating: Seating,
  planId: v.nullable(v.string()),
  onSale: v.boolean(),
  salesClosedReason: v.nullable(SalesClosedReason),
  zones: v.array(PriceZone),
  tariffs: v.array(PublicTariff),
});

export const ExchangeOptions = v.object({
  orderNumber: v.string(),
  currency: v.string(),
  event: EventRef,
  enabled: v.boolean(),
  fee: Amount,
  refundsDifference: v.boolean(),
  deadlineHours: Count,
  tickets: v.array(ExchangeTicket),
  targets: v.array(ExchangeTarget),
});

/** What an exchange costs: the difference (negative when cheaper), the fee, what to pay now. */
export const ExchangeQuote = v.object({
  currency: v.string(),
  difference: Amount,
  fee: Amount,
  amountToPay: Amount,
  refundDue: Amount,
  refundsDifference: v.boolean(),
  tariff: v.object({ id: v.string(), name: v.string(), price: Amount }),
  seat: v.nullable(v.object({ id: v.number(), label: v.string(), ...SeatPlace.entries })),
});

export const ExchangeResult = v.object({
  exchange: v.object({
    id: v.string(),
    oldTicketNumber: v.string(),
    newTicketNumber: v.string(),
    fromPerformanceId: v.string(),
    toPerformanceId: v.string(),
    currency: v.string(),
    difference: Amount,
    fee: Amount,
    amountCharged: Amount,
    refundDue: Amount,
    paymentMethod: v.string(),
    createdAt: IsoTime,
  }),
  ticket: v.object({
    ...ticketEntries,
    price: Amount,
    status: v.literal('valid'),
    qrPayload: v.string(),
  }),
  oldTicket: v.object({ number: v.string(), status: v.literal('exchanged') }),
});

/** Free seats of a performance a ticket can move to, for the counter's list (box office). */
export const ExchangeSeatList = v.object({
  performanceId: v.string(),
  seats: v.array(v.object({ id: v.number(), zoneId: v.string(), ...SeatPlace.entries, flags: v.array(v.picklist(seatFlagNames)) })),
  truncated: v.pipe(v.boolean(), v.description('More seats are free than listed (2000): ask for one zone.')),
});

export type ExchangeSeatList = v.InferOutput<typeof ExchangeSeatList>;
export type ExchangeTicket = v.InferOutput<typeof ExchangeTicket>;
export type ExchangeTarget = v.InferOutput<typeof ExchangeTarget>;
export type ExchangeOptions = v.InferOutput<typeof ExchangeOptions>;
export type ExchangeQuote = v.InferOutput<typeof ExchangeQuote>;
export type ExchangeResult = v.InferOutput<typeof ExchangeResult>;
