import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { httpJson, type HttpResult, runBounded, type RunningServer, startServer } from './http-server.js';

/**
 * A reseller overselling its quota over real HTTP against the production Node build: 200
 * sales at once (hold, then checkout on the reseller's account) for a quota of 50 places. The
 * database decides; nothing here asserts on timing.
 */

const SHOP = '/api/shops/shp_demo';
const SALES = 200;
const QUOTA = 50;

describe('a reseller overselling its quota (200 concurrent sales over real HTTP)', () => {
  let server: RunningServer;
  let audit: Client;

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers, 60_000);
  const org = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${server.demo.token}` });
  const scalar = async (sql: string, args: (string | number)[] = []) => Number(Object.values((await audit.execute({ sql, args })).rows[0]!)[0]);

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
  });

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('sells exactly the quota, refuses the rest as reseller_quota_exhausted, and the hall’s counter stays exact', async () => {
    const performanceId = server.demo.concertPerformanceIds[0]!;
    const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
    const tariffId = (performance.body.tariffs as any[]).find((t) => t.zoneId === null).id as string;
    const reseller = await org('POST', '/api/org/resellers', { name: 'Office du tourisme', email: 'ventes@tourisme.example.ch', commissionBps: 1000 });
    const token = await org('POST', '/api/org/tokens', { label: 'Tourisme', role: 'reseller', resellerId: reseller.body.id });
    expect(token.status).toBe(201);
    expect((await org('PUT', `/api/org/resellers/${reseller.body.id}/quotas/${performanceId}`, { places: QUOTA })).status).toBe(200);
    const takenBefore = await scalar('SELECT taken FROM ga_inventory WHERE performance_id = ?', [performanceId]);
    const asReseller = { Authorization: `Bearer ${token.body.token}` };

    const sale = async (i: number): Promise<{ hold: HttpResult; checkout?: HttpResult }> => {
      const hold = await call('POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId, quantity: 1 }] }, asReseller);
      if (hold.status !== 201) return { hold };
      const checkout = await call(
        'POST',
        `${SHOP}/holds/${hold.body.id}/checkout`,
        { buyer: { name: `Visitor ${i}`, email: `visitor${i}@example.ch`, language: 'de' }, payment: { method: 'reseller' } },
        asReseller,
      );
      return { hold, checkout };
    };
    const results = await runBounded(
      Array.from({ length: SALES }, (_, i) => () => sale(i)),
      SALES,
    );

    const all = results.flatMap((r) => (r.checkout ? [r.hold, r.checkout] : [r.hold]));
    expect(all.filter((r) => r.status >= 500).map((r) => r.body), server.output()).toEqual([]);
    const sold = results.filter((r) => r.checkout?.status === 201);
    const refusals = results.filter((r) => r.checkout?.status !== 201).map((r) => (r.checkout ?? r.hold).body.error?.code);
    const refusedAtHold = results.filter((r) => !r.checkout).length;
    console.log(`reseller race: ${SALES} sales for a quota of ${QUOTA}: ${sold.length} sold, ${refusals.length} refused (${refusedAtHold} at the hold, ${refusals.length - refusedAtHold} at checkout), 0 5xx`);
    expect(sold).toHaveLength(QUOTA);
    expect(new Set(refusals)).toEqual(new Set(['reseller_quota_exhausted']));
    expect(refusals).toHaveLength(SALES - QUOTA);

    expect(await scalar('SELECT taken FROM reseller_quotas WHERE reseller_id = ? AND performance_id = ?', [reseller.body.id, performanceId])).toBe(QUOTA);
    expect(await scalar("SELECT count(*) FROM tickets t JOIN orders o ON o.id = t.order_id WHERE o.reseller_id = ? AND o.channel = 'reseller' AND t.status = 'valid'", [reseller.body.id])).toBe(QUOTA);
    // The hall counts the 50 sold places, and nothing of the refused sales.
    expect(await scalar('SELECT taken FROM ga_inventory WHERE performance_id = ?', [performanceId])).toBe(takenBefore + QUOTA);
    expect(await scalar("SELECT coalesce(sum(quantity), 0) FROM ga_claims WHERE performance_id = ? AND state = 'held'", [performanceId])).toBe(0);
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
  });

  it('the sale’s own counter decides too: 100 holds made under a larger quota, the quota lowered to 30, 100 checkouts at once', async () => {
    const performanceId = server.demo.concertPerformanceIds[0]!;
    const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
    const tariffId = (performance.body.tariffs as any[]).find((t) => t.zoneId === null).id as string;
    const reseller = await org('POST', '/api/org/resellers', { name: 'Kiosque de la gare', email: 'kiosque@example.ch' });
    const token = await org('POST', '/api/org/tokens', { label: 'Kiosque', role: 'reseller', resellerId: reseller.body.id });
    const asReseller = { Authorization: `Bearer ${token.body.token}` };
    expect((await org('PUT', `/api/org/resellers/${reseller.body.id}/quotas/${performanceId}`, { places: 100 })).status).toBe(200);
    const holds = await runBounded(
      Array.from({ length: 100 }, () => () => call('POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId, quantity: 1 }] }, asReseller)),
      16,
    );
    expect(holds.map((h) => h.status)).toEqual(Array(100).fill(201));
    // Lowering places checks only what was sold (nothing yet): the carts are the reseller's to lose.
    expect((await org('PUT', `/api/org/resellers/${reseller.body.id}/quotas/${performanceId}`, { places: 30 })).status).toBe(200);

    const checkouts = await runBounded(
      holds.map((h, i) => () => call('POST', `${SHOP}/holds/${h.body.id}/checkout`, { buyer: { name: `Traveller ${i}`, email: `t${i}@example.ch`, language: 'it' }, payment: { method: 'reseller' } }, asReseller)),
      100,
    );
    expect(checkouts.filter((r) => r.status >= 500).map((r) => r.body), server.output()).toEqual([]);
    const sold = checkouts.filter((r) => r.status === 201).length;
    const refused = checkouts.filter((r) => r.status !== 201).map((r) => r.body.error?.code);
    console.log(`reseller race at checkout: 100 checkouts for a quota lowered to 30: ${sold} sold, ${refused.length} refused, 0 5xx`);
    expect(sold).toBe(30);
    expect(new Set(refused)).toEqual(new Set(['reseller_quota_exhausted']));
    expect(await scalar('SELECT taken FROM reseller_quotas WHERE reseller_id = ?', [reseller.body.id])).toBe(30);
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
  });
});
