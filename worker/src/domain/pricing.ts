import type { OrderLineRecord, SeatPlace, TicketPriceRecord } from '../../../db/schema/orders.js';

/**
 * The one pricing function. Everything an order costs is computed here, from what the hold
 * owns and the codes applied to it, in integer minor units; no I/O. Services decide which
 * codes are usable at all (unknown, expired, used up, not for this performance); this
 * function decides what each usable code does to these tickets.
 *
 * Order of application, each step on what the previous ones left:
 *  1. passes book tickets at zero price (most expensive tickets first, passes by id);
 *  2. the promo code (at most one) discounts the remaining tickets in its scope;
 *  3. the service fee is charged per ticket that still costs something;
 *  4. cancellation insurance, when opted in, per ticket that still costs something;
 *  5. gift vouchers pay the total, earliest expiry first, each up to its balance.
 * Sorting every code by a fixed key makes the result independent of the order in which
 * the buyer typed them.
 *
 * Rounding: percentages round half up to the minor unit. A per-ticket percentage rounds each
 * ticket; a per-order percentage rounds once on the order and is then shared over the tickets
 * by the largest-remainder method, so the tickets' shares add up to exactly the order's
 * discount. Insurance rounds per ticket. No step ever creates or loses a minor unit: the
 * total is always the sum of the lines.
 */

/** One priced unit of a hold: a seat, or a general-admission quantity of one tariff. */
export interface HoldItem {
  tariffId: string;
  tariffName: string;
  /** The seat's price zone; null for general admission. */
  zoneId: string | null;
  unitPrice: number;
  quantity: number;
  seatId: number | null;
  seatLabel: string | null;
  /** The seat's section, row and number, for labels in the buyer's language (absent where only the pricing reads the item). */
  seat?: SeatPlace | null;
}

export interface PromoOffer {
  id: string;
  code: string;
  discountType: 'percent' | 'amount' | 'none';
  /** Whole percent for `percent`, minor units for `amount`. */
  discountValue: number;
  per: 'ticket' | 'order';
  /** Scope; an empty list means all. Event and performance are the hold's. */
  eventIds: readonly string[];
  performanceIds: readonly string[];
  zoneIds: readonly string[];
  tariffIds: readonly string[];
  minTickets: number;
  maxTicketsPerOrder: number | null;
}

export interface PassOffer {
  id: string;
  code: string;
  /** Zones it covers; empty: all. */
  zoneIds: readonly string[];
  /** Seats it may still book on this performance (its per-performance limit minus other live uses). */
  seatsLeft: number;
}

export interface VoucherOffer {
  id: string;
  code: string;
  /** Balance left for this order (initial amount minus other live redemptions). */
  balance: number;
  expiresAt: number | null;
}

export interface InsuranceTerms {
  /** Premium per ticket in basis points of what the ticket costs (600 = 6 %). */
  rateBasisPoints: number;
  /** The least premium per insured ticket. */
  minimumPremium: number;
}

export interface PricingPolicy {
  currency: string;
  /** Charged once per ticket that costs something; free tickets carry no fee. */
  serviceFeePerTicket: number;
  /** Null when the shop offers no insurance. */
  insurance?: InsuranceTerms | null;
}

export interface PricingInput {
  eventId: string;
  performanceId: string;
  items: readonly HoldItem[];
  promo?: PromoOffer | null;
  passes?: readonly PassOffer[];
  vouchers?: readonly VoucherOffer[];
  /** The buyer opted in to cancellation insurance. */
  insured?: boolean;
}

export type CodeRefusal = 'minimum_not_reached' | 'not_valid_for_selection' | 'pass_used_up' | 'nothing_to_pay';

/** What a code did to this order, for the cart to say. */
export interface CodeOutcome {
  code: string;
  kind: 'promo' | 'pass' | 'voucher';
  id: string;
  applied: boolean;
  /** Why it does nothing to this order (it stays on the hold and may apply after a change). */
  reason: CodeRefusal | null;
  /** Tickets it discounted or booked. */
  tickets: number;
  /** Discount given, value booked by the pass, or amount the voucher pays. */
  amount: number;
  /** Vouchers: the balance that will be left. */
  balanceAfter?: number;
  /** Promo `minimum_not_reached`: the minimum number of eligible tickets. */
  minTickets?: number;
}

/** One ticket of the order, in the order of the items, with what it costs (stored on invoices as is). */
export type TicketPrice = TicketPriceRecord;

export interface VoucherPayment {
  id: string;
  code: string;
  amount: number;
  balanceAfter: number;
}

