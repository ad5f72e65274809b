import type { InvoicePaymentInput } from '../../../contract/organizer.js';
import { and, eq } from 'drizzle-orm';
import { performances } from '../../../db/schema/catalog.js';
import { holds } from '../../../db/schema/inventory.js';
import { type InvoiceTerms, orders, payments } from '../../../db/schema/orders.js';
import { type Db, isGuardFailure, isSeatTicketedTwice } from '../db.js';
import { newId } from '../domain/ids.js';
import { type InvoicePolicy, invoiceOffered, paymentDeadline } from '../domain/invoice-schedule.js';
import { paymentReference } from '../domain/payment-reference.js';
import { type HoldItem, type PricedOrder, priceOrder } from '../domain/pricing.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { loadCodeContext, pricingInput, pricingPolicy } from './code-pricing.js';
import { holdItems, type HoldRow } from './holds.js';
import { invoiceFacts, loadPerformanceContext, orderFacts, recipientOf } from './message-facts.js';
import { queueOrderConfirmation } from './order-confirmation.js';
import { placesOfItems } from './seat-places.js';
import { dedupeKeys, queueMessage } from './outbox.js';
import { holdChanged, priceSale, runSaleBatch, samePricing, sellCodeStatements, sellHoldStatements } from './sale-statements.js';
import { orderInStatus, orderLedgerIntact } from './ledger-guards.js';
import { insertTicketStatements, issueTickets } from './ticket-issuing.js';
import { linkTicketAnswers } from './questions/checkout-answers.js';
import { webhookAnswers } from './questions/answer-views.js';
import { dedupe, emitEvents, orderData, ticketData } from './webhook-events.js';
import { type TillRef, tillClosedError, tillStatements } from './tills.js';
import { type BatchStatement, runBatch } from '../bound-statements.js';

type Statement = BatchStatement;
type OrderRow = typeof orders.$inferSelect;

/** The shop's deadline rule (D, N, cutoff, local hour). */
export function invoicePolicyOf(shop: Shop): InvoicePolicy {
  return {
    reminderIntervalDays: shop.invoiceReminderIntervalDays,
    reminderCount: shop.invoiceReminderCount,
    sendHour: shop.invoiceSendHour,
    cutoffDays: shop.invoiceCutoffDays,
  };
}

/** Whether a buyer may choose invoice for this performance now. */
export function invoiceAvailable(shop: Shop, performanceStartsAt: number, now: number): boolean {
  return shop.invoiceEnabled && shop.invoiceCreditor !== null && invoiceOffered(now, performanceStartsAt, invoicePolicyOf(shop), shop.timeZone);
}

export async function assertInvoiceOffered(db: Db, shop: Shop, performanceId: string, now: number) {
  if (!shop.invoiceEnabled || !shop.invoiceCreditor) throw new ApiError(400, 'payment_method_unavailable', 'This shop does not offer the payment method "invoice".');
  const [performance] = await db.select({ startsAt: performances.startsAt }).from(performances).where(eq(performances.id, performanceId));
  if (!performance || !invoiceAvailable(shop, performance.startsAt, now)) {
    throw new ApiError(409, 'invoice_not_offered', `Pay by invoice is offered only up to ${shop.invoiceCutoffDays} days before the performance. Please choose another payment method.`, {
      cutoffDays: shop.invoiceCutoffDays,
    });
  }
}

/**
 * Places a pending order by invoice, in one batch: the hold's seats are sold to the order (so
 * they stay the buyer's while it is unpaid), the order waits for payment with the shop's
 * terms copied onto it, and the invoice e-mail is queued. Tickets come when it is paid.
 */
