import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleSession } from '../../session.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import type { StaffOrder } from './order-screen.js';
import { seatText } from './order-screen.js';
import { orderTexts } from './texts.js';

type Options = Answer<'getBoxOfficeExchangeOptions'>;
type Quote = Answer<'quoteBoxOfficeExchange'>;
type FreeSeats = Answer<'listBoxOfficeExchangeSeats'>;
type Taken = 'cash' | 'card_terminal' | 'none';

/**
 * Exchanging a ticket at the counter: choose the ticket, the new performance, a free seat
 * from a list (or a tariff for general admission), see the price, take the payment, confirm.
 * The quoted amount goes with the request: if the price changed meanwhile nothing happens.
 */
export class OrderExchange extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      select {
        width: 100%;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
        gap: 0 1rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content auto;
        gap: 0.25rem 1rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) order!: StaffOrder;
  @state() private options: Options | null = null;
  @state() private ticketNumber = '';
  @state() private performanceId = '';
  @state() private zoneId = '';
  @state() private seats: FreeSeats | null = null;
  @state() private seatId = '';
  @state() private tariffId = '';
  @state() private ignoreDeadline = false;
  @state() private waiveFee = false;
  @state() private quote: Quote | null = null;
  @state() private taken: Taken = 'cash';
  @state() private busy = false;
  @state() private problem = '';

  private get locale() {
    return this.session.locale;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.options = await this.session.api.call('getBoxOfficeExchangeOptions', { params: { number: this.order.number } });
      const first = this.candidates()[0];
      this.ticketNumber = first?.number ?? '';
      this.performanceId = this.options.targets[0]?.id ?? '';
    } catch (error) {
      this.problem = errorText(error, this.locale);
    }
  }

  /** Tickets staff may move: valid and not yet used at the door (the deadline they may pass). */
  private candidates() {
    return (this.options?.tickets ?? []).filter((t) => t.status === 'valid' && t.reason !== 'ticket_admitted' && t.reason !== 'ticket_not_valid');
  }

  private get target() {
    return this.options?.targets.find((p) => p.id === this.performanceId);
  }

  private changed(reset: 'target' | 'zone' | 'choice') {
    this.quote = null;
    this.problem = '';
    if (reset === 'target' || reset === 'zone') {
      this.seats = null;
      this.seatId = '';
    }
    if (reset === 'target') {
      this.zoneId = '';
      this.tariffId = '';
    }
  }

  private async loadSeats() {
    this.busy = true;
    this.problem = '';
    try {
      this.seats = await this.session.api.call('listBoxOfficeExchangeSeats', { params: { number: this.order.number }, query: { performanceId: this.performanceId, zoneId: this.zoneId || undefined } });
      this.seatId = '';
    } catch (error) {
      this.problem = errorText(error, this.locale);
    } finally {
      this.busy = false;
    }
  }

  private choice() {
    return {
      ticketNumber: this.ticketNumber,
      performanceId: this.performanceId,
      ...(this.seatId ? { seatId: Number(this.seatId) } : {}),
      ...(this.tariffId ? { tariffId: this.tariffId } : {}),
    };
  }

  private async getQuote() {
    const t = orderTexts(this.locale);
    if (this.target?.seating === 'seated' && !this.seatId) {
      this.problem = t.chooseSeat;
      return;
    }
    this.busy = true;
    this.problem = '';
    try {
      const { seatId, ...rest } = this.choice();
      this.quote = await this.session.api.call('quoteBoxOfficeExchange', {
        params: { number: this.order.number },
        query: { ...rest, ...(seatId !== undefined ? { seatId: String(seatId) } : {}), ignoreDeadline: this.ignoreDeadline ? 'true' : 'false', waiveFee: this.waiveFee ? 'true' : 'false' },
      });
      this.taken = this.quote.amountToPay > 0 ? 'cash' : 'none';
      void this.updateComplete.then(() => (this.renderRoot.querySelector('#quote-heading') as HTMLElement | null)?.focus());
    } catch (error) {
      this.problem = errorText(error, this.locale);
    } finally {
      this.busy = false;
    }
  }

  private async exchange() {
    if (!this.quote) return;
    const t = orderTexts(this.locale);
    this.busy = true;
    this.problem = '';
    try {
      const result = await this.session.api.call('exchangeTicketAtBoxOffice', {
        params: { number: this.order.number },
        body: { ...this.choice(), expectedAmount: this.quote.amountToPay, payment: { method: this.taken }, ignoreDeadline: this.ignoreDeadline, waiveFee: this.waiveFee },
      });
      this.dispatchEvent(new CustomEvent('order-changed', { bubbles: true, composed: true, detail: { notice: t.exchangedTo(result.ticket.number) } }));
    } catch (error) {
      this.problem = errorText(error, this.locale);
      this.quote = null;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = orderTexts(this.locale);
    const c = commonTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    const options = this.options;
    const body = () => {
      if (!options) return this.problem ? nothing : html`<p role="status">${c.loading}</p>`;
      const candidates = this.candidates();
      if (candidates.length === 0) return html`<p>${t.noExchangeable}</p>`;
      if (options.targets.length === 0) return html`<p>${t.noTargets}</p>`;
      const target = this.target;
      const tariffs = (target?.tariffs ?? []).filter((tariff) => (target?.seating === 'seated' ? !this.zoneId || tariff.zoneId === this.zoneId : true));
      return html`
        <div class="grid">
          <div class="field">
            <label for="x-ticket">${t.exchangeTicket}</label>
            <select id="x-ticket" @change=${(e: Event) => ((this.ticketNumber = (e.target as HTMLSelectElement).value), this.changed('choice'))}>
              ${candidates.map(
                (ticket) =>
                  html`<option value=${ticket.number} ?selected=${ticket.number === this.ticketNumber}>
                    ${ticket.number} · ${formatDateTime(ticket.startsAt, tz, this.locale)} · ${seatText(ticket, this.locale)} · ${ticket.tariffName}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="x-target">${t.exchangeTarget}</label>
            <select id="x-target" @change=${(e: Event) => ((this.performanceId = (e.target as HTMLSelectElement).value), this.changed('target'))}>
              ${options.targets.map((p) => html`<option value=${p.id} ?selected=${p.id === this.performanceId}>${formatDateTime(p.startsAt, tz, this.locale)}${p.seating === 'general_admission' ? ` · ${t.generalAdmission}` : ''}</option>`)}
            </select>
          </div>
          ${target?.seating === 'seated'
            ? html`<div class="field">
                <label for="x-zone">${t.exchangeZone}</label>
                <select id="x-zone" @change=${(e: Event) => ((this.zoneId = (e.target as HTMLSelectElement).value), this.changed('zone'))}>
                  <option value="" ?selected=${this.zoneId === ''}>—</option>
                  ${target.zones.map((z) => html`<option value=${z.id} ?selected=${z.id === this.zoneId}>${z.name}</option>`)}
                </select>
              </div>`
            : nothing}
        </div>
        ${target?.seating === 'seated'
          ? html`<p><button type="button" @click=${this.loadSeats} ?disabled=${this.busy}>${t.loadSeats}</button></p>
              ${this.seats
                ? this.seats.seats.length === 0
                  ? html`<p role="status">${t.noSeats}</p>`
                  : html`<div class="field">
                      <label for="x-seat">${t.exchangeSeat}</label>
                      <select id="x-seat" @change=${(e: Event) => ((this.seatId = (e.target as HTMLSelectElement).value), this.changed('choice'))}>
                        <option value="" ?selected=${this.seatId === ''}>—</option>
                        ${this.seats.seats.map(
                          (s) =>
                            html`<option value=${String(s.id)} ?selected=${String(s.id) === this.seatId}>
                              ${t.seatPlace(s.section, s.row, s.number)}${target.zones.find((z) => z.id === s.zoneId) ? ` · ${target.zones.find((z) => z.id === s.zoneId)!.name}` : ''}${s.flags.length ? ` · ${s.flags.join(', ')}` : ''}
                            </option>`,
                        )}
                      </select>
                      ${this.seats.truncated ? html`<div class="hint">${t.seatsTruncated}</div>` : nothing}
                    </div>`
                : nothing}`
          : nothing}
        <div class="field">
          <label for="x-tariff">${t.exchangeTariff}</label>
          <select id="x-tariff" @change=${(e: Event) => ((this.tariffId = (e.target as HTMLSelectElement).value), this.changed('choice'))}>
            ${target?.seating === 'seated' ? html`<option value="" ?selected=${this.tariffId === ''}>${t.defaultTariff}</option>` : nothing}
            ${tariffs.map((tariff) => html`<option value=${tariff.id} ?selected=${tariff.id === this.tariffId}>${tariff.name} · ${formatMoney(tariff.price, options.currency, this.locale)}</option>`)}
          </select>
        </div>
        <label class="choice"><input type="checkbox" .checked=${this.ignoreDeadline} @change=${(e: Event) => ((this.ignoreDeadline = (e.target as HTMLInputElement).checked), this.changed('choice'))} /> ${t.ignoreDeadline}</label>
        <label class="choice"><input type="checkbox" .checked=${this.waiveFee} @change=${(e: Event) => ((this.waiveFee = (e.target as HTMLInputElement).checked), this.changed('choice'))} /> ${t.waiveFee}</label>
        <p><button type="button" @click=${this.getQuote} ?disabled=${this.busy}>${t.quote}</button></p>
        ${this.quote ? this.renderQuote(this.quote, options.currency) : nothing}
      `;
    };
    return html`<section class="card" aria-labelledby="exchange-heading">
      <h3 id="exchange-heading">${t.exchangeTitle}</h3>
      ${this.problem ? html`<div class="notice error" role="alert">${this.problem}</div>` : nothing} ${body()}
    </section>`;
  }

  private renderQuote(quote: Quote, currency: string) {
    const t = orderTexts(this.locale);
    const money = (minor: number) => formatMoney(minor, currency, this.locale);
    return html`<div>
      <h4 id="quote-heading" tabindex="-1">${quote.tariff.name}${quote.seat ? ` · ${t.seatPlace(quote.seat.section, quote.seat.row, quote.seat.number)}` : ''}</h4>
      <dl>
        <dt>${t.difference}</dt>
        <dd>${money(quote.difference)}</dd>
        <dt>${t.fee}</dt>
        <dd>${money(quote.fee)}</dd>
        <dt>${t.toPay}</dt>
        <dd><strong>${money(quote.amountToPay)}</strong></dd>
        ${quote.refundDue > 0 ? html`<dt>${t.refundDue}</dt><dd>${money(quote.refundDue)}</dd>` : nothing}
      </dl>
      ${quote.amountToPay > 0
        ? html`<div class="field">
            <label for="x-taken">${t.paymentTaken}</label>
            <select id="x-taken" @change=${(e: Event) => (this.taken = (e.target as HTMLSelectElement).value as Taken)}>
              ${(['cash', 'card_terminal'] as const).map((m) => html`<option value=${m} ?selected=${this.taken === m}>${t[`take_${m}`]}</option>`)}
            </select>
          </div>`
        : nothing}
      <p><button class="primary" type="button" @click=${this.exchange} ?disabled=${this.busy}>${t.doExchange}</button></p>
    </div>`;
  }
}
defineScreen('tk-order-exchange', OrderExchange);
