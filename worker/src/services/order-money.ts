import { asc, eq } from 'drizzle-orm';
import { payments } from '../../../db/schema/orders.js';
import { stripePayments } from '../../../db/schema/stripe.js';
import type { PaymentRecordView, StripePaymentRecordView } from '../../../contract/responses/organizer/orders.js';
import type { Db } from '../db.js';
import { iso } from './code-admin/shared.js';


/**
 * The money of an order as staff read it: every charge and refund recorded, and each Stripe
 * payment with where it stands, what Stripe refunded (dashboard refunds included) and a dispute.
 * Never the PaymentIntent's client secret, which belongs to the buyer's page.
 */
export async function orderMoney(db: Db, orderId: string): Promise<{ payments: PaymentRecordView[]; stripePayments: StripePaymentRecordView[] }> {
  const [moves, intents] = await Promise.all([
    db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.createdAt)),
    db.select().from(stripePayments).where(eq(stripePayments.orderId, orderId)).orderBy(asc(stripePayments.createdAt)),
  ]);
  return {
    payments: moves.map((p) => ({
      provider: p.provider,
      method: p.method,
      kind: p.kind,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      providerReference: p.providerReference,
      declineCode: p.declineCode,
      createdAt: iso(p.createdAt)!,
    })),
    stripePayments: intents.map((s) => ({
      paymentIntentId: s.id,
      stripeAccount: s.account,
      state: s.state,
      capture: s.capture,
      amount: s.amount,
      applicationFee: s.applicationFee,
      amountRefunded: s.amountRefunded,
      returnReason: s.returnReason,
      disputedAt: iso(s.disputedAt),
      createdAt: iso(s.createdAt)!,
    })),
  };
}
