import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import type { PlanGeometry } from '../api/types.js';
import type { SeatsChangeDetail } from '../events.js';
import { freeSeats, gaHold, realClient, testEnv } from '../testing/real-api.js';
import { storageKey } from './purchase-storage.js';
import './ticket-shop.js';
import type { TicketShop } from './ticket-shop.js';
import { click, deep, deepAll, typeInto, until } from '../testing/dom.js';

async function shop(attributes: { event?: string; performance?: string; lang?: string }): Promise<TicketShop> {
  const { api, demo } = await testEnv();
  return fixture<TicketShop>(
    html`<ticket-shop shop=${demo.shopId} api=${api} event=${attributes.event ?? ''} performance=${attributes.performance ?? ''} lang=${attributes.lang ?? ''}></ticket-shop>`,
  );
}

const cartLines = (el: TicketShop) => deepAll(el, ['tk-cart'], '[part="line"]');
const notice = (el: TicketShop) => deep(el, '[part="notice"] span')?.textContent?.trim() ?? '';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
});

describe('<ticket-shop>', function () {
  this.timeout(40_000);
  it('without an event, offers every published event of the shop, then the dates of the chosen one', async () => {
    const el = await shop({ lang: 'en' });
    const cards = await until(() => deepAll(el, [], '[part="event-card"]').length === 3 && deepAll(el, [], '[part="event-card"]'), 'the event cards');
    const jazz = cards.find((card) => card.textContent!.includes('Nuit du Jazz'))!;
    expect(jazz.textContent).to.contain('2 dates');
    await click(jazz);
    const dates = await until(() => deepAll(el, ['tk-performance-picker'], 'button.performance').length === 2, 'the two concert dates');
    expect(dates).to.equal(true);
    expect(deep(el, 'h2')!.textContent).to.equal('Nuit du Jazz');
  });

  it('opens the seated date the page names with its details and plan asked for once, alongside the shop\'s first answers', async () => {
    const { demo } = await testEnv();
    performance.clearResourceTimings();
    const performanceId = demo.theatrePerformanceIds[0]!;
    const el = await shop({ performance: performanceId, lang: 'fr' });
    await until(() => deep(el, 'tk-seat-map') && (deep(el, 'tk-seat-map') as HTMLElement & { geometry: PlanGeometry | null }).geometry, 'the theatre seat map with its plan');
    const asked = (pattern: RegExp) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => pattern.test(new URL(entry.name).pathname));
    expect(asked(new RegExp(`/performances/${performanceId}$`))).to.have.length(1);
    // The plan in runs (a sixth of the columns' bytes), once, and never in columns.
    expect(asked(/\/plans\/[^/]+\/runs$/)).to.have.length(1);
    expect(asked(/\/plans\/[^/]+$/)).to.have.length(0);
    // The details were asked for before the shop's own answer came back, not after it.
    const [details] = asked(new RegExp(`/performances/${performanceId}$`));
    const [shopAnswer] = asked(new RegExp(`/api/shops/${demo.shopId}$`));
    expect(details!.startTime).to.be.below(shopAnswer!.responseEnd);
  });

  it('sells general admission: quantities, a declined card with its reason, then a paid order with QR codes (in German)', async function () {
    this.timeout(45_000);
    const { demo } = await testEnv();
    const el = await shop({ event: demo.concertEventId, performance: demo.concertPerformanceIds[0]!, lang: 'de' });
    const plus = await until(() => deep(el, 'tk-quantity-picker', '[part="stepper"] button:last-of-type'), 'the quantity stepper');

    const created = oneEvent(el, 'tk-hold-create');
    const changed = oneEvent(el, 'tk-seats-change');
    await click(plus);
    expect((await created).detail.performanceId).to.equal(demo.concertPerformanceIds[0]);
    expect((await changed).detail).to.include({ ticketCount: 1, total: 3500, currency: 'CHF' });
    await until(() => cartLines(el).length === 1, 'the cart line');
    expect(sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId))).to.match(/^hld_/);
    expect(deep(el, 'tk-cart', '[role="timer"]')!.textContent).to.match(/^\d{1,2}:\d{2}$/);

    await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
    const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
    await until(() => form.shadowRoot?.querySelector('#name'), 'the name field');
    expect(form.shadowRoot!.querySelector('[part="test-mode"]')!.textContent).to.equal('Testmodus — keine echte Zahlung');
    await typeInto(form.shadowRoot!.querySelector('#name')!, 'Anna Muster');
    await typeInto(form.shadowRoot!.querySelector('#email')!, 'anna@example.ch');
    await typeInto(form.shadowRoot!.querySelector('#cardNumber')!, '4000 0000 0000 0002');
    await click(form.shadowRoot!.querySelector('[part="submit"]')!);
    const declined = await until(() => form.shadowRoot!.querySelector('[role="alert"]')?.textContent, 'the decline message');
    expect(declined).to.contain('Ihre Karte wurde abgelehnt.');
    expect(cartLines(el)).to.have.length(1);
    await until(() => !form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.disabled, 'the form ready for a retry');

    const completed = oneEvent(el, 'tk-order-complete');
    await typeInto(form.shadowRoot!.querySelector('#cardNumber')!, '4242 4242 4242 4242');
    await click(form.shadowRoot!.querySelector('[part="submit"]')!);
    const { detail } = await completed;
    expect(detail).to.include({ status: 'paid', paymentMethod: 'simulated_card', performanceId: demo.concertPerformanceIds[0], ticketCount: 1, total: 3500, currency: 'CHF' });
    const qr = await until(() => deep(el, 'tk-order-confirmation', 'svg[part="qr"] path'), 'the ticket QR code');
    expect(qr.getAttribute('d')).to.match(/^M\d+ \d+h/);
    expect(deep(el, 'tk-order-confirmation', '.number')!.textContent).to.equal(detail.orderNumber);
    expect(sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId))).to.equal(null);
  });

  it('places an order by invoice: the confirmation gives the payment details and the invoice PDF, and the host is told it is invoiced', async () => {
    const { demo } = await testEnv();
    const el = await shop({ event: demo.concertEventId, performance: demo.concertPerformanceIds[0]!, lang: 'en' });
    const plus = await until(() => deep(el, 'tk-quantity-picker', '[part="stepper"] button:last-of-type'), 'the quantity stepper');
    await click(plus);
    await until(() => cartLines(el).length === 1, 'the cart line');
    await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
    const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
    const invoice = await until(() => form.shadowRoot?.querySelector<HTMLInputElement>('input[name="method"][value="invoice"]'), 'the invoice choice');
    await typeInto(form.shadowRoot!.querySelector('#name')!, 'Anna Muster');
    await typeInto(form.shadowRoot!.querySelector('#email')!, 'anna@example.ch');
    await click(invoice);
    await until(() => !form.shadowRoot!.querySelector('#cardNumber'), 'the card field gone');

    const completed = oneEvent(el, 'tk-order-complete');
    await click(form.shadowRoot!.querySelector('[part="submit"]')!);
    const { detail } = await completed;
    expect(detail).to.include({ status: 'invoiced', paymentMethod: 'invoice', ticketCount: 1, total: 3500, currency: 'CHF' });
    const link = await until(() => deep<HTMLAnchorElement>(el, 'tk-order-confirmation', 'a[part="invoice-link"]'), 'the invoice link');
    expect(deep(el, 'tk-order-confirmation', '.number')!.textContent).to.equal(detail.orderNumber);
    expect(deepAll(el, ['tk-order-confirmation'], '[part="ticket"]')).to.have.length(0);
    const { api } = await testEnv();
    expect(link.href.startsWith(`${api}/api/shops/${demo.shopId}/orders/${detail.orderNumber}/invoice.pdf?secret=`)).to.equal(true);
    const pdf = await fetch(link.href);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 4))).to.equal('%PDF');
    expect(deep(el, '[part="steps"] [aria-current="step"]')!.textContent).to.equal('Order placed');
  });

  it('restores the cart after a reload within the hold, from sessionStorage', async () => {
    const { demo } = await testEnv();
    const first = await shop({ event: demo.concertEventId, performance: demo.concertPerformanceIds[1]!, lang: 'en' });
    const plus = await until(() => deep(first, 'tk-quantity-picker', '[part="stepper"] button:last-of-type'), 'the quantity stepper');
    await click(plus);
    await until(() => cartLines(first).length === 1, 'the cart line');
    const holdId = sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId));
    fixtureCleanup();

    const again = await shop({ event: demo.concertEventId, lang: 'en' });
    await until(() => cartLines(again).length === 1, 'the restored cart');
    expect(cartLines(again)[0]!.textContent).to.contain('1 × Plein tarif');
    expect(sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId))).to.equal(holdId);

    await click(deep(again, 'tk-cart', '.remove')!);
    await until(() => cartLines(again).length === 0, 'the emptied cart');
    expect(sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId))).to.equal(null);
  });

  it('opens the cart of a waiting-list offer from its e-mailed link (?hold=…) in a fresh tab', async () => {
    const { demo } = await testEnv();
    const { hold } = await gaHold([{ tariff: 0, quantity: 2 }]);
    const before = location.href;
    const link = new URL(before);
    link.searchParams.set('hold', hold.id);
    history.replaceState(null, '', link);
    try {
      const el = await shop({ lang: 'en' });
      await until(() => cartLines(el).length === 1, 'the offered cart');
      expect(cartLines(el)[0]!.textContent).to.contain('2 ×');
      expect(sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId))).to.equal(hold.id);
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('follows the e-mail\'s "leave the waiting list" link (?waitlist=…&token=…) and says what the API answered', async () => {
    const before = location.href;
    const link = new URL(before);
    link.searchParams.set('waitlist', 'wle_unknown00000');
    link.searchParams.set('token', 'a'.repeat(26));
    history.replaceState(null, '', link);
    try {
      const el = await shop({ lang: 'en' });
      await until(() => notice(el) !== '', 'the notice');
      expect(notice(el)).to.equal('This waiting-list entry no longer exists.');
      await until(() => deepAll(el, [], '[part="event-card"]').length === 3, 'the events, as usual');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  /** From the dates of the concert's second date to the checkout form, with one free ticket in the cart. */
  async function toCheckout(el: TicketShop) {
    const free = await until(() => deepAll(el, ['tk-quantity-picker'], '[part="stepper"] button:last-of-type')[2], 'the free tariff’s stepper');
    await click(free);
    await until(() => cartLines(el).length === 1, 'the cart line');
    await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
    const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
    return until(() => form.shadowRoot?.querySelector('#name') && form, 'the name field');
  }

  it('shows the last order again after a reload ("keep this page"), until the buyer starts another purchase', async () => {
    const { demo } = await testEnv();
    const el = await shop({ event: demo.concertEventId, performance: demo.concertPerformanceIds[1]!, lang: 'en' });
    const form = await toCheckout(el);
    await typeInto(form.shadowRoot!.querySelector('#name')!, 'Anna Muster');
    await typeInto(form.shadowRoot!.querySelector('#email')!, 'anna@example.ch');
    const completed = oneEvent(el, 'tk-order-complete');
    await click(form.shadowRoot!.querySelector('[part="submit"]')!);
    const { orderNumber } = (await completed).detail;
    await until(() => deep(el, 'tk-order-confirmation', '.number'), 'the confirmation');
    expect(sessionStorage.getItem(storageKey('order', demo.shopId, demo.concertEventId))).to.match(new RegExp(`^${orderNumber} \\S+$`));
    fixtureCleanup();

    const again = await shop({ event: demo.concertEventId, lang: 'en' });
    const number = await until(() => deep(again, 'tk-order-confirmation', '.number')?.textContent, 'the confirmation after the reload');
    expect(number).to.equal(orderNumber);
    expect(deepAll(again, ['tk-order-confirmation'], '[part="ticket"]')).to.have.length(1);
    expect(deep(again, 'h2')!.textContent).to.equal('Nuit du Jazz');

    // "Buy more tickets" starts afresh: the next reload shows the dates.
    await click(deep(again, 'tk-order-confirmation', '.again')!);
    await until(() => deep(again, 'tk-performance-picker'), 'the dates');
    expect(sessionStorage.getItem(storageKey('order', demo.shopId, demo.concertEventId))).to.equal(null);
    fixtureCleanup();
    const later = await shop({ event: demo.concertEventId, lang: 'en' });
    await until(() => deep(later, 'tk-performance-picker', 'button.performance'), 'the dates after another reload');
    expect(deep(later, 'tk-order-confirmation')).to.equal(null);
  });

  it('keeps the name and e-mail typed at checkout when the hold expires, for the next hold', async () => {
    const { demo } = await testEnv();
    const el = await shop({ event: demo.concertEventId, performance: demo.concertPerformanceIds[1]!, lang: 'en' });
    const form = await toCheckout(el);
    await typeInto(form.shadowRoot!.querySelector('#name')!, 'Anna Muster');
    await typeInto(form.shadowRoot!.querySelector('#email')!, 'anna@example.ch');

    const expired = oneEvent(el, 'tk-hold-expire');
    deep(el, 'tk-cart')!.dispatchEvent(new CustomEvent('tk-countdown-end', { detail: {}, bubbles: true, composed: true }));
    await expired;
    await until(() => !deep(el, 'tk-checkout-form') && notice(el).includes('Your reservation expired'), 'back to the tickets, with the notice');

    const next = await toCheckout(el);
    expect(next).to.not.equal(form);
    expect(next.shadowRoot!.querySelector<HTMLInputElement>('#name')!.value).to.equal('Anna Muster');
    expect(next.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value).to.equal('anna@example.ch');
  });

  it('empties the cart and says so when the hold is gone, by the clock or by the API', async () => {
    const { demo } = await testEnv();
    const el = await shop({ event: demo.concertEventId, performance: demo.concertPerformanceIds[1]!, lang: 'en' });
    const plus = await until(() => deep(el, 'tk-quantity-picker', '[part="stepper"] button:last-of-type'), 'the quantity stepper');
    await click(plus);
    await until(() => cartLines(el).length === 1, 'the cart line');

    // The API released the hold meanwhile (another tab, an organizer): the next change says so.
    const holdId = sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId))!;
    await (await realClient()).releaseHold(holdId);
    const lost = oneEvent(el, 'tk-hold-expire');
    await click(plus);
    expect((await lost).detail.performanceId).to.equal(demo.concertPerformanceIds[1]);
    await until(() => cartLines(el).length === 0, 'the emptied cart');
    expect(notice(el)).to.equal('Your reservation was released. Please choose again.');

    // The countdown reached zero.
    await click(deep(el, 'tk-quantity-picker', '[part="stepper"] button:last-of-type')!);
    await until(() => cartLines(el).length === 1, 'a new cart line');
    const expired = oneEvent(el, 'tk-hold-expire');
    deep(el, 'tk-cart')!.dispatchEvent(new CustomEvent('tk-countdown-end', { detail: {}, bubbles: true, composed: true }));
    await expired;
    await el.updateComplete;
    expect(notice(el)).to.contain('Your reservation expired');
    expect(sessionStorage.getItem(storageKey('hold', demo.shopId, demo.concertEventId))).to.equal(null);
  });

  it('switches language with its lang attribute, and otherwise follows the page', async () => {
    const { api, demo } = await testEnv();
    const el = await shop({ event: demo.theatreEventId, lang: 'fr' });
    const title = () => deep(el, 'tk-performance-picker', 'h3')?.textContent;
    expect(await until(() => title() === 'Choisissez une date' && title(), 'the French picker')).to.equal('Choisissez une date');
    el.lang = 'de';
    expect(await until(() => title() === 'Datum wählen' && title(), 'the German picker')).to.equal('Datum wählen');
    expect(deep(el, '[part="base"]')!.getAttribute('lang')).to.equal('de');

    const wrapper = await fixture<HTMLElement>(html`<section lang="it-CH"><ticket-shop shop=${demo.shopId} api=${api} event=${demo.theatreEventId}></ticket-shop></section>`);
    const inPage = wrapper.querySelector('ticket-shop')!;
    expect(await until(() => deep(inPage, 'tk-performance-picker', 'h3')?.textContent === 'Scegli una data', 'the Italian picker')).to.equal(true);
  });

  it('sells seats: a click on the seat list holds the seat, a seat someone else took is named, best available picks adjacent seats', async () => {
    const { demo } = await testEnv();
    const performanceId = demo.theatrePerformanceIds[0]!;
    const el = await shop({ event: demo.theatreEventId, performance: performanceId, lang: 'fr' });
    const map = await until(() => {
      const found = deep<HTMLElement & { geometry?: PlanGeometry; unavailable: ReadonlySet<number> }>(el, 'tk-seat-map');
      return found?.geometry && found.shadowRoot?.querySelector('button[aria-pressed]') ? found : null;
    }, 'the seat map');
    const geometry = map.geometry!;
    const label = (index: number) =>
      `${geometry.sections[geometry.seats.section[index]!]!.name}, rang ${geometry.seats.row[index]}, place ${geometry.seats.number[index]}`;

    await click(map.shadowRoot!.querySelector('button[aria-pressed]')!);
    const seatButton = await until(
      () => map.shadowRoot!.querySelector<HTMLButtonElement>('.list-seat[aria-disabled="false"][aria-pressed="false"]'),
      'a free seat in the list',
    );
    const index = Number(seatButton.dataset.seat);
    const created = oneEvent(el, 'tk-hold-create');
    await click(seatButton);
    await created;
    const line = await until(() => cartLines(el)[0], 'the seat in the cart');
    expect(line.textContent).to.contain(label(index));

    // Another buyer holds a seat an instant before this buyer clicks it (the map had not polled yet).
    const client = await realClient();
    const [taken] = await freeSeats(performanceId, 1, 300);
    const other = await client.createHold({ performanceId, seats: [{ seatId: taken! }] });
    try {
      map.dispatchEvent(new CustomEvent('tk-seat-toggle', { detail: { seatId: taken, selected: true }, bubbles: true, composed: true }));
      const takenIndex = geometry.seats.id.indexOf(taken!);
      expect(await until(() => notice(el).includes('vient d’être prise') && notice(el), 'the seats_taken notice')).to.equal(
        `Désolé, ${label(takenIndex)} vient d’être prise par quelqu’un d’autre.`,
      );
      await until(() => map.unavailable.has(taken!), 'the taken seat shown unavailable');
      expect(cartLines(el)).to.have.length(1);

      const form = deep(el, 'tk-best-available')!;
      const [zone, quantity] = [...form.shadowRoot!.querySelectorAll('select')];
      zone!.value = zone!.options[2]!.value;
      zone!.dispatchEvent(new Event('change'));
      quantity!.value = '3';
      quantity!.dispatchEvent(new Event('change'));
      const changed = oneEvent(el, 'tk-seats-change');
      await click(form.shadowRoot!.querySelector('[part="submit"]')!);
      const { detail } = (await changed) as CustomEvent<SeatsChangeDetail>;
      expect(detail.seatIds).to.have.length(3);
      await until(() => cartLines(el).length === 3, 'three best seats in the cart');
      const rows = detail.seatIds.map((id) => geometry.seats.row[geometry.seats.id.indexOf(id)]);
      expect(new Set(rows).size).to.equal(1);
    } finally {
      await client.releaseHold(other.id);
      const mine = sessionStorage.getItem(storageKey('hold', demo.shopId, demo.theatreEventId));
      if (mine) await client.releaseHold(mine);
    }
  });

  it('keeps its look under hostile page CSS', async () => {
    const { api, demo } = await testEnv();
    const style = document.createElement('style');
    style.textContent = `* { all: unset !important; font-size: 48px !important; color: #f0f !important; line-height: 4 !important; text-transform: uppercase !important; }
      div { display: none !important; } ticket-shop { display: inline !important; }`;
    document.head.appendChild(style);
    const el = document.createElement('ticket-shop');
    el.setAttribute('shop', demo.shopId);
    el.setAttribute('api', api);
    el.setAttribute('event', demo.theatreEventId);
    el.setAttribute('lang', 'en');
    document.body.appendChild(el);
    try {
      const heading = await until(() => deep(el, 'h2'), 'the event title');
      const button = await until(() => deep(el, 'tk-performance-picker', 'button.performance'), 'a date');
      expect(getComputedStyle(el).display).to.equal('block');
      expect(getComputedStyle(heading).color).to.not.equal('rgb(255, 0, 255)');
      expect(getComputedStyle(heading).textTransform).to.equal('none');
      expect(parseFloat(getComputedStyle(button).fontSize)).to.equal(16);
      expect(getComputedStyle(button).display).to.equal('grid');
    } finally {
      el.remove();
      style.remove();
    }
  });

  it('has no accessibility violations while choosing a date and while choosing tickets', async () => {
    const { demo } = await testEnv();
    const el = await shop({ event: demo.concertEventId, lang: 'en' });
    await until(() => deep(el, 'tk-performance-picker', 'button.performance'), 'the dates');
    await expect(el).to.be.accessible();
    await click(deep(el, 'tk-performance-picker', 'button.performance')!);
    await until(() => deep(el, 'tk-quantity-picker', '[part="stepper"]') && deep(el, 'tk-cart', '[part="cart"]'), 'the tickets step');
    await expect(el).to.be.accessible();
  });
});
