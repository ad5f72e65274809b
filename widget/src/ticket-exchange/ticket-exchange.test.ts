import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ShopClient } from '../api/client.js';
import type { OrderView } from '../api/types.js';
import '../order-confirmation/order-confirmation.js';
import type { TkOrderConfirmation } from '../order-confirmation/order-confirmation.js';
import { freeSeats, realClient, testEnv } from '../testing/real-api.js';
import './ticket-exchange.js';
import type { TkTicketExchange } from './ticket-exchange.js';

const buyer = { name: 'Ana Muster', email: 'ana@example.ch', language: 'en' as const };
const card = { method: 'simulated_card' as const, cardNumber: '4242424242424242' };

/** A paid order of one seat on the theatre's last date (the demo theatre allows exchange: 24 h, fee 5.00). */
async function paidTheatreOrder(client: ShopClient, skip: number): Promise<OrderView> {
  const { demo } = await testEnv();
  const performanceId = demo.theatrePerformanceIds[4]!;
  const [seatId] = await freeSeats(performanceId, 1, skip);
  const hold = await client.createHold({ performanceId, seats: [{ seatId: seatId! }] });
  return client.checkout(hold.id, buyer, card);
}

const root = (el: TkTicketExchange) => el.shadowRoot!;

async function openFirstTarget(el: TkTicketExchange) {
  await waitUntil(() => root(el).querySelector('button.target'), 'the other dates are listed');
  root(el).querySelector<HTMLButtonElement>('button.target:not([disabled])')!.click();
  await waitUntil(() => root(el).querySelector('tk-seat-map'), 'the seat map of the chosen date is shown');
}

function toggleSeat(el: TkTicketExchange, seatId: number) {
  root(el).querySelector('tk-seat-map')!.dispatchEvent(new CustomEvent('tk-seat-toggle', { detail: { seatId, selected: true }, bubbles: true, composed: true }));
}

describe('tk-ticket-exchange', () => {
  it('exchanges a ticket: another date, a seat, the fee from the API quote, the card, the new ticket', async () => {
    const client = await realClient();
    const order = await paidTheatreOrder(client, 0);
    const ticket = order.tickets[0]!;
    const el = await fixture<TkTicketExchange>(
      html`<tk-ticket-exchange .client=${client} .order=${order} ticket=${ticket.number} locale="en" test-mode></tk-ticket-exchange>`,
    );
    expect(root(el).querySelector('h3')!.textContent).to.contain(ticket.number);
    await openFirstTarget(el);
    const options = await client.exchangeOptions(order.number, order.secret);
    const target = options.targets.filter((p) => p.id !== options.tickets[0]!.performanceId)[0]!;
    const [seatId] = await freeSeats(target.id, 1, 40);
    toggleSeat(el, seatId!);
    await waitUntil(() => root(el).querySelector('[part="quote"] .amount'), 'the quote is shown');
    // Same zone? Then only the fee; in any case what the API quoted.
    const quote = await client.exchangeQuote(order.number, order.secret, { ticketNumber: ticket.number, performanceId: target.id, seatId: seatId! });
    expect(root(el).querySelector('[part="quote"] .fee')!.textContent).to.match(/5\.00/);
    expect(quote.fee).to.equal(500);

    const input = root(el).querySelector<HTMLInputElement>('input[name="card"]')!;
    input.value = '4242 4242 4242 4242';
    input.dispatchEvent(new Event('input'));
    const done = oneEvent(el, 'tk-exchange-complete');
    root(el).querySelector<HTMLButtonElement>('[part="pay-button"]')!.click();
    const { detail } = await done;
    expect(detail.result.oldTicket.number).to.equal(ticket.number);
    await waitUntil(() => root(el).querySelector('svg[part="qr"]'), 'the new ticket is shown');
    expect(root(el).querySelector('.void')!.textContent).to.contain(ticket.number);
    const after = await client.order(order.number, order.secret);
    expect(after.tickets.map((t) => t.status).sort()).to.deep.equal(['exchanged', 'valid']);
  });

  it('says so when the seat was taken meanwhile, and lets the buyer pick another', async () => {
    const client = await realClient();
    const order = await paidTheatreOrder(client, 1);
    const el = await fixture<TkTicketExchange>(html`<tk-ticket-exchange .client=${client} .order=${order} ticket=${order.tickets[0]!.number} locale="en"></tk-ticket-exchange>`);
    await openFirstTarget(el);
    const options = await client.exchangeOptions(order.number, order.secret);
    const target = options.targets.filter((p) => p.id !== options.tickets[0]!.performanceId)[0]!;
    const [seatId] = await freeSeats(target.id, 1, 60);
    toggleSeat(el, seatId!);
    await waitUntil(() => root(el).querySelector('[part="quote"]'), 'the quote is shown');
    // Someone else holds the seat before the buyer confirms.
    await client.createHold({ performanceId: target.id, seats: [{ seatId: seatId! }] });
    const input = root(el).querySelector<HTMLInputElement>('input[name="card"]')!;
    input.value = '4242424242424242';
    input.dispatchEvent(new Event('input'));
    root(el).querySelector<HTMLButtonElement>('[part="pay-button"]')!.click();
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'the buyer is told');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('just taken');
    expect(root(el).querySelector('[part="quote"]')).to.equal(null);
    expect((await client.order(order.number, order.secret)).tickets[0]!.status).to.equal('valid');
  });

  it('explains why a ticket cannot be exchanged', async () => {
    const client = await realClient();
    const order = await paidTheatreOrder(client, 2);
    const options = await client.exchangeOptions(order.number, order.secret);
    const target = options.targets.filter((p) => p.id !== options.tickets[0]!.performanceId)[0]!;
    const [seatId] = await freeSeats(target.id, 1, 80);
    await client.exchangeTicket(order.number, order.secret, { ticketNumber: order.tickets[0]!.number, performanceId: target.id, seatId: seatId!, expectedAmount: (await client.exchangeQuote(order.number, order.secret, { ticketNumber: order.tickets[0]!.number, performanceId: target.id, seatId: seatId! })).amountToPay, payment: card });
    const el = await fixture<TkTicketExchange>(html`<tk-ticket-exchange .client=${client} .order=${order} ticket=${order.tickets[0]!.number} locale="fr"></tk-ticket-exchange>`);
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'the reason is shown');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('n’est plus valable');
    const close = oneEvent(el, 'tk-exchange-close');
    root(el).querySelector<HTMLButtonElement>('.back')!.click();
    await close;
  });

  it('is offered from the confirmation, per exchangeable ticket', async () => {
    const client = await realClient();
    const order = await paidTheatreOrder(client, 3);
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} .exchangeable=${new Set([order.tickets[0]!.number])} locale="en"></tk-order-confirmation>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="exchange-button"]')!;
    expect(button.textContent).to.equal('Exchange this ticket');
    const request = oneEvent(el, 'tk-exchange-request');
    button.click();
    expect((await request).detail.ticketNumber).to.equal(order.tickets[0]!.number);
  });
});
