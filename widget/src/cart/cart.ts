import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { HoldView, Tariff } from '../api/types.js';
import '../code-entry/code-entry.js';
import { codeStrings } from '../code-entry/strings.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { ControlFocusController, focusInside } from '../part-focus.js';
import { formatCountdown, formatMoney, LocalizeController, matchLocale, seatName } from '../i18n/localize.js';
import { hostStyles } from '../styles/shared.styles.js';
import { cartStyles } from './cart.styles.js';

/** From this many seconds left, the countdown warns and offers more time loudly. */
export const WARNING_SECONDS = 60;

/**
 * The buyer's cart: the lines of their hold as priced by the API, a tariff choice per seat,
 * the field for promo, pass and voucher codes, the totals (discount, fees, insurance, paid by
 * vouchers, amount due: every figure the API's), and the countdown of the hold with an "extend" button.
 *
 * @fires tk-seat-remove - The buyer removes a seat. Detail: `{ seatId }`.
 * @fires tk-seat-tariff-change - The buyer picks another tariff for a seat. Detail: `{ seatId, tariffId }`.
 * @fires tk-quantity-change - The buyer removes a general-admission line (quantity 0). Detail: `{ tariffId, quantity }`.
 * @fires tk-hold-extend - The buyer asks for more time.
 * @fires tk-checkout-request - The buyer wants to continue to checkout.
 * @fires tk-countdown-end - The hold's time is up (fired once per expiry time).
 * @fires tk-code-submit - The buyer submits a code (from the code field). Detail: `{ code }`.
 * @fires tk-code-withdraw - The buyer removes a code. Detail: `{ code }`.
 * @csspart cart - The cart box.
 * @csspart line - One line (a seat or a tariff quantity).
 * @csspart total - The total row.
 * @csspart countdown - The countdown bar.
 * @csspart extend-button - The "more time" button.
 * @csspart checkout-button - The "continue" button.
 * @csspart code-line - A discount or pass line of the totals.
 * @csspart amount-due - The amount left to pay after gift vouchers.
 */
export class TkCart extends LitElement {
  static override styles = [hostStyles, cartStyles];

  /** The hold as the API priced it; null for an empty cart. */
  @property({ attribute: false }) hold: HoldView | null = null;

  /** The tariffs of the performance (for the tariff choice per seat and GA line names). */
  @property({ attribute: false }) tariffs: Tariff[] = [];

  /** When the hold ends, in epoch ms of this browser's clock. */
  @property({ type: Number, attribute: 'expires-at' }) expiresAt: number | null = null;

  /** The latest time extensions can reach, in epoch ms of this browser's clock. */
  @property({ type: Number, attribute: 'max-expires-at' }) maxExpiresAt: number | null = null;

  /** Names a seat for display (e.g. from the seat map, in the buyer's language); defaults to the API's label. */
  @property({ attribute: false }) seatLabel: (seat: HoldView['seats'][number]) => string = (seat) => seatName(this.localize.t, seat.seat, seat.label) ?? seat.label;

  /** A change is on its way to the API: controls are disabled. */
  @property({ type: Boolean }) busy = false;

  /** A summary without changes or checkout button (used during checkout). */
  @property({ type: Boolean }) readonly = false;

  /** A code is on its way to the API. */
  @property({ type: Boolean, attribute: 'code-busy' }) codeBusy = false;

  /** Why the last code was refused, in the buyer's language. */
  @property({ attribute: 'code-error' }) codeError: string | null = null;

  /** The buyer opted in to the cancellation insurance the hold offers: its premium is shown as a line. */
  @property({ type: Boolean }) insured = false;

  /** BCP 47 language of the texts. */
  @property() locale = 'en';

  @state() private now = Date.now();

  private timer: ReturnType<typeof setInterval> | undefined;
  private endedFor: number | null = null;
  private readonly localize = new LocalizeController(this);
  private readonly focusController = new ControlFocusController(this);

