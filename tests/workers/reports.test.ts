import { beforeAll, describe, expect, it } from 'vitest';
import { salesGroupings } from '../../contract/reports';
import { buyer, call, expectOk, GOOD_CARD, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';

/**
 * The reports' SQL (json_each, window functions, local days) on the storage of the run: D1, or
 * the libSQL stand-in under vitest.libsql.config.ts. The figures themselves are checked in
 * detail on Node (tests/node/reports.test.ts); here, that each report answers and counts a sale.
 */
describe('reports on Workers storage', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatre: SeatedPerformance;
  let paid: { total: number };
  const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Zurich' });

  beforeAll(async () => {
    demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: theatre.seatIds.slice(0, 2).map((seatId) => ({ seatId })) }), 201);
    paid = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201).body;
  });

  it('counts the sale in every grouping of the sales report, and in its CSV', async () => {
    for (const groupBy of salesGroupings) {
      const report = expectOk(await demo.org('GET', `/api/org/reports/sales?from=${today()}&to=${today()}&groupBy=${groupBy}`), 200);
      expect(report.body.totals, groupBy).toEqual([expect.objectContaining({ currency: 'CHF', tickets: 2, total: paid.total })]);
      expect(report.body.rows.reduce((sum: number, row: { tickets: number }) => sum + row.tickets, 0), groupBy).toBe(2);
    }
    const csv = await demo.org('GET', `/api/org/reports/sales.csv?from=${today()}&to=${today()}&groupBy=tariff`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
  });

  it('answers the dashboard and the other reports', async () => {
    const dashboard = expectOk(await demo.org('GET', '/api/org/reports/today'), 200);
    expect(dashboard.body.today.sales).toEqual([expect.objectContaining({ currency: 'CHF', tickets: 2, total: paid.total })]);
    expect(dashboard.body.recentOrders.length).toBe(1);
    for (const report of ['codes', 'insurance', 'refunds', 'commissions']) {
      expectOk(await demo.org('GET', `/api/org/reports/${report}?from=${today()}&to=${today()}`), 200);
    }
  });
});
