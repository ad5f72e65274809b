import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConsoleApiError } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleSession } from '../../session.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { formatMoney, moneyInput, parseMoney } from '../../ui/format.js';
import { defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { refundMethods } from '../../../../contract/vocabulary.js';
import type { StaffOrder } from './order-screen.js';
import { seatText } from './order-screen.js';
import { orderTexts } from './texts.js';

type RefundMethod = (typeof refundMethods)[number];

interface Draft {
  scope: 'order' | 'tickets';
  ticketNumbers: string[];
  refundMethod: RefundMethod;
  /** Minor units; null: what the tickets cost (the API's default). */
  refundAmount: number | null;
  reason: string;
  messageToBuyer: string;
  notifyBuyer: boolean;
}

/**
 * Cancelling the whole order or chosen tickets, in two steps: the form, then a summary to
 * confirm (nothing is cancelled before "Cancel now"). A paid order is cancelled with a refund
 * (cancelByStaff); an unpaid invoice is cancelled whole, nothing to refund (cancelInvoiceOrder).
 * The API's refusal is shown as it comes, the box office's refund limit in the staff's words.
 */
export class OrderCancel extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      textarea,
      input[type='text'],
      select {
        width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) order!: StaffOrder;
  @state() private draft: Draft = { scope: 'order', ticketNumbers: [], refundMethod: 'cash', refundAmount: null, reason: '', messageToBuyer: '', notifyBuyer: true };
  @state() private step: 'form' | 'confirm' | 'sending' = 'form';
  @state() private problem: unknown = null;
  @state() private localErrors: Partial<Record<'tickets' | 'amount' | 'reason', string>> = {};

  private get locale() {
    return this.session.locale;
  }

  private get unpaidInvoice() {
    return this.order.status === 'invoiced';
  }

  private review(event: SubmitEvent) {
    event.preventDefault();
    const t = orderTexts(this.locale);
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const scope = this.unpaidInvoice ? 'order' : ((form.querySelector('input[name="scope"]:checked') as HTMLInputElement | null)?.value as Draft['scope']) ?? 'order';
    const ticketNumbers = [...form.querySelectorAll<HTMLInputElement>('input[name="ticket"]:checked')].map((i) => i.value);
    const amountText = value('refundAmount').trim();
    const refundAmount = amountText === '' ? null : parseMoney(amountText);
    const errors: typeof this.localErrors = {};
    if (scope === 'tickets' && ticketNumbers.length === 0) errors.tickets = t.chooseOne;
    if (amountText !== '' && refundAmount === null) errors.amount = t.amountInvalid;
    if (value('reason').trim() === '') errors.reason = t.reasonRequired;
    this.draft = {
      scope,
      ticketNumbers,
      refundMethod: this.unpaidInvoice ? 'none' : (value('refundMethod') as RefundMethod),
      refundAmount,
      reason: value('reason').trim(),
      messageToBuyer: value('messageToBuyer').trim(),
      notifyBuyer: (form.elements.namedItem('notifyBuyer') as HTMLInputElement).checked,
    };
    this.localErrors = errors;
    this.problem = null;
    if (Object.keys(errors).length > 0) {
      void this.updateComplete.then(() => (this.renderRoot.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    this.step = 'confirm';
    void this.updateComplete.then(() => (this.renderRoot.querySelector('#confirm-heading') as HTMLElement | null)?.focus());
  }

  private async cancel() {
    const d = this.draft;
    this.step = 'sending';
    this.problem = null;
    try {
      if (this.unpaidInvoice) {
        await this.session.api.call('cancelInvoiceOrder', {
          params: { number: this.order.number },
          body: { reason: d.reason, notifyBuyer: d.notifyBuyer, ...(d.messageToBuyer ? { messageToBuyer: d.messageToBuyer } : {}) },
        });
      } else {
        await this.session.api.call('cancelByStaff', {
          params: { number: this.order.number },
          body: {
            scope: d.scope,
            ...(d.scope === 'tickets' ? { ticketNumbers: d.ticketNumbers } : {}),
            reason: d.reason,
            refundMethod: d.refundMethod,
            ...(d.refundMethod !== 'none' && d.refundAmount !== null ? { refundAmount: d.refundAmount } : {}),
            ...(d.messageToBuyer ? { messageToBuyer: d.messageToBuyer } : {}),
            notifyBuyer: d.notifyBuyer,
          },
        });
      }
      this.step = 'form';
      this.draft = { ...this.draft, ticketNumbers: [], reason: '', messageToBuyer: '', refundAmount: null };
      this.dispatchEvent(new CustomEvent('order-changed', { bubbles: true, composed: true, detail: { notice: orderTexts(this.locale).cancelled } }));
    } catch (error) {
      this.problem = error;
      this.step = 'confirm';
      void this.updateComplete.then(() => (this.renderRoot.querySelector('[role="alert"]') as HTMLElement | null)?.focus());
    }
  }

  private problemText() {
    const t = orderTexts(this.locale);
    if (this.problem instanceof ConsoleApiError && this.problem.code === 'refund_over_limit') {
      const limit = this.problem.details.limit as number | null;
      return limit === null ? t.refundNotAllowed : t.refundOverLimit(formatMoney(limit, this.order.currency, this.locale));
    }
    return errorText(this.problem, this.locale);
  }

  override render() {
    const t = orderTexts(this.locale);
    return html`<section class="card" aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">${this.unpaidInvoice ? t.invoiceCancelTitle : t.cancelTitle}</h3>
      ${this.step === 'form' ? this.renderForm() : this.renderConfirm()}
    </section>`;
  }

  private renderForm() {
    const t = orderTexts(this.locale);
    const d = this.draft;
    const valid = this.order.tickets.filter((ticket) => ticket.status === 'valid');
    const invalid = (key: keyof typeof this.localErrors, path?: string) => Boolean(this.localErrors[key] ?? (path ? fieldError(this.problem, path) : undefined));
    return html`<form @submit=${this.review} novalidate>
      ${this.unpaidInvoice
        ? nothing
        : html`<fieldset>
              <legend>${t.scope}</legend>
              <label class="choice"><input type="radio" name="scope" value="order" ?checked=${d.scope === 'order'} @change=${() => (this.draft = { ...this.draft, scope: 'order' })} /> ${t.scopeOrder}</label>
              <label class="choice"><input type="radio" name="scope" value="tickets" ?checked=${d.scope === 'tickets'} @change=${() => (this.draft = { ...this.draft, scope: 'tickets' })} /> ${t.scopeTickets}</label>
            </fieldset>
            ${d.scope === 'tickets'
              ? html`<fieldset aria-describedby=${this.localErrors.tickets ? 'tickets-error' : nothing}>
                  <legend>${t.chooseTickets}</legend>
                  ${valid.map(
                    (ticket) => html`<label class="choice"
                      ><input type="checkbox" name="ticket" value=${ticket.number} ?checked=${d.ticketNumbers.includes(ticket.number)} aria-invalid=${invalid('tickets') ? 'true' : 'false'} />
                      ${ticket.number} · ${seatText(ticket, this.locale)} · ${ticket.tariffName} · ${formatMoney(ticket.price - ticket.discount, this.order.currency, this.locale)}</label
                    >`,
                  )}
                  ${this.localErrors.tickets ? html`<div class="field-error" id="tickets-error">${this.localErrors.tickets}</div>` : nothing}
                </fieldset>`
              : nothing}
            <div class="field">
              <label for="refundMethod">${t.refundMethod}</label>
              <select id="refundMethod" name="refundMethod" @change=${(e: Event) => (this.draft = { ...this.draft, refundMethod: (e.target as HTMLSelectElement).value as RefundMethod })}>
                ${refundMethods.map((m) => html`<option value=${m} ?selected=${d.refundMethod === m}>${t[`refund_${m}`]}</option>`)}
              </select>
            </div>
            ${d.refundMethod !== 'none'
              ? html`<div class="field">
                  <label for="refundAmount">${t.refundAmount} (${this.order.currency})</label>
                  <input
                    id="refundAmount"
                    name="refundAmount"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    .value=${d.refundAmount === null ? '' : moneyInput(d.refundAmount)}
                    aria-invalid=${invalid('amount', 'refundAmount') ? 'true' : 'false'}
                    aria-describedby="refundAmount-hint${this.localErrors.amount ? ' refundAmount-error' : ''}"
                  />
                  <div class="hint" id="refundAmount-hint">${t.refundAmountHint}</div>
                  ${this.localErrors.amount ? html`<div class="field-error" id="refundAmount-error">${this.localErrors.amount}</div>` : nothing}
                </div>`
              : nothing}`}
      <div class="field">
        <label for="reason">${t.reason}</label>
        <input
          id="reason"
          name="reason"
          type="text"
          required
          maxlength="500"
          .value=${d.reason}
          aria-invalid=${invalid('reason', 'reason') ? 'true' : 'false'}
          aria-describedby=${this.localErrors.reason ? 'reason-error' : nothing}
        />
        ${this.localErrors.reason ? html`<div class="field-error" id="reason-error">${this.localErrors.reason}</div>` : nothing}
      </div>
      <div class="field">
        <label for="messageToBuyer">${t.messageToBuyer}</label>
        <textarea id="messageToBuyer" name="messageToBuyer" rows="2" maxlength="1000" .value=${d.messageToBuyer}></textarea>
      </div>
      <label class="choice"><input type="checkbox" name="notifyBuyer" ?checked=${d.notifyBuyer} /> ${t.notifyBuyer}</label>
      <p><button class="primary" type="submit">${t.review}</button></p>
    </form>`;
  }

  private renderConfirm() {
    const t = orderTexts(this.locale);
    const c = commonTexts(this.locale);
    const d = this.draft;
    const refund =
      d.refundMethod === 'none'
        ? t.confirmNoRefund
        : d.refundAmount === null
          ? t.confirmRefundDefault(t[`refund_${d.refundMethod}`])
          : t.confirmRefund(t[`refund_${d.refundMethod}`], formatMoney(d.refundAmount, this.order.currency, this.locale));
    return html`<div>
      <h4 id="confirm-heading" tabindex="-1">${t.confirmTitle}</h4>
      <p>${d.scope === 'order' ? t.confirmWhole(this.order.number) : t.confirmTickets(d.ticketNumbers.join(', '))}</p>
      <p>${refund}</p>
      ${this.problem ? html`<div class="notice error" role="alert" tabindex="-1">${this.problemText()}</div>` : nothing}
      <p class="actions">
        <button class="danger" @click=${this.cancel} ?disabled=${this.step === 'sending'}>${this.step === 'sending' ? c.saving : t.doCancel}</button>
        <button @click=${() => ((this.step = 'form'), (this.problem = null))} ?disabled=${this.step === 'sending'}>${t.goBack}</button>
      </p>
    </div>`;
  }
}
defineScreen('tk-order-cancel', OrderCancel);
