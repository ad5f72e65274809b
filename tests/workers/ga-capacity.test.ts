import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertStoredLedgerIntact, call, expectOk, SHOP, seedDemoShop } from './helpers';

/** General admission: concurrent holds never take more units than the capacity. */
describe('general-admission capacity under concurrency in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let tariffId: string;
  // The ledger's invariants after every test (tests/shared/ledger-audit.ts).
  afterEach(() => assertStoredLedgerIntact());
  beforeAll(async () => {
    demo = await seedDemoShop();
    const perf = expectOk(await call('GET', `${SHOP}/performances/${demo.concertPerformanceIds[0]}`), 200);
    tariffId = perf.body.tariffs[0].id;
  });

  it('lets the organizer lower the capacity', async () => {
    const res = await demo.org('PATCH', `/api/org/performances/${demo.concertPerformanceIds[0]}`, { capacity: 7 });
    expect(res.status).toBe(200);
    expect(res.body.capacity).toBe(7);
    const availability = expectOk(await call('GET', `${SHOP}/performances/${demo.concertPerformanceIds[0]}/availability`), 200);
    expect(availability.body).toMatchObject({ capacity: 7, remaining: 7 });
  });

  it('sells exactly the capacity to 15 concurrent buyers of one or two tickets, never more', async () => {
    const performanceId = demo.concertPerformanceIds[0]!;
    const quantities = Array.from({ length: 15 }, (_, i) => (i % 2) + 1);
    const results = await Promise.all(quantities.map((quantity) => call('POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId, quantity }] })));

    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const taken = results.reduce((sum, r, i) => sum + (r.status === 201 ? quantities[i]! : 0), 0);
    // Eight buyers want one ticket: while a unit is left, a one-ticket buyer still fits, so
    // whatever the order the counter ends exactly at the capacity.
    expect(taken).toBe(7);
    for (const loser of results.filter((r) => r.status !== 201)) {
      expect(loser.status).toBe(409);
      expect(loser.body.error.code).toBe('capacity_exceeded');
    }
    const availability = expectOk(await call('GET', `${SHOP}/performances/${performanceId}/availability`), 200);
    expect(availability.body.remaining).toBe(7 - taken);
  });

  it('refuses a capacity below what is already held', async () => {
    const res = await demo.org('PATCH', `/api/org/performances/${demo.concertPerformanceIds[0]}`, { capacity: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('capacity_below_sold');
  });
});
