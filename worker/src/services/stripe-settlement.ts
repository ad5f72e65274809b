import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { shops } from '../../../db/schema/catalog.js';
import { holds } from '../../../db/schema/inventory.js';
import { orders, payments } from '../../../db/schema/orders.js';
import { stripePayments, type stripeReturnReasons } from '../../../db/schema/stripe.js';
import { type Db, isGuardFailure } from '../db.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { type IntentSnapshot, StripeCallError } from '../payments/stripe/gateway.js';
import type { StripeSettings } from '../payments/stripe/settings.js';
import { completeSale } from './checkout.js';
import { guard } from './ledger-guards.js';
import { loadPerformanceContext, orderFacts, type PerformanceContext, recipientOf } from './message-facts.js';
import { queueMessage } from './outbox.js';
import { reviveHold } from './stripe-revival.js';
import { sellProduct } from './stripe-product-sales.js';
import { providerUnavailable, type StripePaymentRow } from './stripe-payments.js';

type Statement = BatchItem<'sqlite'>;
type OrderRow = typeof orders.$inferSelect;
export type ReturnReason = (typeof stripeReturnReasons)[number];

/**
 * Settling a Stripe payment: whoever comes first (the buyer back from Stripe, Stripe's webhook,
 * the settling job) completes the sale or gives the money back; every later or simultaneous
 * caller finds it done and changes nothing.
 *
 * One caller at a time holds the payment's lease (a conditional write from the state it read,
 * so the database picks the one). The holder asks Stripe where the payment stands (never the
 * page or the event body) and, if the money is there, sells the cart in one batch that also
 * marks the payment sold — only while its lease is still the one it took. If the cart can no
 * longer be sold (seats gone after the hold lapsed, the cart changed, a code used up), the
 * payment is marked `returning` first and then voided or refunded in full, and the buyer told;
 * a crash half-way leaves `returning`, which the job finishes. Cards are captured only once the
 * sale is committed; a capture Stripe does not answer is retried by the job.
 */

/** How long a caller may hold a payment before another may take over (a crashed caller). */
export const LEASE_MS = 60_000;

export type SettleOutcome =
  | { kind: 'sold' }
  | { kind: 'returned'; reason: ReturnReason | null; refunded: boolean }
  /** The buyer has not paid (or Stripe waits for them: 3-D Secure, an app switch). */
  | { kind: 'awaiting' }
  | { kind: 'declined'; declineCode: string; message: string }
  /** Stripe is processing the payment, or another caller is settling it now. */
  | { kind: 'processing' }
  /** The PaymentIntent was cancelled before anything was paid. */
  | { kind: 'canceled' }
  | { kind: 'unknown' };

export interface SettleOptions {
  source: 'return' | 'webhook' | 'job' | 'checkout';
  /** The buyer's return names its shop: a payment of another shop is unknown to it. */
  shopId?: string;
}

const readRow = async (db: Db, id: string) => (await db.select().from(stripePayments).where(eq(stripePayments.id, id)))[0];

export async function settleStripePayment(deps: Deps, paymentIntentId: string, options: SettleOptions): Promise<SettleOutcome> {
  const stripe = deps.stripe;
  if (!stripe) throw new ApiError(404, 'stripe_not_configured', 'This server has no Stripe keys.');
  const { db } = deps.storage;
  // A few rounds: a caller that loses the lease race reads again and answers what the winner did.
  for (let round = 0; round < 4; round++) {
    const row = await readRow(db, paymentIntentId);
    if (!row || (options.shopId && row.shopId !== options.shopId)) return { kind: 'unknown' };
    const now = deps.now();
    if (row.state === 'sold') {
      await ensureCaptured(deps, stripe, row);
      return { kind: 'sold' };
    }
    if (row.state === 'returned') return row.returnReason === null ? { kind: 'canceled' } : { kind: 'returned', reason: row.returnReason, refunded: row.refunded === true };
    if ((row.state === 'settling' || row.state === 'returning') && (row.leaseUntil ?? 0) > now) return { kind: 'processing' };

    const intent = await retrieve(stripe, row);
    const paid = intent.status === 'requires_capture' || intent.status === 'succeeded';
    if (!paid && row.state !== 'returning') {
      if (row.state === 'settling') await releaseLapsedLease(db, row, now);
      const outcome = await notPaid(deps, row, intent);
      // Cancelled at Stripe: by another caller that gave it back meanwhile, or never paid. Read again to answer which.
      if (outcome.kind === 'canceled') continue;
      return outcome;
    }

    const lease = await takeLease(db, row, now);
    if (lease === null) continue;
    const held: StripePaymentRow = { ...row, state: row.state === 'returning' ? 'returning' : 'settling', leaseUntil: lease };
    if (row.state === 'returning') return await finishReturn(deps, stripe, held, intent, row.returnReason ?? 'order_closed');
    if (row.state === 'superseded') return await giveBack(deps, stripe, held, intent, 'hold_changed');
    const sale = await sell(deps, held, intent);
    if (sale.sold) {
      await ensureCaptured(deps, stripe, { ...held, state: 'sold', capture: intent.status === 'requires_capture' ? 'pending' : 'captured' });
      return { kind: 'sold' };
    }
    if (sale.reason === null) return { kind: 'processing' };
    return await giveBack(deps, stripe, held, intent, sale.reason);
  }
  return { kind: 'processing' };
}

