import { openNodeStorage } from '../../db/node-storage.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerWaitingLists } from '../../worker/src/jobs/offer-waiting-list.js';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig, tokenWithRole } from './harness.js';
import { api } from './shop-api.js';

/**
 * A performance's waiting list in the console: a sold-out concert of three places with people
 * waiting, the first of them holding an offer made by the real offer job; a manager turns the
 * list on, reads the line, removes a waiting entry and the one with the offer; the box office
 * only reads it.
 */
describe('the waiting list screen', () => {
  let rig: ConsoleRig;
  let storage: Awaited<ReturnType<typeof openNodeStorage>>;
  let performanceId: string;
  let eventId: string;
  const orders: string[] = [];
  const listPath = () => `/api/org/performances/${performanceId}/waiting-list`;
  const screenPath = () => `/events/${eventId}/performances/${performanceId}/waiting-list`;
  const shop = (path: string) => `/api/shops/${rig.server.demo.shopId}${path}`;
  const entries = async () => (await api(rig, 'GET', listPath())).body.entries as { id: string; email: string; status: string; offerExpiresAt: string | null }[];

  async function buy(quantity: number) {
    const info = await api(rig, 'GET', shop(`/performances/${performanceId}`), undefined, null);
    const tariff = (info.body.tariffs as { id: string; name: string }[]).find((t) => t.name === 'Plein tarif')!;
    const hold = await api(rig, 'POST', shop('/holds'), { performanceId, quantities: [{ tariffId: tariff.id, quantity }] }, null);
    expect(hold.status).toBe(201);
    const order = await api(
      rig,
      'POST',
      shop(`/holds/${hold.body.id}/checkout`),
      { buyer: { name: 'Paul Käufer', email: 'paul@example.ch', language: 'de' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } },
      null,
    );
    expect(order.status).toBe(201);
    orders.push(order.body.number);
  }

  const join = (email: string, name: string, quantity: number, language = 'fr') => api(rig, 'POST', shop(`/performances/${performanceId}/waiting-list`), { email, name, language, quantity }, null);

  beforeAll(async () => {
    rig = await startConsoleRig();
    storage = await openNodeStorage(`file:${rig.server.dbPath}`, { migrate: false });
    performanceId = rig.server.demo.concertPerformanceIds[1]!;
    eventId = rig.server.demo.concertEventId;
    expect((await api(rig, 'PATCH', `/api/org/performances/${performanceId}`, { capacity: 3 })).status).toBe(200);
  });
  afterAll(async () => {
    storage?.client.close();
    await rig?.stop();
  });

  it('opens from the event page and turns the list on with its offer time; a wrong time is refused at the field', async () => {
    const { page, problems, close } = await openConsole(rig, `/events/${eventId}`, { as: 'manager' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Nuit du Jazz');
    const links = page.getByRole('link', { name: /^Waiting list: / });
    expect(await links.count()).toBe(2);
    await links.nth(1).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Waiting list');
    expect(await page.evaluate(() => location.hash)).toBe(`#${screenPath()}`);
    await expect.poll(() => page.getByText('Nobody has joined this waiting list.').count()).toBe(1);
    expect(await page.locator('#enabled').isChecked()).toBe(false);
    expect(await page.locator('#offer-hours').inputValue()).toBe('24');

    await page.locator('#enabled').check();
    await page.locator('#offer-hours').fill('0');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect.poll(() => page.locator('#offer-hours-error').textContent()).toBe('Enter a whole number of hours from 1 to 168.');
    expect(await page.locator('#offer-hours').getAttribute('aria-invalid')).toBe('true');
    expect((await api(rig, 'GET', listPath())).body.enabled).toBe(false);

    await page.locator('#offer-hours').fill('2');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('The waiting list settings were saved.');
    expect(await page.locator('#offer-hours-error').count()).toBe(0);
    expect((await api(rig, 'GET', listPath())).body).toMatchObject({ enabled: true, offerHours: 2, entries: [] });
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the line in the order people joined, with the live offer and when it lapses', async () => {
    await buy(2);
    await buy(1);
    expect((await join('anna@example.ch', 'Anna Attente', 2, 'de')).status).toBe(201);
    expect((await join('ben@example.ch', 'Ben Bereit', 1)).status).toBe(201);
    expect((await join('cara@example.ch', 'Cara Coda', 1, 'it')).status).toBe(201);
    // Two places come back: the offer job gives them to Anna, first in line, for two hours.
    expect((await api(rig, 'POST', `/api/org/orders/${orders[0]}/cancellations`, { scope: 'order', reason: 'test', refundMethod: 'none' })).status).toBe(201);
    expect(await offerWaitingLists(storage.db, Date.now())).toMatchObject({ offered: 1 });
    const anna = (await entries()).find((e) => e.email === 'anna@example.ch')!;
    expect(anna.status).toBe('offered');

    const { page, problems, close } = await openConsole(rig, screenPath(), { as: 'manager', locale: 'de' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Warteliste');
    const rows = page.locator('tk-waiting-list-screen tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const cells = async (i: number) => (await rows.nth(i).locator('th, td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    const [first, second, third] = [await cells(0), await cells(1), await cells(2)];
    expect(first.slice(0, 4)).toEqual(['–', 'Anna Attente anna@example.ch schreibt auf DE', '2', 'Angebot gesendet']);
    const expiry = new Intl.DateTimeFormat('de-CH', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Zurich' }).format(new Date(anna.offerExpiresAt!));
    expect(first[5]).toContain(`Plätze reserviert bis ${expiry}`);
    expect(second.slice(0, 4)).toEqual(['1', 'Ben Bereit ben@example.ch schreibt auf FR', '1', 'Wartet']);
    expect(second[5]).toBe('Kein Angebot');
    expect(third.slice(0, 4)).toEqual(['2', 'Cara Coda cara@example.ch schreibt auf IT', '1', 'Wartet']);
    await expect(page.getByText('2 wartend, 1 mit einem laufenden Angebot.').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('removes a waiting entry and the one with the offer, each after a confirmation that says what follows', async () => {
    const { page, problems, close } = await openConsole(rig, screenPath(), { as: 'manager' });
    await expect.poll(() => page.locator('tk-waiting-list-screen tbody tr').count()).toBe(3);

    // Asked from the keyboard, then kept: nothing changes.
    await page.getByRole('button', { name: 'Remove Ben Bereit from the waiting list' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#confirm-remove').textContent()).toBe('Remove Ben Bereit (ben@example.ch) from the waiting list? They are not told by e-mail.');
    await expectNoAxeViolations(page);
    // The confirming button has the focus; Tab reaches "Cancel".
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.textContent?.trim())).toBe('Remove');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('#confirm-remove').count()).toBe(0);
    expect((await entries()).find((e) => e.email === 'ben@example.ch')!.status).toBe('waiting');

    await page.getByRole('button', { name: 'Remove Ben Bereit from the waiting list' }).click();
    await page.getByRole('group').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Ben Bereit is no longer on the waiting list.');
    expect((await entries()).find((e) => e.email === 'ben@example.ch')!.status).toBe('withdrawn');
    await expect.poll(() => page.locator('tr[data-entry] .badge').allTextContents()).toEqual(['Offer sent', 'Left the list', 'Waiting']);
    expect(await page.getByRole('button', { name: 'Remove Ben Bereit from the waiting list' }).count()).toBe(0);
    // Cara moved up to first.
    expect((await page.locator('tr[data-entry]').nth(2).locator('td').first().textContent())?.trim()).toBe('1');

    await page.getByRole('button', { name: 'Remove Anna Attente from the waiting list' }).click();
    await expect.poll(() => page.locator('#confirm-remove').textContent()).toContain('Their offer is withdrawn at once and its seats go to the next in line.');
    await page.getByRole('group').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Anna Attente is no longer on the waiting list.');
    const after = await entries();
    expect(after.map((e) => [e.email, e.status])).toEqual([
      ['anna@example.ch', 'withdrawn'],
      ['ben@example.ch', 'withdrawn'],
      ['cara@example.ch', 'waiting'],
    ]);
    // The offer's hold is released: its two places go to Cara at the next run.
    expect(await offerWaitingLists(storage.db, Date.now())).toMatchObject({ offered: 1 });
    expect((await entries()).find((e) => e.email === 'cara@example.ch')!.status).toBe('offered');
    expect(problems).toEqual([]);
    await close();
  });

  it('lets the box office read the line without changing it, and fits a phone', async () => {
    const token = await tokenWithRole(rig, 'box_office');
    const { page, problems, close } = await openConsole(rig, screenPath(), { token, viewport: { width: 390, height: 844 } });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Waiting list');
    await expect.poll(() => page.locator('tk-waiting-list-screen tbody tr').count()).toBe(3);
    await expect(page.getByText('Waiting list: On. An offer holds the seats for 2 h.').count()).resolves.toBe(1);
    expect(await page.locator('#enabled').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();

    // The door role may not read it: the screen says so.
    const door = await openConsole(rig, screenPath(), { token: await tokenWithRole(rig, 'door') });
    await expect.poll(() => screenHeading(door.page).textContent()).toBe('Your role cannot open this page.');
    await door.close();
  });
});
