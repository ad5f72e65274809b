import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { EventInfo, PerformanceSummary } from '../api/types.js';
import { loadTranslation } from '../i18n/localize.js';
import { realClient, testEnv } from '../testing/real-api.js';
import './performance-picker.js';
import type { TkPerformancePicker } from './performance-picker.js';

async function theatre(): Promise<EventInfo> {
  const { demo } = await testEnv();
  return (await realClient()).event(demo.theatreEventId);
}

const buttons = (el: TkPerformancePicker) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.performance')];

describe('tk-performance-picker', () => {
  it('lists the dates of a real event with their time and lets the buyer pick one with the keyboard', async () => {
    const event = await theatre();
    const el = await fixture<TkPerformancePicker>(
      html`<tk-performance-picker .performances=${event.performances} locale="en" time-zone="Europe/Zurich"></tk-performance-picker>`,
    );
    expect(buttons(el)).to.have.length(5);
    expect(buttons(el)[0]!.textContent).to.contain('Available');
    expect(buttons(el)[0]!.textContent).to.match(/Doors \d{2}:\d{2}/);

    buttons(el)[1]!.focus();
    const chosen = oneEvent(el, 'tk-performance-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await chosen;
    expect(detail).to.deep.equal({ eventId: event.id, performanceId: event.performances[1]!.id, startsAt: event.performances[1]!.startsAt, seating: 'seated' });
  });

  it('shows sold-out and closed dates but does not let the buyer choose them', async () => {
    const event = await theatre();
    const closed: PerformanceSummary = { ...event.performances[2]!, onSale: false, salesClosedReason: 'sales_ended' };
    const performances = [event.performances[0]!, event.performances[1]!, closed];
    const el = await fixture<TkPerformancePicker>(
      html`<tk-performance-picker .performances=${performances} .scarcity=${{ [event.performances[1]!.id]: 'sold_out' }} locale="fr"></tk-performance-picker>`,
    );
    await loadTranslation('fr');
    await el.updateComplete;
    const [open, soldOut, ended] = buttons(el);
    expect(open!.disabled).to.equal(false);
    expect(soldOut!.disabled).to.equal(true);
    expect(soldOut!.textContent).to.contain('Complet');
    expect(ended!.disabled).to.equal(true);
    expect(ended!.textContent).to.contain('Vente terminée');
  });

  it('offers a month calendar for many dates, in which a day with one date chooses it', async () => {
    const event = await theatre();
    const el = await fixture<TkPerformancePicker>(
      html`<tk-performance-picker .performances=${event.performances} locale="de" time-zone="Europe/Zurich"></tk-performance-picker>`,
    );
    await loadTranslation('de');
    await el.updateComplete;
    const toggle = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="view-toggle"] button')];
    expect(toggle.map((b) => b.textContent!.trim())).to.deep.equal(['Liste', 'Kalender']);
    toggle[1]!.click();
    await el.updateComplete;
    const calendar = el.shadowRoot!.querySelector('[part="calendar"]')!;
    expect(calendar.querySelectorAll('th')).to.have.length(7);
    const days = [...calendar.querySelectorAll<HTMLButtonElement>('td button')];
    expect(days.length).to.be.greaterThan(0);
    const chosen = oneEvent(el, 'tk-performance-select');
    days[0]!.click();
    expect((await chosen).detail.performanceId).to.equal(event.performances[0]!.id);
  });

  it('has no accessibility violations, as a list and as a calendar', async () => {
    const event = await theatre();
    const el = await fixture<TkPerformancePicker>(html`<tk-performance-picker .performances=${event.performances} locale="en"></tk-performance-picker>`);
    await expect(el).to.be.accessible();
    el.view = 'calendar';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
