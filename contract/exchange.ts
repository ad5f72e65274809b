import * as v from 'valibot';
import { Money, OrderNumber, OrderSecret, RecordId, SeatId } from './common.js';

/** A ticket number as printed, e.g. T7QX-M2K9-4HDA. */
export const TicketNumber = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^T[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'must be a ticket number such as T7QX-M2K9-4HDA'));

/** The buyer's link carries the order's secret (?secret=), as on the order page. */
export const ExchangeSecretQuery = v.object({ secret: OrderSecret });

/** The choice to price: which ticket, to which performance, which seat (seated) or tariff. */
const ExchangeChoice = {
  ticketNumber: TicketNumber,
  performanceId: RecordId,
  /** Seated performances: the new seat. */
  seatId: v.optional(SeatId),
  /** General admission: required. Seated: optional, default the zone's first public tariff. */
  tariffId: v.optional(RecordId),
};

export const ExchangeQuoteQuery = v.object({
  secret: OrderSecret,
  ticketNumber: TicketNumber,
  performanceId: RecordId,
  seatId: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{1,10}$/, 'must be a seat id'), v.transform(Number), SeatId)),
  tariffId: v.optional(RecordId),
});

const Flag = v.optional(v.pipe(v.picklist(['true', 'false']), v.transform((value) => value === 'true')));

/** Box office: the same choice, and whether staff pass the deadline or waive the fee. */
export const BoxOfficeQuoteQuery = v.object({
  ticketNumber: TicketNumber,
  performanceId: RecordId,
  seatId: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{1,10}$/, 'must be a seat id'), v.transform(Number), SeatId)),
  tariffId: v.optional(RecordId),
  ignoreDeadline: Flag,
  waiveFee: Flag,
});

export const BuyerExchangeBody = v.object({
  ...ExchangeChoice,
  /** The amount the buyer was shown (minor units); if the quote changed meanwhile, nothing happens (409 quote_changed). */
  expectedAmount: Money,
  /** Needed when the amount is above 0 (the simulated card in test mode). */
  payment: v.optional(
    v.variant('method', [
      v.object({ method: v.literal('simulated_card'), cardNumber: v.pipe(v.string(), v.regex(/^[0-9 ]{12,23}$/, 'must be a card number')) }),
      v.object({ method: v.literal('free') }),
    ]),
  ),
});

export const BoxOfficeExchangeBody = v.object({
  ...ExchangeChoice,
  expectedAmount: Money,
  /** What the box office took: recorded, no provider is called. */
  payment: v.optional(v.object({ method: v.picklist(['cash', 'card_terminal', 'none']) })),
  /** Staff may exchange after the online deadline (never after the start). */
  ignoreDeadline: v.optional(v.boolean()),
  waiveFee: v.optional(v.boolean()),
});

export type BuyerExchangeInput = v.InferOutput<typeof BuyerExchangeBody>;
export type BuyerExchangeRequest = v.InferInput<typeof BuyerExchangeBody>;
export type BoxOfficeExchangeInput = v.InferOutput<typeof BoxOfficeExchangeBody>;
export type BoxOfficeExchangeRequest = v.InferInput<typeof BoxOfficeExchangeBody>;

export const ExchangeOrderParams = v.object({ shopId: RecordId, number: OrderNumber });
export const BoxOfficeOrderParams = v.object({ number: OrderNumber });

/** Box office: the free seats of a performance of the order's event, optionally of one price zone. */
export const BoxOfficeSeatsQuery = v.object({ performanceId: RecordId, zoneId: v.optional(RecordId) });
