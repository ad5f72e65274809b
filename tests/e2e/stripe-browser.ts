import { createClient } from '@libsql/client';
import type { Page } from 'playwright-core';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { assertStripePaymentsIntact } from '../shared/stripe-audit.js';
import { type RunningStripeStandIn, startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { type E2E, shopIn, startE2E } from './browser.js';

/**
 * What the end-to-end tests of Stripe payments share: the production server with the
 * platform's test keys, talking with the real SDK to the Stripe stand-in
 * (tests/shared/stripe-stand-in.ts; no test machine reaches Stripe), and a fake Stripe.js
 * given to the page's `<ticket-shop>` through its `stripeLoader` (Stripe.js itself would load
 * from js.stripe.com). The fake mounts a plain element where the Payment Element's iframe would
 * be; its confirmPayment is the buyer paying at Stripe: the stand-in's `pay`, through a function
 * the test exposes to the page, then, with `redirect`, the trip to the return_url that Stripe
 * makes after 3-D Secure. Everything else is real.
 */
export async function startStripeE2E(): Promise<{ stripe: RunningStripeStandIn; e2e: E2E; stop: () => Promise<void> }> {
  const stripe = await startStripeStandIn();
  const e2e = await startE2E([], {
    env: {
      STRIPE_SECRET_KEY: 'sk_test_e2e',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e',
      STRIPE_WEBHOOK_SECRET: 'whsec_e2e',
      STRIPE_API_HOST: stripe.host,
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    },
  });
  return {
    stripe,
    e2e,
    stop: async () => {
      await e2e.stop();
      await stripe.close();
    },
  };
}

/** Gives the page's `<ticket-shop>` the fake Stripe.js, one outcome per payment; answers what Stripe.js was loaded with. */
export async function fakeStripeJs(page: Page, stripe: RunningStripeStandIn, outcomes: ('succeed' | 'decline')[], options: { redirect?: boolean } = {}) {
  const plan = [...outcomes];
  const loads: { publishableKey: string; locale: string }[] = [];
  await page.exposeFunction('tkTestPayAtStripe', (paymentIntentId: string) => {
    const intent = stripe.standIn.pay(paymentIntentId, { method: 'card', outcome: plan.shift() ?? 'succeed', declineCode: 'insufficient_funds' });
    return { status: intent.status, error: intent.last_payment_error?.message ?? null };
  });
  await page.exposeFunction('tkTestStripeLoaded', (publishableKey: string, locale: string) => loads.push({ publishableKey, locale }));
  await shopIn(page).evaluate((shop, redirect) => {
    type Pay = (id: string) => Promise<{ status: string; error: string | null }>;
    const w = window as unknown as { tkTestPayAtStripe: Pay; tkTestStripeLoaded: (key: string, locale: string) => void };
    (shop as unknown as { stripeLoader: unknown }).stripeLoader = async (publishableKey: string, loadOptions: { locale: string }) => {
      w.tkTestStripeLoaded(publishableKey, loadOptions.locale);
      let clientSecret = '';
      return {
        elements(elementOptions: { clientSecret: string }) {
          clientSecret = elementOptions.clientSecret;
          return {
            create() {
              const field = document.createElement('label');
              field.className = 'fake-payment-element';
              field.appendChild(document.createTextNode('Card number (Stripe test)'));
              field.appendChild(document.createElement('input'));
              return { mount: (target: HTMLElement) => target.appendChild(field), destroy: () => field.remove() };
            },
          };
        },
        async confirmPayment(confirm: { confirmParams: { return_url: string } }) {
          const id = clientSecret.split('_secret_')[0]!;
          const paid = await w.tkTestPayAtStripe(id);
          if (paid.error) return { error: { type: 'card_error', message: paid.error } };
          if (!redirect) return { paymentIntent: { id, status: paid.status } };
          // As Stripe after 3-D Secure: back to the return_url with the PaymentIntent; this promise never settles.
          const back = new URL(confirm.confirmParams.return_url);
          back.searchParams.set('payment_intent', id);
          back.searchParams.set('payment_intent_client_secret', clientSecret);
          back.searchParams.set('redirect_status', 'succeeded');
          location.assign(back.href);
          return new Promise(() => undefined);
        },
      };
    };
  }, options.redirect ?? false);
  return loads;
}

/** The seat ledger and the money, audited over the server's database file, with nothing left half-way. */
export async function auditServer(e2e: E2E, context: string) {
  const db = createClient({ url: `file:${e2e.server.dbPath}` });
  const sql = async (text: string) => (await db.execute(text)).rows.map((r) => ({ ...r }) as Record<string, unknown>);
  try {
    await assertLedgerIntact(sql, context);
    await assertStripePaymentsIntact(sql, context, { settled: true });
  } finally {
    db.close();
  }
}