  /** Moves focus to the heading, which says how many tickets the cart holds. */
  override focus(options?: FocusOptions): void {
    focusInside(this, 'h3', options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  /** Seconds left on the hold (0 when over); null without a hold. */
  get secondsLeft(): number | null {
    return this.expiresAt === null ? null : Math.max(0, Math.ceil((this.expiresAt - this.now) / 1000));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('expiresAt')) this.now = Date.now();
  }

  /** Keys of the lines shown: a seat (`s12`) or a tariff quantity (`qtrf_…`). */
  private get lineKeys(): string[] {
    return [...(this.hold?.seats.map((seat) => `s${seat.seatId}`) ?? []), ...(this.hold?.quantities.map((line) => `q${line.tariffId}`) ?? [])];
  }

  /** Removes a line; once it is gone, focus goes to the next line's "remove" (the last one's, or the heading, if none follows). */
  private removeLine(key: string, removal: () => void) {
    const index = this.lineKeys.indexOf(key);
    removal();
    this.focusController.moveAfterUpdate(() => {
      if (this.lineKeys.includes(key)) return null;
      const buttons = this.renderRoot.querySelectorAll<HTMLElement>('.lines .remove');
      return buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('h3');
    });
  }

  /** More time: focus stays on the button, or on the countdown once no more time can be given. */
  private askForTime(event: Event) {
    const button = event.currentTarget as HTMLButtonElement;
    emit(this, 'tk-hold-extend', {});
    this.focusController.moveAfterUpdate(() => (this.busy ? null : button.disabled ? this.renderRoot.querySelector<HTMLElement>('.timer') : button));
  }

  protected override updated(): void {
    if (this.hold && this.expiresAt !== null && this.secondsLeft === 0 && this.endedFor !== this.expiresAt) {
      this.endedFor = this.expiresAt;
      emit(this, 'tk-countdown-end', {});
    }
  }

  override render() {
    const t = this.localize.t;
    const hold = this.hold;
    const count = hold?.ticketCount ?? 0;
    return html`<section class="cart" part="cart" aria-labelledby="cart-title">
      <header>
        <h3 id="cart-title" tabindex="-1" aria-describedby=${count > 0 ? 'cart-count' : nothing}>${t.cart}</h3>
        ${count > 0 ? html`<span class="count" id="cart-count">${t.ticketCount(count)}</span>` : nothing}
      </header>
      ${!hold || count === 0 ? html`<p class="empty">${t.cartEmpty}</p>` : this.renderHold(hold)}
    </section>`;
  }

  private renderHold(hold: HoldView) {
    const t = this.localize.t;
    const money = (amount: number) => formatMoney(amount, hold.currency, this.locale);
    const tariffName = (id: string) => this.tariffs.find((tariff) => tariff.id === id)?.name ?? '';
    const seconds = this.secondsLeft;
    const warning = seconds !== null && seconds <= WARNING_SECONDS;
    const canExtend = this.expiresAt !== null && this.maxExpiresAt !== null && this.maxExpiresAt - this.expiresAt > 5_000;
    return html`
      <ul class="lines">
        ${hold.seats.map((seat) => {
          const label = this.seatLabel(seat);
          const zoneId = this.tariffs.find((tariff) => tariff.id === seat.tariffId)?.zoneId;
          const options = this.tariffs.filter((tariff) => tariff.zoneId !== null && tariff.zoneId === zoneId);
          return html`<li class="line" part="line">
            <span class="label">${label}</span>
            <span class="amount">${money(seat.price)}</span>
            <span class="controls">
              ${this.readonly || options.length < 2
                ? html`<span class="tariff-name">${tariffName(seat.tariffId)}</span>`
                : html`<select
                    aria-label=${t.tariffFor(label)}
                    ?disabled=${this.busy}
                    @change=${(e: Event) => emit(this, 'tk-seat-tariff-change', { seatId: seat.seatId, tariffId: (e.target as HTMLSelectElement).value })}
                  >
                    ${options.map(
                      (tariff) => html`<option value=${tariff.id} ?selected=${tariff.id === seat.tariffId}>${tariff.name} · ${money(tariff.price)}</option>`,
                    )}
                  </select>`}
              ${this.readonly
                ? nothing
                : html`<button
                    type="button"
                    class="remove"
                    aria-label=${t.removeSeat(label)}
                    ?disabled=${this.busy}
                    @click=${() => this.removeLine(`s${seat.seatId}`, () => emit(this, 'tk-seat-remove', { seatId: seat.seatId }))}
                  >
                    ${t.remove}
                  </button>`}
            </span>
          </li>`;
        })}
        ${hold.quantities.map(
          (line) => html`<li class="line" part="line">
            <span class="label">${line.quantity} × ${tariffName(line.tariffId)}</span>
            <span class="amount">${line.price === 0 ? t.free : money(line.price * line.quantity)}</span>
            ${this.readonly
              ? nothing
              : html`<span class="controls">
                  <span class="tariff-name">${line.price === 0 ? t.free : money(line.price)}</span>
                  <button
                    type="button"
                    class="remove"
                    aria-label=${t.removeSeat(tariffName(line.tariffId))}
                    ?disabled=${this.busy}
                    @click=${() => this.removeLine(`q${line.tariffId}`, () => emit(this, 'tk-quantity-change', { tariffId: line.tariffId, quantity: 0 }))}
                  >
                    ${t.remove}
                  </button>
                </span>`}
          </li>`,
        )}
      </ul>
      ${this.readonly
        ? nothing
        : html`<tk-code-entry
            exportparts="code-form, code-input, code-button, code, code-error"
            .codes=${hold.codes ?? []}
            .unlockedTariffs=${hold.unlockedTariffs ?? []}
            .currency=${hold.currency}
            .locale=${this.locale}
            .error=${this.codeError}
            ?busy=${this.codeBusy}
          ></tk-code-entry>`}
      ${this.renderTotals(hold)}
      ${seconds === null
        ? nothing
        : html`<div class="timer ${warning ? 'warning' : ''}" part="countdown" tabindex="-1">
            <span class="clock">
              <span>${t.heldFor}</span>
              <strong role="timer" aria-live="off">${formatCountdown(seconds)}</strong>
            </span>
            <button type="button" class="btn" part="extend-button" ?disabled=${this.busy || !canExtend || seconds === 0} @click=${this.askForTime}>
              ${t.extend}
            </button>
          </div>`}
      ${warning && seconds > 0 ? html`<p class="alert alert-warning" role="alert">${t.holdWarning}</p>` : nothing}
      ${this.readonly
        ? nothing
        : html`<button type="button" class="btn btn-primary btn-block" part="checkout-button" ?disabled=${this.busy || seconds === 0} @click=${() => emit(this, 'tk-checkout-request', {})}>
            ${t.checkout}
          </button>`}
    `;
  }

  /** Subtotal, discount, fees, insurance (once opted in), total, paid by vouchers and amount due: the API's figures. */
  private renderTotals(hold: HoldView) {
    const t = this.localize.t;
    const money = (amount: number) => formatMoney(amount, hold.currency, this.locale);
    // Reductions read "− CHF 13.60" in every language (Intl would write "CHF-13.60").
    const minus = (amount: number) => `−\u00a0${money(amount)}`;
    const discount = hold.discount ?? 0;
    const reductions = hold.lines.filter((line) => line.kind === 'discount' || line.kind === 'pass');
    // Opted in: the API's figures for the order with insurance (vouchers may then pay more).
    const insured = this.insured && hold.insurance ? hold.insurance : null;
    const premium = insured?.premium ?? 0;
    const total = insured?.total ?? hold.total;
    const vouchers = insured?.vouchers ?? hold.vouchers ?? [];
    const amountDue = insured?.amountDue ?? hold.amountDue;
    const row = (label: string, amount: string) => html`<dt>${label}</dt>
      <dd>${amount}</dd>`;
    return html`<dl>
      ${hold.fees > 0 || discount > 0 ? row(t.subtotal, money(hold.subtotal)) : nothing}
      ${reductions.map(
        // Each reduction once, here, under the code that gave it (the code's own line only names it).
        (line) => html`<dt class="code-line" part="code-line">
            ${line.kind === 'pass' ? codeStrings[matchLocale(this.locale) ?? 'en'].pass(line.quantity) : t.discount}${line.code ? ` · ${line.code}` : nothing}
          </dt>
          <dd class="code-line">${minus(-line.amount)}</dd>`,
      )}
      ${hold.fees > 0 ? row(t.fees, money(hold.fees)) : nothing}
      ${premium > 0 ? html`<dt class="insurance">${t.insurance}</dt><dd class="insurance">+ ${money(premium)}</dd>` : nothing}
      <dt class="total" part="total">${t.total}</dt>
      <dd class="total">${money(total)}</dd>
      ${vouchers.map((voucher) => row(`${t.paidByVouchers} · ${voucher.code}`, minus(voucher.amount)))}
      ${vouchers.length > 0 && amountDue !== undefined
        ? html`<dt class="due" part="amount-due">${t.amountDue}</dt>
            <dd class="due">${money(amountDue)}</dd>`
        : nothing}
    </dl>`;
  }
}

defineElement('tk-cart', TkCart);

declare global {
  interface HTMLElementTagNameMap {
    'tk-cart': TkCart;
  }
}
