// Signs a stand-in event the way Stripe signs a webhook delivery (the `Stripe-Signature` header),
// with the SDK's own test helper, asynchronously and with Web Crypto so it runs in workerd as in Node.

import Stripe from 'stripe';
import type { StripeEvent } from './types.js';

export interface SignedEvent {
  body: string;
  headers: { 'Stripe-Signature': string; 'Content-Type': 'application/json' };
}

/** The body and headers of a webhook delivery of `event` signed with the endpoint secret `whsec_…`. */
export async function signEventAsync(event: StripeEvent | Record<string, unknown>, secret: string, timestamp?: number): Promise<SignedEvent> {
  const payload = JSON.stringify(event, null, 2);
  const header = await Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret,
    ...(timestamp !== undefined ? { timestamp } : {}),
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
  return { body: payload, headers: { 'Stripe-Signature': header, 'Content-Type': 'application/json' } };
}
