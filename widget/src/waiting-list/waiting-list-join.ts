import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import * as v from 'valibot';
import { JoinWaitingListBody } from '../../../contract/waiting-list.js';
import type { WaitingListJoined } from '../api/types.js';
import { joinWaitingList } from '../api/waiting-list-client.js';
import { defineElement } from '../define.js';
import { errorMessage, LocalizeController, matchLocale } from '../i18n/localize.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { spinnerStyles } from '../styles/spinner.styles.js';
import { waitingListStrings } from './strings.js';
import { waitingListJoinStyles } from './waiting-list-join.styles.js';

type Field = 'name' | 'email';
type Problem = 'nameRequired' | 'nameTooLong' | 'emailRequired' | 'emailInvalid';

/** Checks name and e-mail with the API's own schema of the join (shared valibot code), as keys of the translation table's `invalid`. */
export function validateJoin(values: { name: string; email: string }): Partial<Record<Field, Problem>> {
  const problems: Partial<Record<Field, Problem>> = {};
  const result = v.safeParse(JoinWaitingListBody, { name: values.name.trim(), email: values.email.trim(), language: 'en', quantity: 1 });
  for (const issue of result.success ? [] : result.issues) {
    const field = issue.path?.[0]?.key;
    if (field === 'name' && !problems.name) problems.name = values.name.trim() === '' ? 'nameRequired' : 'nameTooLong';
    if (field === 'email' && !problems.email) problems.email = values.email.trim() === '' ? 'emailRequired' : 'emailInvalid';
  }
  return problems;
}

/**
 * Joining the waiting list of a sold-out performance: a button that opens a small form (name,
 * e-mail, number of tickets up to the shop's limit per order; the e-mails are in the widget's
 * language), then the confirmation, or the API's refusal in the buyer's language. Field errors
 * are tied to their field with aria-describedby, as at the checkout.
 *
 * @csspart waiting-list - The whole block.
 * @csspart form - The form.
 * @csspart submit - The join button of the form.
 * @csspart confirmation - What is said once joined.
 */
export class TkWaitingListJoin extends LitElement {
  static override styles = [hostStyles, fieldStyles, spinnerStyles, waitingListJoinStyles];

  /** Base URL of the API (already resolved by the ticket shop). */
  @property() api = '';

  /** The shop's id. */
  @property() shop = '';

  /** The sold-out performance whose list the buyer joins. */
  @property({ attribute: 'performance-id' }) performanceId = '';

  /** The shop's tickets per order: the most a buyer may wait for. */
  @property({ type: Number }) max = 10;

  /** BCP 47 language of the texts, and of the e-mails the buyer will get. */
  @property() locale = 'en';

  @state() private open = false;
  @state() private values = { name: '', email: '', quantity: 1 };
  @state() private touched: ReadonlySet<Field> = new Set();
  @state() private submitted = false;
  @state() private busy = false;
  @state() private error: string | null = null;
  @state() private joined: (WaitingListJoined & { email: string }) | null = null;

  @query('form') private form?: HTMLFormElement;

  private readonly localize = new LocalizeController(this);

  private get problems() {
    return validateJoin(this.values);
  }

  private visibleProblem(field: Field): Problem | undefined {
    return this.submitted || this.touched.has(field) ? this.problems[field] : undefined;
  }

  private async show(open: boolean) {
    this.open = open;
    this.error = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? '#wl-name' : '[part="open"]')?.focus();
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (this.busy) return;
    this.submitted = true;
    const problems = this.problems;
    const first = (['name', 'email'] as const).find((field) => problems[field]);
    if (first) {
      await this.updateComplete;
      this.form?.querySelector<HTMLInputElement>(`#wl-${first}`)?.focus();
      return;
    }
    this.busy = true;
    this.error = null;
    const email = this.values.email.trim();
    try {
      const joined = await joinWaitingList(this.api, this.shop, this.performanceId, {
        name: this.values.name.trim(),
        email,
        quantity: this.values.quantity,
        language: matchLocale(this.locale) ?? 'en',
      });
      this.joined = { ...joined, email };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="confirmation"]')?.focus();
    } catch (err) {
      this.error = errorMessage(this.localize.t, err);
    } finally {
      this.busy = false;
    }
  }

  private field(field: Field, label: string, type: string, autocomplete: string) {
    const t = this.localize.t;
    const problem = this.visibleProblem(field);
    return html`<div class="field">
      <label for="wl-${field}">${label}</label>
      <input
        id="wl-${field}"
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        required
        .value=${this.values[field]}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `wl-${field}-error` : nothing}
        ?disabled=${this.busy}
        @input=${(e: Event) => (this.values = { ...this.values, [field]: (e.target as HTMLInputElement).value })}
        @blur=${() => {
          if (this.values[field] !== '' || this.submitted) this.touched = new Set(this.touched).add(field);
        }}
      />
      ${problem ? html`<p class="error" id="wl-${field}-error">${t.invalid[problem]}</p>` : nothing}
    </div>`;
  }

  override render() {
    const t = this.localize.t;
    const s = waitingListStrings(this.locale);
    if (this.joined) {
      return html`<section part="waiting-list" aria-labelledby="wl-heading">
        <h3 id="wl-heading">${s.heading}</h3>
        <div class="alert alert-success" part="confirmation" role="status" tabindex="-1">
          <p>${s.joined(this.joined.email)}</p>
          <p>${s.position(this.joined.position)}</p>
        </div>
      </section>`;
    }
    const max = Math.max(1, this.max);
    return html`<section part="waiting-list" aria-labelledby="wl-heading">
      <h3 id="wl-heading">${s.heading}</h3>
      <p class="intro">${s.intro}</p>
      ${this.open
        ? html`<form part="form" novalidate @submit=${this.submit}>
            ${this.field('name', t.name, 'text', 'name')} ${this.field('email', t.email, 'email', 'email')}
            <div class="field">
              <label for="wl-quantity">${s.quantity}</label>
              <select
                id="wl-quantity"
                ?disabled=${this.busy}
                @change=${(e: Event) => (this.values = { ...this.values, quantity: Number((e.target as HTMLSelectElement).value) })}
              >
                ${Array.from({ length: max }, (_, i) => i + 1).map((n) => html`<option value=${n} ?selected=${n === this.values.quantity}>${n}</option>`)}
              </select>
            </div>
            ${this.error ? html`<div class="alert alert-error" role="alert">${this.error}</div>` : nothing}
            <div class="actions">
              <button class="btn btn-primary" part="submit" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>
                ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${s.joining}` : s.submit}
              </button>
              <button type="button" class="btn btn-link" ?disabled=${this.busy} @click=${() => void this.show(false)}>${s.cancel}</button>
            </div>
          </form>`
        : html`<button type="button" class="btn btn-primary" part="open" aria-expanded="false" @click=${() => void this.show(true)}>${s.open}</button>`}
    </section>`;
  }
}

defineElement('tk-waiting-list-join', TkWaitingListJoin);

declare global {
  interface HTMLElementTagNameMap {
    'tk-waiting-list-join': TkWaitingListJoin;
  }
}
