import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ShopApiError, type ShopClient } from '../api/client.js';
import type { OrderView, ProductOrderView, StripePaymentView } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { errorMessage, formatMoney, LocalizeController, matchLocale } from '../i18n/localize.js';
import { ControlFocusController, focusInside } from '../part-focus.js';
import { hostStyles } from '../styles/shared.styles.js';
import { spinnerStyles } from '../styles/spinner.styles.js';
import { stripeAppearance } from './appearance.js';
import { loadStripeJs, type StripeApi, type StripeElementsGroup, type StripeLoader, type StripePaymentElement } from './stripe-loader.js';
import { stripeStrings, type StripeStrings } from './strings.js';
import { stripePaymentStyles } from './stripe-payment.styles.js';

/** The page's address parameters of a return from Stripe: ours (a ticket order's or a purchase's), and the ones Stripe adds. */
const returnParams = ['tk-order', 'tk-purchase', 'tk-secret', 'payment_intent', 'payment_intent_client_secret', 'redirect_status'];

/**
 * What `<tk-stripe-payment>` pays: a ticket order or a purchase of a pass or gift voucher,
 * pending with its Stripe payment (`stripe`) until the API has the money.
 */
export interface StripePayable {
  number: string;
  secret: string;
  status: string;
  stripe: StripePaymentView | null;
}

/**
 * How the host completes what it sells once Stripe.js confirmed the payment, or the buyer is
 * back from Stripe's redirect. The element does the paying (Payment Element, confirmPayment,
 * asking again while Stripe processes, a decline to retry); only what it asks the API and what
 * it tells the buyer differ between a ticket order (the default, `ticketOrderSale`) and a
 * purchase of the gift shop.
 */
export interface StripeSale {
  /** The address parameter that names the payable in the return_url (`tk-order`, `tk-purchase`). */
  param: string;
  /** Asks the API to complete it with this PaymentIntent: it as it now stands (`paid`, or `pending` with `stripe`), or a ShopApiError. */
  complete(payable: StripePayable, paymentIntentId: string): Promise<StripePayable>;
  /** Said while Stripe is still processing (what arrives by e-mail once it is done). */
  processing?: string;
  /** Said when Stripe took the money but the sale could not be made (the details of `payment_returned`). */
  returned?(details: Record<string, unknown>): string;
}

/** Completing a ticket order: what `<ticket-shop>`'s checkout pays. */
export const ticketOrderSale = (client: ShopClient): StripeSale => ({
  param: 'tk-order',
  complete: (order, paymentIntentId) => client.completeStripePayment(order.number, order.secret, paymentIntentId),
});

/** How often, and how far apart, to ask again while Stripe is still processing a payment. */
const PROCESSING_POLLS = 4;
const POLL_DELAY_MS = 1000;

/**
 * Where Stripe sends the buyer back after 3-D Secure or an app switch (TWINT): this page, with
 * the order to complete. The order's secret travels in the address like in the links of the
 * confirmation e-mail; the widget takes it out again as soon as it has read it.
 */
export function stripeReturnUrl(order: Pick<OrderView, 'number' | 'secret'>, page = location.href, param = 'tk-order'): string {
  const url = new URL(page);
  for (const name of returnParams) url.searchParams.delete(name);
  url.searchParams.set(param, order.number);
  url.searchParams.set('tk-secret', order.secret);
  return url.href;
}

/** The order (or with `param` 'tk-purchase', the purchase) and the PaymentIntent of a return from Stripe in the page's address, or null. */
export function stripeReturn(search = location.search, param = 'tk-order'): { number: string; secret: string; paymentIntentId: string } | null {
  const params = new URLSearchParams(search);
  const [number, secret, paymentIntentId] = [param, 'tk-secret', 'payment_intent'].map((name) => params.get(name));
  return number && secret && paymentIntentId ? { number, secret, paymentIntentId } : null;
}

/** Takes the return's parameters out of the page's address (its other parameters stay), so a reload or a shared link does not carry the secret. */
export function forgetStripeReturn(): void {
  const url = new URL(location.href);
  for (const name of returnParams) url.searchParams.delete(name);
  history.replaceState(history.state, '', url.href);
}

