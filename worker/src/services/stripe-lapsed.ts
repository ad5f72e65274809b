import { and, eq } from 'drizzle-orm';
import { shops } from '../../../db/schema/catalog.js';
import { orders, payments } from '../../../db/schema/orders.js';
import { stripePayments } from '../../../db/schema/stripe.js';
import type { Deps } from '../env.js';
import { ApiError } from '../errors.js';
import { cancelByStaff } from './order-cancellation.js';
import { accessPasses, giftVouchers, productOrders } from '../../../db/schema/codes.js';
import type { StripePaymentRow } from './stripe-payments.js';
import { chargePaymentId } from './stripe-settlement.js';

/**
 * A card authorization that lapsed (or was cancelled at Stripe) before the sold order's
 * capture went through: no money will come, so the order is cancelled as staff would cancel it
 * (tickets refused at the door, seats back on sale, the buyer told), by the system, with no
 * refund since nothing was taken. Marking the payment `not_captured` first makes this happen once.
 */
export async function cancelUncapturedSale(deps: Deps, row: StripePaymentRow): Promise<void> {
  const { db } = deps.storage;
  const now = deps.now();
  const marked = await db
    .update(stripePayments)
    .set({ capture: 'not_captured', updatedAt: now })
    .where(and(eq(stripePayments.id, row.id), eq(stripePayments.state, 'sold'), eq(stripePayments.capture, 'pending')))
    .returning({ id: stripePayments.id });
  if (marked.length === 0) return;
  await db
    .update(payments)
    .set({ status: 'voided' })
    .where(and(eq(payments.id, chargePaymentId(row.id)), eq(payments.status, 'authorized')));
  if (row.productOrderId !== null) return cancelUncapturedPurchase(deps, row.productOrderId);
  if (row.orderId === null) return;
  const [found] = await db.select({ order: orders, shop: shops }).from(orders).innerJoin(shops, eq(shops.id, orders.shopId)).where(eq(orders.id, row.orderId));
  if (!found || found.order.status !== 'paid') return;
  try {
    await cancelByStaff(
      deps,
      found.shop,
      found.order.number,
      { scope: 'order', reason: 'The card payment could not be captured: its authorization lapsed.', refundMethod: 'none', notifyBuyer: true },
      null,
      'system',
    );
  } catch (err) {
    // Cancelled meanwhile by staff: nothing more to do.
    if (!(err instanceof ApiError && err.code === 'order_already_cancelled')) throw err;
  }
}

/** The same for a pass or voucher bought with a card whose authorization lapsed: the purchase and its code are cancelled. */
async function cancelUncapturedPurchase(deps: Deps, productOrderId: string) {
  const { db } = deps.storage;
  await db.batch([
    db
      .update(productOrders)
      .set({ status: 'cancelled' })
      .where(and(eq(productOrders.id, productOrderId), eq(productOrders.status, 'paid'))),
    db.update(giftVouchers).set({ status: 'cancelled' }).where(eq(giftVouchers.productOrderId, productOrderId)),
    db.update(accessPasses).set({ status: 'cancelled' }).where(eq(accessPasses.productOrderId, productOrderId)),
  ]);
}
