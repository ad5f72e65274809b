import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';
import { writeQrVideo } from './fake-camera.js';
import { buyConcertTickets, orgApi } from './storefront.js';

// Screens load through the real API and server on a machine that may be busy: a poll waits for them as staff would, up to 15 s.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

const phone = { width: 390, height: 844 };
const video = join(tmpdir(), `door-camera-${process.pid}.y4m`);

/** The day of the demo concert's first performance in the shop's time zone (the scanner lists a day's performances). */
async function concertDay(rig: ConsoleRig): Promise<{ performanceId: string; date: string }> {
  const performanceId = rig.server.demo.concertPerformanceIds[0]!;
  const performance = await orgApi(rig, 'GET', `/api/shops/${rig.server.demo.shopId}/performances/${performanceId}`);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(performance.body.startsAt as string));
  return { performanceId, date };
}

/** Sets the scanner up as door staff do: the day, the performance, the door's name, and "Ready for offline". */
async function setUpDoor(page: Page, day: { performanceId: string; date: string }, door: string, prepared = /\d+ tickets? on this device/) {
  const screen = page.locator('tk-scan-screen');
  await screen.locator('#date').fill(day.date);
  await expect.poll(() => screen.locator(`#performance option[value="${day.performanceId}"]`).count()).toBe(1);
  await screen.locator('#performance').selectOption(day.performanceId);
  await screen.locator('#door').fill(door);
  await screen.locator('button.prepare').click();
  await expect.poll(() => screen.locator('.prepared').textContent()).toMatch(prepared);
  return screen;
}

async function typeTicket(page: Page, text: string) {
  const screen = page.locator('tk-scan-screen');
  await screen.locator('#typed').fill(text);
  await screen.locator('#typed').press('Enter');
  await expect.poll(() => screen.locator('#typed').inputValue()).toBe('');
}

const shown = (page: Page) => page.locator('tk-scan-screen .answer:not(.idle)');

async function ticketOf(rig: ConsoleRig, order: string, number: string) {
  const body = (await orgApi(rig, 'GET', `/api/org/orders/${order}`)).body as { tickets: { number: string; admittedAt: string | null }[] };
  return body.tickets.find((t) => t.number === number)!;
}

