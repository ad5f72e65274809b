/**
 * Open seat maps of one performance, played in their own load-generator process (issue 20's
 * on-sale mix): `sse` keeps one …/availability/stream connection per watcher (what the widget
 * does where the server pushes); `poll` asks …/availability every pollAfterMs with the last
 * version, as the widget's fallback does. Each watcher records when it received each version
 * (wall clock, performance.timeOrigin + now(), comparable with the buyers' process); the seats
 * each version took come from one parse per version (every watcher receives the same bytes).
 * After the run the parent hands in the accepted holds with their 201 times and gets the
 * delays from a hold's 201 to each watcher seeing its seats taken.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { eventData, eventVersionKey, SseBytesReader } from './sse-bytes.js';

export interface WatchersParams {
  baseUrl: string;
  shopId: string;
  performanceId: string;
  mode: 'sse' | 'poll';
  watchers: number;
  /** Written once every watcher is connected (sse) or has its first answer (poll). */
  readyFile: string;
  /** The watchers stop when this file appears (the buyers are done and their holds written to it). */
  stopFile: string;
  /** Parallel connection attempts while opening (a real on-sale's maps open over minutes, not at once). */
  openConcurrency: number;
  /** At most this many holds (evenly spread over the run) are paired with every watcher. */
  sampleHolds: number;
}

export interface WatchersResult {
  connected: number;
  /** Connections that ended or failed before the end of the run. */
  dropped: number;
  /** Versions received by the first watcher after its first. */
  versionsSeen: number;
  /** Availability requests (poll) or stream connections (sse) made during the run. */
  requests: number;
  notModified: number;
  serverErrors: number;
  pairs: number;
  /** Pairs whose watcher never saw the seat taken before the end. */
  unseen: number;
  delay: { p50: number; p95: number; p99: number; max: number; mean: number };
  sampledHolds: number;
  loadCpuMs: number;
  /** CPU of this process from the moment every watcher was connected until the watchers stop (the sale and its last changes). */
  saleCpuMs: number;
  /** Events with a version received by all watchers over that time (snapshots and changes). */
  saleEvents: number;
  /** Bytes of the events (with their blank line, without HTTP framing) received by all watchers over that time (SSE). */
  saleEventBytes: number;
  openMs: number;
}

/** Version "a.b" as a number that orders like the versions (b, the lapsed count, stays small). */
const versionKey = (version: string) => {
  const [a = '0', b = '0'] = version.split('.');
  return Number(a) * 1e6 + Number(b);
};

const wallNow = () => performance.timeOrigin + performance.now();

/** Every watcher's socket reads into this buffer; SseBytesReader copies what it keeps. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every watcher needs to know: which version first showed each seat taken (one parse per version). */
class SeatOracle {
  readonly takenAt = new Map<number, number>();
  readonly parsedVersions = new Set<number>();

  record(key: number, ranges: (string | undefined)[]): void {
    if (this.parsedVersions.has(key)) return;
    this.parsedVersions.add(key);
    for (const text of ranges) {
      if (!text) continue;
      for (const id of decodeSeatRanges(text)) {
        const known = this.takenAt.get(id);
        if (known === undefined || key < known) this.takenAt.set(id, key);
      }
    }
  }
}

interface Watcher {
  /** [versionKey, wall time] per version received, in arrival order. */
  seen: number[];
  alive: boolean;
}

