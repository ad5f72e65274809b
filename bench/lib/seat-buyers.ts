/**
 * Buyers of a seated performance, played in the load-generator process. Each buyer wants 1–4
 * adjacent seats, preferably in the hot area (the front rows), tries to hold them, and when
 * another buyer was faster (409 seats_taken) picks again from what they learnt: the seats the
 * 409 named, and from the second loss on a fresh availability read. At most `maxAttempts`
 * hold requests per buyer; a buyer who sees no block of their size left gives up. Buyers
 * at a human pace (`pace`) think before each hold and before paying or releasing what they hold.
 */
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../../tests/node/http-server.js';
import { idempotencyKey, JsonClient, Latencies, runUsers, StatusCounts } from './http-client.js';
import { SeatView } from './seat-view.js';
import { latencySummary } from './stats.js';

export interface SeatBuyersParams {
  baseUrl: string;
  shopId: string;
  performanceId: string;
  rows: number[][];
  /** Rows [0, hotRows) are the hot area. */
  hotRows: number;
  buyers: number;
  /** Buyers active at once (all by default); a buyer who is done is replaced by the next one. */
  concurrency?: number;
  maxSockets: number;
  maxAttempts: number;
  /**
   * snapshot: every buyer starts from the availability read before the sale opened (a flash
   * sale: everyone loaded the page before the start). shared: a buyer arriving later sees the
   * seats every earlier buyer holds (a page loaded just now).
   */
  knowledge: 'snapshot' | 'shared';
  /** Probability of trying the hot area first (1 in a flash sale). */
  hotPreference: number;
  /** No new hold request after this long: buyers not done by then are counted as cut off. */
  durationMs?: number;
  /** Also check out every accepted hold with the simulated card (checkout throughput). */
  checkout?: boolean;
  /** Check out this share of the accepted holds (buyers paying while others hold: the on-sale mix). */
  checkoutShare?: number;
  /** Send an Idempotency-Key with every POST and DELETE, as the widget does. */
  idempotency: boolean;
  /**
   * Buyers at a human pace: a think time (exponential, this mean) looking at the map before the
   * first hold, a shorter one before picking again after a 409, and one more once the seats are
   * held, after which the buyer pays (this share, simulated card) or releases the hold.
   */
  pace?: { thinkMs: number; retryThinkMs: number; payShare: number };
  /**
   * Buyers run this long before the measured `durationMs` starts (until then they reach their
   * pace): requests asked before are not in the latencies, counts and rates, but their 5xx
   * answers are counted, and their holds are audited.
   */
  warmUpMs?: number;
  seed: number;
  /** Each buyer, once done, waits this long before the next one starts (a paced trickle of holds instead of as many as the server takes). */
  thinkMs?: number;
}

export interface SeatBuyersResult {
  holdRequests: number;
  accepted: number;
  statuses: Record<string, number>;
  conflicts: number;
  serverErrors: number;
  noAnswer: number;
  holdLatency: ReturnType<typeof latencySummary>;
  /** p99 including the wait for one of the capped sockets. */
  holdLatencyWithQueueP99: number;
  availabilityReads: number;
  gaveUp: number;
  /** Buyers who had not finished when the duration ran out (sustained runs end this way). */
  cutOff: number;
  /** From the first request to the last accepted hold. */
  acceptWindowMs: number;
  /** When the measured sale began (wall clock, as AcceptedHold.at): holds before it were the warm-up. */
  startedAt: number;
  elapsedMs: number;
  /** CPU time (user + system) of the load generator itself over the run: it shares the machine's cores with the server. */
  loadCpuMs: number;
  /** `at`: wall-clock ms (performance.timeOrigin + now) of the 201's last byte, comparable across processes. */
  acceptedHolds: AcceptedHold[];
  checkouts?: { orders: number; statuses: Record<string, number>; latency: ReturnType<typeof latencySummary>; windowMs: number };
  /** Paced buyers who gave their hold back (DELETE), with the answers; their holds are in acceptedHolds with `released`. */
  releases?: { released: number; statuses: Record<string, number>; latency: ReturnType<typeof latencySummary> };
  /** Requests asked during the warm-up (not in the figures above, but the server did them). */
  warmUpRequests: number;
}

/** An accepted hold; `released` once its buyer gave it back (its seats may then be held by another buyer). */
export interface AcceptedHold {
  holdId: string;
  seatIds: number[];
  at: number;
  released?: boolean;
}

