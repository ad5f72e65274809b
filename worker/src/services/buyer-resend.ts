import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { outboxMessages } from '../../../db/schema/messaging.js';
import { orders } from '../../../db/schema/orders.js';
import type { ResendReceipt } from '../../../contract/responses/orders.js';
import type { Db } from '../db.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { confirmationAgain, invoiceAgain } from './order-resend.js';
import { queueMessageWhere } from './outbox.js';

type OrderRow = typeof orders.$inferSelect;

/** A buyer may have the order's e-mail sent again once per this interval (an inbox, not a relay). */
export const buyerResendIntervalMs = 10 * 60 * 1000;

/** Which e-mail the buyer gets again: the tickets once paid, the invoice while it waits for payment. */
async function messageFor(db: Db, shop: Shop, order: OrderRow) {
  if (order.status === 'invoiced') return invoiceAgain(db, shop, order);
  if (order.status !== 'paid') throw new ApiError(409, 'order_not_paid', `This order is ${order.status}: there is no e-mail to send again.`);
  try {
    return await confirmationAgain(db, shop, order);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'message_not_resendable') {
      throw new ApiError(409, 'ticket_not_valid', 'No ticket of this order is valid any more: there is nothing to send.', { status: 'cancelled' });
    }
    throw err;
  }
}

/**
 * The buyer asks for their e-mail again from the order page. One batch: the order is stamped
 * (`buyer_resent_at`) only if its last resend is 10 minutes old and the order still is as read
 * (a copy still waiting does not stop it, unlike staff's resend: the buyer who asks gets a new
 * one, and the interval keeps that from becoming a relay); the outbox row is written only if this request's stamp is the one
 * now on the order (its dedupe key names the stamp, so two requests in the same millisecond
 * still queue one). The database decides; nothing is read and then written.
 */
export async function resendForBuyer(db: Db, shop: Shop, order: OrderRow, now: number, retried = false): Promise<ResendReceipt> {
  const { message, condition } = await messageFor(db, shop, order);
  const kind = message.kind as ResendReceipt['kind'];
  const longAgo = or(isNull(orders.buyerResentAt), lte(orders.buyerResentAt, now - buyerResendIntervalMs));
  const stamp = db
    .update(orders)
    .set({ buyerResentAt: now })
    .where(and(eq(orders.id, order.id), longAgo, condition))
    .returning({ id: orders.id });
  const queued = queueMessageWhere(
    db,
    { ...message, dedupeKey: `buyer-resend:${order.id}:${now}` },
    now,
    sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${orders.id} = ${order.id} AND ${orders.buyerResentAt} = ${now})`,
  ).returning({ id: outboxMessages.id });
  const [stamped, written] = await db.batch([stamp, queued]);
  if (stamped.length > 0 && written.length > 0) return { sent: true, kind };
  // Nothing written: say why, from what the database holds now.
  const [current] = await db.select({ buyerResentAt: orders.buyerResentAt }).from(orders).where(eq(orders.id, order.id));
  const last = current?.buyerResentAt ?? null;
  if (last !== null && last > now - buyerResendIntervalMs) {
    const retryAfter = Math.max(1, Math.ceil((last + buyerResendIntervalMs - now) / 1000));
    throw new ApiError(429, 'resend_too_soon', `This e-mail was sent again a moment ago. You can ask again in ${Math.ceil(retryAfter / 60)} minutes; check your spam folder meanwhile.`, { retryAfter });
  }
  // The order changed between the read and the batch (an exchange, a payment): once more as it stands now.
  const [fresh] = await db.select().from(orders).where(eq(orders.id, order.id));
  if (!retried && fresh) return resendForBuyer(db, shop, fresh, now, true);
  throw new ApiError(409, 'order_not_paid', 'Your order changed while the e-mail was being prepared. Reload the page and try again.');
}