async function retrieve(stripe: StripeSettings, row: StripePaymentRow): Promise<IntentSnapshot> {
  try {
    return await stripe.gateway.retrieveIntent(row.id, row.account);
  } catch (err) {
    throw providerUnavailable(err);
  }
}

/**
 * Takes the lease from the state this caller read (and, for `settling`, only once its lease
 * has lapsed): of two callers that read the same row, the database lets exactly one through.
 * The lease's end is its token: the sale's batch only commits while it is still this one.
 */
async function takeLease(db: Db, row: StripePaymentRow, now: number): Promise<number | null> {
  const lease = now + LEASE_MS + Math.floor(Math.random() * 1000);
  const from = and(
    eq(stripePayments.id, row.id),
    eq(stripePayments.state, row.state),
    row.state === 'settling' || row.state === 'returning' ? sql`${stripePayments.leaseUntil} <= ${now}` : undefined,
    row.leaseUntil === null ? isNull(stripePayments.leaseUntil) : eq(stripePayments.leaseUntil, row.leaseUntil),
  );
  const taken = await db
    .update(stripePayments)
    .set({ state: row.state === 'returning' ? 'returning' : 'settling', leaseUntil: lease, updatedAt: now })
    .where(from)
    .returning({ id: stripePayments.id });
  return taken.length === 1 ? lease : null;
}

/**
 * The statement that moves a leased payment on, and the guard that it did: the lease's end is
 * still this caller's (leases only grow, since a new one is taken after the last has lapsed).
 */
export function whileLeased(db: Db, row: StripePaymentRow, set: Partial<StripePaymentRow>, name: string): Statement[] {
  const leased = and(eq(stripePayments.id, row.id), eq(stripePayments.leaseUntil, row.leaseUntil!));
  return [
    db
      .update(stripePayments)
      .set(set)
      .where(and(leased, inArray(stripePayments.state, ['settling', 'returning']))),
    guard(db, name, sql`EXISTS (SELECT 1 FROM ${stripePayments} WHERE ${leased} AND ${stripePayments.state} = ${set.state ?? row.state})`),
  ];
}

async function releaseLapsedLease(db: Db, row: StripePaymentRow, now: number) {
  await db
    .update(stripePayments)
    .set({ state: 'open', leaseUntil: null, updatedAt: now })
    .where(and(eq(stripePayments.id, row.id), eq(stripePayments.state, 'settling'), sql`${stripePayments.leaseUntil} <= ${now}`));
}

/** Not paid (yet): a decline is recorded once per attempt for the buyer's "why"; a cancelled one is closed. */
async function notPaid(deps: Deps, row: StripePaymentRow, intent: IntentSnapshot): Promise<SettleOutcome> {
  const { db } = deps.storage;
  const now = deps.now();
  if (intent.status === 'canceled') {
    await db
      .update(stripePayments)
      .set({ state: 'returned', refunded: false, leaseUntil: null, updatedAt: now })
      .where(and(eq(stripePayments.id, row.id), inArray(stripePayments.state, ['open', 'superseded'])));
    return { kind: 'canceled' };
  }
  if (intent.status === 'processing') return { kind: 'processing' };
  if (intent.status === 'requires_payment_method' && intent.lastError) {
    const declineCode = intent.lastError.declineCode ?? intent.lastError.code;
    // A ticket order keeps every attempt (the payments table); a purchase of a pass or voucher only answers it.
    if (row.orderId === null) return { kind: 'declined', declineCode, message: intent.lastError.message };
    // One row per failed attempt: each attempt has its own charge (or, without one, its own error).
    const attempt = intent.latestCharge ?? `${intent.id}_${intent.lastError.code}`;
    await db
      .insert(payments)
      .values({
        id: `dcl_${attempt}`,
        shopId: row.shopId,
        orderId: row.orderId,
        provider: 'stripe',
        method: 'stripe',
        status: 'declined',
        amount: row.amount,
        currency: row.currency,
        providerReference: row.id,
        declineCode,
        createdAt: now,
      })
      .onConflictDoNothing();
    return { kind: 'declined', declineCode, message: intent.lastError.message };
  }
  return { kind: 'awaiting' };
}

