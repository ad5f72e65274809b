import { performance } from 'node:perf_hooks';
import { withAudit } from '../lib/audit.js';
import { planRows, startSaleServer } from '../lib/catalog-setup.js';
import { idempotencyKey, JsonClient, Latencies, runUsers, StatusCounts } from '../lib/http-client.js';
import { runInLoadGenerator } from '../lib/load.js';
import { gridPlan } from '../lib/plans.js';
import { latencySummary } from '../lib/stats.js';
import type { Scenario } from './types.js';

export interface LastSeatParams {
  baseUrl: string;
  shopId: string;
  performanceId: string;
  seatId: number;
  attempts: number;
  maxSockets: number;
  durationMs: number;
}

/** Load-generator side: `attempts` buyers at once, each asking once for the same seat. */
export async function lastSeatLoad(p: LastSeatParams) {
  const client = new JsonClient(p.baseUrl, p.maxSockets);
  const latency = new Latencies();
  const statuses = new StatusCounts();
  const winners: string[] = [];
  await client.warmUp();
  let sent = 0;
  const started = performance.now();
  const deadline = started + p.durationMs;
  const limit = setTimeout(() => client.abortQueued(), p.durationMs);
  await runUsers(p.attempts, async () => {
    if (performance.now() >= deadline) return;
    const res = await client.send('POST', `/api/shops/${p.shopId}/holds`, { performanceId: p.performanceId, seats: [{ seatId: p.seatId }] }, { 'Idempotency-Key': idempotencyKey() });
    if (res.status === -1) return;
    sent++;
    latency.push(res.wireMs);
    statuses.add(res);
    if (res.status === 201) winners.push(res.body.id);
  });
  clearTimeout(limit);
  const elapsedMs = performance.now() - started;
  client.close();
  return { sent, winners, statuses: statuses.counts, serverErrors: statuses.count((s) => s >= 500), noAnswer: statuses.count((s) => s === 0), latency: latencySummary(latency.values()), elapsedMs };
}

export const lastSeat: Scenario = {
  id: 'last-seat',
  title: '2. Last seat: 10,000 concurrent attempts on one remaining seat',
  notes: [
    'A 500-seat performance with 499 seats blocked through POST /api/org/performances/:id/blocks. 10,000 buyers ask at once for the last seat (256 sockets); each asks once. Exactly one must win, the others get 409 seats_taken. Capped at 30 s: attempts not answered by then are not sent (the figure says how many were).',
  ],
  async run(options) {
    const sale = await startSaleServer();
    try {
      const { performanceId, planId } = await sale.seatedSale(gridPlan(20, 25, 5));
      const seats = (await planRows(sale.server.baseUrl, sale.shop.shopId, planId)).flat();
      const last = seats[Math.floor(seats.length / 2)]!;
      await sale.block(
        performanceId,
        seats.filter((id) => id !== last),
      );
      const attempts = options.quick ? 500 : 10_000;
      const result = await runInLoadGenerator<Awaited<ReturnType<typeof lastSeatLoad>>>(
        import.meta.url,
        'lastSeatLoad',
        { baseUrl: sale.server.baseUrl, shopId: sale.shop.shopId, performanceId, seatId: last, attempts, maxSockets: options.quick ? 32 : 256, durationMs: 30_000 } satisfies LastSeatParams,
        90_000,
      );
      const claims = await withAudit(sale.shop.dbPath, (sql) =>
        sql(`SELECT hold_id FROM seat_claims WHERE performance_id = ? AND seat_id = ? AND state IN ('held', 'sold')`, [performanceId, last]),
      );
      const winnerInDb = claims.length === 1 && result.winners.length === 1 && claims[0]!.hold_id === result.winners[0] ? 1 : 0;
      return [
        { key: 'last.winners', label: 'winners (201)', value: result.winners.length, goal: { op: '==', value: 1 }, aggregate: 'invariant', digits: 0 },
        { key: 'last.dbAgrees', label: 'the database holds the seat for that winner (1 = yes)', value: winnerInDb, goal: { op: '==', value: 1 }, aggregate: 'invariant', digits: 0 },
        { key: 'last.sent', label: 'attempts answered (the rest were not sent within 30 s)', value: result.sent, digits: 0 },
        { key: 'last.conflicts', label: '409 answers', value: result.statuses['409 seats_taken'] ?? 0, digits: 0 },
        { key: 'last.serverErrors', label: '5xx answers', value: result.serverErrors, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
        { key: 'last.noAnswer', label: 'attempts without an answer within 30 s', value: result.noAnswer, goal: { op: '==', value: 0 }, digits: 0 },
        { key: 'last.perSecond', label: 'attempts answered per second', value: (result.sent / result.elapsedMs) * 1000, unit: '/s', digits: 0 },
        { key: 'last.p50', label: 'latency p50 (on the wire)', value: result.latency.p50, unit: 'ms', digits: 1 },
        { key: 'last.p99', label: 'latency p99', value: result.latency.p99, unit: 'ms', digits: 1 },
      ];
    } finally {
      await sale.close();
    }
  },
};
