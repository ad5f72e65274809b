import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { type Answer, ConsoleApiError } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { orderHistory } from './history.js';
import { loadPerformanceNames, type PerformanceName } from './performances.js';
import { methodText, orderTexts } from './texts.js';
import './order-answers.js';
import './order-cancel.js';
import './order-erase.js';
import { personalDataTexts } from './personal-data-texts.js';
import './order-exchange.js';
import './order-invoice-payment.js';

export type StaffOrder = Answer<'getStaffOrder'>;
type Ticket = StaffOrder['tickets'][number];

/** A seat in the reader's language, or "general admission". */
export function seatText(ticket: Pick<Ticket, 'seat' | 'seatLabel'>, locale: Parameters<typeof orderTexts>[0]) {
  const t = orderTexts(locale);
  if (ticket.seat) return t.seatPlace(ticket.seat.section, ticket.seat.row, ticket.seat.number);
  return ticket.seatLabel ?? t.generalAdmission;
}

/**
 * An order as the box office reads it: its tickets, money, codes, insurance, e-mails (sent
 * again from here) and history, and what the counter does with it: cancel, record an invoice
 * payment, exchange a ticket. Each action is its own element; the page reloads after one.
 */
export class OrderScreen extends ConsoleScreen {
  static override styles = [
    consoleStyles,
    css`
      .status-line {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
        margin-bottom: 1rem;
      }
      dl.facts {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
        gap: 0.35rem 1rem;
        margin: 0;
      }
      dl.facts dt {
        font-weight: 600;
      }
      dl.facts dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
        gap: 1rem;
      }
      ol.history {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol.history li {
        padding: 0.4rem 0;
        border-bottom: 1px solid #e3e6ea;
      }
      ol.history time {
        color: var(--tk-muted);
        display: inline-block;
        min-width: 11rem;
      }
      .muted {
        color: var(--tk-muted);
      }
    `,
  ];

  private readonly order = new Loadable<StaffOrder>(this, () => this.session.api.call('getStaffOrder', { params: { number: this.params.number! } }));
  /** The activity log's writes on this order, for the roles that read it; loaded with the order, so both show the same moment. */
  @state() private activity: Answer<'listActivity'>['entries'] = [];
  @state() private performances: PerformanceName[] = [];
  @state() private mailNotice: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private refundNotice: { kind: 'success' | 'error'; text: string } | null = null;
  /** What the last action at the counter did, said after the page reloads (its form may be gone). */
  @state() private actionNotice = '';

