import { css, html } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { orderStatuses, saleChannels } from '../../../../contract/vocabulary.js';
import { loadPerformanceNames, type PerformanceName } from './performances.js';

type SaleChannel = (typeof saleChannels)[number];
import { personalDataTexts } from './personal-data-texts.js';
import { orderTexts } from './texts.js';

type SearchResult = Answer<'searchOrders'>;
type OrderStatus = (typeof orderStatuses)[number];

const PAGE = 25;

/**
 * The box office's search: one box for an order number, a ticket number, an e-mail or a name
 * (the API reads it in that order and says how it matched), filters by status and performance,
 * and more pages on request. The search stays in the address, so going back from an order
 * returns to the same list.
 */
export class OrderSearchScreen extends ConsoleScreen {
  static override styles = [
    consoleStyles,
    css`
      form {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1.5fr) auto;
        gap: 0.75rem;
        align-items: end;
      }
      form .field {
        margin: 0;
        min-width: 0;
      }
      form input,
      form select {
        width: 100%;
      }
      @media (max-width: 760px) {
        form {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .hint {
        margin: 0.25rem 0 1rem;
      }
      td a {
        font-weight: 600;
      }
      .buyer-email {
        color: var(--tk-muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private q = '';
  @state() private status: OrderStatus | '' = '';
  @state() private performanceId = '';
  @state() private channel: SaleChannel | '' = '';
  @state() private performances: PerformanceName[] = [];
  @state() private rows: SearchResult['orders'] = [];
  @state() private matchedBy: SearchResult['matchedBy'] = null;
  @state() private nextCursor: string | null = null;
  @state() private phase: 'idle' | 'searching' | 'done' = 'idle';
  @state() private problem = '';

  override connectedCallback() {
    super.connectedCallback();
    this.q = this.query.get('q') ?? '';
    const status = this.query.get('status') ?? '';
    this.status = (orderStatuses as readonly string[]).includes(status) ? (status as OrderStatus) : '';
    this.performanceId = this.query.get('performanceId') ?? '';
    const channel = this.query.get('channel') ?? '';
    this.channel = (saleChannels as readonly string[]).includes(channel) ? (channel as SaleChannel) : '';
    void loadPerformanceNames(this.session)
      .then((list) => (this.performances = list))
      .catch(() => (this.performances = []));
    void this.search();
  }

  /** The latest search or page asked for: an older answer arriving late is dropped. */
  private generation = 0;

  private async search(cursor?: string) {
    const generation = ++this.generation;
    this.phase = 'searching';
    this.problem = '';
    if (!cursor) {
      // Kept in the address (without a new history entry), so Back from an order comes back here.
      const query = new URLSearchParams();
      if (this.q) query.set('q', this.q);
      if (this.status) query.set('status', this.status);
      if (this.performanceId) query.set('performanceId', this.performanceId);
      if (this.channel) query.set('channel', this.channel);
      const search = query.toString();
      history.replaceState(null, '', `#/orders${search ? `?${search}` : ''}`);
    }
    try {
      const result = await this.session.api.call('searchOrders', {
        query: { q: this.q || undefined, status: this.status || undefined, performanceId: this.performanceId || undefined, channel: this.channel || undefined, limit: String(PAGE), cursor },
      });
      if (generation !== this.generation) return;
      this.rows = cursor ? [...this.rows, ...result.orders] : result.orders;
      this.matchedBy = result.matchedBy;
      this.nextCursor = result.nextCursor;
      this.phase = 'done';
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem = errorText(error, this.locale);
      this.phase = 'done';
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.q = (form.elements.namedItem('q') as HTMLInputElement).value.trim();
    this.status = (form.elements.namedItem('status') as unknown as HTMLSelectElement).value as OrderStatus | '';
    this.performanceId = (form.elements.namedItem('performanceId') as unknown as HTMLSelectElement).value;
    this.channel = (form.elements.namedItem('channel') as unknown as HTMLSelectElement).value as SaleChannel | '';
    void this.search();
  }

