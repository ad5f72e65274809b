import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { orders } from '../../../db/schema/orders.js';
import { stripePayments } from '../../../db/schema/stripe.js';
import type { StripePaymentView, OrderView } from '../../../contract/responses/orders.js';
import type { Db } from '../db.js';
import { ticketCommission } from '../domain/pricing.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { StripeCallError } from '../payments/stripe/gateway.js';
import type { StripeSettings } from '../payments/stripe/settings.js';
import type { HoldRow } from './holds.js';
import { getOrderView } from './orders.js';
import type { SalePricing } from './sale-statements.js';

type OrderRow = typeof orders.$inferSelect;
export type StripePaymentRow = typeof stripePayments.$inferSelect;

/**
 * The PaymentIntent for one priced cart. Its idempotency key names the order, the hold's
 * version, the amount, the insurance choice and how many PaymentIntents the order had before:
 * a checkout retried for the same cart gets the same PaymentIntent (from our row, or from
 * Stripe's replay of the key if our write was lost), and a changed cart (or one whose earlier
 * PaymentIntent was closed) gets a new one while the old one is cancelled.
 */
export const intentKey = (orderId: string, holdVersion: number, amount: number, insured: boolean, earlier: number) =>
  `pi:${orderId}:v${holdVersion}:${amount}:${insured ? 'i' : 'n'}:${earlier}`;

/** The platform's commission on a sale, taken as the application fee of a connected account's charge. */
export function applicationFee(shop: Shop, sale: SalePricing): number {
  return sale.priced.tickets.reduce((sum, t) => sum + ticketCommission(t.netPrice, shop.commissionPerTicket, shop.commissionBasisPoints), 0);
}

/** Stripe's failure as the buyer's answer: nothing was charged, the cart stays as it is. */
export function providerUnavailable(err: unknown): ApiError<'payment_provider_unavailable'> {
  const detail = err instanceof StripeCallError && err.kind === 'auth' ? ' (the shop’s payment account refused the request)' : '';
  return new ApiError(503, 'payment_provider_unavailable', `The payment service did not answer${detail}. Nothing was charged; please try again in a moment.`);
}

/**
 * Opens (or reopens) the Stripe payment of a pending order for its cart as priced now. Older
 * PaymentIntents of the order are marked superseded in the same batch and cancelled at Stripe;
 * one that was paid meanwhile is settled, which gives its money back (its cart is gone).
 */