  private async loadActivity() {
    if (!this.session.may('listActivity')) return;
    try {
      this.activity = (await this.session.api.call('listActivity', { query: { orderNumber: this.params.number!, limit: '200' } })).entries;
    } catch {
      // The history without who did what is still the order's history.
      this.activity = [];
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.loadActivity();
    // Tickets exchanged onto another date are named with it.
    void loadPerformanceNames(this.session)
      .then((list) => (this.performances = list))
      .catch(() => (this.performances = []));
  }

  private when(iso: string | null) {
    return iso ? formatDateTime(iso, this.session.me.shop.timeZone, this.locale) : '—';
  }

  private money(minor: number, currency: string) {
    return formatMoney(minor, currency, this.locale);
  }

  /** An e-mail or refund call under way: its buttons wait, so a double click is not sent twice. */
  @state() private busy = false;

  private async whileBusy(run: () => Promise<void>) {
    if (this.busy) return;
    this.busy = true;
    try {
      await run();
    } finally {
      this.busy = false;
    }
  }

  private resend(order: StaffOrder, kind: 'order_confirmation' | 'invoice') {
    return this.whileBusy(() => this.resendNow(order, kind));
  }

  private async resendNow(order: StaffOrder, kind: 'order_confirmation' | 'invoice') {
    const t = orderTexts(this.locale);
    this.mailNotice = null;
    try {
      const message = await this.session.api.call('resendOrderMessage', { params: { number: order.number }, body: { kind } });
      this.mailNotice = { kind: 'success', text: t.resent(message.recipient) };
      void this.loadActivity();
      await this.order.reload();
    } catch (error) {
      this.mailNotice = { kind: 'error', text: error instanceof ConsoleApiError && error.code === 'message_pending' ? t.messagePending : errorText(error, this.locale) };
    }
  }

  private retry(id: string) {
    return this.whileBusy(() => this.retryNow(id));
  }

  private async retryNow(id: string) {
    const t = orderTexts(this.locale);
    this.mailNotice = null;
    try {
      const message = await this.session.api.call('retryMessage', { params: { id } });
      this.mailNotice = { kind: 'success', text: t.resent(message.recipient) };
      void this.loadActivity();
      await this.order.reload();
    } catch (error) {
      this.mailNotice = { kind: 'error', text: errorText(error, this.locale) };
    }
  }

  override render() {
    const t = orderTexts(this.locale);
    return html`
      <p><a href="#/orders">${t.backToSearch}</a></p>
      <h1 tabindex="-1">${t.orderTitle(this.params.number ?? '')}</h1>
      ${this.order.render(this.locale, (order) => this.renderOrder(order))}
    `;
  }

  private renderOrder(order: StaffOrder) {
    const t = orderTexts(this.locale);
    const may = (op: Parameters<typeof this.session.may>[0]) => this.session.may(op);
    const onChanged = async (event: CustomEvent<{ notice?: string } | null>) => {
      this.actionNotice = event.detail?.notice ?? '';
      void this.loadActivity();
      await this.order.reload();
      // The form whose button had the focus may be gone with the change: the outcome takes it.
      await this.updateComplete;
      (this.renderRoot.querySelector('.action-notice') as HTMLElement | null)?.focus();
    };
    return html`
      <div class="status-line">
        <span class="badge">${t[`status_${order.status}`]}</span>
        ${order.paymentMethod === 'invoice' && may('getStaffInvoicePdf')
          ? html`<a class="button" href=${this.session.api.url('getStaffInvoicePdf', { params: { number: order.number } })} target="_blank" rel="noopener">${t.invoicePdf}</a>`
          : nothing}
        ${order.status === 'paid' && order.tickets.some((ticket) => ticket.status === 'valid') && may('getStaffOrderTicketsPdf')
          ? html`<a class="button" href=${this.session.api.url('getStaffOrderTicketsPdf', { params: { number: order.number }, query: { layout: 'thermal' } })} target="_blank" rel="noopener"
                >${t.printTickets}</a
              >
              <a class="button" href=${this.session.api.url('getStaffOrderTicketsPdf', { params: { number: order.number }, query: { layout: 'a4' } })} target="_blank" rel="noopener"
                >${t.ticketsPdf}</a
              >`
          : nothing}
      </div>
      <div class="columns">
        <section class="card" aria-labelledby="summary">
          <h2 id="summary">${t.summary}</h2>
          <dl class="facts">
            <dt>${t.buyer}</dt>
            <dd>
              ${order.personalDataErasedAt
                ? html`<span class="erased">${personalDataTexts(this.locale).erasedOn(this.when(order.personalDataErasedAt))}</span>`
                : order.buyer.name || order.buyer.email
                  ? html`${order.buyer.name}<br />${order.buyer.email} (${order.buyer.language.toUpperCase()})`
                  : html`${t.noBuyer} (${order.buyer.language.toUpperCase()})`}
            </dd>
            <dt>${t.sold}</dt>
            <dd>${t[`channel_${order.channel}`]}${order.soldBy ? ` ${t.soldBy(order.soldBy.name)}` : ''}</dd>
            <dt>${t.event}</dt>
            <dd>${order.event.title}</dd>
            <dt>${t.performance}</dt>
            <dd>${this.when(order.performance.startsAt)}</dd>
            <dt>${t.ordered}</dt>
            <dd>${this.when(order.createdAt)}</dd>
            ${order.paidAt ? html`<dt>${t.paidAt}</dt><dd>${this.when(order.paidAt)}</dd>` : nothing}
            ${order.cancelledAt ? html`<dt>${t.cancelledAt}</dt><dd>${this.when(order.cancelledAt)}</dd>` : nothing}
            <dt>${t.paymentMethod}</dt>
            <dd>${methodText(order.paymentMethod, this.locale)}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="amounts">
          <h2 id="amounts">${t.amounts}</h2>
          <dl class="facts">
            <dt>${t.subtotal}</dt>
            <dd>${this.money(order.subtotal, order.currency)}</dd>
            ${order.discount ? html`<dt>${t.discount}</dt><dd>−${this.money(order.discount, order.currency)}</dd>` : nothing}
            ${order.fees ? html`<dt>${t.fees}</dt><dd>${this.money(order.fees, order.currency)}</dd>` : nothing}
            ${order.insurance ? html`<dt>${t.insurance}</dt><dd>${this.money(order.insurance, order.currency)}</dd>` : nothing}
            <dt>${t.total}</dt>
            <dd><strong>${this.money(order.total, order.currency)}</strong></dd>
            ${order.paidByVouchers
              ? html`<dt>${t.paidByVouchers}</dt><dd>${this.money(order.paidByVouchers, order.currency)}</dd>
                  <dt>${t.amountDue}</dt><dd>${this.money(order.amountDue, order.currency)}</dd>`
              : nothing}
            <dt>${t.codesUsed}</dt>
            <dd>${order.codes.length ? order.codes.join(', ') : t.noCodes}</dd>
            <dt>${t.insuranceTitle}</dt>
            <dd>${order.insured ? html`${t.insured}${order.insurer ? html`<br />${t.insurer}: ${order.insurer.insurerName}${order.insurer.contact ? ` (${order.insurer.contact})` : ''}` : nothing}` : t.notInsured}</dd>
          </dl>
        </section>
      </div>
      ${this.renderTickets(order)}
      <tk-order-answers .session=${this.session} .order=${order}></tk-order-answers>
      ${order.invoice ? this.renderInvoice(order) : nothing} ${this.renderPayments(order)} ${this.renderEmails(order)} ${this.renderHistory(order)}
      ${may('cancelByStaff') || may('recordInvoicePayment') || may('getBoxOfficeExchangeOptions') || (may('erasePersonalData') && !order.personalDataErasedAt)
        ? html`<h2>${t.actions}</h2>
            <div role="status">${this.actionNotice ? html`<p class="notice success action-notice" tabindex="-1">${this.actionNotice}</p>` : nothing}</div>
            ${order.status === 'invoiced' && may('recordInvoicePayment') ? html`<tk-order-invoice-payment .session=${this.session} .order=${order} @order-changed=${onChanged}></tk-order-invoice-payment>` : nothing}
            ${(order.status === 'paid' || order.status === 'invoiced') && may('cancelByStaff')
              ? html`<tk-order-cancel .session=${this.session} .order=${order} @order-changed=${onChanged}></tk-order-cancel>`
              : nothing}
            ${order.status === 'paid' && may('getBoxOfficeExchangeOptions') ? html`<tk-order-exchange .session=${this.session} .order=${order} @order-changed=${onChanged}></tk-order-exchange>` : nothing}
            ${may('erasePersonalData') && !order.personalDataErasedAt ? html`<tk-order-erase .session=${this.session} .order=${order} @order-changed=${onChanged}></tk-order-erase>` : nothing}`
        : nothing}
    `;
  }

  private renderTickets(order: StaffOrder) {
    const t = orderTexts(this.locale);
    const c = commonTexts(this.locale);
    const dateOf = (ticket: Ticket) => {
      if (ticket.performanceId === order.performance.id) return null;
      const other = this.performances.find((p) => p.id === ticket.performanceId);
      return other ? this.when(other.startsAt) : ticket.performanceId;
    };
    return html`<section class="tickets">
      <h2 id="tickets">${t.tickets}</h2>
      ${order.tickets.length === 0
        ? html`<p>${t.noTickets}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="tickets">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.colTicket}</th>
                  <th scope="col">${t.colSeat}</th>
                  <th scope="col">${t.colTariff}</th>
                  <th scope="col" class="number">${t.colPrice}</th>
                  <th scope="col">${t.colInsured}</th>
                  <th scope="col">${t.colStatus}</th>
                </tr>
              </thead>
              <tbody>
                ${order.tickets.map((ticket) => {
                  const otherDate = dateOf(ticket);
                  return html`<tr>
                    <td>${ticket.number}</td>
                    <td>${seatText(ticket, this.locale)}${otherDate ? html`<div class="muted">${otherDate}</div>` : nothing}</td>
                    <td>${ticket.tariffName}</td>
                    <td class="number">
                      ${this.money(ticket.price - ticket.discount, order.currency)}${ticket.discount ? html`<div class="muted">−${this.money(ticket.discount, order.currency)}</div>` : nothing}
                    </td>
                    <td>${ticket.insured ? `${c.yes} (${this.money(ticket.insurancePremium, order.currency)})` : c.no}</td>
                    <td>
                      <span class="badge">${t[`ticket_${ticket.status}`]}</span>${ticket.admittedAt ? html`<div class="muted">${t.admittedAt(this.when(ticket.admittedAt))}</div>` : nothing}
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  private renderInvoice(order: StaffOrder) {
    const t = orderTexts(this.locale);
    const invoice = order.invoice!;
    return html`<section class="card" aria-labelledby="invoice">
      <h2 id="invoice">${t.invoiceTitle}</h2>
      <dl class="facts">
        <dt>${t.invoiceReference}</dt>
        <dd>${invoice.reference}</dd>
        <dt>${t.invoiceDue}</dt>
        <dd>${this.when(invoice.dueAt)}</dd>
        <dt>${t.remindersSent}</dt>
        <dd>${invoice.remindersSent}</dd>
      </dl>
    </section>`;
  }

  private renderPayments(order: StaffOrder) {
    const t = orderTexts(this.locale);
    return html`<section class="payments">
      <h2 id="payments">${t.payments}</h2>
      ${this.renderFailedRefunds(order)}
      ${order.payments.length === 0
        ? html`<p>${t.noPayments}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="payments">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.colDate}</th>
                  <th scope="col">${t.colKind}</th>
                  <th scope="col">${t.colMethod}</th>
                  <th scope="col" class="number">${t.colAmount}</th>
                  <th scope="col">${t.colStatus}</th>
                  <th scope="col">${t.colReference}</th>
                </tr>
              </thead>
              <tbody>
                ${order.payments.map(
                  (p) => html`<tr>
                    <td>${this.when(p.createdAt)}</td>
                    <td>${t[`kind_${p.kind}`]}</td>
                    <td>${methodText(p.method, this.locale)}</td>
                    <td class="number">${this.money(p.amount, p.currency)}</td>
                    <td>${t[`pay_${p.status}`]}${p.declineCode ? html`<div class="muted">${p.declineCode}</div>` : nothing}</td>
                    <td>${p.providerReference ?? '—'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${order.stripePayments.length
        ? html`<h3 id="stripe-payments">${t.stripePayments}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="stripe-payments">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.colDate}</th>
                    <th scope="col">${t.colReference}</th>
                    <th scope="col">${t.stripeState}</th>
                    <th scope="col" class="number">${t.colAmount}</th>
                    <th scope="col" class="number">${t.stripeRefunded}</th>
                  </tr>
                </thead>
                <tbody>
                  ${order.stripePayments.map(
                    (s) => html`<tr>
                      <td>${this.when(s.createdAt)}</td>
                      <td>${s.paymentIntentId}</td>
                      <td>${s.state}${s.disputedAt ? html`<div class="notice error">${t.disputed(this.when(s.disputedAt))}</div>` : nothing}</td>
                      <td class="number">${this.money(s.amount, order.currency)}</td>
                      <td class="number">${this.money(s.amountRefunded, order.currency)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : nothing}
    </section>`;
  }

  private renderEmails(order: StaffOrder) {
    const t = orderTexts(this.locale);
    const mayResend = this.session.may('resendOrderMessage');
    return html`<section class="emails">
      <h2 id="emails">${t.emails}</h2>
      ${this.mailNotice
        ? html`<div class="notice ${this.mailNotice.kind}" role=${this.mailNotice.kind === 'error' ? 'alert' : 'status'}>${this.mailNotice.text}</div>`
        : nothing}
      ${order.messages.length === 0
        ? html`<p>${t.noEmails}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="emails">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.colEmail}</th>
                  <th scope="col">${t.colStatus}</th>
                  <th scope="col">${t.colDate}</th>
                  <th scope="col">${t.colSent}</th>
                  ${this.session.may('retryMessage') ? html`<th scope="col"><span class="visually-hidden">${t.retryEmail}</span></th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${order.messages.map(
                  (m) => html`<tr>
                    <td>${t[`msg_${m.kind}`]}</td>
                    <td>${t[`mail_${m.status}`]}${m.lastError ? html`<div class="muted">${m.lastError}</div>` : nothing}</td>
                    <td>${this.when(m.createdAt)}</td>
                    <td>${this.when(m.sentAt)}</td>
                    ${this.session.may('retryMessage')
                      ? html`<td>${m.status === 'failed' ? html`<button ?disabled=${this.busy} @click=${() => this.retry(m.id)}>${t.retryEmail}</button>` : nothing}</td>`
                      : nothing}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${mayResend && (order.status === 'paid' || order.status === 'invoiced')
        ? html`<p class="actions">
            ${order.status === 'paid' ? html`<button ?disabled=${this.busy} @click=${() => this.resend(order, 'order_confirmation')}>${t.resendConfirmation}</button>` : nothing}
            ${order.status === 'invoiced' ? html`<button ?disabled=${this.busy} @click=${() => this.resend(order, 'invoice')}>${t.resendInvoice}</button>` : nothing}
          </p>`
        : nothing}
    </section>`;
  }

  private retryRefund(id: string) {
    return this.whileBusy(() => this.retryRefundNow(id));
  }

  private async retryRefundNow(id: string) {
    const t = orderTexts(this.locale);
    this.refundNotice = null;
    try {
      await this.session.api.call('retryCardRefund', { params: { id } });
      this.refundNotice = { kind: 'success', text: t.refundRetried };
      void this.loadActivity();
      await this.order.reload();
    } catch (error) {
      this.refundNotice = { kind: 'error', text: errorText(error, this.locale) };
    }
  }

  /** Card refunds the provider refused: said at the top of the money, with a retry for the counter. */
  private renderFailedRefunds(order: StaffOrder) {
    const t = orderTexts(this.locale);
    const failed = order.cancellations.filter((c) => c.refund.status === 'failed');
    if (failed.length === 0 && !this.refundNotice) return nothing;
    return html`<div>
      ${this.refundNotice ? html`<div class="notice ${this.refundNotice.kind}" role=${this.refundNotice.kind === 'error' ? 'alert' : 'status'}>${this.refundNotice.text}</div>` : nothing}
      ${failed.map(
        (c) => html`<div class="notice error">
          <p>${t.refundFailed(this.money(c.refund.amount, c.currency), this.when(c.createdAt))}${c.refund.failure ? ` (${c.refund.failure})` : ''}</p>
          ${this.session.may('retryCardRefund') ? html`<button ?disabled=${this.busy} @click=${() => this.retryRefund(c.id)}>${t.retryRefund}</button>` : nothing}
        </div>`,
      )}
    </div>`;
  }

  private renderHistory(order: StaffOrder) {
    const t = orderTexts(this.locale);
    const c = commonTexts(this.locale);
    const entries = orderHistory(order, this.locale, this.activity, (role) => c[`role_${role}`]);
    return html`<section aria-labelledby="history">
      <h2 id="history">${t.history}</h2>
      <ol class="history">
        ${entries.map((e) => html`<li><time datetime=${e.at}>${this.when(e.at)}</time> ${e.text}</li>`)}
      </ol>
    </section>`;
  }
}
defineScreen('tk-order-screen', OrderScreen);
