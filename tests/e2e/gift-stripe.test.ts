import { createClient } from '@libsql/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { assertStripePaymentsIntact } from '../shared/stripe-audit.js';
import { type RunningStripeStandIn, startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { type E2E, openPage, shopIn, startE2E } from './browser.js';

/**
 * The gift shop paying by Stripe in a real Chromium, end to end: the production server with
 * the platform's test keys talks to the Stripe stand-in (tests/shared/stripe-stand-in.ts; no
 * test machine reaches Stripe) with the real SDK, and the page gets a fake Stripe.js through
 * `<ticket-shop>.stripeLoader`, set after the widget is on the page. Its confirmPayment is the
 * buyer paying at Stripe: the stand-in's `pay`, through a function the test exposes to the
 * page; with `redirect`, it then leaves for the return_url as Stripe does after 3-D Secure.
 * Everything else is real: the purchase, the return to the API, settling, capture, the code.
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

/** Gives the page's `<ticket-shop>` a fake Stripe.js whose payments are made at the stand-in, one outcome per payment. */
async function fakeStripeJs(page: Page, outcomes: ('succeed' | 'decline')[], options: { redirect?: boolean } = {}) {
  const plan = [...outcomes];
  await page.exposeFunction('tkTestPayAtStripe', (paymentIntentId: string) => {
    const intent = stripe.standIn.pay(paymentIntentId, { method: 'card', outcome: plan.shift() ?? 'succeed', declineCode: 'card_declined' });
    return { status: intent.status, error: intent.last_payment_error?.message ?? null };
  });
  await shopIn(page).evaluate((shop, redirect) => {
    const pay = (window as unknown as { tkTestPayAtStripe: (id: string) => Promise<{ status: string; error: string | null }> }).tkTestPayAtStripe;
    (shop as unknown as { stripeLoader: unknown }).stripeLoader = async () => {
      let clientSecret = '';
      return {
        elements(elementOptions: { clientSecret: string }) {
          clientSecret = elementOptions.clientSecret;
          return {
            create() {
              const field = document.createElement('p');
              field.className = 'fake-payment-element';
              field.textContent = 'Card number (Stripe test)';
              return { mount: (target: HTMLElement) => target.appendChild(field), destroy: () => field.remove() };
            },
          };
        },
        async confirmPayment(confirm: { confirmParams: { return_url: string } }) {
          const id = clientSecret.split('_secret_')[0]!;
          const paid = await pay(id);
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
}

/** On the gift page (French): the CHF 50 voucher, the buyer, and on to the Stripe step. */
async function toStripeStep(page: Page) {
  const shop = shopIn(page);
  await shop.locator('label.option', { hasText: /Bon cadeau · 50\.00/ }).click();
  await shop.locator('#name').fill('Léa Muster');
  await shop.locator('#email').fill('lea@example.ch');
  expect(await shop.locator('input[name="method"]').first().getAttribute('value')).toBe('stripe');
  await shop.locator('tk-gift-shop form button.btn-primary').click();
  await page.locator('ticket-shop > [slot="payment-element"] .fake-payment-element').waitFor();
  return shop;
}

async function purchase(number: string) {
  const response = await fetch(`${e2e.server.baseUrl}/api/org/product-orders?limit=100`, { headers: { Authorization: `Bearer ${e2e.server.demo.token}` } });
  const { productOrders } = (await response.json()) as { productOrders: { number: string; status: string; paymentMethod: string }[] };
  return productOrders.find((row) => row.number === number);
}

async function audit(context: string) {
  const db = createClient({ url: `file:${e2e.server.dbPath}` });
  const sql = async (text: string) => (await db.execute(text)).rows.map((r) => ({ ...r }) as Record<string, unknown>);
  await assertLedgerIntact(sql, context);
  await assertStripePaymentsIntact(sql, context, { settled: true });
  db.close();
}

describe('the gift shop paying by Stripe in the browser', () => {
  it('a declined card, then a paid voucher with its code; the card captured once; audits clean', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/gifts.html`);
    await shopIn(page).locator('tk-gift-shop form').waitFor();
    await fakeStripeJs(page, ['decline', 'succeed']);
    const shop = await toStripeStep(page);
    await shop.locator('[part="pay-button"]').click();
    await shop.locator('tk-stripe-payment [role="alert"]').waitFor();
    expect(await shop.locator('tk-stripe-payment [role="alert"]').textContent()).toMatch(/\S/);
    await shop.locator('[part="pay-button"]').click();
    const code = (await shop.locator('[part="gift-code"]').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    // "Numéro de commande : …", the last line under the code.
    const number = ((await shop.locator('.bought p.muted').last().textContent()) ?? '').split(':').pop()!.trim();
    const row = await purchase(number);
    expect(row).toMatchObject({ status: 'paid', paymentMethod: 'stripe' });
    const pi = stripe.standIn.calls.filter((c) => c.operation === 'create').at(-1)!.id!;
    expect(stripe.standIn.count('capture', pi)).toBe(1);
    expect(await page.locator('ticket-shop > [slot="payment-element"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
    await audit('after the gift purchase by Stripe');
  });

  it('back from a redirect: the purchase is completed, its code shown, and the address cleaned', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/gifts.html?from=newsletter`);
    await shopIn(page).locator('tk-gift-shop form').waitFor();
    await fakeStripeJs(page, ['succeed'], { redirect: true });
    const shop = await toStripeStep(page);
    await shop.locator('[part="pay-button"]').click();
    await page.waitForURL(/payment_intent=/);
    await shop.locator('[part="gift-code"]').waitFor();
    expect(new URL(page.url()).search).toBe('?from=newsletter');
    expect(problems).toEqual([]);
    await context.close();
    await audit('after the gift purchase back from a redirect');
  });
});
