import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig, tokenWithRole } from './harness.js';
import { buyConcertTickets, orgApi } from './storefront.js';

// Screens load through the real API and server on a machine that may be busy: a poll waits for them as staff would, up to 15 s.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

describe('the check-in screen', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('admits a ticket of a paid order, then refuses it as already admitted, with the keyboard alone', async () => {
    const order = await buyConcertTickets(rig, 2);
    const ticket = order.tickets[0]!;
    const { page, problems, close } = await openConsole(rig, '/check-in', { locale: 'en' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Check-in');
    const screen = page.locator('tk-check-in-screen');
    const input = screen.locator('#code');
    // The field has the focus: a scanner types into it straight away, and ends with Enter.
    await expect.poll(() => screen.evaluate((el) => el.shadowRoot!.activeElement?.id)).toBe('code');
    await page.keyboard.type(ticket.qrPayload);
    await page.keyboard.press('Enter');

    const admitted = screen.locator('[role="status"].answer');
    await expect.poll(() => admitted.textContent()).toContain('Admitted');
    const text = (await admitted.textContent())!;
    expect(text).toContain('Plein tarif');
    expect(text).toContain('General admission');
    expect(text).toContain(ticket.number);
    // Emptied and focused again for the next ticket.
    await expect(input.inputValue()).resolves.toBe('');
    await expect.poll(() => screen.evaluate((el) => el.shadowRoot!.activeElement?.id)).toBe('code');
    const staffOrder = (await orgApi(rig, 'GET', `/api/org/orders/${order.number}`)).body;
    const admittedAt = staffOrder.tickets.find((t: { number: string }) => t.number === ticket.number).admittedAt as string;
    expect(admittedAt).not.toBeNull();

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The same ticket again: refused, with when it entered, as an alert.
    await page.keyboard.type(ticket.qrPayload);
    await page.keyboard.press('Enter');
    const refused = screen.locator('[role="alert"].answer');
    await expect.poll(() => refused.textContent()).toContain('Already admitted');
    const when = new Intl.DateTimeFormat('en-CH', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Zurich' }).format(new Date(admittedAt));
    await expect(refused.textContent()).resolves.toContain(`Entered at ${when}`);
    await expect.poll(() => admitted.textContent()).not.toContain('Admitted');
    await expect(input.inputValue()).resolves.toBe('');
    await expect.poll(() => screen.evaluate((el) => el.shadowRoot!.activeElement?.id)).toBe('code');

    // Something that is not a ticket: refused with the reason.
    await page.keyboard.type('not a ticket');
    await page.keyboard.press('Enter');
    await expect.poll(() => refused.textContent()).toContain('This is not a ticket code of this shop.');
    await expect(screen.locator('ol.recent li').count()).resolves.toBe(3);

    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('is the door role’s home, and admits with that role alone', async () => {
    const order = await buyConcertTickets(rig, 1);
    const door = await tokenWithRole(rig, 'door');
    const { page, problems, close } = await openConsole(rig, '/', { locale: 'it', token: door });
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/check-in');
    const screen = page.locator('tk-check-in-screen');
    await expect.poll(() => screenHeading(page).textContent()).toBe('Controllo biglietti');
    // The door cannot read the catalogue: no choice of performance, every ticket of the shop is checked.
    expect(await screen.locator('#performance').count()).toBe(0);
    await expect.poll(() => screen.evaluate((el) => el.shadowRoot!.activeElement?.id)).toBe('code');
    await page.keyboard.type(order.tickets[0]!.qrPayload);
    await page.keyboard.press('Enter');
    await expect.poll(() => screen.locator('[role="status"].answer').textContent()).toContain('Ingresso consentito');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('refuses a ticket of another performance when the door checks one performance', async () => {
    const order = await buyConcertTickets(rig, 1);
    const other = rig.server.demo.concertPerformanceIds[1]!;
    const { page, problems, close } = await openConsole(rig, '/check-in', { locale: 'fr' });
    const screen = page.locator('tk-check-in-screen');
    await expect.poll(async () => (await screen.locator('#performance option').count()) > 1).toBe(true);
    await screen.locator('#performance').selectOption(other);
    await screen.locator('#code').fill(order.tickets[0]!.qrPayload);
    await screen.locator('#code').press('Enter');
    await expect.poll(() => screen.locator('[role="alert"].answer').textContent()).toContain('Ce billet est pour une autre représentation.');
    expect((await orgApi(rig, 'GET', `/api/org/orders/${order.number}`)).body.tickets[0].admittedAt).toBeNull();
    expect(problems).toEqual([]);
    await close();
  });
});
