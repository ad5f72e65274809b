import type { StripeStatusView } from '../../../../contract/payments.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import { type StripeConnection, type StripeGateway, stripeGateway } from './gateway.js';

export type KeyMode = 'test' | 'live';

/** The platform's Stripe account as this server uses it (from STRIPE_* in the environment). */
export interface StripeSettings {
  gateway: StripeGateway;
  /** pk_…: Stripe.js in the buyer's page is loaded with it. */
  publishableKey: string;
  keyMode: KeyMode;
  /** whsec_…: the platform endpoint's secret, and the Connect endpoint's when there is one. */
  webhookSecrets: readonly string[];
}

/** The environment variables that configure Stripe, the same on Node and Workers. */
export interface StripeEnv {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_PUBLISHABLE_KEY?: string | undefined;
  /** One secret, or several separated by commas (the platform's endpoint and the Connect endpoint's). */
  STRIPE_WEBHOOK_SECRET?: string | undefined;
  /** Another API host (e.g. stripe-mock or the tests' stand-in); unset in production. */
  STRIPE_API_HOST?: string | undefined;
  STRIPE_API_PORT?: string | undefined;
  STRIPE_API_PROTOCOL?: string | undefined;
}

/** The mode a key belongs to, from Stripe's key prefixes; anything else is a configuration mistake. */
export function keyModeOf(key: string, kinds: readonly string[]): KeyMode {
  for (const kind of kinds) {
    if (key.startsWith(`${kind}_test_`)) return 'test';
    if (key.startsWith(`${kind}_live_`)) return 'live';
  }
  throw new Error(`A Stripe key must start with ${kinds.map((k) => `${k}_test_ or ${k}_live_`).join(', ')}.`);
}

/**
 * Reads the Stripe settings, or none when STRIPE_SECRET_KEY is unset (Stripe is then simply not
 * offered). A half or mixed configuration stops the server at start rather than at a buyer's checkout.
 */
export function stripeSettingsFrom(env: StripeEnv, runtime: StripeConnection['runtime']): StripeSettings | undefined {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return undefined;
  const publishableKey = env.STRIPE_PUBLISHABLE_KEY?.trim();
  if (!publishableKey) throw new Error('STRIPE_SECRET_KEY is set but STRIPE_PUBLISHABLE_KEY is not: the widget needs it to show the payment form.');
  const keyMode = keyModeOf(secretKey, ['sk', 'rk']);
  if (keyModeOf(publishableKey, ['pk']) !== keyMode) throw new Error('STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY are of different modes (test and live).');
  const webhookSecrets = (env.STRIPE_WEBHOOK_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const protocol = env.STRIPE_API_PROTOCOL === 'http' ? 'http' : env.STRIPE_API_PROTOCOL === 'https' ? 'https' : undefined;
  const gateway = stripeGateway({
    secretKey,
    host: env.STRIPE_API_HOST || undefined,
    port: env.STRIPE_API_PORT ? Number(env.STRIPE_API_PORT) : undefined,
    protocol,
    runtime,
  });
  return { gateway, publishableKey, keyMode, webhookSecrets };
}

const shopMode = (shop: Pick<Shop, 'testMode'>): KeyMode => (shop.testMode ? 'test' : 'live');

/** Whether this shop can take Stripe payments now: test keys only in test shops, live keys only in live ones. */
export function stripeStatus(shop: Pick<Shop, 'testMode' | 'stripeAccount'>, settings: StripeSettings | undefined): StripeStatusView {
  const problem = !settings ? 'not_configured' : settings.keyMode === shopMode(shop) ? null : settings.keyMode === 'test' ? 'test_key_in_live_shop' : 'live_key_in_test_shop';
  return { available: problem === null, problem, stripeAccount: shop.stripeAccount };
}

/** The settings, for a shop that may use them; otherwise the error that says why not. */
export function usableStripe(shop: Shop, settings: StripeSettings | undefined): StripeSettings {
  if (!settings) throw new ApiError(400, 'payment_method_unavailable', 'This shop does not offer the payment method "stripe".');
  if (settings.keyMode !== shopMode(shop)) {
    throw new ApiError(
      409,
      'stripe_key_mode_mismatch',
      shop.testMode ? 'This shop is in test mode but the platform has a live Stripe key: card payments are off until they match.' : 'This shop is live but the platform has a Stripe test key: card payments are off until they match.',
      { shopMode: shopMode(shop), keyMode: settings.keyMode },
    );
  }
  return settings;
}