describe('the door scanner', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    // The fake camera's file must exist when Chromium starts; the test writes a real ticket into it before the camera opens.
    writeQrVideo(video, 'not yet a ticket');
    rig = await startConsoleRig({ browserArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
  });
  afterAll(() => rig?.stop());

  it('reads a ticket’s QR code with the camera: admitted with its tariff, then already admitted when shown again', async () => {
    const order = await buyConcertTickets(rig, 1);
    const ticket = order.tickets[0]!;
    writeQrVideo(video, ticket.qrPayload, { shownSeconds: 2, blankSeconds: 3 });
    const day = await concertDay(rig);
    const { page, context, problems, close } = await openConsole(rig, '/scan', { as: 'door', viewport: phone });
    await context.grantPermissions(['camera']);
    await expect.poll(() => screenHeading(page).textContent()).toBe('Door scanner');
    const screen = await setUpDoor(page, day, 'North entrance');
    await screen.getByRole('button', { name: 'Start the camera' }).click();

    await expect.poll(() => shown(page).getAttribute('class')).toContain('admitted');
    const admitted = (await shown(page).textContent())!;
    expect(admitted).toContain('Admitted');
    expect(admitted).toContain('Plein tarif');
    expect(admitted).toContain(ticket.number);
    expect((await ticketOf(rig, order.number, ticket.number)).admittedAt).not.toBeNull();
    // The code left the picture for 3 s and came back: a new scan, refused with where and when.
    await expect.poll(() => shown(page).getAttribute('class')).toContain('already');
    const already = (await shown(page).textContent())!;
    expect(already).toContain('Already admitted');
    expect(already).toContain('North entrance');
    // The answer covers the screen until a tap or Escape; the camera goes on reading meanwhile, so clear and stop until stopped.
    const stop = screen.getByRole('button', { name: 'Stop the camera' });
    await expect
      .poll(async () => {
        await page.keyboard.press('Escape');
        return stop.click({ timeout: 1_000 }).then(
          () => true,
          () => false,
        );
      })
      .toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => shown(page).count()).toBe(0);
    await expect.poll(() => screen.locator('video').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('decides without network from its list, keeps the queue over a reload, syncs it, and reports a ticket two devices let in', async () => {
    const order = await buyConcertTickets(rig, 3);
    const [first, second, third] = order.tickets as [(typeof order.tickets)[0], (typeof order.tickets)[0], (typeof order.tickets)[0]];
    const day = await concertDay(rig);
    const north = await openConsole(rig, '/scan', { viewport: phone, as: 'door' });
    const south = await openConsole(rig, '/scan', { viewport: phone, as: 'door' });
    await setUpDoor(north.page, day, 'North');
    await setUpDoor(south.page, day, 'South');
    // After this first visit the service worker holds the console: the page opens again without network.
    for (const { page } of [north, south]) await expect.poll(() => page.locator('tk-scan-screen .shell').textContent()).toBe('This page also opens without network on this device.');

    await north.context.setOffline(true);
    await south.context.setOffline(true);
    await expect.poll(() => north.page.locator('tk-scan-screen .badge.offline').textContent()).toBe('Offline');

    // Typed number, scanned code, the same again, and a forged code: all decided on the device.
    await typeTicket(north.page, first.number.toLowerCase().replace(/-/g, ' '));
    await expect.poll(() => shown(north.page).textContent()).toContain('Admitted');
    expect(await shown(north.page).textContent()).toContain('Decided on this device (offline).');
    await typeTicket(north.page, second.qrPayload);
    await expect.poll(() => shown(north.page).textContent()).toContain(second.number);
    await typeTicket(north.page, second.qrPayload);
    await expect.poll(() => shown(north.page).textContent()).toContain('Already admitted');
    expect(await shown(north.page).textContent()).toContain('North');
    const forged = third.qrPayload.slice(0, -2) + (third.qrPayload.endsWith('AA') ? 'BB' : 'AA');
    await typeTicket(north.page, forged);
    await expect.poll(() => shown(north.page).textContent()).toContain('Forged');
    // The answer covering the screen passes axe too.
    await expectNoAxeViolations(north.page);
    await expect.poll(() => north.page.locator('tk-scan-screen .status-bar').textContent()).toContain('2 admissions waiting to be sent.');
    // The other door lets the first ticket in too, a little later: its list did not know.
    await typeTicket(south.page, first.qrPayload);
    await expect.poll(() => shown(south.page).textContent()).toContain('Admitted');

    // A reload without network: the console comes from the service worker, the queue from IndexedDB.
    await north.page.reload();
    await expect.poll(() => screenHeading(north.page).textContent()).toBe('Door scanner');
    await expect.poll(() => north.page.locator('tk-scan-screen .status-bar').textContent()).toContain('2 admissions waiting to be sent.');
    await typeTicket(north.page, third.number);
    await expect.poll(() => shown(north.page).textContent()).toContain(third.number);
    await expect.poll(() => north.page.locator('tk-scan-screen .status-bar').textContent()).toContain('3 admissions waiting to be sent.');
    expect((await ticketOf(rig, order.number, first.number)).admittedAt).toBeNull();

    await north.context.setOffline(false);
    await expect.poll(() => north.page.locator('tk-scan-screen .status-bar').textContent()).toContain('Every admission has been sent.');
    for (const t of [first, second, third]) expect((await ticketOf(rig, order.number, t.number)).admittedAt).not.toBeNull();
    await south.context.setOffline(false);
    await expect.poll(() => south.page.locator('tk-scan-screen .status-bar').textContent()).toContain('Every admission has been sent.');
    await expect.poll(() => south.page.locator('tk-scan-screen .reports').textContent()).toContain(`Admitted twice: ticket ${first.number} at North`);
    await expectNoAxeViolations(south.page);
    expect(await horizontalOverflow(south.page)).toBeLessThanOrEqual(0);

    // Staff see it on the door overview, and in the list of duplicates.
    await north.page.evaluate((hash) => (location.hash = hash), `#/door?date=${day.date}`);
    const card = north.page.locator(`tk-door-overview-screen li[data-performance="${day.performanceId}"]`);
    await expect.poll(() => card.textContent()).toMatch(/\d+ duplicate admissions?/);
    await card.getByRole('link', { name: 'See the duplicates' }).click();
    const table = north.page.locator('tk-door-duplicates-screen table');
    await expect.poll(() => table.textContent()).toContain(first.number);
    expect(await table.textContent()).toContain('South');
    await expectNoAxeViolations(north.page);
    expect(north.problems).toEqual([]);
    expect(south.problems).toEqual([]);
    await north.close();
    await south.close();
  });

  it('speaks French and German, fits a phone, and the overview refreshes itself', async () => {
    const day = await concertDay(rig);
    const fr = await openConsole(rig, '/scan', { locale: 'fr', viewport: phone, as: 'door' });
    await expect.poll(() => screenHeading(fr.page).textContent()).toBe('Scanner de la porte');
    await setUpDoor(fr.page, day, 'Entrée nord', /\d+ billets? sur cet appareil/);
    // Online, a typed number goes to the server, which says where the ticket entered the second time.
    const typed = (await buyConcertTickets(rig, 1)).tickets[0]!;
    await typeTicket(fr.page, typed.number);
    await expect.poll(() => shown(fr.page).textContent()).toContain('Entrée autorisée');
    expect(await shown(fr.page).textContent()).toContain('Plein tarif');
    expect(await shown(fr.page).textContent()).not.toContain('hors ligne');
    await typeTicket(fr.page, typed.number);
    await expect.poll(() => shown(fr.page).textContent()).toContain('Déjà entré');
    expect(await shown(fr.page).textContent()).toContain('À : Entrée nord.');
    await expectNoAxeViolations(fr.page);
    await fr.page.keyboard.press('Escape');
    expect(await horizontalOverflow(fr.page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(fr.page);
    expect(fr.problems).toEqual([]);
    await fr.close();

    const de = await openConsole(rig, `/door?date=${day.date}`, { locale: 'de', viewport: phone, as: 'door' });
    await expect.poll(() => screenHeading(de.page).textContent()).toBe('Einlassübersicht');
    const card = de.page.locator(`tk-door-overview-screen li[data-performance="${day.performanceId}"]`);
    await expect.poll(() => card.textContent()).toMatch(/eingelassen/);
    const before = Number(/(\d+) von/.exec((await card.textContent())!)![1]);
    // A ticket admitted elsewhere appears without a reload (every 5 s).
    const order = await buyConcertTickets(rig, 1);
    const admit = await orgApi(rig, 'POST', '/api/org/checkins', { code: order.tickets[0]!.qrPayload });
    expect(admit.status).toBe(200);
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain(`${before + 1} von`);
    expect(await horizontalOverflow(de.page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(de.page);
    expect(de.problems).toEqual([]);
    await de.close();
  });
});
