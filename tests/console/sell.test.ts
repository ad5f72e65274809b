import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';
import { api, deepFocus, shadowText, tabTo, unexpected } from './shop-api.js';

/**
 * The box office in Chromium against the real API: a clerk sells two seats for cash with the
 * keyboard alone and sees the change, a general-admission sale with a promo code on the card
 * terminal, the clerk's till with those sales closed with a difference, the screen in French
 * and German, on a phone.
 */
describe('the sell and till screens', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  const sell = (page: Page) => page.locator('tk-sell-screen');
  const cartSeats = (page: Page) => page.locator('tk-sell-screen ul.seats li').count();
  const chf = (minor: number) => (minor / 100).toFixed(2);

  it('sells two seats for cash with the keyboard alone, shows the change, and the till closes with a difference', async () => {
    const { page, problems, close } = await openConsole(rig, '/sell', { as: 'box_office' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Sell');
    await expect.poll(() => page.locator('tk-sell-screen ul.performances button').count()).toBeGreaterThan(0);

    // Find the play by a word of its name, then open its first date.
    await tabTo(page, (f) => f.startsWith('input#search'));
    await page.keyboard.type('malade');
    await tabTo(page, (f) => f.startsWith('button') && f.includes('Le Malade imaginaire'));
    await page.keyboard.press('Enter');
    // The map takes the focus: Enter goes to a seat and takes it, the arrow moves to its neighbour.
    await expect.poll(() => deepFocus(page), { timeout: 15_000 }).toMatch(/^canvas/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => cartSeats(page)).toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => cartSeats(page)).toBe(2);
    await expect.poll(() => shadowText(sell(page))).toMatch(/Held for \d+:\d\d/);
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The first seat on the members' tariff, hidden online but sold at the desk: typed into its select.
    await tabTo(page, (f) => f.startsWith('select#tariff-'));
    await page.keyboard.type('Membre');
    await expect.poll(() => page.locator('tk-sell-screen ul.seats li').first().locator('select').evaluate((s) => (s as unknown as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')).toContain('(hidden online)');
    await expect.poll(() => page.locator('tk-sell-screen ul.seats li').first().locator('.price').textContent()).toMatch(/50\.00|38\.00|26\.00/);

    // Cash is the method already chosen: the amount given, then Enter sells.
    await tabTo(page, (f) => f.startsWith('input#given'));
    await page.keyboard.type('500');
    await expect.poll(() => shadowText(sell(page))).toContain('Change to give back');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('tk-sell-screen #result-heading').textContent(), { timeout: 15_000 }).toMatch(/^Sold: order /);
    const number = (await page.locator('tk-sell-screen #result-heading').textContent())!.replace('Sold: order ', '');
    // The next clerk's step is the next sale: its button has the focus.
    await expect.poll(() => deepFocus(page)).toMatch(/^button#new-sale/);

    const order = await api(rig, 'GET', `/api/org/orders/${number}`);
    expect(order.status).toBe(200);
    expect(order.body.channel).toBe('box_office');
    expect(order.body.soldBy.name).toBe('Test box_office');
    expect(order.body.status).toBe('paid');
    expect(order.body.tickets).toHaveLength(2);
    expect((order.body.tickets as { tariffName: string }[]).map((t) => t.tariffName)).toContain('Membre');
    const total = order.body.total as number;
    expect(total).toBeGreaterThan(0);
    const change = 50_000 - total;
    await expect(page.locator('tk-sell-screen .result .change strong').textContent()).resolves.toContain(chf(change));
    await expect(page.locator('tk-sell-screen .result a', { hasText: number }).getAttribute('href')).resolves.toBe(`#/orders/${number}`);
    // The desk printer's 80 mm PDF, fetched as the clerk's browser would (the session cookie goes with it).
    const print = await page.locator('tk-sell-screen #print-tickets').getAttribute('href');
    const pdf = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return { status: response.status, type: response.headers.get('content-type'), head: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)) };
    }, print);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await expectNoAxeViolations(page);

    // New sale: the same performance, an empty cart, the map focused again.
    await page.keyboard.press('Enter');
    await expect.poll(() => deepFocus(page)).toMatch(/^canvas/);
    expect(await cartSeats(page)).toBe(0);

    // The order page says where and by whom it was sold; the search finds it among the desk's sales.
    await page.evaluate((hash) => (location.hash = hash), `#/orders/${number}`);
    await expect.poll(() => shadowText(page.locator('tk-order-screen'))).toContain('At the box office by Test box_office');
    await page.evaluate(() => (location.hash = '#/orders'));
    await page.locator('tk-orders-screen select#channel').selectOption('box_office');
    await page.locator('tk-orders-screen button[type=submit]').click();
    await expect.poll(() => page.locator('tk-orders-screen tbody').textContent()).toContain(number);
    expect(await page.evaluate(() => location.hash)).toContain('channel=box_office');

    // The till: the sale in cash, then closed with 5 francs missing.
    await page.evaluate(() => (location.hash = '#/till'));
    await expect.poll(() => screenHeading(page).textContent()).toBe('My till');
    const till = page.locator('tk-till-screen');
    await expect.poll(() => page.locator('tk-till-screen dd.expected').textContent()).toContain(chf(total));
    await expect(page.locator('tk-till-screen tbody tr').first().textContent()).resolves.toContain(chf(total));
    await expectNoAxeViolations(page);
    await page.locator('tk-till-close input#counted').fill(chf(total - 500));
    await page.locator('tk-till-close input#counted').press('Enter');
    await expect.poll(() => deepFocus(page)).toMatch(/^button#confirm-close/);
    await expect(shadowText(page.locator('tk-till-close'))).resolves.toContain('5.00 missing');
    await expectNoAxeViolations(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => shadowText(till)).toContain('The till is closed.');
    await expect(page.locator('tk-till-screen .difference').textContent()).resolves.toContain('5.00 missing');

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const { body: mine } = await api(rig, 'GET', `/api/org/tills?from=${day(-1)}&to=${day(1)}`);
    const closed = (mine.tills as { staff: { name: string }; status: string; difference: number; expectedCash: number }[]).find((t) => t.staff.name === 'Test box_office')!;
    expect(closed).toMatchObject({ status: 'closed', difference: -500, expectedCash: total });

    // A sale after closing is refused, and the clerk reads why.
    await page.evaluate(() => (location.hash = '#/sell'));
    await expect.poll(() => page.locator('tk-sell-screen ul.performances button').count()).toBeGreaterThan(0);
    await page.locator('tk-sell-screen ul.performances button', { hasText: 'Le Malade imaginaire' }).first().click();
    await expect.poll(() => deepFocus(page), { timeout: 15_000 }).toMatch(/^canvas/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => cartSeats(page)).toBe(1);
    await page.locator('tk-sell-screen button.exact').click();
    await page.locator('tk-sell-screen #sell').click();
    await expect.poll(() => page.locator('tk-sell-screen .notice.error').textContent()).toContain('Your till of today is closed');

    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('sells general admission with a promo code on the card terminal', async () => {
    const { page, problems, close } = await openConsole(rig, '/sell', { as: 'box_office' });
    await expect.poll(() => page.locator('tk-sell-screen ul.performances button').count()).toBeGreaterThan(0);
    await page.locator('tk-sell-screen input#search').fill('jazz');
    await page.locator('tk-sell-screen ul.performances button').first().click();
    const full = page.locator('tk-sell-screen .quantity', { hasText: 'Plein tarif' }).locator('input');
    await expect.poll(() => full.count(), { timeout: 15_000 }).toBe(1);
    await full.fill('4');
    await full.press('Enter');
    await expect.poll(() => shadowText(sell(page))).toMatch(/Held for \d+:\d\d/);
    await page.locator('tk-sell-screen input#code').fill('groupe4');
    await page.locator('tk-sell-screen input#code').press('Enter');
    await expect.poll(() => page.locator('tk-sell-screen ul.codes').textContent()).toContain('GROUPE4');
    await expect(shadowText(sell(page))).resolves.toContain('Reductions');
    await page.locator('tk-sell-screen input[value=terminal]').check();
    await page.locator('tk-sell-screen input#reference').fill('TRM-778812');
    await page.locator('tk-sell-screen input#buyer-name').fill('Anne Desk');
    await page.locator('tk-sell-screen input#reference').press('Enter');
    await expect.poll(() => page.locator('tk-sell-screen #result-heading').textContent(), { timeout: 15_000 }).toMatch(/^Sold: order /);
    const number = (await page.locator('tk-sell-screen #result-heading').textContent())!.replace('Sold: order ', '');
    await expect(shadowText(sell(page))).resolves.toContain('Paid: Card terminal.');

    const order = await api(rig, 'GET', `/api/org/orders/${number}`);
    expect(order.body.channel).toBe('box_office');
    expect(order.body.tickets).toHaveLength(4);
    expect(order.body.discount).toBe(2000);
    expect(order.body.payments).toEqual([expect.objectContaining({ provider: 'box_office', method: 'terminal', providerReference: 'TRM-778812', amount: order.body.total })]);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('speaks French and German, and fits a phone', async () => {
    const fr = await openConsole(rig, '/sell', { as: 'box_office', locale: 'fr' });
    await expect.poll(() => screenHeading(fr.page).textContent()).toBe('Vendre');
    await expect.poll(() => shadowText(fr.page.locator('tk-sell-screen'))).toContain('Choisir une représentation');
    await fr.page.locator('tk-sell-screen ul.performances button', { hasText: 'Nuit du Jazz' }).first().click();
    await expect.poll(() => shadowText(fr.page.locator('tk-sell-screen'))).toContain('Billets par tarif');
    await expect(fr.page.locator('tk-console nav').textContent()).resolves.toContain('Caisse');
    expect(fr.problems).toEqual([]);
    await fr.close();

    const de = await openConsole(rig, '/sell', { as: 'box_office', locale: 'de', viewport: { width: 390, height: 844 } });
    await expect.poll(() => screenHeading(de.page).textContent()).toBe('Verkaufen');
    await expect.poll(() => de.page.locator('tk-sell-screen ul.performances button').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(de.page)).toBeLessThanOrEqual(0);
    await de.page.locator('tk-sell-screen ul.performances button', { hasText: 'Le Malade imaginaire' }).first().click();
    await expect.poll(() => deepFocus(de.page), { timeout: 15_000 }).toMatch(/^canvas/);
    await de.page.keyboard.press('Enter');
    await de.page.keyboard.press('Enter');
    await expect.poll(() => cartSeats(de.page)).toBe(1);
    await expect.poll(() => shadowText(de.page.locator('tk-sell-screen'))).toMatch(/Reserviert für \d+:\d\d/);
    await expect(shadowText(de.page.locator('tk-sell-screen'))).resolves.toContain('Erhaltenes Bargeld');
    await de.page.locator('tk-sell-screen input#given').fill('1');
    await expect.poll(() => shadowText(de.page.locator('tk-sell-screen'))).toMatch(/Es fehlen/);
    expect(await horizontalOverflow(de.page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(de.page);
    await de.page.evaluate(() => (location.hash = '#/till'));
    await expect.poll(() => screenHeading(de.page).textContent()).toBe('Meine Kasse');
    expect(await horizontalOverflow(de.page)).toBeLessThanOrEqual(0);
    expect(de.problems).toEqual([]);
    await de.close();
  });

  it('explains a hold that is gone and holds the same seats again in one click', async () => {
    const { page, problems, close } = await openConsole(rig, '/sell', { as: 'box_office' });
    const holdIds: string[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('/api/org/box-office/holds') && response.status() === 201) holdIds.push(((await response.json()) as { id: string }).id);
    });
    await expect.poll(() => page.locator('tk-sell-screen ul.performances button').count()).toBeGreaterThan(0);
    await page.locator('tk-sell-screen ul.performances button', { hasText: 'Le Malade imaginaire' }).first().click();
    await expect.poll(() => deepFocus(page), { timeout: 15_000 }).toMatch(/^canvas/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => cartSeats(page)).toBe(1);
    await expect.poll(() => holdIds.length).toBe(1);
    const seat = await page.locator('tk-sell-screen ul.seats li label').textContent();

    // The hold ends elsewhere (as when it lapses): the next change finds it gone.
    const released = await api(rig, 'DELETE', `/api/shops/${rig.server.demo.shopId}/holds/${holdIds[0]}`, undefined, null);
    expect(released.status).toBe(200);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => shadowText(sell(page))).toContain('The hold has lapsed');
    expect(await cartSeats(page)).toBe(0);
    await page.locator('tk-sell-screen button', { hasText: 'Hold the same again' }).click();
    await expect.poll(() => cartSeats(page)).toBe(1);
    await expect(page.locator('tk-sell-screen ul.seats li label').textContent()).resolves.toBe(seat);
    expect(holdIds).toHaveLength(2);
    const hold = await api(rig, 'GET', `/api/shops/${rig.server.demo.shopId}/holds/${holdIds[1]}`, undefined, null);
    expect(hold.body.status).toBe('active');
    expect(unexpected(problems).filter((p) => !/status of 410/.test(p))).toEqual([]);
    await close();
  });

  it('lists every till of a period for the accountant, with the CSV', async () => {
    const { page, problems, close } = await openConsole(rig, '/tills', { as: 'accountant' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Tills');
    await expect.poll(() => page.locator('tk-tills-screen tbody tr').count()).toBeGreaterThan(0);
    await expect(page.locator('tk-tills-screen tbody').textContent()).resolves.toContain('Test box_office');
    const href = await page.locator('tk-tills-screen a[download]').getAttribute('href');
    expect(href).toMatch(/^\/api\/org\/reports\/tills\.csv\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv).toContain('Test box_office');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('lets a manager close a clerk’s till left open, from the list of tills', async () => {
    const { page, problems, close } = await openConsole(rig, '/tills', { as: 'manager' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Tills');
    const open = page.locator('tk-tills-screen tbody button', { hasText: 'Close the till' }).first();
    await expect.poll(() => open.count()).toBe(1);
    await open.click();
    await expect(open.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.locator('tk-till-close input#counted').fill('0');
    await page.locator('tk-till-close button[type=submit]').click();
    await expect.poll(() => deepFocus(page)).toMatch(/^button#confirm-close/);
    await expect(shadowText(page.locator('tk-till-close'))).resolves.toContain('Close the till of Test box_office?');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tk-tills-screen tbody button', { hasText: 'Close the till' }).count()).toBe(0);
    await expect.poll(() => shadowText(page.locator('tk-tills-screen'))).toContain('The till of Test box_office is closed.');
    await expect(page.locator('tk-tills-screen tbody').textContent()).resolves.not.toContain('Open');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const { body } = await api(rig, 'GET', `/api/org/tills?from=${day(-1)}&to=${day(1)}`);
    expect((body.tills as { status: string }[]).every((t) => t.status === 'closed')).toBe(true);
    expect((body.tills as { closedBy: { name: string } | null }[]).some((t) => t.closedBy?.name === 'Test manager')).toBe(true);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });
});
