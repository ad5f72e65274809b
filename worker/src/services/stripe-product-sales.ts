import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { shops } from '../../../db/schema/catalog.js';
import { passProducts, productOrders } from '../../../db/schema/codes.js';
import { stripePayments } from '../../../db/schema/stripe.js';
import type { ProductOrderView } from '../../../contract/responses/products.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { IntentSnapshot } from '../payments/stripe/gateway.js';
import type { StripeSettings } from '../payments/stripe/settings.js';
import { completeProductOrder, productOrderView } from './product-sales.js';
import { processingIf, providerUnavailable, settleBuyerReturn, withStripePayment } from './stripe-payments.js';
import type { SaleAttempt } from './stripe-settlement.js';

type ProductOrder = typeof productOrders.$inferSelect;

/**
 * A pass or gift voucher paid through Stripe: the purchase waits, pending, with one
 * PaymentIntent (its key names the purchase and its amount, so every retry reuses it), and the
 * pass or voucher is issued by the settling (services/stripe-settlement.ts) in the batch that
 * marks the payment sold. There is no seat to lose, so a payment is given back only when the
 * purchase was closed meanwhile.
 */
export async function openStripeProductPayment(deps: Deps, stripe: StripeSettings, shop: Shop, order: ProductOrder): Promise<void> {
  const { db } = deps.storage;
  const [existing] = await db
    .select({ id: stripePayments.id })
    .from(stripePayments)
    .where(and(eq(stripePayments.productOrderId, order.id), eq(stripePayments.state, 'open')));
  if (existing) return;
  let intent;
  try {
    intent = await stripe.gateway.createIntent(
      {
        amount: order.amount,
        currency: order.currency,
        account: shop.stripeAccount,
        // The platform's commission is per ticket sold: none on passes and vouchers.
        applicationFee: 0,
        description: `${shop.name} — ${order.kind === 'pass' ? 'pass' : 'gift voucher'} ${order.number}`,
        metadata: { product_order_number: order.number, product_order_id: order.id, shop_id: shop.id },
        receiptEmail: order.buyerEmail,
      },
      `pi:${order.id}:${order.amount}`,
    );
  } catch (err) {
    throw providerUnavailable(err);
  }
  const now = deps.now();
  await db
    .insert(stripePayments)
    .values({
      id: intent.id,
      shopId: shop.id,
      productOrderId: order.id,
      account: shop.stripeAccount,
      livemode: intent.livemode,
      amount: order.amount,
      currency: order.currency,
      clientSecret: intent.clientSecret,
      state: 'open',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

/** Issues the paid pass or voucher; `leased` marks the payment sold in the same batch. */
export async function sellProduct(deps: Deps, row: { id: string; productOrderId: string | null }, _intent: IntentSnapshot, leased: BatchItem<'sqlite'>[]): Promise<SaleAttempt> {
  const { db } = deps.storage;
  const [found] = await db
    .select({ order: productOrders, shop: shops })
    .from(productOrders)
    .innerJoin(shops, eq(shops.id, productOrders.shopId))
    .where(eq(productOrders.id, row.productOrderId!));
  if (!found || found.order.status !== 'pending') return { sold: false, reason: 'order_closed' };
  // The buyer paid for this pass: it is issued even if it went off sale while they were paying.
  const product = found.order.passProductId ? ((await db.select().from(passProducts).where(eq(passProducts.id, found.order.passProductId)))[0] ?? null) : null;
  try {
    await completeProductOrder(deps, found.shop, found.order, product, 'stripe', row.id, leased);
    return { sold: true };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'already_paid')) throw err;
    // Its batch did not commit: paid by this payment through another caller (who then holds the lease), or closed.
    const [now] = await db.select({ status: productOrders.status, reference: productOrders.providerReference }).from(productOrders).where(eq(productOrders.id, found.order.id));
    return now?.status === 'pending' || now?.reference === row.id ? { sold: false, reason: null } : { sold: false, reason: 'order_closed' };
  }
}

/**
 * The buyer is back from Stripe with the purchase's PaymentIntent: settle it and answer the
 * purchase as it now stands (its code once issued), or why not.
 */
export async function answerProductStripeReturn(deps: Deps, shop: Shop, order: ProductOrder, paymentIntentId: string): Promise<ProductOrderView> {
  const { db } = deps.storage;
  const { processing } = await settleBuyerReturn(deps, shop, { productOrderId: order.id }, order, paymentIntentId, {
    returned: (refunded) =>
      refunded ? 'Your payment arrived but this purchase was already closed; it is refunded in full.' : 'Your payment arrived but this purchase was already closed; nothing was charged.',
    declined: 'Nothing was charged; you can try again.',
  });
  const [fresh] = await db.select().from(productOrders).where(eq(productOrders.id, order.id));
  return processingIf(processing, await withStripePayment(db, deps.stripe, { productOrderId: order.id }, await productOrderView(db, shop, fresh!, deps.now())));
}
