import { css, html } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { choosePerformance } from './door-settings.js';
import { shopToday } from './scan-screen.js';
import { doorTexts } from './texts.js';

const REFRESH_MS = 5_000;

/**
 * The door overview (#/door): each performance of a day with admitted of expected, a bar, the
 * duplicate admissions (linked to their list) and the last admission; read again every 5
 * seconds while the screen is open, and no longer once it is left.
 */
export class DoorOverviewScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      ul.performances {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.75rem;
      }
      .card {
        border: 1px solid var(--tk-border);
        border-radius: 8px;
        padding: 0.75rem 1rem;
      }
      .card h2 {
        margin: 0 0 0.25rem;
        font-size: 1.15rem;
      }
      meter {
        width: 100%;
        height: 1.5rem;
        display: block;
        margin: 0.5rem 0;
      }
      .count {
        font-size: 1.5rem;
        font-weight: 700;
        margin: 0;
      }
      .duplicates {
        color: #7a1a14;
        font-weight: 600;
      }
      .field input {
        max-width: 14rem;
      }
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0.25rem 0 0;
      }
      .links a {
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
    `,
  ];

  @state() private date = '';
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly overview = new Loadable<Answer<'getDoorOverview'>>(this, () => this.session.api.call('getDoorOverview', { query: { date: this.date } }));

  override connectedCallback() {
    this.date = this.query.get('date') ?? shopToday(this.session.me.shop.timeZone);
    super.connectedCallback();
    this.timer = setInterval(() => void this.overview.reload(), REFRESH_MS);
  }

  override disconnectedCallback() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    super.disconnectedCallback();
  }

  override render() {
    const t = doorTexts(this.locale);
    const { timeZone } = this.session.me.shop;
    return html`<h1 tabindex="-1">${t.overviewTitle}</h1>
      <p>${t.overviewIntro}</p>
      <div class="field">
        <label for="date">${t.date}</label>
        <input
          id="date"
          type="date"
          .value=${this.date}
          @change=${(e: Event) => {
            this.date = (e.target as HTMLInputElement).value || shopToday(timeZone);
            void this.overview.reload();
          }}
        />
      </div>
      ${this.overview.render(this.locale, ({ performances }) =>
        performances.length
          ? html`<ul class="performances">
              ${performances.map(
                (p) => html`<li class="card" data-performance=${p.id}>
                  <h2>${p.eventTitle}</h2>
                  <p>${formatDateTime(p.startsAt, timeZone, this.locale)} · ${p.venueName}</p>
                  <p class="count">${t.admittedOfExpected(p.admitted, p.expected)}</p>
                  <meter min="0" max=${Math.max(p.expected, p.admitted, 1)} value=${p.admitted} aria-label=${t.admittedOfExpected(p.admitted, p.expected)}></meter>
                  <p class=${p.duplicates ? 'duplicates' : ''}>${p.duplicates ? t.duplicates(p.duplicates) : t.noDuplicates}</p>
                  ${p.lastAdmissionAt ? html`<p>${t.lastAdmission(formatDateTime(p.lastAdmissionAt, timeZone, this.locale))}</p>` : ''}
                  <p class="links">
                    ${p.duplicates ? html`<a href="#/door/${p.id}/duplicates">${t.seeDuplicates}</a>` : ''}
                    ${this.session.may('checkIn') ? html`<a href="#/scan" @click=${() => choosePerformance(p.id)}>${t.scanThis}</a>` : ''}
                  </p>
                </li>`,
              )}
            </ul>`
          : html`<p>${t.noPerformances}</p>`,
      )}`;
  }
}
defineScreen('tk-door-overview-screen', DoorOverviewScreen);
