import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConsoleSession } from '../session.js';
import { consoleStyles } from './styles.js';

/**
 * A screen of the console. The frame sets `session` (API, who, language, permissions),
 * `params` (from the route pattern) and `query` (after `?` in the hash) before it is shown.
 * Screens render their own <h1>; the frame moves focus to it when the route changes.
 */
export class ConsoleScreen extends LitElement {
  static override styles = [consoleStyles];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) query: URLSearchParams = new URLSearchParams();

  get locale() {
    return this.session.locale;
  }
}

/** Defines a screen's element once (a chunk imported twice must not throw). */
export function defineScreen(tag: string, element: CustomElementConstructor) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
