import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, openPage, shopIn, startE2E } from './browser.js';

/**
 * A buyer who uses only the keyboard (Tab, Shift+Tab, Enter, Space, the arrow keys; never the
 * mouse) buys on the demo page, and after every action focus is somewhere meaningful: the new
 * step's heading, the control just used, the next line of the cart. Never <body>.
 */

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

/** What has focus, found through the shadow roots by `deepActiveElement()` in the page. */
interface Focused {
  tag: string;
  id: string;
  text: string;
  label: string;
  part: string;
  classes: string;
  /** Its aria-current (the chosen date says "true"). */
  current: string;
  /** The element whose shadow root holds it (`ticket-shop`, `tk-cart`, …), or `document`. */
  in: string;
}

async function keyboardPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  await context.addInitScript(() => {
    Object.assign(globalThis, {
      deepActiveElement(): Element | null {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element;
      },
    });
  });
  return openPage(context);
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as { deepActiveElement: () => Element | null }).deepActiveElement();
    const root = element?.getRootNode();
    return {
      tag: element?.tagName.toLowerCase() ?? 'none',
      id: element?.id ?? '',
      text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80),
      label: element?.getAttribute('aria-label') ?? '',
      part: element?.getAttribute('part') ?? '',
      classes: element?.getAttribute('class') ?? '',
      current: element?.getAttribute('aria-current') ?? '',
      in: root instanceof ShadowRoot ? root.host.tagName.toLowerCase() : 'document',
    };
  });
}

/** Waits until focus is on what `expected` describes (focus on <body> fails with what had it). */
async function expectFocus(page: Page, expected: Partial<Focused>): Promise<Focused> {
  await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject(expected);
  return focused(page);
}

