import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isWellFormedCode, normalizeCode } from '../../../contract/code-format.js';
import type { HoldCode, Tariff } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { formatMoney, LocalizeController, matchLocale } from '../i18n/localize.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { spinnerStyles } from '../styles/spinner.styles.js';
import { codeEntryStyles } from './code-entry.styles.js';
import { codeStrings, type CodeStrings } from './strings.js';

/**
 * What a code on the cart does, in the buyer's words, from the API's outcome: the discount, the
 * tariff it made available, the seats a pass covers, what a voucher pays and the balance left,
 * or why it does nothing for now. Without `discount`, a promo's amount is left to the cart's
 * totals, which show it under the code.
 */
export function describeCode(c: CodeStrings, code: HoldCode, unlocked: readonly Tariff[], currency: string, locale: string, discount = true): string {
  const money = (amount: number) => formatMoney(amount, currency, locale);
  if (!code.applied) {
    if (code.reason === 'minimum_not_reached') return c.minimum(code.minTickets ?? 2);
    return c.reasons[code.reason ?? ''] ?? c.reasons.not_valid_for_selection!;
  }
  if (code.kind === 'pass') return c.pass(code.tickets);
  if (code.kind === 'voucher') return c.voucher(money(code.amount), money(code.balanceAfter ?? 0));
  const parts = [];
  if (code.amount > 0 && discount) parts.push(c.discount(money(code.amount)));
  // One promo code per order, so the tariffs a code unlocked are this promo's; a tariff comes
  // once per price zone, under the same name.
  if (unlocked.length > 0) parts.push(c.unlocked([...new Set(unlocked.map((tariff) => tariff.name))]));
  return parts.join(' · ') || (discount ? c.kind.promo! : '');
}

/**
 * The one field for promo codes, access-pass codes and gift-voucher codes, and the codes on the
 * cart: each says what it is and what it did (as the API priced it) and can be removed.
 *
 * The element does not call the API: it asks `<ticket-shop>` with `tk-code-submit` and
 * `tk-code-withdraw`, and shows the hold it gets back (`codes`) or the refusal (`error`, already
 * in the buyer's language). Enter submits; while `busy` the field says so; what happened is
 * announced in a live region, refusals as an alert tied to the field.
 *
 * @fires tk-code-submit - The buyer submits a code. Detail: `{ code }` (normalized).
 * @fires tk-code-withdraw - The buyer removes a code. Detail: `{ code }`.
 * @csspart code-form - The field and its button.
 * @csspart code-input - The text field.
 * @csspart code-button - The "apply" button.
 * @csspart code - One code on the cart.
 * @csspart code-error - Why a code was refused.
 */
export class TkCodeEntry extends LitElement {
  static override styles = [hostStyles, fieldStyles, spinnerStyles, codeEntryStyles];

  /** The codes on the hold, as the API priced them. */
  @property({ attribute: false }) codes: HoldCode[] = [];

  /** Hidden tariffs a code unlocked (the hold's `unlockedTariffs`). */
  @property({ attribute: false }) unlockedTariffs: Tariff[] = [];

  /** ISO 4217 currency of the amounts. */
  @property() currency = 'CHF';

  /** A code is on its way to the API. */
  @property({ type: Boolean }) busy = false;

  /** Why the last code was refused, in the buyer's language; null when it was not. */
  @property() error: string | null = null;

  /** BCP 47 language of the texts. */
  @property() locale = 'en';

  @state() private value = '';
  @state() private announcement = '';
  @state() private localError: string | null = null;

  /** The code submitted and not yet answered, and the one being removed. */
  private submitted: string | null = null;
  private withdrawn: string | null = null;
  private readonly localize = new LocalizeController(this);

  /** The code texts in the element's language. */
  private get c(): CodeStrings {
    return codeStrings[matchLocale(this.locale) ?? 'en'];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const c = this.c;
    if (changed.has('codes')) {
      const added = this.submitted ? this.codes.find((code) => code.code === this.submitted) : undefined;
      if (added) {
        this.value = '';
        this.submitted = null;
        this.announcement = c.applied(added.code, describeCode(c, added, this.unlockedTariffs, this.currency, this.locale));
      }
      if (this.withdrawn && !this.codes.some((code) => code.code === this.withdrawn)) {
        this.announcement = c.removed(this.withdrawn);
        this.withdrawn = null;
      }
    }
    if (changed.has('error') && this.error) {
      this.submitted = null;
      this.announcement = '';
    }
  }

  private get shownError(): string | null {
    return this.localError ?? this.error;
  }

  private submit(event: Event) {
    event.preventDefault();
    if (this.busy) return;
    const code = normalizeCode(this.value);
    if (code === '') return;
    this.announcement = '';
    // A code that cannot exist is refused here, without a round trip.
    if (!isWellFormedCode(code)) {
      this.localError = this.c.notACode;
      return;
    }
    this.localError = null;
    this.submitted = code;
    emit(this, 'tk-code-submit', { code });
  }

  private withdraw(code: string) {
    this.withdrawn = code;
    this.announcement = '';
    emit(this, 'tk-code-withdraw', { code });
    // The button goes away with the code: keep the focus in the widget.
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
  }

  override render() {
    const t = this.localize.t;
    const c = this.c;
    const error = this.shownError;
    return html`<form part="code-form" novalidate @submit=${this.submit}>
        <div class="field">
          <label for="code">${c.label}</label>
          <div class="row">
            <input
              id="code"
              part="code-input"
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck="false"
              .value=${this.value}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? 'code-error' : nothing}
              @input=${(e: Event) => {
                this.value = (e.target as HTMLInputElement).value;
                this.localError = null;
              }}
            />
            <button class="btn" part="code-button" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>
              ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${c.applying}` : c.apply}
            </button>
          </div>
          ${error ? html`<p class="error" id="code-error" part="code-error" role="alert">${error}</p>` : nothing}
        </div>
      </form>
      ${this.codes.length > 0
        ? html`<ul class="codes">
            ${this.codes.map(
              (code) => html`<li class="code ${code.applied ? 'applied' : 'idle'}" part="code">
                <span class="name"><span class="kind">${c.kind[code.kind] ?? code.kind}</span> <strong>${code.code}</strong></span>
                <button type="button" class="remove" aria-label=${c.remove(code.code)} ?disabled=${this.busy} @click=${() => this.withdraw(code.code)}>
                  ${t.remove}
                </button>
                <span class="what">${describeCode(c, code, this.unlockedTariffs, this.currency, this.locale, false)}</span>
              </li>`,
            )}
          </ul>`
        : nothing}
      <p class="sr-only" role="status" aria-live="polite">${this.announcement}</p>`;
  }
}

defineElement('tk-code-entry', TkCodeEntry);

declare global {
  interface HTMLElementTagNameMap {
    'tk-code-entry': TkCodeEntry;
  }
}
