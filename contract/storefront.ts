import * as v from 'valibot';
import { CheckoutAnswers } from './questions.js';
import { Email, HoldId, Locale, Name, OrderNumber, OrderSecret, RecordId, SeatId } from './common.js';

const SeatSelection = v.object({
  seatId: SeatId,
  /** Omitted: the zone's first public tariff. */
  tariffId: v.optional(RecordId),
});

const Quantity = v.object({
  tariffId: RecordId,
  quantity: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
});

/** "Best available": the API picks `quantity` adjacent seats of a zone, the same way for everyone. */
const BestAvailable = v.object({
  zoneId: RecordId,
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
  /** Omitted: the zone's first public tariff. */
  tariffId: v.optional(RecordId),
});

/**
 * A new hold: seats (chosen, or `best` available) for a seated performance, quantities per
 * tariff for general admission.
 */
export const CreateHoldBody = v.pipe(
  v.object({
    performanceId: RecordId,
    seats: v.optional(v.pipe(v.array(SeatSelection), v.maxLength(50))),
    best: v.optional(BestAvailable),
    quantities: v.optional(v.pipe(v.array(Quantity), v.maxLength(20))),
  }),
  v.check(
    (body) => [(body.seats?.length ?? 0) > 0, body.best !== undefined, (body.quantities ?? []).some((q) => q.quantity > 0)].filter(Boolean).length === 1,
    'choose seats, best available seats or quantities (one of them)',
  ),
);

/**
 * A change of a hold, applied as one batch: seats to add and to drop, tariffs to change,
 * and general-admission quantities to set (0 drops a tariff).
 */
export const ChangeHoldBody = v.object({
  addSeats: v.optional(v.pipe(v.array(SeatSelection), v.maxLength(50))),
  addBest: v.optional(BestAvailable),
  removeSeats: v.optional(v.pipe(v.array(SeatId), v.maxLength(50))),
  seatTariffs: v.optional(v.pipe(v.array(v.object({ seatId: SeatId, tariffId: RecordId })), v.maxLength(50))),
  quantities: v.optional(v.pipe(v.array(Quantity), v.maxLength(20))),
});

/** What the services receive (validated, defaults applied) and what a caller sends, for each body. */
export type SeatChoice = v.InferOutput<typeof SeatSelection>;
export type QuantityChoice = v.InferOutput<typeof Quantity>;
export type BestAvailableChoice = v.InferOutput<typeof BestAvailable>;
export type CreateHoldInput = v.InferOutput<typeof CreateHoldBody>;
export type CreateHoldRequest = v.InferInput<typeof CreateHoldBody>;
export type ChangeHoldInput = v.InferOutput<typeof ChangeHoldBody>;
export type ChangeHoldRequest = v.InferInput<typeof ChangeHoldBody>;

export const HoldParams = v.object({ shopId: RecordId, holdId: HoldId });
export const PerformanceParams = v.object({ shopId: RecordId, performanceId: RecordId });
export const EventParams = v.object({ shopId: RecordId, eventId: RecordId });
export const PlanParams = v.object({ shopId: RecordId, planId: RecordId });
export const OrderParams = v.object({ shopId: RecordId, number: OrderNumber });

/** The language of an event's texts (title, subtitle, description); left out or untranslated: the shop's default. */
export const CatalogQuery = v.object({ lang: v.optional(Locale) });

export const AvailabilityQuery = v.object({ since: v.optional(v.pipe(v.string(), v.maxLength(40))) });

export const paymentMethods = ['free', 'simulated_card', 'invoice', 'stripe'] as const;

export const Buyer = v.object({
  name: Name(120),
  email: Email,
  language: Locale,
});

export const PaymentBody = v.variant('method', [
  v.object({ method: v.literal('free') }),
  v.object({
    method: v.literal('simulated_card'),
    /** Test card numbers: see worker/src/payments/simulated-card.ts. */
    cardNumber: v.pipe(v.string(), v.regex(/^[0-9 ]{12,23}$/, 'must be a card number')),
  }),
  /** Pay by invoice: offered when the shop enables it and the performance is far enough away. */
  v.object({ method: v.literal('invoice') }),
  /**
   * Card, TWINT, Apple Pay, Google Pay through Stripe: the order is answered pending with a
   * PaymentIntent (`stripe`) for the Payment Element; it is paid once Stripe confirms it.
   */
  v.object({ method: v.literal('stripe') }),
  /**
   * On the reseller's account: only for a hold made with a reseller's token (and that token
   * again at checkout); the reseller collects the money and owes it, less its commission.
   */
  v.object({ method: v.literal('reseller') }),
]);

export const CheckoutBody = v.object({
  buyer: Buyer,
  payment: PaymentBody,
  /** Cancellation insurance: opted in by the buyer, never pre-ticked; refused when the shop offers none. */
  insured: v.optional(v.boolean()),
  /** Answers to the event's questions (listPerformanceQuestions), checked by `checkAnswers`. */
  answers: v.optional(CheckoutAnswers),
});

export type CheckoutInput = v.InferOutput<typeof CheckoutBody>;

/** A Stripe PaymentIntent id, as Stripe.js hands it back after the buyer confirmed. */
export const PaymentIntentId = v.pipe(v.string(), v.regex(/^pi_[A-Za-z0-9]{1,250}$/, 'must be a PaymentIntent id (pi_…)'));

/** The buyer is back from Stripe (after Stripe.js confirmed, 3-D Secure or an app switch): settle this payment. */
export const StripeReturnBody = v.object({ paymentIntentId: PaymentIntentId });
export type StripeReturnRequest = v.InferInput<typeof StripeReturnBody>;
export type CheckoutRequest = v.InferInput<typeof CheckoutBody>;

/** A code as typed by the buyer (promo code, pass or gift voucher); spaces and dashes are ignored. */
const TypedCode = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(64));

export const ApplyCodeBody = v.object({ code: TypedCode });
export type ApplyCodeRequest = v.InferInput<typeof ApplyCodeBody>;
export const HoldCodeParams = v.object({ shopId: RecordId, holdId: HoldId, code: TypedCode });

export const OrderSecretQuery = v.object({ secret: v.optional(OrderSecret) });

/** The calendar link of the order page carries the order's secret. */
export const OrderCalendarQuery = v.object({ secret: OrderSecret });

/** The buyer asks for the order's e-mail again: the secret proves it is their order. */
export const ResendOrderEmailBody = v.object({ secret: OrderSecret });

/** The invoice download link of the e-mails carries the order's secret. */
export const InvoicePdfQuery = v.object({ secret: OrderSecret });
