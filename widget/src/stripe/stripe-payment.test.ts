/**
 * Paying through Stripe, in Chromium. Stripe itself is a stand-in (testing/fake-stripe.ts): a
 * fake `Stripe()` object given through the loader, and, because the API these tests run against
 * has no Stripe keys, its Stripe answers (checkout with `{ method: 'stripe' }`, stripe-return)
 * are played by a `fetch` wrapper; every other call goes to the real API.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import type { OrderView } from '../api/types.js';
import { loadTranslation } from '../i18n/localize.js';
import { click, deep, deepAll, text, typeInto, until } from '../testing/dom.js';
import { apiError, fakeStripe, pendingStripeOrder, stripeApi, type StripeApiStandIn } from '../testing/fake-stripe.js';
import { freeOrder, invoiceOrder, realClient, testEnv } from '../testing/real-api.js';
import '../ticket-shop/ticket-shop.js';
import type { TicketShop } from '../ticket-shop/ticket-shop.js';
import './stripe-payment.js';
import { returnedMessage, stripeReturnUrl, type TkStripePayment } from './stripe-payment.js';
import { stripeStrings } from './strings.js';

let api: StripeApiStandIn | null = null;
const page = location.href;

afterEach(() => {
  fixtureCleanup();
  api?.restore();
  api = null;
  sessionStorage.clear();
  history.replaceState(null, '', page);
  document.documentElement.style.removeProperty('--tk-accent');
});

/** A `<tk-stripe-payment>` on its own for a pending order (a real order of the API, CHF 35.00, shown as pending; paid once completed). */
async function payment(locale: string) {
  if (locale !== 'en') await loadTranslation(locale as 'fr' | 'de');
  api = stripeApi();
  const real: OrderView = await invoiceOrder(1);
  api.paid.set(real.number, { ...real, status: 'paid', paymentMethod: 'stripe', invoice: null });
  const stripe = fakeStripe();
  const el = await fixture<TkStripePayment>(
    html`<tk-stripe-payment .order=${pendingStripeOrder(real)} .client=${await realClient()} .loader=${stripe.loader} locale=${locale}></tk-stripe-payment>`,
  );
  await until(() => stripe.mounts.length === 1, 'the Payment Element mounted');
  const pay = deep<HTMLButtonElement>(el, '[part="pay-button"]')!;
  await until(() => !pay.disabled, 'the pay button enabled');
  return { el, stripe, real, pay };
}

const alertText = (el: Element) => text(deep(el, '[role="alert"]'));
/** "Payer 35.00 CHF", as the widget formats Swiss francs in French (text() makes its no-break space a space). */
const money = (label: string, amount: number) => `${label} ${new Intl.NumberFormat('fr-CH', { style: 'currency', currency: 'CHF' }).format(amount / 100)}`.replace(/\s+/g, ' ');

