import * as v from 'valibot';
import { currencies, locales, orderLineKinds } from '../vocabulary.js';

/**
 * Shapes several answers share. Response schemas describe what the API sends, so they check
 * types and formats, never the limits of a request (an old row may exceed today's limit).
 */

/** An instant as the API writes it: `Date.prototype.toISOString()`, always UTC. */
export const IsoTime = v.pipe(v.string(), v.isoTimestamp());
/** An amount in minor units (centimes); negative on discount and pass lines. */
export const Amount = v.pipe(v.number(), v.integer());
/** A count or a non-negative integer setting. */
export const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
export const Currency = v.picklist(currencies);
export const Locale = v.picklist(locales);

/** Why a performance is not on sale (null while it is). */
export const salesClosedReasons = ['event_not_published', 'performance_cancelled', 'sales_not_started', 'sales_ended'] as const;
export const SalesClosedReason = v.picklist(salesClosedReasons);

export const Seating = v.picklist(['seated', 'general_admission']);

/** Where a seat is, in parts, to be written in the reader's language. */
export const SeatPlace = v.object({ section: v.string(), row: v.string(), number: v.string() });

export const PriceZone = v.object({
  id: v.string(),
  code: v.string(),
  name: v.string(),
  color: v.pipe(v.string(), v.description('#rrggbb')),
});

/** A tariff as buyers see it: zoneId null for general admission. */
export const PublicTariff = v.object({ id: v.string(), zoneId: v.nullable(v.string()), name: v.string(), price: Amount });

export const BuyerView = v.object({ name: v.string(), email: v.string(), language: Locale });

export const EventRef = v.object({ id: v.string(), title: v.string() });

/** A priced line of a hold or an order; `label` is English, write lines from kind, tariff and seat instead. */
export const OrderLine = v.object({
  kind: v.picklist(orderLineKinds),
  label: v.string(),
  code: v.pipe(v.optional(v.string()), v.description('The code behind a `discount` or `pass` line.')),
  tariffName: v.pipe(v.optional(v.string()), v.description('A ticket line\'s tariff (absent on orders placed before it was kept).')),
  seat: v.pipe(v.optional(SeatPlace), v.description('A seated ticket line\'s seat.')),
  tariffId: v.nullable(v.string()),
  seatId: v.nullable(v.number()),
  quantity: Count,
  unitAmount: Amount,
  amount: Amount,
});

/** A gift voucher paying (part of) an order. */
export const VoucherPayment = v.object({ code: v.string(), amount: Amount, balanceAfter: Amount });

/** Lists of the organizer API are pages: pass `nextCursor` back as `cursor` for the next one (null: the last page). */
export const NextCursor = v.nullable(v.string());

export type SeatPlace = v.InferOutput<typeof SeatPlace>;
export type PriceZone = v.InferOutput<typeof PriceZone>;
export type PublicTariff = v.InferOutput<typeof PublicTariff>;
export type OrderLine = v.InferOutput<typeof OrderLine>;
export type SalesClosedReason = v.InferOutput<typeof SalesClosedReason>;
