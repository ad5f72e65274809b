import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig, tokenWithRole } from './harness.js';

describe('the console frame', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('opens on the first screen the role may see, under the strict CSP, in the browser language', async () => {
    const { page, problems, close } = await openConsole(rig, '/', { locale: 'fr' });
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/today');
    await expect(page.locator('tk-console nav a[aria-current="page"]').textContent()).resolves.toBe('Aujourd’hui');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('moves the focus to the heading of each screen opened from the navigation', async () => {
    const { page, problems, close } = await openConsole(rig, '/today');
    await page.locator('tk-console nav a', { hasText: 'Orders' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/orders');
    await expect.poll(() => screenHeading(page).evaluate((h) => h.getRootNode() instanceof ShadowRoot && (h.getRootNode() as ShadowRoot).activeElement === h)).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('switches language from the header and keeps the choice', async () => {
    const { page, close } = await openConsole(rig, '/today', { locale: 'en' });
    await page.locator('tk-console header select').selectOption('de');
    await expect(page.locator('tk-console nav a[aria-current="page"]').textContent()).resolves.toBe('Heute');
    await page.reload();
    await expect.poll(() => page.locator('tk-console nav a[aria-current="page"]').textContent()).toBe('Heute');
    await close();
  });

  it('shows a role only the screens it may open, and refuses the others by address', async () => {
    const { page, problems, close } = await openConsole(rig, '/', { as: 'door' });
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/check-in');
    expect(await page.locator('tk-console nav a').allTextContents()).toEqual(['Check-in']);
    await page.evaluate(() => (location.hash = '#/orders'));
    await expect.poll(() => screenHeading(page).textContent()).toBe('Your role cannot open this page.');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the sign-in screen to nobody signed in, and the navigation as a menu on a phone', async () => {
    const signedOut = await openConsole(rig, '/orders', { token: null });
    await expect.poll(() => signedOut.page.locator('tk-sign-in-screen h1').textContent()).toBe('Sign in to the console');
    await expectNoAxeViolations(signedOut.page);
    await signedOut.close();

    const phone = await openConsole(rig, '/today', { viewport: { width: 390, height: 844 } });
    const menu = phone.page.locator('tk-console header button.menu');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await phone.page.locator('tk-console nav').isVisible()).toBe(false);
    await menu.click();
    expect(await phone.page.locator('tk-console nav').isVisible()).toBe(true);
    expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
