import { createClient } from '@libsql/client';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout, type E2E, openPage, shopIn, startE2E } from './browser.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  // The exchange is part of the walk: the organizer allows it for the theatre (24 h before, CHF 5.00 fee).
  const db = createClient({ url: `file:${e2e.server.dbPath}` });
  await db.execute({ sql: 'UPDATE events SET exchange_enabled = 1, exchange_deadline_hours = 24, exchange_fee = 500 WHERE id = ?', args: [e2e.server.demo.theatreEventId] });
  db.close();
});
afterAll(async () => {
  await e2e?.stop();
});

/** What a buyer with the developer tools open would see: console errors and warnings, and requests reported as failed. */
function listen(page: Page): { console: string[]; failed: string[] } {
  const heard = { console: [] as string[], failed: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') heard.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    // The pushed availability is closed by the widget itself when the seat map goes (DevTools shows "canceled", no error).
    if (/\/availability\/stream\b/.test(request.url()) && request.failure()?.errorText === 'net::ERR_ABORTED') return;
    heard.failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  return heard;
}

/** Each swatch has its zone's colour: the custom property reached it and its background is painted. */
async function expectPaintedSwatches(swatches: Locator): Promise<void> {
  const painted = await swatches.evaluateAll((elements) =>
    elements.map((el) => ({ swatch: getComputedStyle(el).getPropertyValue('--_swatch').trim(), background: getComputedStyle(el).backgroundColor })),
  );
  expect(painted.length).toBeGreaterThan(0);
  for (const { swatch, background } of painted) {
    expect(swatch).not.toBe('');
    expect(background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
  }
}

async function showSeatList(map: Locator): Promise<Locator> {
  await map.locator('[part="toolbar"] button[aria-pressed]').click();
  const free = map.locator('.list-seat[aria-pressed="false"][aria-disabled="false"]');
  await free.first().waitFor();
  return free;
}

describe('what the buyer’s browser reports', () => {
  it('dates, seat map, cart, checkout, confirmation and exchange under a CSP with no unsafe-inline: not one violation, at any step', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    const heard = listen(page);
    const clean = (step: string) => expect(problems, `CSP violations or script errors after ${step}`).toEqual([]);

    const response = await page.goto(`${e2e.server.baseUrl}/csp.html`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("require-trusted-types-for 'script'");
    expect(policy).toContain('trusted-types lit-html');
    expect(policy).not.toContain('unsafe');
    const shop = shopIn(page);
    await shop.locator('[part="event-card"]', { hasText: 'Le Malade imaginaire' }).click();
    await shop.locator('button.performance').first().waitFor();
    clean('the dates');

    await shop.locator('button.performance').first().click();
    const map = shop.locator('tk-seat-map');
    await map.locator('[part="legend"] .swatch').first().waitFor();
    clean('the seat map');
    await expectPaintedSwatches(map.locator('[part="legend"] li:not(.state) .swatch'));
    expect(await map.locator('[part="stage"]').evaluate((el) => getComputedStyle(el).getPropertyValue('--_ratio').trim())).toMatch(/^\d+(\.\d+)? \/ \d+(\.\d+)?$/);

    // A seat by keyboard (its tooltip carries the zone's swatch), one from the list (each button bordered in its zone's colour).
    await map.locator('canvas').focus();
    await page.keyboard.press('ArrowRight');
    await expectPaintedSwatches(map.locator('.tip.show .swatch'));
    await page.keyboard.press('Enter');
    await expect.poll(() => shop.locator('[part="line"]').count()).toBe(1);
    const free = await showSeatList(map);
    expect(await free.first().evaluate((el) => getComputedStyle(el).getPropertyValue('--_zone').trim())).not.toBe('');
    await free.nth(3).click();
    await expect.poll(() => shop.locator('[part="line"]').count()).toBe(2);
    clean('picking seats');

    await shop.locator('[part="cart"]').waitFor();
    await shop.locator('[part="checkout-button"]').click();
    await shop.locator('#name').fill('Anna Muster');
    await shop.locator('#email').fill('anna@example.ch');
    clean('the checkout form');
    await shop.locator('#cardNumber').fill('4000 0000 0000 0002');
    await shop.locator('tk-checkout-form [part="submit"]').click();
    await shop.locator('tk-checkout-form [role="alert"]').waitFor();
    clean('the declined card');
    await shop.locator('#cardNumber').fill('4242 4242 4242 4242');
    await shop.locator('tk-checkout-form [part="submit"]').click();
    await expect.poll(() => shop.locator('svg[part="qr"]').count()).toBe(2);
    clean('the confirmation');

    await shop.locator('[part="exchange-button"]').first().click();
    const panel = shop.locator('tk-ticket-exchange');
    await panel.locator('button.target').first().click();
    const exchangeMap = panel.locator('tk-seat-map');
    await exchangeMap.locator('[part="legend"] .swatch').first().waitFor();
    clean('the exchange’s seat map');
    await expectPaintedSwatches(exchangeMap.locator('[part="legend"] li:not(.state) .swatch'));
    await (await showSeatList(exchangeMap)).nth(2).click();
    await panel.locator('[part="quote"] .amount').waitFor();
    clean('the exchange quote');
    await panel.locator('input[name="card"]').fill('4242 4242 4242 4242');
    await panel.locator('[part="pay-button"]').click();
    await panel.locator('svg[part="qr"]').waitFor();
    clean('the exchanged ticket');

    // Chromium writes "Failed to load resource: the server responded with a status of N" to the
    // console for every answer of 400 or more, fetch() included, and a page cannot opt out. The
    // API answers a refusal with its status (402 payment_declined, 404, 409 seats_taken: the
    // client narrows on it), so the declined card leaves exactly that line; the widget logs nothing.
    expect(heard.console).toEqual([expect.stringMatching(/^error: Failed to load resource: the server responded with a status of 402\b/)]);
    expect(heard.failed).toEqual([]);
    await context.close();
  });

  it('a normal purchase leaves the console quiet, the pushed availability included', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    const heard = listen(page);
    const polls: number[] = [];
    const streams: number[] = [];
    page.on('response', (response) => {
      if (/\/availability(\?|$)/.test(response.url())) polls.push(response.status());
      if (/\/availability\/stream(\?|$)/.test(response.url())) streams.push(response.status());
    });

    await page.goto(`${e2e.server.baseUrl}/`);
    const shop = shopIn(page);
    await shop.locator('[part="event-card"]', { hasText: 'Le Malade imaginaire' }).click();
    await shop.locator('button.performance').first().click();
    const free = await showSeatList(shop.locator('tk-seat-map'));
    await free.nth(8).click();
    await expect.poll(() => shop.locator('[part="line"]').count()).toBe(1);
    // The map follows the server's pushed availability (one stream, answered 200) instead of polling;
    // while the buyer looks at the cart, nothing else is asked and nothing fails.
    await expect.poll(() => streams).toEqual([200]);
    const pollsBefore = polls.length;
    await page.waitForTimeout(3_000);
    expect(polls.length).toBe(pollsBefore);
    await checkout(page);

    expect(polls.every((status) => status === 200 || status === 304)).toBe(true);
    expect(heard.console).toEqual([]);
    expect(heard.failed).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
