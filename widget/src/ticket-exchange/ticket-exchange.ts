import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { decodeSeatRanges } from '../../../contract/seat-ranges.js';
import { ShopApiError, type ShopClient } from '../api/client.js';
import type { ExchangeOptions, ExchangeQuote, ExchangeResult, ExchangeTarget, ExchangeTicket, PlanGeometry } from '../api/types.js';
import { defineElement } from '../define.js';
import { ControlFocusController, focusInside } from '../part-focus.js';
import { formatDate, formatMoney, LocalizeController, seatName } from '../i18n/localize.js';
import { qrCode } from '../order-confirmation/qr.js';
import '../seat-map/seat-map.js';
import { clickPrices, lowestPrices } from '../seat-map/seat-prices.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { ticketCodeStyles } from '../styles/ticket-code.styles.js';
import { exchangeStrings } from './strings.js';
import { ticketExchangeStyles } from './ticket-exchange.styles.js';

export interface ExchangeCompleteDetail {
  result: ExchangeResult;
}

const EMPTY: ReadonlySet<number> = new Set();

/**
 * Exchanges one ticket of an order for another performance of the same event: pick the date,
 * the seat on the seat map (or a tariff for free seating), see what it costs from the API's
 * quote (the difference and the fee; a cheaper seat is not refunded unless the organizer allows
 * it), pay with the card if needed, and get the new ticket. If the seat is taken meanwhile,
 * nothing happens and the buyer picks another one.
 *
 * @fires {CustomEvent<ExchangeCompleteDetail>} tk-exchange-complete - The exchange went through; the old ticket is void.
 * @fires {CustomEvent<Record<string, never>>} tk-exchange-close - The buyer goes back to the order.
 * @csspart exchange - The whole exchange panel.
 * @csspart seat-map - The seat map of the chosen date.
 * @csspart quote - What the exchange costs.
 * @csspart pay-button - The button that confirms (and pays for) the exchange.
 * @csspart ticket - The new ticket.
 * @csspart qr - The QR code of the new ticket.
 */
export class TkTicketExchange extends LitElement {
  static override styles = [hostStyles, fieldStyles, ticketExchangeStyles, ticketCodeStyles];

  /** The shop's API client (createShopClient). */
  @property({ attribute: false }) client: ShopClient | null = null;

  /** The order (its number and the secret of the confirmation link). */
  @property({ attribute: false }) order: { number: string; secret: string } | null = null;

  /** The number of the ticket to exchange. */
  @property() ticket = '';

  @property() locale = 'en';

  @property({ attribute: 'time-zone' }) timeZone = 'Europe/Zurich';

  /** Test-mode shops take the simulated card; say so next to the card field. */
  @property({ type: Boolean, attribute: 'test-mode' }) testMode = false;

  @state() private options: ExchangeOptions | null = null;
  @state() private target: ExchangeTarget | null = null;
  @state() private geometry: PlanGeometry | null = null;
  @state() private unavailable: ReadonlySet<number> = EMPTY;
  @state() private held: ReadonlySet<number> = EMPTY;
  @state() private seatId: number | null = null;
  @state() private tariffId: string | null = null;
  @state() private quote: ExchangeQuote | null = null;
  @state() private busy = false;
  @state() private error: string | null = null;
  @state() private result: ExchangeResult | null = null;
  @state() private cardNumber = '';

  private readonly localize = new LocalizeController(this);
  private readonly focusController = new ControlFocusController(this);
  #loadedFor = '';

  /** Moves focus to the heading ("Exchange ticket …"). */
  override focus(options?: FocusOptions): void {
    focusInside(this, 'h3', options);
  }

