import * as v from 'valibot';
import { codeKinds, holdStatuses } from '../vocabulary.js';
import { Amount, Count, IsoTime, OrderLine, PublicTariff, SeatPlace, VoucherPayment } from './shared.js';

/** What a code typed into the cart does to the order, as the pricing decided. */
export const HoldCode = v.object({
  code: v.pipe(v.string(), v.description('Normalized (upper case, no spaces or dashes).')),
  kind: v.picklist(codeKinds),
  applied: v.pipe(v.boolean(), v.description('False: it stays on the hold but does nothing now (see `reason`); it may apply after a change.')),
  reason: v.pipe(v.nullable(v.string()), v.description('\'minimum_not_reached\', \'not_valid_for_selection\', \'pass_used_up\', \'nothing_to_pay\', or null.')),
  tickets: v.pipe(Count, v.description('Tickets it discounted (promo) or booked (pass).')),
  amount: v.pipe(Amount, v.description('Discount given, value booked by the pass, or amount the voucher pays.')),
  balanceAfter: v.pipe(v.optional(Amount), v.description('Vouchers: the balance left after this order.')),
  minTickets: v.pipe(v.optional(Count), v.description('Promo `minimum_not_reached`: the minimum number of tickets.')),
});

/** Cancellation insurance offered with a hold: what opting in costs. */
export const InsuranceOffer = v.object({
  premium: Amount,
  perTicket: v.pipe(v.array(Amount), v.description('Per ticket, in the order of the hold\'s tickets.')),
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
  seats: v.pipe(v.array(v.object({ seatId: v.number(), label: v.string(), seat: v.nullable(SeatPlace), tariffId: v.string(), price: Amount })), v.description('`label` is English; `seat` has the parts to write it in the buyer\'s language.')),
  quantities: v.array(v.object({ tariffId: v.string(), quantity: Count, price: Amount })),
  currency: v.string(),
  lines: v.array(OrderLine),
  ticketCount: Count,
  subtotal: Amount,
  discount: v.pipe(Amount, v.description('Promo and pass reductions (a positive amount).')),
  fees: Amount,
  total: Amount,
  codes: v.pipe(v.array(HoldCode), v.description('Codes typed into the cart, in the order they were applied.')),
  vouchers: v.pipe(v.array(VoucherPayment), v.description('Gift vouchers paying this order.')),
  paidByVouchers: Amount,
  amountDue: v.pipe(Amount, v.description('What is left to pay by card or invoice; 0 checks out with the method `free`.')),
  unlockedTariffs: v.pipe(v.array(PublicTariff), v.description('Hidden tariffs a code on this hold made available.')),
  insurance: v.pipe(v.nullable(InsuranceOffer), v.description('Null when the shop offers no cancellation insurance.')),
});

/** What removing an unlocking promo code did to tickets on the tariffs it had unlocked. */
export const RevertedTariffs = v.object({
  seats: v.pipe(v.array(v.object({ seatId: v.number(), fromTariffId: v.string(), toTariffId: v.nullable(v.string()) })), v.description('Seats moved to their zone\'s first public tariff (toTariffId null: the seat left the hold).')),
  quantities: v.pipe(v.array(v.object({ tariffId: v.string(), quantity: Count })), v.description('General-admission quantities dropped from the hold.')),
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
