import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { type E2E, openPage, shopIn } from './browser.js';
import { auditServer, fakeStripeJs, startStripeE2E } from './stripe-browser.js';

/**
 * The gift shop paying by Stripe in a real Chromium, end to end (tests/e2e/stripe-browser.ts:
 * the production server and the Stripe stand-in, a fake Stripe.js set after the widget is on
 * the page). Everything else is real: the purchase, the return to the API, settling, capture, the code.
 */

let stripe: RunningStripeStandIn;
let e2e: E2E;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, e2e, stop } = await startStripeE2E());
});
afterAll(() => stop?.());

const fakeStripe = (page: Page, outcomes: ('succeed' | 'decline')[], options: { redirect?: boolean } = {}) => fakeStripeJs(page, stripe, outcomes, options);

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

const audit = (context: string) => auditServer(e2e, context);

describe('the gift shop paying by Stripe in the browser', () => {
  it('a declined card, then a paid voucher with its code; the card captured once; audits clean', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/gifts.html`);
    await shopIn(page).locator('tk-gift-shop form').waitFor();
    await fakeStripe(page, ['decline', 'succeed']);
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
    await fakeStripe(page, ['succeed'], { redirect: true });
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
