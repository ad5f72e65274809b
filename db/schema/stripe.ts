import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { shops } from './catalog.js';
import { productOrders } from './codes.js';
import { orders } from './orders.js';
import { stripeCaptureStates, stripePaymentStates, stripeReturnReasons } from '../../contract/vocabulary.js';

/**
 * Where a Stripe payment of an order stands on our side (Stripe's own status is asked of Stripe):
 * - `open`: waiting for the buyer to pay;
 * - `settling`: one caller (the buyer's return, the webhook or the job) holds the lease and is
 *   completing the sale or giving the money back; others wait until it ends or `leaseUntil` passes;
 * - `sold`: the order is paid with it (`capture` says whether the money is taken yet);
 * - `returning` → `returned`: the sale could not be made (`returnReason`); the authorization is
 *   being released or the payment refunded in full, and then was;
 * - `superseded`: the cart changed and a new PaymentIntent replaced this one, which was cancelled.
 */
export { stripePaymentStates, stripeCaptureStates, stripeReturnReasons };

/**
 * One row per PaymentIntent the API created, for a ticket order or for a purchase of a pass or
 * a gift voucher (exactly one of the two). A ticket order has one for each priced version of
 * its cart it was asked to pay (the idempotency key names the order, the hold version, the
 * amount and the insurance choice), so a retried checkout reuses it and a changed cart replaces
 * it; a purchase has one.
 */
export const stripePayments = sqliteTable(
  'stripe_payments',
  {
    /** The PaymentIntent id, `pi_…`. */
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    orderId: text('order_id').references(() => orders.id),
    productOrderId: text('product_order_id').references(() => productOrders.id),
    /** The connected account it was charged on (Stripe Connect), or null for the platform's own. */
    account: text('account'),
    livemode: integer('livemode', { mode: 'boolean' }).notNull(),
    /** The cart it pays (ticket orders): the hold at this version, priced at this amount. */
    holdId: text('hold_id'),
    holdVersion: integer('hold_version'),
    insured: integer('insured', { mode: 'boolean' }).notNull().default(false),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    applicationFee: integer('application_fee').notNull().default(0),
    /** Handed to the buyer's page only (with the order's secret) for the Payment Element. */
    clientSecret: text('client_secret').notNull(),
    state: text('state', { enum: stripePaymentStates }).notNull(),
    /** While `settling`: the holder's lease; a caller finding it past may take over. */
    leaseUntil: integer('lease_until'),
    /** `pending`: authorized (cards), to be captured; `captured`: the money is taken; `not_captured`: the authorization lapsed before it could be. */
    capture: text('capture', { enum: stripeCaptureStates }).notNull().default('none'),
    returnReason: text('return_reason', { enum: stripeReturnReasons }),
    /** True when the money was refunded (it had been captured), false when only an authorization was released. */
    refunded: integer('refunded', { mode: 'boolean' }),
    /** What Stripe says was refunded of the charge (charge.refunded), dashboard refunds included. */
    amountRefunded: integer('amount_refunded').notNull().default(0),
    /** A buyer disputed the charge with their bank: staff must look at the order. */
    disputedAt: integer('disputed_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('stripe_payments_order_idx').on(t.orderId),
    index('stripe_payments_product_order_idx').on(t.productOrderId),
    check('stripe_payments_one_order', sql`(${t.orderId} IS NULL) <> (${t.productOrderId} IS NULL)`),
    // The settling job takes leases that lapsed, captures that are due and returns left half-way.
    index('stripe_payments_state_idx').on(t.state, t.capture, t.updatedAt),
    check('stripe_payments_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** Each Stripe event handled, once: a replay finds its id here and changes nothing. */
export const stripeEvents = sqliteTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  account: text('account'),
  receivedAt: integer('received_at').notNull(),
});
