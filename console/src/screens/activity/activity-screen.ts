import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { activityTexts } from './texts.js';

type Entry = Answer<'listActivity'>['entries'][number];

/**
 * The shop's activity log (GET /api/org/activity): every organizer write that succeeded, with
 * who made it. Read page by page with the API's cursor, newest first.
 */
export class ActivityScreen extends ConsoleScreen {
  @state() private entries: Entry[] = [];
  @state() private cursor: string | null = null;
  @state() private phase: 'loading' | 'ready' | 'failed' = 'loading';
  @state() private problem: unknown = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.load(null);
  }

  private async load(cursor: string | null) {
    this.phase = 'loading';
    try {
      const page = await this.session.api.call('listActivity', { query: cursor ? { cursor } : {} });
      this.entries = cursor ? [...this.entries, ...page.entries] : page.entries;
      this.cursor = page.nextCursor;
      this.phase = 'ready';
    } catch (error) {
      this.problem = error;
      this.phase = 'failed';
    }
  }

  override render() {
    const t = activityTexts(this.locale);
    const c = commonTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    return html`
      <h1 tabindex="-1">${t.title}</h1>
      <p class="hint">${t.intro}</p>
      ${this.phase === 'failed'
        ? html`<div class="notice error" role="alert">
            <p>${errorText(this.problem, this.locale)}</p>
            <button @click=${() => void this.load(this.cursor)}>${c.retry}</button>
          </div>`
        : null}
      <p role="status">${this.phase === 'loading' ? c.loading : this.entries.length === 0 ? t.empty : t.shown(this.entries.length)}</p>
      ${this.entries.length > 0
        ? html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.caption}>
            <table>
              <caption class="visually-hidden">${t.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">${t.when}</th>
                  <th scope="col">${t.who}</th>
                  <th scope="col">${t.what}</th>
                  <th scope="col">${t.where}</th>
                </tr>
              </thead>
              <tbody>
                ${this.entries.map(
                  (e) => html`<tr>
                    <td>${formatDateTime(e.at, tz, this.locale)}</td>
                    <td>${e.actor.label}<div class="hint">${e.actor.kind === 'staff' ? t.staff : t.token} · ${c[`role_${e.actor.role}`]}</div></td>
                    <td><code>${e.operation}</code></td>
                    <td><code>${e.method} ${e.path}</code></td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : null}
      ${this.cursor && this.phase === 'ready' ? html`<p><button @click=${() => void this.load(this.cursor)}>${t.more}</button></p>` : null}
    `;
  }
}
defineScreen('tk-activity-screen', ActivityScreen);
