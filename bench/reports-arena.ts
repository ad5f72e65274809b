/**
 * A quick check, not a benchmark of record: every report over the 20,160-seat demo arena sold
 * out (2,016 orders of 10 tickets paid over 30 days, written straight into the ledger with SQL),
 * each answered by the app in process on a local libSQL file. Prints the time of each, the best
 * of 3. `npx tsx bench/reports-arena.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeStorage } from '../db/node-storage.js';
import { buildApp } from '../worker/src/app.js';
import type { Deps } from '../worker/src/env.js';
import { seedDemo } from '../worker/src/seed/demo.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'reports-arena-'));
try {
  const storage = await openNodeStorage(`file:${join(dir, 'bench.db')}`);
  const now = Date.now();
  const demo = await seedDemo(storage, now, { arena: true });
  const start = now - 30 * DAY;
  const run = (text: string, args: (string | number)[] = []) => storage.client.execute({ sql: text, args });
  // Seats in plan order, 10 per order; each ticket at the lowest tariff of its zone.
  await run(`CREATE TEMP TABLE sold AS
    SELECT s.id AS seat_id, (ROW_NUMBER() OVER (ORDER BY s.id) - 1) / 10 AS n,
      (SELECT t.id FROM tariffs t WHERE t.event_id = ? AND t.zone_id = s.zone_id ORDER BY t.price LIMIT 1) AS tariff_id,
      (SELECT t.price FROM tariffs t WHERE t.event_id = ? AND t.zone_id = s.zone_id ORDER BY t.price LIMIT 1) AS price
    FROM seats s JOIN performances p ON p.plan_id = s.plan_id WHERE p.id = ?`, [demo.arenaEventId, demo.arenaEventId, demo.arenaPerformanceId]);
  await run(`INSERT INTO holds (id, shop_id, performance_id, status, created_at, expires_at, max_expires_at, version)
    SELECT 'hld_bench' || n, ?, ?, 'converted', ?, ?, ?, 1 FROM (SELECT DISTINCT n FROM sold)`, [demo.shopId, demo.arenaPerformanceId, start, start, start]);
  await run(`INSERT INTO orders (id, shop_id, number, secret, hold_id, performance_id, status, currency, subtotal, fees, total, lines, buyer_name, buyer_email, buyer_language, payment_method, created_at, updated_at, paid_at)
    SELECT 'ord_bench' || n, ?, printf('B%03d-%04d', n / 10000, n % 10000), 'secret', 'hld_bench' || n, ?, 'paid', 'CHF', SUM(price), 1000, SUM(price) + 1000, '[]', 'Buyer ' || n, 'b' || n || '@example.ch', 'fr',
      CASE n % 3 WHEN 0 THEN 'simulated_card' WHEN 1 THEN 'stripe' ELSE 'invoice' END, ? + n * 1200000, ? + n * 1200000, ? + n * 1200000
    FROM sold GROUP BY n`, [demo.shopId, demo.arenaPerformanceId, start, start, start]);
  await run(`INSERT INTO tickets (id, shop_id, order_id, performance_id, number, seat_id, tariff_id, tariff_name, price, commission, qr_payload, status, created_at)
    SELECT 'tkt_bench' || seat_id, ?, 'ord_bench' || n, ?, printf('TB%08d', seat_id), seat_id, tariff_id, 'Plein tarif', price, 50, 'x', 'valid', ? + n * 1200000 FROM sold`, [demo.shopId, demo.arenaPerformanceId, start]);
  await run(`INSERT INTO seat_claims (performance_id, seat_id, state, hold_id, order_id, tariff_id) SELECT ?, seat_id, 'sold', 'hld_bench' || n, 'ord_bench' || n, tariff_id FROM sold`, [demo.arenaPerformanceId]);
  const count = (await run('SELECT COUNT(*) AS c FROM tickets')).rows[0]!.c;

  const deps: Deps = { storage, now: () => now, payments: {} };
  const app = buildApp(() => deps);
  const from = new Date(start - DAY).toISOString().slice(0, 10);
  const to = new Date(now).toISOString().slice(0, 10);
  const paths = [
    '/api/org/reports/today',
    ...['event', 'performance', 'zone', 'tariff', 'paymentMethod', 'day'].map((g) => `/api/org/reports/sales?from=${from}&to=${to}&groupBy=${g}`),
    `/api/org/reports/sales.csv?from=${from}&to=${to}&groupBy=day`,
    `/api/org/reports/codes?from=${from}&to=${to}`,
    `/api/org/reports/insurance?from=${from}&to=${to}`,
    `/api/org/reports/refunds?from=${from}&to=${to}`,
    `/api/org/reports/commissions?from=${from}&to=${to}`,
  ];
  console.log(`${count} tickets sold, ${from} to ${to}`);
  for (const path of paths) {
    let best = Infinity;
    let summary = '';
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await app.request(path, { headers: { Authorization: `Bearer ${demo.token}` } });
      const text = await res.text();
      best = Math.min(best, performance.now() - t0);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
      const body = path.includes('.csv') ? null : JSON.parse(text);
      summary = body?.totals ? `tickets ${body.totals[0]?.tickets ?? 0}` : body?.upcoming ? `arena sold ${body.upcoming.find((p: { performanceId: string }) => p.performanceId === demo.arenaPerformanceId)?.sold}` : `${text.length} bytes`;
    }
    console.log(`${best.toFixed(1).padStart(7)} ms  ${path.replace(/\?.*groupBy=/, ' by ').replace(/\?.*/, '')}  (${summary})`);
  }
  storage.client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
