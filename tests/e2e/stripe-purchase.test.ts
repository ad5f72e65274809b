import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { type E2E, openPage, shopIn } from './browser.js';
import { auditServer, fakeStripeJs, startStripeE2E } from './stripe-browser.js';

/**
 * Paying tickets by Stripe in a real Chromium, end to end (tests/e2e/stripe-browser.ts: the
 * production server and the Stripe stand-in, a fake Stripe.js through `stripeLoader`).
 * Everything else is real: the widget, its API client, checkout, the return to the API,
 * settling, capture, tickets.
 */

let stripe: RunningStripeStandIn;
let e2e: E2E;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, e2e, stop } = await startStripeE2E());
});
afterAll(() => stop?.());

const useFakeStripe = (page: Page, outcomes: ('succeed' | 'decline')[]) => fakeStripeJs(page, stripe, outcomes);

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
    await auditServer(e2e, 'after the browser purchase');
  });

  it('works on the strict-CSP page with Trusted Types enforced, in German, with the keyboard, through to the tickets', async () => {
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
    // Keyboard: focus went to the payment step's heading; Tab reaches the field, then Pay, and Enter pays.
    const focused = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return `${el?.tagName}|${el?.getAttribute('part') ?? ''}`;
      });
    expect(await focused()).toMatch(/^H\d\|/);
    for (let i = 0; i < 5 && !(await focused()).endsWith('|pay-button'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('BUTTON|pay-button');
    await page.keyboard.press('Enter');
    await shop.locator('svg[part="qr"]').first().waitFor();
    expect(await shop.locator('h3#thanks').textContent()).toBe('Vielen Dank! Ihre Bestellung ist bestätigt.');
    expect(problems).toEqual([]);
    await context.close();
  });
});
