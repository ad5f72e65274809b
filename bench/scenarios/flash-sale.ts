import { auditSeats } from '../lib/audit.js';
import { planRows, startSaleServer } from '../lib/catalog-setup.js';
import { runInLoadGenerator } from '../lib/load.js';
import { gridPlan } from '../lib/plans.js';
import { processCpuMs, sampleThreadSchedule, scheduleDuring, threadCpuMs, type ThreadSchedule } from '../lib/process-cpu.js';
import { keptHolds, type SeatBuyersParams, type SeatBuyersResult } from '../lib/seat-buyers.js';
import type { Figure, Scenario, ScenarioOptions } from './types.js';

const BUYERS_MODULE = new URL('../lib/seat-buyers.ts', import.meta.url).href;

export interface SeatedLoadSpec {
  prefix: string;
  rows: number;
  perRow: number;
  hotRows: number;
  load: Omit<SeatBuyersParams, 'baseUrl' | 'shopId' | 'performanceId' | 'rows' | 'hotRows' | 'seed'>;
  timeoutMs: number;
  /** Start the server with these node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** Sets up a seated sale on a fresh server, runs the buyers in the load generator, audits the database. */
export async function runSeatedLoad(spec: SeatedLoadSpec, options: ScenarioOptions) {
  const sale = await startSaleServer({ nodeArgs: spec.nodeArgs });
  try {
    const { performanceId, planId } = await sale.seatedSale(gridPlan(spec.rows, spec.perRow, spec.hotRows));
    const rows = await planRows(sale.server.baseUrl, sale.shop.shopId, planId);
    const params: SeatBuyersParams = {
      ...spec.load,
      baseUrl: sale.server.baseUrl,
      shopId: sale.shop.shopId,
      performanceId,
      rows,
      hotRows: spec.hotRows,
      seed: 20_250_601 + options.run,
    };
    const cpuBefore = processCpuMs(sale.server.pid);
    const mainBefore = threadCpuMs(sale.server.pid);
    const schedule = sampleThreadSchedule(sale.server.pid);
    const result = await runInLoadGenerator<SeatBuyersResult>(BUYERS_MODULE, 'runSeatBuyers', params, spec.timeoutMs);
    const cpuAfter = processCpuMs(sale.server.pid);
    const mainAfter = threadCpuMs(sale.server.pid);
    const httpThread = schedule ? scheduleDuring(schedule.stop(), result.startedAt, result.startedAt + result.elapsedMs) : null;
    // A released hold's seats are free again (another buyer may hold them): only the kept holds must own their seats.
    const audit = await auditSeats(sale.shop.dbPath, performanceId, keptHolds(result.acceptedHolds));
    if (result.serverErrors > 0) console.error(`[${spec.prefix}] server log tail:\n${sale.server.output().slice(-3000)}`);
    const serverCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    const mainThreadCpuMs = mainBefore === null || mainAfter === null ? null : mainAfter - mainBefore;
    return { result, audit, seats: spec.rows * spec.perRow, serverCpuMs, mainThreadCpuMs, httpThread };
  } finally {
    await sale.close();
  }
}

/**
 * Holds accepted per second from the start of the sale until `share` of the hall was held (every
 * accepted hold counts toward it, the warm-up's too); null if the hall never got that full. Once
 * most seats are taken, buyers spend their requests on 409s for the last ones and the rate falls
 * whatever the server's speed: this is the rate while seats were still there to be had.
 */
export function rateUntilHeld(result: SeatBuyersResult, seats: number, share: number): number | null {
  const holds = [...result.acceptedHolds].sort((a, b) => a.at - b.at);
  let held = 0;
  let accepted = 0;
  for (const hold of holds) {
    held += hold.seatIds.length;
    if (hold.at >= result.startedAt) accepted++;
    if (held >= share * seats) return hold.at > result.startedAt ? (accepted / (hold.at - result.startedAt)) * 1000 : null;
  }
  return null;
}

/** The figure of rateUntilHeld at three quarters of the hall, per minute, when the hall got that full. */
export function rateBeforeScarcityFigure(prefix: string, result: SeatBuyersResult, seats: number): Figure[] {
  const perSecond = rateUntilHeld(result, seats, 0.75);
  return perSecond === null
    ? []
    : [{ key: `${prefix}.perMinuteBeforeScarcity`, label: 'holds accepted per minute until three quarters of the hall were held', value: perSecond * 60, unit: '/min', digits: 0 }];
}

/**
 * How busy the HTTP thread was while the buyers ran: on a core, and runnable but waiting for one
 * (the writer thread, the load processes and V8's helpers take turns on the same cores). The rest
 * of the time it had nothing to do: every request in the server waited for the writer's answer,
 * or the buyers had not sent the next one yet. The machine's idle share says whether the cores
 * themselves were the limit.
 */
export function httpThreadFigures(prefix: string, httpThread: ThreadSchedule | null): Figure[] {
  if (!httpThread) return [];
  return [
    { key: `${prefix}.httpThreadOnCpu`, label: 'the HTTP thread during the sale: on a core (/proc schedstat)', value: httpThread.onCpu * 100, unit: '%', digits: 0 },
    { key: `${prefix}.httpThreadWaiting`, label: 'the HTTP thread during the sale: runnable, waiting for a core', value: httpThread.waitingForCore * 100, unit: '%', digits: 0 },
    { key: `${prefix}.machineIdle`, label: 'the machine during the sale: share of both cores idle (/proc/stat)', value: httpThread.machineIdle * 100, unit: '%', digits: 0 },
  ];
}

/** The figures every seated sale reports. */
export function seatedFigures(
  prefix: string,
  result: SeatBuyersResult,
  audit: Awaited<ReturnType<typeof auditSeats>>,
  perMinuteGoal?: number,
  serverCpuMs: number | null = null,
  mainThreadCpuMs: number | null = null,
  httpThread: ThreadSchedule | null = null,
): Figure[] {
  const perSecond = (result.accepted / result.acceptWindowMs) * 1000;
  const requests = result.holdRequests + result.availabilityReads;
  const cpu: Figure[] =
    serverCpuMs === null || requests === 0
      ? []
      : [
          { key: `${prefix}.cpuPerRequest`, label: 'server CPU per request (user + system, /proc; hold requests and availability reads)', value: serverCpuMs / requests, unit: 'ms', digits: 2 },
          // The HTTP thread's part: what bounds the rate once the database writer runs in its own thread (DATABASE_WRITER=thread).
          ...(mainThreadCpuMs === null
            ? []
            : [{ key: `${prefix}.mainThreadCpuPerRequest`, label: 'of which the server\'s main (HTTP) thread', value: mainThreadCpuMs / requests, unit: 'ms', digits: 2 }]),
          ...httpThreadFigures(prefix, httpThread),
          // The buyers run on the same 2 cores: what they use is not available to the server.
          { key: `${prefix}.loadCpuPerRequest`, label: 'load generator CPU per request (the buyers\' process, same cores)', value: result.loadCpuMs / requests, unit: 'ms', digits: 2 },
        ];
  return [
    { key: `${prefix}.acceptedPerSecond`, label: 'holds accepted per second (until the last accepted hold)', value: perSecond, unit: '/s', digits: 0 },
    {
      key: `${prefix}.acceptedPerMinute`,
      label: 'holds accepted per minute',
      value: perSecond * 60,
      unit: '/min',
      digits: 0,
      ...(perMinuteGoal ? { goal: { op: '>=' as const, value: perMinuteGoal } } : {}),
    },
    { key: `${prefix}.accepted`, label: 'holds accepted', value: result.accepted, digits: 0 },
    { key: `${prefix}.holdRequests`, label: 'hold requests', value: result.holdRequests, digits: 0 },
    { key: `${prefix}.requestsPerSecond`, label: 'hold requests per second (whole run)', value: (result.holdRequests / result.elapsedMs) * 1000, unit: '/s', digits: 0 },
    ...cpu,
    { key: `${prefix}.p50`, label: 'hold latency p50 (on the wire)', value: result.holdLatency.p50, unit: 'ms', digits: 1 },
    { key: `${prefix}.p95`, label: 'hold latency p95', value: result.holdLatency.p95, unit: 'ms', digits: 1 },
    { key: `${prefix}.p99`, label: 'hold latency p99', value: result.holdLatency.p99, unit: 'ms', digits: 1 },
    { key: `${prefix}.p99queued`, label: 'hold latency p99 incl. wait for a socket', value: result.holdLatencyWithQueueP99, unit: 'ms', digits: 0 },
    { key: `${prefix}.conflicts`, label: '409 answers (seat taken)', value: result.conflicts, digits: 0 },
    { key: `${prefix}.availabilityReads`, label: 'availability re-reads after losing twice', value: result.availabilityReads, digits: 0 },
    { key: `${prefix}.gaveUp`, label: 'buyers who saw no block of their size left', value: result.gaveUp, digits: 0 },
    { key: `${prefix}.cutOff`, label: 'buyers still trying when the time limit ended the run', value: result.cutOff, digits: 0 },
    { key: `${prefix}.serverErrors`, label: '5xx answers', value: result.serverErrors, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
    // Unanswered requests (30 s timeout) mean overload, not a wrong answer: a median, not an invariant.
    { key: `${prefix}.noAnswer`, label: 'requests without an answer within 30 s', value: result.noAnswer, goal: { op: '==', value: 0 }, digits: 0 },
    { key: `${prefix}.doubleBooked`, label: 'seats held or sold twice (database audit)', value: audit.doubleBooked, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
    { key: `${prefix}.missingClaims`, label: 'accepted seats missing in the database', value: audit.missingClaims, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
  ];
}

/** The flash sale stops after this long even if buyers are still trying (reported as cut off). */
export const FLASH_SALE_LIMIT_S = 30;

export const flashSale: Scenario = {
  id: 'flash-sale',
  title: '1. Flash sale, seated: 500 seats, 5,000 buyers',
  notes: [
    '20 rows × 25 seats; the hot area is the 5 front rows. 5,000 buyers start at once from the same availability read, each wanting 1–4 adjacent seats; on a 409 they drop the seats it names and pick again, from a fresh availability read after the second loss, up to 5 hold requests. The hot area goes first, then the rest of the hall. The run is cut off after 30 s (buyers still trying then are counted).',
    'Sockets are capped at 256 (keep-alive, node:http in a second process) and opened before the sale starts (one GET /api/health each: the buyers\' pages are open); the other buyers wait for a socket. Latency "on the wire" runs from socket assignment to the last byte; the p99 "incl. wait" is what the 5,000th buyer sees.',
    'Every POST carries an Idempotency-Key, as the widget sends. With 500 seats only ~200 holds can be accepted, so the rate is over a short window: see the sustained variant for the figure compared to the goal.',
  ],
  async run(options) {
    const { result, audit, serverCpuMs } = await runSeatedLoad(
      {
        prefix: 'flash',
        rows: options.quick ? 5 : 20,
        perRow: options.quick ? 20 : 25,
        hotRows: options.quick ? 2 : 5,
        load: {
          buyers: options.quick ? 300 : 5000,
          maxSockets: options.quick ? 32 : 256,
          maxAttempts: 5,
          knowledge: 'snapshot',
          hotPreference: 1,
          idempotency: true,
          durationMs: (options.quick ? 15 : FLASH_SALE_LIMIT_S) * 1000,
        },
        timeoutMs: options.quick ? 60_000 : 120_000,
      },
      options,
    );
    return seatedFigures('flash', result, audit, undefined, serverCpuMs);
  },
};