export type SaleAttempt = { sold: true } | { sold: false; reason: ReturnReason | null };

/** Completes what the payment pays for: a ticket order's cart, or a pass or voucher. */
function sell(deps: Deps, row: StripePaymentRow, intent: IntentSnapshot): Promise<SaleAttempt> {
  if (row.productOrderId !== null) return sellProduct(deps, row, intent, whileLeased(deps.storage.db, row, { state: 'sold', capture: intent.status === 'succeeded' ? 'captured' : 'pending', updatedAt: deps.now() }, 'stripe_payment_leased'));
  return sellTickets(deps, row as StripePaymentRow & { orderId: string }, intent);
}

/** Sells the paid cart to the order, with the payment marked sold in the same batch. */
async function sellTickets(deps: Deps, row: StripePaymentRow & { orderId: string }, intent: IntentSnapshot): Promise<SaleAttempt> {
  const { db } = deps.storage;
  const now = deps.now();
  const [found] = await db
    .select({ order: orders, shop: shops, hold: holds })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .innerJoin(holds, eq(holds.id, orders.holdId))
    .where(eq(orders.id, row.orderId));
  if (!found) return { sold: false, reason: 'order_closed' };
  const { shop } = found;
  let { order, hold } = found;
  if (order.status !== 'pending' && order.status !== 'expired') return { sold: false, reason: 'order_closed' };
  if (hold.id !== row.holdId || hold.version !== row.holdVersion || order.insured !== row.insured) return { sold: false, reason: 'hold_changed' };
  if (hold.status === 'converted') return { sold: false, reason: 'order_closed' };

  if (hold.status !== 'active' || hold.expiresAt <= now) {
    // Paid after the hold lapsed: the seats are the buyer's if they are still free, taken as a new hold would take them.
    const revived = await reviveHold(deps, shop, order, row);
    if (!revived.ok) return { sold: false, reason: revived.reason };
    ({ order, hold } = revived);
    row = { ...row, holdId: hold.id, holdVersion: hold.version };
  }

  const updatedAt = deps.now();
  const captured = intent.status === 'succeeded';
  try {
    await completeSale(deps, shop, hold, order, {
      amountDue: row.amount,
      method: 'stripe',
      providerName: 'stripe',
      reference: row.id,
      paymentId: chargePaymentId(row.id),
      paymentStatus: captured ? 'captured' : 'authorized',
      statements: whileLeased(db, row, { state: 'sold', capture: captured ? 'captured' : 'pending', updatedAt }, 'stripe_payment_leased'),
    });
    return { sold: true };
  } catch (err) {
    if (err instanceof ApiError) {
      if (err.code === 'hold_changed' || err.code === 'hold_expired') {
        const [current] = await db.select().from(holds).where(eq(holds.id, hold.id));
        const lapsed = !current || current.status !== 'active' || current.expiresAt <= deps.now();
        return { sold: false, reason: lapsed ? 'seats_taken' : 'hold_changed' };
      }
      if (err.code === 'hold_converted') return { sold: false, reason: 'order_closed' };
      if (err.status === 409 || err.status === 410) return { sold: false, reason: 'codes_changed' };
    }
    if (isGuardFailure(err)) return { sold: false, reason: null };
    throw err;
  }
}

/** The id of the charge row of a Stripe payment: one per PaymentIntent, whoever records it. */
export const chargePaymentId = (paymentIntentId: string) => `pay_${paymentIntentId}`;
const returnPaymentId = (paymentIntentId: string) => `rfd_${paymentIntentId}`;

/** Marks the payment as being returned (so a crash from here on is finished by the job), then returns it. */
async function giveBack(deps: Deps, stripe: StripeSettings, row: StripePaymentRow, intent: IntentSnapshot, reason: ReturnReason): Promise<SettleOutcome> {
  const { db } = deps.storage;
  const updatedAt = deps.now();
  try {
    await db.batch(whileLeased(db, row, { state: 'returning', returnReason: reason, updatedAt }, 'stripe_payment_leased') as [Statement, ...Statement[]]);
  } catch (err) {
    if (isGuardFailure(err)) return { kind: 'processing' };
    throw err;
  }
  return finishReturn(deps, stripe, { ...row, state: 'returning', returnReason: reason, updatedAt }, intent, reason);
}

/**
 * Voids an authorization or refunds a captured payment in full (idempotency keys named after
 * the PaymentIntent, so a second try never returns twice), then records it and tells the buyer.
 */
