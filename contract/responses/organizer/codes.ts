import * as v from 'valibot';
import { codeStatuses, codeUseStates, discountBases, discountTypes } from '../../vocabulary.js';
import { Amount, Count, Currency, IsoTime, NextCursor } from '../shared.js';

export const PromoCodeView = v.object({
  id: v.string(),
  code: v.string(),
  name: v.string(),
  discountType: v.picklist(discountTypes),
  discountValue: v.number(),
  per: v.picklist(discountBases),
  eventIds: v.array(v.string()),
  performanceIds: v.array(v.string()),
  zoneIds: v.array(v.string()),
  tariffIds: v.array(v.string()),
  unlockTariffIds: v.pipe(v.array(v.string()), v.description('Hidden tariffs the code makes available.')),
  validFrom: v.nullable(IsoTime),
  validUntil: v.nullable(IsoTime),
  maxUses: v.nullable(Count),
  maxTicketsPerOrder: v.nullable(Count),
  minTickets: Count,
  active: v.boolean(),
  uses: v.pipe(v.object({ live: Count, used: Count, held: Count }), v.description('Uses that count (used, or held by a live cart).')),
  remainingUses: v.nullable(Count),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
/** A promo code just written, with what the organizer should know (e.g. a code short enough to be guessed). */
export const PromoCodeWritten = v.object({ ...PromoCodeView.entries, warnings: v.array(v.object({ code: v.literal('short_promo_code'), message: v.string() })) });
export const PromoCodeList = v.object({ promoCodes: v.array(PromoCodeView), nextCursor: NextCursor });

export const PassProductView = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  price: Amount,
  eventIds: v.array(v.string()),
  performanceIds: v.array(v.string()),
  zoneIds: v.array(v.string()),
  maxPerformances: v.nullable(Count),
  seatsPerPerformance: Count,
  validUntil: v.nullable(IsoTime),
  onSale: v.boolean(),
  passesIssued: v.pipe(v.optional(Count), v.description('In lists only: passes issued or sold of this product.')),
  createdAt: IsoTime,
});
export const PassProductList = v.object({ passProducts: v.array(PassProductView) });

export const PassView = v.object({
  id: v.string(),
  productId: v.string(),
  productName: v.nullable(v.string()),
  code: v.string(),
  holderName: v.string(),
  holderEmail: v.nullable(v.string()),
  status: v.picklist(codeStatuses),
  validUntil: v.nullable(IsoTime),
  source: v.picklist(['sold', 'issued']),
  maxPerformances: v.nullable(Count),
  seatsPerPerformance: v.nullable(Count),
  usage: v.object({ performancesUsed: Count, seatsUsed: Count, perPerformance: v.array(v.object({ performanceId: v.string(), seats: Count })) }),
  createdAt: IsoTime,
});
export const PassList = v.object({ passes: v.array(PassView), nextCursor: NextCursor });

export const VoucherView = v.object({
  id: v.string(),
  code: v.string(),
  initialAmount: Amount,
  currency: Currency,
  balance: Amount,
  redeemed: Amount,
  expiresAt: v.nullable(IsoTime),
  status: v.picklist([...codeStatuses, 'expired']),
  source: v.picklist(['sold', 'issued', 'refund']),
  note: v.string(),
  createdAt: IsoTime,
});
export const VoucherList = v.object({ vouchers: v.array(VoucherView), nextCursor: NextCursor });
export const VoucherDetail = v.object({
  ...VoucherView.entries,
  redemptions: v.array(v.object({ id: v.string(), state: v.picklist(codeUseStates), amount: Amount, orderNumber: v.nullable(v.string()), performanceId: v.string(), createdAt: IsoTime })),
});

export type PromoCodeView = v.InferOutput<typeof PromoCodeView>;
export type PromoCodeWritten = v.InferOutput<typeof PromoCodeWritten>;
export type PromoCodeList = v.InferOutput<typeof PromoCodeList>;
export type PassProductView = v.InferOutput<typeof PassProductView>;
export type PassProductList = v.InferOutput<typeof PassProductList>;
export type PassView = v.InferOutput<typeof PassView>;
export type PassList = v.InferOutput<typeof PassList>;
export type VoucherView = v.InferOutput<typeof VoucherView>;
export type VoucherList = v.InferOutput<typeof VoucherList>;
export type VoucherDetail = v.InferOutput<typeof VoucherDetail>;
