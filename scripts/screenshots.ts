/**
 * `npm run screenshots` (after building what changed): every buyer flow on a desktop (1280×800) and on a phone (390×844,
 * touch), photographed in the Debian Chromium against the production server on a fresh demo
 * database (the arena included), into docs/screenshots/. Rerun it after a UI change and look
 * at the pictures: they are what a buyer sees.
 *
 * CHROME_PATH points at another Chromium; SCREENSHOTS_DIR at another folder; SCREENSHOTS_ONLY
 * takes a comma-separated list of flows (seats, general-admission, invoice, …) and keeps the rest.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { createClient } from '@libsql/client';
import { REPO_ROOT, type RunningServer, startServer } from '../tests/node/http-server.js';

const OUT = process.env.SCREENSHOTS_DIR ?? join(REPO_ROOT, 'docs/screenshots');
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;
const CARD = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';

type Viewport = (typeof VIEWPORTS)[number];
interface Flow {
  name: string;
  /** The page to open and the steps; each `shot(label)` writes <flow>-<nn>-<label>-<viewport>.png. */
  run: (page: Page, shot: (label: string, target?: Locator) => Promise<void>, server: RunningServer) => Promise<void>;
  path?: string;
}

const shopIn = (page: Page) => page.locator('ticket-shop');

/** Opens an event and its first date (an event with one date opens on it by itself). */
async function openEvent(page: Page, title: string) {
  const shop = shopIn(page);
  await shop.locator('[part="event-card"]', { hasText: title }).click();
  const date = shop.locator('button.performance').first();
  await date.or(shop.locator('tk-seat-map, [part="stepper"]').first()).waitFor();
  if (await date.isVisible()) await date.click();
}

/** Picks seats from the map's list (real buttons), then shows the map again with them on it. */
async function pickListSeats(page: Page, count: number, from = 0) {
  const shop = shopIn(page);
  const toggle = shop.locator('tk-seat-map button[part="control"][aria-pressed]').first();
  await toggle.waitFor();
  const wasMap = (await toggle.getAttribute('aria-pressed')) === 'false';
  if (wasMap) await toggle.click();
  await shop.locator('.list-seat').first().waitFor();
  for (let i = 0; i < count; i++) {
    await shop.locator('.list-seat[aria-pressed="false"][aria-disabled="false"]').nth(from + i).click();
    await shop.locator('[part="line"]').nth(i).waitFor();
  }
  if (wasMap) await toggle.click();
}

async function toCheckout(page: Page) {
  const shop = shopIn(page);
  await shop.locator('[part="checkout-button"]').click();
  await shop.locator('#name').fill('Anna Muster');
  await shop.locator('#email').fill('anna@example.ch');
}

async function payByCard(page: Page, card = CARD) {
  const shop = shopIn(page);
  await shop.locator('#cardNumber').fill(card);
  await shop.locator('tk-checkout-form [part="submit"]').click();
}

