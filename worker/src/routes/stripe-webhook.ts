import { Hono } from 'hono';
import { StripeEvent } from '../../../contract/payments.js';
import type { AppEnv } from '../env.js';
import { receiveStripeEvent } from '../services/stripe-events.js';
import { validate } from '../validation.js';

/**
 * Stripe's webhook endpoint. The shape is checked like any body (a malformed one changes
 * nothing either way); the signature is then checked on the body exactly as it arrived, which
 * the JSON middleware read as text first (services/stripe-events.ts).
 */
export const stripeWebhookRoutes = new Hono<AppEnv>().post('/webhooks/stripe', validate('json', StripeEvent), async (c) => {
  const receipt = await receiveStripeEvent(c.get('deps'), await c.req.text(), c.req.header('Stripe-Signature'));
  return c.json(receipt, 200);
});
