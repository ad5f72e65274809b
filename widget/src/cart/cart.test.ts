import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { HoldView, PerformanceDetail } from '../api/types.js';
import { loadTranslation } from '../i18n/localize.js';
import { freeSeats, gaHold, realClient, testEnv } from '../testing/real-api.js';
import './cart.js';
import type { TkCart } from './cart.js';

async function click(element: Element) {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** A real hold of two theatre seats (released after the test). */
async function seatedHold(): Promise<{ hold: HoldView; performance: PerformanceDetail; release: () => Promise<unknown> }> {
  const { demo } = await testEnv();
  const client = await realClient();
  const performanceId = demo.theatrePerformanceIds[3]!;
  const seats = await freeSeats(performanceId, 2, 100);
  const [hold, performance] = await Promise.all([client.createHold({ performanceId, seats: seats.map((seatId) => ({ seatId })) }), client.performance(performanceId)]);
  return { hold, performance, release: () => client.releaseHold(hold.id) };
}

const inSeconds = (seconds: number) => Date.now() + seconds * 1000;

describe('tk-cart', () => {
  it('lists the priced lines of a real hold, its total and the time left', async () => {
    const { hold, performance } = await gaHold([
      { tariff: 0, quantity: 2 },
      { tariff: 1, quantity: 1 },
    ]);
    try {
      const el = await fixture<TkCart>(
        html`<tk-cart .hold=${hold} .tariffs=${performance.tariffs} .expiresAt=${inSeconds(hold.secondsLeft)} .maxExpiresAt=${inSeconds(1800)} locale="en"></tk-cart>`,
      );
      const lines = [...el.shadowRoot!.querySelectorAll('[part="line"]')].map((line) => line.textContent!.replace(/\s+/g, ' ').trim());
      expect(lines[0]).to.match(/^2 × Plein tarif CHF\s70\.00/);
      expect(lines[1]).to.match(/^1 × Étudiant CHF\s25\.00/);
      expect(el.shadowRoot!.querySelector('dd.total')!.textContent).to.match(/CHF\s95\.00/);
      expect(el.shadowRoot!.querySelector('[role="timer"]')!.textContent).to.match(/^\d{1,2}:\d{2}$/);
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    } finally {
      await (await realClient()).releaseHold(hold.id);
    }
  });

  it('warns in the last minute and offers more time', async () => {
    const { hold, performance } = await gaHold([{ tariff: 0, quantity: 1 }]);
    try {
      const el = await fixture<TkCart>(html`<tk-cart .hold=${hold} .tariffs=${performance.tariffs} .expiresAt=${inSeconds(45)} .maxExpiresAt=${inSeconds(1500)} locale="fr"></tk-cart>`);
      await loadTranslation('fr');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="countdown"]')!.classList.contains('warning')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Moins d’une minute');
      const extend = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="extend-button"]')!;
      expect(extend.textContent!.trim()).to.equal('Plus de temps');
      const asked = oneEvent(el, 'tk-hold-extend');
      await click(extend);
      await asked;
    } finally {
      await (await realClient()).releaseHold(hold.id);
    }
  });

  it('cannot extend past the hold’s cap', async () => {
    const { hold, performance } = await gaHold([{ tariff: 0, quantity: 1 }]);
    try {
      const el = await fixture<TkCart>(html`<tk-cart .hold=${hold} .tariffs=${performance.tariffs} .expiresAt=${inSeconds(300)} .maxExpiresAt=${inSeconds(300)}></tk-cart>`);
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="extend-button"]')!.disabled).to.equal(true);
    } finally {
      await (await realClient()).releaseHold(hold.id);
    }
  });

  it('says once when the time is up', async () => {
    const { hold, performance } = await gaHold([{ tariff: 1, quantity: 1 }]);
    try {
      const el = await fixture<TkCart>(html`<tk-cart .hold=${hold} .tariffs=${performance.tariffs} .expiresAt=${inSeconds(1)} .maxExpiresAt=${inSeconds(600)}></tk-cart>`);
      await oneEvent(el, 'tk-countdown-end');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="timer"]')!.textContent).to.equal('0:00');
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="checkout-button"]')!.disabled).to.equal(true);
    } finally {
      await (await realClient()).releaseHold(hold.id);
    }
  });

  it('lets the buyer choose a tariff per seat and remove a seat', async () => {
    const { hold, performance, release } = await seatedHold();
    try {
      const labels = new Map(hold.seats.map((seat, i) => [seat.seatId, `Seat ${i + 1}`]));
      const el = await fixture<TkCart>(
        html`<tk-cart
          .hold=${hold}
          .tariffs=${performance.tariffs}
          .expiresAt=${inSeconds(600)}
          .maxExpiresAt=${inSeconds(1800)}
          .seatLabel=${(seat: HoldView['seats'][number]) => labels.get(seat.seatId)!}
        ></tk-cart>`,
      );
      const select = el.shadowRoot!.querySelector('select')!;
      expect(select.getAttribute('aria-label')).to.equal('Price for Seat 1');
      expect(select.options).to.have.length(3);
      const changed = oneEvent(el, 'tk-seat-tariff-change');
      select.value = select.options[2]!.value;
      select.dispatchEvent(new Event('change'));
      expect((await changed).detail).to.deep.equal({ seatId: hold.seats[0]!.seatId, tariffId: select.options[2]!.value });

      const remove = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.remove')[1]!;
      expect(remove.getAttribute('aria-label')).to.equal('Remove Seat 2');
      const removed = oneEvent(el, 'tk-seat-remove');
      await click(remove);
      expect((await removed).detail).to.deep.equal({ seatId: hold.seats[1]!.seatId });
      await expect(el).to.be.accessible();
    } finally {
      await release();
    }
  });

  it('shows an empty cart, and has no accessibility violations with a warning either', async () => {
    const empty = await fixture<TkCart>(html`<tk-cart></tk-cart>`);
    expect(empty.shadowRoot!.textContent).to.contain('Nothing here yet');
    await expect(empty).to.be.accessible();
    const { hold, performance } = await gaHold([{ tariff: 0, quantity: 1 }]);
    try {
      const el = await fixture<TkCart>(html`<tk-cart .hold=${hold} .tariffs=${performance.tariffs} .expiresAt=${inSeconds(30)} .maxExpiresAt=${inSeconds(900)}></tk-cart>`);
      await expect(el).to.be.accessible();
    } finally {
      await (await realClient()).releaseHold(hold.id);
    }
  });
});
