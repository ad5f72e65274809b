import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWidgetOnce } from '../node/http-server.js';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';

// Screens load through the real API and server on a machine that may be busy: a poll waits for them as staff would, up to 15 s.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

/** The settings, embed, webhooks, check-in, staff and tokens screens on a 390 px phone: no sideways scrolling of the page, 0 axe violations. */
describe('the owner’s screens on a phone', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    buildWidgetOnce();
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  const screens: [string, string][] = [
    ['/settings', 'Réglages'],
    ['/embed', 'Intégrer la boutique'],
    ['/webhooks', 'Webhooks'],
    ['/check-in', 'Contrôle des billets'],
    ['/staff', 'Équipe'],
    ['/tokens', 'Jetons d’API'],
  ];
  for (const [path, heading] of screens) {
    it(`${path} fits a 390 px phone`, async () => {
      const { page, problems, close } = await openConsole(rig, path, { locale: 'fr', viewport: { width: 390, height: 844 } });
      await expect.poll(() => screenHeading(page).textContent()).toBe(heading);
      // What the screen loads is there (not only its heading).
      await expect.poll(() => page.locator('tk-console main [role="status"]', { hasText: 'Chargement' }).count()).toBe(0);
      if (path === '/embed') await expect.poll(() => page.locator('tk-widget-preview ticket-shop [part="event-card"]').count(), { timeout: 15_000 }).toBe(3);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
      await close();
    });
  }
});
