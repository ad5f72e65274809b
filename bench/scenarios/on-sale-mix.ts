import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditSeats } from '../lib/audit.js';
import { planRows, startSaleServer } from '../lib/catalog-setup.js';
import { runInLoadGenerator } from '../lib/load.js';
import { gridPlan } from '../lib/plans.js';
import { processCpuMs, sampleThreadSchedule, scheduleDuring } from '../lib/process-cpu.js';
import type { SeatBuyersParams, SeatBuyersResult } from '../lib/seat-buyers.js';
import type { WatchersParams, WatchersResult } from '../lib/watchers.js';
import { httpThreadFigures, rateBeforeScarcityFigure, seatedFigures } from './flash-sale.js';
import type { Figure, Scenario, ScenarioOptions } from './types.js';

const BUYERS_MODULE = new URL('../lib/seat-buyers.ts', import.meta.url).href;
const WATCHERS_MODULE = new URL('../lib/watchers.ts', import.meta.url).href;

/**
 * The watchers a full run opens: `ulimit -n` is 20,000 here for each process; the server holds
 * one descriptor per watcher plus its database files and the buyers' 256 sockets.
 */
export const FULL_WATCHERS = 19_000;
export const ON_SALE_SECONDS = 10;
/**
 * Polling watchers in a full run: with 19,000 the buyers' process could not open its 256
 * sockets (26–121 of its warm-up requests failed, twice, on a machine at load 5–12): a finding
 * of its own, and why the widget prefers the stream. Half as many lets the sale run.
 */
export const FULL_POLLING_WATCHERS = 9_500;

/**
 * `fanout`: the SSE watchers with a paced trickle of holds (one every 250 ms, one buyer at a
 * time) instead of a sale: nearly all the server does is the fan-out (a change per tick to every
 * watcher), so its CPU per socket write and the watchers' CPU per event are measured apart from
 * the hold path, and stay comparable on a machine busy with other work.
 */
type Mode = 'sse' | 'poll' | 'fanout';

function spec(quick: boolean, mode: Mode) {
  const sale = {
    buyers: 1_000_000,
    concurrency: quick ? 50 : 1000,
    durationMs: (quick ? 2 : ON_SALE_SECONDS) * 1000,
    maxSockets: quick ? 32 : 256,
    maxAttempts: 5,
    knowledge: 'shared' as const,
    hotPreference: 0.5,
    idempotency: true,
    // One buyer in ten pays at once (card), while the others hold.
    checkoutShare: 0.1,
  };
  const trickle = { ...sale, concurrency: 1, maxSockets: 1, checkoutShare: 0, thinkMs: 250 };
  return {
    // 168 × 120 = 20,160 seats: the demo arena's size, as a grid (the arena's own shape changes nothing here).
    rows: quick ? 20 : 168,
    perRow: quick ? 50 : 120,
    hotRows: quick ? 4 : 30,
    watchers: quick ? 200 : mode === 'poll' ? FULL_POLLING_WATCHERS : FULL_WATCHERS,
    load: mode === 'fanout' ? trickle : sale,
    timeoutMs: quick ? 120_000 : 600_000,
  };
}

