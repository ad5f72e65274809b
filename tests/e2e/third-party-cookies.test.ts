import { afterAll, beforeAll, expect, it } from 'vitest';
import { buyJazzTickets, type E2E, openPage, shopIn, startE2E } from './browser.js';

let e2e: E2E;
beforeAll(async () => {
  // Chromium's own switch for browsers that block third-party cookies.
  e2e = await startE2E(['--test-third-party-cookie-phaseout']);
});
afterAll(async () => {
  await e2e?.stop();
});

it('sells from another site’s page with third-party cookies blocked: the hold lives in the widget, not in a cookie', async () => {
  // The demo page served at localhost loads the widget from 127.0.0.1: the page and the ticket server are different sites.
  const port = new URL(e2e.server.baseUrl).port;
  const context = await e2e.browser.newContext();
  const { page, problems } = await openPage(context);
  await page.goto(`http://localhost:${port}/cross-origin.html`);
  expect(await page.locator('#origin').textContent()).toBe(`http://127.0.0.1:${port}`);
  const number = await buyJazzTickets(page);
  expect(number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(await context.cookies()).toEqual([]);
  // The paid cart is forgotten; the page's own sessionStorage keeps the order, to show it again after a reload.
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([expect.stringMatching(/^tk-order:shp_demo:/)]);
  expect(await shopIn(page).locator('[part="ticket"]').count()).toBe(2);
  expect(problems).toEqual([]);
  await context.close();
});
