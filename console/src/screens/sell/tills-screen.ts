import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { errorText } from '../../ui/errors.js';
import { formatDate, formatMoney } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { commonTexts } from '../../i18n/common.js';
import { dayIn } from './performances.js';
import { tillTexts } from './texts.js';
import './till-close.js';
import { tillStyles } from './till-styles.js';
import { differenceText, renderTill, type Till } from './till-view.js';

const DAY_MS = 86_400_000;

/**
 * Every till of a period (business days in the shop's time zone), for managers and the
 * accountant: each one's money by method, expected and counted cash, and the CSV for the
 * books. Owners and managers may close a till left open by someone else.
 */
export class TillsScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, tillStyles];

  @state() private from = '';
  @state() private to = '';
  @state() private tills: Till[] | null = null;
  @state() private failure: unknown = null;
  @state() private loading = false;
  @state() private open: string | null = null;
  @state() private closedNotice = '';
  private generation = 0;

  override connectedCallback() {
    super.connectedCallback();
    const { timeZone } = this.session.me.shop;
    this.to = this.query.get('to') ?? dayIn(timeZone);
    this.from = this.query.get('from') ?? dayIn(timeZone, new Date(Date.now() - 6 * DAY_MS));
    void this.load();
  }

  private async load() {
    const generation = ++this.generation;
    this.loading = true;
    this.failure = null;
    try {
      const answer = await this.session.api.call('listTills', { query: { from: this.from, to: this.to } });
      if (generation === this.generation) this.tills = answer.tills;
    } catch (error) {
      if (generation === this.generation) this.failure = error;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private show(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    this.from = (form.querySelector('#from') as HTMLInputElement).value;
    this.to = (form.querySelector('#to') as HTMLInputElement).value;
    this.open = null;
    this.closedNotice = '';
    void this.load();
  }

  private mayClose(till: Till): boolean {
    const { actor } = this.session.me;
    return till.id !== null && till.status === 'open' && this.session.may('closeTill') && (till.staff.id === actor.id || actor.role === 'owner' || actor.role === 'manager');
  }

  private async closed(event: CustomEvent<Till>) {
    const closed = event.detail;
    this.tills = (this.tills ?? []).map((t) => (t.id === closed.id ? closed : t));
    this.open = null;
    this.closedNotice = tillTexts(this.locale).closedOf(closed.staff.name);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#till-${closed.id}`)?.focus();
  }

  override render() {
    const t = tillTexts(this.locale);
    const c = commonTexts(this.locale);
    const csv = this.session.may('exportTills') ? this.session.api.url('exportTills', { query: { from: this.from, to: this.to } }) : null;
    return html`<h1 tabindex="-1">${t.tills}</h1>
      <form class="period" @submit=${this.show}>
        <div class="field"><label for="from">${t.from}</label><input id="from" type="date" required .value=${this.from} max=${this.to} /></div>
        <div class="field"><label for="to">${t.to}</label><input id="to" type="date" required .value=${this.to} /></div>
        <button class="primary" type="submit">${t.show}</button>
        ${csv ? html`<a class="button" href=${csv} download>${t.downloadCsv}</a>` : nothing}
      </form>
      ${this.failure ? html`<div class="notice error" role="alert"><p>${errorText(this.failure, this.locale)}</p><button type="button" @click=${() => this.load()}>${c.retry}</button></div>` : nothing}
      ${this.loading ? html`<p role="status">${c.loading}</p>` : nothing}
      ${this.closedNotice ? html`<div class="notice success" role="status">${this.closedNotice}</div>` : nothing}
      ${this.tills ? this.renderList(this.tills) : nothing}`;
  }

  private renderList(tills: Till[]) {
    const t = tillTexts(this.locale);
    const { timeZone } = this.session.me.shop;
    if (tills.length === 0) return html`<p role="status">${t.noTills}</p>`;
    const money = (till: Till, n: number) => formatMoney(n, till.currency, this.locale);
    const net = (till: Till, method: 'cash' | 'terminal') => till.byMethod.find((m) => m.method === method)?.net ?? 0;
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.tills}>
        <table>
          <thead>
            <tr>
              <th scope="col">${t.day}</th>
              <th scope="col">${t.staff}</th>
              <th scope="col">${t.status}</th>
              <th scope="col" class="number">${t.method_cash}</th>
              <th scope="col" class="number">${t.method_terminal}</th>
              <th scope="col" class="number">${t.expectedCash}</th>
              <th scope="col" class="number">${t.countedCash}</th>
              <th scope="col">${t.difference}</th>
            </tr>
          </thead>
          <tbody>
            ${tills.map(
              (till) => html`<tr>
                <td>${formatDate(`${till.businessDay}T12:00:00Z`, 'UTC', this.locale)}</td>
                <td>${till.staff.name}</td>
                <td>
                  ${this.mayClose(till)
                    ? html`<button type="button" id="till-${till.id}" aria-expanded=${this.open === till.id ? 'true' : 'false'} @click=${() => (this.open = this.open === till.id ? null : till.id)}>${t.open} · ${t.closeTill}</button>`
                    : html`<span id="till-${till.id}" tabindex="-1">${till.status === 'open' ? t.open : t.closed}</span>`}
                </td>
                <td class="number">${money(till, net(till, 'cash'))}</td>
                <td class="number">${money(till, net(till, 'terminal'))}</td>
                <td class="number">${money(till, till.expectedCash)}</td>
                <td class="number">${till.countedCash === null ? '–' : money(till, till.countedCash)}</td>
                <td>${till.difference === null ? '–' : differenceText(till.difference, till.currency, this.locale)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${tills
        .filter((till) => till.id === this.open)
        .map(
          (till) => html`<section aria-labelledby="close-heading">
            <h2 id="close-heading">${t.tillOf(till.staff.name, formatDate(`${till.businessDay}T12:00:00Z`, 'UTC', this.locale))}</h2>
            ${renderTill(till, this.locale, timeZone)}
            <tk-till-close .session=${this.session} .till=${till} @till-closed=${this.closed}></tk-till-close>
          </section>`,
        )}`;
  }
}
defineScreen('tk-tills-screen', TillsScreen);
