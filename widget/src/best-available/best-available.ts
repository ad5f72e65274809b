import { html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PriceZone } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { ControlFocusController } from '../part-focus.js';
import { LocalizeController } from '../i18n/localize.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { bestAvailableStyles } from './best-available.styles.js';

/**
 * The "best available" form of a seated performance: the buyer asks for N seats in a price
 * category and the API picks adjacent ones, the same way for everyone.
 *
 * @fires tk-best-available - The buyer asked for the best seats. Detail: `{ zoneId, quantity }`.
 * @csspart form - The best-available form.
 * @csspart submit - Its button.
 */
export class TkBestAvailable extends LitElement {
  static override styles = [hostStyles, fieldStyles, bestAvailableStyles];

  /** The price zones of the plan, in display order. */
  @property({ attribute: false }) zones: PriceZone[] = [];

  /** Formatted lowest price per zone id ("CHF 28.00"), shown with each category. */
  @property({ attribute: false }) prices: Readonly<Record<string, string>> = {};

  /** How many seats the buyer may still add. */
  @property({ type: Number }) max = 10;

  /** Shows the request as running and disables the form. */
  @property({ type: Boolean }) busy = false;

  /** BCP 47 language of the texts. */
  @property() locale = 'en';

  @state() private zoneId: string | null = null;
  @state() private quantity = 2;

  private readonly localize = new LocalizeController(this);
  // The button is disabled while the API looks for seats: it gets focus back if none are found.
  private readonly focusController = new ControlFocusController(this);

  private submit(event: Event) {
    event.preventDefault();
    const zoneId = this.zoneId ?? this.zones[0]?.id;
    if (!zoneId || this.busy) return;
    emit(this, 'tk-best-available', { zoneId, quantity: Math.min(this.quantity, this.max) });
  }

  override render() {
    const t = this.localize.t;
    const fromPrice = (zone: PriceZone) => (this.prices[zone.id] ? ` · ${t.fromPrice(this.prices[zone.id]!)}` : '');
    const choices = Array.from({ length: Math.max(1, Math.min(this.max, 10)) }, (_, i) => i + 1);
    return html`<section class="panel">
      <form part="form" @submit=${this.submit} aria-labelledby="best-title">
        <h3 id="best-title">${t.bestAvailable}</h3>
        <p class="hint">${t.bestAvailableHint}</p>
        <div class="row">
          <div class="field zone">
            <label for="zone">${t.zone}</label>
            <select id="zone" .value=${this.zoneId ?? this.zones[0]?.id ?? ''} @change=${(e: Event) => (this.zoneId = (e.target as HTMLSelectElement).value)}>
              ${this.zones.map(
                (zone) => html`<option value=${zone.id} ?selected=${zone.id === (this.zoneId ?? this.zones[0]?.id)}>${zone.name}${fromPrice(zone)}</option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="quantity">${t.seatCount}</label>
            <select id="quantity" @change=${(e: Event) => (this.quantity = Number((e.target as HTMLSelectElement).value))}>
              ${choices.map((n) => html`<option value=${n} ?selected=${n === Math.min(this.quantity, this.max)}>${n}</option>`)}
            </select>
          </div>
          <button class="btn btn-primary" part="submit" ?disabled=${this.busy || this.max < 1 || this.zones.length === 0}>
            ${this.busy ? t.findingSeats : t.findSeats}
          </button>
        </div>
      </form>
    </section>`;
  }
}

defineElement('tk-best-available', TkBestAvailable);

declare global {
  interface HTMLElementTagNameMap {
    'tk-best-available': TkBestAvailable;
  }
}
