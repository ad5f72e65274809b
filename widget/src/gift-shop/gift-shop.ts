import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createShopClient, ShopApiError, type ShopClient } from '../api/client.js';
import type { ProductCatalog, ProductOrderView, ProductPurchase, ShopInfo } from '../api/types.js';
import { validateCheckout } from '../checkout-form/checkout-form.js';
import { defineElement } from '../define.js';
import { errorMessage, formatMoney, LocalizeController, matchLocale } from '../i18n/localize.js';
import type { StripeLoader } from '../stripe/stripe-loader.js';
import type { StripeSale } from '../stripe/stripe-payment.js';
import { stripeStrings } from '../stripe/strings.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { giftShopStyles } from './gift-shop.styles.js';
import { giftStrings } from './strings.js';

type Choice = { kind: 'voucher'; amount: number | 'other' } | { kind: 'pass'; id: string };
type Method = 'stripe' | 'card';

/** Paying by Stripe (the Payment Element and Stripe.js's loader): the chunk `<ticket-shop>`'s checkout loads too, fetched only for a purchase paid by Stripe. */
const loadStripe = () => import('../stripe/stripe-payment.js');

/**
 * Buying a gift voucher (one of the shop's amounts or a free amount in its range) or a pass,
 * and the code it carries. Paid by Stripe where the shop takes it (Stripe's Payment Element on
 * a second step, as at the checkout of tickets), by the simulated card of test-mode shops in
 * one step, or free. Shown by `<ticket-shop shop="…" gifts>`; the API prices and issues, this
 * element only asks. Back from Stripe's redirect (`tk-purchase`, `tk-secret` and Stripe's
 * `payment_intent` in the address), it completes the purchase, shows its code (or why not) and
 * takes those parameters out of the address.
 *
 * @slot payment-element - Where Stripe's Payment Element shows, forwarded to `<tk-stripe-payment>`.
 * @csspart gift-form - The form.
 * @csspart gift-code - The code bought.
 * @csspart stripe-payment - The Stripe payment area.
 * @csspart pay-button - The pay button under Stripe's Payment Element.
 */
export class TkGiftShop extends LitElement {
  static override styles = [hostStyles, fieldStyles, giftShopStyles];

  /** The shop id (shp_…). */
  @property() shop = '';

  /** Origin of the ticket-shop server, resolved by `<ticket-shop>` (its `api` attribute or the script's origin). */
  @property() api = '';

  /** BCP 47 language of the texts. */
  @property() locale = 'en';

  /** Gives the Stripe object for a Stripe payment (`<ticket-shop>`'s `stripeLoader`): Stripe.js by default, a stand-in for tests. */
  @property({ attribute: false }) stripeLoader: StripeLoader | null = null;

  @state() private catalog: ProductCatalog | null = null;
  @state() private info: ShopInfo | null = null;
  @state() private choice: Choice | null = null;
  @state() private values = { other: '', forName: '', name: '', email: '', cardNumber: '' };
  @state() private submitted = false;
  @state() private busy = false;
  @state() private error: string | null = null;
  @state() private bought: ProductOrderView | null = null;
  @state() private method: Method | null = null;
  /** The pending purchase paid by Stripe: the Payment Element takes the form's place. */
  @state() private stripePurchase: ProductOrderView | null = null;
  /** A PaymentIntent to settle before the Payment Element shows (back from Stripe's redirect); set with `stripePurchase`. */
  private stripeIntent: string | null = null;

