import { eq, sql } from 'drizzle-orm';
import { stripeEvents, stripePayments } from '../../../db/schema/stripe.js';
import type { StripeWebhookReceipt } from '../../../contract/payments.js';
import type { Deps } from '../env.js';
import { ApiError } from '../errors.js';
import type { StripeSettings } from '../payments/stripe/settings.js';
import { cancelUncapturedSale } from './stripe-lapsed.js';
import { settleStripePayment } from './stripe-settlement.js';

/** The events that move a payment on: each makes the API ask Stripe where it stands and settle it. */
const intentEvents = new Set(['payment_intent.succeeded', 'payment_intent.amount_capturable_updated', 'payment_intent.payment_failed', 'payment_intent.canceled', 'payment_intent.processing']);

interface EventLike {
  id: string;
  type: string;
  account?: string | undefined;
  data: { object: { id: string; object: string; [key: string]: unknown } };
}

/**
 * Verifies Stripe's signature on the raw body, then handles the event once. The event body
 * only says which payment to look at: what happened is asked of Stripe by the settling, so an
 * event that comes late, twice or out of order cannot move a payment backwards. Its id is
 * stored after it was handled; a replay of a stored id changes nothing. A failure to handle
 * answers 503 so that Stripe sends it again.
 */
export async function receiveStripeEvent(deps: Deps, rawBody: string, signature: string | undefined): Promise<StripeWebhookReceipt> {
  const stripe = deps.stripe;
  if (!stripe || stripe.webhookSecrets.length === 0) throw new ApiError(404, 'stripe_not_configured', 'This server does not receive Stripe events (STRIPE_WEBHOOK_SECRET is not set).');
  const event = await verified(stripe, rawBody, signature, deps.now());
  const { db } = deps.storage;
  const [seen] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return { received: true, duplicate: true, handled: false };

  const handled = await handle(deps, event);
  await db
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, account: event.account ?? null, receivedAt: deps.now() })
    .onConflictDoNothing();
  return { received: true, duplicate: false, handled };
}

async function verified(stripe: StripeSettings, rawBody: string, signature: string | undefined, now: number): Promise<EventLike> {
  if (!signature) throw new ApiError(400, 'stripe_signature_invalid', 'The Stripe-Signature header is missing.');
  try {
    return (await stripe.gateway.verifyEvent(rawBody, signature, stripe.webhookSecrets, now)) as unknown as EventLike;
  } catch {
    throw new ApiError(400, 'stripe_signature_invalid', 'The Stripe signature does not match this body, or it is older than 300 seconds.');
  }
}

async function handle(deps: Deps, event: EventLike): Promise<boolean> {
  const object = event.data.object;
  const paymentIntentId = intentEvents.has(event.type)
    ? object.id
    : typeof object.payment_intent === 'string'
      ? object.payment_intent
      : null;
  if (!paymentIntentId) return false;
  const { db } = deps.storage;
  const [row] = await db.select().from(stripePayments).where(eq(stripePayments.id, paymentIntentId));
  // Not ours (another integration on the same Stripe account), or from another account than the one it was made on.
  if (!row || row.account !== (event.account ?? null)) return false;

  if (intentEvents.has(event.type)) {
    if (event.type === 'payment_intent.canceled' && row.state === 'sold' && row.capture === 'pending') {
      await cancelUncapturedSale(deps, row);
      return true;
    }
    await settleStripePayment(deps, paymentIntentId, { source: 'webhook' });
    return true;
  }
  if (event.type === 'charge.refunded' && object.object === 'charge') {
    // Refunds made here are recorded when made (services/refunds.ts); this keeps Stripe's total, which also counts refunds made in its dashboard.
    const refunded = Number(object.amount_refunded ?? 0);
    await db
      .update(stripePayments)
      .set({ amountRefunded: sql`max(${stripePayments.amountRefunded}, ${refunded})`, updatedAt: deps.now() })
      .where(eq(stripePayments.id, row.id));
    return true;
  }
  if (event.type === 'charge.dispute.created') {
    await db
      .update(stripePayments)
      .set({ disputedAt: sql`coalesce(${stripePayments.disputedAt}, ${deps.now()})` })
      .where(eq(stripePayments.id, row.id));
    return true;
  }
  return false;
}
