import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';

describe('the activity screen', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('lists who changed what, a staff member in the console and a token through the API, newest first', async () => {
    const response = await fetch(`${rig.server.baseUrl}/api/org/venues`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rig.server.demo.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Salle des fêtes', address: 'Rue du Port 2, 1820 Montreux' }),
    });
    expect(response.status).toBe(201);

    const { page, problems, close } = await openConsole(rig, '/venues', { as: 'manager', locale: 'fr' });
    const venues = page.locator('tk-venues-screen');
    await venues.locator('#venue-name').fill('Grange aux concerts');
    await venues.locator('button.primary').last().click();
    await expect.poll(() => venues.locator('table').textContent()).toContain('Grange aux concerts');

    await page.locator('tk-console nav a', { hasText: 'Activité' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Activité');
    const rows = page.locator('tk-activity-screen tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    // The manager's venue, then the invitation that made the manager (the owner token), then the token's venue.
    expect(await rows.nth(0).textContent()).toMatch(/Test manager.*équipe · Gestionnaire.*createVenue.*POST \/api\/org\/venues/);
    expect(await rows.nth(1).textContent()).toMatch(/jeton d’API · Propriétaire.*inviteStaff/);
    expect(await rows.nth(2).textContent()).toMatch(/jeton d’API · Propriétaire.*createVenue/);
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('is not offered to the box office', async () => {
    const { page, close } = await openConsole(rig, '/today', { as: 'box_office', locale: 'de' });
    expect(await page.locator('tk-console nav a').allTextContents()).not.toContain('Aktivität');
    await close();
  });
});
