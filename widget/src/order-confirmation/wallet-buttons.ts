import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { read, type ShopClient } from '../api/client.js';
import type { OrderView, ShopInfo } from '../api/types.js';
import { defineElement } from '../define.js';
import { errorMessage, LocalizeController, matchLocale } from '../i18n/localize.js';
import { hostStyles } from '../styles/shared.styles.js';

/** What the confirmation needs to put one ticket in a wallet (the shop client's `wallet()`): the wallets offered and where each pass comes from. */
export interface WalletAccess {
  apple: boolean;
  google: boolean;
  /** The .pkpass download of a ticket (the order's secret is in it). */
  applePassUrl: (ticketNumber: string) => string;
  /** Google Wallet's save page of a ticket, signed by the API on request. */
  googleSaveUrl: (ticketNumber: string) => Promise<string>;
}

/** The order's tickets in the wallets the shop offers (ShopInfo.wallets), through the shop client's typed routes; none offered: null. */
export function walletAccess(client: ShopClient | null, order: Pick<OrderView, 'number' | 'secret'>, offered: ShopInfo['wallets'] | null | undefined): WalletAccess | null {
  if (!client || (!offered?.apple && !offered?.google)) return null;
  const ticket = client.routes.orders[':number'].tickets[':ticketNumber'];
  const args = (ticketNumber: string) => ({ param: { shopId: client.shopId, number: order.number, ticketNumber }, query: { secret: order.secret } });
  return {
    ...offered,
    applePassUrl: (ticketNumber) => ticket['wallet.pkpass'].$url(args(ticketNumber)).href,
    googleSaveUrl: async (ticketNumber) => (await read(() => ticket['google-wallet'].$get(args(ticketNumber)))).saveUrl,
  };
}

const strings = {
  en: { apple: 'Add to Apple Wallet', google: 'Add to Google Wallet' },
  fr: { apple: 'Ajouter à Apple Wallet', google: 'Ajouter à Google Wallet' },
  de: { apple: 'Zu Apple Wallet hinzufügen', google: 'Zu Google Wallet hinzufügen' },
  it: { apple: 'Aggiungi a Apple Wallet', google: 'Aggiungi a Google Wallet' },
};

/**
 * "Add to Apple Wallet" (a link: Safari hands the pass to Wallet) and "Add to Google Wallet"
 * (asks the API for the signed link, then opens Google's page) for one valid ticket.
 *
 * @csspart apple-wallet - The link to the ticket's Apple Wallet pass.
 * @csspart google-wallet - The button that opens Google Wallet.
 * @csspart wallet-error - Why Google Wallet could not be opened.
 */
export class TkWalletButtons extends LitElement {
  static override styles = [
    hostStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: calc(var(--_space) / 2);
      }
      .error {
        flex-basis: 100%;
        color: var(--_danger);
      }
    `,
  ];

  @property({ attribute: false }) wallet: WalletAccess | null = null;
  @property({ attribute: 'ticket-number' }) ticketNumber = '';
  @property() locale = 'en';
  @state() private opening = false;
  @state() private error = '';
  private readonly localize = new LocalizeController(this);

  override render() {
    const wallet = this.wallet;
    if (!wallet || !this.ticketNumber) return nothing;
    const s = strings[matchLocale(this.locale) ?? 'en'];
    return html`${wallet.apple ? html`<a class="btn" part="apple-wallet" href=${wallet.applePassUrl(this.ticketNumber)} download=${`ticket-${this.ticketNumber}.pkpass`}>${s.apple}</a>` : nothing}
    ${wallet.google ? html`<button type="button" class="btn" part="google-wallet" ?disabled=${this.opening} @click=${() => void this.openGoogle(wallet)}>${s.google}</button>` : nothing}
    ${this.error ? html`<p class="error" part="wallet-error" role="alert">${this.error}</p>` : nothing}`;
  }

  private async openGoogle(wallet: WalletAccess) {
    this.opening = true;
    this.error = '';
    try {
      const url = await wallet.googleSaveUrl(this.ticketNumber);
      // A new tab while the click still counts as the buyer's; where a blocker refuses it, this tab goes.
      const tab = window.open(url, '_blank');
      if (tab) tab.opener = null;
      else window.location.assign(url);
    } catch (err) {
      this.error = errorMessage(this.localize.t, err);
    } finally {
      this.opening = false;
    }
  }
}

defineElement('tk-wallet-buttons', TkWalletButtons);

declare global {
  interface HTMLElementTagNameMap {
    'tk-wallet-buttons': TkWalletButtons;
  }
}
