import { eq } from 'drizzle-orm';
import { stripePayments } from '../../../db/schema/stripe.js';
import type { Deps } from '../env.js';
import { StripeCallError } from '../payments/stripe/gateway.js';
import type { RefundResult } from '../payments/provider.js';
import type { StripeSettings } from '../payments/stripe/settings.js';

/**
 * A card refund decided by staff (services/refunds.ts), made through Stripe on the account the
 * payment was taken on. The cancellation's id is Stripe's idempotency key, so a retry after a
 * timeout refunds once; Stripe's charge.refunded event then updates what it says was refunded.
 */
export function stripeRefunder(deps: Deps, stripe: StripeSettings) {
  return async (paymentIntentId: string, amount: number, cancellationId: string): Promise<RefundResult> => {
    const [row] = await deps.storage.db.select({ account: stripePayments.account }).from(stripePayments).where(eq(stripePayments.id, paymentIntentId));
    if (!row) return { status: 'failed', code: 'unknown_charge', message: 'This payment was not made through this shop’s Stripe account.' };
    try {
      const refund = await stripe.gateway.refund(paymentIntentId, row.account, amount, `refund:${cancellationId}`, { cancellation_id: cancellationId });
      return { status: 'refunded', reference: refund.id };
    } catch (err) {
      if (err instanceof StripeCallError) return { status: 'failed', code: err.code, message: err.message };
      return { status: 'failed', code: 'provider_error', message: 'The payment provider did not answer.' };
    }
  };
}
