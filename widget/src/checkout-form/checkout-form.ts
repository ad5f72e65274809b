import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import * as v from 'valibot';
import { Buyer } from '../../../contract/storefront.js';
import type { InsuranceOffer, Locale, Payment } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { ControlFocusController, focusInside } from '../part-focus.js';
import type { Translation } from '../i18n/en.js';
import { formatMoney, languageNames, LocalizeController, matchLocale, supportedLocales } from '../i18n/localize.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { spinnerStyles } from '../styles/spinner.styles.js';
import { stripeStrings } from '../stripe/strings.js';
import { checkoutFormStyles } from './checkout-form.styles.js';

type Field = 'name' | 'email' | 'cardNumber';
type Method = 'stripe' | 'card' | 'invoice';
type Problem = keyof Translation['invalid'];

/**
 * Checks the buyer's entries with the API's own Buyer schema (shared valibot code) and the
 * card number format, and says what is wrong per field, as keys of the translation table.
 */
export function validateCheckout(values: { name: string; email: string; language: Locale; cardNumber: string }, needsCard: boolean) {
  const problems: Partial<Record<Field, Problem>> = {};
  const result = v.safeParse(Buyer, { name: values.name, email: values.email, language: values.language });
  if (!result.success) {
    for (const issue of result.issues) {
      const field = issue.path?.[0]?.key;
      if (field === 'name' && !problems.name) problems.name = values.name.trim() === '' ? 'nameRequired' : 'nameTooLong';
      if (field === 'email' && !problems.email) problems.email = values.email.trim() === '' ? 'emailRequired' : 'emailInvalid';
    }
  }
  if (needsCard && !/^\d{16}$/.test(values.cardNumber.replace(/\s+/g, ''))) problems.cardNumber = 'cardNumber';
  return problems;
}

type Values = { name: string; email: string; language: Locale | ''; cardNumber: string };

/** What the buyer typed, per widget (the shadow root the form renders in), in memory only and without the card number. */
const drafts = new WeakMap<ShadowRoot, Values>();

/** The widget the form is part of, if any: a form placed on its own in a page keeps nothing. */
const widgetOf = (form: Element) => {
  const root = form.getRootNode();
  return root instanceof ShadowRoot ? root : null;
};

/**
 * The buyer's details (name, e-mail, language) and the payment: none for a free order, else
 * Stripe (card, TWINT, Apple Pay, Google Pay: its Payment Element comes on the next step), the
 * simulated card of test-mode shops and/or pay by invoice, as a radio group when several are
 * offered (the card number is asked only for the simulated card). Validation is inline: a field is checked when the
 * buyer leaves it and on submit; errors are tied to their field with aria-describedby.
 *
 * The details outlive the form: a form that comes back in the same widget (a new hold after
 * the last one expired, another purchase) starts with the name, e-mail and language typed before.
 *
 * @fires tk-checkout-submit - Valid details to check out with. Detail: `{ buyer, payment, insured }`.
 * @fires tk-insurance-change - The buyer ticked or unticked the insurance. Detail: `{ insured }`.
 * @csspart form - The form.
 * @csspart test-mode - The "Test mode — no real payment" badge.
 * @csspart field-error - An inline error message.
 * @csspart submit - The pay button.
 * @csspart methods - The choice between the payment methods.
 * @csspart insurance - The cancellation insurance opt-in (never pre-ticked), with its price and the insurer's terms.
 * @cssproperty --tk-danger - Colour of errors.
 */
export class TkCheckoutForm extends LitElement {
  static override styles = [hostStyles, fieldStyles, spinnerStyles, checkoutFormStyles];

  /** What is left to pay (the hold's `amountDue`, after passes and gift vouchers), in minor units; 0 skips the payment. */
  @property({ type: Number }) total = 0;

  /** The cancellation insurance the hold offers (its premium as the API priced it), or null. */
  @property({ attribute: false }) insurance: InsuranceOffer | null = null;

  /** Gift vouchers paying the order, with the balance each keeps (their balance also pays an insurance premium). */
  @property({ attribute: false }) vouchers: { code: string; amount: number; balanceAfter: number }[] = [];

  /** Whether the buyer opted in to the insurance; never true until the buyer ticks it. */
  @property({ type: Boolean }) insured = false;

  /** ISO 4217 currency of the total. */
  @property() currency = 'CHF';

  /** Payment methods offered for this order besides "free" (stripe, simulated_card, invoice: the performance's `paymentMethods`). */
  @property({ attribute: false }) paymentMethods: string[] = [];

  /** Whether the shop is in test mode (the only mode in which the simulated card is offered). */
  @property({ type: Boolean, attribute: 'test-mode' }) testMode = false;

