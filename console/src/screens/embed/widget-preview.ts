import { css, html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import type { Theme } from './snippet.js';
import { embedTexts } from './texts.js';

/** The script organizers load, from this same server (the console's CSP allows 'self'). */
const WIDGET_URL = '/widget/ticket-shop.js';
let widgetModule: Promise<unknown> | null = null;
/** Loads the widget once per page; a failed load may be retried. */
function loadWidget(): Promise<unknown> {
  widgetModule ??= import(/* @vite-ignore */ WIDGET_URL).catch((error: unknown) => {
    widgetModule = null;
    throw error;
  });
  return widgetModule;
}

/**
 * The real `<ticket-shop>` with the chosen attributes, in this page. Its theme is set through
 * the CSSOM (`style.setProperty`), which the console's CSP allows, where a style attribute in
 * a template would be refused. A change of attributes makes a new element (the widget starts
 * afresh, as on a page); a change of theme restyles the one there.
 */
export class WidgetPreview extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .stage {
      border: 1px dashed #8a93a0;
      border-radius: 8px;
      padding: 1rem;
      background: #fff;
      min-height: 12rem;
    }
    .notice {
      border: 1px solid #b3261e;
      background: #fdecea;
      color: #7a1a14;
      border-radius: 6px;
      padding: 0.75rem 1rem;
    }
  `;

  @property({ attribute: false }) widgetAttributes: [string, string][] = [];
  @property({ attribute: false }) theme: Theme = {};
  @property() locale: ConsoleLocale = 'en';
  @state() private failure: string | null = null;
  @query('.stage') private stage!: HTMLElement;
  private shown: { key: string; element: HTMLElement } | null = null;

  override render() {
    return html`${this.failure ? html`<p class="notice" role="alert">${embedTexts(this.locale).previewFailed} ${this.failure}</p>` : nothing}
      <div class="stage"></div>`;
  }

  override async updated() {
    try {
      await loadWidget();
      this.failure = null;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      return;
    }
    const key = JSON.stringify(this.widgetAttributes);
    if (this.shown?.key !== key) {
      const element = document.createElement('ticket-shop');
      for (const [name, value] of this.widgetAttributes) element.setAttribute(name, value);
      this.stage.replaceChildren(element);
      this.shown = { key, element };
    }
    const { style } = this.shown.element;
    for (const name of [...style]) if (name.startsWith('--tk-') && !this.theme[name as keyof Theme]) style.removeProperty(name);
    for (const [name, value] of Object.entries(this.theme)) if (value) style.setProperty(name, value);
  }
}
if (!customElements.get('tk-widget-preview')) customElements.define('tk-widget-preview', WidgetPreview);
