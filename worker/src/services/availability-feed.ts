import type { Db } from '../db.js';
import type { Availability, AvailabilityState } from '../../../contract/responses/catalog.js';
import { availabilityVersion, getAvailability, loadPerformance } from './catalog.js';
import { MIN_POLL_AFTER_MS, pollAfterFor } from '../domain/poll-after.js';
import type { SharedAvailability } from './availability-edge-cache.js';

/** One performance's availability at one version, encoded once and shared by every request and subscriber that asks for it. */
export interface AvailabilitySnapshot {
  version: string;
  state: AvailabilityState;
  /** The GET answer's body, JSON, as sent. */
  body: string;
}

export interface AvailabilityFeedOptions {
  /**
   * How long a version read is shared by the requests that come after it (ms). 0: every request
   * reads the version (still one read for requests that arrive while one is under way).
   */
  versionMaxAgeMs: number;
  /** The server pushes availability (…/availability/stream): the answer says so, and the widget subscribes. */
  streams?: boolean;
  /** Monotonic milliseconds for the ages above (not the deps' clock, which tests move in jumps). */
  monotonic?: () => number;
  /** Versions and answers shared with other isolates (Workers: availability-edge-cache.ts). */
  shared?: SharedAvailability | undefined;
}

interface PerformanceEntry {
  /** The last version read and when (monotonic), or the read under way. */
  version: Promise<string> | undefined;
  versionReadAt: number;
  /** The newest version this process has known: a shared version older than it is not taken. */
  newest: string | undefined;
  /** The writes made here by its last database read: once more were made, the next version comes from the database, not from what others share. */
  writesSeen: number;
  snapshot: AvailabilitySnapshot | undefined;
  /** The snapshot being read, by version: concurrent requests for one version share one read. */
  loading: Map<string, Promise<AvailabilitySnapshot>>;
  /** GET answers in the current window, for pollAfterMs. */
  polls: number;
  pollsWindowStart: number;
  pollsPerSecond: number;
  /** The wait the last answer named (the polls per second came at that rhythm). */
  pollAfterMs: number;
}

const POLL_WINDOW_MS = 2_000;

/**
 * Availability that costs per change, not per request (issue 20). Per process (or Workers
 * isolate): the version of a performance is read at most once per `versionMaxAgeMs` and shared
 * by every request in that window, and the full state is read and encoded once per version.
 * Why a shared version read cannot show a buyer a state older than their own hold: the hold
 * routes call `changed()` after their batch, which makes the next request read the version
 * again; other buyers see the change after at most `versionMaxAgeMs` more (the goal is 2 s).
 * Holds that lapse change the version by the clock (catalog.ts availabilityVersion), so they
 * are seen within the same window.
 */
export class AvailabilityFeed {
  readonly #options: Required<Omit<AvailabilityFeedOptions, 'shared'>> & Pick<AvailabilityFeedOptions, 'shared'>;
  readonly #entries = new Map<string, PerformanceEntry>();
  /** Writes made in this process (wroteHere), for what may be taken from other isolates. */
  #writes = 0;
  /** Reads of the database this feed made, for tests and the benchmark: [versions, snapshots]. */
  readonly reads = { versions: 0, snapshots: 0 };

  constructor(options: AvailabilityFeedOptions) {
    this.#options = { streams: false, monotonic: () => performance.now(), ...options };
  }

  get streams(): boolean {
    return this.#options.streams;
  }

