import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { receiveStripeEvent } from '../services/stripe-events.js';

/** Stripe's webhook endpoint: the signature is checked on the body exactly as it arrived (services/stripe-events.ts). */
export const stripeWebhookRoutes = new Hono<AppEnv>().post('/webhooks/stripe', async (c) => {
  const receipt = await receiveStripeEvent(c.get('deps'), await c.req.text(), c.req.header('Stripe-Signature'));
  return c.json(receipt, 200);
});
