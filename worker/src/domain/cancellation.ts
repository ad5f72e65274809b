/**
 * What staff may cancel, and what a cancellation refunds by default. Pure: the service reads
 * the order and its tickets, asks here, and writes one batch whose guards re-check at write
 * time what was decided here (a ticket cancelled or exchanged meanwhile aborts it).
 *
 * Refund rules (product.md, "After the sale"):
 * - the default refund is what the cancelled tickets cost, net of their discount;
 * - insurance premiums are the insurer's: never part of a refund by the organizer;
 * - service fees are the organizer's choice: not refunded by default (give refundAmount);
 * - a whole-order cancellation gives the gift vouchers that paid it their balance back, so
 *   its default refund leaves out what vouchers paid;
 * - no cancellation, together with the earlier ones, refunds more than was paid in money
 *   (total − paid by vouchers), and a card refund never more than the card charge.
 */

import type { ErrorDetails, ErrorStatus } from '../../../contract/errors.js';

export type CancellationScope = 'order' | 'tickets';
export type RefundMethod = 'none' | 'cash' | 'bank_transfer' | 'card_refund' | 'voucher';

export interface CancellableOrder {
  status: 'pending' | 'paid' | 'expired' | 'cancelled' | 'invoiced';
  total: number;
  paidByVouchers: number;
}

export interface CancellableTicket {
  id: string;
  number: string;
  status: 'valid' | 'cancelled' | 'exchanged';
  price: number;
  discount: number;
}

export interface CancellationRequest {
  scope: CancellationScope;
  ticketNumbers?: readonly string[] | undefined;
  refundMethod: RefundMethod;
  refundAmount?: number | undefined;
}

/** Money already promised back to the buyer by earlier cancellations of the order. */
export interface EarlierRefunds {
  /** Every method. */
  total: number;
  /** card_refund only. */
  card: number;
}

export type CancellationPlan<T extends CancellableTicket> = {
  ok: true;
  tickets: T[];
  /** True when no valid ticket of the order is left afterwards (the order becomes cancelled). */
  wholeOrder: boolean;
  refundAmount: number;
};

type RefusalCode =
  | 'order_already_cancelled'
  | 'order_not_cancellable'
  | 'invoice_order_whole_only'
  | 'refund_not_possible'
  | 'tickets_required'
  | 'ticket_not_in_order'
  | 'ticket_not_cancellable'
  | 'nothing_to_cancel'
  | 'refund_amount_without_method'
  | 'card_refund_not_possible'
  | 'refund_exceeds_paid'
  | 'nothing_to_refund';

/** A refusal is the error the service answers: a code of contract/errors.ts with its status and details. */
export type CancellationRefusal = {
  [C in RefusalCode]: { ok: false; status: ErrorStatus<C>; code: C; message: string; details?: ErrorDetails<C> };
}[RefusalCode];

const refuse = <C extends RefusalCode>(status: ErrorStatus<C>, code: C, message: string, details?: ErrorDetails<C>): CancellationRefusal =>
  ({ ok: false, status, code, message, ...(details ? { details } : {}) }) as CancellationRefusal;

/** What the tickets cost the buyer: their price net of discount or pass coverage. */
export function netTicketCost(tickets: readonly CancellableTicket[]): number {
  return tickets.reduce((sum, t) => sum + Math.max(0, t.price - t.discount), 0);
}

/** What may still be refunded in money for this order, by any method. */
export function refundableMoney(order: CancellableOrder, earlier: EarlierRefunds): number {
  return Math.max(0, order.total - order.paidByVouchers - earlier.total);
}

/**
 * Decides a cancellation. `cardCharged` is the captured card charge of the order (0 when
 * the order was not paid by a card provider that can refund).
 */