/** The holds whose seats must still be claimed by them at the end (the audit's input). */
export const keptHolds = (holds: AcceptedHold[]) => holds.filter((h) => !h.released);

/** A think time drawn from the exponential distribution with this mean (memoryless, as arrivals of people are). */
export const exponential = (meanMs: number, random: () => number) => -meanMs * Math.log(1 - random());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const GOOD_CARD = '4242424242424242';

export async function runSeatBuyers(p: SeatBuyersParams): Promise<SeatBuyersResult> {
  const client = new JsonClient(p.baseUrl, p.maxSockets);
  const shopPath = `/api/shops/${p.shopId}`;
  const random = seededRandom(p.seed);
  const holdLatency = new Latencies();
  const holdTotal = new Latencies();
  const checkoutLatency = new Latencies();
  const statuses = new StatusCounts();
  const checkoutStatuses = new StatusCounts();
  const releaseLatency = new Latencies();
  const releaseStatuses = new StatusCounts();
  /** Answers to requests asked during the warm-up: only their 5xx and unanswered ones are reported. */
  const warmUpStatuses = new StatusCounts();
  const acceptedHolds: AcceptedHold[] = [];
  let accepted = 0;
  let released = 0;
  let holdRequests = 0;
  let availabilityReads = 0;
  let gaveUp = 0;
  let cutOff = 0;
  let lastAcceptedAt = 0;
  let lastOrderAt = 0;
  let orders = 0;

  await client.warmUp();
  const readAvailability = async () => {
    availabilityReads++;
    const res = await client.send('GET', `${shopPath}/performances/${p.performanceId}/availability`);
    return res.status === 200 ? (res.body as { held: string; sold: string; blocked: string }) : null;
  };
  const shared = SeatView.empty(p.rows);
  const initial = await readAvailability();
  if (!initial) throw new Error('The availability read before the sale failed');
  shared.refresh(initial);
  availabilityReads = 0;

  const begun = performance.now();
  // The measured run starts after the warm-up; the rates, the CPU and the deadline count from here.
  const started = begun + (p.warmUpMs ?? 0);
  let cpuAtStart = process.cpuUsage();
  const measuring = started > begun ? setTimeout(() => (cpuAtStart = process.cpuUsage()), started - begun) : undefined;
  const deadline = p.durationMs === undefined ? Infinity : started + p.durationMs;
  const changing = (): Record<string, string> => (p.idempotency ? { 'Idempotency-Key': idempotencyKey() } : {});
  const post = (path: string, body: unknown) => client.send('POST', path, body, changing());
  const think = async (meanMs: number) => {
    await sleep(exponential(meanMs, random));
    return performance.now() < deadline;
  };

  const buyer = async (index: number) => {
    const size = 1 + Math.floor(random() * 4);
    const view = p.knowledge === 'shared' ? shared : new SeatView(p.rows, shared.minId, shared.snapshot);
    let losses = 0;
    for (let attempt = 0; attempt < p.maxAttempts; attempt++) {
      if (p.pace && !(await think(attempt === 0 ? p.pace.thinkMs : p.pace.retryThinkMs))) return void cutOff++;
      if (performance.now() >= deadline) return void cutOff++;
      const hotFirst = random() < p.hotPreference;
      const seatIds = (hotFirst ? view.pick(size, 0, p.hotRows, random) : null) ?? view.pick(size, 0, p.rows.length, random);
      if (!seatIds) {
        gaveUp++;
        return;
      }
      const asked = performance.now();
      const res = await post(`${shopPath}/holds`, { performanceId: p.performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
      if (res.status === -1) return void cutOff++;
      const measured = asked >= started;
      if (measured) {
        holdRequests++;
        holdLatency.push(res.wireMs);
        holdTotal.push(res.totalMs);
        statuses.add(res);
      } else warmUpStatuses.add(res);
      if (res.status === 201) {
        const hold: AcceptedHold = { holdId: res.body.id, seatIds, at: performance.timeOrigin + res.endedAt };
        acceptedHolds.push(hold);
        if (measured) accepted++, (lastAcceptedAt = Math.max(lastAcceptedAt, res.endedAt));
        if (p.knowledge === 'shared') shared.markTaken(seatIds, true);
        if (p.pace) return settle(index, hold, p.pace);
        if (p.checkout || (p.checkoutShare !== undefined && random() < p.checkoutShare)) {
          const paid = await post(`${shopPath}/holds/${res.body.id}/checkout`, {
            buyer: { name: `Buyer ${index}`, email: `buyer${index}@example.ch`, language: 'fr' },
            payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
          });
          if (paid.status === -1) return void cutOff++;
          checkoutLatency.push(paid.wireMs);
          checkoutStatuses.add(paid);
          if (paid.status === 201) orders++, (lastOrderAt = Math.max(lastOrderAt, paid.endedAt));
        }
        return;
      }
      if (res.status === 409 && res.body?.error?.code === 'seats_taken') {
        losses++;
        view.markTaken(res.body.error.details?.seatIds ?? seatIds, p.knowledge === 'shared');
        if (losses >= 2 && p.knowledge === 'snapshot') {
          const fresh = await readAvailability();
          if (fresh) view.refresh(fresh);
        }
      }
    }
  };

  /** A paced buyer holding seats: thinks, then pays or gives them back (nothing more once the run is over: the hold stays). */
  const settle = async (index: number, hold: AcceptedHold, pace: NonNullable<SeatBuyersParams['pace']>) => {
    if (!(await think(pace.thinkMs))) return;
    const asked = performance.now();
    const measured = asked >= started;
    if (random() < pace.payShare) {
      const paid = await post(`${shopPath}/holds/${hold.holdId}/checkout`, {
        buyer: { name: `Buyer ${index}`, email: `buyer${index}@example.ch`, language: 'fr' },
        payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
      });
      if (paid.status === -1) return;
      if (!measured) return void warmUpStatuses.add(paid);
      checkoutLatency.push(paid.wireMs);
      checkoutStatuses.add(paid);
      if (paid.status === 201) orders++, (lastOrderAt = Math.max(lastOrderAt, paid.endedAt));
      return;
    }
    const res = await client.send('DELETE', `${shopPath}/holds/${hold.holdId}`, undefined, changing());
    if (res.status === 200) {
      hold.released = true;
      released++;
      if (p.knowledge === 'shared') shared.markFree(hold.seatIds);
    }
    if (!measured) return void warmUpStatuses.add(res);
    releaseLatency.push(res.wireMs);
    releaseStatuses.add(res);
  };

  // At the time limit, requests still waiting for a socket are not sent (their buyers are cut off).
  const limit = Number.isFinite(deadline) ? setTimeout(() => client.abortQueued(), deadline - performance.now()) : undefined;
  const paced = p.thinkMs
    ? async (index: number) => {
        await buyer(index);
        await new Promise((resolve) => setTimeout(resolve, p.thinkMs));
      }
    : buyer;
  await runUsers(p.buyers, paced, p.concurrency ?? p.buyers, () => performance.now() >= deadline);
  clearTimeout(limit);
  clearTimeout(measuring);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  client.close();
  return {
    holdRequests,
    accepted,
    statuses: statuses.counts,
    conflicts: statuses.count((s) => s === 409),
    serverErrors: statuses.count((s) => s >= 500) + warmUpStatuses.count((s) => s >= 500),
    noAnswer: statuses.count((s) => s === 0) + warmUpStatuses.count((s) => s === 0),
    warmUpRequests: warmUpStatuses.count(() => true),
    holdLatency: latencySummary(holdLatency.values()),
    holdLatencyWithQueueP99: latencySummary(holdTotal.values()).p99,
    availabilityReads,
    gaveUp,
    cutOff,
    acceptWindowMs: lastAcceptedAt > 0 ? lastAcceptedAt - started : Number.NaN,
    startedAt: performance.timeOrigin + started,
    elapsedMs,
    loadCpuMs: (cpu.user + cpu.system) / 1000,
    acceptedHolds,
    ...(p.checkout || p.checkoutShare !== undefined
      ? { checkouts: { orders, statuses: checkoutStatuses.counts, latency: latencySummary(checkoutLatency.values()), windowMs: lastOrderAt > 0 ? lastOrderAt - started : Number.NaN } }
      : {}),
    ...(p.pace
      ? {
          checkouts: { orders, statuses: checkoutStatuses.counts, latency: latencySummary(checkoutLatency.values()), windowMs: lastOrderAt > 0 ? lastOrderAt - started : Number.NaN },
          releases: { released, statuses: releaseStatuses.counts, latency: latencySummary(releaseLatency.values()) },
        }
      : {}),
  };
}