async function waitForFile(file: string, failed: () => Error | null): Promise<void> {
  while (!existsSync(file)) {
    const error = failed();
    if (error) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One on-sale: watchers connect (second process), then buyers hold and pay (third process), then the delays are paired. */
async function runOnSale(mode: Mode, options: ScenarioOptions) {
  const s = spec(options.quick, mode);
  const sale = await startSaleServer();
  const dir = mkdtempSync(join(tmpdir(), 'bench-on-sale-'));
  try {
    const { performanceId, planId } = await sale.seatedSale(gridPlan(s.rows, s.perRow, s.hotRows, `Arena-size hall ${s.rows * s.perRow}`));
    const rows = await planRows(sale.server.baseUrl, sale.shop.shopId, planId);
    const readyFile = join(dir, 'ready');
    const stopFile = join(dir, 'holds.json');
    const watcherParams: WatchersParams = {
      baseUrl: sale.server.baseUrl,
      shopId: sale.shop.shopId,
      performanceId,
      mode: mode === 'poll' ? 'poll' : 'sse',
      watchers: s.watchers,
      readyFile,
      stopFile,
      openConcurrency: 200,
      sampleHolds: options.quick ? 200 : 1000,
    };
    let watcherError: Error | null = null;
    const watching = runInLoadGenerator<WatchersResult>(WATCHERS_MODULE, 'runWatchers', watcherParams, s.timeoutMs).catch((err: Error) => {
      watcherError = err;
      return null;
    });
    await waitForFile(readyFile, () => watcherError);
    const connected = Number(readFileSync(readyFile, 'utf8'));

    const params: SeatBuyersParams = { ...s.load, baseUrl: sale.server.baseUrl, shopId: sale.shop.shopId, performanceId, rows, hotRows: s.hotRows, seed: 20_261_206 + options.run };
    const cpuBefore = processCpuMs(sale.server.pid);
    const schedule = sampleThreadSchedule(sale.server.pid);
    // The watchers stop once the holds are there (written whole, then renamed: never read half-written).
    const release = (holds: { at: number; seatIds: number[] }[]) => {
      writeFileSync(`${stopFile}.tmp`, JSON.stringify(holds));
      renameSync(`${stopFile}.tmp`, stopFile);
    };
    let result: SeatBuyersResult;
    try {
      result = await runInLoadGenerator<SeatBuyersResult>(BUYERS_MODULE, 'runSeatBuyers', params, s.timeoutMs);
    } catch (err) {
      schedule?.stop();
      release([]);
      await watching;
      throw err;
    }
    const httpThread = schedule ? scheduleDuring(schedule.stop(), result.startedAt, result.startedAt + result.elapsedMs) : null;
    release(result.acceptedHolds.map((h) => ({ at: h.at, seatIds: h.seatIds })));
    const watched = await watching;
    const cpuAfter = processCpuMs(sale.server.pid);
    if (!watched) throw watcherError ?? new Error('The watchers gave no result');
    const audit = await auditSeats(sale.shop.dbPath, performanceId, result.acceptedHolds);
    if (result.serverErrors > 0 || watched.serverErrors > 0) console.error(`[on-sale ${mode}] server log tail:\n${sale.server.output().slice(-3000)}`);
    const serverCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return { result, watched, audit, connected, serverCpuMs, httpThread, seats: s.rows * s.perRow };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sale.close();
  }
}

function onSaleFigures(prefix: string, run: Awaited<ReturnType<typeof runOnSale>>, goal: boolean): Figure[] {
  const { result, watched, audit, serverCpuMs, connected, httpThread } = run;
  const payments = result.checkouts?.statuses ? Object.values(result.checkouts.statuses).reduce((n, c) => n + c, 0) : 0;
  const requests = result.holdRequests + payments + watched.requests;
  const base = seatedFigures(prefix, result, audit, goal ? 60_000 : undefined, null).filter((f) => !f.key.endsWith('.availabilityReads'));
  return [
    ...base,
    ...httpThreadFigures(prefix, httpThread),
    { key: `${prefix}.watchers`, label: 'watchers connected before the sale (one socket each)', value: connected, digits: 0 },
    { key: `${prefix}.watchersDropped`, label: 'watcher connections lost during the run', value: watched.dropped, digits: 0 },
    { key: `${prefix}.orders`, label: 'orders paid during the sale (card, one buyer in ten)', value: result.checkouts?.orders ?? 0, digits: 0 },
    { key: `${prefix}.watchRequests`, label: 'watcher requests during the run (streams opened, or availability polls)', value: watched.requests, digits: 0 },
    {
      key: `${prefix}.seenP50`,
      label: 'hold 201 → watcher sees the seat taken, p50 (all watchers × sampled holds)',
      value: watched.delay.p50,
      unit: 'ms',
      digits: 0,
    },
    { key: `${prefix}.seenP95`, label: 'hold 201 → watcher sees the seat taken, p95', value: watched.delay.p95, unit: 'ms', digits: 0, ...(goal ? { goal: { op: '<=' as const, value: 2000 } } : {}) },
    { key: `${prefix}.seenP99`, label: 'hold 201 → watcher sees the seat taken, p99', value: watched.delay.p99, unit: 'ms', digits: 0 },
    { key: `${prefix}.seenPairs`, label: 'watcher × hold pairs measured (holds sampled evenly)', value: watched.pairs, digits: 0 },
    { key: `${prefix}.unseen`, label: 'pairs whose watcher had not seen the seat by the end (1.5 s after the buyers stopped; polling: 11 s)', value: watched.unseen, digits: 0 },
    ...(serverCpuMs === null
      ? []
      : [
          { key: `${prefix}.cpuPerRequest`, label: 'server CPU per request (holds, payments, watcher requests)', value: serverCpuMs / Math.max(1, requests), unit: 'ms', digits: 2 },
          { key: `${prefix}.cpuPerHold`, label: 'server CPU per hold request (everything the server did ÷ hold requests)', value: serverCpuMs / Math.max(1, result.holdRequests), unit: 'ms', digits: 2 },
        ]),
    // The three processes share the machine's cores: what each costs per hold request.
    { key: `${prefix}.watcherCpuPerHold`, label: "watchers' process CPU per hold request (from all connected to the end)", value: watched.saleCpuMs / Math.max(1, result.holdRequests), unit: 'ms', digits: 2 },
    ...(watched.saleEvents > 0
      ? [{ key: `${prefix}.watcherCpuPerEvent`, label: "watchers' process CPU per event received (µs; every watcher × every change)", value: (watched.saleCpuMs * 1000) / watched.saleEvents, unit: 'µs', digits: 1 }]
      : []),
    ...(watched.saleEventBytes > 0 && watched.saleEvents > 0
      ? [{ key: `${prefix}.eventBytes`, label: 'bytes per event received (average over every watcher × change; keep-alives included)', value: watched.saleEventBytes / watched.saleEvents, unit: 'B', digits: 0 }]
      : []),
    { key: `${prefix}.buyerCpuPerHold`, label: "buyers' process CPU per hold request (holds and payments)", value: result.loadCpuMs / Math.max(1, result.holdRequests), unit: 'ms', digits: 2 },
    { key: `${prefix}.watchServerErrors`, label: '5xx answers to watchers', value: watched.serverErrors, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
    { key: `${prefix}.hallHeld`, label: 'share of the hall held at the end', value: (result.acceptedHolds.reduce((n, h) => n + h.seatIds.length, 0) / run.seats) * 100, unit: '%', digits: 0 },
    ...rateBeforeScarcityFigure(prefix, result, run.seats),
  ];
}

const commonNotes = [
  'A 20,160-seat hall (168 rows × 120, the demo arena\'s size; the front 30 rows are the hot area). The watchers are a second process; the buyers a third (the sustained sale\'s buyers: 1,000 at a time, a new one for each done, for 10 s, one in ten paying by card at once). Everything shares the machine\'s 2 cores (and other engineers\' test runs).',
  `${FULL_WATCHERS.toLocaleString('en')} watchers, one socket each, not 20,000: \`ulimit -n\` is 20,000 per process here and the server needs descriptors for its database and the buyers too. They connect before the sale (200 at a time).`,
  'Delay: the wall-clock time (both processes on one clock) from a hold\'s 201 (last byte at the buyer) to each watcher receiving the first version whose seats include that hold\'s, over every watcher × up to 1,000 holds spread evenly over the run (1 ms resolution). A version\'s taken seats are parsed once, from the first watcher that gets it: every watcher receives the same bytes.',
];

export const onSaleMix: Scenario = {
  id: 'on-sale-mix',
  title: '9. On-sale mix: 19,000 watchers on Server-Sent Events + buyers holding and paying, 20,160 seats',
  notes: [...commonNotes, 'Watchers follow …/availability/stream, as the widget does where the server pushes: one read of the version per period for all of them (250 ms with few watchers, 1.19 s with 19,000: the period keeps the socket writes within 16,000 a second, up to 1.25 s), one read and encoding per change, the same bytes written to every socket, 1,000 sockets at a time with requests served in between.'],
  async run(options) {
    return onSaleFigures('onsale', await runOnSale('sse', options), true);
  },
};

export const onSaleMixPolling: Scenario = {
  id: 'on-sale-mix-polling',
  title: '9b. On-sale mix, polling fallback: 9,500 watchers polling as the widget does',
  notes: [
    ...commonNotes,
    `${FULL_POLLING_WATCHERS.toLocaleString('en')} watchers here, not 19,000: with 19,000 polling, the buyers could not open their sockets (26–121 of 256 warm-up requests failed in two runs).`,
    'Watchers poll …/availability with `since=` their version every `pollAfterMs` the answer names (the server lengthens it while many poll one performance: 2–10 s), spread over the interval. Compare with the SSE run; before this round every poll read the version from the database and the widget polled every 3 s.',
  ],
  async run(options) {
    return onSaleFigures('onsalePoll', await runOnSale('poll', options), false);
  },
};

export const onSaleFanOut: Scenario = {
  id: 'on-sale-fanout',
  title: '9c. On-sale fan-out alone: 19,000 watchers on Server-Sent Events, a hold every 250 ms',
  notes: [
    commonNotes[1]!,
    'The watchers of scenario 9 with a paced trickle of holds instead of the sale (one buyer at a time, 250 ms between buyers, for 10 s): a change in nearly every tick, written to every watcher. The server\'s CPU over that time divided by the events the watchers received is its CPU per socket write (the holds cost a few ms of it); CPU times stay comparable while other work shares the machine.',
  ],
  async run(options) {
    const run = await runOnSale('fanout', options);
    const { result, watched, serverCpuMs } = run;
    return [
      { key: 'fanout.watchers', label: 'watchers connected (one socket each)', value: run.connected, digits: 0 },
      { key: 'fanout.holds', label: 'holds accepted (paced)', value: result.accepted, digits: 0 },
      { key: 'fanout.events', label: 'events received by all watchers during the run', value: watched.saleEvents, digits: 0 },
      ...(serverCpuMs === null || watched.saleEvents === 0
        ? []
        : [{ key: 'fanout.serverCpuPerWrite', label: 'server CPU per event written to a watcher (µs; all the server did ÷ events received)', value: (serverCpuMs * 1000) / watched.saleEvents, unit: 'µs', digits: 1 }]),
      ...(watched.saleEvents === 0 ? [] : [{ key: 'fanout.watcherCpuPerEvent', label: "watchers' process CPU per event received (µs)", value: (watched.saleCpuMs * 1000) / watched.saleEvents, unit: 'µs', digits: 1 }]),
      { key: 'fanout.seenP95', label: 'hold 201 → watcher sees the seat taken, p95', value: watched.delay.p95, unit: 'ms', digits: 0, goal: { op: '<=' as const, value: 2000 } },
      { key: 'fanout.dropped', label: 'watcher connections lost during the run', value: watched.dropped, digits: 0 },
      { key: 'fanout.serverErrors', label: '5xx answers', value: result.serverErrors + watched.serverErrors, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
    ];
  },
};