export async function openStripePayment(deps: Deps, stripe: StripeSettings, shop: Shop, hold: HoldRow, sale: SalePricing, order: OrderRow): Promise<void> {
  const { db } = deps.storage;
  const amount = sale.priced.amountDue;
  const [existing] = await db
    .select({ id: stripePayments.id })
    .from(stripePayments)
    .where(
      and(
        eq(stripePayments.orderId, order.id),
        eq(stripePayments.holdVersion, hold.version),
        eq(stripePayments.amount, amount),
        eq(stripePayments.insured, sale.insured),
        eq(stripePayments.holdId, hold.id),
        eq(stripePayments.state, 'open'),
      ),
    );
  if (existing) return;

  const earlier = (await db.select({ id: stripePayments.id }).from(stripePayments).where(eq(stripePayments.orderId, order.id))).length;
  const account = shop.stripeAccount;
  const fee = account ? Math.min(applicationFee(shop, sale), amount) : 0;
  let intent;
  try {
    intent = await stripe.gateway.createIntent(
      {
        amount,
        currency: sale.priced.currency,
        account,
        applicationFee: fee,
        description: `${shop.name} — order ${order.number}`,
        metadata: { order_number: order.number, order_id: order.id, shop_id: shop.id, hold_version: String(hold.version) },
        receiptEmail: order.buyerEmail,
      },
      intentKey(order.id, hold.version, amount, sale.insured, earlier),
    );
  } catch (err) {
    throw providerUnavailable(err);
  }
  const now = deps.now();
  const superseded = await db
    .select({ id: stripePayments.id, account: stripePayments.account })
    .from(stripePayments)
    .where(and(eq(stripePayments.orderId, order.id), eq(stripePayments.state, 'open'), ne(stripePayments.id, intent.id)));
  await db.batch([
    db
      .insert(stripePayments)
      .values({
        id: intent.id,
        shopId: shop.id,
        orderId: order.id,
        account,
        livemode: intent.livemode,
        holdId: hold.id,
        holdVersion: hold.version,
        insured: sale.insured,
        amount,
        currency: sale.priced.currency,
        applicationFee: fee,
        clientSecret: intent.clientSecret,
        state: 'open',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
    db
      .update(stripePayments)
      .set({ state: 'superseded', updatedAt: now })
      .where(and(eq(stripePayments.orderId, order.id), eq(stripePayments.state, 'open'), ne(stripePayments.id, intent.id))),
  ]);
  // The old carts' PaymentIntents must not take money any more; one the buyer paid in the meantime is given back by its settling.
  await Promise.all(superseded.map((old) => cancelSuperseded(deps, stripe, old)));
}

async function cancelSuperseded(deps: Deps, stripe: StripeSettings, old: { id: string; account: string | null }) {
  try {
    await stripe.gateway.cancelIntent(old.id, old.account, `cancel:${old.id}`);
  } catch (err) {
    if (err instanceof StripeCallError && err.kind === 'state') {
      const { settleStripePayment } = await import('./stripe-settlement.js');
      await settleStripePayment(deps, old.id, { source: 'checkout' }).catch(() => undefined);
    }
    // Stripe unreachable: the settling job retries superseded payments that took money.
  }
}

/** What the buyer's page pays: a ticket order or a purchase of a pass or voucher. */
export type Payable = { orderId: string } | { productOrderId: string };

const ownedBy = (payable: Payable) => ('orderId' in payable ? eq(stripePayments.orderId, payable.orderId) : eq(stripePayments.productOrderId, payable.productOrderId));

/** The Stripe payment to make (or being completed) for the buyer's page, on a view of an order or a purchase. */
export async function withStripePayment<V extends { paymentMethod: string | null; status: string; stripe: StripePaymentView | null }>(
  db: Db,
  stripe: StripeSettings | undefined,
  payable: Payable,
  view: V,
): Promise<V> {
  if (!stripe || view.paymentMethod !== 'stripe' || view.status !== 'pending') return view;
  const [row] = await db
    .select()
    .from(stripePayments)
    .where(and(ownedBy(payable), inArray(stripePayments.state, ['open', 'settling'])))
    .orderBy(desc(stripePayments.createdAt))
    .limit(1);
  return row ? { ...view, stripe: stripePaymentView(stripe, row) } : view;
}

export function stripePaymentView(stripe: StripeSettings, row: StripePaymentRow): StripePaymentView {
  return {
    paymentIntentId: row.id,
    clientSecret: row.clientSecret,
    publishableKey: stripe.publishableKey,
    stripeAccount: row.account,
    amount: row.amount,
    currency: row.currency,
    status: row.state === 'open' ? 'requires_payment' : 'processing',
  };
}

const RETURN_WAITS = 10;
const RETURN_WAIT_MS = 150;

/**
 * Settles for a buyer who came back; when another arrival (the webhook) is completing it right
 * now, waits a moment for its outcome rather than answer "processing".
 */
export async function settleUntilDecided(deps: Deps, shop: Shop, paymentIntentId: string) {
  const { settleStripePayment } = await import('./stripe-settlement.js');
  let outcome = await settleStripePayment(deps, paymentIntentId, { source: 'return', shopId: shop.id });
  for (let wait = 0; outcome.kind === 'processing' && wait < RETURN_WAITS; wait++) {
    await new Promise((resolve) => setTimeout(resolve, RETURN_WAIT_MS));
    outcome = await settleStripePayment(deps, paymentIntentId, { source: 'return', shopId: shop.id });
  }
  return outcome;
}

/** What the buyer is told when a payment did not make the sale, per kind of payable. */
export interface ReturnTexts {
  returned: (refunded: boolean) => string;
  declined: string;
}

/**
 * The buyer is back from Stripe with this PaymentIntent of an order or a purchase: settle it
 * (services/stripe-settlement.ts), and answer why the payment did not make a sale (a decline,
 * the money given back) as the API's errors; the caller then answers the order as it stands.
 * Answers whether Stripe is still processing it.
 */
export async function settleBuyerReturn(
  deps: Deps,
  shop: Shop,
  payable: Payable,
  order: { number: string; secret: string },
  paymentIntentId: string,
  texts: ReturnTexts,
): Promise<{ processing: boolean }> {
  if (!deps.stripe) throw new ApiError(400, 'payment_method_unavailable', 'This shop does not offer the payment method "stripe".');
  const [row] = await deps.storage.db
    .select({ id: stripePayments.id })
    .from(stripePayments)
    .where(and(eq(stripePayments.id, paymentIntentId), eq(stripePayments.shopId, shop.id), ownedBy(payable)));
  if (!row) throw new ApiError(404, 'payment_not_found', 'There is no payment with this id for this order.');
  const outcome = await settleUntilDecided(deps, shop, paymentIntentId);
  if (outcome.kind === 'returned' && outcome.reason !== null) {
    throw new ApiError(409, 'payment_returned', texts.returned(outcome.refunded), { reason: outcome.reason, refunded: outcome.refunded, orderNumber: order.number });
  }
  if (outcome.kind === 'declined') {
    throw new ApiError(402, 'payment_declined', `${outcome.message} ${texts.declined}`, { declineCode: outcome.declineCode, orderNumber: order.number, orderSecret: order.secret });
  }
  return { processing: outcome.kind === 'processing' };
}

/** Marks the view's payment as being completed when Stripe (or another arrival) is still on it. */
export const processingIf = <V extends { stripe: StripePaymentView | null }>(processing: boolean, view: V): V =>
  processing && view.stripe ? { ...view, stripe: { ...view.stripe, status: 'processing' } } : view;

/** A ticket order's return from Stripe: the order as it now stands, or why not. */
export async function answerStripeReturn(deps: Deps, shop: Shop, order: OrderRow, paymentIntentId: string): Promise<OrderView> {
  const { db } = deps.storage;
  const { processing } = await settleBuyerReturn(deps, shop, { orderId: order.id }, order, paymentIntentId, {
    returned: (refunded) =>
      refunded
        ? 'Your payment arrived but the order could not be completed; it is refunded in full. You have been sent an e-mail.'
        : 'Your payment arrived but the order could not be completed; nothing was charged. You have been sent an e-mail.',
    declined: 'Your seats stay reserved until the hold expires; you can try again.',
  });
  return processingIf(processing, await withStripePayment(db, deps.stripe, { orderId: order.id }, await getOrderView(db, shop, order.number, deps.now())));
}
