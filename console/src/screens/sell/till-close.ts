import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConsoleApiError } from '../../api/client.js';
import { consoleStyles } from '../../ui/styles.js';
import { errorText } from '../../ui/errors.js';
import { formatMoney, parseMoney } from '../../ui/format.js';
import type { ConsoleSession } from '../../session.js';
import { tillTexts } from './texts.js';
import { tillStyles } from './till-styles.js';
import { differenceText, type Till } from './till-view.js';

/**
 * Closing a till: the cash counted in the drawer (and a note), then a second step that shows
 * the expected cash, the count and the difference before anything is recorded. The API
 * computes the expected cash itself when it closes; the figure here is the one shown now.
 * @fires till-closed - The till as closed (detail: the TillView).
 */
export class TillClose extends LitElement {
  static override styles = [consoleStyles, tillStyles];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) till!: Till;
  @state() private counted: number | null = null;
  @state() private countedError = '';
  @state() private note = '';
  @state() private confirming = false;
  @state() private busy = false;
  @state() private failure: unknown = null;

  private get locale() {
    return this.session.locale;
  }

  private review(event: SubmitEvent) {
    event.preventDefault();
    const t = tillTexts(this.locale);
    const text = this.renderRoot.querySelector<HTMLInputElement>('#counted')!.value;
    this.counted = parseMoney(text);
    this.countedError = this.counted === null ? t.countedInvalid : '';
    if (this.counted === null) {
      this.renderRoot.querySelector<HTMLInputElement>('#counted')!.focus();
      return;
    }
    this.confirming = true;
    this.failure = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#confirm-close')?.focus());
  }

  private back() {
    this.confirming = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#counted')?.focus());
  }

  private async close() {
    if (this.counted === null || !this.till.id) return;
    this.busy = true;
    this.failure = null;
    try {
      const note = this.note.trim();
      const closed = await this.session.api.call('closeTill', { params: { tillId: this.till.id }, body: { countedCash: this.counted, ...(note ? { note } : {}) } });
      this.dispatchEvent(new CustomEvent('till-closed', { detail: closed, bubbles: true, composed: true }));
    } catch (error) {
      this.failure = error;
      this.busy = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role="alert"]')?.focus();
    }
  }

  override render() {
    const t = tillTexts(this.locale);
    const currency = this.till.currency;
    const money = (n: number) => formatMoney(n, currency, this.locale);
    const failure = this.failure
      ? html`<div class="notice error" role="alert" tabindex="-1">
          ${this.failure instanceof ConsoleApiError && this.failure.code === 'till_already_closed' ? t.alreadyClosed : errorText(this.failure, this.locale)}
        </div>`
      : nothing;
    if (this.confirming && this.counted !== null) {
      const difference = this.counted - this.till.expectedCash;
      return html`<div class="confirm">
        <p><strong>${t.confirmTitle(this.till.staff.name)}</strong></p>
        <dl>
          <dt>${t.expectedCash}</dt><dd>${money(this.till.expectedCash)}</dd>
          <dt>${t.countedCash}</dt><dd>${money(this.counted)}</dd>
          <dt>${t.difference}</dt><dd class="difference ${difference < 0 ? 'short' : difference > 0 ? 'over' : ''}">${differenceText(difference, currency, this.locale)}</dd>
        </dl>
        <p>${t.confirmHint}</p>
        ${failure}
        <div class="actions">
          <button id="confirm-close" class="danger" type="button" ?disabled=${this.busy} @click=${this.close}>${this.busy ? t.closing : t.confirmClose}</button>
          <button type="button" ?disabled=${this.busy} @click=${this.back}>${t.back}</button>
        </div>
      </div>`;
    }
    return html`<form @submit=${this.review} novalidate>
      <div class="field">
        <label for="counted">${t.countedCash}</label>
        <input
          id="counted"
          inputmode="decimal"
          autocomplete="off"
          required
          aria-invalid=${this.countedError ? 'true' : 'false'}
          aria-describedby=${this.countedError ? 'counted-error' : nothing}
          .value=${this.counted === null ? '' : (this.counted / 100).toFixed(2)}
        />
        ${this.countedError ? html`<div class="field-error" id="counted-error">${this.countedError}</div>` : nothing}
      </div>
      <div class="field">
        <label for="note">${t.note}</label>
        <textarea id="note" maxlength="500" rows="2" .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      ${failure}
      <button class="primary" type="submit">${t.closeTill}</button>
    </form>`;
  }
}
if (!customElements.get('tk-till-close')) customElements.define('tk-till-close', TillClose);
