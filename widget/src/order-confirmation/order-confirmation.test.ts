import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { loadTranslation } from '../i18n/localize.js';
import { freeOrder } from '../testing/real-api.js';
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
});