export function planCancellation<T extends CancellableTicket>(
  order: CancellableOrder,
  tickets: readonly T[],
  request: CancellationRequest,
  earlier: EarlierRefunds,
  cardCharged: number,
): CancellationPlan<T> | CancellationRefusal {
  if (order.status === 'cancelled') return refuse(409, 'order_already_cancelled', 'This order is already cancelled.', { status: order.status });
  if (order.status !== 'paid' && order.status !== 'invoiced') {
    return refuse(409, 'order_not_cancellable', 'Only paid orders and unpaid invoice orders can be cancelled; this one was never completed.', { status: order.status });
  }

  if (order.status === 'invoiced') {
    // The invoice the buyer holds would no longer match a partial order: staff cancel it whole and place a new one.
    if (request.scope !== 'order') {
      return refuse(409, 'invoice_order_whole_only', 'An unpaid invoice order can only be cancelled whole: cancel it and place a new order for the seats the buyer keeps.');
    }
    if (request.refundMethod !== 'none' || (request.refundAmount ?? 0) > 0) {
      return refuse(409, 'refund_not_possible', 'Nothing was paid for this order: the refund method must be "none".');
    }
    return { ok: true, tickets: [], wholeOrder: true, refundAmount: 0 };
  }

  const valid = tickets.filter((t) => t.status === 'valid');
  let chosen: T[];
  if (request.scope === 'order') {
    chosen = valid;
  } else {
    const numbers = request.ticketNumbers ?? [];
    if (numbers.length === 0) return refuse(422, 'tickets_required', 'Name the tickets to cancel (ticketNumbers), or cancel the whole order (scope "order").');
    const wanted = [...new Set(numbers.map((n) => n.trim().toUpperCase()))];
    const byNumber = new Map(tickets.map((t) => [t.number, t]));
    const unknown = wanted.filter((n) => !byNumber.has(n));
    if (unknown.length > 0) return refuse(404, 'ticket_not_in_order', `These tickets are not part of this order: ${unknown.join(', ')}.`, { ticketNumbers: unknown });
    chosen = wanted.map((n) => byNumber.get(n)!);
    const invalid = chosen.filter((t) => t.status !== 'valid');
    if (invalid.length > 0) {
      return refuse(409, 'ticket_not_cancellable', `These tickets are no longer valid (already cancelled or exchanged): ${invalid.map((t) => t.number).join(', ')}.`, {
        tickets: invalid.map((t) => ({ number: t.number, status: t.status })),
      });
    }
  }
  if (chosen.length === 0) return refuse(409, 'nothing_to_cancel', 'This order has no valid ticket left to cancel.');
  const wholeOrder = chosen.length === valid.length;

  const money = refundableMoney(order, earlier);
  const cardLeft = Math.max(0, cardCharged - earlier.card);
  const cap = request.refundMethod === 'card_refund' ? Math.min(money, cardLeft) : money;
  if (request.refundMethod === 'none') {
    if ((request.refundAmount ?? 0) > 0) return refuse(422, 'refund_amount_without_method', 'A refund amount needs a refund method other than "none".');
    return { ok: true, tickets: chosen, wholeOrder, refundAmount: 0 };
  }
  if (request.refundMethod === 'card_refund' && cardCharged === 0) {
    return refuse(409, 'card_refund_not_possible', 'This order was not paid by a card that can be refunded through the shop. Choose cash, bank transfer or a voucher.');
  }
  // Vouchers come back by themselves when the whole order is cancelled, so they are not paid out again.
  const vouchersBack = request.scope === 'order' ? order.paidByVouchers : 0;
  const refundAmount = request.refundAmount ?? Math.min(cap, Math.max(0, netTicketCost(chosen) - vouchersBack));
  if (refundAmount > cap) {
    return refuse(409, 'refund_exceeds_paid', `At most ${cap} (minor units) can still be refunded by this method for this order.`, { refundable: cap });
  }
  if (refundAmount === 0 && request.refundMethod === 'voucher') return refuse(422, 'nothing_to_refund', 'A refund voucher needs an amount above zero.');
  return { ok: true, tickets: chosen, wholeOrder, refundAmount };
}

/** How a cancellation's refund stands, for accounting. */
export type RefundStatus = 'none' | 'recorded' | 'voucher_issued' | 'refunded' | 'failed' | 'pending';

/** From the method and the outcome of card refund attempts (refunded wins over failed ones). */
export function refundStatusOf(method: RefundMethod, amount: number, cardAttempts: readonly ('refunded' | 'declined')[]): RefundStatus {
  if (method === 'none' || amount === 0) return 'none';
  if (method === 'voucher') return 'voucher_issued';
  if (method !== 'card_refund') return 'recorded';
  if (cardAttempts.includes('refunded')) return 'refunded';
  return cardAttempts.length > 0 ? 'failed' : 'pending';
}