export async function runWatchers(p: WatchersParams, holdsFile: () => { at: number; seatIds: number[] }[] = () => readHolds(p.stopFile)): Promise<WatchersResult> {
  const url = new URL(p.baseUrl);
  const oracle = new SeatOracle();
  const watchers: Watcher[] = [];
  const counts = { requests: 0, notModified: 0, serverErrors: 0, dropped: 0, eventBytes: 0 };
  const cpuAtStart = process.cpuUsage();
  const path = `/api/shops/${p.shopId}/performances/${p.performanceId}/availability`;
  let stopping = false;
  const openedAt = performance.now();

  // ── SSE: one raw socket per watcher, read as bytes (sse-bytes.ts says what of EventSource's work it does) ──
  const openStream = (watcher: Watcher, parseAll: boolean) =>
    new Promise<void>((opened) => {
      counts.requests++;
      let first = true;
      // Read into one buffer for all the watchers (onread): no stream, no buffer allocated per
      // read; 19,000 sockets × one 9 KB event a second is the watchers' process's main cost.
      const socket = connect({ host: url.hostname, port: Number(url.port), onread: { buffer: READ_BUFFER, callback: (bytes: number, buffer: Uint8Array) => (reader.push((buffer as Buffer).subarray(0, bytes)), true) } });
      const reader = new SseBytesReader({
        head(status) {
          if (status === 200) return;
          if (status >= 500) counts.serverErrors++;
          watcher.alive = false;
          counts.dropped++;
          socket.destroy();
          opened();
        },
        event(bytes) {
          const at = wallNow();
          counts.eventBytes += bytes.length + 2;
          // Comments (": keep-alive") and the retry line carry no version.
          if (bytes[0] === 0x3a) return;
          const key = eventVersionKey(bytes);
          if (key === null) return;
          watcher.seen.push(key, at);
          // One parse per version: the first watcher that gets it.
          if (parseAll || !oracle.parsedVersions.has(key)) {
            const data = JSON.parse(eventData(bytes)) as Record<string, string>;
            oracle.record(key, [data.held, data.sold, data.blocked]);
          }
          if (first) {
            first = false;
            opened();
          }
        },
      });
      socket.on('close', () => {
        if (!stopping && watcher.alive) {
          watcher.alive = false;
          counts.dropped++;
        }
        if (first) opened();
      });
      socket.on('error', () => {
        if (watcher.alive && !stopping) counts.dropped++;
        watcher.alive = false;
        opened();
      });
      socket.write(`GET ${path}/stream HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n`);
      stopHooks.push(() => socket.destroy());
    });

  // ── Polling: the widget's rhythm, a keep-alive agent with one socket per watcher ──
  const agent = new Agent({ keepAlive: true, maxSockets: p.watchers, maxFreeSockets: p.watchers });
  const bodies = new Map<number, true>();
  const poll = (watcher: Watcher, version: string | undefined) =>
    new Promise<{ version: string | undefined; wait: number }>((done) => {
      counts.requests++;
      const req = request({ agent, host: url.hostname, port: Number(url.port), path: version ? `${path}?since=${version}` : path }, (res) => {
        const at = wallNow();
        if (res.statusCode === 304) {
          counts.notModified++;
          res.resume();
          return done({ version, wait: -1 });
        }
        if ((res.statusCode ?? 0) >= 500) counts.serverErrors++;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if (res.statusCode !== 200) return done({ version, wait: 2000 });
          // The version is at the start of the body: only a version no watcher parsed yet is parsed whole.
          const found = /"version":"([\d.]+)"/.exec(text);
          const next = found?.[1];
          if (!next) return done({ version, wait: 2000 });
          const key = versionKey(next);
          if (!bodies.has(key)) {
            bodies.set(key, true);
            const data = JSON.parse(text) as Record<string, string>;
            oracle.record(key, [data.held, data.sold, data.blocked]);
          }
          watcher.seen.push(key, at);
          const wait = Number(/"pollAfterMs":(\d+)/.exec(text)?.[1] ?? 3000);
          done({ version: next, wait });
        });
      });
      req.on('error', () => done({ version, wait: 10_000 }));
      req.end();
    });
  const pollLoop = async (watcher: Watcher, firstDone: () => void) => {
    let version: string | undefined;
    let wait = 3000;
    let first = true;
    while (!stopping) {
      const answer = await poll(watcher, version);
      version = answer.version;
      if (answer.wait >= 0) wait = answer.wait;
      if (first) {
        first = false;
        firstDone();
        // Spread the watchers over the interval, as maps opened at different moments are.
        await sleep(Math.random() * wait);
        continue;
      }
      await sleep(wait);
    }
  };

  const stopHooks: (() => void)[] = [];
  const loops: Promise<void>[] = [];
  for (let i = 0; i < p.watchers; i++) watchers.push({ seen: [], alive: true });
  // Opening: a bounded number of connection attempts at a time.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(p.openConcurrency, p.watchers) }, async () => {
      while (next < p.watchers) {
        const index = next++;
        if (p.mode === 'sse') await openStream(watchers[index]!, index === 0);
        else await new Promise<void>((firstDone) => loops.push(pollLoop(watchers[index]!, firstDone)));
      }
    }),
  );
  const openMs = performance.now() - openedAt;
  const connected = watchers.filter((w) => w.alive).length;
  const cpuAtReady = process.cpuUsage();
  const eventsAtReady = watchers.reduce((n, w) => n + w.seen.length / 2, 0);
  const bytesAtReady = counts.eventBytes;
  writeFileSync(p.readyFile, String(connected));

  while (!existsSync(p.stopFile)) await sleep(100);
  // The last holds' changes are still on their way: pollers wait up to the longest pollAfterMs (10 s).
  await sleep(p.mode === 'sse' ? 1500 : 11_000);
  const saleCpu = process.cpuUsage(cpuAtReady);
  const saleEvents = watchers.reduce((n, w) => n + w.seen.length / 2, 0) - eventsAtReady;
  const saleEventBytes = counts.eventBytes - bytesAtReady;
  stopping = true;
  for (const stop of stopHooks) stop();
  agent.destroy();

  const holds = holdsFile();
  const step = Math.max(1, Math.ceil(holds.length / p.sampleHolds));
  const sample = holds.filter((_, i) => i % step === 0);
  // Delays in 0.1 ms buckets up to 60 s: exact percentiles without keeping every pair.
  const BUCKET = 0.1;
  const histogram = new Uint32Array(600_000);
  let pairs = 0;
  let unseen = 0;
  let sum = 0;
  let max = 0;
  const targets = sample
    .map((h) => ({ at: h.at, key: Math.min(...h.seatIds.map((id) => oracle.takenAt.get(id) ?? Number.POSITIVE_INFINITY)) }))
    .sort((a, b) => a.key - b.key);
  for (const watcher of watchers) {
    const seen = watcher.seen;
    if (seen.length === 0) continue;
    // Versions arrive in order on one connection; for polling too (each answer is newer or a 304).
    let j = 0;
    for (const target of targets) {
      while (j < seen.length && seen[j]! < target.key) j += 2;
      pairs++;
      if (j >= seen.length || !Number.isFinite(target.key)) {
        unseen++;
        continue;
      }
      const delay = Math.max(0, seen[j + 1]! - target.at);
      sum += delay;
      if (delay > max) max = delay;
      histogram[Math.min(histogram.length - 1, Math.floor(delay / BUCKET))]!++;
    }
  }
  const seenPairs = pairs - unseen;
  const quantile = (q: number) => {
    if (seenPairs === 0) return Number.NaN;
    const rank = Math.ceil(q * seenPairs);
    let count = 0;
    for (let i = 0; i < histogram.length; i++) {
      count += histogram[i]!;
      if (count >= rank) return (i + 1) * BUCKET;
    }
    return max;
  };
  const cpu = process.cpuUsage(cpuAtStart);
  await Promise.race([Promise.all(loops), sleep(3000)]);
  return {
    connected,
    dropped: counts.dropped,
    versionsSeen: Math.max(0, (watchers[0]?.seen.length ?? 0) / 2 - 1),
    requests: counts.requests,
    notModified: counts.notModified,
    serverErrors: counts.serverErrors,
    pairs,
    unseen,
    delay: { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99), max, mean: seenPairs ? sum / seenPairs : Number.NaN },
    sampledHolds: sample.length,
    loadCpuMs: (cpu.user + cpu.system) / 1000,
    saleCpuMs: (saleCpu.user + saleCpu.system) / 1000,
    saleEvents,
    saleEventBytes,
    openMs,
  };
}

function readHolds(file: string): { at: number; seatIds: number[] }[] {
  return JSON.parse(readFileSync(file, 'utf8')) as { at: number; seatIds: number[] }[];
}