  private client: ShopClient | null = null;
  /**
   * A purchase placed but not paid (its card was declined, or the buyer turned back from Stripe's
   * Payment Element): paying again pays this one instead of placing another (same choice only).
   */
  private unpaid: { number: string; secret: string; key: string } | null = null;
  private readonly localize = new LocalizeController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('shop') || changed.has('api')) && this.shop) void this.load();
  }

  private async load() {
    const client = (this.client = createShopClient(this.api || location.origin, this.shop, () => matchLocale(this.lang)));
    this.error = null;
    try {
      const [info, catalog] = await Promise.all([client.shop(), client.products()]);
      if (client !== this.client) return;
      this.info = info;
      this.catalog = catalog;
      const link = new URLSearchParams(location.search);
      if (link.has('tk-purchase') && link.has('payment_intent')) await this.backFromStripe(client);
    } catch (err) {
      this.error = errorMessage(this.localize.t, err);
    }
  }

  /**
   * Back from Stripe's redirect (3-D Secure, TWINT) with a purchase of this shop: a paid one
   * shows its code straight away; otherwise the Stripe step settles the payment first and shows
   * what came of it. The return's parameters leave the address once the purchase is found (an
   * unknown one may be another widget's on the same page).
   */
  private async backFromStripe(client: ShopClient) {
    const stripe = await loadStripe();
    const back = stripe.stripeReturn(location.search, 'tk-purchase');
    const purchase = back && (await client.productOrder(back.number, back.secret).catch(() => null));
    if (!back || !purchase || client !== this.client) return;
    stripe.forgetStripeReturn();
    if (purchase.status === 'paid') return this.done(purchase);
    this.stripeIntent = back.paymentIntentId;
    this.stripePurchase = purchase;
  }

  /** The methods the shop takes for a product that costs something: Stripe first, the simulated card only in test mode. */
  private get offered(): Method[] {
    const methods = this.info?.paymentMethods ?? [];
    const offered: Method[] = [];
    if (methods.includes('stripe')) offered.push('stripe');
    if (this.info?.testMode && methods.includes('simulated_card')) offered.push('card');
    return offered;
  }

  /** The chosen way to pay, if offered, else the first offered one. */
  private get paymentMethod(): Method | undefined {
    const offered = this.offered;
    return this.method && offered.includes(this.method) ? this.method : offered[0];
  }

  /** How the Stripe step completes a purchase, and what it says about one (the code, not tickets). */
  private sale(client: ShopClient): StripeSale {
    const g = this.g;
    const s = stripeStrings(this.locale);
    return {
      param: 'tk-purchase',
      complete: (purchase, paymentIntentId) => client.completeProductStripePayment(purchase.number, purchase.secret, paymentIntentId),
      processing: g.stripeProcessing,
      returned: (details) => `${g.stripeReturned} ${details.refunded ? s.refunded : s.notCharged}`,
    };
  }

  /** The purchase is paid: its code replaces the form, and takes the focus. */
  private async done(purchase: ProductOrderView) {
    this.bought = purchase;
    this.stripePurchase = null;
    this.unpaid = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#bought')?.focus();
  }

  private get g() {
    return giftStrings[matchLocale(this.locale) ?? 'en'];
  }

  private money(amount: number): string {
    return formatMoney(amount, this.catalog?.currency ?? 'CHF', this.locale);
  }

  /** The price of the chosen product, in minor units (null while none is chosen or the amount is not valid). */
  private get price(): number | null {
    const choice = this.choice;
    if (!choice || !this.catalog) return null;
    if (choice.kind === 'pass') return this.catalog.passes.find((p) => p.id === choice.id)?.price ?? null;
    if (choice.amount !== 'other') return choice.amount;
    const range = this.catalog.vouchers;
    const typed = Math.round(Number(this.values.other.replace(',', '.')) * 100);
    if (!range || range.minAmount === null || range.maxAmount === null || !Number.isFinite(typed)) return null;
    return typed >= range.minAmount && typed <= range.maxAmount ? typed : null;
  }

  private get problems() {
    const g = this.g;
    const found: Record<string, string> = {};
    const language = matchLocale(this.locale) ?? 'en';
    const checked = validateCheckout({ name: this.values.name, email: this.values.email, language, cardNumber: this.values.cardNumber }, (this.price ?? 0) > 0 && this.paymentMethod === 'card');
    for (const [field, problem] of Object.entries(checked)) if (problem) found[field] = this.localize.t.invalid[problem];
    if (!this.choice) found.choice = g.choose;
    else if (this.price === null) {
      const range = this.catalog?.vouchers;
      found.other = g.amountInvalid(this.money(range?.minAmount ?? 0), this.money(range?.maxAmount ?? 0));
    }
    if (this.choice?.kind === 'pass' && this.values.forName.trim() === '') found.forName = g.holderRequired;
    return found;
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (this.busy || !this.client) return;
    this.submitted = true;
    const problems = this.problems;
    const first = ['choice', 'other', 'forName', 'name', 'email', 'cardNumber'].find((field) => problems[field]);
    if (first) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(first === 'choice' ? 'input[name="product"]' : `#${first}`)?.focus();
      return;
    }
    const price = this.price!;
    const choice = this.choice!;
    const buyer = { name: this.values.name.trim(), email: this.values.email.trim(), language: matchLocale(this.locale) ?? 'en' };
    const method = this.paymentMethod;
    if (price > 0 && !method) return;
    const payment: ProductPurchase['payment'] =
      price === 0 ? { method: 'free' } : method === 'stripe' ? { method: 'stripe' } : { method: 'simulated_card', cardNumber: this.values.cardNumber.replace(/\s+/g, '') };
    const forName = this.values.forName.trim();
    this.busy = true;
    this.error = null;
    // The same purchase as the unpaid one (product, amount, name): pay that one again.
    const key = JSON.stringify([choice, price, forName]);
    const retry = this.unpaid?.key === key ? this.unpaid : null;
    const purchase: ProductPurchase =
      choice.kind === 'pass'
        ? { kind: 'pass', passProductId: choice.id, holderName: forName, buyer, payment }
        : { kind: 'voucher', amount: price, ...(forName ? { recipientName: forName } : {}), buyer, payment };
    try {
      const answer = retry ? await this.client.payProduct(retry.number, retry.secret, payment) : await this.client.buyProduct(purchase);
      if (answer.status === 'pending' && answer.stripe) {
        // Pending until Stripe has the money: the Payment Element takes the form's place, its heading the focus.
        await loadStripe();
        this.unpaid = { number: answer.number, secret: answer.secret, key };
        this.stripeIntent = null;
        this.stripePurchase = answer;
        await this.updateComplete;
        this.renderRoot.querySelector('tk-stripe-payment')?.focus();
      } else await this.done(answer);
    } catch (err) {
      if (err instanceof ShopApiError && err.code === 'payment_declined' && typeof err.details.orderNumber === 'string') {
        this.unpaid = { number: err.details.orderNumber, secret: String(err.details.orderSecret), key };
      }
      this.error = errorMessage(this.localize.t, err);
    } finally {
      this.busy = false;
    }
  }

  private input(field: keyof TkGiftShop['values'], value: string) {
    this.values = { ...this.values, [field]: value };
  }

  private field(field: 'other' | 'forName' | 'name' | 'email' | 'cardNumber', label: string, type: string, autocomplete: string, hint?: string) {
    const problem = this.submitted ? this.problems[field] : undefined;
    const described = [problem ? `${field}-error` : '', hint ? `${field}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        type=${type}
        autocomplete=${autocomplete}
        inputmode=${field === 'other' ? 'decimal' : field === 'cardNumber' ? 'numeric' : nothing}
        .value=${this.values[field]}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        ?disabled=${this.busy}
        @input=${(e: Event) => this.input(field, (e.target as HTMLInputElement).value)}
      />
      ${hint ? html`<span class="hint" id="${field}-hint">${hint}</span>` : nothing}
      ${problem ? html`<p class="error" id="${field}-error">${problem}</p>` : nothing}
    </div>`;
  }

  private option(choice: Choice, label: unknown, checked: boolean) {
    return html`<label class="option">
      <input type="radio" name="product" .checked=${checked} ?disabled=${this.busy} @change=${() => (this.choice = choice)} />
      <span>${label}</span>
    </label>`;
  }

  override render() {
    const t = this.localize.t;
    const g = this.g;
    if (this.bought) return this.renderBought();
    if (this.stripePurchase && this.client) return this.renderStripe(this.stripePurchase, this.client);
    const catalog = this.catalog;
    if (!catalog) {
      return this.error ? html`<p class="alert alert-error" role="alert">${this.error}</p>` : html`<p class="muted" role="status">${t.loading}</p>`;
    }
    const vouchers = catalog.vouchers;
    if (!vouchers && catalog.passes.length === 0) return html`<p class="muted">${g.none}</p>`;
    const choice = this.choice;
    const price = this.price;
    const free = price === 0;
    const choiceProblem = this.submitted ? this.problems.choice : undefined;
    return html`<form part="gift-form" novalidate @submit=${this.submit}>
      <h3>${g.title}</h3>
      <fieldset aria-describedby=${choiceProblem ? 'choice-error' : nothing}>
        <legend class="sr-only">${g.choose}</legend>
        ${vouchers
          ? html`<div class="group">
              <h4>${g.voucher}</h4>
              <p class="hint">${g.voucherHint(vouchers.validityDays)}</p>
              ${vouchers.amounts.map((amount) =>
                this.option({ kind: 'voucher', amount }, html`${g.voucher} · <strong>${this.money(amount)}</strong>`, choice?.kind === 'voucher' && choice.amount === amount),
              )}
              ${vouchers.minAmount !== null && vouchers.maxAmount !== null
                ? this.option({ kind: 'voucher', amount: 'other' }, g.otherAmount, choice?.kind === 'voucher' && choice.amount === 'other')
                : nothing}
              ${choice?.kind === 'voucher' && choice.amount === 'other'
                ? this.field('other', `${g.otherAmount} (${catalog.currency})`, 'text', 'off', g.amountRange(this.money(vouchers.minAmount ?? 0), this.money(vouchers.maxAmount ?? 0)))
                : nothing}
            </div>`
          : nothing}
        ${catalog.passes.length > 0
          ? html`<div class="group">
              <h4>${g.passes}</h4>
              ${catalog.passes.map((pass) =>
                this.option(
                  { kind: 'pass', id: pass.id },
                  html`<strong>${pass.name}</strong> · ${this.money(pass.price)}${pass.description ? html`<br /><span class="hint">${pass.description}</span>` : nothing}`,
                  choice?.kind === 'pass' && choice.id === pass.id,
                ),
              )}
            </div>`
          : nothing}
        ${choiceProblem ? html`<p class="error" id="choice-error">${choiceProblem}</p>` : nothing}
      </fieldset>
      ${choice ? this.field('forName', choice.kind === 'pass' ? g.holder : g.recipient, 'text', 'off') : nothing}
      <div class="two">${this.field('name', t.name, 'text', 'name')} ${this.field('email', t.email, 'email', 'email', g.emailHint)}</div>
      ${free || price === null ? nothing : this.renderPayment()}
      ${this.error ? html`<div class="alert alert-error" role="alert">${this.error}</div>` : nothing}
      <button class="btn btn-primary" ?disabled=${this.busy || (!free && price !== null && !this.paymentMethod)} aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.busy
          ? t.paying
          : free
            ? g.getFree
            : price === null
              ? g.pay
              : this.paymentMethod === 'stripe'
                ? stripeStrings(this.locale).continue
                : t.pay(this.money(price))}
      </button>
    </form>`;
  }

  /** The methods the shop takes, labelled as at the checkout of tickets: a choice when there are two, the card's number for the test card. */
  private renderPayment() {
    const t = this.localize.t;
    const s = stripeStrings(this.locale);
    const offered = this.offered;
    const method = this.paymentMethod;
    if (!method) return html`<p class="alert alert-error">${s.methodUnavailable}</p>`;
    const details =
      method === 'stripe'
        ? html`<p class="hint" id="stripe-hint">${s.methodHint}</p>`
        : html`<span class="test-mode">${t.testMode}</span>${this.field('cardNumber', t.cardNumber, 'text', 'cc-number', t.testModeHint)}`;
    if (offered.length === 1) return method === 'stripe' ? html`<strong>${s.method}</strong>${details}` : details;
    const labels: Record<Method, string> = { stripe: s.method, card: t.payByCard };
    return html`<fieldset>
      <legend class="sr-only">${t.payment}</legend>
      ${offered.map(
        (m) => html`<label class="option">
          <input
            type="radio"
            name="method"
            value=${m}
            .checked=${m === method}
            ?disabled=${this.busy}
            aria-describedby=${m === 'stripe' ? 'stripe-hint' : nothing}
            @change=${() => (this.method = m)}
          />
          <span>${labels[m]}</span>
        </label>`,
      )}
      ${details}
    </fieldset>`;
  }

  /** What a purchase is, in a line: the voucher and its amount, or the pass's name. */
  private describe(purchase: ProductOrderView): string {
    return purchase.kind === 'pass' ? (purchase.pass?.name ?? '') : `${this.g.voucher} · ${this.money(purchase.voucher?.amount ?? purchase.amount)}`;
  }

  /**
   * The Stripe step: what is bought, then Stripe's Payment Element and the pay button. The
   * Payment Element lives in the light DOM of the element in the document (`<ticket-shop>`) and
   * shows here through the forwarded slot. Its events stop here: this element handles them.
   */
  private renderStripe(purchase: ProductOrderView, client: ShopClient) {
    const stop = (e: Event) => e.stopPropagation();
    return html`<div class="paying">
      <p class="summary">${this.describe(purchase)}</p>
      <tk-stripe-payment
        exportparts="stripe-payment, pay-button"
        .order=${purchase}
        .sale=${this.sale(client)}
        .loader=${this.stripeLoader}
        .paymentIntentId=${this.stripeIntent}
        .locale=${this.locale}
        @tk-stripe-paid=${(e: CustomEvent<{ order: ProductOrderView }>) => {
          stop(e);
          void this.done(e.detail.order);
        }}
        @tk-stripe-processing=${stop /* The Stripe step says the code comes by e-mail; nothing else changes. */}
        @tk-stripe-returned=${(e: CustomEvent<{ message: string }>) => {
          stop(e);
          // The purchase was closed meanwhile: the form comes back, to buy again, with why.
          this.stripePurchase = null;
          this.unpaid = null;
          this.error = e.detail.message;
        }}
        @tk-stripe-back=${(e: Event) => {
          stop(e);
          void this.backToForm();
        }}
        ><slot name="payment-element" slot="payment-element"></slot
      ></tk-stripe-payment>
    </div>`;
  }

  /** Another method after all: the form as the buyer left it; paying again pays the same purchase. */
  private async backToForm() {
    this.stripePurchase = null;
    this.stripeIntent = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input[name="method"]:checked, button.btn-primary')?.focus();
  }

  private renderBought() {
    const g = this.g;
    const bought = this.bought!;
    return html`<section class="bought" aria-labelledby="bought">
      <h3 id="bought" tabindex="-1">${g.thankYou}</h3>
      <p class="code" part="gift-code">${bought.code}</p>
      <p>${this.describe(bought)}</p>
      <p class="muted">${g.codeIntro}</p>
      <p class="muted">${g.orderNumber(bought.number)}</p>
    </section>`;
  }
}

defineElement('tk-gift-shop', TkGiftShop);

declare global {
  interface HTMLElementTagNameMap {
    'tk-gift-shop': TkGiftShop;
  }
}
