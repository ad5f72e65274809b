import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ShopApiError } from '../api/client.js';
import { errorMessage, formatMoney, loadErrorTexts, loadTranslation, translation } from '../i18n/localize.js';
import { freeSeats, gaHold, realClient, testEnv } from '../testing/real-api.js';
import { keep } from '../ticket-shop/purchase-storage.js';
import '../ticket-shop/ticket-shop.js';
import type { TicketShop } from '../ticket-shop/ticket-shop.js';
import './code-entry.js';
import type { TkCodeEntry } from './code-entry.js';
import { click, deep, text, typeInto, until } from '../testing/dom.js';

/**
 * A `<ticket-shop>` reopening a real hold of `seats` theatre seats (the way a reload does, from
 * sessionStorage), so each test starts at the cart of a seated performance.
 */
async function shopWithTheatreSeats(performanceIndex: number, seats: number, skip: number, lang: string) {
  const { api, demo } = await testEnv();
  const client = await realClient();
  const performanceId = demo.theatrePerformanceIds[performanceIndex]!;
  const seatIds = await freeSeats(performanceId, seats, skip);
  const hold = await client.createHold({ performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
  keep('hold', demo.shopId, demo.theatreEventId, hold.id);
  if (lang !== 'en') await loadTranslation(lang as 'fr');
  const el = await fixture<TicketShop>(html`<ticket-shop shop=${demo.shopId} api=${api} event=${demo.theatreEventId} lang=${lang}></ticket-shop>`);
  await until(() => deep(el, 'tk-cart', 'tk-code-entry', '#code'), 'the code field');
  return { el, hold, client };
}

/** Types a code into the cart's field and submits it with Enter, as a buyer does. */
async function enterCode(el: TicketShop, code: string) {
  const input = deep<HTMLInputElement>(el, 'tk-cart', 'tk-code-entry', '#code')!;
  await typeInto(input, code);
  await sendKeys({ press: 'Enter' });
}

const entry = (el: TicketShop) => deep<TkCodeEntry>(el, 'tk-cart', 'tk-code-entry')!;
const codeError = (el: TicketShop) => text(deep(el, 'tk-cart', 'tk-code-entry', '[part="code-error"]'));
const codeRows = (el: TicketShop) => [...(entry(el).shadowRoot?.querySelectorAll('[part="code"]') ?? [])].map(text);
const codeLines = (el: TicketShop) => [...(deep(el, 'tk-cart')!.shadowRoot!.querySelectorAll('[part="code-line"]') ?? [])].map(text);
const settled = (el: TicketShop) => until(() => !entry(el).busy && deep<HTMLButtonElement>(el, 'tk-cart', 'tk-code-entry', '[part="code-button"]')?.disabled === false, 'the code field ready');

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
});

