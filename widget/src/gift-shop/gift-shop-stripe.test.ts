/**
 * The gift shop paying by Stripe, in Chromium. Stripe itself is a stand-in (testing/fake-stripe.ts):
 * a fake `Stripe()` object given through `<ticket-shop>.stripeLoader`, and, because the API these
 * tests run against has no Stripe keys, its Stripe answers (the shop listing 'stripe', a purchase
 * placed with `{ method: 'stripe' }`, its page, its stripe-return) are played by a `fetch` wrapper
 * that buys the purchase for real with the test card behind the scenes, so the code shown is one
 * the real API issued. Every other call goes to the real API.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { ProductOrderView } from '../api/types.js';
import { loadTranslation } from '../i18n/localize.js';
import type { TkStripePayment } from '../stripe/stripe-payment.js';
import { stripeStrings } from '../stripe/strings.js';
import { click, deep, text, typeInto, until } from '../testing/dom.js';
import { apiError, fakeStripe, stripeApi, type FakeStripe, type StripeApiStandIn } from '../testing/fake-stripe.js';
import { realClient, testEnv } from '../testing/real-api.js';
import '../ticket-shop/ticket-shop.js';
import type { TicketShop } from '../ticket-shop/ticket-shop.js';
import { giftStrings } from './strings.js';

let api: StripeApiStandIn | null = null;
const page = location.href;

afterEach(() => {
  fixtureCleanup();
  api?.restore();
  api = null;
  history.replaceState(null, '', page);
});

/** `late`: the page gives the loader once the gift shop is already there (as pages may, before the first payment). */
async function giftShop(lang: 'en' | 'fr' | 'de', stripe: FakeStripe, late = false) {
  const { api: base, demo } = await testEnv();
  if (lang !== 'en') await loadTranslation(lang);
  const el = document.createElement('ticket-shop');
  if (!late) el.stripeLoader = stripe.loader;
  el.setAttribute('shop', demo.shopId);
  el.setAttribute('api', base);
  el.setAttribute('lang', lang);
  el.toggleAttribute('gifts', true);
  await fixture<TicketShop>(html`<div>${el}</div>`);
  const gifts = await until(() => el.shadowRoot?.querySelector('tk-gift-shop'), 'the gift shop');
  if (late) el.stripeLoader = stripe.loader;
  return { el, gifts };
}

const option = (root: ShadowRoot, label: string) => [...root.querySelectorAll('label.option')].find((o) => text(o).includes(label))!.querySelector('input')!;
/** "Payer 50.00 CHF", as the widget formats Swiss francs in French (text() makes its no-break space a space). */
const money = (label: string, amount: number) => `${label} ${new Intl.NumberFormat('fr-CH', { style: 'currency', currency: 'CHF' }).format(amount / 100)}`.replace(/\s+/g, ' ');

/** Chooses the CHF 50 voucher, fills the buyer in and continues to the Stripe step; answers the step and its enabled pay button. */
async function toStripeStep(el: TicketShop, gifts: HTMLElement, stripe: FakeStripe, voucherLabel: string) {
  const root = await until(() => gifts.shadowRoot?.querySelector('form') && gifts.shadowRoot, 'the gift form');
  await click(option(root, voucherLabel));
  await typeInto(root.querySelector('#name')!, 'Ana Muster');
  await typeInto(root.querySelector('#email')!, 'ana@example.ch');
  await click(root.querySelector('button.btn-primary')!);
  const payment = await until(() => deep<TkStripePayment>(gifts, 'tk-stripe-payment'), 'the Stripe step');
  await until(() => stripe.mounts.length === 1, 'the Payment Element mounted');
  const pay = deep<HTMLButtonElement>(payment, '[part="pay-button"]')!;
  await until(() => !pay.disabled, 'the pay button');
  return { root, payment, pay };
}

const CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/;

