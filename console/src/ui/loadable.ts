import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConsoleLocale } from '../i18n/texts.js';
import { commonTexts } from '../i18n/common.js';
import { errorText } from './errors.js';

type State<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/**
 * What a screen reads from the API when it opens: loading, ready or failed, rendered the same
 * way on every screen (a status message while loading, the error with a retry button).
 */
export class Loadable<T> implements ReactiveController {
  state: State<T> = { status: 'loading' };
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetcher: () => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected() {
    if (this.state.status === 'loading') void this.reload();
  }

  get value(): T | undefined {
    return this.state.status === 'ready' ? this.state.value : undefined;
  }

  /** Loads again (after a write, or on retry); an older answer arriving late is ignored. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    if (this.state.status !== 'ready') this.state = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.fetcher();
      if (generation === this.generation) this.state = { status: 'ready', value };
    } catch (error) {
      if (generation === this.generation) this.state = { status: 'failed', error };
    }
    this.host.requestUpdate();
  }

  render(locale: ConsoleLocale, ready: (value: T) => unknown): TemplateResult | unknown {
    const t = commonTexts(locale);
    switch (this.state.status) {
      case 'loading':
        return html`<p role="status">${t.loading}</p>`;
      case 'failed':
        return html`<div class="notice error" role="alert">
          <p>${errorText(this.state.error, locale)}</p>
          <button @click=${() => this.reload()}>${t.retry}</button>
        </div>`;
      case 'ready':
        return ready(this.state.value);
    }
  }
}
