import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { createShopClient, ShopApiError } from '../api/client.js';
import { realClient, testEnv } from '../testing/real-api.js';
import { until } from '../testing/dom.js';
import '../ticket-shop/ticket-shop.js';
import type { TicketShop } from '../ticket-shop/ticket-shop.js';
import { en } from './en.js';
import { errorMessage, translation } from './localize.js';

/**
 * The error texts are lazy chunks (i18n/errors/*-errors.ts). This page starts with none of them loaded
 * (its own test file, so no other test loaded them): a refusal of the API must arrive with the
 * texts of the buyer's language already there, so its first render is the right text.
 */
describe('error texts loaded before the API client rejects', function () {
  this.timeout(30_000);
  afterEach(() => fixtureCleanup());
  const refusal = (code: string) => new ShopApiError(404, code, 'English message from the API');

  it('says an unreachable API in the built-in text, without any error table', async () => {
    const client = createShopClient('http://127.0.0.1:9', 'shp_nowhere', () => 'en');
    const failure = await client.shop().catch((err: unknown) => err);
    expect((failure as ShopApiError).code).to.equal('network_error');
    expect(errorMessage(translation('en'), failure)).to.equal(en.errors.network_error);
    // Nothing loaded the English error table: a refusal made by hand can only be said generically.
    expect(errorMessage(en, refusal('hold_not_found'))).to.equal(en.errors.generic);
  });

  it('rejects a refusal only once the texts of the language on screen are there (Italian)', async () => {
    const client = await realClient();
    // Neither the Italian table nor its error texts are there yet (English stands in meanwhile).
    expect(translation('it')).to.equal(en);
    const failure = await client.getHold('hld_unknown000000000000000').catch((err: unknown) => err);
    expect((failure as ShopApiError).code).to.equal('hold_not_found');
    // Said synchronously in the catch, as components do: the Italian table and its error texts are loaded.
    expect(errorMessage(translation('it'), failure)).to.equal('La tua prenotazione non esiste più. Scegli di nuovo.');
  });

  it('shows a refusal in German at its first render, and only that text (no generic text before it)', async () => {
    const { api, demo } = await testEnv();
    const el = await fixture<TicketShop>(html`<ticket-shop shop=${demo.shopId} api=${api} event="evt_unknown00000" lang="de"></ticket-shop>`);
    const seen: string[] = [];
    const alerts = new Set<Element>();
    const record = () => {
      const alert = el.shadowRoot?.querySelector('[role="alert"]');
      if (!alert) return;
      alerts.add(alert);
      const text = alert.textContent?.trim() ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    };
    const observer = new MutationObserver(record);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    record();
    try {
      await until(() => seen.length > 0, 'the error');
      await el.updateComplete;
      record();
    } finally {
      observer.disconnect();
    }
    expect(seen).to.deep.equal(['Diese Veranstaltung wurde nicht gefunden.']);
    expect(alerts.size).to.equal(1);
  });
});
