import { expect, fixture, html } from '@open-wc/testing';
import { loadTranslation } from '../i18n/localize.js';
import { freeOrder, realClient } from '../testing/real-api.js';
import './order-confirmation.js';
import type { TkOrderConfirmation } from './order-confirmation.js';

const until = async <T>(probe: () => T | null | undefined, what: string): Promise<T> => {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never appeared: ${what}`);
};

/**
 * The wallet buttons of the confirmation, against the real API of the test server. That server
 * has no wallet credentials (the signed passes themselves are tested in tests/node/wallet-passes
 * and tests/workers/wallet), so here the shop's `wallets` are set by hand and the API's refusal,
 * wallet_not_offered, is what the buyer must read, in their language.
 */
describe('tk-wallet-buttons in the confirmation', () => {
  it('shows no wallet button when the shop offers none', async () => {
    const order = await freeOrder(1);
    const client = await realClient();
    expect((await client.shop()).wallets).to.deep.equal({ apple: false, google: false });
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} .client=${client} .wallets=${(await client.shop()).wallets} locale="en"></tk-order-confirmation>`);
    expect(el.shadowRoot!.querySelector('tk-wallet-buttons')).to.equal(null);
  });

  it('links each valid ticket to its Apple pass and asks the API for the Google link, saying why not in the buyer\'s language', async () => {
    const order = await freeOrder(2);
    const client = await realClient();
    await loadTranslation('de');
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${order} .client=${client} .wallets=${{ apple: true, google: true }} locale="de"></tk-order-confirmation>`);
    const buttons = [...el.shadowRoot!.querySelectorAll('tk-wallet-buttons')];
    expect(buttons).to.have.length(2);
    for (const [i, ticket] of order.tickets.entries()) {
      const apple = buttons[i]!.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="apple-wallet"]')!;
      expect(apple.textContent).to.equal('Zu Apple Wallet hinzufügen');
      const url = new URL(apple.href);
      expect(url.pathname).to.equal(`/api/shops/shp_demo/orders/${order.number}/tickets/${ticket.number}/wallet.pkpass`);
      expect(url.searchParams.get('secret')).to.equal(order.secret);
      // The real route answers: this server offers no Apple Wallet.
      const res = await fetch(apple.href);
      expect(res.status).to.equal(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('wallet_not_offered');
    }
    const google = buttons[0]!.shadowRoot!.querySelector<HTMLButtonElement>('button[part="google-wallet"]')!;
    expect(google.textContent).to.equal('Zu Google Wallet hinzufügen');
    google.click();
    const alert = await until(() => buttons[0]!.shadowRoot!.querySelector('[part="wallet-error"]'), 'the refusal');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.equal('Dieser Shop bietet keine Wallet-Tickets an: Laden Sie stattdessen das PDF herunter.');
    expect(google.disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('offers no wallet for a ticket that is no longer valid', async () => {
    const order = await freeOrder(2);
    const client = await realClient();
    const changed = { ...order, tickets: [{ ...order.tickets[0]!, status: 'exchanged' as const }, order.tickets[1]!] };
    const el = await fixture<TkOrderConfirmation>(html`<tk-order-confirmation .order=${changed} .client=${client} .wallets=${{ apple: false, google: true }} locale="en"></tk-order-confirmation>`);
    const buttons = [...el.shadowRoot!.querySelectorAll('tk-wallet-buttons')];
    expect(buttons).to.have.length(1);
    expect(buttons[0]!.getAttribute('ticket-number')).to.equal(order.tickets[1]!.number);
    expect(buttons[0]!.shadowRoot!.querySelector('a[part="apple-wallet"]')).to.equal(null);
    expect(buttons[0]!.shadowRoot!.querySelector('button[part="google-wallet"]')!.textContent).to.equal('Add to Google Wallet');
  });
});