  private performanceLabel(id: string) {
    const p = this.performances.find((x) => x.id === id);
    return p ? `${p.eventTitle}, ${formatDateTime(p.startsAt, this.session.me.shop.timeZone, this.locale)}` : '';
  }

  /** Every order the search finds (not only the page shown), one row per ticket with the answers. */
  private exportLink() {
    const p = personalDataTexts(this.locale);
    const query = {
      ...(this.q ? { q: this.q } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.performanceId ? { performanceId: this.performanceId } : {}),
      ...(this.channel ? { channel: this.channel } : {}),
    };
    return html`<p class="export">
      <a class="button" href=${this.session.api.url('exportOrders', { query })} download aria-describedby="export-hint">${p.exportCsv}</a>
      <span class="hint" id="export-hint">${p.exportHint}</span>
    </p>`;
  }

  override render() {
    const t = orderTexts(this.locale);
    const c = commonTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    return html`
      <h1 tabindex="-1">${t.title}</h1>
      <form role="search" @submit=${this.submit}>
        <div class="field">
          <label for="q">${t.searchLabel}</label>
          <input id="q" name="q" type="search" maxlength="200" autocomplete="off" .value=${this.q} aria-describedby="q-hint" />
        </div>
        <div class="field">
          <label for="status">${t.status}</label>
          <select id="status" name="status">
            <option value="" ?selected=${this.status === ''}>${t.anyStatus}</option>
            ${orderStatuses.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t[`status_${s}`]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="performanceId">${t.performance}</label>
          <select id="performanceId" name="performanceId">
            <option value="" ?selected=${this.performanceId === ''}>${t.anyPerformance}</option>
            ${this.performances.map((p) => html`<option value=${p.id} ?selected=${this.performanceId === p.id}>${this.performanceLabel(p.id)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="channel">${t.channel}</label>
          <select id="channel" name="channel">
            <option value="" ?selected=${this.channel === ''}>${t.anyChannel}</option>
            ${saleChannels.map((s) => html`<option value=${s} ?selected=${this.channel === s}>${t[`channel_${s}`]}</option>`)}
          </select>
        </div>
        <button class="primary" type="submit">${c.search}</button>
      </form>
      <p class="hint" id="q-hint">${t.searchHint}</p>
      ${this.problem ? html`<div class="notice error" role="alert">${this.problem}</div>` : null}
      <div role="status">${this.phase === 'searching' ? c.loading : this.phase === 'done' && !this.problem ? (this.rows.length === 0 ? t.noResults : html`${this.matchedBy ? `${t[`matched_${this.matchedBy}`]} ` : ''}${t.shown(this.rows.length)}`) : ''}</div>
      ${this.rows.length > 0 && this.session.may('exportOrders') ? this.exportLink() : null}
      ${this.rows.length > 0
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.colOrder}</th>
                  <th scope="col">${t.colBuyer}</th>
                  <th scope="col">${t.colPerformance}</th>
                  <th scope="col" class="number">${t.colTotal}</th>
                  <th scope="col">${t.colStatus}</th>
                  <th scope="col">${t.colOrdered}</th>
                </tr>
              </thead>
              <tbody>
                ${this.rows.map(
                  (o) => html`<tr>
                    <td><a href="#/orders/${o.number}">${o.number}</a></td>
                    <td>${o.buyer.name}<div class="buyer-email">${o.buyer.email}</div></td>
                    <td>${this.performanceLabel(o.performanceId)}</td>
                    <td class="number">${formatMoney(o.total, o.currency, this.locale)}</td>
                    <td><span class="badge">${t[`status_${o.status}`]}</span></td>
                    <td>${formatDateTime(o.createdAt, tz, this.locale)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : null}
      ${this.nextCursor ? html`<p><button @click=${() => this.search(this.nextCursor!)} ?disabled=${this.phase === 'searching'}>${t.showMore}</button></p>` : null}
    `;
  }
}
defineScreen('tk-orders-screen', OrderSearchScreen);
