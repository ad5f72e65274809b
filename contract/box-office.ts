import * as v from 'valibot';
import { Email, Locale, Name, RecordId, Text } from './common.js';
import { CreateHoldBody } from './storefront.js';
import { CheckoutAnswers } from './questions.js';

/**
 * Selling at the desk. The desk builds the cart with the storefront's hold operations (by hold
 * id), after creating it here as a desk hold: the desk may sell while online sales are closed
 * and may choose hidden tariffs, never for a cancelled performance or after the performance
 * started plus two hours. Seats, capacities and codes are exactly as online.
 */
export const CreateBoxOfficeHoldBody = CreateHoldBody;
export type CreateBoxOfficeHoldInput = v.InferOutput<typeof CreateBoxOfficeHoldBody>;
export type CreateBoxOfficeHoldRequest = v.InferInput<typeof CreateBoxOfficeHoldBody>;

/** How the desk was paid: recorded, no provider is called. */
export const BoxOfficePayment = v.variant('method', [
  /** Cash handed over; the change is `amountGiven` − total. */
  v.object({ method: v.literal('cash'), amountGiven: v.pipe(v.number(), v.integer('must be in minor units (centimes)'), v.minValue(0), v.maxValue(100_000_000)) }),
  /** Paid on the card terminal; its receipt's reference is kept. */
  v.object({ method: v.literal('terminal'), reference: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(64)) }),
  /** Placed by invoice (needs the buyer's name and e-mail), as online. */
  v.object({ method: v.literal('invoice') }),
  /** Nothing to pay (free tariffs, or paid in full by codes). */
  v.object({ method: v.literal('free') }),
]);

/** The buyer at the desk: all optional; without an e-mail nothing is sent. */
export const BoxOfficeBuyer = v.object({
  name: v.optional(Name(120)),
  email: v.optional(Email),
  /** Default: the shop's language. */
  language: v.optional(Locale),
});

export const BoxOfficeSaleBody = v.object({
  holdId: v.pipe(v.string(), v.regex(/^hld_[a-z0-9]{20,40}$/, 'must be a hold id')),
  payment: BoxOfficePayment,
  buyer: v.optional(BoxOfficeBuyer),
  insured: v.optional(v.boolean()),
  /** With an e-mail, the confirmation with the tickets goes out unless this is false. */
  emailTickets: v.optional(v.boolean()),
  /**
   * The buyer's answers to the event's questions, when the desk asks them: then checked as at an
   * online checkout (required ones included, `answers_invalid`). Left out, the desk sells without.
   */
  answers: v.optional(CheckoutAnswers),
});
export type BoxOfficeSaleInput = v.InferOutput<typeof BoxOfficeSaleBody>;
export type BoxOfficeSaleRequest = v.InferInput<typeof BoxOfficeSaleBody>;

/** A business day, in the shop's time zone. */
export const BusinessDay = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-01'),
  v.check((text) => {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'must be a real date'),
);

/** Tills of a period (business days, both included; at most 400 days); `actorId` one staff member's or token's. */
export const TillListQuery = v.object({
  from: BusinessDay,
  to: BusinessDay,
  actorId: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2,4}_[a-z0-9]{4,40}$/, 'must be a staff member or token id'))),
});
export type TillListInput = v.InferOutput<typeof TillListQuery>;

export const TillExportQuery = v.object({ from: BusinessDay, to: BusinessDay });
export type TillExportInput = v.InferOutput<typeof TillExportQuery>;

export const TillParams = v.object({ tillId: RecordId });

export const CloseTillBody = v.object({
  /** The cash counted in the drawer, in minor units. */
  countedCash: v.pipe(v.number(), v.integer('must be in minor units (centimes)'), v.minValue(0), v.maxValue(100_000_000)),
  note: v.optional(Text(500)),
});
export type CloseTillInput = v.InferOutput<typeof CloseTillBody>;
export type CloseTillRequest = v.InferInput<typeof CloseTillBody>;