export interface PricedOrder {
  currency: string;
  lines: OrderLineRecord[];
  tickets: TicketPrice[];
  ticketCount: number;
  /** Sum of the tickets' list prices. */
  subtotal: number;
  /** Promo and pass reductions, as a positive amount. */
  discount: number;
  fees: number;
  insurance: number;
  /** subtotal − discount + fees + insurance; what the order is worth. */
  total: number;
  vouchers: VoucherPayment[];
  paidByVouchers: number;
  /** What is left to pay by card, invoice or at the counter. */
  amountDue: number;
  codes: CodeOutcome[];
}

/** round(numerator / denominator), halves up, for non-negative integers. */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The insurance premium of one ticket that costs `netPrice`. */
export function insurancePremium(netPrice: number, terms: InsuranceTerms): number {
  if (netPrice <= 0) return 0;
  return Math.max(terms.minimumPremium, roundHalfUp(netPrice * terms.rateBasisPoints, 10_000));
}

/**
 * Shares `total` over `weights` in proportion (largest remainder, ties to the earlier one),
 * never giving a share more than its weight. Requires total ≤ sum(weights).
 */
export function shareByLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = weights
    .map((w, i) => ({ i, remainder: (total * w) % sum }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    if (shares[i]! < weights[i]!) {
      shares[i]! += 1;
      left -= 1;
    }
  }
  return shares;
}

const inScope = (list: readonly string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));

interface Unit extends TicketPrice {
  zoneId: string | null;
  order: number;
}