/**
 * The buyer is back on the page from Stripe (3-D Secure, TWINT): the order of this shop they
 * were paying and the PaymentIntent to settle. The return's parameters are then taken out of
 * the address (the page's own stay), so a reload or a shared link does not carry the secret.
 */
export async function backFromStripe(client: ShopClient): Promise<{ order: OrderView; paymentIntentId: string } | null> {
  const back = stripeReturn();
  const order = back && (await client.order(back.number, back.secret).catch(() => null));
  if (!back || !order) return null;
  forgetStripeReturn();
  return { order, paymentIntentId: back.paymentIntentId };
}

/** What to tell the buyer when Stripe took the money but the sale could not be made: why, and that the money is back. */
export function returnedMessage(s: StripeStrings, details: Record<string, unknown>): string {
  const reason = s.returned[details.reason as keyof StripeStrings['returned']] ?? s.returned.order_closed;
  return `${reason} ${details.refunded ? s.refunded : s.notCharged} ${s.startAgain}`;
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** `closed`: the order has no Stripe payment to show (e.g. a return for an unknown payment); only the way back is left. */
type Phase = 'checking' | 'loading' | 'ready' | 'paying' | 'processing' | 'failed' | 'closed';

/**
 * Pays a pending order through Stripe: Stripe's Payment Element (card, TWINT, Apple Pay,
 * Google Pay, as the shop's Stripe account offers) and a pay button for the order's amount.
 * A ticket order by default; what else it pays (a purchase of the gift shop) comes with `sale`.
 *
 * Stripe Elements cannot live in a shadow root, so the Payment Element is mounted in a
 * `<div slot="payment-element">` this element adds to the light DOM of the outermost element
 * whose shadow roots hold it, the one in the document (`<ticket-shop>`, which forwards it with
 * `<slot name="payment-element" slot="payment-element">`, through `<tk-gift-shop>` too), or to
 * its own light DOM when used on its own; it removes the `<div>` when it leaves. The Element is
 * themed from the `--tk-*` custom properties and speaks the buyer's language.
 *
 * @fires tk-stripe-paid - The order (or purchase) is paid and its tickets (or code) issued. Detail: `{ order }`.
 * @fires tk-stripe-returned - Stripe took the payment but the sale could not be made; the money was released or refunded. Detail: `{ message }`.
 * @fires tk-stripe-processing - Stripe is still processing the payment; the order completes without the buyer, who gets an e-mail.
 * @fires tk-stripe-back - The buyer wants another payment method.
 * @slot payment-element - Where the Payment Element shows (filled by this element).
 * @csspart stripe-payment - The payment area.
 * @csspart pay-button - The pay button.
 */
export class TkStripePayment extends LitElement {
  static override styles = [hostStyles, spinnerStyles, stripePaymentStyles];

  /** The pending order (or purchase) to pay, with its Stripe payment (`order.stripe`). */
  @property({ attribute: false }) order: StripePayable | null = null;

  /** The API client of the shop: completes a ticket order when no `sale` is given. */
  @property({ attribute: false }) client: ShopClient | null = null;

  /** How to complete what is paid, when it is not a ticket order (`ticketOrderSale(client)`). */
  @property({ attribute: false }) sale: StripeSale | null = null;

  /** Gives the Stripe object; by default Stripe.js from js.stripe.com. */
  @property({ attribute: false }) loader: StripeLoader | null = null;

  /** A PaymentIntent the buyer comes back with (after a redirect): it is settled before anything else is shown. */
  @property({ attribute: false }) paymentIntentId: string | null = null;

  /** BCP 47 language of the texts, of Stripe's texts too. */
  @property() locale = 'en';

  @state() private phase: Phase = 'loading';
  @state() private error: string | null = null;

  @query('[role="alert"]') private alert!: HTMLElement | null;

  readonly #localize = new LocalizeController(this);
  readonly #focus = new ControlFocusController(this);
  #stripe: StripeApi | null = null;
  #elements: StripeElementsGroup | null = null;
  #paymentElement: StripePaymentElement | null = null;
  #container: HTMLDivElement | null = null;

  private get strings(): StripeStrings {
    return stripeStrings(this.locale);
  }

  /** What completes the payment: the host's, or a ticket order's through the client. */
  get #sale(): StripeSale | null {
    return this.sale ?? (this.client && ticketOrderSale(this.client));
  }

  /** Focuses the heading of the payment area. */
  override focus(options?: FocusOptions): void {
    focusInside(this, 'h3', options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Up through every shadow root to the element in the document, where Stripe's iframe may live.
    let host: Element = this;
    for (let root = host.getRootNode(); root instanceof ShadowRoot; root = host.getRootNode()) host = root.host;
    this.#container = document.createElement('div');
    this.#container.slot = 'payment-element';
    host.appendChild(this.#container);
    // Connected again (moved in the page): the Element of the last time went with its container.
    if (this.hasUpdated) void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#paymentElement?.destroy();
    this.#paymentElement = null;
    this.#container?.remove();
    this.#container = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('order') && this.order && this.isConnected && !changed.get('order')) void this.#start();
  }

  /** Shows the Payment Element, or first settles the payment the buyer came back with (which shows it unless that ended the purchase). */
  async #start() {
    const intent = this.paymentIntentId;
    if (!intent) return this.#mount();
    this.phase = 'checking';
    this.paymentIntentId = null;
    return this.#settle(intent);
  }

  async #mount() {
    const payment = this.order?.stripe;
    const container = this.#container;
    if (!container) return;
    if (!payment) {
      this.phase = 'closed';
      return;
    }
    this.phase = 'loading';
    try {
      this.#stripe ??= await (this.loader ?? loadStripeJs)(payment.publishableKey, {
        ...(payment.stripeAccount ? { stripeAccount: payment.stripeAccount } : {}),
        locale: matchLocale(this.locale) ?? 'en',
      });
      if (!this.#stripe) throw new Error('Stripe.js did not load');
      // Taken out of the page while Stripe.js loaded: its container went with it (a new one mounts on reconnection).
      if (container !== this.#container) return;
      this.#paymentElement?.destroy();
      this.#elements = this.#stripe.elements({ clientSecret: payment.clientSecret, appearance: stripeAppearance(this), locale: matchLocale(this.locale) ?? 'en' });
      this.#paymentElement = this.#elements.create('payment', { layout: 'tabs' });
      this.#paymentElement.mount(container);
      this.phase = 'ready';
    } catch {
      this.#stripe = null;
      this.phase = 'failed';
    }
  }

  async #pay(event: Event) {
    event.preventDefault();
    const order = this.order;
    if (this.phase !== 'ready' || !this.#stripe || !this.#elements || !order?.stripe) return;
    this.phase = 'paying';
    this.error = null;
    const t = this.#localize.t;
    let result;
    try {
      result = await this.#stripe.confirmPayment({
        elements: this.#elements,
        redirect: 'if_required',
        confirmParams: { return_url: stripeReturnUrl(order, location.href, this.#sale?.param) },
      });
    } catch {
      result = { error: { type: 'api_connection_error' } };
    }
    if (result.error) {
      // Stripe words card and form errors in the buyer's language itself (it was loaded with it); other failures are ours to say.
      const own = result.error.type === 'card_error' || result.error.type === 'validation_error';
      this.#fail(own && result.error.message ? result.error.message : t.errors.generic);
      return;
    }
    await this.#settle(result.paymentIntent?.id ?? order.stripe.paymentIntentId);
  }

  /**
   * Asks the API to complete the order with this payment. The purchase ends here (paid, sent
   * back, or still processing), or the buyer can pay (again) in the Payment Element.
   */
  async #settle(paymentIntentId: string): Promise<void> {
    const order = this.order;
    const sale = this.#sale;
    if (!order || !sale) return;
    this.phase = this.phase === 'checking' ? 'checking' : 'paying';
    for (let poll = 0; ; poll++) {
      let answer: StripePayable;
      try {
        answer = await sale.complete(order, paymentIntentId);
      } catch (err) {
        if (err instanceof ShopApiError && err.code === 'payment_returned') {
          emit(this, 'tk-stripe-returned', { message: sale.returned?.(err.details) ?? returnedMessage(this.strings, err.details) });
          return;
        }
        // A decline (translated with its reason), or the API or Stripe out of reach: the buyer can try again.
        await this.#ready();
        this.#fail(errorMessage(this.#localize.t, err));
        return;
      }
      if (answer.status === 'paid') {
        // The sale answers what the API answered for what it sells: a ticket order or a purchase.
        emit(this, 'tk-stripe-paid', { order: answer as OrderView | ProductOrderView });
        return;
      }
      if (answer.stripe?.status === 'processing') {
        if (poll < PROCESSING_POLLS) {
          await wait(POLL_DELAY_MS);
          continue;
        }
        this.phase = 'processing';
        emit(this, 'tk-stripe-processing', {});
        this.#focus.moveAfterUpdate(() => this.renderRoot.querySelector<HTMLElement>('[role="status"]'));
        return;
      }
      // Not paid (the buyer left Stripe's page without paying): the same order, paid in the Payment Element.
      if (answer.stripe) this.order = answer;
      await this.#ready();
      return;
    }
  }

  /** The Payment Element is there to pay again (mounted first when the buyer came back from a redirect). */
  async #ready() {
    if (this.#paymentElement) this.phase = 'ready';
    else await this.#mount();
  }

  #fail(message: string) {
    if (this.phase === 'paying') this.phase = 'ready';
    this.error = message;
    // Said by the alert's role; focus goes to it so the buyer reads it and tabs on to the form.
    this.#focus.moveAfterUpdate(() => this.alert);
  }

  override render() {
    const t = this.#localize.t;
    const s = this.strings;
    const payment = this.order?.stripe;
    const busy = this.phase === 'paying' || this.phase === 'checking';
    const amount = payment ? formatMoney(payment.amount, payment.currency.toUpperCase(), this.locale) : '';
    if (this.phase === 'processing') {
      return html`<section class="payment" part="stripe-payment">
        <h3 tabindex="-1">${s.heading}</h3>
        <p class="alert alert-success" role="status" tabindex="-1">${this.sale?.processing ?? s.processing}</p>
      </section>`;
    }
    return html`<form class="payment" part="stripe-payment" novalidate @submit=${this.#pay} aria-busy=${busy || this.phase === 'loading' ? 'true' : 'false'}>
      <h3 tabindex="-1">${s.heading}</h3>
      ${this.phase === 'checking' || this.phase === 'loading'
        ? html`<p class="status" role="status"><span class="spinner" aria-hidden="true"></span>${this.phase === 'checking' ? s.checking : s.loading}</p>`
        : nothing}
      ${this.phase === 'failed'
        ? html`<div class="alert alert-error" role="alert">${s.loadFailed}</div>
            <button type="button" class="btn" @click=${() => void this.#mount()}>${t.retry}</button>`
        : nothing}
      <div class="element" ?hidden=${this.phase === 'checking' || this.phase === 'failed' || this.phase === 'closed'}><slot name="payment-element"></slot></div>
      ${this.error ? html`<div class="alert alert-error" role="alert" tabindex="-1">${this.error}</div>` : nothing}
      <div class="actions">
        <button class="btn btn-primary" part="pay-button" ?disabled=${this.phase !== 'ready'} aria-busy=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t.paying}` : t.pay(amount)}
        </button>
        <button type="button" class="btn btn-link" ?disabled=${busy} @click=${() => emit(this, 'tk-stripe-back', {})}>← ${s.back}</button>
      </div>
    </form>`;
  }
}

defineElement('tk-stripe-payment', TkStripePayment);

declare global {
  interface HTMLElementTagNameMap {
    'tk-stripe-payment': TkStripePayment;
  }
}
