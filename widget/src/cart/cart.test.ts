import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { HoldView, PerformanceDetail } from '../api/types.js';
import { formatMoney, loadTranslation } from '../i18n/localize.js';
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

  it('shows a code’s discount once: in the totals, under the code (the code’s own line only names it)', async () => {
    const { hold, performance, release } = await seatedHold();
    try {
      const priced = await (await realClient()).applyCode(hold.id, 'BIENVENUE');
      const el = await fixture<TkCart>(html`<tk-cart .hold=${priced} .tariffs=${performance.tariffs} .expiresAt=${inSeconds(600)} .maxExpiresAt=${inSeconds(1800)} locale="en"></tk-cart>`);
      const entry = el.shadowRoot!.querySelector('tk-code-entry')!;
      await entry.updateComplete;
      const amount = formatMoney(priced.discount!, 'CHF', 'en');
      const shown = (root: ShadowRoot) => root.textContent!.split(amount).length - 1;
      expect(priced.discount).to.be.greaterThan(0);
      expect(shown(el.shadowRoot!) + shown(entry.shadowRoot!), 'the discount, once').to.equal(1);
      expect(el.shadowRoot!.querySelector('dt[part="code-line"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Discount · BIENVENUE');
      expect(el.shadowRoot!.querySelector('dd.code-line')!.textContent).to.equal(`−\u00a0${amount}`);
      expect(entry.shadowRoot!.querySelector('[part="code"]')!.textContent).to.contain('BIENVENUE');
      expect(el.shadowRoot!.querySelectorAll('.lines [part="code-line"]'), 'no line of its own').to.have.length(0);
    } finally {
      await release();
    }
  });

  it('fits a phone (316 px, its width on a 390 px screen): each tariff in full in its select, and "More time" on one line', async () => {
    const { hold, performance, release } = await seatedHold();
    try {
      await loadTranslation('fr');
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 316px"><tk-cart .hold=${hold} .tariffs=${performance.tariffs} .expiresAt=${inSeconds(600)} .maxExpiresAt=${inSeconds(1800)} locale="fr"></tk-cart></div>`,
      );
      const el = wrapper.querySelector('tk-cart')!;
      await el.updateComplete;
      const select = el.shadowRoot!.querySelector('select')!;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(el.shadowRoot!.querySelector<HTMLElement>('select')!).font;
      const longest = Math.max(...[...select.options].map((option) => ctx.measureText(option.text).width));
      expect(select.getBoundingClientRect().width, 'no option cut').to.be.greaterThan(longest + 20);
      const extend = el.shadowRoot!.querySelector<HTMLElement>('[part="extend-button"]')!;
      expect(extend.textContent!.trim()).to.equal('Plus de temps');
      expect(extend.getBoundingClientRect().height, 'one line').to.be.below(40);
      const timer = el.shadowRoot!.querySelector<HTMLElement>('[part="countdown"]')!.getBoundingClientRect();
      expect(extend.getBoundingClientRect().top, 'beside the time').to.be.below(timer.top + 20);
      expect(el.getBoundingClientRect().width).to.equal(316);
    } finally {
      await release();
    }
  });

  it('keeps focus where the buyer goes on: the select after its change, "More time" (the countdown at the cap), the next line’s "Remove", the heading of an emptied cart', async () => {
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
      const root = el.shadowRoot!;
      const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      /** What the host does around a change: the cart is busy (its controls disabled) until the API answers. */
      const answer = async (change: () => void) => {
        el.busy = true;
        await el.updateComplete;
        await frames();
        el.busy = false;
        change();
        await el.updateComplete;
      };

      const select = root.querySelector('select')!;
      select.focus();
      await answer(() => undefined);
      expect(root.activeElement, 'the select, enabled again').to.equal(select);

      const extend = root.querySelector<HTMLButtonElement>('[part="extend-button"]')!;
      extend.focus();
      extend.click();
      await answer(() => (el.expiresAt = el.maxExpiresAt));
      expect(extend.disabled).to.equal(true);
      expect(root.activeElement, 'the countdown, once no more time can be given').to.equal(root.querySelector('[part="countdown"]'));

      const first = root.querySelector<HTMLButtonElement>('.lines .remove')!;
      first.focus();
      first.click();
      await answer(() => (el.hold = { ...hold, seats: hold.seats.slice(1), ticketCount: 1 }));
      expect(root.activeElement?.getAttribute('aria-label')).to.equal('Remove Seat 2');

      (root.activeElement as HTMLElement).click();
      await answer(() => (el.hold = null));
      expect(root.activeElement).to.equal(root.querySelector('h3'));
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