export async function placeInvoiceOrder(deps: Deps, shop: Shop, hold: HoldRow, order: OrderRow, ordered: PricedOrder) {
  const { db } = deps.storage;
  const now = deps.now();
  const sale = await priceSale(db, shop, hold, order.insured, now);
  const { items, priced } = sale;
  if (!samePricing(priced, ordered)) throw holdChanged();
  const total = priced.total;
  const creditor = shop.invoiceCreditor!;
  const policy = invoicePolicyOf(shop);
  const terms: InvoiceTerms = {
    orderedAt: now,
    ...policy,
    timeZone: shop.timeZone,
    creditor,
    reference: paymentReference(creditor.account, order.number),
    ticketPrices: priced.tickets,
  };
  const dueAt = paymentDeadline(now, 0, policy, shop.timeZone);
  const context = await loadPerformanceContext(db, hold.performanceId);
  const placed = { ...order, total, lines: priced.lines };
  const answers = await webhookAnswers(db, shop, order.id);
  const statements: Statement[] = [
    ...sellHoldStatements(db, hold, order.id, items, now),
    ...sellCodeStatements(db, sale, hold, order.id, now),
    db
      .update(orders)
      .set({ status: 'invoiced', paymentMethod: 'invoice', invoice: terms, invoiceDueAt: dueAt, invoiceRemindersSent: 0, total, lines: priced.lines, subtotal: priced.subtotal, fees: priced.fees, updatedAt: now })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'pending'))),
    queueMessage(
      db,
      {
        shopId: shop.id,
        orderId: order.id,
        kind: 'invoice',
        dedupeKey: dedupeKeys.invoice(order.id),
        ...recipientOf(order),
        payload: { order: orderFacts(shop, placed, context), invoice: invoiceFacts(terms, dueAt) },
      },
      now,
    ),
    // Webhooks: placed, unpaid; tickets come with `order.paid`.
    ...emitEvents(
      db,
      [
        {
          shopId: shop.id,
          type: 'order.placed',
          orderId: order.id,
          dedupeKey: dedupe.placed(order.id),
          data: {
            order: orderData(order, { status: 'invoiced', paymentMethod: 'invoice', total, lines: priced.lines, subtotal: priced.subtotal, fees: priced.fees }),
            tickets: [],
            ...(answers ? { answers } : {}),
          },
        },
      ],
      now,
    ),
  ];
  await runSaleBatch(db, statements, hold, now);
}

/** The order of this shop with this number, or 404. */
export async function loadShopOrder(db: Db, shopId: string, number: string): Promise<OrderRow> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.shopId, shopId)));
  if (!order) throw new ApiError(404, 'order_not_found', 'There is no order with this number.');
  return order;
}

export const notAwaitingPayment = (order: Pick<OrderRow, 'status' | 'paymentMethod'>) =>
  new ApiError(
    409,
    'order_not_awaiting_payment',
    order.status === 'paid' ? 'This order is already paid.' : order.paymentMethod === 'invoice' ? `This order is ${order.status}; it can no longer be paid.` : 'Only orders placed by invoice and not yet paid can be marked paid.',
    { status: order.status },
  );

/**
 * What an invoiced order sold, priced as on the invoice: the seats and places its claims
 * hold, with the unit prices of the order's lines (a tariff may have changed since).
 */
async function invoicedItems(db: Db, order: OrderRow, now: number): Promise<{ hold: HoldRow; items: HoldItem[] }> {
  const [hold] = await db.select().from(holds).where(eq(holds.id, order.holdId));
  if (!hold) throw new Error('an order without its hold');
  const items = await holdItems(db, hold, now);
  const priced = items.map((item) => {
    const line = order.lines.find((l) => l.kind === 'ticket' && l.tariffId === item.tariffId && l.seatId === item.seatId);
    return line ? { ...item, unitPrice: line.unitAmount } : item;
  });
  // The seats and places the ledger sold to the order must be the ones invoiced, seat by seat and tariff by tariff.
  const units = (list: { seatId: number | null; tariffId: string | null; quantity: number }[]) =>
    list.flatMap((u) => Array.from({ length: u.quantity }, () => `${u.seatId ?? '-'}:${u.tariffId}`)).sort().join(',');
  if (units(order.lines.filter((l) => l.kind === 'ticket')) !== units(priced)) {
    throw new ApiError(409, 'order_inventory_changed', 'The seats of this order no longer match the invoice; it cannot be marked paid.');
  }
  return { hold, items: priced };
}

/**
 * The tickets' prices as the order was sold: the codes it used keep what they took (a pass
 * its seats, a voucher its amount), so the discount and premium of each ticket come out as
 * they were on the invoice.
 */
async function invoicedTicketPrices(db: Db, shop: Shop, order: OrderRow, hold: HoldRow, items: HoldItem[], now: number) {
  const [performance] = await db.select({ id: performances.id, eventId: performances.eventId }).from(performances).where(eq(performances.id, order.performanceId));
  const codes = await loadCodeContext(db, shop.id, hold, now);
  return priceOrder(pricingInput(performance!, items, codes, order.insured), pricingPolicy(shop)).tickets;
}

