import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, shopIn, startE2E } from './browser.js';

/**
 * The demo site as a newcomer meets it, on a desktop and on a phone: every page is reachable
 * from the navigation, passes axe (widget included, through its shadow root), does not scroll
 * sideways on a 390 px phone, and keeps each navigation link on one line. The local mailbox
 * (where the demo's e-mails land) passes axe too.
 */

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = [
  { path: '/', ready: '[part="event-card"]' },
  { path: '/gifts.html', ready: '[part="gift-form"]' },
  { path: '/csp.html', ready: '[part="event-card"]' },
  { path: '/spa.html', ready: null },
  { path: '/cross-origin.html', ready: '[part="event-card"]' },
  { path: '/hostile.html', ready: '[part="event-card"]' },
];
/** Pages of the server that are not in the navigation: axe and the screen width only (the order page is what the e-mails link to). */
const SERVER_PAGES = [
  { path: '/mailbox', ready: null },
  { path: '/order.html', ready: '[part="event-card"]' },
];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

describe('the demo site', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.stop());

  /** axe-core over the whole document; the injected script needs the page's CSP bypassed (the test's own script, not the page's). */
  async function axeViolations(page: Page) {
    await page.addScriptTag({ path: axePath });
    return page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, {
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3) }));
    });
  }

  it('links every demo page from the navigation of every page with one', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    for (const { path } of PAGES.filter((p) => p.path !== '/hostile.html')) {
      await page.goto(e2e.server.baseUrl + path);
      const links = await page.locator('.site-header nav a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      expect(links, path).toEqual(['/', '/gifts.html', '/hostile.html', '/csp.html', '/spa.html', '/cross-origin.html']);
      expect(await page.locator('.site-header nav a[aria-current="page"]').getAttribute('href'), path).toBe(path);
    }
    await context.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`passes axe and fits the screen on a ${viewport.name} (${viewport.width} px)`, async () => {
      const context = await e2e.browser.newContext({ viewport, bypassCSP: true, ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}) });
      const page = await context.newPage();
      for (const { path, ready } of [...PAGES, ...SERVER_PAGES]) {
        await page.goto(e2e.server.baseUrl + path);
        if (ready) await shopIn(page).locator(ready).first().waitFor();
        expect(await axeViolations(page), `${path} on a ${viewport.name}`).toEqual([]);
        // The hostile page enlarges its own text on purpose; there only the shop must fit.
        const overflow =
          path === '/hostile.html'
            ? await shopIn(page).evaluate((shop) => shop.getBoundingClientRect().right - window.innerWidth)
            : await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
        expect(overflow, `${path} scrolls sideways on a ${viewport.name}`).toBeLessThanOrEqual(0);
        // A link broken over two lines is taller than one line of its text.
        const tall = await page.locator('.site-header nav a').evaluateAll((anchors) =>
          anchors.filter((a) => a.getClientRects().length > 1).map((a) => a.textContent),
        );
        expect(tall, `${path}: navigation links broken over two lines`).toEqual([]);
      }
      await context.close();
    });
  }
});
