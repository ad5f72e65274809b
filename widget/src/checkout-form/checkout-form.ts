import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import * as v from 'valibot';
import type { AnswerProblem, BuyerQuestion, CheckoutAnswers } from '../../../contract/questions.js';
import { ticketSlots } from '../../../contract/questions.js';
import { Buyer } from '../../../contract/storefront.js';
import { ShopApiError, type ShopClient } from '../api/client.js';
import { listPerformanceQuestions } from '../api/questions-client.js';
import type { HoldView, InsuranceOffer, Locale, Payment } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { ControlFocusController, focusInside } from '../part-focus.js';
import type { Translation } from '../i18n/en.js';
import { dayKey, formatMoney, languageNames, LocalizeController, matchLocale, seatName, supportedLocales } from '../i18n/localize.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { spinnerStyles } from '../styles/spinner.styles.js';
import { stripeStrings } from '../stripe/strings.js';
import { askedFields, checkDrafts, fieldKey, problemText, type Draft, type Drafts } from './answers.js';
import { checkoutFormStyles } from './checkout-form.styles.js';
import { focusTargetId, renderQuestion, type QuestionFieldHost } from './question-fields.js';
import { questionStyles } from './questions.styles.js';
import { questionStrings } from './strings.js';

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

/**
 * The answers to the organizer's questions, per widget like the details: back from the cart or
 * after a declined card they are still there. Once sent for a hold, they are not carried to
 * another purchase (a consent in particular is the buyer's for that order only).
 */
const answerDrafts = new WeakMap<ShadowRoot, { drafts: Drafts; sentFor: string | null }>();

/** The last questions loaded per performance and language, shown at once when the form comes back while they load again. */
const knownQuestions = new Map<string, BuyerQuestion[]>();

/** The hold's parts the form reads: its tickets (the slots of per-ticket questions) and their tariffs and seats. */
type HoldTickets = Pick<HoldView, 'id' | 'performanceId' | 'seats' | 'quantities' | 'lines'>;

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
 * After the details come the event's questions (customer forms), loaded with `client` for the
 * `hold`'s performance in the buyer's language: the order's once, each ticket's under that
 * ticket's heading, only for the tariffs a question names. They are checked with the contract's
 * `checkAnswers`, the function the API runs, and the API's `answers_invalid` (given back as
 * `failure`) marks the same fields after the questions are loaded again. The answers outlive the
 * form like the details (back to the cart and back) and a declined card.
 *
 * @fires tk-checkout-submit - Valid details to check out with. Detail: `{ buyer, payment, insured, answers }` (`answers` when the event asks something).
 * @fires tk-insurance-change - The buyer ticked or unticked the insurance. Detail: `{ insured }`.
 * @csspart form - The form.
 * @csspart test-mode - The "Test mode — no real payment" badge.
 * @csspart field-error - An inline error message.
 * @csspart submit - The pay button.
 * @csspart methods - The choice between the payment methods.
 * @csspart insurance - The cancellation insurance opt-in (never pre-ticked), with its price and the insurer's terms.
 * @csspart questions - The organizer's questions.
 * @csspart ticket-questions - The questions of one ticket, under its heading.
 * @cssproperty --tk-danger - Colour of errors.
 */
export class TkCheckoutForm extends LitElement {
  static override styles = [hostStyles, fieldStyles, spinnerStyles, checkoutFormStyles, questionStyles];

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

  /** The hold being bought: its tickets are the slots of per-ticket questions. */
  @property({ attribute: false }) hold: HoldTickets | null = null;

  /** The shop client the questions of the hold's performance load with; without one, `questions` are given. */
  @property({ attribute: false }) client: ShopClient | null = null;

  /** The event's questions to the buyer, in form order (loaded with `client`, or given). */
  @property({ attribute: false }) questions: BuyerQuestion[] = [];

  /** The shop's time zone: its calendar day is the latest date of birth. */
  @property({ attribute: 'time-zone' }) timeZone = 'Europe/Zurich';

  /** Why the last checkout failed (its ShopApiError): `answers_invalid` marks the fields the API refused. */
  @property({ attribute: false }) failure: unknown = null;

  @state() private values: Values = { name: '', email: '', language: '', cardNumber: '' };
  @state() private touched = new Set<Field>();
  @state() private submitted = false;
  @state() private chosen: Method | null = null;
  @state() private answers: Drafts = new Map();
  @state() private touchedAnswers = new Set<string>();
  /** The API's problems with the answers sent, shown at their fields until the buyer changes them. */
  @state() private refused = new Map<string, AnswerProblem['reason']>();
  @state() private refusedAll: AnswerProblem[] = [];
  @state() private questionsState: 'ready' | 'loading' | 'failed' = 'ready';

  /** Which performance and language the questions are (being) loaded for, and the load under way. */
  private questionsFor = '';
  private questionsLoad: Promise<void> | null = null;
  /** The API refused answers: focus goes to the first refused field once the questions are back and the form is enabled. */
  private focusRefusal = false;

  @query('form') private form!: HTMLFormElement;

  private readonly localize = new LocalizeController(this);

