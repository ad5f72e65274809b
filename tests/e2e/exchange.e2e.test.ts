import { createClient } from '@libsql/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout, type E2E, openPage, shopIn, startE2E } from './browser.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  // The organizer enables online exchange for the theatre: 24 h before, CHF 5.00 fee.
  const db = createClient({ url: `file:${e2e.server.dbPath}` });
  await db.execute({ sql: 'UPDATE events SET exchange_enabled = 1, exchange_deadline_hours = 24, exchange_fee = 500 WHERE id = ?', args: [e2e.server.demo.theatreEventId] });
  db.close();
});
afterAll(async () => {
  await e2e?.stop();
});

interface OrgOrder {
  number: string;
  secret: string;
  status: string;
  tickets: { number: string; status: string; seatId: number | null }[];
}

async function orderOf(number: string): Promise<OrgOrder> {
  const response = await fetch(`${e2e.server.baseUrl}/api/org/orders/${number}`, { headers: { Authorization: `Bearer ${e2e.server.demo.token}` } });
  return (await response.json()) as OrgOrder;
}

/** Buys one seat of the theatre's first date through the widget and returns the order number. */
async function buyTheatreSeat(page: Page, nth: number): Promise<string> {
  const shop = shopIn(page);
  await shop.locator('[part="event-card"]', { hasText: 'Le Malade imaginaire' }).click();
  await shop.locator('button.performance').first().click();
  await shop.locator('tk-seat-map button[aria-pressed]').first().click();
  await shop.locator('.list-seat').first().waitFor();
  await shop.locator('.list-seat[aria-pressed="false"][aria-disabled="false"]').nth(nth).click();
  await expect.poll(() => shop.locator('[part="line"]').count()).toBe(1);
  return checkout(page);
}

/** In the exchange panel: the second date, a seat from the map's list, the card, and confirm. */
async function exchangeOnPanel(page: Page, seat: number) {
  const panel = shopIn(page).locator('tk-ticket-exchange');
  await panel.locator('button.target').first().click();
  await panel.locator('tk-seat-map button[aria-pressed]').first().click();
  await panel.locator('.list-seat').first().waitFor();
  await panel.locator('.list-seat[aria-pressed="false"][aria-disabled="false"]').nth(seat).click();
  await panel.locator('[part="quote"] .amount').waitFor();
  const amount = await panel.locator('[part="quote"] .amount').textContent();
  await panel.locator('input[name="card"]').fill('4242 4242 4242 4242');
  await panel.locator('[part="pay-button"]').click();
  await panel.locator('svg[part="qr"]').waitFor();
  return amount ?? '';
}

describe('exchanging a ticket in the browser', () => {
  it('from the confirmation: another date, a seat on the map, the fee paid, the new ticket shown and the old one void', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/`);
    const number = await buyTheatreSeat(page, 6);
    const shop = shopIn(page);
    expect(await shop.locator('[part="header"] .chosen').count()).toBe(1);
    await shop.locator('[part="exchange-button"]').click();
    // During the exchange the header names no date: the panel names the ticket's and the one chosen.
    await expect.poll(() => shop.locator('[part="header"] .chosen').count()).toBe(0);
    const amount = await exchangeOnPanel(page, 3);
    expect(amount).toMatch(/5[.,]00/); // same category: the fee only
    const panel = shop.locator('tk-ticket-exchange');
    const old = (await orderOf(number)).tickets.find((t) => t.status === 'exchanged');
    expect(old).toBeDefined();
    expect(await panel.locator('.void').textContent()).toContain(old!.number);

    const after = await orderOf(number);
    expect(after.tickets.map((t) => t.status).sort()).toEqual(['exchanged', 'valid']);
    // Back on the order page: the old ticket is shown as no longer valid, without its QR code.
    await panel.locator('.back').click();
    await expect.poll(() => shop.locator('tk-order-confirmation [part="ticket"]').count()).toBe(2);
    expect(await shop.locator('tk-order-confirmation svg[part="qr"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('from the e-mail link (?order=&secret=&exchange=): opens the exchange of that ticket directly', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/`);
    const number = await buyTheatreSeat(page, 9);
    const order = await orderOf(number);
    const ticket = order.tickets[0]!.number;
    await page.goto(`${e2e.server.baseUrl}/?order=${number}&secret=${order.secret}&exchange=${ticket}`);
    const panel = shopIn(page).locator('tk-ticket-exchange');
    await panel.locator('h3').waitFor();
    expect(await panel.locator('h3').textContent()).toContain(ticket);
    await exchangeOnPanel(page, 5);
    expect((await orderOf(number)).tickets.filter((t) => t.status === 'valid')).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
