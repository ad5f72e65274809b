import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadTranslation } from '../i18n/localize.js';
import { gaHold, freeOrder, invoiceOrder, realClient, testEnv, concert } from '../testing/real-api.js';
import './order-confirmation.js';
import type { TkOrderConfirmation } from './order-confirmation.js';
import type { OrderView } from '../api/types.js';

const part = (el: TkOrderConfirmation, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: TkOrderConfirmation, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

async function orderPage(order: OrderView, locale: 'en' | 'fr' | 'de' | 'it' = 'en') {
  const { api, demo } = await testEnv();
  await loadTranslation(locale);
  return fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} .apiBase=${api} .shopId=${demo.shopId} locale=${locale}></tk-order-confirmation>`);
}

describe('tk-order-confirmation as the order page', () => {
  it('links all tickets and each ticket to their PDF, and the order to its calendar file, answered by the API', async () => {
    const order = await freeOrder(2);
    const el = await orderPage(order);
    const all = part(el, 'tickets-pdf') as HTMLAnchorElement;
    expect(all.textContent!.trim()).to.equal('Download tickets (PDF)');
    const pdf = await fetch(all.href);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).to.equal('%PDF-');

    const perTicket = parts(el, 'ticket-pdf') as HTMLAnchorElement[];
    expect(perTicket).to.have.length(2);
    expect(perTicket.map((a) => a.getAttribute('aria-label'))).to.have.members(order.tickets.map((t) => `PDF, ticket ${t.number}`));
    expect((await fetch(perTicket[0]!.href)).headers.get('content-type')).to.equal('application/pdf');

    const calendar = part(el, 'calendar-link') as HTMLAnchorElement;
    expect(calendar.textContent!.trim()).to.equal('Add to calendar');
    const ics = await fetch(calendar.href);
    expect(ics.headers.get('content-type')).to.equal('text/calendar; charset=utf-8');
    const text = await ics.text();
    expect(text).to.match(/^BEGIN:VCALENDAR\r\n/);
    expect(text).to.contain(`UID:${order.performance.id}.${order.number}@`);
    await expect(el).to.be.accessible();
  });

  it('sends the e-mail again with a clear confirmation, and says when it is too soon', async () => {
    const order = await freeOrder(1);
    const el = await orderPage(order);
    const button = part(el, 'resend-button') as HTMLButtonElement;
    expect(button.textContent!.trim()).to.equal('Send the e-mail again');
    button.focus();
    button.click();
    await waitUntil(() => part(el, 'resend-status')!.textContent!.includes('Done'), 'the confirmation shows', { timeout: 10_000 });
    expect(part(el, 'resend-status')!.textContent).to.contain('ana@example.ch');
    expect(part(el, 'resend-status')!.getAttribute('role')).to.equal('status');

    button.click();
    await waitUntil(() => part(el, 'resend-status')!.classList.contains('failed'), 'the refusal shows', { timeout: 10_000 });
    expect(part(el, 'resend-status')!.textContent).to.equal('The e-mail was just sent again. Please wait 10 minutes.');
  });

  it('shows an invoice order’s status in French and resends the invoice, without ticket links', async () => {
    const order = await invoiceOrder(1, 'fr');
    const el = await orderPage(order, 'fr');
    expect(part(el, 'invoice-status')!.textContent).to.contain('En attente de paiement');
    expect(part(el, 'tickets-pdf')).to.equal(null);
    expect(part(el, 'calendar-link')).to.equal(null);
    (part(el, 'resend-button') as HTMLButtonElement).click();
    await waitUntil(() => part(el, 'resend-status')!.textContent!.includes('facture'), 'the confirmation shows', { timeout: 10_000 });
    expect(part(el, 'resend-status')!.textContent).to.contain('C’est fait : votre facture vous est renvoyée à ana@example.ch');
  });

  it('shows the insurance: the premium paid, the insurer’s terms and each ticket number as its policy reference', async () => {
    const { performance } = await concert();
    const paid = performance.tariffs.findIndex((t) => t.price > 0);
    const { hold } = await gaHold([{ tariff: paid, quantity: 2 }]);
    const client = await realClient();
    const order = await client.checkout(hold.id, { name: 'Ana Muster', email: 'ana@example.ch', language: 'de' }, { method: 'simulated_card', cardNumber: '4242424242424242' }, true);
    expect(order.insured).to.equal(true);
    const el = await orderPage(order, 'de');
    const insured = part(el, 'insured')!;
    expect(insured.textContent).to.contain('Bezahlte Versicherungsprämie');
    expect(insured.textContent).to.match(/CHF\s?\d/);
    expect(insured.querySelector('a')!.getAttribute('href')).to.equal(order.insurer!.termsUrl);
    for (const ticket of order.tickets) expect(el.shadowRoot!.textContent).to.contain(`Policennummer: ${ticket.number}`);
  });
});
