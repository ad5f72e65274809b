import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../ticket-shop/ticket-shop.js';
import type { TicketShop } from '../ticket-shop/ticket-shop.js';
import { click, deep, deepAll, text, typeInto, until } from '../testing/dom.js';
import { gaHold, organizer, realClient, testEnv } from '../testing/real-api.js';

/**
 * The waiting list of a sold-out date in <ticket-shop>, against the real API: the concert's
 * second date is made sold out (its capacity lowered to what is taken) and its list turned on
 * or off by the organizer, and both are put back afterwards for the other test files.
 */
describe('<ticket-shop> waiting list of a sold-out date', function () {
  this.timeout(40_000);
  let performanceId = '';
  let capacity = 0;
  let holdId = '';

  const list = (enabled: boolean) => organizer('PATCH', `/api/org/performances/${performanceId}/waiting-list`, { enabled });
  const form = (el: TicketShop) => el.shadowRoot!.querySelector('tk-waiting-list-join')?.shadowRoot ?? null;

  async function shop(lang: string, event = true): Promise<TicketShop> {
    const { api, demo } = await testEnv();
    return fixture<TicketShop>(
      html`<ticket-shop shop=${demo.shopId} api=${api} event=${demo.concertEventId} performance=${event ? performanceId : ''} lang=${lang}></ticket-shop>`,
    );
  }

  /** The join form, opened with its button (by keyboard). */
  async function openForm(el: TicketShop): Promise<ShadowRoot> {
    const open = await until(() => form(el)?.querySelector<HTMLButtonElement>('[part="open"]'), 'the waiting-list button');
    open.focus();
    await sendKeys({ press: 'Enter' });
    const root = form(el)!;
    await until(() => root.activeElement?.id === 'wl-name', 'focus in the name field');
    return root;
  }

  before(async () => {
    const { demo } = await testEnv();
    performanceId = demo.concertPerformanceIds[1]!;
    // One ticket taken, so that a capacity of what is taken is at least one.
    holdId = (await gaHold([{ tariff: 0, quantity: 1 }])).hold.id;
    const availability = await (await realClient()).availability(performanceId);
    if (availability?.seating !== 'general_admission') throw new Error('the concert is general admission');
    capacity = availability.capacity;
    const soldOut = await organizer('PATCH', `/api/org/performances/${performanceId}`, { capacity: availability.capacity - availability.remaining });
    expect(soldOut.status, JSON.stringify(soldOut.body)).to.equal(200);
  });

  after(async () => {
    await list(false);
    await organizer('PATCH', `/api/org/performances/${performanceId}`, { capacity });
    await (await realClient()).releaseHold(holdId).catch(() => undefined);
    await setViewport({ width: 800, height: 600 });
  });

  afterEach(() => fixtureCleanup());

  it('does not offer the list while the organizer has it off', async () => {
    expect((await list(false)).status).to.equal(200);
    const el = await shop('en');
    await until(() => text(deep(el, 'tk-quantity-picker', '.note')).includes('0 places left'), 'the sold-out date');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('tk-waiting-list-join')).to.equal(null);
  });

  it('lets a buyer join by keyboard, tied errors first, then says where the e-mail goes', async () => {
    expect((await list(true)).status).to.equal(200);
    const el = await shop('en');
    const root = await openForm(el);
    expect(text(root.querySelector('label[for="wl-name"]'))).to.equal('Full name');
    expect(text(root.querySelector('label[for="wl-email"]'))).to.equal('E-mail');
    expect(text(root.querySelector('label[for="wl-quantity"]'))).to.equal('Number of tickets');
    // The shop's limit per order is the most one can wait for.
    expect([...root.querySelectorAll('#wl-quantity option')].map((o) => o.textContent)).to.have.length(10);

    await click(root.querySelector('[part="submit"]')!);
    const name = root.querySelector<HTMLInputElement>('#wl-name')!;
    await until(() => name.getAttribute('aria-invalid') === 'true', 'the name marked');
    expect(name.getAttribute('aria-describedby')).to.equal('wl-name-error');
    expect(text(root.querySelector('#wl-name-error'))).to.equal('Please enter your name.');
    expect(root.activeElement).to.equal(name);

    await typeInto(name, 'Ana Wait');
    await typeInto(root.querySelector('#wl-email')!, 'ana.wait@example.ch');
    root.querySelector('select')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(root.querySelector('select')!.value).to.equal('2');
    root.querySelector<HTMLButtonElement>('[part="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });

    const confirmation = await until(() => root.querySelector('[part="confirmation"]'), 'the confirmation');
    expect(text(confirmation)).to.contain(
      "You are on the waiting list. We'll e-mail you at ana.wait@example.ch when seats come back; the e-mail has a link to leave the list.",
    );
    expect(text(confirmation)).to.contain('You are first in line.');
    expect(root.activeElement).to.equal(confirmation);

    const entries = (await organizer('GET', `/api/org/performances/${performanceId}/waiting-list`)).body!.entries as { email: string; quantity: number; language: string }[];
    expect(entries.find((e) => e.email === 'ana.wait@example.ch')).to.include({ quantity: 2, language: 'en' });
  });

  it('says in French that the address is already on the list, tied to no field', async () => {
    expect((await list(true)).status).to.equal(200);
    const el = await shop('fr');
    const root = await openForm(el);
    expect(text(root.querySelector('h3'))).to.equal('Complet');
    await typeInto(root.querySelector('#wl-name')!, 'Ana Wait');
    await typeInto(root.querySelector('#wl-email')!, 'ana.wait@example.ch');
    await click(root.querySelector('[part="submit"]')!);
    const alert = await until(() => root.querySelector('[role="alert"]'), 'the refusal');
    expect(text(alert)).to.equal('Vous êtes déjà sur la liste d’attente pour cette date.');
    expect(root.querySelector('[part="confirmation"]')).to.equal(null);
  });

  it('still offers the list when a place comes back while people wait (the API keeps it for the line)', async () => {
    expect((await list(true)).status).to.equal(200);
    const availability = await (await realClient()).availability(performanceId);
    if (availability?.seating !== 'general_admission') throw new Error('general admission');
    // One place back; Ana (from the test above) waits for it, so the public sees none.
    expect((await organizer('PATCH', `/api/org/performances/${performanceId}`, { capacity: availability.capacity + 1 })).status).to.equal(200);
    try {
      const after = await (await realClient()).availability(performanceId);
      expect(after).to.include({ capacity: availability.capacity + 1, remaining: 0 });
      const el = await shop('en');
      await until(() => form(el)?.querySelector('[part="open"]'), 'the waiting-list button');
      expect(text(deep(el, 'tk-quantity-picker', '.note'))).to.contain('0 places left');
    } finally {
      await organizer('PATCH', `/api/org/performances/${performanceId}`, { capacity: availability.capacity });
    }
  });

  it('keeps a sold-out date with its list on open in the dates, and fits a phone', async () => {
    expect((await list(true)).status).to.equal(200);
    await setViewport({ width: 360, height: 740 });
    const el = await shop('en', false);
    const date = await until(
      () => deepAll(el, ['tk-performance-picker'], 'button.performance').find((b) => b.textContent!.includes('Sold out')),
      'the sold-out date',
    );
    expect((date as HTMLButtonElement).disabled).to.equal(false);
    await click(date);
    const root = await openForm(el);
    const section = root.querySelector<HTMLElement>('[part="waiting-list"]')!;
    expect(section.scrollWidth).to.be.at.most(section.clientWidth);
    expect(section.getBoundingClientRect().right).to.be.at.most(360);
    await expect(el.shadowRoot!.querySelector('tk-waiting-list-join')).to.be.accessible();
  });
});