  #entry(shopId: string, performanceId: string): PerformanceEntry {
    const key = `${shopId}:${performanceId}`;
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { version: undefined, versionReadAt: 0, newest: undefined, writesSeen: 0, snapshot: undefined, loading: new Map(), polls: 0, pollsWindowStart: this.#options.monotonic(), pollsPerSecond: 0, pollAfterMs: MIN_POLL_AFTER_MS };
      // Bounded: a process serves a few hundred live performances at most; the oldest goes first.
      if (this.#entries.size >= 2_000) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** A write in this process changed the performance's availability: the next request reads its version again. */
  changed(shopId: string, performanceId: string): void {
    const entry = this.#entries.get(`${shopId}:${performanceId}`);
    if (!entry) return;
    entry.version = undefined;
  }

  /** An organizer's write may change any performance (capacity, blocks, a cancellation): every version is read again. */
  forgetAll(): void {
    for (const entry of this.#entries.values()) entry.version = undefined;
  }

  /**
   * A write of any kind was made in this process (a checkout, a release, an exchange): the next
   * reads of every performance come from the database, not from what other isolates share, so
   * whoever wrote sees it at once. Versions this process shares with itself stay (the hold
   * routes name their performance with changed()).
   */
  wroteHere(): void {
    this.#writes++;
  }

  /**
   * The current version, read at most once per window and shared (a read under way is shared
   * too); a failed read is not kept. `maxAgeMs` 0: a fresh read unless one is under way (the
   * stream's tick, which is itself the one read per window; pollers then share it).
   */
  version(db: Db, shopId: string, performanceId: string, now: number, maxAgeMs = this.#options.versionMaxAgeMs): Promise<string> {
    const entry = this.#entry(shopId, performanceId);
    // 0 means no reuse at all, even within one millisecond (Workers' clock stands still between I/O).
    const underWay = entry.versionReadAt === Number.POSITIVE_INFINITY;
    if (entry.version && (underWay || (maxAgeMs > 0 && this.#options.monotonic() - entry.versionReadAt <= maxAgeMs))) return entry.version;
    const read = this.#readVersion(entry, db, shopId, performanceId, now);
    entry.version = read;
    // Under way: shared until it answers; its age counts from then. changed() meanwhile drops it.
    entry.versionReadAt = Number.POSITIVE_INFINITY;
    read.then(
      () => {
        if (entry.version === read) entry.versionReadAt = this.#options.monotonic();
      },
      () => {
        if (entry.version === read) entry.version = undefined;
      },
    );
    return read;
  }

  /**
   * From what other isolates share when this process wrote nothing since (and it is not older
   * than a version seen here), else from the database, then shared.
   */
  async #readVersion(entry: PerformanceEntry, db: Db, shopId: string, performanceId: string, now: number): Promise<string> {
    const { shared } = this.#options;
    const key = `${shopId}:${performanceId}`;
    if (shared && entry.writesSeen === this.#writes) {
      const known = await shared.version(key).catch(() => undefined);
      if (known && (!entry.newest || !newer(entry.newest, known))) return (entry.newest = known);
    }
    entry.writesSeen = this.#writes;
    this.reads.versions++;
    const version = await availabilityVersion(db, shopId, performanceId, now);
    if (!entry.newest || newer(version, entry.newest)) entry.newest = version;
    // The cache is a help, never a condition: a failed put leaves the next isolate to read the database.
    if (shared) await shared.putVersion(key, version).catch(() => undefined);
    return version;
  }

  /** The state at `version` (or newer, when it moved during the read), read and encoded once. */
  snapshot(db: Db, shopId: string, performanceId: string, version: string, now: number): Promise<AvailabilitySnapshot> {
    const entry = this.#entry(shopId, performanceId);
    if (entry.snapshot?.version === version) return Promise.resolve(entry.snapshot);
    const pending = entry.loading.get(version);
    if (pending) return pending;
    const load = (async () => {
      const { shared } = this.#options;
      const key = `${shopId}:${performanceId}`;
      const sharedBody = shared ? await shared.body(key, version).catch(() => undefined) : undefined;
      let snapshot: AvailabilitySnapshot;
      if (sharedBody) {
        snapshot = { version, state: stateOf(JSON.parse(sharedBody) as Availability), body: sharedBody };
      } else {
        this.reads.snapshots++;
        const { performance } = await loadPerformance(db, shopId, performanceId);
        const state = await getAvailability(db, performance, now);
        snapshot = {
          version,
          state,
          body: JSON.stringify({ performanceId, version, at: new Date(now).toISOString(), pollAfterMs: this.pollAfterMs(shopId, performanceId), ...(this.streams ? { stream: true } : {}), ...state }),
        };
        if (shared) await shared.putBody(key, version, snapshot.body).catch(() => undefined);
      }
      // Versions only grow: an older snapshot finishing late does not replace a newer one.
      if (!entry.snapshot || newer(version, entry.snapshot.version)) entry.snapshot = snapshot;
      return snapshot;
    })();
    entry.loading.set(version, load);
    void load.finally(() => entry.loading.delete(version)).catch(() => undefined);
    return load;
  }

  /** Counts a GET answer for the performance (the polling load behind pollAfterMs). */
  polled(shopId: string, performanceId: string): void {
    const entry = this.#entry(shopId, performanceId);
    const at = this.#options.monotonic();
    const elapsed = at - entry.pollsWindowStart;
    if (elapsed >= POLL_WINDOW_MS) {
      entry.pollsPerSecond = (entry.polls * 1000) / elapsed;
      entry.polls = 0;
      entry.pollsWindowStart = at;
    }
    entry.polls++;
  }

  /** How long pollers should wait before asking again, given how many poll this performance here. */
  pollAfterMs(shopId: string, performanceId: string): number {
    const entry = this.#entries.get(`${shopId}:${performanceId}`);
    if (!entry) return pollAfterFor(0);
    // The window under way counts too once it is a quarter second old: a crowd that arrives all at once is asked to wait at once.
    const elapsed = this.#options.monotonic() - entry.pollsWindowStart;
    const current = elapsed >= 250 ? (entry.polls * 1000) / elapsed : 0;
    entry.pollAfterMs = pollAfterFor(Math.max(entry.pollsPerSecond, current), entry.pollAfterMs);
    return entry.pollAfterMs;
  }
}

/** The state part of an availability answer (what the stream's deltas are computed from). */
function stateOf(answer: Availability): AvailabilityState {
  return answer.seating === 'seated'
    ? { seating: 'seated', held: answer.held, sold: answer.sold, blocked: answer.blocked }
    : { seating: 'general_admission', capacity: answer.capacity, remaining: answer.remaining };
}

/** Versions are `<inventory version>.<lapsed holds>`; both parts only grow between two reads of a running sale. */
export function newer(a: string, b: string): boolean {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 !== b1 ? a1 > b1 : a2 > b2;
}
