import { and, eq, inArray, lte, or } from 'drizzle-orm';
import { stripePayments } from '../../../db/schema/stripe.js';
import type { Deps } from '../env.js';
import { StripeCallError } from '../payments/stripe/gateway.js';
import { settleStripePayment } from '../services/stripe-settlement.js';

/** An open payment nobody paid this long after it was opened is cancelled at Stripe, so that it can no longer take money. */
export const ABANDONED_AFTER_MS = 3 * 60 * 60_000;

export interface SettleJobResult {
  settled: number;
  cancelled: number;
  /** Payments Stripe could not be asked about this time (they are taken again next tick). */
  failed: number;
}

/**
 * The settling job: finishes what callers left half-way (a lease that lapsed, a return Stripe
 * did not answer, a capture to retry), cancels PaymentIntents replaced by a changed cart, and
 * closes payments abandoned for hours. Everything it calls is the same settling the buyer's
 * return and the webhook use, so running it twice or next to them changes nothing more.
 */
export async function settleStripePayments(deps: Deps, now: number, limit = 50): Promise<SettleJobResult> {
  const stripe = deps.stripe;
  if (!stripe) return { settled: 0, cancelled: 0, failed: 0 };
  const { db } = deps.storage;
  const due = await db
    .select()
    .from(stripePayments)
    .where(
      or(
        and(inArray(stripePayments.state, ['settling', 'returning']), lte(stripePayments.leaseUntil, now)),
        and(eq(stripePayments.state, 'sold'), eq(stripePayments.capture, 'pending')),
        eq(stripePayments.state, 'superseded'),
        and(eq(stripePayments.state, 'open'), lte(stripePayments.createdAt, now - ABANDONED_AFTER_MS)),
      ),
    )
    .limit(limit);
  let settled = 0;
  let cancelled = 0;
  let failed = 0;
  for (const row of due) {
    // One payment Stripe does not answer about must not keep the others waiting.
    const outcome = await settleStripePayment(deps, row.id, { source: 'job' }).catch(() => null);
    if (!outcome) {
      failed++;
      continue;
    }
    if (outcome.kind === 'sold' || outcome.kind === 'returned') settled++;
    if (outcome.kind !== 'awaiting' && outcome.kind !== 'declined') continue;
    if (row.state !== 'open' && row.state !== 'superseded') continue;
    // Replaced or abandoned and still unpaid: cancel it so it can never take money; if it was paid just now, settle that.
    try {
      await stripe.gateway.cancelIntent(row.id, row.account, `cancel:${row.id}`);
      await db
        .update(stripePayments)
        .set({ state: 'returned', refunded: false, updatedAt: deps.now() })
        .where(and(eq(stripePayments.id, row.id), inArray(stripePayments.state, ['open', 'superseded'])));
      cancelled++;
    } catch (err) {
      if (err instanceof StripeCallError && err.kind === 'state') await settleStripePayment(deps, row.id, { source: 'job' }).catch(() => failed++);
      else failed++;
    }
  }
  return { settled, cancelled, failed };
}
