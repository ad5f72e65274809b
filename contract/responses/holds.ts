import * as v from 'valibot';
import { codeKinds, holdStatuses } from '../vocabulary.js';
import { Amount, Count, IsoTime, OrderLine, PublicTariff, SeatPlace, VoucherPayment } from './shared.js';

/** What a code typed into the cart does to the order, as the pricing decided. */
export const HoldCode = v.object({
  /** Normalized (upper case, no spaces or dashes). */
  code: v.string(),
  kind: v.picklist(codeKinds),
  /** False: it stays on the hold but does nothing now (see `reason`); it may apply after a change. */
  applied: v.boolean(),
  /** 'minimum_not_reached', 'not_valid_for_selection', 'pass_used_up', 'nothing_to_pay', or null. */
  reason: v.nullable(v.string()),
  /** Tickets it discounted (promo) or booked (pass). */
  tickets: Count,
  /** Discount given, value booked by the pass, or amount the voucher pays. */
  amount: Amount,
  /** Vouchers: the balance left after this order. */
  balanceAfter: v.optional(Amount),
  /** Promo `minimum_not_reached`: the minimum number of tickets. */
  minTickets: v.optional(Count),
});

/** Cancellation insurance offered with a hold: what opting in costs. */
export const InsuranceOffer = v.object({
  premium: Amount,
  /** Per ticket, in the order of the hold's tickets. */
  perTicket: v.array(Amount),
  total: Amount,
  vouchers: v.array(VoucherPayment),
  paidByVouchers: Amount,
  amountDue: Amount,
  insurerName: v.string(),
  termsUrl: v.nullable(v.string()),
  contact: v.nullable(v.string()),
});

/** The buyer's cart: what is held, priced, and until when. The id is the buyer's capability. */
export const HoldView = v.object({
  id: v.string(),
  performanceId: v.string(),
  status: v.picklist(holdStatuses),
  expiresAt: IsoTime,
  maxExpiresAt: IsoTime,
  secondsLeft: Count,
  /** `label` is English; `seat` has the parts to write it in the buyer's language. */
  seats: v.array(v.object({ seatId: v.number(), label: v.string(), seat: v.nullable(SeatPlace), tariffId: v.string(), price: Amount })),
  quantities: v.array(v.object({ tariffId: v.string(), quantity: Count, price: Amount })),
  currency: v.string(),
  lines: v.array(OrderLine),
  ticketCount: Count,
  subtotal: Amount,
  /** Promo and pass reductions (a positive amount). */
  discount: Amount,
  fees: Amount,
  total: Amount,
  /** Codes typed into the cart, in the order they were applied. */
  codes: v.array(HoldCode),
  /** Gift vouchers paying this order. */
  vouchers: v.array(VoucherPayment),
  paidByVouchers: Amount,
  /** What is left to pay by card or invoice; 0 checks out with the method `free`. */
  amountDue: Amount,
  /** Hidden tariffs a code on this hold made available. */
  unlockedTariffs: v.array(PublicTariff),
  /** Null when the shop offers no cancellation insurance. */
  insurance: v.nullable(InsuranceOffer),
});

/** What removing an unlocking promo code did to tickets on the tariffs it had unlocked. */
export const RevertedTariffs = v.object({
  /** Seats moved to their zone's first public tariff (toTariffId null: the seat left the hold). */
  seats: v.array(v.object({ seatId: v.number(), fromTariffId: v.string(), toTariffId: v.nullable(v.string()) })),
  /** General-admission quantities dropped from the hold. */
  quantities: v.array(v.object({ tariffId: v.string(), quantity: Count })),
});

export const HoldWithoutCode = v.object({ ...HoldView.entries, reverted: RevertedTariffs });

/** A released hold: its id and the status it ended in. */
export const ReleasedHold = v.object({ id: v.string(), status: v.picklist(holdStatuses) });

export type HoldCode = v.InferOutput<typeof HoldCode>;
export type InsuranceOffer = v.InferOutput<typeof InsuranceOffer>;
export type HoldView = v.InferOutput<typeof HoldView>;
export type RevertedTariffs = v.InferOutput<typeof RevertedTariffs>;
export type HoldWithoutCode = v.InferOutput<typeof HoldWithoutCode>;
export type ReleasedHold = v.InferOutput<typeof ReleasedHold>;
