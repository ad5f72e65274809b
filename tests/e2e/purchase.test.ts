import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyJazzTickets, checkout, type E2E, openPage, shopIn, startE2E } from './browser.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

async function orderOf(number: string) {
  const response = await fetch(`${e2e.server.baseUrl}/api/org/orders/${number}`, { headers: { Authorization: `Bearer ${e2e.server.demo.token}` } });
  return (await response.json()) as { status: string; tickets: unknown[] };
}

/** Opens the theatre's first date and shows the seats as a list (real buttons, one per seat). */
async function openTheatreSeats(page: Page) {
  const shop = shopIn(page);
  await shop.locator('[part="event-card"]', { hasText: 'Le Malade imaginaire' }).click();
  await shop.locator('button.performance').first().click();
  await shop.locator('tk-seat-map button[aria-pressed]').first().click();
  await shop.locator('.list-seat').first().waitFor();
}

describe('buying on the demo pages that npm start serves', () => {
  it('buys seats on the organizer page: a seat from the map’s list, a declined card, then a paid order with QR codes', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/`);
    await openTheatreSeats(page);
    const shop = shopIn(page);
    await shop.locator('.list-seat[aria-pressed="false"][aria-disabled="false"]').nth(4).click();
    await expect.poll(() => shop.locator('[part="line"]').count()).toBe(1);
    expect(await shop.locator('[part="line"]').first().textContent()).toMatch(/rang .+, place .+/);
    const number = await checkout(page, { declineFirst: true });
    expect((await orderOf(number)).status).toBe('paid');
    expect(await shop.locator('svg[part="qr"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works the same on the page with hostile global CSS', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/hostile.html`);
    const title = shopIn(page).locator('h2');
    await title.waitFor();
    const style = await title.evaluate((el) => {
      const s = getComputedStyle(el);
      return { size: s.fontSize, transform: s.textTransform, color: s.color };
    });
    expect(style).toEqual({ size: expect.not.stringMatching(/^26px$/), transform: 'none', color: expect.not.stringMatching(/255, 0, 170/) });
    const number = await buyJazzTickets(page);
    expect((await orderOf(number)).tickets).toHaveLength(2);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works under the strict Content Security Policy with Trusted Types, declined card and retry included', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    const response = await page.goto(`${e2e.server.baseUrl}/csp.html`);
    expect(response?.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
    const number = await buyJazzTickets(page, { declineFirst: true });
    expect((await orderOf(number)).status).toBe('paid');
    expect(await shopIn(page).locator('h3#thanks').textContent()).toBe('Vielen Dank! Ihre Bestellung ist bestätigt.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('adds, removes and re-adds the element on the single-page-app page, keeping the cart', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/spa.html`);
    await page.click('#open');
    const shop = shopIn(page);
    await shop.locator('[part="event-card"]', { hasText: 'Nuit du Jazz' }).click();
    await shop.locator('button.performance').first().click();
    await shop.locator('[part="stepper"]').nth(1).locator('button').last().click();
    await shop.locator('[part="line"]').first().waitFor();
    await page.click('#remove');
    expect(await page.locator('ticket-shop').count()).toBe(0);
    await page.click('#readd');
    await expect.poll(() => shop.locator('[part="line"]').count()).toBe(1);
    expect(await page.locator('#log').textContent()).toContain('tk-hold-create');
    await checkout(page);
    expect(await page.locator('#log').textContent()).toContain('tk-order-complete');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('two buyers, one seat', () => {
  it('gives the seat to one buyer and tells the other which seat was taken', async () => {
    const contexts = [await e2e.browser.newContext(), await e2e.browser.newContext()];
    const [first, second] = await Promise.all(contexts.map(async (context) => (await openPage(context)).page));
    // The second buyer's map must not hear of the first buyer's hold before clicking: the server's
    // push is refused to it (so it polls, as where no stream is offered), and, once its map is
    // shown, every poll is answered "nothing changed".
    await second!.route('**/availability/stream**', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'route_not_found', message: 'No stream here.' } }) }),
    );
    for (const page of [first!, second!]) {
      await page.goto(`${e2e.server.baseUrl}/`);
      await openTheatreSeats(page);
    }
    await second!.route('**/availability**', (route) => route.fulfill({ status: 304 }));
    const seat = first!.locator('ticket-shop .list-seat[aria-pressed="false"][aria-disabled="false"]').nth(20);
    const seatNumber = await seat.getAttribute('data-seat');
    await seat.click();
    await expect.poll(() => shopIn(first!).locator('[part="line"]').count()).toBe(1);
    await second!.locator(`ticket-shop .list-seat[data-seat="${seatNumber}"]`).click();
    const notice = shopIn(second!).locator('[part="notice"]');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/vient d’être prise par quelqu’un d’autre/);
    expect(await notice.textContent()).toContain((await shopIn(first!).locator('[part="line"] .label').textContent())!.trim());
    expect(await shopIn(second!).locator('[part="line"]').count()).toBe(0);
    for (const context of contexts) await context.close();
  });
});
