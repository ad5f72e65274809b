import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleSession } from '../../session.js';
import { errorText } from '../../ui/errors.js';
import { defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import type { StaffOrder } from './order-screen.js';
import { personalDataTexts } from './personal-data-texts.js';

/**
 * Erasing a buyer's personal data on their request: a second step says what goes (name,
 * e-mail, answers, the e-mails' texts) and what stays for the books (the order, its money,
 * tickets and invoice numbers) before anything is sent.
 */
export class OrderErase extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .confirm {
        border-color: var(--tk-danger);
      }
    `,
  ];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) order!: StaffOrder;
  @state() private asking = false;
  @state() private sending = false;
  @state() private problem = '';

  private async ask() {
    this.asking = true;
    this.problem = '';
    await this.updateComplete;
    (this.renderRoot.querySelector('#confirm-erase') as HTMLElement | null)?.focus();
  }

  private async keep() {
    this.asking = false;
    await this.updateComplete;
    (this.renderRoot.querySelector('button') as HTMLElement | null)?.focus();
  }

  private async erase() {
    const t = personalDataTexts(this.session.locale);
    this.sending = true;
    this.problem = '';
    try {
      await this.session.api.call('erasePersonalData', { params: { number: this.order.number } });
      this.dispatchEvent(new CustomEvent('order-changed', { bubbles: true, composed: true, detail: { notice: t.erased } }));
    } catch (error) {
      this.problem = errorText(error, this.session.locale);
      this.asking = false;
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const t = personalDataTexts(this.session.locale);
    const c = commonTexts(this.session.locale);
    const buyer = this.order.buyer;
    const who = buyer.name && buyer.email ? `${buyer.name} (${buyer.email})` : buyer.name || buyer.email || t.thisBuyer;
    return html`<section class="card" aria-labelledby="erase-heading">
      <h3 id="erase-heading">${t.eraseTitle}</h3>
      ${this.problem ? html`<div class="notice error" role="alert">${this.problem}</div>` : nothing}
      ${this.asking
        ? html`<div class="confirm card" role="group" aria-labelledby="confirm-erase">
            <p id="confirm-erase" tabindex="-1">${t.confirmErase(who)}</p>
            <div class="actions">
              <button class="danger" ?disabled=${this.sending} @click=${this.erase}>${t.confirmEraseButton}</button>
              <button @click=${this.keep}>${c.cancel}</button>
            </div>
          </div>`
        : html`<button @click=${this.ask}>${t.erase}</button>`}
    </section>`;
  }
}
defineScreen('tk-order-erase', OrderErase);
