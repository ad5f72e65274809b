import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { loadTranslation } from '../i18n/localize.js';
import { concert } from '../testing/real-api.js';
import './quantity-picker.js';
import type { TkQuantityPicker } from './quantity-picker.js';

async function click(element: Element) {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const steppers = (el: TkQuantityPicker) => [...el.shadowRoot!.querySelectorAll('[part="stepper"]')];

describe('tk-quantity-picker', () => {
  it('shows the real tariffs of a general-admission date with prices, and asks for one more ticket on +', async () => {
    const { performance } = await concert();
    const el = await fixture<TkQuantityPicker>(
      html`<tk-quantity-picker .tariffs=${performance.tariffs} currency="CHF" locale="en" max="10"></tk-quantity-picker>`,
    );
    const rows = [...el.shadowRoot!.querySelectorAll('[part="tariff"]')];
    expect(rows.map((row) => row.querySelector('strong')!.textContent)).to.deep.equal(performance.tariffs.map((t) => t.name));
    expect(rows[0]!.textContent).to.match(/CHF\s35\.00/);
    expect(rows[2]!.textContent).to.contain('Free');

    const more = steppers(el)[0]!.querySelector<HTMLButtonElement>('button:last-of-type')!;
    expect(more.getAttribute('aria-label')).to.equal(`Add one ticket: ${performance.tariffs[0]!.name}`);
    const asked = oneEvent(el, 'tk-quantity-change');
    await click(more);
    expect((await asked).detail).to.deep.equal({ tariffId: performance.tariffs[0]!.id, quantity: 1 });
  });

  it('stops at the order limit and at what is left, and cannot go below zero', async () => {
    const { performance } = await concert();
    const [a, b] = performance.tariffs;
    const el = await fixture<TkQuantityPicker>(
      html`<tk-quantity-picker .tariffs=${performance.tariffs} .quantities=${{ [a!.id]: 2, [b!.id]: 1 }} max="3"></tk-quantity-picker>`,
    );
    const plus = steppers(el).map((s) => s.querySelector<HTMLButtonElement>('button:last-of-type')!);
    const minus = steppers(el).map((s) => s.querySelector<HTMLButtonElement>('button:first-of-type')!);
    expect(plus.every((button) => button.disabled)).to.equal(true);
    expect(minus.map((button) => button.disabled)).to.deep.equal([false, false, true]);

    el.max = 10;
    el.remaining = 1;
    await el.updateComplete;
    expect(plus.every((button) => !button.disabled)).to.equal(true);
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.contain('1 place left');
    el.remaining = 0;
    await el.updateComplete;
    expect(plus.every((button) => button.disabled)).to.equal(true);
  });

  it('speaks German and Italian', async () => {
    const { performance } = await concert();
    await Promise.all([loadTranslation('de'), loadTranslation('it')]);
    const el = await fixture<TkQuantityPicker>(html`<tk-quantity-picker .tariffs=${performance.tariffs} locale="de"></tk-quantity-picker>`);
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('Tickets wählen');
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-label')).to.equal(`Tickets: ${performance.tariffs[0]!.name}`);
    el.locale = 'it';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('Scegli i tuoi biglietti');
  });

  it('has no accessibility violations', async () => {
    const { performance } = await concert();
    const el = await fixture<TkQuantityPicker>(html`<tk-quantity-picker .tariffs=${performance.tariffs} .quantities=${{ [performance.tariffs[0]!.id]: 1 }}></tk-quantity-picker>`);
    await expect(el).to.be.accessible();
  });
});
