import { runSeatedLoad, seatedFigures } from './flash-sale.js';
import type { Figure, Scenario } from './types.js';

const SECONDS = 10;
const WARM_UP_SECONDS = 3;
/**
 * Mean think times of a person: looking at the map, looking again after a 409, deciding once
 * the seats are held. One buyer in ten then pays, as in the on-sale mix (9): a payment costs
 * the server ~15 times what a hold costs (measured with one in two paying: 3.6–3.9 ms of server
 * CPU per request against 0.7 ms in scenario 10), so more payers would measure payments.
 */
const PACE = { thinkMs: 1_000, retryThinkMs: 300, payShare: 0.1 };

const sum = (counts: Record<string, number> | undefined, keep: (status: number) => boolean = () => true) =>
  Object.entries(counts ?? {}).reduce((n, [key, c]) => n + (keep(Number(key.split(' ')[0])) ? c : 0), 0);

/**
 * Scenario 10 at a human pace. In scenario 10 each of the 200 buyers asks again the instant it
 * is answered, so 200 requests are always in flight and, by Little's law, the mean latency is
 * 200 ÷ throughput whatever the server does. Here the 200 buyers think between requests, as
 * people do, so the latency measured is the server's answer to 200 people, not a queue.
 */
export const concurrent200Paced: Scenario = {
  id: 'concurrent-200-paced',
  title: '10b. 200 concurrent buyers at a human pace: hold latency on the wire, 48,000 seats for 10 s',
  notes: [
    `Scenario 10's hall (400 rows × 120, the 30 front rows tried first by half the buyers) and its 200 buyers at a time on 200 keep-alive sockets opened before the sale, so a buyer never waits for a socket. Each buyer looks at the map for a think time drawn from an exponential distribution (mean ${PACE.thinkMs / 1000} s, seeded), holds 1–4 adjacent seats, after a 409 drops the seats it names and picks again after a shorter think (mean ${PACE.retryThinkMs} ms; at most 5 holds), and once the seats are held thinks again (mean ${PACE.thinkMs / 1000} s), then pays with the simulated card (one buyer in ten, as in the on-sale mix) or releases the hold (its seats are free again for the next buyers); a new buyer takes each finished one's place.`,
    `Buyers start ${WARM_UP_SECONDS} s before the measured ${SECONDS} s (their first thinks spread them out); requests asked during the warm-up are not in the latencies and rates, their 5xx are counted. The audit checks the holds still kept (paid or held) against the seat ledger and the tickets: no seat held or sold twice.`,
  ],
  async run(options) {
    const quick = options.quick;
    // The smoke run is short: quicker thinks, and one in two pays, so that both endings happen.
    const pace = quick ? { thinkMs: 300, retryThinkMs: 100, payShare: 0.5 } : PACE;
    const durationMs = (quick ? 2 : SECONDS) * 1000;
    const { result, audit, serverCpuMs } = await runSeatedLoad(
      {
        prefix: 'c200paced',
        rows: quick ? 20 : 400,
        perRow: quick ? 50 : 120,
        hotRows: quick ? 4 : 30,
        load: {
          buyers: 1_000_000,
          concurrency: quick ? 20 : 200,
          durationMs,
          warmUpMs: (quick ? 1 : WARM_UP_SECONDS) * 1000,
          maxSockets: quick ? 20 : 200,
          maxAttempts: 5,
          knowledge: 'shared',
          hotPreference: 0.5,
          idempotency: true,
          pace,
        },
        timeoutMs: quick ? 60_000 : 120_000,
      },
      options,
    );
    const payments = sum(result.checkouts?.statuses);
    const releases = sum(result.releases?.statuses);
    const requests = result.holdRequests + result.availabilityReads + payments + releases;
    const seated = seatedFigures('c200paced', result, audit, undefined, null).map((figure) =>
      figure.key === 'c200paced.p99' ? { ...figure, label: 'hold latency p99 on the wire (200 buyers at a human pace, goal)', goal: { op: '<=' as const, value: 50 } } : figure,
    );
    const figures: Figure[] = [
      ...seated,
      { key: 'c200paced.orders', label: 'orders paid (card)', value: result.checkouts?.orders ?? 0, digits: 0 },
      { key: 'c200paced.released', label: 'holds released by their buyers', value: result.releases?.released ?? 0, digits: 0 },
      { key: 'c200paced.paymentP99', label: 'payment latency p99 (on the wire)', value: result.checkouts?.latency.p99 ?? Number.NaN, unit: 'ms', digits: 1 },
      { key: 'c200paced.releaseP99', label: 'release latency p99 (on the wire)', value: result.releases?.latency.p99 ?? Number.NaN, unit: 'ms', digits: 1 },
      {
        key: 'c200paced.otherServerErrors',
        label: '5xx answers to payments and releases',
        value: sum(result.checkouts?.statuses, (s) => s >= 500) + sum(result.releases?.statuses, (s) => s >= 500),
        goal: { op: '==', value: 0 },
        aggregate: 'invariant',
        digits: 0,
      },
      { key: 'c200paced.requestsPerSecond', label: 'requests per second, all kinds (holds, payments, releases)', value: (requests / result.elapsedMs) * 1000, unit: '/s', digits: 0 },
    ];
    if (serverCpuMs !== null && requests > 0) {
      // The server's CPU covers the warm-up too: divided by every request it answered then.
      figures.push({ key: 'c200paced.cpuPerRequest', label: 'server CPU per request (user + system, /proc; warm-up included)', value: serverCpuMs / (requests + result.warmUpRequests), unit: 'ms', digits: 2 });
    }
    return figures;
  },
};