  /** The payment is running: the form is disabled and the button says so. */
  @property({ type: Boolean }) busy = false;

  /** A message to show above the button (e.g. why the card was declined), or null. */
  @property() error: string | null = null;

  /** BCP 47 language of the texts; also the default language of the tickets. */
  @property() locale = 'en';

  @state() private values: Values = { name: '', email: '', language: '', cardNumber: '' };
  @state() private touched = new Set<Field>();
  @state() private submitted = false;
  @state() private chosen: Method | null = null;

  @query('form') private form!: HTMLFormElement;

  private readonly localize = new LocalizeController(this);

  // The form is disabled while the payment runs: a declined card gives focus back to the pay button.
  private readonly focusController = new ControlFocusController(this);

  /** Focuses the first field (or the first one in error). */
  override focus(options?: FocusOptions): void {
    focusInside(this, `#${(['name', 'email', 'cardNumber'] as const).find((field) => this.visibleProblem(field)) ?? 'name'}`, options);
  }

  private get offered(): Method[] {
    const methods: Method[] = [];
    if (this.paymentMethods.includes('stripe')) methods.push('stripe');
    if (this.testMode && this.paymentMethods.includes('simulated_card')) methods.push('card');
    if (this.paymentMethods.includes('invoice')) methods.push('invoice');
    return methods;
  }

  /** The chosen way to pay, if still offered, else the first offered one (Stripe, then the test card, then invoice). */
  private get method(): Method | undefined {
    const offered = this.offered;
    return this.chosen && offered.includes(this.chosen) ? this.chosen : offered[0];
  }

  /** What is left to pay, as the API priced it: with the insurance once the buyer opts in. */
  private get amountDue(): number {
    return this.insured && this.insurance ? this.insurance.amountDue : this.total;
  }

  /** Nothing to pay: passes, codes and vouchers cover the order (method `free`). */
  private get free(): boolean {
    return this.amountDue === 0;
  }

  private get needsCard(): boolean {
    return !this.free && this.method === 'card';
  }

  private get language(): Locale {
    return this.values.language || matchLocale(this.locale) || 'en';
  }

  private get problems() {
    return validateCheckout({ ...this.values, language: this.language }, this.needsCard);
  }

  private visibleProblem(field: Field): Problem | undefined {
    return this.submitted || this.touched.has(field) ? this.problems[field] : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const widget = widgetOf(this);
    if (widget) this.values = drafts.get(widget) ?? this.values;
  }

  private input(field: Field | 'language', value: string) {
    this.values = { ...this.values, [field]: value };
    const widget = widgetOf(this);
    if (widget) drafts.set(widget, { ...this.values, cardNumber: '' });
  }

  private leave(field: Field) {
    if (this.values[field] !== '' || this.submitted) this.touched = new Set(this.touched).add(field);
  }

  private submit(event: Event) {
    event.preventDefault();
    if (this.busy) return;
    this.submitted = true;
    const problems = this.problems;
    const first = (['name', 'email', 'cardNumber'] as const).find((field) => problems[field]);
    if (first) {
      void this.updateComplete.then(() => this.form.querySelector<HTMLInputElement>(`#${first}`)?.focus());
      return;
    }
    const payment: Payment = this.free
        ? { method: 'free' }
        : this.method === 'invoice' || this.method === 'stripe'
          ? { method: this.method }
          : { method: 'simulated_card', cardNumber: this.values.cardNumber.replace(/\s+/g, '') };
    emit(this, 'tk-checkout-submit', {
      buyer: { name: this.values.name.trim(), email: this.values.email.trim(), language: this.language },
      payment,
      // Said only when insurance is offered: the buyer's explicit yes or no.
      ...(this.insurance ? { insured: this.insured } : {}),
    });
  }

