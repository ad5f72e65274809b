import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createShopClient, ShopApiError, type ShopClient } from '../api/client.js';
import type { ProductCatalog, ProductOrderView, ProductPurchase, ShopInfo } from '../api/types.js';
import { validateCheckout } from '../checkout-form/checkout-form.js';
import { defineElement } from '../define.js';
import { errorMessage, formatMoney, LocalizeController, matchLocale } from '../i18n/localize.js';
import { fieldStyles, hostStyles } from '../styles/shared.styles.js';
import { giftShopStyles } from './gift-shop.styles.js';
import { giftStrings } from './strings.js';

type Choice = { kind: 'voucher'; amount: number | 'other' } | { kind: 'pass'; id: string };

/**
 * Buying a gift voucher (one of the shop's amounts or a free amount in its range) or a pass,
 * paid in one step (the simulated card of test-mode shops, or free), and the code it carries.
 * Shown by `<ticket-shop shop="…" gifts>`; the API prices and issues, this element only asks.
 *
 * @csspart gift-form - The form.
 * @csspart gift-code - The code bought.
 */
export class TkGiftShop extends LitElement {
  static override styles = [hostStyles, fieldStyles, giftShopStyles];

  /** The shop id (shp_…). */
  @property() shop = '';

  /** Origin of the ticket-shop server, resolved by `<ticket-shop>` (its `api` attribute or the script's origin). */
  @property() api = '';

  /** BCP 47 language of the texts. */
  @property() locale = 'en';

  @state() private catalog: ProductCatalog | null = null;
  @state() private info: ShopInfo | null = null;
  @state() private choice: Choice | null = null;
  @state() private values = { other: '', forName: '', name: '', email: '', cardNumber: '' };
  @state() private submitted = false;
  @state() private busy = false;
  @state() private error: string | null = null;
  @state() private bought: ProductOrderView | null = null;

  private client: ShopClient | null = null;
  /** A purchase whose card was declined: paying again pays this one instead of placing another (same choice only). */
  private declined: { number: string; secret: string; key: string } | null = null;
  private readonly localize = new LocalizeController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('shop') || changed.has('api')) && this.shop) void this.load();
  }

  private async load() {
    const client = (this.client = createShopClient(this.api || location.origin, this.shop));
    this.error = null;
    try {
      const [info, catalog] = await Promise.all([client.shop(), client.products()]);
      if (client !== this.client) return;
      this.info = info;
      this.catalog = catalog;
    } catch (err) {
      this.error = errorMessage(this.localize.t, err);
    }
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
    const checked = validateCheckout({ name: this.values.name, email: this.values.email, language, cardNumber: this.values.cardNumber }, (this.price ?? 0) > 0);
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
    const payment = price === 0 ? ({ method: 'free' } as const) : ({ method: 'simulated_card', cardNumber: this.values.cardNumber.replace(/\s+/g, '') } as const);
    const forName = this.values.forName.trim();
    this.busy = true;
    this.error = null;
    // The same purchase as the declined one (product, amount, name): pay that one again.
    const key = JSON.stringify([choice, price, forName]);
    const retry = this.declined?.key === key ? this.declined : null;
    const purchase: ProductPurchase =
      choice.kind === 'pass'
        ? { kind: 'pass', passProductId: choice.id, holderName: forName, buyer, payment }
        : { kind: 'voucher', amount: price, ...(forName ? { recipientName: forName } : {}), buyer, payment };
    try {
      this.bought = retry ? await this.client.payProduct(retry.number, retry.secret, payment) : await this.client.buyProduct(purchase);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#bought')?.focus();
      this.declined = null;
    } catch (err) {
      if (err instanceof ShopApiError && err.code === 'payment_declined' && typeof err.details.orderNumber === 'string') {
        this.declined = { number: err.details.orderNumber, secret: String(err.details.orderSecret), key };
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
      ${free || price === null
        ? nothing
        : html`<span class="test-mode">${t.testMode}</span>${this.field('cardNumber', t.cardNumber, 'text', 'cc-number', t.testModeHint)}`}
      ${this.error ? html`<div class="alert alert-error" role="alert">${this.error}</div>` : nothing}
      <button class="btn btn-primary" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.busy ? t.paying : free ? g.getFree : price === null ? g.pay : t.pay(this.money(price))}
      </button>
    </form>`;
  }

  private renderBought() {
    const g = this.g;
    const bought = this.bought!;
    return html`<section class="bought" aria-labelledby="bought">
      <h3 id="bought" tabindex="-1">${g.thankYou}</h3>
      <p class="code" part="gift-code">${bought.code}</p>
      <p>${bought.kind === 'pass' ? bought.pass?.name : `${g.voucher} · ${this.money(bought.voucher?.amount ?? bought.amount)}`}</p>
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