const flows: Flow[] = [
  {
    name: 'seats',
    async run(page, shot) {
      const shop = shopIn(page);
      await shop.locator('[part="event-card"]').first().waitFor();
      await shot('events');
      await openEvent(page, 'Le Malade imaginaire');
      await shop.locator('tk-seat-map canvas').first().waitFor();
      await page.waitForTimeout(500);
      await shot('seat-map');
      await pickListSeats(page, 2, 10);
      await page.waitForTimeout(300);
      await shot('cart');
      await toCheckout(page);
      await shot('checkout');
      await payByCard(page, DECLINED);
      await shop.locator('tk-checkout-form [role="alert"]').waitFor();
      await shot('declined');
      await payByCard(page);
      await shop.locator('svg[part="qr"]').first().waitFor();
      await shot('confirmation');
    },
  },
  {
    name: 'general-admission',
    async run(page, shot) {
      const shop = shopIn(page);
      await openEvent(page, 'Nuit du Jazz');
      await shop.locator('[part="stepper"]').nth(0).locator('button').last().click();
      await shop.locator('[part="line"]').first().waitFor();
      await shop.locator('[part="stepper"]').nth(1).locator('button').last().click();
      await shop.locator('[part="line"]').nth(1).waitFor();
      await shot('quantities');
      await toCheckout(page);
      await payByCard(page);
      await shop.locator('svg[part="qr"]').first().waitFor();
      await shot('confirmation');
    },
  },
  {
    name: 'invoice',
    async run(page, shot) {
      const shop = shopIn(page);
      await openEvent(page, 'Le Malade imaginaire');
      await pickListSeats(page, 1, 40);
      await toCheckout(page);
      await shop.locator('tk-checkout-form input[value="invoice"]').check();
      await shot('checkout');
      await shop.locator('tk-checkout-form [part="submit"]').click();
      await shop.locator('tk-order-confirmation').waitFor();
      await page.waitForTimeout(300);
      await shot('placed');
    },
  },
  {
    name: 'arena-best-available',
    async run(page, shot) {
      const shop = shopIn(page);
      await openEvent(page, 'Gala sur glace');
      await shop.locator('tk-seat-map canvas').first().waitFor();
      await page.waitForTimeout(800);
      await shot('seat-map');
      await shop.locator('tk-best-available [part="submit"]').click();
      await shop.locator('[part="line"]').first().waitFor();
      await page.waitForTimeout(800);
      await shot('seats-found');
    },
  },
  {
    name: 'gifts',
    path: '/gifts.html',
    async run(page, shot) {
      const shop = shopIn(page);
      await shop.locator('[part="gift-form"]').waitFor();
      await shot('products', shop);
    },
  },
  {
    name: 'exchange',
    async run(page, shot, server) {
      // The organizer enables online exchange for the play: 24 h before, CHF 5.00 fee.
      const db = createClient({ url: `file:${server.dbPath}` });
      await db.execute({ sql: 'UPDATE events SET exchange_enabled = 1, exchange_deadline_hours = 24, exchange_fee = 500 WHERE id = ?', args: [server.demo.theatreEventId] });
      db.close();
      const shop = shopIn(page);
      await openEvent(page, 'Le Malade imaginaire');
      await pickListSeats(page, 1, 80);
      await toCheckout(page);
      await payByCard(page);
      await shop.locator('[part="exchange-button"]').first().click();
      const panel = shop.locator('tk-ticket-exchange');
      await panel.locator('button.target').first().click();
      await panel.locator('tk-seat-map canvas').first().waitFor();
      await page.waitForTimeout(500);
      await shot('choose');
      const toggle = panel.locator('tk-seat-map button[part="control"][aria-pressed]').first();
      if ((await toggle.getAttribute('aria-pressed')) === 'false') await toggle.click();
      await panel.locator('.list-seat[aria-pressed="false"][aria-disabled="false"]').nth(3).click();
      await panel.locator('[part="quote"]').waitFor();
      await shot('quote');
      await panel.locator('input[name="card"]').fill(CARD);
      await panel.locator('[part="pay-button"]').click();
      await panel.locator('svg[part="qr"]').waitFor();
      await shot('done');
    },
  },
];

async function photograph(browser: Browser, server: RunningServer, flow: Flow, viewport: Viewport): Promise<string | null> {
  const context = await browser.newContext({ viewport: viewport.viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch, locale: 'fr-CH' });
  const page = await context.newPage();
  let step = 0;
  const shot = async (label: string, target?: Locator) => {
    step += 1;
    const file = join(OUT, `${flow.name}-${String(step).padStart(2, '0')}-${label}-${viewport.name}.png`);
    // The shop itself, whole (a phone screenshot of only the first screen would hide most of it).
    await (target ?? shopIn(page)).screenshot({ path: file, animations: 'disabled' });
  };
  try {
    await page.goto(server.baseUrl + (flow.path ?? '/'));
    await flow.run(page, shot, server);
    return null;
  } catch (err) {
    return `${flow.name} (${viewport.name}) stopped after ${step} picture(s): ${(err as Error).message.split('\n').slice(0, 4).join(' | ')}`;
  } finally {
    await context.close();
  }
}

async function main() {
  const server = await startServer({ arena: true, startupTimeoutMs: 120_000 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const only = process.env.SCREENSHOTS_ONLY?.split(',');
  const chosen = only ? flows.filter((f) => only.includes(f.name)) : flows;
  if (!only) rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const failures: string[] = [];
  try {
    for (const viewport of VIEWPORTS) {
      for (const flow of chosen) {
        const failure = await photograph(browser, server, flow, viewport);
        console.log(failure ?? `${flow.name} (${viewport.name}): done`);
        if (failure) failures.push(failure);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} flow(s) could not be photographed whole:\n${failures.join('\n')}`);
    process.exit(1);
  }
  console.log(`Pictures written to ${OUT}`);
}

await main();