  private field(field: Field, label: string, options: { type: string; autocomplete: string; hint?: string; inputmode?: string; className?: string }) {
    const t = this.localize.t;
    const problem = this.visibleProblem(field);
    const described = [problem ? `${field}-error` : '', options.hint ? `${field}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        name=${field}
        class=${options.className ?? ''}
        type=${options.type}
        autocomplete=${options.autocomplete}
        inputmode=${options.inputmode ?? nothing}
        required
        .value=${this.values[field]}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        ?disabled=${this.busy}
        @input=${(e: Event) => this.input(field, (e.target as HTMLInputElement).value)}
        @blur=${() => this.leave(field)}
      />
      ${options.hint ? html`<span class="hint" id="${field}-hint">${options.hint}</span>` : nothing}
      ${problem ? html`<p class="error" id="${field}-error" part="field-error">${t.invalid[problem]}</p>` : nothing}
    </div>`;
  }

  private renderInsurance(t: Translation) {
    const offer = this.insurance;
    if (!offer || offer.premium <= 0) return nothing;
    return html`<fieldset class="insurance" part="insurance">
      <legend class="sr-only">${t.insurance}</legend>
      <label class="method">
        <input
          type="checkbox"
          name="insured"
          .checked=${this.insured}
          ?disabled=${this.busy}
          aria-describedby="insurance-hint"
          @change=${(e: Event) => {
            this.insured = (e.target as HTMLInputElement).checked;
            emit(this, 'tk-insurance-change', { insured: this.insured });
          }}
        />
        <span>${t.insuranceOptIn(formatMoney(offer.premium, this.currency, this.locale))}</span>
      </label>
      <p class="hint" id="insurance-hint">
        ${t.insuranceHint(offer.insurerName)}
        ${offer.termsUrl ? html`<a href=${offer.termsUrl} target="_blank" rel="noopener noreferrer">${t.insuranceTerms}</a>` : nothing}
      </p>
    </fieldset>`;
  }

  private renderPayment(t: Translation) {
    if (this.free) return html`<p class="free">${this.vouchers.length > 0 ? t.paidInFull : t.freeOrder}</p>`;
    const offered = this.offered;
    const method = this.method;
    if (!method) return html`<p class="alert alert-error">${stripeStrings(this.locale).methodUnavailable}</p>`;
    const card = html`<span class="test-mode" part="test-mode">${t.testMode}</span>
      ${this.field('cardNumber', t.cardNumber, { type: 'text', autocomplete: 'cc-number', inputmode: 'numeric', hint: t.testModeHint, className: 'card-input' })}`;
    const s = stripeStrings(this.locale);
    const hints: Partial<Record<Method, unknown>> = {
      invoice: html`<p class="hint" id="invoice-hint">${t.invoiceHint}</p>`,
      stripe: html`<p class="hint" id="stripe-hint">${s.methodHint}</p>`,
    };
    const labels: Record<Method, string> = { stripe: s.method, card: t.payByCard, invoice: t.payByInvoice };
    if (offered.length === 1) return method === 'card' ? card : html`<strong>${labels[method]}</strong>${hints[method]}`;
    return html`<div class="methods" part="methods">
        ${offered.map(
          (m) => html`<label class="method">
            <input
              type="radio"
              name="method"
              value=${m}
              .checked=${m === method}
              ?disabled=${this.busy}
              aria-describedby=${m === 'card' ? nothing : `${m}-hint`}
              @change=${() => (this.chosen = m)}
            />
            ${labels[m]}
          </label>`,
        )}
      </div>
      ${method === 'card' ? card : hints[method]}`;
  }

  override render() {
    const t = this.localize.t;
    const amount = formatMoney(this.amountDue, this.currency, this.locale);
    const method = this.method;
    return html`<form part="form" novalidate @submit=${this.submit}>
      <fieldset>
        <legend>${t.yourDetails}</legend>
        <div class="two">
          ${this.field('name', t.name, { type: 'text', autocomplete: 'name' })}
          ${this.field('email', t.email, { type: 'email', autocomplete: 'email', hint: t.emailHint })}
        </div>
        <div class="field">
          <label for="language">${t.language}</label>
          <select id="language" autocomplete="language" ?disabled=${this.busy} @change=${(e: Event) => this.input('language', (e.target as HTMLSelectElement).value)}>
            ${supportedLocales.map((locale) => html`<option value=${locale} lang=${locale} ?selected=${locale === this.language}>${languageNames[locale]}</option>`)}
          </select>
        </div>
      </fieldset>
      ${this.renderInsurance(t)}
      <fieldset>
        <legend>${t.payment}</legend>
        <div class="payment">${this.renderPayment(t)}</div>
      </fieldset>
      ${this.error ? html`<div class="alert alert-error" role="alert">${this.error}</div>` : nothing}
      <div class="actions">
        <button class="btn btn-primary" part="submit" ?disabled=${this.busy || (!this.free && !method)} aria-busy=${this.busy ? 'true' : 'false'}>
          ${this.busy
            ? html`<span class="spinner" aria-hidden="true"></span>${t.paying}`
            : this.free
              ? t.placeFreeOrder
              : method === 'invoice'
                ? t.orderByInvoice(amount)
                : method === 'stripe'
                  ? stripeStrings(this.locale).continue
                  : t.pay(amount)}
        </button>
      </div>
    </form>`;
  }
}

defineElement('tk-checkout-form', TkCheckoutForm);

declare global {
  interface HTMLElementTagNameMap {
    'tk-checkout-form': TkCheckoutForm;
  }
}
