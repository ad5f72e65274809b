import { waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';

/** Browser-test helpers for elements inside shadow roots, driven like a person would. */

/** The first element matching each selector in turn, descending through shadow roots. */
export function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T | null {
  let node: Element | null = root;
  for (const selector of selectors) {
    node = node?.shadowRoot?.querySelector(selector) ?? null;
    if (!node) return null;
  }
  return node as T;
}

/** Every element matching `selector` in the shadow root of the host reached through `hostSelectors`. */
export function deepAll(root: Element, hostSelectors: string[], selector: string): HTMLElement[] {
  const host = hostSelectors.length ? deep(root, ...hostSelectors) : root;
  return [...(host?.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
}

/** Waits (up to 12 s: the real API is behind it) until `find` finds something, and returns it. */
export async function until<T>(find: () => T | null | undefined | false, what: string): Promise<T> {
  await waitUntil(() => Boolean(find()), `waiting for ${what}`, { timeout: 12_000, interval: 50 });
  return find() as T;
}

/** A real mouse click in the middle of the element. */
export async function click(element: Element) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Replaces the input's text by typing, as a person would. */
export async function typeInto(input: HTMLElement, text: string) {
  input.focus();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
}

/** An element's text with whitespace collapsed. */
export const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
