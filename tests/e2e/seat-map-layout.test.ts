import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, openPage, shopIn, startE2E } from './browser.js';

/** The seat map as a test sees it: its zoom, where its canvas is, where given seats are drawn. */
type SeatMap = HTMLElement & { zoom: number; selected: ReadonlySet<number>; seatPosition(id: number): { x: number; y: number } | null };

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E([], { arena: true });
});
afterAll(async () => {
  await e2e?.stop();
});

const seatMap = (page: Page) => shopIn(page).locator('tk-seat-map');

/** The demo page with the 20,160-seat arena's date open, its first frame painted. */
async function openArena(page: Page) {
  await page.goto(`${e2e.server.baseUrl}/`);
  await shopIn(page).locator('[part="event-card"]', { hasText: 'Gala sur glace' }).click();
  await seatMap(page).locator('canvas').waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('tk-seat-map:first-paint').length > 0);
}

function view(page: Page, seatIds: number[] = []) {
  return seatMap(page).evaluate((map: SeatMap, ids) => {
    const box = map.shadowRoot!.querySelector('canvas')!.getBoundingClientRect();
    const toolbar = map.shadowRoot!.querySelector('[part="toolbar"]')!.getBoundingClientRect();
    return {
      zoom: map.zoom,
      canvas: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
      toolbarBottom: toolbar.bottom,
      seats: ids.map((id) => map.seatPosition(id)!),
    };
  }, seatIds);
}

/** Waits until the map's zoom stops changing (the end of an animation). */
async function settled(page: Page): Promise<number> {
  let last = -1;
  for (;;) {
    const zoom = (await view(page)).zoom;
    if (zoom === last) return zoom;
    last = zoom;
    await page.waitForTimeout(150);
  }
}

describe('the arena’s seat map in the page', () => {
  it('fits a 390 px phone without scrolling sideways, with its toolbar above the plan', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { page, problems } = await openPage(context);
    await openArena(page);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    const { canvas, toolbarBottom } = await view(page);
    expect(canvas.right).toBeLessThanOrEqual(390);
    expect(toolbarBottom, 'the toolbar covers no seat').toBeLessThanOrEqual(canvas.top);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the wheel scroll the page past the map (with a hint), zooms with Ctrl + wheel', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    await openArena(page);
    await seatMap(page).locator('canvas').scrollIntoViewIfNeeded();
    const { canvas } = await view(page);
    await page.mouse.move((canvas.left + canvas.right) / 2, (canvas.top + canvas.bottom) / 2);
    const before = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before);
    expect((await view(page)).zoom).toBe(1);
    await expect.poll(() => seatMap(page).locator('[part="message"]').textContent()).toBe('Ctrl + molette pour zoomer');

    const { canvas: moved } = await view(page);
    await page.mouse.move((moved.left + moved.right) / 2, (moved.top + moved.bottom) / 2);
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await view(page)).zoom).toBeGreaterThan(1.2);
    expect(await page.evaluate(() => window.scrollY), 'the page stays').toBe(scrolled);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('zooms to the seats best available found, which were a dot on the whole plan', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { page, problems } = await openPage(context);
    await openArena(page);
    const shop = shopIn(page);
    await shop.locator('[part="submit"]').click();
    await expect.poll(() => shop.locator('tk-cart [part="line"]').count()).toBe(2);
    const seatIds = await seatMap(page).evaluate((map: SeatMap) => [...map.selected]);
    expect(seatIds).toHaveLength(2);
    expect(await settled(page)).toBeGreaterThan(4);
    const { canvas, seats } = await view(page, seatIds);
    for (const seat of seats) {
      expect(seat.x).toBeGreaterThan(canvas.left + 20);
      expect(seat.x).toBeLessThan(canvas.right - 20);
      expect(seat.y).toBeGreaterThan(canvas.top + 20);
      expect(seat.y).toBeLessThan(canvas.bottom - 20);
    }
    // Side by side, far enough apart to tell them apart.
    expect(Math.hypot(seats[0]!.x - seats[1]!.x, seats[0]!.y - seats[1]!.y)).toBeGreaterThan(12);
    expect(problems).toEqual([]);
    await context.close();
  });
});
