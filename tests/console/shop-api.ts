import type { Locator, Page } from 'playwright-core';
import type { ConsoleRig } from './harness.js';

/**
 * What a console test sets up or checks through the API, as a buyer or an organizer would:
 * the screens are tested through the browser, the facts through these calls.
 */
export async function api(rig: ConsoleRig, method: string, path: string, body?: unknown, token: string | null = rig.server.demo.token): Promise<{ status: number; body: any }> {
  const response = await fetch(`${rig.server.baseUrl}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const shopPath = (rig: ConsoleRig, path: string) => `/api/shops/${rig.server.demo.shopId}${path}`;

export interface BoughtOrder {
  number: string;
  total: number;
  tickets: { number: string; price: number }[];
}

/** A buyer's card purchase of full-price concert tickets (general admission), optionally with a code. */
export async function buyConcert(rig: ConsoleRig, buyer: { name: string; email: string }, quantity = 2, code?: string): Promise<BoughtOrder> {
  const performanceId = rig.server.demo.concertPerformanceIds[0]!;
  const info = await api(rig, 'GET', shopPath(rig, `/performances/${performanceId}`), undefined, null);
  const tariff = (info.body.tariffs as { id: string; name: string }[]).find((t) => t.name === 'Plein tarif')!;
  const hold = await api(rig, 'POST', shopPath(rig, '/holds'), { performanceId, quantities: [{ tariffId: tariff.id, quantity }] }, null);
  if (hold.status !== 201) throw new Error(`hold: ${hold.status} ${JSON.stringify(hold.body)}`);
  if (code) {
    const applied = await api(rig, 'POST', shopPath(rig, `/holds/${hold.body.id}/codes`), { code }, null);
    if (applied.status !== 200) throw new Error(`code: ${applied.status} ${JSON.stringify(applied.body)}`);
  }
  const order = await api(rig, 'POST', shopPath(rig, `/holds/${hold.body.id}/checkout`), { buyer: { ...buyer, language: 'fr' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } }, null);
  if (order.status !== 201) throw new Error(`checkout: ${order.status} ${JSON.stringify(order.body)}`);
  return order.body;
}

/** An order by invoice for two seats of a theatre performance 90 days ahead (far enough for invoice). */
export async function orderByInvoice(rig: ConsoleRig, buyer: { name: string; email: string }): Promise<BoughtOrder> {
  const theatre = rig.server.demo.theatrePerformanceIds[0]!;
  const info = await api(rig, 'GET', shopPath(rig, `/performances/${theatre}`), undefined, null);
  const created = await api(rig, 'POST', `/api/org/events/${rig.server.demo.theatreEventId}/performances`, { startsAt: Date.now() + 90 * 86_400_000, planId: info.body.planId });
  if (created.status !== 201) throw new Error(`performance: ${created.status} ${JSON.stringify(created.body)}`);
  const plan = await api(rig, 'GET', shopPath(rig, `/plans/${info.body.planId}`), undefined, null);
  const seatIds = (plan.body.seats.id as number[]).slice(0, 2);
  const hold = await api(rig, 'POST', shopPath(rig, '/holds'), { performanceId: created.body.id, seats: seatIds.map((seatId) => ({ seatId })) }, null);
  if (hold.status !== 201) throw new Error(`hold: ${hold.status} ${JSON.stringify(hold.body)}`);
  const order = await api(rig, 'POST', shopPath(rig, `/holds/${hold.body.id}/checkout`), { buyer: { ...buyer, language: 'de' }, payment: { method: 'invoice' } }, null);
  if (order.status !== 201) throw new Error(`checkout: ${order.status} ${JSON.stringify(order.body)}`);
  return order.body;
}

/** The focused element, through the open shadow roots (the console is made of them). */
export function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const label = active.id ? `#${active.id}` : '';
    const text = (active.textContent ?? '').trim().slice(0, 60);
    const value = (active as HTMLInputElement).value ?? '';
    return `${active.tagName.toLowerCase()}${label}[${(active as HTMLInputElement).type ?? ''}=${value}] ${text}`;
  });
}

/** Presses Tab until the focused element matches (at most `max` times): keyboard-only use, step by step. */
export async function tabTo(page: Page, matches: (focused: string) => boolean, max = 80): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await deepFocus(page);
    if (matches(focused)) return focused;
  }
  throw new Error(`Tab never reached the element (last: ${await deepFocus(page)})`);
}

/** The text an element shows from its shadow root (a custom element's own textContent is empty). */
export function shadowText(element: Locator): Promise<string> {
  return element.evaluate((el) => (el.shadowRoot ?? el).textContent ?? '');
}

/** The problems of a page but the browser's log line for an answer the test expected to be a refusal. */
export const unexpected = (problems: string[]) => problems.filter((p) => !/Failed to load resource: the server responded with a status of (409|422)/.test(p));
