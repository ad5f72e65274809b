import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWidgetOnce } from '../node/http-server.js';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';

// Screens load through the real API and server on a machine that may be busy: a poll waits for them as staff would, up to 15 s.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

describe('the embed screen', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    buildWidgetOnce();
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('renders the real widget’s event list under the console’s strict CSP', async () => {
    const { page, problems, close } = await openConsole(rig, '/embed', { locale: 'de' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Shop einbinden');
    const preview = page.locator('tk-widget-preview ticket-shop');
    // The shop's published events, as cards drawn by the widget itself (inside its shadow root).
    await expect.poll(() => preview.locator('[part="event-card"]').count(), { timeout: 15_000 }).toBe(3);
    await expect(preview.locator('[part="event-card"]').first().textContent()).resolves.toBeTruthy();
    await expect(page.locator('tk-embed-screen code.snippet').textContent()).resolves.toBe(
      [`<script type="module" src="${rig.server.baseUrl}/widget/ticket-shop.js"></script>`, `<ticket-shop shop="${rig.server.demo.shopId}"></ticket-shop>`].join('\n'),
    );
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('writes the snippet of an event in German with a theme, copies it, and previews it themed', async () => {
    const { page, context, problems, close } = await openConsole(rig, '/embed', { locale: 'de' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.server.baseUrl });
    const screen = page.locator('tk-embed-screen');
    await screen.getByLabel('Eine Veranstaltung mit allen Daten').check();
    await expect.poll(() => screen.locator('#embed-event').isVisible()).toBe(true);
    await screen.locator('#embed-event').selectOption(rig.server.demo.concertEventId);
    await screen.locator('#embed-lang').selectOption('de');
    await screen.locator('[id="theme--tk-accent"]').fill('#b00020');
    await screen.locator('[id="theme--tk-radius"]').fill('4px');
    // Not a font size (and an attempt to leave the declaration): refused, kept out of the snippet.
    await screen.locator('[id="theme--tk-font-size"]').fill('16px; } body { display: none');
    await expect.poll(() => screen.locator('[id="theme--tk-font-size"]').getAttribute('aria-invalid')).toBe('true');

    const expected = [
      `<script type="module" src="${rig.server.baseUrl}/widget/ticket-shop.js"></script>`,
      '<style>',
      '  ticket-shop {',
      '    --tk-accent: #b00020;',
      '    --tk-radius: 4px;',
      '  }',
      '</style>',
      `<ticket-shop shop="${rig.server.demo.shopId}" event="${rig.server.demo.concertEventId}" lang="de"></ticket-shop>`,
    ].join('\n');
    await expect.poll(() => screen.locator('code.snippet').textContent()).toBe(expected);

    await screen.getByRole('button', { name: 'Code kopieren' }).click();
    await expect.poll(() => screen.locator('.copy-status').textContent()).toBe('Der Code ist in der Zwischenablage.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

    // The preview is the widget with those attributes: the concert's dates, in German, in the accent colour.
    const preview = page.locator('tk-widget-preview ticket-shop');
    await expect.poll(() => preview.getAttribute('event')).toBe(rig.server.demo.concertEventId);
    await expect(preview.getAttribute('lang')).resolves.toBe('de');
    await expect.poll(() => preview.locator('[part="performance"]').count(), { timeout: 15_000 }).toBe(rig.server.demo.concertPerformanceIds.length);
    expect(await preview.evaluate((el) => getComputedStyle(el).getPropertyValue('--tk-accent').trim())).toBe('#b00020');

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('says whether the page where the code goes may show the shop', async () => {
    const { page, close } = await openConsole(rig, '/embed', { locale: 'en' });
    const screen = page.locator('tk-embed-screen');
    await screen.locator('#page-address').fill('https://theatre.example/tickets');
    await expect.poll(() => screen.locator('#page-address-answer').textContent()).toContain('https://theatre.example is not allowed');
    await screen.locator('#page-address').fill('http://localhost:8080/shop.html');
    await expect.poll(() => screen.locator('#page-address-answer').textContent()).toContain('http://localhost:8080 may show the shop.');
    await close();
  });
});
