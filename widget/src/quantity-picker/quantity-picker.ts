import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Tariff } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { ControlFocusController, focusInside } from '../part-focus.js';
import { formatMoney, LocalizeController } from '../i18n/localize.js';
import { hostStyles } from '../styles/shared.styles.js';
import { quantityPickerStyles } from './quantity-picker.styles.js';

/**
 * A quantity stepper per tariff, for general-admission performances. It does not change its
 * own `quantities`: the host applies the change (to the hold) and passes the result back.
 *
 * @fires tk-quantity-change - The buyer asked for another quantity of a tariff. Detail: `{ tariffId, quantity }`.
 * @csspart tariff - One tariff row.
 * @csspart stepper - The − / number / + control of a tariff.
 * @cssproperty --tk-accent - Colour of the + and − buttons.
 */
export class TkQuantityPicker extends LitElement {
  static override styles = [hostStyles, quantityPickerStyles];

  /** The tariffs on offer (general admission: zoneId null). */
  @property({ attribute: false }) tariffs: Tariff[] = [];

  /** The current quantity per tariff id. */
  @property({ attribute: false }) quantities: Readonly<Record<string, number>> = {};

  /** ISO 4217 currency of the prices. */
  @property() currency = 'CHF';

  /** BCP 47 language of the texts. */
  @property() locale = 'en';

  /** The most tickets one order may hold. */
  @property({ type: Number }) max = 10;

  /** Places still free for others to take, or null when unknown. The buyer's own tickets are not counted in it. */
  @property({ type: Number }) remaining: number | null = null;

  /** Disables the steppers (e.g. while a change is on its way to the API). */
  @property({ type: Boolean }) disabled = false;

  private readonly localize = new LocalizeController(this);
  private readonly focusController = new ControlFocusController(this);

  /** Moves focus to the heading ("Choose your tickets"). */
  override focus(options?: FocusOptions): void {
    focusInside(this, 'h3', options);
  }

  private get total(): number {
    return Object.values(this.quantities).reduce((sum, n) => sum + n, 0);
  }

  /** The highest total the buyer can reach: the order limit, and what is left for everyone. */
  private get ceiling(): number {
    return this.remaining === null ? this.max : Math.min(this.max, this.total + this.remaining);
  }

  private change(tariff: Tariff, quantity: number) {
    const current = this.quantities[tariff.id] ?? 0;
    const bounded = Math.max(0, Math.min(quantity, current + this.ceiling - this.total));
    if (bounded !== current) emit(this, 'tk-quantity-change', { tariffId: tariff.id, quantity: bounded });
    return bounded;
  }

  private press(event: Event, tariff: Tariff, quantity: number) {
    this.change(tariff, quantity);
    // Called after the host took the change, so the next render shows whether this button is now disabled.
    this.focusController.keepNear(event.currentTarget as HTMLElement);
  }

  override render() {
    const t = this.localize.t;
    const atCeiling = this.total >= this.ceiling;
    return html`
      <h3 tabindex="-1">${t.chooseTickets}</h3>
      <ul class="tariffs">
        ${this.tariffs.map((tariff) => {
          const quantity = this.quantities[tariff.id] ?? 0;
          const inputId = `qty-${tariff.id}`;
          return html`<li class="tariff" part="tariff">
            <span class="name">
              <strong id="${inputId}-name">${tariff.name}</strong>
              <span class="price">${tariff.price === 0 ? t.free : formatMoney(tariff.price, this.currency, this.locale)}</span>
            </span>
            <span class="stepper" part="stepper">
              <button
                type="button"
                aria-label=${t.decrease(tariff.name)}
                ?disabled=${this.disabled || quantity === 0}
                @click=${(e: Event) => this.press(e, tariff, quantity - 1)}
              >
                −
              </button>
              <input
                id=${inputId}
                type="number"
                inputmode="numeric"
                min="0"
                max=${quantity + this.ceiling - this.total}
                .value=${String(quantity)}
                aria-label=${t.quantityOf(tariff.name)}
                ?disabled=${this.disabled}
                @change=${(event: Event) => {
                  const input = event.target as HTMLInputElement;
                  const wanted = Number.parseInt(input.value, 10);
                  input.value = String(Number.isFinite(wanted) ? this.change(tariff, wanted) : quantity);
                }}
              />
              <button
                type="button"
                aria-label=${t.increase(tariff.name)}
                ?disabled=${this.disabled || atCeiling}
                @click=${(e: Event) => this.press(e, tariff, quantity + 1)}
              >
                +
              </button>
            </span>
          </li>`;
        })}
      </ul>
      <p class="note" aria-live="polite">
        ${this.remaining !== null && this.remaining <= 20 ? html`${t.remaining(this.remaining)} · ` : nothing}${t.maxPerOrder(this.max)}
      </p>
    `;
  }
}

defineElement('tk-quantity-picker', TkQuantityPicker);

declare global {
  interface HTMLElementTagNameMap {
    'tk-quantity-picker': TkQuantityPicker;
  }
}