describe('<tk-stripe-payment>', function () {
  this.timeout(30_000);

  it('mounts the Payment Element in a light-DOM child projected through its slot, themed from --tk-* and in the buyer’s language', async () => {
    document.documentElement.style.setProperty('--tk-accent', 'rebeccapurple');
    const { el, stripe, real } = await payment('fr');
    const mounted = stripe.mounts[0]!;
    expect(mounted.parentElement).to.equal(el);
    expect(mounted.getAttribute('slot')).to.equal('payment-element');
    expect(mounted.getRootNode()).to.equal(document);
    expect(mounted.assignedSlot?.getRootNode()).to.equal(el.shadowRoot);
    expect(stripe.loads[0]).to.deep.equal({ publishableKey: 'pk_test_widget', options: { stripeAccount: 'acct_test_shop', locale: 'fr' } });
    const options = stripe.elements[0]!;
    expect(options.clientSecret).to.equal('pi_test123_secret_abc');
    expect(options.locale).to.equal('fr');
    expect(options.appearance.variables).to.include({ colorPrimary: '#663399', colorBackground: '#ffffff', colorText: '#17171f', borderRadius: '12px' });
    expect(options.appearance.variables!.fontFamily).to.contain('system-ui');
    expect(text(deep(el, '[part="pay-button"]'))).to.equal(money('Payer', real.total));
    expect(text(deep(el, 'h3'))).to.equal(stripeStrings('fr').heading);
    await expect(el).to.be.accessible();

    el.remove();
    expect(mounted.isConnected).to.equal(false);
  });

  it('confirms with a return_url that names the order, then completes it with the API', async () => {
    const { el, stripe, real, pay } = await payment('en');
    const paid = oneEvent(el, 'tk-stripe-paid');
    await click(pay);
    expect((await paid).detail.order.number).to.equal(real.number);
    const confirm = stripe.confirms[0]!;
    expect(confirm.redirect).to.equal('if_required');
    const back = new URL(confirm.confirmParams.return_url);
    expect(back.searchParams.get('tk-order')).to.equal(real.number);
    expect(back.searchParams.get('tk-secret')).to.equal(real.secret);
    expect(back.origin + back.pathname).to.equal(location.origin + location.pathname);
    expect(api!.returns).to.deep.equal([{ number: real.number, secret: real.secret, paymentIntentId: 'pi_test123' }]);
  });

  it('shows Stripe’s own message of a card error and does not ask the API', async () => {
    const { el, stripe, pay } = await payment('de');
    stripe.next = { error: { type: 'card_error', message: 'Ihre Karte wurde abgelehnt (von Stripe).' } };
    await click(pay);
    expect(await until(() => alertText(el), 'the error')).to.equal('Ihre Karte wurde abgelehnt (von Stripe).');
    expect(api!.returns).to.have.length(0);
    await until(() => el.shadowRoot!.activeElement?.getAttribute('role') === 'alert', 'focus on the error');

    stripe.next = { error: { type: 'api_connection_error', message: 'Network down (English)' } };
    await click(pay);
    await until(() => alertText(el) === 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.', 'the generic error');
  });

  for (const [locale, expected] of [
    ['fr', 'Votre carte a été refusée.'],
    ['de', 'Ihre Karte wurde abgelehnt.'],
  ] as const) {
    it(`says a decline of the API in the buyer’s language (${locale}) and lets them pay again`, async () => {
      await loadTranslation(locale);
      const { el, stripe, pay } = await payment(locale);
      api!.queue.push(apiError(402, 'payment_declined', { declineCode: 'card_declined' }));
      await click(pay);
      expect(await until(() => alertText(el), 'the decline')).to.contain(expected);
      await until(() => !pay.disabled, 'the pay button again');
      expect(stripe.mounts).to.have.length(1);
      const paid = oneEvent(el, 'tk-stripe-paid');
      await click(pay);
      await paid;
      expect(stripe.confirms).to.have.length(2);
    });
  }

  it('tells why Stripe’s money went back (payment_returned), per reason and refund, in French and English', async () => {
    expect(returnedMessage(stripeStrings('fr'), { reason: 'seats_taken', refunded: true })).to.equal(
      'Désolés, vos places ont été prises par quelqu’un d’autre avant l’arrivée de votre paiement. Votre paiement vous a été intégralement remboursé. Nous vous avons envoyé un e-mail. Veuillez choisir à nouveau vos billets.',
    );
    expect(returnedMessage(stripeStrings('en'), { reason: 'hold_changed', refunded: false })).to.equal(
      'Your reservation changed while you were paying. Nothing was charged. We sent you an e-mail. Please choose your tickets again.',
    );
    expect(returnedMessage(stripeStrings('en'), { reason: 'codes_changed', refunded: true })).to.contain('A code of your order changed');
    expect(returnedMessage(stripeStrings('fr'), { reason: 'order_closed', refunded: false })).to.contain('Rien n’a été débité.');

    const { el, pay } = await payment('fr');
    api!.queue.push(apiError(409, 'payment_returned', { reason: 'seats_taken', refunded: false, orderNumber: 'X' }));
    const returned = oneEvent(el, 'tk-stripe-returned');
    await click(pay);
    expect((await returned).detail.message).to.equal(returnedMessage(stripeStrings('fr'), { reason: 'seats_taken', refunded: false }));
  });

  it('asks again while Stripe is processing, then says the tickets come by e-mail', async function () {
    this.timeout(30_000);
    const { el, pay, real } = await payment('en');
    const processing = { status: 200, body: { ...pendingStripeOrder(real), stripe: { ...pendingStripeOrder(real).stripe!, status: 'processing' } } };
    api!.queue.push(processing, processing, processing, processing, processing);
    const told = oneEvent(el, 'tk-stripe-processing');
    await click(pay);
    await told;
    expect(api!.returns).to.have.length(5);
    expect(text(deep(el, '[role="status"]'))).to.equal(stripeStrings('en').processing);
  });

  it('builds the return_url from the page, keeping its own parameters', () => {
    const url = new URL(stripeReturnUrl({ number: 'T-1', secret: 's3cret' }, 'https://theatre.example/tickets?lang=fr&tk-order=OLD#top'));
    expect([...url.searchParams]).to.deep.equal([
      ['lang', 'fr'],
      ['tk-order', 'T-1'],
      ['tk-secret', 's3cret'],
    ]);
  });
});

describe('<ticket-shop> with Stripe', function () {
  this.timeout(45_000);

  async function shop(lang: string, stripe: ReturnType<typeof fakeStripe>) {
    const { api: base, demo } = await testEnv();
    const el = document.createElement('ticket-shop');
    el.stripeLoader = stripe.loader;
    el.setAttribute('shop', demo.shopId);
    el.setAttribute('api', base);
    el.setAttribute('event', demo.concertEventId);
    el.setAttribute('performance', demo.concertPerformanceIds[1]!);
    el.setAttribute('lang', lang);
    return fixture<TicketShop>(html`<div>${el}</div>`).then(() => el);
  }

  it('offers Stripe first, then pays in the Payment Element projected into the checkout, and completes like a card purchase (fr)', async () => {
    await loadTranslation('fr');
    api = stripeApi();
    const stripe = fakeStripe();
    const el = await shop('fr', stripe);
    await click(await until(() => deep(el, 'tk-quantity-picker', '[part="stepper"] button:last-of-type'), 'the quantity stepper'));
    await until(() => deepAll(el, ['tk-cart'], '[part="line"]').length === 1, 'the cart line');
    await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
    const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
    const methods = await until(() => form.shadowRoot?.querySelectorAll<HTMLInputElement>('input[name="method"]'), 'the payment methods');
    expect([...methods].map((m) => m.value)).to.deep.equal(['stripe', 'card', 'invoice']);
    expect(methods[0]!.checked).to.equal(true);
    expect(text(methods[0]!.closest('label'))).to.equal('Carte, TWINT, Apple Pay, Google Pay');
    expect(text(methods[1]!.closest('label'))).to.equal('Carte (mode test)');
    expect(text(form.shadowRoot!.querySelector('[part="submit"]'))).to.equal('Continuer vers le paiement');
    expect(stripe.loads).to.have.length(0);

    await typeInto(form.shadowRoot!.querySelector('#name')!, 'Anna Muster');
    await typeInto(form.shadowRoot!.querySelector('#email')!, 'anna@example.ch');
    await click(form.shadowRoot!.querySelector('[part="submit"]')!);

    const payment = await until(() => deep<TkStripePayment>(el, 'tk-stripe-payment'), 'the Stripe step');
    await until(() => stripe.mounts.length === 1, 'the Payment Element mounted');
    const mounted = stripe.mounts[0]!;
    expect(mounted.parentElement).to.equal(el);
    expect(mounted.slot).to.equal('payment-element');
    const outer = mounted.assignedSlot!;
    expect(outer.getRootNode()).to.equal(el.shadowRoot);
    expect(outer.assignedSlot?.getRootNode()).to.equal(payment.shadowRoot);
    expect(stripe.loads[0]!.options.locale).to.equal('fr');
    await until(() => payment.shadowRoot!.activeElement?.tagName === 'H3', 'focus on the payment heading');
    const pay = deep<HTMLButtonElement>(payment, '[part="pay-button"]')!;
    await until(() => !pay.disabled, 'the pay button');
    expect(text(pay)).to.equal(money('Payer', 3500));

    const completed = oneEvent(el, 'tk-order-complete');
    await click(pay);
    const { detail } = await completed;
    expect(detail).to.include({ status: 'paid', paymentMethod: 'stripe', ticketCount: 1, total: 3500, currency: 'CHF' });
    await until(() => deep(el, 'tk-order-confirmation', 'svg[part="qr"]'), 'the tickets');
    expect(text(deep(el, 'tk-order-confirmation', '.number'))).to.equal(detail.orderNumber);
    expect(el.querySelector('[slot="payment-element"]')).to.equal(null);
  });

  it('goes back from the Payment Element to the form, to choose another method', async () => {
    api = stripeApi();
    const stripe = fakeStripe();
    const el = await shop('en', stripe);
    await click(await until(() => deep(el, 'tk-quantity-picker', '[part="stepper"] button:last-of-type'), 'the quantity stepper'));
    await until(() => deepAll(el, ['tk-cart'], '[part="line"]').length === 1, 'the cart line');
    await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
    const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
    await until(() => form.shadowRoot?.querySelector('#name'), 'the name field');
    await typeInto(form.shadowRoot!.querySelector('#name')!, 'Anna Muster');
    await typeInto(form.shadowRoot!.querySelector('#email')!, 'anna@example.ch');
    await click(form.shadowRoot!.querySelector('[part="submit"]')!);
    const payment = await until(() => deep<TkStripePayment>(el, 'tk-stripe-payment'), 'the Stripe step');
    await until(() => stripe.mounts.length === 1, 'the Payment Element mounted');
    await click(deep(payment, '.actions .btn-link')!);
    const again = await until(() => deep(el, 'tk-checkout-form'), 'the form again');
    expect(el.querySelector('[slot="payment-element"]')).to.equal(null);
    await until(() => again.shadowRoot!.activeElement?.id === 'name', 'focus on the first field');
    expect(again.shadowRoot!.querySelector<HTMLInputElement>('#name')!.value).to.equal('Anna Muster');
  });

  it('back from a redirect (3-D Secure, TWINT): completes the order, shows it, and cleans the address', async () => {
    api = stripeApi();
    const real = await freeOrder(1);
    api.paid.set(real.number, { ...real, paymentMethod: 'stripe' });
    history.replaceState(null, '', `${location.pathname}?keep=1&payment_intent=pi_test123&payment_intent_client_secret=pi_test123_secret_abc&redirect_status=succeeded&tk-order=${real.number}&tk-secret=${real.secret}`);
    const stripe = fakeStripe();
    const completed = new Promise<CustomEvent>((resolve) => document.addEventListener('tk-order-complete', (e) => resolve(e as CustomEvent), { once: true }));
    const el = await shop('en', stripe);
    expect((await completed).detail).to.include({ orderNumber: real.number, status: 'paid', paymentMethod: 'stripe' });
    await until(() => deep(el, 'tk-order-confirmation', '.number'), 'the confirmation');
    expect(api.returns).to.deep.equal([{ number: real.number, secret: real.secret, paymentIntentId: 'pi_test123' }]);
    expect(location.search).to.equal('?keep=1');
    expect(stripe.loads).to.have.length(0);
  });

  it('back from a redirect after a decline: says so and offers the Payment Element again (de)', async () => {
    await loadTranslation('de');
    api = stripeApi();
    const real = await freeOrder(1);
    const pending = pendingStripeOrder(real);
    api.queue.push(apiError(402, 'payment_declined', { declineCode: 'insufficient_funds' }));
    // GET order answers the pending Stripe order behind the real one.
    const wrapped = window.fetch;
    window.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' && new URL(request.url).pathname.endsWith(`/orders/${real.number}`)) {
        return new Response(JSON.stringify(pending), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return wrapped(request);
    };
    history.replaceState(null, '', `${location.pathname}?payment_intent=pi_test123&redirect_status=failed&tk-order=${real.number}&tk-secret=${real.secret}`);
    const stripe = fakeStripe();
    const el = await shop('de', stripe);
    const payment = await until(() => deep<TkStripePayment>(el, 'tk-stripe-payment'), 'the Stripe step');
    expect(await until(() => alertText(payment), 'the decline')).to.contain('Ihre Karte ist nicht ausreichend gedeckt.');
    await until(() => stripe.mounts.length === 1, 'the Payment Element again');
    expect(location.search).to.equal('');
  });

  it('back from a redirect when the sale could not be made: says why, per reason, and offers the date again (en)', async () => {
    api = stripeApi();
    const real = await freeOrder(1);
    api.queue.push(apiError(409, 'payment_returned', { reason: 'codes_changed', refunded: true, orderNumber: real.number }));
    history.replaceState(null, '', `${location.pathname}?payment_intent=pi_test123&redirect_status=succeeded&tk-order=${real.number}&tk-secret=${real.secret}`);
    const stripe = fakeStripe();
    const el = await shop('en', stripe);
    const message = await until(() => text(deep(el, '[part="notice"] span')), 'the message');
    expect(message).to.equal(returnedMessage(stripeStrings('en'), { reason: 'codes_changed', refunded: true }));
    await until(() => deep(el, 'tk-quantity-picker'), 'the tickets of the date, to choose again');
    expect(deep(el, 'tk-stripe-payment')).to.equal(null);
    expect(location.search).to.equal('');
  });

  it('loads nothing of Stripe for a shop that does not offer it', async () => {
    const stripe = fakeStripe();
    const el = await shop('en', stripe);
    await click(await until(() => deep(el, 'tk-quantity-picker', '[part="stepper"] button:last-of-type'), 'the quantity stepper'));
    await until(() => deepAll(el, ['tk-cart'], '[part="line"]').length === 1, 'the cart line');
    await click(deep(el, 'tk-cart', '[part="checkout-button"]')!);
    const form = await until(() => deep(el, 'tk-checkout-form'), 'the checkout form');
    const methods = await until(() => form.shadowRoot?.querySelectorAll<HTMLInputElement>('input[name="method"]'), 'the payment methods');
    expect([...methods].map((m) => m.value)).to.deep.equal(['card', 'invoice']);
    expect(stripe.loads).to.have.length(0);
    expect(el.querySelector('[slot="payment-element"]')).to.equal(null);
    expect(performance.getEntriesByType('resource').some((entry) => entry.name.includes('js.stripe.com'))).to.equal(false);
  });
});
