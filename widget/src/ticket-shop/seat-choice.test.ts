import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { formatMoney } from '../i18n/localize.js';
import { deepAll, text, until } from '../testing/dom.js';
import { realClient, testEnv } from '../testing/real-api.js';
import './ticket-shop.js';
import type { TicketShop } from './ticket-shop.js';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
});

describe('<ticket-shop> choosing seats on the map (real API)', function () {
  this.timeout(40_000);

  it('gives each zone of the legend, after “from”, the lowest tariff a buyer can pick there without a code', async () => {
    const { api, demo } = await testEnv();
    const el = await fixture<TicketShop>(html`<ticket-shop shop=${demo.shopId} api=${api} event=${demo.arenaEventId} lang="en"></ticket-shop>`);
    const zones = await until(() => {
      const items = deepAll(el, ['tk-seat-map'], '[part="legend"] li:not(.state)');
      return items.length > 0 && items.map(text);
    }, 'the legend');
    const detail = await (await realClient()).performance(demo.arenaPerformanceId);
    const money = (amount: number) => text(Object.assign(document.createElement('span'), { textContent: formatMoney(amount, detail.currency, 'en') }));
    expect(zones).to.deep.equal(
      detail.zones.map((zone) => `${zone.name} from ${money(Math.min(...detail.tariffs.filter((t) => t.zoneId === zone.id).map((t) => t.price)))}`),
    );
    // Premium: an adult pays 149.00, a child 75.00; "from" is the child's price, which anyone may pick.
    const premium = detail.tariffs.filter((t) => t.zoneId === detail.zones[0]!.id);
    expect(premium.map((t) => [t.name, t.price])).to.deep.equal([
      ['Adulte', 14_900],
      ['Enfant', 7_500],
    ]);
    expect(zones[0]).to.equal(`Premium from ${money(7_500)}`);
  });
});