describe('codes in the cart (<tk-code-entry> in <ticket-shop>, real API)', function () {
  this.timeout(45_000);

  it('applies a promo code with Enter, says what it did, refuses a second promo and an unknown code, and removes it (English)', async () => {
    const { el, hold, client } = await shopWithTheatreSeats(2, 2, 40, 'en');
    try {
      const applied = oneEvent(el, 'tk-code-apply');
      await enterCode(el, 'bienvenue');
      const { detail } = await applied;
      const priced = await client.getHold(hold.id);
      const discount = priced.discount!;
      expect(discount).to.be.greaterThan(0);
      expect(detail).to.deep.equal({ code: 'BIENVENUE', kind: 'promo', applied: true, amount: discount, currency: 'CHF', amountDue: priced.amountDue });
      await until(() => codeRows(el).length === 1, 'the applied code');
      const money = (amount: number) => formatMoney(amount, 'CHF', 'en').replace(/\s+/g, ' ');
      // The amount once, in the totals under the code; the code's own line names it.
      expect(codeRows(el)[0]).to.contain('Promo code BIENVENUE').and.not.contain(money(discount));
      expect(codeLines(el)[0]).to.equal('Discount · BIENVENUE');
      expect(text(deep(el, 'tk-cart', 'dd.code-line'))).to.equal(`− ${money(discount)}`);
      expect(text(deep(el, 'tk-cart', 'dd.total'))).to.equal(money(priced.total));
      expect(text(deep(el, 'tk-cart', 'tk-code-entry', '[role="status"]'))).to.contain('Code BIENVENUE applied');
      expect(deep<HTMLInputElement>(el, 'tk-cart', 'tk-code-entry', '#code')!.value).to.equal('');

      await settled(el);
      await enterCode(el, 'BIENVENUE');
      expect(await until(() => codeError(el), 'the refusal')).to.equal('This code is already applied.');
      await settled(el);
      await enterCode(el, 'FLASH50');
      expect(await until(() => codeError(el) !== 'This code is already applied.' && codeError(el), 'the refusal')).to.equal('Only one promo code can be used per order.');
      const input = deep<HTMLInputElement>(el, 'tk-cart', 'tk-code-entry', '#code')!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('code-error');
      expect(deep(el, 'tk-cart', 'tk-code-entry', '[part="code-error"]')!.getAttribute('role')).to.equal('alert');
      await settled(el);
      await enterCode(el, 'NO-SUCH-CODE');
      expect(await until(() => codeError(el).includes('exist') && codeError(el), 'the refusal')).to.equal('This code does not exist. Please check how it is written.');

      const remove = deep<HTMLButtonElement>(el, 'tk-cart', 'tk-code-entry', 'button[aria-label="Remove code BIENVENUE"]')!;
      const removed = oneEvent(el, 'tk-code-remove');
      await click(remove);
      expect((await removed).detail).to.deep.equal({ code: 'BIENVENUE', kind: 'promo' });
      await until(() => codeRows(el).length === 0 && codeLines(el).length === 0, 'the code gone');
      expect((await client.getHold(hold.id)).discount).to.equal(0);
      expect(text(deep(el, 'tk-cart', 'tk-code-entry', '[role="status"]'))).to.equal('Code BIENVENUE removed.');
      await expect(entry(el)).to.be.accessible();
    } finally {
      await client.releaseHold(hold.id).catch(() => undefined);
    }
  });

  it('says in French why a code does nothing yet (minimum), offers the tariff a code unlocks, and refuses a code of another event', async () => {
    const { el, hold, client } = await shopWithTheatreSeats(2, 2, 60, 'fr');
    try {
      await enterCode(el, 'groupe4');
      await until(() => codeRows(el).length === 1, 'the code on the cart');
      expect(codeRows(el)[0]).to.contain('GROUPE4').and.contain('Valable dès 4 billets');
      expect(entry(el).shadowRoot!.querySelector('[part="code"]')!.classList.contains('idle')).to.equal(true);
      await click(deep(el, 'tk-cart', 'tk-code-entry', 'button[aria-label="Retirer le code GROUPE4"]')!);
      await until(() => codeRows(el).length === 0, 'the code removed');

      await settled(el);
      await enterCode(el, 'MEMBRE');
      await until(() => codeRows(el).length === 1, 'the unlock code');
      const unlocked = (await client.getHold(hold.id)).unlockedTariffs!;
      expect(unlocked.length).to.be.greaterThan(0);
      expect(codeRows(el)[0]).to.contain(`Nouveau tarif disponible : ${unlocked[0]!.name}`);
      // One tariff per price zone, one name: said once.
      expect(codeRows(el)[0]).to.not.contain(`${unlocked[0]!.name}, ${unlocked[0]!.name}`);
      const select = await until(() => deep(el, 'tk-cart')?.shadowRoot?.querySelector('select'), 'the tariff choice');
      const member = [...select.options].find((option) => unlocked.some((tariff) => tariff.id === option.value));
      expect(member, 'the unlocked tariff is offered').to.not.equal(undefined);
      select.value = member!.value;
      select.dispatchEvent(new Event('change'));
      const onMemberTariff = async () => (await client.getHold(hold.id)).seats.some((seat) => seat.tariffId === member!.value);
      await waitUntil(onMemberTariff, 'the seat on the unlocked tariff', { timeout: 8000, interval: 200 });

      // Removing the code puts that seat back on a public price, and the cart says so.
      await settled(el);
      await click(deep(el, 'tk-cart', 'tk-code-entry', 'button[aria-label="Retirer le code MEMBRE"]')!);
      const notice = await until(() => text(deep(el, '[part="notice"] span')), 'the notice');
      expect(notice).to.equal('Les billets au tarif accordé par ce code repassent au tarif normal ou ont quitté le panier.');
      expect(await onMemberTariff()).to.equal(false);

      // BIENVENUE is the theatre's: on a concert hold the API refuses it for this date.
      const { hold: concertHold } = await gaHold([{ tariff: 0, quantity: 1 }]);
      const refused = await client.applyCode(concertHold.id, 'BIENVENUE').catch((err: unknown) => err);
      await client.releaseHold(concertHold.id);
      expect(refused).to.be.instanceOf(ShopApiError);
      expect(errorMessage(translation('fr'), refused)).to.equal('Ce code n’est pas valable pour cette date.');
    } finally {
      await client.releaseHold(hold.id).catch(() => undefined);
    }
  });

  it('books a seat with a pass and checks out without a card (free), in French', async () => {
    const { el, hold, client } = await shopWithTheatreSeats(3, 1, 200, 'fr');
    try {
      await enterCode(el, 'pass-demo-2026');
      await until(() => codeRows(el).length === 1, 'the pass on the cart');
      expect(codeRows(el)[0]).to.contain('Abonnement PASSDEMO2026').and.contain('1 place couverte par l’abonnement');
      expect(codeLines(el)[0]).to.contain('1 place couverte par l’abonnement');
      expect((await client.getHold(hold.id)).amountDue).to.equal(0);

      // Removed, the seat costs again; typed again, the pass covers it again.
      const removed = oneEvent(el, 'tk-code-remove');
      await click(deep(el, 'tk-cart', 'tk-code-entry', 'button[aria-label="Retirer le code PASSDEMO2026"]')!);
      expect((await removed).detail).to.deep.equal({ code: 'PASSDEMO2026', kind: 'pass' });
      await until(() => codeRows(el).length === 0 && codeLines(el).length === 0, 'the pass removed');
      expect((await client.getHold(hold.id)).amountDue).to.be.greaterThan(0);
      await settled(el);
      await enterCode(el, 'PASS DEMO 2026');
      await until(() => codeRows(el).length === 1, 'the pass on the cart again');
      await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
      const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
      await until(() => form.shadowRoot?.querySelector('#name'), 'the name field');
      expect(form.shadowRoot!.querySelector('#cardNumber')).to.equal(null);
      expect(text(form.shadowRoot!.querySelector('.free'))).to.equal('Cette commande est gratuite : aucun paiement n’est nécessaire.');
      await typeInto(form.shadowRoot!.querySelector('#name')!, 'Léa Abonnée');
      await typeInto(form.shadowRoot!.querySelector('#email')!, 'lea@example.ch');
      const completed = oneEvent(el, 'tk-order-complete');
      await click(form.shadowRoot!.querySelector('[part="submit"]')!);
      const { detail } = await completed;
      expect(detail).to.include({ status: 'paid', paymentMethod: 'free', total: 0, ticketCount: 1 });
      await until(() => deep(el, 'tk-order-confirmation', 'svg[part="qr"]'), 'the ticket');
    } finally {
      await client.releaseHold(hold.id).catch(() => undefined);
    }
    fixtureCleanup();
    sessionStorage.clear();
    // The pass books one seat per date: on this date it has, so another cart is refused.
    const again = await shopWithTheatreSeats(3, 1, 210, 'fr');
    try {
      await enterCode(again.el, 'PASS-DEMO-2026');
      expect(await until(() => codeError(again.el), 'the refusal')).to.equal('Ce code n’est pas valable pour cette date.');
      expect(codeRows(again.el)).to.have.length(0);
    } finally {
      await again.client.releaseHold(again.hold.id).catch(() => undefined);
    }
  });

  it('pays with a gift voucher: what it pays, the balance left, nothing due, a free checkout (English)', async () => {
    const { el, hold, client } = await shopWithTheatreSeats(4, 1, 220, 'en');
    try {
      const applied = oneEvent(el, 'tk-code-apply');
      await enterCode(el, 'cadeau-100-demo');
      expect((await applied).detail).to.include({ code: 'CADEAU100DEMO', kind: 'voucher', applied: true, amountDue: 0 });
      const priced = await client.getHold(hold.id);
      const voucher = priced.vouchers![0]!;
      const money = (amount: number) => formatMoney(amount, 'CHF', 'en').replace(/\s+/g, ' ');
      await until(() => codeRows(el).length === 1, 'the voucher on the cart');
      expect(codeRows(el)[0]).to.contain('Gift voucher CADEAU100DEMO').and.contain(`Pays ${money(voucher.amount)}, ${money(voucher.balanceAfter)} left on it`);
      expect(voucher.amount + voucher.balanceAfter).to.equal(10000);
      const cart = deep(el, 'tk-cart')!.shadowRoot!;
      expect(text(cart.querySelector('dl'))).to.contain(`Paid by gift voucher · CADEAU100DEMO − ${money(voucher.amount)}`);
      expect(text(cart.querySelector('dd.due'))).to.equal(money(0));

      await settled(el);
      await enterCode(el, 'CADEAU100DEMO');
      expect(await until(() => codeError(el), 'the refusal')).to.equal('This code is already applied.');
      const removed = oneEvent(el, 'tk-code-remove');
      await click(deep(el, 'tk-cart', 'tk-code-entry', 'button[aria-label="Remove code CADEAU100DEMO"]')!);
      expect((await removed).detail).to.deep.equal({ code: 'CADEAU100DEMO', kind: 'voucher' });
      await until(() => codeRows(el).length === 0 && !deep(el, 'tk-cart', 'dd.due'), 'the voucher removed');
      await settled(el);
      await enterCode(el, 'cadeau 100 demo');
      await until(() => codeRows(el).length === 1 && deep(el, 'tk-cart', 'dd.due'), 'the voucher on the cart again');

      await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
      const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
      await until(() => form.shadowRoot?.querySelector('#name'), 'the name field');
      expect(form.shadowRoot!.querySelector('#cardNumber')).to.equal(null);
      expect(text(form.shadowRoot!.querySelector('.free'))).to.equal('Your codes pay for this order: no payment is needed.');
      await typeInto(form.shadowRoot!.querySelector('#name')!, 'Ana Muster');
      await typeInto(form.shadowRoot!.querySelector('#email')!, 'ana@example.ch');
      const completed = oneEvent(el, 'tk-order-complete');
      await click(form.shadowRoot!.querySelector('[part="submit"]')!);
      expect((await completed).detail).to.include({ status: 'paid', paymentMethod: 'free', ticketCount: 1 });
    } finally {
      await client.releaseHold(hold.id).catch(() => undefined);
    }
  });

  it('offers cancellation insurance unticked, shows its premium once ticked, and the confirmation names the insurer (English)', async () => {
    const { el, hold, client } = await shopWithTheatreSeats(4, 2, 240, 'en');
    try {
      const offer = (await client.getHold(hold.id)).insurance!;
      expect(offer.premium).to.be.greaterThan(0);
      await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
      const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
      const box = await until(() => form.shadowRoot?.querySelector<HTMLInputElement>('input[name="insured"]'), 'the insurance opt-in');
      const money = (amount: number) => formatMoney(amount, 'CHF', 'en').replace(/\s+/g, ' ');
      expect(box.checked, 'never pre-ticked').to.equal(false);
      expect(text(box.closest('label'))).to.equal(`Cancellation insurance: ${money(offer.premium)}`);
      const terms = form.shadowRoot!.querySelector<HTMLAnchorElement>('[part="insurance"] a')!;
      if (offer.termsUrl) {
        expect(terms.getAttribute('href')).to.equal(offer.termsUrl);
        expect(terms.target).to.equal('_blank');
        expect(terms.rel).to.contain('noopener');
      }
      expect(deep(el, 'tk-cart', 'dd.insurance')).to.equal(null);

      await click(box);
      await until(() => deep(el, 'tk-cart', 'dd.insurance'), 'the insurance line');
      expect(text(deep(el, 'tk-cart', 'dd.insurance'))).to.equal(`+ ${money(offer.premium)}`);
      expect(text(form.shadowRoot!.querySelector('[part="submit"]'))).to.contain(money(offer.amountDue));
      await expect(form).to.be.accessible();

      await typeInto(form.shadowRoot!.querySelector('#name')!, 'Ana Muster');
      await typeInto(form.shadowRoot!.querySelector('#email')!, 'ana@example.ch');
      await typeInto(form.shadowRoot!.querySelector('#cardNumber')!, '4242 4242 4242 4242');
      const completed = oneEvent(el, 'tk-order-complete');
      await click(form.shadowRoot!.querySelector('[part="submit"]')!);
      const { detail } = await completed;
      const insured = await until(() => deep(el, 'tk-order-confirmation', '[part="insured"]'), 'the insurer on the confirmation');
      expect(text(insured)).to.contain(`insured against cancellation by ${offer.insurerName}`).and.contain('Each ticket number is its policy reference');
      if (offer.contact) expect(text(insured)).to.contain(offer.contact);
      expect(detail.total).to.be.greaterThan(0);
    } finally {
      await client.releaseHold(hold.id).catch(() => undefined);
    }
  });

  it('says every refusal of the API in the buyer’s language', async () => {
    // Made here, not by the API client (which loads the error texts before it rejects).
    await Promise.all([loadTranslation('fr'), loadErrorTexts('en'), loadErrorTexts('fr')]);
    const refusal = (code: string) => new ShopApiError(409, code, 'English message', { code: 'X1Y2Z3' });
    const cases: [string, string, string][] = [
      ['code_not_found', 'This code does not exist. Please check how it is written.', 'Ce code n’existe pas. Vérifiez son orthographe.'],
      ['code_expired', 'This code has expired.', 'Ce code a expiré.'],
      ['code_not_yet_valid', 'This code is not valid yet.', 'Ce code n’est pas encore valable.'],
      ['code_disabled', 'This code is no longer valid.', 'Ce code n’est plus valable.'],
      ['code_not_valid_for_performance', 'This code is not valid for this date.', 'Ce code n’est pas valable pour cette date.'],
      ['code_used_up', 'This code has been used up.', 'Ce code a été entièrement utilisé.'],
      ['promo_already_applied', 'Only one promo code can be used per order.', 'Un seul code promo peut être utilisé par commande.'],
      ['code_already_applied', 'This code is already applied.', 'Ce code est déjà appliqué.'],
      ['rate_limited', 'Too many wrong attempts. Please wait a minute, then try again.', 'Trop de tentatives erronées. Veuillez patienter une minute, puis réessayer.'],
    ];
    for (const [code, en, fr] of cases) {
      expect(errorMessage(translation('en'), refusal(code)), code).to.equal(en);
      expect(errorMessage(translation('fr'), refusal(code)), code).to.equal(fr);
    }
  });

  it('refuses a code that cannot exist without asking the API, and shows a given refusal as an alert tied to the field', async () => {
    const el = await fixture<TkCodeEntry>(html`<tk-code-entry locale="en"></tk-code-entry>`);
    let asked = false;
    el.addEventListener('tk-code-submit', () => (asked = true));
    await typeInto(el.shadowRoot!.querySelector('#code')!, 'a!');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(asked).to.equal(false);
    expect(text(el.shadowRoot!.querySelector('[role="alert"]'))).to.equal('This code does not exist. Please check how it is written.');
    await expect(el).to.be.accessible();
  });
});