  // The form is disabled while the payment runs: a declined card gives focus back to the pay button.
  private readonly focusController = new ControlFocusController(this);

  /** Focuses the first field (or the first one in error). */
  override focus(options?: FocusOptions): void {
    focusInside(this, `#${this.firstProblem(false) ?? 'name'}`, options);
  }

  /**
   * The element id of the first field with a problem, in the form's order (details, questions,
   * card number): every problem (on submit), or only those shown.
   */
  private firstProblem(all: boolean): string | undefined {
    const problems = this.problems;
    const buyer = (['name', 'email'] as const).find((field) => (all ? problems[field] : this.visibleProblem(field)));
    if (buyer) return buyer;
    for (const { question, slot } of this.fieldList) {
      const key = fieldKey(slot, question.id);
      if (all ? this.answerCheck.problems.has(key) || this.refused.has(key) : this.answerProblem(key)) return focusTargetId(question, slot);
    }
    if (all ? problems.cardNumber : this.visibleProblem('cardNumber')) return 'cardNumber';
    return undefined;
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

  private get slots() {
    return this.hold ? ticketSlots(this.hold) : [];
  }

  private get today(): string {
    return dayKey(Date.now(), this.timeZone);
  }

  /** The questions asked of this hold: the order's, then each ticket's. */
  private get fields() {
    return this.memo().fields;
  }

  private memoized: { questions: BuyerQuestion[]; hold: HoldTickets | null; answers: Drafts; today: string; fields: ReturnType<typeof askedFields>; check: ReturnType<typeof checkDrafts> } | null = null;

  /** The fields and the check of the answers, computed once per change of what they depend on (a render asks for them per field). */
  private memo() {
    const today = this.today;
    const m = this.memoized;
    if (m && m.questions === this.questions && m.hold === this.hold && m.answers === this.answers && m.today === today) return m;
    const slots = this.slots;
    this.memoized = {
      questions: this.questions,
      hold: this.hold,
      answers: this.answers,
      today,
      fields: askedFields(this.questions, slots, today),
      check: checkDrafts(this.questions, slots, this.answers, today),
    };
    return this.memoized;
  }

  /** Every field in form order. */
  private get fieldList(): { question: BuyerQuestion; slot: string | null }[] {
    const { order, tickets } = this.fields;
    return [...order.map((question) => ({ question, slot: null })), ...tickets.flatMap((t) => t.questions.map((question) => ({ question, slot: t.slot })))];
  }

  private get answerCheck() {
    return this.memo().check;
  }

  /** A field's problem to show now: the check's once the buyer left the field or submitted, else the API's. */
  private answerProblem(key: string): AnswerProblem['reason'] | undefined {
    const mine = this.submitted || this.touchedAnswers.has(key) ? this.answerCheck.problems.get(key) : undefined;
    return mine ?? this.refused.get(key);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const widget = widgetOf(this);
    if (widget) this.values = drafts.get(widget) ?? this.values;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // On the first update the hold is known: answers sent for another hold stay behind.
    const widget = this.hasUpdated ? null : widgetOf(this);
    const kept = widget ? answerDrafts.get(widget) : undefined;
    if (kept && (kept.sentFor === null || kept.sentFor === this.hold?.id)) this.answers = kept.drafts;
    const refusal = changed.has('failure') && this.failure instanceof ShopApiError && this.failure.code === 'answers_invalid' ? this.failure : null;
    if (refusal) {
      const problems = (Array.isArray(refusal.details.problems) ? refusal.details.problems : []) as AnswerProblem[];
      this.refusedAll = problems;
      this.refused = new Map(problems.map((p) => [fieldKey(p.slot, p.questionId), p.reason]));
      // The organizer may have changed the questions since they were loaded: the refused ones come with the new list.
      this.questionsFor = '';
      this.focusRefusal = true;
    } else if (changed.has('failure')) {
      this.refusedAll = [];
    }
    const wanted = this.client && this.hold ? `${this.client.shopId}|${this.hold.performanceId}|${matchLocale(this.locale) ?? ''}` : '';
    if (wanted && wanted !== this.questionsFor) this.loadQuestions(wanted);
  }

  protected override updated(): void {
    if (!this.focusRefusal || this.busy || this.questionsState === 'loading') return;
    this.focusRefusal = false;
    const first = this.firstProblem(false);
    if (first) this.form.querySelector<HTMLElement>(`#${first}`)?.focus();
  }

  private loadQuestions(key: string) {
    const client = this.client!;
    const performanceId = this.hold!.performanceId;
    this.questionsFor = key;
    const known = knownQuestions.get(key);
    if (known) this.questions = known;
    this.questionsState = 'loading';
    const load = listPerformanceQuestions(client, performanceId, matchLocale(this.locale)).then(
      (questions) => {
        knownQuestions.set(key, questions);
        if (this.questionsFor !== key) return;
        this.questions = questions;
        this.questionsState = 'ready';
      },
      () => {
        // The checkout goes on without them: the API says which answers it needs (answers_invalid), and they load again then.
        if (this.questionsFor === key) this.questionsState = 'failed';
      },
    );
    const pending: Promise<void> = load.finally(() => {
      if (this.questionsLoad === pending) this.questionsLoad = null;
    });
    this.questionsLoad = pending;
  }

  private answer(key: string, draft: Draft) {
    this.answers = new Map(this.answers).set(key, draft);
    if (this.refused.has(key)) {
      const refused = new Map(this.refused);
      refused.delete(key);
      this.refused = refused;
    }
    const widget = widgetOf(this);
    if (widget) answerDrafts.set(widget, { drafts: this.answers, sentFor: null });
  }

  private leaveAnswer(key: string) {
    if (!this.touchedAnswers.has(key)) this.touchedAnswers = new Set(this.touchedAnswers).add(key);
  }

  private input(field: Field | 'language', value: string) {
    this.values = { ...this.values, [field]: value };
    const widget = widgetOf(this);
    if (widget) drafts.set(widget, { ...this.values, cardNumber: '' });
  }

  private leave(field: Field) {
    if (this.values[field] !== '' || this.submitted) this.touched = new Set(this.touched).add(field);
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (this.busy) return;
    this.submitted = true;
    // Questions still loading are asked before anything is sent.
    if (this.questionsLoad) await this.questionsLoad;
    this.refused = new Map();
    const first = this.firstProblem(true);
    if (first) {
      void this.updateComplete.then(() => this.form.querySelector<HTMLElement>(`#${first}`)?.focus());
      return;
    }
    const asked = this.fieldList.length > 0;
    const answers: CheckoutAnswers = this.answerCheck.answers;
    const widget = widgetOf(this);
    if (widget && asked) answerDrafts.set(widget, { drafts: this.answers, sentFor: this.hold?.id ?? null });
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
      ...(asked ? { answers } : {}),
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

  /** A ticket's heading: its seat in the buyer's words, or its place among the tickets, with its tariff. */
  private ticketHeading(t: Translation, slot: string, tariffId: string, position: number): string {
    const s = questionStrings(this.locale);
    const line = this.hold?.lines.find((l) => l.kind === 'ticket' && l.tariffId === tariffId);
    const tariff = line?.tariffName ?? line?.label ?? '';
    const seat = this.hold?.seats.find((held) => `seat:${held.seatId}` === slot);
    return seat ? s.seatTicket(seatName(t, seat.seat, seat.label) ?? seat.label, tariff) : s.ticket(position, tariff);
  }

  private renderQuestions(t: Translation) {
    const s = questionStrings(this.locale);
    const { order, tickets } = this.fields;
    const refusedHere = this.refusedAll.some((p) => this.fieldList.some((f) => fieldKey(f.slot, f.question.id) === fieldKey(p.slot, p.questionId)));
    const changedNote = this.refusedAll.length > 0 && !refusedHere && this.questionsState === 'ready';
    if (order.length === 0 && tickets.length === 0) {
      // Said, not shown: most events ask nothing, and a line that appears then goes would move the
      // insurance box and the pay button under a finger about to tap them.
      if (this.questionsState === 'loading') return html`<p class="sr-only" role="status">${s.loading}</p>`;
      if (this.questionsState === 'failed')
        return html`<p class="alert alert-warning">
          ${s.loadFailed}
          <button
            type="button"
            class="btn btn-link"
            @click=${() => {
              this.questionsFor = '';
              this.requestUpdate();
            }}
          >
            ${s.retry}
          </button>
        </p>`;
      return changedNote ? html`<p class="alert alert-warning" role="status">${s.questionsChanged}</p>` : nothing;
    }
    const answers = this.answers;
    const byId = new Map(this.questions.map((q) => [q.id, q]));
    const host: QuestionFieldHost = {
      s,
      busy: this.busy,
      draft: (key) => answers.get(key),
      set: (key, draft) => this.answer(key, draft),
      leave: (key) => this.leaveAnswer(key),
      problem: (key) => {
        const reason = this.answerProblem(key);
        const question = byId.get(key.slice(key.lastIndexOf('|') + 1));
        return reason && question ? s.problems[problemText(question, reason, answers.get(key), this.today)] : null;
      },
    };
    const anyRequired = [...order, ...tickets.flatMap((ticket) => ticket.questions)].some((q) => q.required);
    return html`<fieldset class="questions" part="questions">
      <legend>${s.questions}</legend>
      ${anyRequired ? html`<p class="note" aria-hidden="true">${s.requiredNote}</p>` : nothing}
      ${changedNote ? html`<p class="alert alert-warning" role="status">${s.questionsChanged}</p>` : nothing}
      ${order.map((question) => renderQuestion(host, question, null))}
      ${tickets.map(
        (ticket) => html`<fieldset class="ticket-questions" part="ticket-questions">
          <legend>${this.ticketHeading(t, ticket.slot, ticket.tariffId, ticket.position)}</legend>
          ${ticket.questions.map((question) => renderQuestion(host, question, ticket.slot))}
        </fieldset>`,
      )}
    </fieldset>`;
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
      ${this.renderQuestions(t)}
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
