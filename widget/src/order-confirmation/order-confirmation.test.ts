import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { loadTranslation } from '../i18n/localize.js';
import { freeOrder, freeSeats, invoiceOrder, realClient, testEnv } from '../testing/real-api.js';
import './order-confirmation.js';
import type { TkOrderConfirmation } from './order-confirmation.js';

describe('tk-order-confirmation', () => {
  it('shows the order number and one QR code per real ticket, drawn as SVG from its signed payload', async () => {
    const order = await freeOrder(2);
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} locale="en" venue="La Grange"></tk-order-confirmation>`);
    expect(el.shadowRoot!.querySelector('.number')!.textContent).to.equal(order.number);
    const tickets = [...el.shadowRoot!.querySelectorAll('[part="ticket"]')];
    expect(tickets).to.have.length(2);
    for (const [i, ticket] of tickets.entries()) {
      const qr = ticket.querySelector('svg[part="qr"]')!;
      expect(qr.getAttribute('role')).to.equal('img');
      expect(qr.getAttribute('aria-label')).to.contain(order.tickets[i]!.number);
      const size = Number(qr.getAttribute('viewBox')!.split(' ')[2]);
      expect(size).to.be.greaterThan(20);
      expect(qr.querySelector('path')!.getAttribute('d')).to.match(/^M\d+ \d+h\d+v1h-\d+z/);
      expect(ticket.textContent).to.contain('Free seating');
    }
    await expect(el).to.be.accessible();
  });

  it('names each seat in the buyer’s language from the parts the API gives, without the seat map', async () => {
    const { demo } = await testEnv();
    const client = await realClient();
    const performanceId = demo.theatrePerformanceIds[3]!;
    const [seatId] = await freeSeats(performanceId, 1, 300);
    const hold = await client.createHold({ performanceId, seats: [{ seatId: seatId! }] });
    const order = await client.checkout(hold.id, { name: 'Léa Rochat', email: 'lea@example.ch', language: 'fr' }, { method: 'simulated_card', cardNumber: '4242424242424242' });
    await loadTranslation('fr');
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} locale="fr"></tk-order-confirmation>`);
    const seat = order.tickets[0]!.seat!;
    expect(el.shadowRoot!.querySelector('[part="ticket"] strong')!.textContent).to.equal(`${seat.section}, rang ${seat.row}, place ${seat.number}`);
    expect(el.shadowRoot!.textContent).to.not.match(/\brow\b|\bseat\b/);
  });

  it('lists the tickets in the order of the hall: section, row, then seat number (9 before 10)', async () => {
    const order = await freeOrder(1);
    const ticket = order.tickets[0]!;
    const seat = (seatId: number, section: string, row: string, number: string) => ({
      ...ticket,
      number: `T-${section}-${row}-${number}`,
      seatId,
      seatLabel: `${section}, row ${row}, seat ${number}`,
      seat: { section, row, number },
    });
    // Seat ids follow the plan: Parterre (1–99) before Balcon (100–199).
    const shuffled = [
      seat(150, 'Balcon', 'B', '2'),
      seat(12, 'Parterre', 'B', '10'),
      seat(30, 'Parterre', 'AA', '1'),
      seat(11, 'Parterre', 'B', '9'),
      seat(101, 'Balcon', 'A', '3'),
      seat(2, 'Parterre', 'A', '12'),
    ];
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${{ ...order, tickets: shuffled }} locale="en"></tk-order-confirmation>`);
    const shown = [...el.shadowRoot!.querySelectorAll('[part="ticket"] strong')].map((strong) => strong.textContent);
    expect(shown).to.deep.equal([
      'Parterre, row A, seat 12',
      'Parterre, row B, seat 9',
      'Parterre, row B, seat 10',
      'Parterre, row AA, seat 1',
      'Balcon, row A, seat 3',
      'Balcon, row B, seat 2',
    ]);
  });

  it('speaks the buyer’s language and offers to buy more', async () => {
    const order = await freeOrder(1);
    await loadTranslation('de');
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} locale="de"></tk-order-confirmation>`);
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('Vielen Dank! Ihre Bestellung ist bestätigt.');
    expect(el.shadowRoot!.textContent).to.contain('Gratisbestellung');
    const again = oneEvent(el, 'tk-restart');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.again')!.click();
    await again;
  });

  it('for an order placed by invoice: no tickets, but the amount, deadline, account, reference and the invoice PDF', async () => {
    const order = await invoiceOrder(2);
    expect(order.status).to.equal('invoiced');
    const client = await realClient();
    const invoiceUrl = client.invoicePdfUrl(order);
    const el = await fixture<TkOrderConfirmation>(
      html`<tk-order-confirmation .order=${order} .invoiceUrl=${invoiceUrl} locale="en" time-zone="Europe/Zurich"></tk-order-confirmation>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('h3')!.textContent).to.equal('Thank you! Your order is placed.');
    expect(root.querySelector('.hero p')!.textContent).to.contain('Your tickets are sent by e-mail as soon as your payment is recorded.');
    expect(root.querySelectorAll('[part="ticket"]')).to.have.length(0);
    expect(root.querySelector('.number')!.textContent).to.equal(order.number);
    expect(root.querySelector('.amount')!.textContent).to.match(/^CHF\s70\.00$/);
    const deadline = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', dateStyle: 'full' }).format(new Date(order.invoice!.dueAt!));
    expect(root.querySelector('.deadline')!.textContent).to.equal(deadline);
    expect(root.querySelector('.account')!.textContent).to.equal('CH44 3199 9123 0008 8901 2');
    expect(root.querySelector('.reference')!.textContent!.replace(/\s/g, '')).to.equal(order.invoice!.reference.replace(/\s/g, ''));
    expect(root.querySelector('[part="invoice"]')!.textContent).to.contain('Théâtre du Lac');

    const link = root.querySelector<HTMLAnchorElement>('a[part="invoice-link"]')!;
    expect(link.textContent).to.equal('Download the invoice (PDF)');
    expect(link.href).to.equal(invoiceUrl);
    const response = await fetch(link.href);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('application/pdf');
    const head = new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5));
    expect(head).to.equal('%PDF-');
    await expect(el).to.be.accessible();
  });

  it('shows the invoice state in French, with the deadline in the shop time zone', async () => {
    const order = await invoiceOrder(1, 'fr');
    await loadTranslation('fr');
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} locale="fr" time-zone="Europe/Zurich"></tk-order-confirmation>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('h3')!.textContent).to.equal('Merci ! Votre commande est enregistrée.');
    expect(root.textContent).to.contain('Délai de paiement');
    const deadline = new Intl.DateTimeFormat('fr', { timeZone: 'Europe/Zurich', dateStyle: 'full' }).format(new Date(order.invoice!.dueAt!));
    expect(root.querySelector('.deadline')!.textContent).to.equal(deadline);
    expect(root.querySelector('.amount')!.textContent).to.match(/^35\.00\sCHF$/);
  });
});
