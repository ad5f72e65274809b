import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildWidgetOnce, type RunningServer, startServer } from '../node/http-server.js';

/**
 * What every end-to-end test needs: the production server (the same build as `npm start`) on
 * a fresh demo database, the built widget it serves under /widget, and the Debian Chromium.
 */
export interface E2E {
  server: RunningServer;
  browser: Browser;
  stop: () => Promise<void>;
}

/** `arena`: the demo's 20,160-seat arena instead of the small one of the same shape; `env`: more of the server's environment. */
export async function startE2E(chromeArgs: string[] = [], options: { arena?: boolean; env?: Record<string, string> } = {}): Promise<E2E> {
  buildWidgetOnce();
  const server = await startServer({ arena: options.arena ?? false, ...(options.env ? { env: options.env } : {}) });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...chromeArgs],
  });
  return {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** A page that records script errors and CSP violations, for tests to assert there were none. */
export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type|TrustedHTML/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    // The event is composed: the first node of its path is the element inside a shadow root that broke the policy.
    document.addEventListener('securitypolicyviolation', (event) => {
      const node = event.composedPath()[0];
      const where = node instanceof Element ? ` at <${node.localName}${node.className ? ` class="${node.className}"` : ''}>` : '';
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}${where}`);
    });
  });
  return { page, problems };
}

export const shopIn = (page: Page): Locator => page.locator('ticket-shop');

/** Buys general-admission tickets for the jazz concert: one full price and one free, a declined card first when asked. */
export async function buyJazzTickets(page: Page, options: { declineFirst?: boolean } = {}): Promise<string> {
  const shop = shopIn(page);
  await shop.locator('[part="event-card"]', { hasText: 'Nuit du Jazz' }).click();
  await shop.locator('button.performance').first().click();
  await shop.locator('[part="stepper"]').nth(0).locator('button').last().click();
  await shop.locator('[part="line"]').first().waitFor();
  await shop.locator('[part="stepper"]').nth(2).locator('button').last().click();
  await shop.locator('[part="line"]').nth(1).waitFor();
  return checkout(page, options);
}

/** From the cart to the confirmation; returns the order number. */
export async function checkout(page: Page, options: { declineFirst?: boolean } = {}): Promise<string> {
  const shop = shopIn(page);
  await shop.locator('[part="checkout-button"]').click();
  await shop.locator('#name').fill('Anna Muster');
  await shop.locator('#email').fill('anna@example.ch');
  if (options.declineFirst) {
    await shop.locator('#cardNumber').fill('4000 0000 0000 0002');
    await shop.locator('[part="pay-button"], tk-checkout-form [part="submit"]').first().click();
    await shop.locator('tk-checkout-form [role="alert"]').waitFor();
  }
  if (await shop.locator('#cardNumber').count()) await shop.locator('#cardNumber').fill('4242 4242 4242 4242');
  await shop.locator('tk-checkout-form [part="submit"]').click();
  await shop.locator('svg[part="qr"]').first().waitFor();
  return (await shop.locator('tk-order-confirmation .number').textContent()) ?? '';
}
