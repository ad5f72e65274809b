import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, invitationLink, openConsole, screenHeading, startConsoleRig, tokenWithRole } from './harness.js';

/** The sign-in link e-mailed last to an address (the console's local mailbox would show the same e-mail). */
async function mailedLink(rig: ConsoleRig, email: string): Promise<string> {
  const db = createClient({ url: `file:${rig.server.dbPath}` });
  try {
    const rows = await db.execute({ sql: `SELECT payload FROM outbox_messages WHERE recipient = ? AND kind = 'staff_sign_in' ORDER BY created_at DESC, rowid DESC LIMIT 1`, args: [email] });
    return (JSON.parse(String(rows.rows[0]!.payload)) as { link: { url: string; token: string } }).link.token;
  } finally {
    db.close();
  }
}

describe('signing in to the console', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('asks for a link by e-mail, signs in with it once, and signs out', async () => {
    const { email } = await invitationLink(rig, 'manager', 'de');
    const { page, problems, close } = await openConsole(rig, '/orders', { token: null, locale: 'de' });
    await expect.poll(() => page.locator('tk-sign-in-screen h1').textContent()).toBe('Anmeldung an der Konsole');
    // The keyboard alone: the heading has the focus, Tab reaches the address, Enter sends.
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tk-sign-in-screen [role="status"]').textContent()).toContain(email);
    await expectNoAxeViolations(page);

    const token = await mailedLink(rig, email);
    await page.goto(`${rig.server.baseUrl}/admin/#/sign-in?token=${token}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/today');
    // The token left the address bar at once.
    expect(await page.evaluate(() => location.href)).not.toContain(token);
    expect(await page.locator('tk-console header .who').textContent()).toBe('Test manager (Leitung)');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === '__Host-staff_session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });

    // The same link a second time: refused, in the staff member's language.
    const other = await page.context().browser()!.newContext({ locale: 'de-CH' });
    const second = await other.newPage();
    await second.goto(`${rig.server.baseUrl}/admin/#/sign-in?token=${token}`);
    await expect.poll(() => second.locator('tk-sign-in-screen [role="alert"]').textContent()).toBe('Dieser Anmeldelink ist abgelaufen oder wurde schon verwendet. Fordern Sie unten einen neuen an.');
    await other.close();

    await page.locator('tk-console header button', { hasText: 'Abmelden' }).click();
    await expect.poll(() => page.locator('tk-sign-in-screen h1').isVisible()).toBe(true);
    // The session is gone on the server, not only forgotten by the page.
    const me = await page.evaluate(async () => (await fetch('/api/org/me')).status);
    expect(me).toBe(401);
    expect(problems).toEqual([]);
    await close();
  });

  it('goes back to the sign-in screen when the session is revoked while a screen is open', async () => {
    const { page, close } = await openConsole(rig, '/orders', { as: 'box_office' });
    await expect.poll(() => screenHeading(page).isVisible()).toBe(true);
    const me = await page.evaluate(async () => (await (await fetch('/api/org/me')).json()) as { actor: { id: string } });
    await fetch(`${rig.server.baseUrl}/api/org/staff/${me.actor.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${rig.server.demo.token}` } });
    // The next screen's call to the API meets the revoked session (a click on the navigation could find it gone already).
    await page.evaluate(() => (location.hash = '#/today'));
    await expect.poll(() => page.locator('tk-sign-in-screen h1').isVisible()).toBe(true);
    await close();
  });

  it('works as an API token of a role too, showing that role and no sign-out', async () => {
    const accountant = await tokenWithRole(rig, 'accountant');
    const { page, close } = await openConsole(rig, '/', { token: accountant, locale: 'it' });
    await expect.poll(() => page.locator('tk-console header .who').textContent()).toBe('console test accountant (Contabilità)');
    expect(await page.locator('tk-console header button', { hasText: 'Esci' }).count()).toBe(0);
    const nav = await page.locator('tk-console nav a').allTextContents();
    expect(nav).toContain('Ordini');
    expect(nav).not.toContain('Personale');
    await close();
  });
});
