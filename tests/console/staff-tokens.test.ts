import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpJson } from '../node/http-server.js';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig, tokenWithRole } from './harness.js';
import { orgApi } from './storefront.js';

// Screens load through the real API and server on a machine that may be busy: a poll waits for them as staff would, up to 15 s.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

describe('the staff and API tokens screens', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  const member = async (email: string) => ((await orgApi(rig, 'GET', '/api/org/staff')).body.staff as { email: string; role: string; status: string; name: string }[]).find((m) => m.email === email);

  it('invites a manager, changes the role, signs them out and revokes them', async () => {
    const { page, problems, close } = await openConsole(rig, '/staff', { locale: 'en' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Staff');
    const screen = page.locator('tk-staff-screen');
    // Each role is explained in a sentence.
    await expect(screen.locator('dl.roles').textContent()).resolves.toContain('Checks tickets in at the door, nothing else.');

    await screen.locator('#email').fill('marie.gestion@example.ch');
    await screen.locator('#name').fill('Marie Gestion');
    await screen.locator('#role').selectOption('manager');
    await screen.locator('#locale').selectOption('fr');
    await screen.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => screen.locator('.notice.success').textContent()).toContain('Marie Gestion is invited');
    expect(await member('marie.gestion@example.ch')).toMatchObject({ name: 'Marie Gestion', role: 'manager', status: 'active' });
    await expect.poll(() => screen.locator('tr[data-email="marie.gestion@example.ch"] .role').textContent()).toBe('Manager');

    // The same address again: refused next to the field.
    await screen.locator('#email').fill('marie.gestion@example.ch');
    await screen.locator('#name').fill('Marie encore');
    await screen.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => screen.locator('#email-error').textContent()).toBe('This address already belongs to a staff member of the shop.');
    await expectNoAxeViolations(page);

    await screen.getByRole('button', { name: 'Change Marie Gestion' }).click();
    const panel = screen.locator('#edit-panel');
    await panel.locator('#edit-role').selectOption('box_office');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.locator('.notice.success').textContent()).toBe('Marie Gestion was saved.');
    expect((await member('marie.gestion@example.ch'))!.role).toBe('box_office');
    await expect.poll(() => screen.locator('tr[data-email="marie.gestion@example.ch"] .role').textContent()).toBe('Box office');

    await panel.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect.poll(() => panel.locator('.notice.success').textContent()).toBe('0 sessions were ended.');

    await panel.getByRole('button', { name: 'Revoke access' }).click();
    const confirm = panel.locator('.confirm');
    await expect(confirm.textContent()).resolves.toContain('Revoke the access of Marie Gestion?');
    // The focus is on the confirming answer: Enter revokes.
    await page.keyboard.press('Enter');
    await expect.poll(() => screen.locator('.notice.success').textContent()).toBe('The access of Marie Gestion was revoked.');
    expect((await member('marie.gestion@example.ch'))!.status).toBe('revoked');
    await expect(screen.locator('tr[data-email="marie.gestion@example.ch"] .status').textContent()).resolves.toContain('Revoked on');

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('keeps the shop’s last owner, saying why in the staff member’s language', async () => {
    // Every console page of these tests signs in as an owner of its own: all but the demo owner leave.
    const staff = (await orgApi(rig, 'GET', '/api/org/staff')).body.staff as { id: string; email: string; name: string; role: string; status: string }[];
    const owner = staff.find((m) => m.email === 'owner@demo.example')!;
    for (const other of staff.filter((m) => m.role === 'owner' && m.status === 'active' && m !== owner)) expect((await orgApi(rig, 'DELETE', `/api/org/staff/${other.id}`)).status).toBe(200);
    const { page, problems, close } = await openConsole(rig, '/staff', { locale: 'de', token: rig.server.demo.token });
    const screen = page.locator('tk-staff-screen');
    await screen.getByRole('button', { name: `${owner.name} ändern` }).click();
    const panel = screen.locator('#edit-panel');
    await panel.locator('#edit-role').selectOption('door');
    await panel.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => panel.locator('[role="alert"]').textContent()).toBe('Der Shop braucht einen Inhaber: Machen Sie zuerst jemand anderen zum Inhaber.');
    expect((await member(owner.email))!.role).toBe('owner');
    expect(problems).toEqual([]);
    await close();
  });

  it('creates a box office token, shows it once, and revokes it after a confirmation', async () => {
    const { page, problems, close } = await openConsole(rig, '/tokens', { locale: 'it' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Token API');
    const screen = page.locator('tk-tokens-screen');
    await screen.locator('#label').fill('Cassa 2');
    await screen.locator('#role').selectOption('box_office');
    await screen.getByRole('button', { name: 'Crea' }).click();
    const secret = screen.locator('tk-secret-once code');
    await expect.poll(() => secret.textContent()).toMatch(/^tsk_/);
    const token = (await secret.textContent())!;

    const listed = (await orgApi(rig, 'GET', '/api/org/tokens')).body.tokens.find((t: { label: string }) => t.label === 'Cassa 2');
    expect(listed).toMatchObject({ role: 'box_office' });
    expect(JSON.stringify(listed)).not.toContain(token);
    await expect.poll(() => screen.locator(`tr[data-token="${listed.id}"] .role`).textContent()).toBe('Biglietteria');
    // The token works, with its role: the box office may search orders, not read the settings.
    const auth = { Authorization: `Bearer ${token}` };
    expect((await httpJson(rig.server.baseUrl, 'GET', '/api/org/orders', undefined, auth)).status).toBe(200);
    expect((await httpJson(rig.server.baseUrl, 'GET', '/api/org/shop', undefined, auth)).status).toBe(403);
    await expectNoAxeViolations(page);

    // Seen again, the page no longer shows it.
    await page.reload();
    await expect.poll(() => screen.locator(`tr[data-token="${listed.id}"]`).count()).toBe(1);
    expect(await screen.locator('tk-secret-once').count()).toBe(0);

    await screen.getByRole('button', { name: 'Revoca Cassa 2' }).click();
    await expect(screen.locator('.confirm').textContent()).resolves.toContain('Revocare «Cassa 2»?');
    await screen.locator('.confirm').getByRole('button', { name: 'Revoca' }).click();
    await expect.poll(() => screen.locator('.notice.success').textContent()).toBe('Il token «Cassa 2» è stato revocato.');
    expect((await httpJson(rig.server.baseUrl, 'GET', '/api/org/orders', undefined, auth)).status).toBe(401);

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the settings read-only to a role that may read but not change them', async () => {
    const accountant = await tokenWithRole(rig, 'accountant');
    const { page, problems, close } = await openConsole(rig, '/settings', { locale: 'en', token: accountant });
    const screen = page.locator('tk-settings-screen');
    await expect.poll(() => screen.locator('p.notice').first().textContent()).toBe('Only the owner may change these settings; your role may read them.');
    expect(await screen.locator('#name').isDisabled()).toBe(true);
    expect(await screen.locator('button[type="submit"]').count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });
});