async function finishReturn(deps: Deps, stripe: StripeSettings, row: StripePaymentRow, intent: IntentSnapshot, reason: ReturnReason): Promise<SettleOutcome> {
  const { db } = deps.storage;
  let refunded = false;
  try {
    if (intent.status === 'requires_capture') {
      await stripe.gateway.cancelIntent(row.id, row.account, `void:${row.id}`);
    } else if (intent.status === 'succeeded') {
      await stripe.gateway.refund(row.id, row.account, undefined, `return:${row.id}`, { reason, order_id: row.orderId ?? row.productOrderId ?? '' });
      refunded = true;
    }
  } catch (err) {
    if (err instanceof StripeCallError && err.kind === 'state') {
      // It moved meanwhile (e.g. captured by Stripe, or already cancelled): read it again and return what it now is.
      const again = await retrieve(stripe, row);
      if (again.status !== intent.status) return finishReturn(deps, stripe, row, again, reason);
    }
    // Stripe did not answer: the payment stays `returning` and the settling job finishes it.
    return { kind: 'processing' };
  }

  const now = deps.now();
  const returned = db
    .update(stripePayments)
    .set({ state: 'returned', refunded, updatedAt: now })
    .where(and(eq(stripePayments.id, row.id), eq(stripePayments.state, 'returning')));
  if (row.orderId === null) {
    // A purchase of a pass or voucher has no money trail of its own (its order keeps the PaymentIntent); the page says why.
    await returned;
    return { kind: 'returned', reason, refunded };
  }
  const [found] = await db.select({ order: orders, shop: shops }).from(orders).innerJoin(shops, eq(shops.id, orders.shopId)).where(eq(orders.id, row.orderId));
  const base = { shopId: row.shopId, orderId: row.orderId, provider: 'stripe', method: 'stripe', amount: row.amount, currency: row.currency, providerReference: row.id, createdAt: now };
  const statements: Statement[] = [
    returned,
    // The money's trail: a voided authorization, or a charge and its refund.
    db
      .insert(payments)
      .values({ ...base, id: chargePaymentId(row.id), status: refunded ? 'captured' : 'voided' })
      .onConflictDoNothing(),
  ];
  if (refunded) statements.push(db.insert(payments).values({ ...base, id: returnPaymentId(row.id), kind: 'refund', status: 'refunded' }).onConflictDoNothing());
  if (found) statements.push(returnNotice(db, found.shop, found.order, await loadPerformanceContext(db, found.order.performanceId), row, reason, refunded, now));
  await db.batch(statements as [Statement, ...Statement[]]);
  return { kind: 'returned', reason, refunded };
}

/** The buyer's notice (once per payment), in the batch that records the return. */
function returnNotice(db: Db, shop: Shop, order: OrderRow, context: PerformanceContext, row: StripePaymentRow, reason: ReturnReason, refunded: boolean, now: number) {
  return queueMessage(
    db,
    {
      shopId: shop.id,
      orderId: order.id,
      kind: 'payment_returned',
      dedupeKey: `payment_returned:${row.id}`,
      ...recipientOf(order),
      payload: { order: orderFacts(shop, order, context), reason, amount: row.amount, refunded },
    },
    now,
  );
}

/**
 * Captures a card payment whose sale is committed. Stripe not answering leaves it `pending`
 * for the job; an authorization that lapsed before it could be captured cancels the order
 * (services/stripe-lapsed.ts), since the seats were sold for money that never came.
 */
export async function ensureCaptured(deps: Deps, stripe: StripeSettings, row: StripePaymentRow): Promise<void> {
  if (row.state !== 'sold' || row.capture !== 'pending') return;
  const { db } = deps.storage;
  let intent: IntentSnapshot;
  try {
    intent = await stripe.gateway.captureIntent(row.id, row.account, `capture:${row.id}`);
  } catch (err) {
    if (!(err instanceof StripeCallError) || err.kind !== 'state') return;
    try {
      intent = await stripe.gateway.retrieveIntent(row.id, row.account);
    } catch {
      return;
    }
  }
  const now = deps.now();
  if (intent.status === 'succeeded') {
    await db.batch([
      db
        .update(stripePayments)
        .set({ capture: 'captured', updatedAt: now })
        .where(and(eq(stripePayments.id, row.id), eq(stripePayments.capture, 'pending'))),
      db
        .update(payments)
        .set({ status: 'captured' })
        .where(and(eq(payments.id, chargePaymentId(row.id)), eq(payments.status, 'authorized'))),
    ]);
  } else if (intent.status === 'canceled') {
    const { cancelUncapturedSale } = await import('./stripe-lapsed.js');
    await cancelUncapturedSale(deps, row);
  }
}
