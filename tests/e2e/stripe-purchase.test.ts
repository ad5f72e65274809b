import { createClient } from '@libsql/client';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { assertStripePaymentsIntact } from '../shared/stripe-audit.js';
import { type RunningStripeStandIn, startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { type E2E, openPage, shopIn, startE2E } from './browser.js';

/**
 * Paying by Stripe in a real Chromium, end to end: the production server with the platform's
 * test keys talks to the Stripe stand-in (tests/shared/stripe-stand-in.ts, standing in for
 * Stripe's servers, which no test machine reaches) with the real SDK; the page gets a fake
 * Stripe.js through `<ticket-shop>.stripeLoader` (Stripe.js itself would load from
 * js.stripe.com). The fake mounts a plain element where the Payment Element's iframe would be,
 * and its confirmPayment is the buyer paying at Stripe: the stand-in's `pay`, reached through
 * a function the test exposes to the page. Everything else is real: the widget, its API
 * client, checkout, the return to the API, settling, capture, tickets.
 */

let stripe: RunningStripeStandIn;
let e2e: E2E;

beforeAll(async () => {
  stripe = await startStripeStandIn();
  e2e = await startE2E([], {
    env: {
      STRIPE_SECRET_KEY: 'sk_test_e2e',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e',
      STRIPE_WEBHOOK_SECRET: 'whsec_e2e',
      STRIPE_API_HOST: stripe.host,
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    },
  });
});
afterAll(async () => {
  await e2e?.stop();
  await stripe?.close();
});

/** The fake Stripe.js, given to the widget through its documented loader property. */
async function useFakeStripe(page: Page, outcomes: ('succeed' | 'decline')[]) {
  const plan = [...outcomes];
  const loads: { publishableKey: string; locale: string }[] = [];
  await page.exposeFunction('tkTestPayAtStripe', (paymentIntentId: string, clientSecret: string) => {
    const outcome = plan.shift() ?? 'succeed';
    const intent = stripe.standIn.pay(paymentIntentId, { method: 'card', outcome, declineCode: 'insufficient_funds' });
    return { status: intent.status, error: intent.last_payment_error?.message ?? null, clientSecretMatches: intent.client_secret === clientSecret };
  });
  await page.exposeFunction('tkTestStripeLoaded', (publishableKey: string, locale: string) => loads.push({ publishableKey, locale }));
  await page.locator('ticket-shop').evaluate((shop) => {
    type Pay = (id: string, secret: string) => Promise<{ status: string; error: string | null }>;
    const w = window as unknown as { tkTestPayAtStripe: Pay; tkTestStripeLoaded: (key: string, locale: string) => void };
    (shop as unknown as { stripeLoader: unknown }).stripeLoader = async (publishableKey: string, options: { locale: string }) => {
      w.tkTestStripeLoaded(publishableKey, options.locale);
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
        async confirmPayment() {
          const id = clientSecret.split('_secret_')[0]!;
          const paid = await w.tkTestPayAtStripe(id, clientSecret);
          return paid.error ? { error: { type: 'card_error', message: paid.error } } : { paymentIntent: { id, status: paid.status } };
        },
      };
    };
  });
  return loads;
}

async function openJazz(context: BrowserContext, path = '/') {
  const { page, problems } = await openPage(context);
  await page.goto(`${e2e.server.baseUrl}${path}`);
  const shop = shopIn(page);
  await shop.locator('[part="event-card"]', { hasText: 'Nuit du Jazz' }).click();
  await shop.locator('button.performance').first().click();
  await shop.locator('[part="stepper"]').first().locator('button').last().click();
  await shop.locator('[part="line"]').first().waitFor();
  return { page, problems, shop };
}

describe('paying by Stripe in the browser', () => {
  it('a declined card, then a paid order with its tickets; the card captured once; audits clean', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems, shop } = await openJazz(context);
    const loads = await useFakeStripe(page, ['decline', 'succeed']);
    await shop.locator('[part="checkout-button"]').click();
    await shop.locator('#name').fill('Anna Muster');
    await shop.locator('#email').fill('anna@example.ch');
    // Stripe is offered first, and chosen.
    expect(await shop.locator('input[name="method"]').first().getAttribute('value')).toBe('stripe');
    await shop.locator('input[name="method"][value="stripe"]').check();
    await shop.locator('tk-checkout-form [part="submit"]').click();
    // The Payment Element sits in the page's light DOM, in <ticket-shop>'s slot, not in a shadow root.
    const element = page.locator('ticket-shop > [slot="payment-element"] .fake-payment-element');
    await element.waitFor();
    expect(loads).toEqual([{ publishableKey: 'pk_test_e2e', locale: expect.any(String) }]);
    await shop.locator('[part="pay-button"]').click();
    await shop.locator('tk-stripe-payment [role="alert"]').waitFor();
    expect(await shop.locator('tk-stripe-payment [role="alert"]').textContent()).toMatch(/\S/);
    await shop.locator('[part="pay-button"]').click();
    await shop.locator('svg[part="qr"]').first().waitFor();
    const number = (await shop.locator('tk-order-confirmation .number').textContent()) ?? '';
    const order = (await (await fetch(`${e2e.server.baseUrl}/api/org/orders/${number}`, { headers: { Authorization: `Bearer ${e2e.server.demo.token}` } })).json()) as { tickets: unknown[] };
    expect(order).toMatchObject({ status: 'paid', paymentMethod: 'stripe', lastDeclineCode: null });
    expect(order.tickets.length).toBeGreaterThan(0);
    const pi = stripe.standIn.calls.find((c) => c.operation === 'create')!.id!;
    expect(stripe.standIn.count('capture', pi)).toBe(1);
    expect(await page.locator('ticket-shop > [slot="payment-element"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
    const db = createClient({ url: `file:${e2e.server.dbPath}` });
    const sql = async (text: string) => (await db.execute(text)).rows.map((r) => ({ ...r }) as Record<string, unknown>);
    await assertLedgerIntact(sql, 'after the browser purchase');
    await assertStripePaymentsIntact(sql, 'after the browser purchase', { settled: true });
    db.close();
  });

  it('works on the strict-CSP page with Trusted Types enforced, in German, through to the tickets', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems, shop } = await openJazz(context, '/csp.html');
    const loads = await useFakeStripe(page, ['succeed']);
    await shop.locator('[part="checkout-button"]').click();
    await shop.locator('#name').fill('Anna Muster');
    await shop.locator('#email').fill('anna@example.ch');
    await shop.locator('input[name="method"][value="stripe"]').check();
    await shop.locator('tk-checkout-form [part="submit"]').click();
    await page.locator('ticket-shop > [slot="payment-element"] .fake-payment-element').waitFor();
    expect(loads[0]!.locale).toBe('de');
    // The button names the amount in the buyer's language.
    expect(await shop.locator('[part="pay-button"]').textContent()).toMatch(/CHF/);
    await shop.locator('[part="pay-button"]').click();
    await shop.locator('svg[part="qr"]').first().waitFor();
    expect(await shop.locator('h3#thanks').textContent()).toBe('Vielen Dank! Ihre Bestellung ist bestätigt.');
    expect(problems).toEqual([]);
    await context.close();
  });
});
