import * as v from 'valibot';

/**
 * What Stripe posts to the webhook endpoint: an Event. Only the fields the API reads are
 * named; the signature, checked before anything else, is what makes it trustworthy.
 */
export const StripeEvent = v.looseObject({
  id: v.pipe(v.string(), v.regex(/^evt_[A-Za-z0-9]+$/)),
  type: v.string(),
  /** The connected account the event happened on (Stripe Connect); absent for the platform's own. */
  account: v.optional(v.string()),
  livemode: v.boolean(),
  created: v.number(),
  data: v.looseObject({ object: v.looseObject({ id: v.string(), object: v.string() }) }),
});
export type StripeEvent = v.InferOutput<typeof StripeEvent>;

export const StripeWebhookReceipt = v.object({
  received: v.literal(true),
  /** This event id was handled before: nothing was done again. */
  duplicate: v.boolean(),
  /** False for event types the API does not act on (they are acknowledged so that Stripe stops sending them). */
  handled: v.boolean(),
});
export type StripeWebhookReceipt = v.InferOutput<typeof StripeWebhookReceipt>;

/** The connected account a shop is paid on (Stripe Connect), `acct_…`. */
export const StripeAccountId = v.pipe(v.string(), v.regex(/^acct_[A-Za-z0-9]{1,250}$/, 'must be a Stripe account id (acct_…)'));

/** Whether the shop can take Stripe payments now, and if not, why. */
export const StripeStatusView = v.object({
  available: v.boolean(),
  problem: v.pipe(
    v.nullable(v.picklist(['not_configured', 'test_key_in_live_shop', 'live_key_in_test_shop'])),
    v.description('`not_configured`: the server has no STRIPE_SECRET_KEY / STRIPE_PUBLISHABLE_KEY; the other two: the key’s mode and the shop’s differ.'),
  ),
  stripeAccount: v.nullable(v.string()),
});
export type StripeStatusView = v.InferOutput<typeof StripeStatusView>;
