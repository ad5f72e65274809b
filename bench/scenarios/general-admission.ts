import { performance } from 'node:perf_hooks';
import { withAudit } from '../lib/audit.js';
import { startSaleServer } from '../lib/catalog-setup.js';
import { idempotencyKey, JsonClient, Latencies, runUsers, StatusCounts } from '../lib/http-client.js';
import { runInLoadGenerator } from '../lib/load.js';
import { latencySummary } from '../lib/stats.js';
import type { Scenario } from './types.js';

export interface GaParams {
  baseUrl: string;
  shopId: string;
  performanceId: string;
  tariffId: string;
  buyers: number;
  maxSockets: number;
  durationMs: number;
}

/** Load-generator side: every buyer holds one ticket and, if they got it, pays with the simulated card. */
export async function generalAdmissionLoad(p: GaParams) {
  const client = new JsonClient(p.baseUrl, p.maxSockets);
  const holdLatency = new Latencies();
  const checkoutLatency = new Latencies();
  const holdStatuses = new StatusCounts();
  const checkoutStatuses = new StatusCounts();
  await client.warmUp();
  let ticketsIssued = 0;
  const started = performance.now();
  const deadline = started + p.durationMs;
  const post = (path: string, body: unknown) => client.send('POST', `/api/shops/${p.shopId}${path}`, body, { 'Idempotency-Key': idempotencyKey() });
  const limit = setTimeout(() => client.abortQueued(), p.durationMs);
  let notSent = 0;
  await runUsers(p.buyers, async (i) => {
    if (performance.now() >= deadline) return void notSent++;
    const hold = await post('/holds', { performanceId: p.performanceId, quantities: [{ tariffId: p.tariffId, quantity: 1 }] });
    if (hold.status === -1) return void notSent++;
    holdLatency.push(hold.wireMs);
    holdStatuses.add(hold);
    if (hold.status !== 201) return;
    const order = await post(`/holds/${hold.body.id}/checkout`, {
      buyer: { name: `Buyer ${i}`, email: `buyer${i}@example.ch`, language: 'de' },
      payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    });
    if (order.status === -1) return void notSent++;
    checkoutLatency.push(order.wireMs);
    checkoutStatuses.add(order);
    if (order.status === 201) ticketsIssued += order.body.tickets?.length ?? 0;
  });
  clearTimeout(limit);
  const elapsedMs = performance.now() - started;
  client.close();
  return {
    notSent,
    holdStatuses: holdStatuses.counts,
    checkoutStatuses: checkoutStatuses.counts,
    serverErrors: holdStatuses.count((s) => s >= 500) + checkoutStatuses.count((s) => s >= 500),
    noAnswer: holdStatuses.count((s) => s === 0) + checkoutStatuses.count((s) => s === 0),
    ticketsIssued,
    holdLatency: latencySummary(holdLatency.values()),
    checkoutLatency: latencySummary(checkoutLatency.values()),
    elapsedMs,
  };
}

export const generalAdmission: Scenario = {
  id: 'general-admission',
  title: '3. General admission: 2,000 buyers at once for a capacity of 300',
  notes: ['Each buyer holds 1 ticket (256 sockets) and, when the hold is accepted, checks out with the simulated card 4242 4242 4242 4242. Exactly 300 tickets must exist afterwards (database audit), and the counter must read 300.'],
  async run(options) {
    const capacity = options.quick ? 30 : 300;
    const sale = await startSaleServer();
    try {
      const { performanceId, tariffId } = await sale.gaSale(capacity);
      const result = await runInLoadGenerator<Awaited<ReturnType<typeof generalAdmissionLoad>>>(
        import.meta.url,
        'generalAdmissionLoad',
        { baseUrl: sale.server.baseUrl, shopId: sale.shop.shopId, performanceId, tariffId, buyers: options.quick ? 200 : 2000, maxSockets: options.quick ? 32 : 256, durationMs: 60_000 } satisfies GaParams,
        120_000,
      );
      const audit = await withAudit(sale.shop.dbPath, async (sql) => ({
        tickets: Number((await sql(`SELECT count(*) AS n FROM tickets WHERE performance_id = ? AND status = 'valid'`, [performanceId]))[0]!.n),
        paidOrders: Number((await sql(`SELECT count(*) AS n FROM orders WHERE performance_id = ? AND status = 'paid'`, [performanceId]))[0]!.n),
        taken: Number((await sql(`SELECT taken FROM ga_inventory WHERE performance_id = ?`, [performanceId]))[0]!.taken),
      }));
      return [
        // Exactly the capacity, no more: fewer would only mean lost answers (counted below), more a double sale.
        { key: 'ga.tickets', label: 'tickets in the database', value: audit.tickets, goal: { op: '==', value: capacity }, aggregate: 'invariant', digits: 0 },
        { key: 'ga.taken', label: 'counter (ga_inventory.taken)', value: audit.taken, goal: { op: '==', value: capacity }, aggregate: 'invariant', digits: 0 },
        { key: 'ga.ticketsAnswered', label: 'tickets in checkout answers', value: result.ticketsIssued, goal: { op: '==', value: capacity }, aggregate: 'invariant', digits: 0 },
        { key: 'ga.paidOrders', label: 'paid orders', value: audit.paidOrders, digits: 0 },
        { key: 'ga.soldOut', label: '409 capacity_exceeded', value: result.holdStatuses['409 capacity_exceeded'] ?? 0, digits: 0 },
        { key: 'ga.notSent', label: 'buyers cut off by the 60 s limit', value: result.notSent, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
        { key: 'ga.serverErrors', label: '5xx answers', value: result.serverErrors, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
        { key: 'ga.noAnswer', label: 'requests without an answer within 30 s', value: result.noAnswer, goal: { op: '==', value: 0 }, digits: 0 },
        { key: 'ga.holdP50', label: 'hold latency p50', value: result.holdLatency.p50, unit: 'ms', digits: 1 },
        { key: 'ga.holdP99', label: 'hold latency p99', value: result.holdLatency.p99, unit: 'ms', digits: 1 },
        { key: 'ga.checkoutP50', label: 'checkout latency p50', value: result.checkoutLatency.p50, unit: 'ms', digits: 1 },
        { key: 'ga.checkoutP99', label: 'checkout latency p99', value: result.checkoutLatency.p99, unit: 'ms', digits: 1 },
        { key: 'ga.elapsed', label: 'time until every buyer had an answer', value: result.elapsedMs / 1000, unit: 's', digits: 1 },
      ];
    } finally {
      await sale.close();
    }
  },
};