  /** Each step of the exchange (the dates, the seat or else the tariff, the new ticket) takes focus at its heading. */
  #focusStep() {
    this.focusController.moveAfterUpdate(() => this.renderRoot.querySelector<HTMLElement>('h4, .tariff select'));
  }

  private get s() {
    return exchangeStrings(this.locale);
  }

  private get current(): ExchangeTicket | null {
    return this.options?.tickets.find((t) => t.number === this.ticket) ?? null;
  }

  override willUpdate(): void {
    const key = this.client && this.order ? `${this.order.number}|${this.ticket}` : '';
    if (key && key !== this.#loadedFor) {
      this.#loadedFor = key;
      void this.#loadOptions();
    }
  }

  async #loadOptions() {
    try {
      this.options = await this.client!.exchangeOptions(this.order!.number, this.order!.secret);
    } catch {
      this.error = this.s.failed;
    }
  }

  async #chooseTarget(target: ExchangeTarget) {
    this.target = target;
    this.#focusStep();
    this.seatId = null;
    this.quote = null;
    this.error = null;
    this.geometry = null;
    this.tariffId = target.seating === 'general_admission' ? (target.tariffs[0]?.id ?? null) : null;
    if (target.planId) {
      const [geometry] = await Promise.all([this.client!.plan(target.planId), this.#refreshAvailability()]);
      this.geometry = geometry;
    } else {
      await this.#requote();
    }
  }

  async #refreshAvailability() {
    if (!this.target) return;
    const availability = await this.client!.availability(this.target.id);
    if (!availability || availability.seating !== 'seated') return;
    const held = new Set(decodeSeatRanges(availability.held));
    const unavailable = new Set(held);
    for (const ranges of [availability.sold, availability.blocked]) for (const id of decodeSeatRanges(ranges)) unavailable.add(id);
    this.held = held;
    this.unavailable = unavailable;
  }

  async #requote() {
    if (!this.target || (this.target.seating === 'seated' && this.seatId === null) || (this.target.seating === 'general_admission' && !this.tariffId)) return;
    this.quote = null;
    try {
      this.quote = await this.client!.exchangeQuote(this.order!.number, this.order!.secret, this.#choice());
      this.error = null;
    } catch (err) {
      this.error = this.#explain(err);
    }
  }

  #choice() {
    return {
      ticketNumber: this.ticket,
      performanceId: this.target!.id,
      ...(this.seatId !== null ? { seatId: this.seatId } : {}),
      ...(this.tariffId ? { tariffId: this.tariffId } : {}),
    };
  }

  #onSeatToggle = (e: CustomEvent<{ seatId: number; selected: boolean }>) => {
    e.stopPropagation();
    this.seatId = e.detail.selected ? e.detail.seatId : null;
    // A new seat may be in another zone: its tariff is chosen again (default: the zone's first).
    this.tariffId = null;
    void this.#requote();
  };

  async #submit(e: Event) {
    e.preventDefault();
    if (!this.quote || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const payment = this.quote.amountToPay > 0 ? { payment: { method: 'simulated_card' as const, cardNumber: this.cardNumber } } : {};
      this.result = await this.client!.exchangeTicket(this.order!.number, this.order!.secret, { ...this.#choice(), expectedAmount: this.quote.amountToPay, ...payment });
      this.#focusStep();
      this.dispatchEvent(new CustomEvent<ExchangeCompleteDetail>('tk-exchange-complete', { detail: { result: this.result }, bubbles: true, composed: true }));
    } catch (err) {
      this.error = this.#explain(err);
      if (err instanceof ShopApiError && err.code === 'seat_taken') {
        this.seatId = null;
        this.quote = null;
        this.#focusStep();
        await this.#refreshAvailability().catch(() => undefined);
      }
      if (err instanceof ShopApiError && err.code === 'quote_changed') await this.#requote();
    } finally {
      this.busy = false;
    }
  }

  #explain(err: unknown): string {
    const s = this.s;
    if (!(err instanceof ShopApiError)) return s.failed;
    if (err.code === 'seat_taken' || err.code === 'seats_taken') return s.seatTaken;
    if (err.code === 'quote_changed') return s.quoteChanged;
    if (err.code === 'payment_declined') return s.declined;
    return s.reasons[err.code] ?? s.failed;
  }

  #close() {
    this.dispatchEvent(new CustomEvent('tk-exchange-close', { detail: {}, bubbles: true, composed: true }));
  }

  #money(amount: number) {
    return formatMoney(amount, this.options?.currency ?? 'CHF', this.locale);
  }

  #date(iso: string) {
    return formatDate(iso, this.locale, this.timeZone, { dateStyle: 'full', timeStyle: 'short' });
  }

  override render() {
    const s = this.s;
    const ticket = this.current;
    return html`<section class="exchange" part="exchange" aria-labelledby="title">
      <h3 id="title" tabindex="-1">${s.title(this.ticket)}</h3>
      ${!this.options ? html`<p role="status">${this.error ?? s.loading}</p>` : !ticket ? html`<p class="alert alert-error">${s.failed}</p>` : this.#renderBody(ticket)}
      <button type="button" class="btn btn-link back" @click=${this.#close}>← ${s.back}</button>
    </section>`;
  }

  #renderBody(ticket: ExchangeTicket) {
    const s = this.s;
    if (this.result) return this.#renderDone(this.result);
    const head = html`<p class="current">
      <strong>${s.current}</strong> ${this.#date(ticket.startsAt)} · ${seatName(this.localize.t, ticket.seat, ticket.seatLabel) ?? s.free} · ${ticket.tariffName}
      ${ticket.exchangeable ? html`<br /><span class="muted">${s.deadline(this.#date(ticket.deadline))}</span>` : nothing}
    </p>`;
    if (!ticket.exchangeable) return html`${head}<p class="alert alert-warning" role="alert">${(ticket.reason && s.reasons[ticket.reason]) ?? s.notExchangeable}</p>`;
    const targets = this.options!.targets.filter((p) => p.id !== ticket.performanceId);
    return html`${head}
      ${this.error ? html`<p class="alert alert-error" role="alert">${this.error}</p>` : nothing}
      ${this.target ? this.#renderChoice(this.target) : this.#renderTargets(targets)}`;
  }

  #renderTargets(targets: ExchangeTarget[]) {
    const s = this.s;
    if (targets.length === 0) return html`<p>${s.noOtherDates}</p>`;
    return html`<h4 tabindex="-1">${s.choosePerformance}</h4>
      <ul class="targets">
        ${targets.map(
          (p) => html`<li>
            <button type="button" class="btn target" ?disabled=${!p.onSale} @click=${() => void this.#chooseTarget(p)}>
              ${this.#date(p.startsAt)} ${p.onSale ? nothing : html`<span class="muted">· ${s.notOnSale}</span>`}
            </button>
          </li>`,
        )}
      </ul>`;
  }

  #renderChoice(target: ExchangeTarget) {
    const s = this.s;
    const zoneOfSeat = this.seatId !== null && this.geometry ? this.geometry.zones[this.geometry.seats.zone[this.geometry.seats.id.indexOf(this.seatId)]!]?.id : undefined;
    const tariffs = target.seating === 'seated' ? target.tariffs.filter((t) => t.zoneId === zoneOfSeat) : target.tariffs;
    const prices = lowestPrices(target.tariffs, (amount) => this.localize.t.fromPrice(this.#money(amount)));
    return html`<p class="chosen">
        <strong>${this.#date(target.startsAt)}</strong>
        <button
          type="button"
          class="btn btn-link"
          @click=${() => {
            this.target = null;
            this.#focusStep();
          }}
        >
          ${s.changeDate}
        </button>
      </p>
      ${target.seating === 'seated'
        ? html`<h4 tabindex="-1">${s.chooseSeat}</h4>
            <div class="map">
              ${this.geometry
                ? html`<tk-seat-map
                    part="seat-map"
                    .geometry=${this.geometry}
                    .unavailable=${this.unavailable}
                    .held=${this.held}
                    .selected=${this.seatId === null ? EMPTY : new Set([this.seatId])}
                    .prices=${prices}
                    .seatPrices=${clickPrices(target.tariffs, (amount) => this.#money(amount))}
                    .locale=${this.locale}
                    .maxSelectable=${1}
                    .strings=${this.localize.t.seatMap}
                    @tk-seat-toggle=${this.#onSeatToggle}
                  ></tk-seat-map>`
                : html`<p role="status">${s.loading}</p>`}
            </div>`
        : nothing}
      ${tariffs.length > 1 || target.seating === 'general_admission'
        ? html`<label class="field tariff"
            >${target.seating === 'seated' ? s.tariff : s.chooseTariff}
            <select
              @change=${(e: Event) => {
                this.tariffId = (e.target as HTMLSelectElement).value;
                void this.#requote();
              }}
            >
              ${tariffs.map((t) => html`<option value=${t.id} ?selected=${t.id === (this.quote?.tariff.id ?? this.tariffId)}>${t.name} · ${this.#money(t.price)}</option>`)}
            </select></label
          >`
        : nothing}
      ${this.quote ? this.#renderQuote(this.quote) : nothing}`;
  }

  #renderQuote(quote: ExchangeQuote) {
    const s = this.s;
    const pay = quote.amountToPay > 0;
    return html`<form class="quote" part="quote" @submit=${this.#submit}>
      <dl>
        ${quote.seat ? html`<div><dt>${s.seat}</dt><dd>${seatName(this.localize.t, quote.seat, quote.seat.label)}</dd></div>` : nothing}
        <div><dt>${s.difference}</dt><dd class="difference">${this.#money(quote.difference)}</dd></div>
        <div><dt>${s.fee}</dt><dd class="fee">${this.#money(quote.fee)}</dd></div>
        <div class="total"><dt>${s.youPay}</dt><dd class="amount">${this.#money(quote.amountToPay)}</dd></div>
      </dl>
      ${quote.difference < 0 ? html`<p class="muted note">${quote.refundDue > 0 ? s.refundDue(this.#money(quote.refundDue)) : s.noRefund}</p>` : nothing}
      ${pay
        ? html`<label class="field"
              >${s.cardNumber}
              <input name="card" inputmode="numeric" autocomplete="cc-number" required .value=${this.cardNumber} @input=${(e: Event) => (this.cardNumber = (e.target as HTMLInputElement).value)}
            /></label>
            ${this.testMode ? html`<p class="muted hint">${s.testCard}</p>` : nothing}`
        : html`<p class="muted">${s.nothingToPay}</p>`}
      <button type="submit" class="btn btn-primary btn-block" part="pay-button" ?disabled=${this.busy}>
        ${this.busy ? s.exchanging : pay ? s.payAndExchange(this.#money(quote.amountToPay)) : s.exchange}
      </button>
    </form>`;
  }

  #renderDone(result: ExchangeResult) {
    const s = this.s;
    const t = result.ticket;
    return html`<div class="done" role="status">
      <h4 tabindex="-1">${s.done}</h4>
      <div class="ticket" part="ticket">
        <div class="stub">
          <strong>${seatName(this.localize.t, t.seat, t.seatLabel) ?? s.free}</strong>
          <span>${this.#date(t.startsAt)}</span>
          <span>${t.tariffName} · ${this.#money(t.price)}</span>
          ${result.exchange.amountCharged > 0 ? html`<span class="muted">${s.charged(this.#money(result.exchange.amountCharged))}</span>` : nothing}
        </div>
        <div class="code">${qrCode(t.qrPayload, s.qr(t.number))}<span class="ticket-number">${s.newTicket(t.number)}</span></div>
      </div>
      <p class="alert alert-warning void">${s.oldVoid(result.oldTicket.number)}</p>
      <p class="muted">${s.emailSent}</p>
    </div>`;
  }
}

defineElement('tk-ticket-exchange', TkTicketExchange);

declare global {
  interface HTMLElementTagNameMap {
    'tk-ticket-exchange': TkTicketExchange;
  }
  interface HTMLElementEventMap {
    'tk-exchange-complete': CustomEvent<ExchangeCompleteDetail>;
    'tk-exchange-close': CustomEvent<Record<string, never>>;
    'tk-exchange-request': CustomEvent<{ ticketNumber: string }>;
  }
}