export function priceOrder(input: PricingInput, policy: PricingPolicy): PricedOrder {
  const units: Unit[] = [];
  input.items.forEach((item, itemIndex) => {
    for (let n = 0; n < item.quantity; n++) {
      units.push({
        itemIndex,
        order: units.length,
        seatId: item.seatId,
        tariffId: item.tariffId,
        zoneId: item.zoneId,
        listPrice: item.unitPrice,
        discount: 0,
        passId: null,
        promoId: null,
        netPrice: item.unitPrice,
        fee: 0,
        insurancePremium: 0,
      });
    }
  });
  // Most expensive first, then as listed: passes and limited promos favour the buyer.
  const byValue = [...units].sort((a, b) => b.listPrice - a.listPrice || a.order - b.order);
  const outcomes: CodeOutcome[] = [];
  const codeLines: OrderLineRecord[] = [];

  for (const pass of [...(input.passes ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const covered = byValue.filter((u) => u.passId === null && inScope(pass.zoneIds, u.zoneId)).slice(0, Math.max(0, pass.seatsLeft));
    for (const unit of covered) {
      unit.passId = pass.id;
      unit.discount = unit.listPrice;
      unit.netPrice = 0;
    }
    const amount = covered.reduce((sum, u) => sum + u.listPrice, 0);
    const reason: CodeRefusal | null = covered.length > 0 ? null : pass.seatsLeft <= 0 ? 'pass_used_up' : 'not_valid_for_selection';
    outcomes.push({ code: pass.code, kind: 'pass', id: pass.id, applied: covered.length > 0, reason, tickets: covered.length, amount });
    if (covered.length > 0) {
      codeLines.push({ kind: 'pass', label: `Pass ${pass.code}`, code: pass.code, tariffId: null, seatId: null, quantity: covered.length, unitAmount: 0, amount: 0 - amount });
    }
  }

  const promo = input.promo;
  if (promo) {
    const eligible = byValue.filter(
      (u) =>
        u.passId === null &&
        u.listPrice > 0 &&
        inScope(promo.eventIds, input.eventId) &&
        inScope(promo.performanceIds, input.performanceId) &&
        inScope(promo.zoneIds, u.zoneId) &&
        inScope(promo.tariffIds, u.tariffId),
    );
    const outcome: CodeOutcome = { code: promo.code, kind: 'promo', id: promo.id, applied: false, reason: null, tickets: 0, amount: 0 };
    if (eligible.length === 0) outcome.reason = 'not_valid_for_selection';
    else if (eligible.length < promo.minTickets) {
      outcome.reason = 'minimum_not_reached';
      outcome.minTickets = promo.minTickets;
    } else {
      const discounted = promo.maxTicketsPerOrder === null ? eligible : eligible.slice(0, promo.maxTicketsPerOrder);
      let shares: number[];
      if (promo.discountType === 'none') shares = discounted.map(() => 0);
      else if (promo.per === 'ticket') {
        shares = discounted.map((u) => (promo.discountType === 'percent' ? roundHalfUp(u.listPrice * promo.discountValue, 100) : Math.min(promo.discountValue, u.listPrice)));
      } else {
        const base = discounted.reduce((sum, u) => sum + u.listPrice, 0);
        const orderDiscount = promo.discountType === 'percent' ? roundHalfUp(base * promo.discountValue, 100) : Math.min(promo.discountValue, base);
        // The units are in value order; share in the items' order so ties go to the first listed.
        const inItemOrder = [...discounted].sort((a, b) => a.order - b.order);
        const byOrder = shareByLargestRemainder(
          orderDiscount,
          inItemOrder.map((u) => u.listPrice),
        );
        shares = discounted.map((u) => byOrder[inItemOrder.indexOf(u)]!);
      }
      discounted.forEach((unit, i) => {
        unit.discount = shares[i]!;
        unit.netPrice = unit.listPrice - unit.discount;
        unit.promoId = promo.id;
      });
      const amount = shares.reduce((a, b) => a + b, 0);
      outcome.applied = true;
      outcome.tickets = discounted.length;
      outcome.amount = amount;
      if (amount > 0) {
        codeLines.push({ kind: 'discount', label: `Promo ${promo.code}`, code: promo.code, tariffId: null, seatId: null, quantity: discounted.length, unitAmount: 0, amount: 0 - amount });
      }
    }
    outcomes.push(outcome);
  }

  const charged = units.filter((u) => u.netPrice > 0);
  for (const unit of charged) unit.fee = policy.serviceFeePerTicket;
  const terms = input.insured ? (policy.insurance ?? null) : null;
  if (terms) for (const unit of charged) unit.insurancePremium = insurancePremium(unit.netPrice, terms);

  const lines: OrderLineRecord[] = input.items.map((item) => ({
    kind: 'ticket',
    label: item.seatLabel ? `${item.tariffName} · ${item.seatLabel}` : item.tariffName,
    tariffName: item.tariffName,
    ...(item.seat ? { seat: item.seat } : {}),
    tariffId: item.tariffId,
    seatId: item.seatId,
    quantity: item.quantity,
    unitAmount: item.unitPrice,
    amount: item.unitPrice * item.quantity,
  }));
  lines.push(...codeLines);
  const fees = charged.length * policy.serviceFeePerTicket;
  if (fees > 0) {
    lines.push({ kind: 'fee', label: 'Service fee', tariffId: null, seatId: null, quantity: charged.length, unitAmount: policy.serviceFeePerTicket, amount: fees });
  }
  const insurance = units.reduce((sum, u) => sum + u.insurancePremium, 0);
  if (insurance > 0) {
    lines.push({ kind: 'insurance', label: 'Cancellation insurance', tariffId: null, seatId: null, quantity: charged.length, unitAmount: 0, amount: insurance });
  }

  const subtotal = units.reduce((sum, u) => sum + u.listPrice, 0);
  const discount = units.reduce((sum, u) => sum + u.discount, 0);
  const total = subtotal - discount + fees + insurance;

  const vouchers: VoucherPayment[] = [];
  let due = total;
  const voucherOrder = [...(input.vouchers ?? [])].sort(
    (a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const voucher of voucherOrder) {
    const amount = Math.max(0, Math.min(voucher.balance, due));
    due -= amount;
    const balanceAfter = Math.max(0, voucher.balance) - amount;
    if (amount > 0) vouchers.push({ id: voucher.id, code: voucher.code, amount, balanceAfter });
    outcomes.push({ code: voucher.code, kind: 'voucher', id: voucher.id, applied: amount > 0, reason: amount > 0 ? null : 'nothing_to_pay', tickets: 0, amount, balanceAfter });
  }
  const paidByVouchers = total - due;

  return {
    currency: policy.currency,
    lines,
    tickets: units.map(({ zoneId: _zone, order: _order, ...ticket }) => ticket),
    ticketCount: units.length,
    subtotal,
    discount,
    fees,
    insurance,
    total,
    vouchers,
    paidByVouchers,
    amountDue: due,
    codes: outcomes,
  };
}

/**
 * The platform's commission on one sold ticket: a fixed part plus basis points of what the
 * ticket cost (rounded half up); a ticket that cost nothing (pass, 100 % discount) carries none.
 */
export function ticketCommission(netPrice: number, perTicket: number, basisPoints: number): number {
  if (netPrice <= 0) return 0;
  return perTicket + roundHalfUp(netPrice * basisPoints, 10_000);
}
