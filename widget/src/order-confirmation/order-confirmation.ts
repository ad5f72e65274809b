import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createOrderPageClient, type OrderPageClient } from '../api/order-page-client.js';
import type { OrderInvoice, OrderView, ShopInfo, TicketView } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { focusInside } from '../part-focus.js';
import { errorMessage, formatDate, formatMoney, LocalizeController, seatName } from '../i18n/localize.js';
import { hostStyles } from '../styles/shared.styles.js';
import { ticketCodeStyles } from '../styles/ticket-code.styles.js';
import { orderConfirmationStyles } from './order-confirmation.styles.js';
import { qrCode } from './qr.js';
import { confirmationStrings } from './strings.js';
import { walletAccess } from './wallet-buttons.js';
import type { ShopClient } from '../api/client.js';

const collator = new Intl.Collator('en', { numeric: true });
/** Row and seat labels in reading order: 9 before 10, Z before AA. */
const natural = (a: string, b: string) => (/^[a-z]+$/i.test(a + b) && a.length - b.length) || collator.compare(a, b);

/**
 * Tickets in the order of the hall: by section (in the plan's order, which seat ids follow), then
 * row and seat number; tickets without a seat keep their order.
 */
export function inSeatOrder(tickets: readonly TicketView[]): TicketView[] {
  return [...tickets].sort((a, b) =>
    a.seat && b.seat && a.seat.section === b.seat.section
      ? natural(a.seat.row, b.seat.row) || natural(a.seat.number, b.seat.number)
      : (a.seatId ?? 0) - (b.seatId ?? 0),
  );
}

/**
 * The confirmation of a paid order: its number, and each ticket with its seat and QR code.
 * For an order placed by invoice (status `invoiced`): its number, the amount, the payment
 * deadline, where to pay with which reference, a link to the invoice PDF, and that the tickets
 * are sent once the payment is recorded.
 *
 * @fires tk-restart - The buyer wants to buy more tickets.
 * @csspart hero - The "thank you" banner.
 * @csspart ticket - One ticket card.
 * @csspart qr - The QR code (an inline SVG) of a ticket.
 * @csspart invoice - The payment details of an order placed by invoice.
 * @csspart invoice-link - The link to the invoice PDF.
 * @csspart exchange-button - The button to exchange a ticket for another date (when the organizer allows it).
 * @fires tk-exchange-request - The buyer wants to exchange a ticket (`detail.ticketNumber`).
 * @csspart insured - An insured order: the insurer, its contact, the premium paid, and that each ticket number is the policy reference.
 * @csspart documents - The order page's actions: all tickets as PDF, add to calendar, send the e-mail again.
 * @csspart tickets-pdf - The link to all tickets as one PDF.
 * @csspart ticket-pdf - The link to one ticket's PDF.
 * @csspart calendar-link - The link to the order's .ics calendar file.
 * @csspart resend-button - The "send the e-mail again" button.
 * @csspart resend-status - What came of it (sent, or why not).
 * @csspart invoice-status - An invoice order's status: awaiting payment (with the reminders sent) or paid.
 * @csspart apple-wallet - A valid ticket's "Add to Apple Wallet" link (when the shop offers it).
 * @csspart google-wallet - A valid ticket's "Add to Google Wallet" button (when the shop offers it).
 */
export class TkOrderConfirmation extends LitElement {
  static override styles = [hostStyles, orderConfirmationStyles, ticketCodeStyles];

  /** The order as the API returned it at checkout. */
  @property({ attribute: false }) order: OrderView | null = null;

  /** Names a ticket's seat (e.g. from the seat map, in the buyer's language); defaults to the API's label. */
  @property({ attribute: false }) seatLabel: (ticket: TicketView) => string | null = (ticket) => seatName(this.localize.t, ticket.seat, ticket.seatLabel);

  /** Where to download the invoice PDF of an order placed by invoice (from the shop client's `invoicePdfUrl`). */
  @property({ attribute: false }) invoiceUrl: string | null = null;

