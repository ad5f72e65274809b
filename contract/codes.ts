import * as v from 'valibot';
import { discountBases, discountTypes, productOrderStatuses } from './vocabulary.js';
import { isWellFormedCode, MIN_SECRET_CODE_LENGTH, normalizeCode } from './code-format.js';
import { Buyer, PaymentIntentId } from './storefront.js';
import { Email, Locale, Money, Name, OrderNumber, OrderSecret, RecordId, Text } from './common.js';

const Int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** A code as the organizer types it; stored normalized (upper case, no spaces or dashes). */
export const TypedCode = v.pipe(
  v.string(),
  v.maxLength(64),
  v.transform(normalizeCode),
  v.check(isWellFormedCode, 'must be 3 to 32 letters and digits (spaces and dashes are ignored), such as BIENVENUE'),
);

/** A code chosen for a pass or a voucher: long enough not to be guessed (they are bearer money). */
const SecretCode = v.pipe(
  TypedCode,
  v.minLength(MIN_SECRET_CODE_LENGTH, `must have at least ${MIN_SECRET_CODE_LENGTH} letters and digits (spaces and dashes are ignored): a pass or voucher code is as good as money, so it must not be guessable. Leave it out to get a generated one`),
);

/** An instant as ISO 8601 with a time zone (e.g. 2026-12-01T00:00:00Z), turned into UTC ms. */
const IsoInstant = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO 8601 instant such as 2026-12-01T00:00:00Z'),
  v.transform((iso) => Date.parse(iso)),
  v.check((ms) => Number.isFinite(ms), 'must be a real date'),
);

/** Up to 50 ids (a D1 statement binds at most 100 parameters, and the shop id is one). */
const IdList = v.pipe(v.array(RecordId), v.maxLength(50), v.transform((ids) => [...new Set(ids)]));

const promoFields = {
  /** The organizer's name for it, never shown to buyers; defaults to the code. */
  name: v.optional(Name(200)),
  discountType: v.picklist(discountTypes),
  /** Whole percent for `percent`, minor units for `amount`, 0 (or omitted) for `none`. */
  discountValue: v.optional(Int(0, 100_000_000), 0),
  per: v.optional(v.picklist(discountBases), 'ticket'),
  eventIds: v.optional(IdList, []),
  performanceIds: v.optional(IdList, []),
  zoneIds: v.optional(IdList, []),
  tariffIds: v.optional(IdList, []),
  unlockTariffIds: v.optional(IdList, []),
  validFrom: v.optional(v.nullable(IsoInstant), null),
  validUntil: v.optional(v.nullable(IsoInstant), null),
  maxUses: v.optional(v.nullable(Int(1, 10_000_000)), null),
  maxTicketsPerOrder: v.optional(v.nullable(Int(1, 1000)), null),
  minTickets: v.optional(Int(1, 1000), 1),
  active: v.optional(v.boolean(), true),
};

export const PromoCodeBody = v.object({ code: v.optional(TypedCode), ...promoFields });
export type PromoCodeInput = v.InferOutput<typeof PromoCodeBody>;
export type PromoCodeRequest = v.InferInput<typeof PromoCodeBody>;

/** Every field may change; the code text only while nobody has used it. */
export const PromoCodePatch = v.object({
  code: v.optional(TypedCode),
  name: v.optional(Name(200)),
  discountType: v.optional(v.picklist(discountTypes)),
  discountValue: v.optional(Int(0, 100_000_000)),
  per: v.optional(v.picklist(discountBases)),
  eventIds: v.optional(IdList),
  performanceIds: v.optional(IdList),
  zoneIds: v.optional(IdList),
  tariffIds: v.optional(IdList),
  unlockTariffIds: v.optional(IdList),
  validFrom: v.optional(v.nullable(IsoInstant)),
  validUntil: v.optional(v.nullable(IsoInstant)),
  maxUses: v.optional(v.nullable(Int(1, 10_000_000))),
  maxTicketsPerOrder: v.optional(v.nullable(Int(1, 1000))),
  minTickets: v.optional(Int(1, 1000)),
  active: v.optional(v.boolean()),
});
export type PromoCodePatch = v.InferOutput<typeof PromoCodePatch>;

export const PassProductBody = v.object({
  name: Name(120),
  description: v.optional(Text(2000), ''),
  price: Money,
  eventIds: v.optional(IdList, []),
  performanceIds: v.optional(IdList, []),
  zoneIds: v.optional(IdList, []),
  maxPerformances: v.optional(v.nullable(Int(1, 1000)), null),
  seatsPerPerformance: v.optional(Int(1, 20), 1),
  validUntil: v.optional(v.nullable(IsoInstant), null),
  onSale: v.optional(v.boolean(), true),
});
export const PassProductPatch = v.object({
  name: v.optional(Name(120)),
  description: v.optional(Text(2000)),
  price: v.optional(Money),
  eventIds: v.optional(IdList),
  performanceIds: v.optional(IdList),
  zoneIds: v.optional(IdList),
  maxPerformances: v.optional(v.nullable(Int(1, 1000))),
  seatsPerPerformance: v.optional(Int(1, 20)),
  validUntil: v.optional(v.nullable(IsoInstant)),
  onSale: v.optional(v.boolean()),
});

