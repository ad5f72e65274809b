import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeStandIn } from '../shared/stripe-stand-in.js';

// The Stripe stand-in (tests/shared/stripe-stand-in.ts) runs inside workerd, and the SDK's worker
// build (fetch client, Web Crypto signatures) talks to it in-process.
describe('Stripe stand-in inside workerd', () => {
  it('serves the SDK through its fetch client and signs events the SDK verifies', async () => {
    const standIn = createStripeStandIn();
    const stripe = new Stripe('sk_test_x', {
      httpClient: Stripe.createFetchHttpClient((input: RequestInfo | URL, init?: RequestInit) => standIn.handle(new Request(input, init))),
      maxNetworkRetries: 0,
    });
    const pi = await stripe.paymentIntents.create(
      { amount: 4000, currency: 'chf', payment_method_options: { card: { capture_method: 'manual' } } },
      { idempotencyKey: 'order-1', stripeAccount: 'acct_shop' },
    );
    const replay = await stripe.paymentIntents.create(
      { amount: 4000, currency: 'chf', payment_method_options: { card: { capture_method: 'manual' } } },
      { idempotencyKey: 'order-1', stripeAccount: 'acct_shop' },
    );
    expect(replay.id).toBe(pi.id);
    expect(standIn.count('create')).toBe(1);

    expect(standIn.pay(pi.id, { method: 'card' }).status).toBe('requires_capture');
    expect((await stripe.paymentIntents.capture(pi.id, {}, { stripeAccount: 'acct_shop' })).status).toBe('succeeded');
    await expect(stripe.paymentIntents.capture(pi.id, {}, { stripeAccount: 'acct_shop' })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const event = standIn.eventsFor(pi.id).at(-1)!;
    expect(event).toMatchObject({ type: 'payment_intent.succeeded', account: 'acct_shop' });
    const signed = await standIn.signEvent(event, 'whsec_workerd');
    const verified = await stripe.webhooks.constructEventAsync(signed.body, signed.headers['Stripe-Signature'], 'whsec_workerd', undefined, Stripe.createSubtleCryptoProvider());
    expect(verified.id).toBe(event.id);
    await expect(
      stripe.webhooks.constructEventAsync(signed.body.replace(pi.id, 'pi_forged'), signed.headers['Stripe-Signature'], 'whsec_workerd', undefined, Stripe.createSubtleCryptoProvider()),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError);
  });
});
