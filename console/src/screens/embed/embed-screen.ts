import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { originAllowed } from '../../../../contract/embedding-origins.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { consoleLocales } from '../../i18n/texts.js';
import { errorText } from '../../ui/errors.js';
import { copyText, fieldStyles } from '../../ui/fields.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { languageNames } from '../settings/texts.js';
import { type EmbedChoice, embedSnippet, originOf, type Scope, type Theme, type ThemeProperty, themeProperties, validThemeValue, widgetAttributes } from './snippet.js';
import { embedTexts } from './texts.js';
import './widget-preview.js';

type EventRow = Answer<'listAdminEvents'>['events'][number];
type EventDetail = Answer<'getAdminEvent'>;
type ScopeKind = Scope['kind'];

/**
 * The snippet generator: what the widget shows (the shop's events, one event, one
 * performance, or the gift shop), its language and theme; the exact code to paste with a copy
 * button, and the real widget rendered below with those very attributes and properties.
 */
export class EmbedScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    fieldStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1rem;
      }
      pre {
        margin: 0 0 0.75rem;
        padding: 0.75rem;
        background: #1d2330;
        color: #f3f5f8;
        border-radius: 6px;
        overflow-x: auto;
        white-space: pre;
        font-size: 0.9rem;
      }
      .radios label {
        font-weight: 500;
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 44px;
        margin: 0;
      }
      .theme-row {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
      }
      .theme-row .field {
        flex: 1;
      }
      .theme-row input[type='text'] {
        width: 100%;
      }
      input[type='color'] {
        width: 3rem;
        min-height: 44px;
        padding: 0.2rem;
        /* Level with the text field, under its label. */
        margin-top: 1.75rem;
      }
      .grid.theme {
        grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
      }
      .notice.warning {
        background: #fff3c4;
        border-color: #a65c00;
        color: #4d2a00;
      }
      .check input {
        width: 100%;
        max-width: 32rem;
      }
    `,
  ];

  private readonly events = new Loadable(this, async () => (await this.session.api.call('listAdminEvents')).events);
  /** The allowed origins, when the role may read the settings (the others get no origin check). */
  private readonly origins = new Loadable(this, async () => (this.session.may('getShopSettings') ? (await this.session.api.call('getShopSettings')).allowedOrigins : null));
  @state() private scopeKind: ScopeKind = 'shop';
  @state() private eventId = '';
  @state() private detail: EventDetail | null = null;
  @state() private detailError: unknown = null;
  @state() private performanceId = '';
  @state() private language = '';
  @state() private theme: Theme = {};
  @state() private invalid: Partial<Record<ThemeProperty['name'], true>> = {};
  @state() private copyOutcome: 'copied' | 'failed' | null = null;
  @state() private pageAddress = '';

  private scope(): Scope {
    if (this.scopeKind === 'event' && this.eventId) return { kind: 'event', eventId: this.eventId };
    if (this.scopeKind === 'performance' && this.eventId && this.performanceId) return { kind: 'performance', eventId: this.eventId, performanceId: this.performanceId };
    if (this.scopeKind === 'gifts') return { kind: 'gifts' };
    return { kind: 'shop' };
  }

  private choice(): EmbedChoice {
    return { origin: location.origin, shopId: this.session.me.shop.id, scope: this.scope(), lang: this.language || null, theme: this.theme };
  }

  private async chooseEvent(id: string) {
    this.eventId = id;
    this.performanceId = '';
    this.detail = null;
    this.detailError = null;
    this.copyOutcome = null;
    if (!id) return;
    try {
      const detail = await this.session.api.call('getAdminEvent', { params: { id } });
      if (this.eventId !== id) return;
      this.detail = detail;
      this.performanceId = detail.performances[0]?.id ?? '';
    } catch (error) {
      if (this.eventId === id) this.detailError = error;
    }
  }

  private setScope(kind: ScopeKind, events: EventRow[]) {
    this.scopeKind = kind;
    this.copyOutcome = null;
    if ((kind === 'event' || kind === 'performance') && !this.eventId) {
      const first = events.find((e) => e.status === 'published') ?? events[0];
      if (first) void this.chooseEvent(first.id);
    }
  }

  private setThemeValue(property: ThemeProperty, value: string) {
    const trimmed = value.trim();
    const valid = trimmed === '' || validThemeValue(property, trimmed, (p, v) => CSS.supports(p, v));
    this.invalid = { ...this.invalid, [property.name]: valid ? undefined : true };
    const theme = { ...this.theme };
    if (valid && trimmed) theme[property.name] = trimmed;
    else delete theme[property.name];
    this.theme = theme;
    this.copyOutcome = null;
  }

  private async copy(snippet: string) {
    this.copyOutcome = (await copyText(snippet, this.shadowRoot)) ? 'copied' : 'failed';
  }

  override render() {
    const t = embedTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.intro}</p>
      ${this.events.render(this.locale, (events) => {
        const choice = this.choice();
        const snippet = embedSnippet(choice);
        return html`<div class="layout">
          ${this.choices(events)} ${this.themeForm()}
          <section class="card" aria-labelledby="snippet-heading">
            <h2 id="snippet-heading">${t.snippet}</h2>
            <pre tabindex="0" aria-labelledby="snippet-heading"><code class="snippet">${snippet}</code></pre>
            <p class="hint">${t.snippetHint}</p>
            <div class="actions">
              <button class="primary" type="button" @click=${() => void this.copy(snippet)}>${t.copy}</button>
              <span role="status" class="copy-status">${this.copyOutcome === 'copied' ? t.copied : this.copyOutcome === 'failed' ? t.copyFailed : ''}</span>
            </div>
          </section>
          ${this.originsCheck()}
          <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">${t.preview}</h2>
            <p class="hint">${t.previewHint}</p>
            <tk-widget-preview .widgetAttributes=${widgetAttributes(choice)} .theme=${this.theme} .locale=${this.locale}></tk-widget-preview>
          </section>
        </div>`;
      })}`;
  }

  private choices(events: EventRow[]) {
    const t = embedTexts(this.locale);
    const c = commonTexts(this.locale);
    const zone = this.session.me.shop.timeZone;
    const scopes: [ScopeKind, string][] = [
      ['shop', t.scopeShop],
      ['event', t.scopeEvent],
      ['performance', t.scopePerformance],
      ['gifts', t.scopeGifts],
    ];
    const chosen = events.find((e) => e.id === this.eventId);
    const needsEvent = this.scopeKind === 'event' || this.scopeKind === 'performance';
    return html`<section class="card" aria-labelledby="what-heading">
      <h2 id="what-heading">${t.what}</h2>
      <div class="radios" role="radiogroup" aria-labelledby="what-heading">
        ${scopes.map(
          ([kind, label]) => html`<label
            ><input type="radio" name="scope" value=${kind} .checked=${this.scopeKind === kind} ?disabled=${(kind === 'event' || kind === 'performance') && events.length === 0} @change=${() => this.setScope(kind, events)} />
            ${label}</label
          >`,
        )}
      </div>
      ${needsEvent
        ? html`<div class="grid">
              <div class="field">
                <label for="embed-event">${t.event}</label>
                <select id="embed-event" @change=${(e: Event) => void this.chooseEvent((e.target as HTMLSelectElement).value)}>
                  ${events.map((ev) => html`<option value=${ev.id} ?selected=${ev.id === this.eventId}>${ev.status === 'published' ? ev.title : t.draft(ev.title)}</option>`)}
                </select>
              </div>
              ${this.scopeKind === 'performance'
                ? this.detail
                  ? this.detail.performances.length
                    ? html`<div class="field">
                        <label for="embed-performance">${t.performance}</label>
                        <select id="embed-performance" @change=${(e: Event) => (this.performanceId = (e.target as HTMLSelectElement).value)}>
                          ${this.detail.performances.map((p) => html`<option value=${p.id} ?selected=${p.id === this.performanceId}>${formatDateTime(p.startsAt, zone, this.locale)}</option>`)}
                        </select>
                      </div>`
                    : html`<p>${t.noPerformances}</p>`
                  : this.detailError
                    ? html`<p class="notice error" role="alert">${errorText(this.detailError, this.locale)}</p>`
                    : html`<p role="status">${c.loading}</p>`
                : nothing}
            </div>
            ${chosen && chosen.status !== 'published' ? html`<p class="notice warning">${t.draftWarning}</p>` : nothing}`
        : nothing}
      <div class="field">
        <label for="embed-lang">${t.language}</label>
        <select id="embed-lang" @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.language === ''}>${t.languagePage}</option>
          ${consoleLocales.map((l) => html`<option value=${l} ?selected=${this.language === l}>${languageNames[l]}</option>`)}
        </select>
      </div>
    </section>`;
  }

  private themeForm() {
    const t = embedTexts(this.locale);
    return html`<section class="card" aria-labelledby="theme-heading">
      <h2 id="theme-heading">${t.theme}</h2>
      <p class="hint">${t.themeIntro}</p>
      <div class="grid theme">
        ${themeProperties.map((property) => {
          const id = `theme${property.name}`;
          const invalid = this.invalid[property.name] === true;
          const value = this.theme[property.name] ?? '';
          return html`<div class="theme-row">
            <div class="field">
              <label for=${id}><code>${property.name}</code></label>
              <input
                id=${id}
                type="text"
                .value=${value}
                placeholder=${property.fallback}
                autocomplete="off"
                spellcheck="false"
                aria-invalid=${invalid ? 'true' : 'false'}
                aria-describedby="${id}-hint${invalid ? ` ${id}-error` : ''}"
                @input=${(e: Event) => this.setThemeValue(property, (e.target as HTMLInputElement).value)}
              />
              <div class="hint" id="${id}-hint">${t[property.text]}</div>
              ${invalid ? html`<div class="field-error" id="${id}-error">${t.invalidValue}</div>` : nothing}
            </div>
            ${property.kind === 'color'
              ? html`<input
                  type="color"
                  aria-label=${t.pick(property.name)}
                  .value=${/^#[0-9a-f]{6}$/i.test(value) ? value : /^#[0-9a-f]{6}$/i.test(property.fallback) ? property.fallback : '#000000'}
                  @input=${(e: Event) => this.setThemeValue(property, (e.target as HTMLInputElement).value)}
                />`
              : nothing}
          </div>`;
        })}
      </div>
      <button type="button" @click=${() => ((this.theme = {}), (this.invalid = {}))}>${t.resetTheme}</button>
    </section>`;
  }

  private originsCheck() {
    const t = embedTexts(this.locale);
    return this.origins.render(this.locale, (allowed) => {
      if (allowed === null) return nothing;
      const page = this.pageAddress ? originOf(this.pageAddress) : null;
      return html`<section class="card" aria-labelledby="origins-heading">
        <h2 id="origins-heading">${t.origins}</h2>
        ${allowed.length === 0 ? html`<p class="notice warning">${t.originsNone}</p>` : html`<p>${t.originsList(allowed.join(', '))}</p>`}
        ${allowed.length && !originAllowed(location.origin, allowed) ? html`<p class="hint">${t.consoleOrigin(location.origin)}</p>` : nothing}
        <p class="hint">${t.originsHint}</p>
        <div class="field check">
          <label for="page-address">${t.pageOrigin}</label>
          <input id="page-address" type="url" inputmode="url" placeholder="https://theatre.example/tickets" aria-describedby="page-address-hint page-address-answer" .value=${this.pageAddress} @input=${(e: Event) => (this.pageAddress = (e.target as HTMLInputElement).value)} />
          <div class="hint" id="page-address-hint">${t.pageOriginHint}</div>
          <div id="page-address-answer" role="status">
            ${this.pageAddress.trim() === ''
              ? nothing
              : page === null
                ? html`<span class="field-error">${t.pageInvalid}</span>`
                : originAllowed(page, allowed)
                  ? html`<span class="notice success">${t.pageAllowed(page)}</span>`
                  : html`<span class="notice warning">${t.pageNotAllowed(page)}</span>`}
          </div>
        </div>
        ${this.session.may('updateShopSettings') ? html`<a href="#/settings">${t.settingsLink}</a>` : nothing}
      </section>`;
    });
  }
}
defineScreen('tk-embed-screen', EmbedScreen);