/** A pass issued by the organizer (box office sale or gift). */
export const IssuePassBody = v.object({
  productId: RecordId,
  holderName: Name(120),
  holderEmail: v.optional(v.nullable(Email), null),
  code: v.optional(SecretCode),
  /** Omitted: the product's validity. */
  validUntil: v.optional(v.nullable(IsoInstant)),
  /** With holderEmail the holder gets the code by e-mail, in this language (default: the shop's). */
  language: v.optional(Locale),
  notifyHolder: v.optional(v.boolean(), true),
});
export type IssuePassInput = v.InferOutput<typeof IssuePassBody>;
export type IssuePassRequest = v.InferInput<typeof IssuePassBody>;

export const PassPatch = v.object({
  status: v.optional(v.literal('cancelled')),
  holderName: v.optional(Name(120)),
  holderEmail: v.optional(v.nullable(Email)),
});

export const IssueVoucherBody = v.pipe(
  v.object({
    amount: v.pipe(Money, v.minValue(1, 'must be at least 1 (minor units)')),
    /** Omitted: the shop's voucher validity from now; null: it never expires. */
    expiresAt: v.optional(v.nullable(IsoInstant)),
    note: v.optional(Text(500), ''),
    code: v.optional(SecretCode),
    /** With recipientEmail the recipient gets the code by e-mail, in this language (default: the shop's). */
    recipientName: v.optional(Name(120)),
    recipientEmail: v.optional(Email),
    language: v.optional(Locale),
  }),
  v.check((body) => body.recipientEmail === undefined || body.recipientName !== undefined, 'recipientEmail needs recipientName (the e-mail greets them)'),
);
export type IssueVoucherInput = v.InferOutput<typeof IssueVoucherBody>;
export type IssueVoucherRequest = v.InferInput<typeof IssueVoucherBody>;

export const VoucherPatch = v.object({
  status: v.optional(v.literal('cancelled')),
  note: v.optional(Text(500)),
});

const QueryInt = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d{1,16}$/, 'must be a whole number'), v.transform(Number), v.minValue(min), v.maxValue(max));

/** Newest first; the cursor is the nextCursor of the previous page. */
export const CodePageQuery = v.object({
  limit: v.optional(QueryInt(1, 200), '50'),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,16}\.[a-z]{2,4}_[a-z0-9]{4,40}$/, 'must be the nextCursor of a previous page'))),
});
export type CodePageInput = v.InferOutput<typeof CodePageQuery>;

/** A list of promo codes, passes or vouchers; with `code`, only the one with that code (as typed: case, spaces and dashes ignored). */
export const CodeListQuery = v.object({ ...CodePageQuery.entries, code: v.optional(TypedCode) });
export type CodeListInput = v.InferOutput<typeof CodeListQuery>;

export const PassListQuery = v.object({ ...CodeListQuery.entries, productId: v.optional(RecordId) });
export const ProductOrderListQuery = v.object({ ...CodePageQuery.entries, status: v.optional(v.picklist(productOrderStatuses)) });

// ---------------------------------------------------------------------------------------
// The shop: buying a pass or a gift voucher.

/** No invoice for passes and vouchers: the code is sent once paid. */
export const ProductPaymentBody = v.variant('method', [
  v.object({ method: v.literal('free') }),
  v.object({
    method: v.literal('simulated_card'),
    cardNumber: v.pipe(v.string(), v.regex(/^[0-9 ]{12,23}$/, 'must be a card number')),
  }),
  /** Through Stripe: the purchase is answered pending with a PaymentIntent (`stripe`) and issued once Stripe confirms it. */
  v.object({ method: v.literal('stripe') }),
]);

export const ProductOrderBody = v.variant('kind', [
  v.object({
    kind: v.literal('voucher'),
    /** Minor units: one of the shop's amounts or a free amount in its range. */
    amount: Money,
    recipientName: v.optional(Name(120)),
    buyer: Buyer,
    payment: ProductPaymentBody,
  }),
  v.object({
    kind: v.literal('pass'),
    passProductId: RecordId,
    holderName: Name(120),
    buyer: Buyer,
    payment: ProductPaymentBody,
  }),
]);
export type ProductOrderBody = v.InferOutput<typeof ProductOrderBody>;

/** Paying again for a pending product order (after a declined card). */
export const ProductPaymentRetryBody = v.object({ secret: OrderSecret, payment: ProductPaymentBody });

export const ProductOrderParams = v.object({ shopId: RecordId, number: OrderNumber });

/** The buyer is back from Stripe with the purchase's PaymentIntent. */
export const ProductStripeReturnBody = v.object({ secret: OrderSecret, paymentIntentId: PaymentIntentId });
export const ProductOrderQuery = v.object({ secret: v.optional(OrderSecret) });
