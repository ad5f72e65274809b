import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { outboxMessages } from '../../../db/schema/messaging.js';
import { orders, tickets } from '../../../db/schema/orders.js';
import type { ResendableKind } from '../../../contract/organizer.js';
import type { MessageView } from '../../../contract/responses/organizer/messages.js';
import type { Db } from '../db.js';
import { newId } from '../domain/ids.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { insurerFacts, invoiceFacts, loadPerformanceContext, orderFacts, recipientOf, ticketConditionsIn, ticketFacts } from './message-facts.js';
import { loadShopOrder } from './invoice-orders.js';
import { messageView, queueMessageWhere, type QueuedMessage } from './outbox.js';
import { seatPlaces } from './seat-places.js';
import { issueOrder } from './ticket-order.js';

type OrderRow = typeof orders.$inferSelect;

const notResendable = (kind: ResendableKind, order: Pick<OrderRow, 'status'>, message: string) =>
  new ApiError(409, 'message_not_resendable', message, { kind, status: order.status });

/** An e-mail of this kind for the order is still waiting: a copy would only double it. */
const noPendingCopy = (orderId: string, kind: ResendableKind) =>
  sql`NOT EXISTS (SELECT 1 FROM ${outboxMessages} WHERE ${outboxMessages.orderId} = ${orderId} AND ${outboxMessages.kind} = ${kind} AND ${outboxMessages.status} IN ('pending', 'sending'))`;

/**
 * The confirmation again, with the tickets the buyer may use today: the valid tickets of the
 * order's performance (cancelled and exchanged ones are left out; a ticket exchanged onto
 * another date went out in its own e-mail). It is written only if exactly those tickets are
 * still the order's valid ones on that date when the batch runs (named by id: none of them
 * cancelled or exchanged meanwhile, and no other valid one added).
 */
export async function confirmationAgain(db: Db, shop: Shop, order: OrderRow): Promise<{ message: QueuedMessage; condition: SQL }> {
  if (order.status !== 'paid') {
    throw notResendable('order_confirmation', order, order.status === 'invoiced' ? 'This invoice is not paid yet: its tickets go out when it is. Resend the invoice instead.' : `This order is ${order.status}: it has no tickets to send.`);
  }
  const onItsDate = and(eq(tickets.orderId, order.id), eq(tickets.performanceId, order.performanceId));
  const all = await db.select().from(tickets).where(onItsDate).orderBy(...issueOrder);
  const valid = all.filter((t) => t.status === 'valid');
  if (valid.length === 0) throw notResendable('order_confirmation', order, 'No ticket of this order is valid any more: there is nothing to send.');
  const context = await loadPerformanceContext(db, order.performanceId);
  const ticketList = ticketFacts(valid, await seatPlaces(db, valid.map((t) => t.seatId)));
  const validIds = sql`(${sql.join(valid.map((t) => sql`${t.id}`), sql`, `)})`;
  return {
    message: {
      shopId: shop.id,
      orderId: order.id,
      kind: 'order_confirmation',
      dedupeKey: '',
      ...recipientOf(order),
      payload: {
        order: orderFacts(shop, order, context),
        tickets: ticketList,
        insurer: ticketList.some((t) => t.insured) ? insurerFacts(shop) : null,
        ticketConditions: ticketConditionsIn(shop, order.buyerLanguage),
      },
    },
    condition: and(
      sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${orders.id} = ${order.id} AND ${orders.status} = 'paid')`,
      // These tickets, and no other, are the order's valid ones on its date: the e-mail lists exactly them.
      sql`NOT EXISTS (SELECT 1 FROM ${tickets} WHERE ${onItsDate} AND ((${tickets.status} = 'valid') <> (${tickets.id} IN ${validIds})))`,
    )!,
  };
}

/** The invoice again, with the deadline the buyer was last given; only while it is unpaid. */
export async function invoiceAgain(db: Db, shop: Shop, order: OrderRow): Promise<{ message: QueuedMessage; condition: SQL }> {
  if (order.status !== 'invoiced' || !order.invoice || order.invoiceDueAt === null) {
    throw notResendable('invoice', order, order.paymentMethod === 'invoice' ? `This invoice is ${order.status === 'paid' ? 'paid' : order.status}: there is nothing left to pay.` : 'This order was not placed by invoice.');
  }
  const context = await loadPerformanceContext(db, order.performanceId);
  return {
    message: {
      shopId: shop.id,
      orderId: order.id,
      kind: 'invoice',
      dedupeKey: '',
      ...recipientOf(order),
      payload: { order: orderFacts(shop, order, context), invoice: invoiceFacts(order.invoice, order.invoiceDueAt) },
    },
    condition: sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${orders.id} = ${order.id} AND ${orders.status} = 'invoiced' AND ${orders.invoiceDueAt} = ${order.invoiceDueAt})`,
  };
}

/**
 * Sends an order's confirmation or invoice to its buyer again (they lost it, it went to spam):
 * a new message of the outbox, written as the order stands now, in the buyer's language. The
 * database decides in one statement that the order still is as read and that no e-mail of
 * that kind is already waiting; a repeated request (same Idempotency-Key) is answered from the
 * middleware's record.
 */
export async function resendOrderMessage(db: Db, shop: Shop, number: string, kind: ResendableKind, now: number): Promise<MessageView> {
  const order = await loadShopOrder(db, shop.id, number);
  const { message, condition } = kind === 'invoice' ? await invoiceAgain(db, shop, order) : await confirmationAgain(db, shop, order);
  const resend = { ...message, dedupeKey: `resend:${kind}:${order.id}:${newId('msg')}` };
  const [results] = await db.batch([queueMessageWhere(db, resend, now, and(condition, noPendingCopy(order.id, kind))!).returning()]);
  const [row] = results;
  if (row) return messageView(row);
  // Nothing written: say why, from what the database holds now.
  const [waiting] = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.kind, kind), inArray(outboxMessages.status, ['pending', 'sending'])))
    .limit(1);
  if (waiting) throw new ApiError(409, 'message_pending', 'This e-mail is already waiting to be sent to the buyer; it goes out within minutes.', { messageId: waiting.id });
  const current = await loadShopOrder(db, shop.id, number);
  throw new ApiError(409, 'order_changed', 'The order changed while the e-mail was being prepared (a cancellation, a payment). Look at it again and retry.', { status: current.status });
}
