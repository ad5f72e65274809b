import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { normalizeCode } from '../../../contract/code-format.js';
import { loadTranslation } from '../i18n/localize.js';
import { gaHold, realClient, testEnv } from '../testing/real-api.js';
import '../ticket-shop/ticket-shop.js';
import type { TicketShop } from '../ticket-shop/ticket-shop.js';
import './gift-shop.js';
import { click, text, typeInto, until } from '../testing/dom.js';

async function giftShop(lang: string) {
  const { api, demo } = await testEnv();
  if (lang !== 'en') await loadTranslation(lang as 'fr');
  const el = await fixture<TicketShop>(html`<ticket-shop shop=${demo.shopId} api=${api} lang=${lang} gifts></ticket-shop>`);
  const gifts = await until(() => el.shadowRoot?.querySelector('tk-gift-shop'), 'the gift shop');
  const root = await until(() => gifts.shadowRoot?.querySelector('form') && gifts.shadowRoot, 'the gift form');
  return { el, root };
}

const option = (root: ShadowRoot, label: string) => [...root.querySelectorAll('label.option')].find((o) => text(o).includes(label))!.querySelector('input')!;

afterEach(() => fixtureCleanup());

describe('<ticket-shop gifts> (<tk-gift-shop>, real API)', function () {
  this.timeout(40_000);

  it('sells a gift voucher by card, shows its code, and the code then pays tickets (English)', async () => {
    const { root } = await giftShop('en');
    expect(text(root.querySelector('h3'))).to.equal('Gift vouchers and passes');
    await click(root.querySelector('button.btn-primary')!);
    expect(await until(() => text(root.querySelector('#choice-error')), 'the missing choice')).to.equal('Choose a gift voucher or a pass.');

    await click(option(root, 'Gift voucher · CHF 50.00'));
    await typeInto(root.querySelector('#forName')!, 'Marc');
    await typeInto(root.querySelector('#name')!, 'Ana Muster');
    await typeInto(root.querySelector('#email')!, 'ana@example.ch');
    await click(root.querySelector('button.btn-primary')!);
    expect(await until(() => text(root.querySelector('#cardNumber-error')), 'the missing card')).to.equal('Please enter the 16 digits of the card number.');
    expect(text(root.querySelector('button.btn-primary'))).to.equal('Pay CHF 50.00');
    await typeInto(root.querySelector('#cardNumber')!, '4242 4242 4242 4242');
    await click(root.querySelector('button.btn-primary')!);

    const code = text(await until(() => root.querySelector('[part="gift-code"]'), 'the code bought'));
    expect(code).to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    expect(text(root.querySelector('#bought'))).to.equal('Thank you! Here is your code.');

    const { hold } = await gaHold([{ tariff: 0, quantity: 1 }]);
    const client = await realClient();
    try {
      const priced = await client.applyCode(hold.id, code);
      expect(priced.vouchers[0]).to.include({ code: normalizeCode(code), amount: priced.total });
      expect(priced.vouchers[0]!.balanceAfter).to.equal(5000 - priced.total);
    } finally {
      await client.releaseHold(hold.id);
    }
  });

  it('speaks of the code on a voucher form, of years in the plural, and has a pay button that reads alone (German)', async () => {
    const { root } = await giftShop('de');
    expect(text(root.querySelector('.group .hint'))).to.contain('2 Jahre lang.');
    expect(text(root.querySelector('#email-hint'))).to.equal('Wir senden Ihnen den Code an diese Adresse.');
    expect(text(root.querySelector('button.btn-primary'))).to.equal('Bezahlen');
    await click(option(root, 'Geschenkgutschein · CHF 50.00'));
    expect(text(root.querySelector('button.btn-primary'))).to.equal('CHF 50.00 bezahlen');
  });

  it('sells a pass after a declined card, and refuses an amount out of range (French)', async () => {
    const { root } = await giftShop('fr');
    expect(text(root.querySelector('.group .hint'))).to.contain('pendant 2 ans.');
    await click(option(root, 'Autre montant'));
    await typeInto(await until(() => root.querySelector<HTMLInputElement>('#other'), 'the amount field'), '5');
    await click(root.querySelector('button.btn-primary')!);
    expect(await until(() => text(root.querySelector('#other-error')), 'the amount refused')).to.equal('Veuillez saisir un montant de 10.00 CHF à 500.00 CHF.');

    await click(option(root, 'Pass Molière'));
    await typeInto(root.querySelector('#forName')!, 'Léa Abonnée');
    await typeInto(root.querySelector('#name')!, 'Léa Abonnée');
    await typeInto(root.querySelector('#email')!, 'lea@example.ch');
    await typeInto(root.querySelector('#cardNumber')!, '4000 0000 0000 0002');
    await click(root.querySelector('button.btn-primary')!);
    expect(await until(() => text(root.querySelector('[role="alert"]')), 'the decline')).to.contain('Votre carte a été refusée.');
    await until(() => !root.querySelector<HTMLButtonElement>('button.btn-primary')!.disabled, 'the form ready again');
    await typeInto(root.querySelector('#cardNumber')!, '4242 4242 4242 4242');
    await click(root.querySelector('button.btn-primary')!);
    await until(() => root.querySelector('[part="gift-code"]'), 'the pass code');
    expect(text(root.querySelector('#bought'))).to.equal('Merci ! Voici votre code.');
    expect(text(root.querySelector('.bought'))).to.contain('Pass Molière');
    await expect(root.host).to.be.accessible();
  });
});
