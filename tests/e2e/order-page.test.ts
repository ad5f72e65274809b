import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, openPage, shopIn, startE2E } from './browser.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A paid order of two jazz tickets (one full price, one free), bought through the storefront API. */
async function paidOrder(language: 'fr' | 'de' | 'it' | 'en'): Promise<{ number: string; secret: string }> {
  const { baseUrl, demo } = e2e.server;
  const api = (path: string, init?: RequestInit) =>
    fetch(`${baseUrl}/api/shops/${demo.shopId}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json() as Promise<any>;
    });
  const performance = await api(`/performances/${demo.concertPerformanceIds[0]}`);
  const tariffs = (performance.tariffs as { id: string; price: number }[]).slice(0, 2).map((t) => ({ tariffId: t.id, quantity: 1 }));
  const hold = await api('/holds', { method: 'POST', body: JSON.stringify({ performanceId: performance.id, quantities: tariffs }) });
  const order = await api(`/holds/${hold.id}/checkout`, {
    method: 'POST',
    body: JSON.stringify({ buyer: { name: 'Chloé Dubois', email: 'chloe@example.ch', language }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } }),
  });
  return { number: order.number, secret: order.secret };
}

/** The order page's links answer what they say, fetched with the browser's own request context. */
async function expectDocuments(page: Page, number: string) {
  const shop = shopIn(page);
  const pdf = await page.request.get((await shop.locator('[part="tickets-pdf"]').getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const one = await page.request.get((await shop.locator('[part="ticket-pdf"]').first().getAttribute('href'))!);
  expect(one.headers()['content-type']).toBe('application/pdf');
  const ics = await page.request.get((await shop.locator('[part="calendar-link"]').getAttribute('href'))!);
  expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(ics.headers()['content-disposition']).toBe(`attachment; filename="order-${number}.ics"`);
  expect(await ics.text()).toMatch(/BEGIN:VEVENT\r\n.*SUMMARY:Nuit du Jazz/s);
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

describe('the buyer’s order page', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('opens from the order and secret attributes on a strict-CSP page, in French on a phone: PDF, calendar, resend', async () => {
    context = await e2e.browser.newContext(phone);
    const { page, problems } = await openPage(context);
    const order = await paidOrder('fr');
    await page.goto(`${e2e.server.baseUrl}/csp.html`);
    const shop = shopIn(page);
    await shop.locator('[part="event-card"]').first().waitFor();
    // Setting the attributes (as a page that embeds the widget for a known order would) opens that order.
    await shop.evaluate((el, o) => {
      el.setAttribute('lang', 'fr');
      el.setAttribute('secret', o.secret);
      el.setAttribute('order', o.number);
    }, order);
    await expect.poll(() => shop.locator('tk-order-confirmation .number').textContent(), { timeout: 15_000 }).toBe(order.number);
    expect(await shop.locator('tk-order-confirmation svg[part="qr"]').count()).toBe(2);
    expect((await shop.locator('[part="tickets-pdf"]').textContent())!.trim()).toBe('Télécharger les billets (PDF)');
    expect((await shop.locator('[part="calendar-link"]').textContent())!.trim()).toBe('Ajouter au calendrier');
    await expectDocuments(page, order.number);

    // With the keyboard: the button takes focus, Enter sends, the status says so.
    await shop.locator('[part="resend-button"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => shop.locator('[part="resend-status"]').textContent(), { timeout: 10_000 }).toContain('C’est fait : vos billets vous sont renvoyés à chloe@example.ch');
    await page.keyboard.press('Enter');
    await expect.poll(() => shop.locator('[part="resend-status"]').textContent(), { timeout: 10_000 }).toBe('L’e-mail vient d’être renvoyé. Veuillez patienter 10 minutes.');
    await noSidewaysScroll(page);
    const box = await shop.locator('[part="resend-button"]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(40);

    // Another order in the attributes reopens on it.
    const other = await paidOrder('fr');
    await shop.evaluate((el, o) => {
      el.setAttribute('secret', o.secret);
      el.setAttribute('order', o.number);
    }, other);
    await expect.poll(() => shop.locator('tk-order-confirmation .number').textContent(), { timeout: 15_000 }).toBe(other.number);
    expect(await shop.locator('[part="resend-status"]').textContent()).toBe('');
    expect(problems).toEqual([]);
  });

  it('opens from the link of the confirmation e-mail (the demo shop’s order page, strict CSP)', async () => {
    context = await e2e.browser.newContext(phone);
    const { page, problems } = await openPage(context);
    const order = await paidOrder('fr');
    await page.goto(`${e2e.server.baseUrl}/mailbox`);
    await page.locator('a', { hasText: order.number }).first().click();
    const text = (await page.locator('pre').textContent())!;
    const link = text.match(/https?:\/\/\S+\/order\.html\?order=\S+/)?.[0];
    expect(link).toBe(`${e2e.server.baseUrl}/order.html?order=${order.number}&secret=${order.secret}`);
    const response = await page.goto(link!);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    const shop = shopIn(page);
    await expect.poll(() => shop.locator('tk-order-confirmation .number').textContent(), { timeout: 15_000 }).toBe(order.number);
    expect((await shop.locator('[part="resend-button"]').textContent())!.trim()).toBe('Renvoyer l’e-mail');
    await expectDocuments(page, order.number);
    await noSidewaysScroll(page);
    expect(problems).toEqual([]);
  });
});