/** reference is the bank's reference or a note, kept with the payment. */
export type InvoicePayment = InvoicePaymentInput;

/**
 * The organizer records the payment of an invoice, in one batch: the order becomes paid,
 * its tickets are issued (signed as at checkout) and the confirmation with the tickets is
 * queued. Of two racing calls, or a payment racing the automatic cancellation, exactly one wins.
 */
export async function recordInvoicePayment(deps: Deps, shop: Shop, number: string, payment: InvoicePayment, till?: TillRef) {
  const { db } = deps.storage;
  const now = deps.now();
  const order = await loadShopOrder(db, shop.id, number);
  if (order.status !== 'invoiced') throw notAwaitingPayment(order);
  // Gift vouchers paid part of the order at checkout: the invoice is for the rest.
  const due = order.total - order.paidByVouchers;
  if (payment.amount !== due) {
    throw new ApiError(422, 'amount_mismatch', `The invoice is for ${due} (minor units); record the payment of exactly that amount.`, { expected: due, currency: order.currency });
  }
  const { hold, items } = await invoicedItems(db, order, now);
  // The prices frozen on the invoice; older invoices (before codes) are priced again from the ledger.
  const frozen = order.invoice?.ticketPrices;
  // Used only if each frozen price names the very seat (or tariff's place) of the item it belongs to.
  const matches =
    frozen !== undefined &&
    frozen.length === items.reduce((n, i) => n + i.quantity, 0) &&
    frozen.every((p) => items[p.itemIndex]?.seatId === p.seatId && items[p.itemIndex]?.tariffId === p.tariffId);
  const prices = matches ? frozen : await invoicedTicketPrices(db, shop, order, hold, items, now);
  const ticketRows = await issueTickets(shop, order.id, order.performanceId, items, prices, now);
  const paidAnswers = await webhookAnswers(db, shop, order.id, ticketRows);
  const context = await loadPerformanceContext(db, order.performanceId);
  const cashAtDesk = payment.method === 'cash' && till !== undefined;
  const statements: Statement[] = [
    orderInStatus(db, order.id, 'invoiced'),
    db
      .update(orders)
      .set({ status: 'paid', paidAt: now, updatedAt: now, invoiceDueAt: null })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'invoiced'))),
    db.insert(payments).values({
      id: newId('pay'),
      shopId: shop.id,
      orderId: order.id,
      provider: cashAtDesk ? 'box_office' : 'manual',
      method: payment.method,
      status: 'captured',
      amount: payment.amount,
      currency: order.currency,
      providerReference: payment.reference ?? null,
      createdAt: now,
      tillId: cashAtDesk ? till.id : null,
    }),
    // Cash handed over at the desk goes through the staff member's till.
    ...(cashAtDesk ? tillStatements(db, till, now) : []),
    ...insertTicketStatements(db, ticketRows, deps.storage.maxParams),
    linkTicketAnswers(db, order.id, ticketRows),
    orderLedgerIntact(db, order.id),
    queueOrderConfirmation(db, shop, order, context, ticketRows, placesOfItems(items), now),
    ...emitEvents(
      db,
      [
        {
          shopId: shop.id,
          type: 'order.paid',
          orderId: order.id,
          dedupeKey: dedupe.paid(order.id),
          data: {
            order: orderData(order, { status: 'paid' }),
            tickets: ticketRows.map((t) => ticketData(t)),
            payment: { method: payment.method, amount: payment.amount, currency: order.currency as 'CHF' | 'EUR' },
            ...(paidAnswers ? { answers: paidAnswers } : {}),
          },
        },
      ],
      now,
    ),
  ];
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (isGuardFailure(err) || isSeatTicketedTwice(err)) {
      const closed = cashAtDesk ? await tillClosedError(db, till) : null;
      if (closed) throw closed;
      const current = await loadShopOrder(db, shop.id, number);
      if (current.status !== 'invoiced') throw notAwaitingPayment(current);
      throw new ApiError(409, 'order_inventory_changed', 'The seats of this order no longer match the invoice; it cannot be marked paid.');
    }
    throw err;
  }
}