  /** The wallets the shop offers (ShopInfo.wallets) and the client that fetches the passes: each valid ticket gets its wallet buttons. */
  @property({ attribute: false }) wallets: ShopInfo['wallets'] | null = null;
  @property({ attribute: false }) client: ShopClient | null = null;

  /** Numbers of the tickets the buyer may exchange online: each gets an "exchange" button (tk-exchange-request). */
  @property({ attribute: false }) exchangeable: ReadonlySet<string> = new Set();

  /**
   * Where the API is (the shop client's base) and which shop: with both, the order page's links
   * (PDF tickets, calendar) and "send the e-mail again" are offered.
   */
  @property({ attribute: false }) apiBase: string | null = null;

  @property({ attribute: false }) shopId = '';

  @state() private resend: { state: 'idle' | 'busy' } | { state: 'sent' | 'failed'; text: string } = { state: 'idle' };

  #pageClient: { key: string; client: OrderPageClient } | null = null;

  /** The order page's typed client for this API and shop, made once per pair. */
  private get pageClient(): OrderPageClient | null {
    if (!this.apiBase || !this.shopId) return null;
    const key = `${this.apiBase} ${this.shopId}`;
    if (this.#pageClient?.key !== key) this.#pageClient = { key, client: createOrderPageClient(this.apiBase, this.shopId) };
    return this.#pageClient.client;
  }

  /** Venue name shown with the date. */
  @property() venue = '';

  /** BCP 47 language of the texts. */
  @property() locale = 'en';

  /** IANA time zone in which the date is shown (the shop's). */
  @property({ attribute: 'time-zone' }) timeZone = 'Europe/Zurich';

  private readonly localize = new LocalizeController(this);

  /** Moves focus to the "thank you" heading, so that screen readers start with it. */
  override focus(options?: FocusOptions): void {
    focusInside(this, '#thanks', options);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const before = changed.get('order') as OrderView | null | undefined;
    if (before !== undefined && before?.number !== this.order?.number) this.resend = { state: 'idle' };
  }

  override render() {
    const order = this.order;
    if (!order) return nothing;
    const t = this.localize.t;
    const c = confirmationStrings(this.locale);
    const when = formatDate(order.performance.startsAt, this.locale, this.timeZone, { dateStyle: 'full', timeStyle: 'short' });
    const invoice = order.status === 'invoiced' ? order.invoice : null;
    const amount = formatMoney(order.total, order.currency, this.locale);
    return html`<section class="confirmation" aria-labelledby="thanks">
      <div class="hero" part="hero">
        <span class="check" aria-hidden="true">
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"><path d="M5 12.5l4.5 4.5L19 7.5"></path></svg>
        </span>
        <div>
          <h3 id="thanks" tabindex="-1">${invoice ? c.invoiceThankYou : t.thankYou}</h3>
          <p>${invoice ? c.invoiceIntro : c.keepTickets}</p>
        </div>
      </div>
      ${this.renderInsured(order)}
      ${invoice ? this.renderInvoice(order, invoice, amount, when) : this.renderTickets(order, amount, when)}
      ${this.renderInvoiceStatus(order)}
      ${this.renderDocuments(order)}
      <button type="button" class="btn again" @click=${() => emit(this, 'tk-restart', {})}>${c.buyMore}</button>
    </section>`;
  }

  /** An insured order: each ticket number is its policy reference, and how to reach the insurer. */
  private renderInsured(order: OrderView) {
    const insurer = order.insured ? order.insurer : null;
    if (!insurer) return nothing;
    const t = this.localize.t;
    const c = confirmationStrings(this.locale);
    return html`<div class="insured" part="insured">
      <p>${c.insured(insurer.insurerName)}</p>
      ${order.insurance > 0 ? html`<p>${c.insurancePremium(formatMoney(order.insurance, order.currency, this.locale))}</p>` : nothing}
      ${insurer.contact ? html`<p>${c.insurerContact(insurer.contact)}</p>` : nothing}
      ${insurer.termsUrl ? html`<a href=${insurer.termsUrl} target="_blank" rel="noopener noreferrer">${t.insuranceTerms}</a>` : nothing}
    </div>`;
  }

  private renderInvoice(order: OrderView, invoice: OrderInvoice, amount: string, when: string) {
    const t = this.localize.t;
    const c = confirmationStrings(this.locale);
    const row = (label: string, value: unknown, className = '') => html`<div>
      <dt>${label}</dt>
      <dd class=${className}>${value}</dd>
    </div>`;
    return html`<dl class="summary invoice" part="invoice">
        ${row(t.orderNumber, order.number, 'number')}
        ${row(order.event.title, html`${when}${this.venue ? html`<br /><span class="muted">${this.venue}</span>` : nothing}`)}
        ${row(t.amountDue, amount, 'amount')}
        ${invoice.dueAt ? row(c.paymentDeadline, formatDate(invoice.dueAt, this.locale, this.timeZone, { dateStyle: 'full' }), 'deadline') : nothing}
        ${row(c.payableTo, invoice.payableTo)}
        ${row(c.account, grouped(invoice.account), 'account')}
        ${row(c.paymentReference, grouped(invoice.reference), 'reference')}
      </dl>
      ${this.invoiceUrl
        ? html`<a class="btn btn-primary" part="invoice-link" href=${this.invoiceUrl} target="_blank" rel="noopener">${c.downloadInvoice}</a>`
        : nothing}`;
  }

  private renderTickets(order: OrderView, amount: string, when: string) {
    const t = this.localize.t;
    const c = confirmationStrings(this.locale);
    const pages = this.pageClient;
    const wallet = walletAccess(this.client, order, this.wallets);
    return html`
      <dl class="summary">
        <div>
          <dt>${t.orderNumber}</dt>
          <dd class="number">${order.number}</dd>
        </div>
        <div>
          <dt>${order.event.title}</dt>
          <dd>${when}${this.venue ? html`<br /><span class="muted">${this.venue}</span>` : nothing}</dd>
        </div>
        <div>
          <dt>${t.total}</dt>
          <dd>
            ${amount}
            <span class="muted">· ${c.paidWith[order.paymentMethod ?? 'free'] ?? order.paymentMethod}</span>
          </dd>
        </div>
      </dl>
      <ul class="tickets">
        ${inSeatOrder(order.tickets).map((ticket) => {
          const seat = this.seatLabel(ticket) ?? c.freeSeating;
          return html`<li class="ticket" part="ticket">
            <div class="stub">
              <strong>${seat}</strong>
              <span>${ticket.tariffName} · ${ticket.price === 0 ? t.free : formatMoney(ticket.price, order.currency, this.locale)}</span>
            </div>
            <div class="code">
              ${ticket.status === 'valid' ? qrCode(ticket.qrPayload, c.ticketQr(`${ticket.number}, ${seat}`)) : html`<span class="chip chip-muted">${c.ticketNoLongerValid}</span>`}
              <span class="ticket-number">${t.ticket} ${ticket.number}</span>
              ${ticket.insured && ticket.status === 'valid' ? html`<span class="policy">${c.policyReference(ticket.number)}</span>` : nothing}
              ${pages && ticket.status === 'valid' && order.status === 'paid'
                ? html`<a class="btn btn-link" part="ticket-pdf" href=${pages.ticketPdfUrl(order, ticket.number)} target="_blank" rel="noopener" aria-label=${c.ticketPdfLabel(ticket.number)}>${c.ticketPdf}</a>`
                : nothing}
              ${ticket.status === 'valid' && wallet ? html`<tk-wallet-buttons exportparts="apple-wallet, google-wallet, wallet-error" .wallet=${wallet} ticket-number=${ticket.number} locale=${this.locale}></tk-wallet-buttons>` : nothing}
              ${this.exchangeable.has(ticket.number)
                ? html`<button type="button" class="btn btn-link" part="exchange-button" @click=${() => this.dispatchEvent(new CustomEvent('tk-exchange-request', { detail: { ticketNumber: ticket.number }, bubbles: true, composed: true }))}>${t.exchangeTicket}</button>`
                : nothing}
            </div>
          </li>`;
        })}
      </ul>`;
  }
  /** An order placed by invoice: whether it waits for its payment (and the reminders sent) or is paid. */
  private renderInvoiceStatus(order: OrderView) {
    if (order.paymentMethod !== 'invoice' || (order.status !== 'invoiced' && order.status !== 'paid')) return nothing;
    const c = confirmationStrings(this.locale);
    const paid = order.status === 'paid';
    const reminders = order.invoice?.remindersSent ?? 0;
    return html`<p class="invoice-status" part="invoice-status">
      <strong>${c.invoiceStatus}</strong>
      <span class=${paid ? 'chip chip-success' : 'chip chip-muted'}>${paid && order.paidAt ? c.invoicePaid(formatDate(order.paidAt, this.locale, this.timeZone, { dateStyle: 'long' })) : c.invoiceAwaiting}</span>
      ${!paid && reminders > 0 ? html`<span class="muted">${c.remindersSent(reminders)}</span>` : nothing}
      ${paid && this.invoiceUrl ? html`<a class="btn btn-link" part="invoice-link" href=${this.invoiceUrl} target="_blank" rel="noopener">${c.downloadInvoice}</a>` : nothing}
    </p>`;
  }

  /** The order page's actions: the tickets on paper and in the calendar (paid orders), and the e-mail again. */
  private renderDocuments(order: OrderView) {
    const pages = this.pageClient;
    if (!pages || (order.status !== 'paid' && order.status !== 'invoiced')) return nothing;
    const c = confirmationStrings(this.locale);
    const hasTickets = order.status === 'paid' && order.tickets.some((ticket) => ticket.status === 'valid');
    const resend = this.resend;
    return html`<div class="documents" part="documents" role="group" aria-label=${c.documents}>
      ${hasTickets
        ? html`<a class="btn btn-primary" part="tickets-pdf" href=${pages.ticketsPdfUrl(order)} target="_blank" rel="noopener">${c.downloadTickets}</a>
            <a class="btn" part="calendar-link" href=${pages.calendarUrl(order)} download=${`order-${order.number}.ics`}>${c.addToCalendar}</a>`
        : nothing}
      <!-- aria-disabled, not disabled: a disabled button drops the keyboard focus while it sends. -->
      <button type="button" class="btn" part="resend-button" aria-disabled=${resend.state === 'busy' ? 'true' : 'false'} @click=${() => void this.resendEmail(order, pages)}>
        ${resend.state === 'busy' ? c.resending : c.resendEmail}
      </button>
      <p class=${resend.state === 'failed' ? 'resend-status failed' : 'resend-status'} part="resend-status" role="status" aria-live="polite">${'text' in resend ? resend.text : ''}</p>
    </div>`;
  }

  private async resendEmail(order: OrderView, pages: OrderPageClient) {
    const c = confirmationStrings(this.locale);
    if (this.resend.state === 'busy') return;
    this.resend = { state: 'busy' };
    try {
      const receipt = await pages.resendEmail(order);
      if (order !== this.order) return;
      this.resend = { state: 'sent', text: receipt.kind === 'invoice' ? c.resentInvoice(order.buyer.email) : c.resentTickets(order.buyer.email) };
    } catch (err) {
      if (order === this.order) this.resend = { state: 'failed', text: errorMessage(this.localize.t, err) };
    }
  }
}

/** An IBAN or payment reference in blocks, as printed on payment slips: 27-digit QR references 2 + 5 × 5, others by 4. */
function grouped(code: string): string {
  const compact = code.replace(/\s+/g, '');
  const blocks = /^\d{27}$/.test(compact) ? [compact.slice(0, 2), ...compact.slice(2).match(/.{5}/g)!] : (compact.match(/.{1,4}/g) ?? []);
  return blocks.join(' ');
}

defineElement('tk-order-confirmation', TkOrderConfirmation);

declare global {
  interface HTMLElementTagNameMap {
    'tk-order-confirmation': TkOrderConfirmation;
  }
}
