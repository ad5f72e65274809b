import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { loadTranslation } from '../i18n/localize.js';
import { realClient, testEnv } from '../testing/real-api.js';
import './best-available.js';
import type { TkBestAvailable } from './best-available.js';

describe('tk-best-available', () => {
  it('asks for N seats in a price category of a real plan, with the keyboard', async () => {
    const { demo } = await testEnv();
    const performance = await (await realClient()).performance(demo.theatrePerformanceIds[0]!);
    await loadTranslation('fr');
    const el = await fixture<TkBestAvailable>(
      html`<tk-best-available .zones=${performance.zones} .prices=${{ [performance.zones[1]!.id]: 'CHF 25.00' }} max="4" locale="fr"></tk-best-available>`,
    );
    const [zone, quantity] = [...el.shadowRoot!.querySelectorAll('select')];
    expect([...zone!.options].map((o) => o.textContent)).to.deep.equal(performance.zones.map((z, i) => (i === 1 ? `${z.name} · dès CHF 25.00` : z.name)));
    expect(quantity!.options).to.have.length(4);
    zone!.focus();
    await sendKeys({ press: 'ArrowDown' });
    quantity!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    const asked = oneEvent(el, 'tk-best-available');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect((await asked).detail).to.deep.equal({ zoneId: performance.zones[1]!.id, quantity: 4 });
    await expect(el).to.be.accessible();
  });

  it('shows a running search and cannot be sent twice', async () => {
    const el = await fixture<TkBestAvailable>(html`<tk-best-available .zones=${[{ id: 'zon_a1b2c3d4', code: 'C1', name: 'Catégorie 1', color: '#c0392b' }]} busy></tk-best-available>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!;
    expect(button.disabled).to.equal(true);
    expect(button.textContent!.trim()).to.equal('Finding seats…');
  });
});
