import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleSession } from '../../session.js';
import { errorText } from '../../ui/errors.js';
import { formatMoney, moneyInput, parseMoney } from '../../ui/format.js';
import { defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import type { StaffOrder } from './order-screen.js';
import { orderTexts } from './texts.js';

/** Recording the bank transfer that pays an invoice: the amount must be the invoice's; the tickets then go out. */
export class OrderInvoicePayment extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      input {
        width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) order!: StaffOrder;
  @state() private sending = false;
  @state() private problem = '';
  @state() private amountError = '';

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const t = orderTexts(this.session.locale);
    const form = event.target as HTMLFormElement;
    const amountInput = form.elements.namedItem('amount') as HTMLInputElement;
    const amount = parseMoney(amountInput.value);
    this.problem = '';
    this.amountError = amount === null ? t.amountInvalid : '';
    if (amount === null) {
      amountInput.focus();
      return;
    }
    const reference = (form.elements.namedItem('reference') as HTMLInputElement).value.trim();
    this.sending = true;
    try {
      await this.session.api.call('recordInvoicePayment', { params: { number: this.order.number }, body: { method: 'bank_transfer', amount, ...(reference ? { reference } : {}) } });
      this.dispatchEvent(new CustomEvent('order-changed', { bubbles: true, composed: true, detail: { notice: t.paymentRecorded } }));
    } catch (error) {
      this.problem = errorText(error, this.session.locale);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const t = orderTexts(this.session.locale);
    const c = commonTexts(this.session.locale);
    const due = this.order.amountDue;
    return html`<section class="card" aria-labelledby="invoice-payment-heading">
      <h3 id="invoice-payment-heading">${t.invoicePaymentTitle}</h3>
      ${this.problem ? html`<div class="notice error" role="alert">${this.problem}</div>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="amount">${t.paymentAmount} (${this.order.currency})</label>
          <input
            id="amount"
            name="amount"
            type="text"
            inputmode="decimal"
            required
            autocomplete="off"
            .value=${moneyInput(due)}
            aria-invalid=${this.amountError ? 'true' : 'false'}
            aria-describedby="amount-hint${this.amountError ? ' amount-error' : ''}"
          />
          <div class="hint" id="amount-hint">${t.paymentAmountHint(formatMoney(due, this.order.currency, this.session.locale))}</div>
          ${this.amountError ? html`<div class="field-error" id="amount-error">${this.amountError}</div>` : nothing}
        </div>
        <div class="field">
          <label for="reference">${t.paymentReference}</label>
          <input id="reference" name="reference" type="text" maxlength="140" autocomplete="off" />
        </div>
        <button class="primary" type="submit" ?disabled=${this.sending}>${this.sending ? c.saving : t.recordPayment}</button>
      </form>
    </section>`;
  }
}
defineScreen('tk-order-invoice-payment', OrderInvoicePayment);
