import * as v from 'valibot';
import { productOrderKinds, productOrderStatuses } from '../vocabulary.js';
import { Amount, BuyerView, Count, Currency, IsoTime, NextCursor } from './shared.js';
import { StripePaymentView } from './orders.js';

/** What the shop sells besides seats: passes and gift vouchers. */
export const ProductCatalog = v.object({
  currency: Currency,
  passes: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      description: v.string(),
      price: Amount,
      covers: v.object({
        allEvents: v.boolean(),
        events: v.array(v.object({ id: v.string(), title: v.string() })),
        performances: v.array(v.object({ id: v.string(), eventId: v.string(), title: v.string(), startsAt: IsoTime })),
        zones: v.array(v.object({ id: v.string(), name: v.string() })),
      }),
      maxPerformances: v.nullable(Count),
      seatsPerPerformance: Count,
      validUntil: v.nullable(IsoTime),
    }),
  ),
  vouchers: v.pipe(v.nullable(v.object({ amounts: v.array(Amount), minAmount: v.nullable(Amount), maxAmount: v.nullable(Amount), validityDays: Count })), v.description('Null when the shop sells no gift vouchers; min/max null: no free amount.')),
});

/** A purchase of a voucher or a pass, as its buyer sees it; `code` is there once it is paid. */
export const ProductOrderView = v.object({
  number: v.string(),
  secret: v.string(),
  kind: v.picklist(productOrderKinds),
  status: v.picklist(productOrderStatuses),
  amount: Amount,
  currency: Currency,
  buyer: BuyerView,
  paymentMethod: v.string(),
  recipientName: v.nullable(v.string()),
  code: v.pipe(v.nullable(v.string()), v.description('Grouped for reading ("7KQM-T3WA-…").')),
  createdAt: IsoTime,
  paidAt: v.nullable(IsoTime),
  voucher: v.pipe(v.nullable(v.object({ amount: Amount, expiresAt: v.nullable(IsoTime), expired: v.boolean() })), v.description('A voucher purchase\'s voucher (null for a pass).')),
  stripe: v.pipe(v.nullable(StripePaymentView), v.description('The Stripe payment to complete, while a Stripe purchase waits for it; null otherwise.')),
  /** A pass purchase's pass (null for a voucher). */
  pass: v.nullable(
    v.object({
      productId: v.nullable(v.string()),
      name: v.string(),
      holderName: v.nullable(v.string()),
      maxPerformances: v.nullable(Count),
      seatsPerPerformance: Count,
      validUntil: v.nullable(IsoTime),
    }),
  ),
});

/** A purchase of a pass or voucher, for the organizer. */
export const ProductOrderRow = v.object({
  number: v.string(),
  kind: v.picklist(productOrderKinds),
  status: v.picklist(productOrderStatuses),
  amount: Amount,
  currency: Currency,
  buyerName: v.string(),
  buyerEmail: v.string(),
  recipientName: v.nullable(v.string()),
  passProductId: v.nullable(v.string()),
  paymentMethod: v.string(),
  providerReference: v.nullable(v.string()),
  issuedId: v.pipe(v.nullable(v.string()), v.description('The pass or voucher it issued, once paid.')),
  code: v.nullable(v.string()),
  createdAt: IsoTime,
  paidAt: v.nullable(IsoTime),
});
export const ProductOrderList = v.object({ productOrders: v.array(ProductOrderRow), nextCursor: NextCursor });

export type ProductCatalog = v.InferOutput<typeof ProductCatalog>;
export type ProductOrderView = v.InferOutput<typeof ProductOrderView>;
export type ProductOrderRow = v.InferOutput<typeof ProductOrderRow>;
export type ProductOrderList = v.InferOutput<typeof ProductOrderList>;