describe('<ticket-shop gifts> paying by Stripe', function () {
  this.timeout(45_000);

  // First: the page has loaded nothing of Stripe yet, so this sees whether the gift shop did.
  it('of a shop without Stripe loads nothing of Stripe and keeps the test card', async () => {
    const stripe = fakeStripe();
    const { el, gifts } = await giftShop('en', stripe);
    const root = await until(() => gifts.shadowRoot?.querySelector('form') && gifts.shadowRoot, 'the gift form');
    await click(option(root, 'Gift voucher · CHF 50.00'));
    expect(root.querySelectorAll('input[name="method"]')).to.have.length(0);
    expect(text(root.querySelector('.test-mode'))).to.equal('Test mode — no real payment');
    expect(root.querySelector('#cardNumber')).to.not.equal(null);
    expect(text(root.querySelector('button.btn-primary'))).to.equal('Pay CHF 50.00');
    expect(stripe.loads).to.have.length(0);
    expect(el.querySelector('[slot="payment-element"]')).to.equal(null);
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(loaded.some((name) => name.includes('js.stripe.com') || name.includes('/stripe/stripe-payment'))).to.equal(false);
  });

  it('offers Stripe first, pays in the Payment Element projected through both shadow roots, and shows the code (fr)', async () => {
    api = stripeApi();
    const stripe = fakeStripe();
    const { el, gifts } = await giftShop('fr', stripe);
    const root = await until(() => gifts.shadowRoot?.querySelector('form') && gifts.shadowRoot, 'the gift form');
    await click(option(root, 'Bon cadeau · 50.00 CHF'));
    const methods = [...root.querySelectorAll<HTMLInputElement>('input[name="method"]')];
    expect(methods.map((m) => m.value)).to.deep.equal(['stripe', 'card']);
    expect(methods[0]!.checked).to.equal(true);
    expect(text(methods[0]!.closest('label'))).to.equal('Carte, TWINT, Apple Pay, Google Pay');
    expect(text(methods[1]!.closest('label'))).to.equal('Carte (mode test)');
    expect(root.querySelector('#cardNumber')).to.equal(null);
    expect(text(root.querySelector('#stripe-hint'))).to.equal(stripeStrings('fr').methodHint);
    expect(text(root.querySelector('button.btn-primary'))).to.equal('Continuer vers le paiement');
    expect(stripe.loads).to.have.length(0);

    const { payment, pay } = await toStripeStep(el, gifts, stripe, 'Bon cadeau · 50.00 CHF');
    const mounted = stripe.mounts[0]!;
    expect(mounted.parentElement).to.equal(el);
    expect(mounted.slot).to.equal('payment-element');
    const outer = mounted.assignedSlot!;
    expect(outer.getRootNode()).to.equal(el.shadowRoot);
    expect(outer.assignedSlot?.getRootNode()).to.equal(gifts.shadowRoot);
    expect(outer.assignedSlot?.assignedSlot?.getRootNode()).to.equal(payment.shadowRoot);
    expect(stripe.loads[0]).to.deep.equal({ publishableKey: 'pk_test_widget', options: { stripeAccount: 'acct_test_shop', locale: 'fr' } });
    expect(text(gifts.shadowRoot!.querySelector('.summary'))).to.equal('Bon cadeau · 50.00 CHF');
    expect(text(pay)).to.equal(money('Payer', 5000));
    await until(() => payment.shadowRoot!.activeElement?.tagName === 'H3', 'focus on the payment heading');

    await click(pay);
    const code = text(await until(() => gifts.shadowRoot!.querySelector('[part="gift-code"]'), 'the code bought'));
    expect(code).to.match(CODE);
    expect(text(gifts.shadowRoot!.querySelector('#bought'))).to.equal(giftStrings.fr.thankYou);
    const back = new URL(stripe.confirms[0]!.confirmParams.return_url);
    const number = back.searchParams.get('tk-purchase')!;
    expect(back.searchParams.get('tk-order')).to.equal(null);
    expect(api.purchaseReturns).to.deep.equal([{ number, secret: back.searchParams.get('tk-secret'), paymentIntentId: 'pi_test123' }]);
    expect(api.purchases.get(number)!.paid.code).to.equal(code);
    expect(el.querySelector('[slot="payment-element"]')).to.equal(null);
    await expect(gifts).to.be.accessible();
  });

  it('says a decline in the buyer’s language and pays the same purchase again (de; loader given late)', async () => {
    api = stripeApi();
    api.queue.push(apiError(402, 'payment_declined', { declineCode: 'card_declined' }));
    const stripe = fakeStripe();
    const { el, gifts } = await giftShop('de', stripe, true);
    const { payment, pay } = await toStripeStep(el, gifts, stripe, 'Geschenkgutschein · CHF 50.00');
    await click(pay);
    expect(await until(() => text(deep(payment, '[role="alert"]')), 'the decline')).to.contain('Ihre Karte wurde abgelehnt.');
    await until(() => !pay.disabled, 'the pay button again');
    expect(stripe.mounts).to.have.length(1);
    await click(pay);
    expect(text(await until(() => gifts.shadowRoot!.querySelector('[part="gift-code"]'), 'the code bought'))).to.match(CODE);
    expect(stripe.confirms).to.have.length(2);
    expect(api.purchaseReturns).to.have.length(2);
    expect(api.purchases.size).to.equal(1);
  });

  it('goes back to the form and pays the same purchase by Stripe again (en)', async () => {
    api = stripeApi();
    const stripe = fakeStripe();
    const { el, gifts } = await giftShop('en', stripe);
    const { payment } = await toStripeStep(el, gifts, stripe, 'Gift voucher · CHF 50.00');
    await click(deep(payment, '.actions .btn-link')!);
    const root = await until(() => gifts.shadowRoot?.querySelector('form') && gifts.shadowRoot, 'the form again');
    expect(el.querySelector('[slot="payment-element"]')).to.equal(null);
    expect(root.querySelector<HTMLInputElement>('#name')!.value).to.equal('Ana Muster');
    await click(root.querySelector('button.btn-primary')!);
    await until(() => deep(gifts, 'tk-stripe-payment'), 'the Stripe step again');
    expect(api.purchases.size).to.equal(1);
  });

  it('back from a redirect (3-D Secure, TWINT): completes the purchase, shows its code, and cleans the address', async () => {
    api = stripeApi();
    const { demo } = await testEnv();
    const client = await realClient();
    const pending: ProductOrderView = await client.buyProduct({ kind: 'voucher', amount: 5000, buyer: { name: 'Ana Muster', email: 'ana@example.ch', language: 'en' }, payment: { method: 'stripe' } });
    expect(pending.status).to.equal('pending');
    history.replaceState(
      null,
      '',
      `${location.pathname}?keep=1&payment_intent=pi_test123&payment_intent_client_secret=pi_test123_secret_abc&redirect_status=succeeded&tk-purchase=${pending.number}&tk-secret=${pending.secret}`,
    );
    const stripe = fakeStripe();
    const { el, gifts } = await giftShop('en', stripe);
    const code = text(await until(() => gifts.shadowRoot!.querySelector('[part="gift-code"]'), 'the code bought'));
    expect(code).to.equal(api.purchases.get(pending.number)!.paid.code);
    expect(text(gifts.shadowRoot!.querySelector('.bought'))).to.contain(`Order number: ${pending.number}`);
    expect(api.purchaseReturns).to.deep.equal([{ number: pending.number, secret: pending.secret, paymentIntentId: 'pi_test123' }]);
    expect(location.search).to.equal('?keep=1');
    expect(stripe.loads).to.have.length(0);
    expect(el.getAttribute('shop')).to.equal(demo.shopId);
  });

  it('back from a redirect after a decline: says so and offers the Payment Element again (fr)', async () => {
    api = stripeApi();
    const client = await realClient();
    const pending = await client.buyProduct({ kind: 'voucher', amount: 5000, buyer: { name: 'Léa', email: 'lea@example.ch', language: 'fr' }, payment: { method: 'stripe' } });
    api.queue.push(apiError(402, 'payment_declined', { declineCode: 'insufficient_funds' }));
    history.replaceState(null, '', `${location.pathname}?payment_intent=pi_test123&redirect_status=failed&tk-purchase=${pending.number}&tk-secret=${pending.secret}`);
    const stripe = fakeStripe();
    const { gifts } = await giftShop('fr', stripe);
    const payment = await until(() => deep<TkStripePayment>(gifts, 'tk-stripe-payment'), 'the Stripe step');
    expect(await until(() => text(deep(payment, '[role="alert"]')), 'the decline')).to.contain('Le solde de votre carte est insuffisant.');
    await until(() => stripe.mounts.length === 1, 'the Payment Element again');
    expect(location.search).to.equal('');
    await click(deep(payment, '[part="pay-button"]')!);
    expect(text(await until(() => gifts.shadowRoot!.querySelector('[part="gift-code"]'), 'the code bought'))).to.match(CODE);
    expect(new URL(stripe.confirms[0]!.confirmParams.return_url).searchParams.get('tk-purchase')).to.equal(pending.number);
  });

  it('says why with the purchase’s own text when the money went back, and shows the form again', async () => {
    api = stripeApi();
    const stripe = fakeStripe();
    const { el, gifts } = await giftShop('en', stripe);
    const { pay } = await toStripeStep(el, gifts, stripe, 'Gift voucher · CHF 50.00');
    api.queue.push(apiError(409, 'payment_returned', { reason: 'order_closed', refunded: true, orderNumber: 'X' }));
    await click(pay);
    const root = await until(() => gifts.shadowRoot?.querySelector('form') && gifts.shadowRoot, 'the form again');
    expect(text(await until(() => root.querySelector('[role="alert"]'), 'why'))).to.equal(
      `${giftStrings.en.stripeReturned} ${stripeStrings('en').refunded}`,
    );
    expect(el.querySelector('[slot="payment-element"]')).to.equal(null);
  });
});