/** Presses Tab (or Shift+Tab) until `wanted` has focus. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, options: { back?: boolean; max?: number } = {}): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 80); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (wanted(now)) return now;
    seen.push(`${now.in} ${now.tag}${now.id ? `#${now.id}` : ''} "${now.label || now.text}"`);
  }
  throw new Error(`Tab never reached the control; focus went through:\n${seen.join('\n')}`);
}

const cartLines = (page: Page) => shopIn(page).locator('tk-cart [part="line"]');

describe('buying with the keyboard only', () => {
  it('chooses the play, a date, seats on the map, changes a tariff, removes a seat, asks for more time, changes the date, pays; the confirmation survives a reload and the e-mail links back to it', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await keyboardPage(context);
    await page.goto(`${e2e.server.baseUrl}/`);
    await shopIn(page).locator('[part="event-card"]').first().waitFor();

    // The event: its dates come up, focus on their heading.
    await tabTo(page, (f) => f.part === 'event-card' && f.text.startsWith('Le Malade imaginaire'));
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez une date', in: 'tk-performance-picker' });

    // A date: the seat map comes up, focus on the step's heading.
    const date = await tabTo(page, (f) => f.classes.includes('performance'));
    await page.keyboard.press('Space');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez vos places', in: 'ticket-shop' });

    // Three seats on the map: arrows move from seat to seat, Enter takes the one under focus.
    await tabTo(page, (f) => f.tag === 'canvas' && f.in === 'tk-seat-map');
    for (let seats = 1; seats <= 3; seats++) {
      for (let tries = 0; (await cartLines(page).count()) < seats; tries++) {
        expect(tries).toBeLessThan(6);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await page.waitForTimeout(tries === 0 ? 600 : 300);
      }
      await expectFocus(page, { tag: 'canvas', in: 'tk-seat-map' });
    }
    await expect.poll(() => cartLines(page).count()).toBe(3);

    // A tariff with the arrow keys: the line is priced again and the select keeps focus.
    const select = await tabTo(page, (f) => f.tag === 'select' && f.in === 'tk-cart');
    const price = () => cartLines(page).first().locator('.amount').textContent();
    const before = await price();
    await page.keyboard.press('ArrowDown');
    await expect.poll(price).not.toBe(before);
    await expectFocus(page, { tag: 'select', label: select.label, in: 'tk-cart' });

    // "Retirer" on the first line: focus goes to "Retirer" of the line that takes its place.
    const remove = await tabTo(page, (f) => f.classes === 'remove' && f.in === 'tk-cart');
    expect(remove.label).toBe(select.label.replace('Tarif pour', 'Retirer'));
    const next = await cartLines(page).nth(1).locator('.label').textContent();
    await page.keyboard.press('Enter');
    await expect.poll(() => cartLines(page).count()).toBe(2);
    await expectFocus(page, { tag: 'button', label: `Retirer ${next!.trim()}`, in: 'tk-cart' });

    // More time: the countdown is extended and focus stays on its button.
    await tabTo(page, (f) => f.part === 'extend-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => shopIn(page).locator('[part="notice"]').textContent()).toContain('Votre réservation a été prolongée.');
    await expectFocus(page, { part: 'extend-button', in: 'tk-cart' });

    // "Changer de date" goes back to the dates (focus on their heading); the same date again keeps the seats.
    await tabTo(page, (f) => f.text === 'Changer de date', { back: true });
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez une date', in: 'tk-performance-picker' });
    await tabTo(page, (f) => f.classes.includes('performance') && f.text === date.text);
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez vos places', in: 'ticket-shop' });
    await expect.poll(() => cartLines(page).count()).toBe(2);

    // Checkout: focus in the name field; the card; "Payer" with the space bar.
    await tabTo(page, (f) => f.part === 'checkout-button');
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'input', id: 'name', in: 'tk-checkout-form' });
    await page.keyboard.type('Anna Muster');
    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'input', id: 'email' });
    await page.keyboard.type('anna@example.ch');
    await tabTo(page, (f) => f.id === 'cardNumber');
    await page.keyboard.type('4242424242424242');
    await tabTo(page, (f) => f.part === 'submit' && f.in === 'tk-checkout-form');
    await page.keyboard.press('Space');
    await expectFocus(page, { tag: 'h3', id: 'thanks', text: 'Merci ! Votre commande est confirmée.', in: 'tk-order-confirmation' });
    const number = (await shopIn(page).locator('tk-order-confirmation .number').textContent())!;
    expect(number).toMatch(/\S/);
    expect(await shopIn(page).locator('tk-order-confirmation [part="ticket"]').count()).toBe(2);

    // "Gardez cette page": a reload shows the same confirmation.
    await page.reload();
    await expect.poll(() => shopIn(page).locator('tk-order-confirmation .number').textContent(), { timeout: 10_000 }).toBe(number);
    expect(await shopIn(page).locator('tk-order-confirmation [part="ticket"]').count()).toBe(2);

    // The confirmation e-mail links to the demo shop's order page, which shows the order with its exchange.
    await page.goto(`${e2e.server.baseUrl}/mailbox`);
    await page.locator('a', { hasText: number }).first().click();
    const text = (await page.locator('pre').textContent())!;
    const link = text.match(/https?:\/\/\S+\/order\.html\?order=\S+/)?.[0];
    expect(link).toBe(`${e2e.server.baseUrl}/order.html?order=${number}&secret=${link!.split('secret=')[1]}`);
    const fresh = await context.newPage();
    await fresh.goto(link!);
    await expect.poll(() => shopIn(fresh).locator('tk-order-confirmation .number').textContent(), { timeout: 10_000 }).toBe(number);
    await shopIn(fresh).locator('[part="exchange-button"]').first().waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('finds the best seats with "Trouver des places" and changes the date, focus on the cart and on the dates', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await keyboardPage(context);
    await page.goto(`${e2e.server.baseUrl}/`);
    await shopIn(page).locator('[part="event-card"]').first().waitFor();
    await tabTo(page, (f) => f.part === 'event-card' && f.text.startsWith('Le Malade imaginaire'));
    await page.keyboard.press('Space');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez une date' });
    await tabTo(page, (f) => f.classes.includes('performance'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez vos places' });

    // A price category with the arrow keys, then "Trouver des places": the cart, headed by its count, has focus.
    await tabTo(page, (f) => f.tag === 'select' && f.id === 'zone' && f.in === 'tk-best-available');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (f) => f.part === 'submit' && f.in === 'tk-best-available');
    await page.keyboard.press('Enter');
    await expect.poll(() => cartLines(page).count()).toBe(2);
    await expectFocus(page, { tag: 'h3', id: 'cart-title', in: 'tk-cart' });

    // Another date: the seats are released, focus on the dates' heading, then on the new date's seat map.
    await tabTo(page, (f) => f.text === 'Changer de date', { back: true });
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez une date' });
    await tabTo(page, (f) => f.classes.includes('performance') && f.current === 'false');
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez vos places' });
    await expect.poll(() => cartLines(page).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('counts free-seating tickets with the steppers: a stepper at 0 hands focus to "+", an emptied cart to its heading', async () => {
    const context = await e2e.browser.newContext();
    const { page, problems } = await keyboardPage(context);
    await page.goto(`${e2e.server.baseUrl}/`);
    await shopIn(page).locator('[part="event-card"]').first().waitFor();
    await tabTo(page, (f) => f.part === 'event-card' && f.text.startsWith('Nuit du Jazz'));
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez une date' });
    await tabTo(page, (f) => f.classes.includes('performance'));
    await page.keyboard.press('Enter');
    await expectFocus(page, { tag: 'h3', text: 'Choisissez vos billets', in: 'tk-quantity-picker' });

    const plus = await tabTo(page, (f) => f.label.startsWith('Ajouter un billet'));
    await page.keyboard.press('Enter');
    await expect.poll(() => cartLines(page).count()).toBe(1);
    await expectFocus(page, { label: plus.label });
    await tabTo(page, (f) => f.label === plus.label.replace('Ajouter', 'Retirer'), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => cartLines(page).count()).toBe(0);
    await expectFocus(page, { label: plus.label, in: 'tk-quantity-picker' });

    await page.keyboard.press('Space');
    await expect.poll(() => cartLines(page).count()).toBe(1);
    await tabTo(page, (f) => f.classes === 'remove' && f.in === 'tk-cart');
    await page.keyboard.press('Enter');
    await expect.poll(() => cartLines(page).count()).toBe(0);
    await expectFocus(page, { tag: 'h3', id: 'cart-title', in: 'tk-cart' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
