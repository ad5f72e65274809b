import type { Db } from '../db.js';
import { type AvailabilityFeed, type AvailabilitySnapshot, newer } from './availability-feed.js';
import { availabilityChange } from '../domain/availability-delta.js';
import { loggableError } from '../db.js';
import { streamTickFor } from '../domain/poll-after.js';

export interface AvailabilityHubOptions {
  /** How often a watched performance's version is read with few subscribers (one read per performance per tick, for all of them); longer with many (domain/poll-after.ts streamTickFor). */
  tickMs: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs: number;
  /** Events queued for a subscriber that does not read; beyond, its stream is ended (its EventSource reconnects and gets a snapshot). */
  maxQueuedEvents?: number;
  /**
   * Subscribers written to in one go before the server turns to its other work (requests).
   * A change goes to 19,000 watchers in about 230 ms of socket writes: written at once, every
   * hold request waiting meanwhile waits that long, and the database writer idles for want of
   * batches. In slices of 1,000 (about 12 ms each) the sale goes on between them.
   */
  fanOutSlice?: number;
}

/**
 * Where a subscriber's bytes go: a web ReadableStream (any runtime), or on Node the socket's
 * response itself (node/sse-sink.ts: a plain write of the shared bytes, several times cheaper
 * per subscriber than a stream's reader loop, which matters at 19,000 subscribers).
 */
export interface EventSink {
  /** Queues the bytes; false: the subscriber does not read (too much queued), and it is ended. */
  write(bytes: Uint8Array): boolean;
  end(): void;
}

type Subscriber = EventSink;

interface Channel {
  key: string;
  db: Db;
  shopId: string;
  performanceId: string;
  now: () => number;
  subscribers: Set<Subscriber>;
  current: AvailabilitySnapshot;
  timer: ReturnType<typeof setTimeout> | undefined;
  ticking: boolean;
  /** A change went out since the last heartbeat: the stream was not quiet, no comment is needed. */
  changedSinceBeat: boolean;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': keep-alive\n\n');
const RETRY = encoder.encode('retry: 2000\n\n');

/**
 * Pushes availability to open seat maps over Server-Sent Events (the Node server; a Workers
 * isolate cannot keep a timer between requests, so there the widget polls). One channel per
 * watched performance: each tick reads the version once (through the feed, shared with the
 * polling answers), and when it moved, reads the state once, encodes the change once and
 * queues the same bytes on every subscriber. A new subscriber gets the current snapshot first.
 */
export class AvailabilityHub {
  readonly #feed: AvailabilityFeed;
  readonly #options: Required<AvailabilityHubOptions>;
  readonly #channels = new Map<string, Channel>();
  readonly #heartbeat: ReturnType<typeof setInterval>;
  /** Ticks run (each reads one version per watched performance), change events encoded (one per version moved, whatever the number of subscribers), slow subscribers dropped, heartbeats sent to a channel's subscribers. */
  readonly counts = { ticks: 0, changes: 0, dropped: 0, heartbeats: 0 };

  constructor(feed: AvailabilityFeed, options: AvailabilityHubOptions) {
    this.#feed = feed;
    this.#options = { maxQueuedEvents: 64, fanOutSlice: 1_000, ...options };
    this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs);
    (this.#heartbeat as { unref?: () => void }).unref?.();
  }

  /** Open subscriptions, in all or for one performance. */
  subscribers(shopId?: string, performanceId?: string): number {
    if (shopId && performanceId) return this.#channels.get(`${shopId}:${performanceId}`)?.subscribers.size ?? 0;
    let count = 0;
    for (const channel of this.#channels.values()) count += channel.subscribers.size;
    return count;
  }

  /**
   * A subscription's event stream. Reads the current snapshot before answering (a performance
   * that does not exist throws its 404 here, before any byte is sent). `since`: the version the
   * subscriber already has; a snapshot is sent unless it is the current one.
   */
  async subscribe(db: Db, shopId: string, performanceId: string, now: () => number, since: string | undefined): Promise<ReadableStream<Uint8Array>> {
    const limit = 1 - this.#options.maxQueuedEvents;
    let leave: (() => void) | undefined;
    const join = await this.prepare(db, shopId, performanceId, now);
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        leave = join(
          {
            write(bytes) {
              if ((controller.desiredSize ?? 0) < limit) {
                controller.error(new Error('subscriber too slow'));
                return false;
              }
              controller.enqueue(bytes);
              return true;
            },
            end: () => closeQuietly(controller),
          },
          since,
        );
      },
      cancel: () => leave?.(),
    });
  }

  /**
   * Reads the current snapshot of the performance (a performance that does not exist throws
   * its 404 here, before any byte is sent) and gives the function that adds a sink: it writes
   * the retry line and, unless `since` is the current version, the snapshot, then every change;
   * it returns how the sink leaves (its connection closed).
   */
  async prepare(db: Db, shopId: string, performanceId: string, now: () => number): Promise<(sink: EventSink, since: string | undefined) => () => void> {
    const key = `${shopId}:${performanceId}`;
    let known = this.#channels.get(key)?.current;
    if (!known) {
      const at = now();
      known = await this.#feed.snapshot(db, shopId, performanceId, await this.#feed.version(db, shopId, performanceId, at), at);
      // Another subscriber may have opened it while this one read.
      if (!this.#channels.has(key)) this.#open(key, db, shopId, performanceId, now, known);
    }
    const start = known;
    return (sink, since) => {
      // The channel may have closed meanwhile (its last subscriber left): opened again from what was read.
      const channel = this.#channels.get(key) ?? this.#open(key, db, shopId, performanceId, now, start);
      const joined = channel;
      // The retry line: how long an EventSource waits before reconnecting after a drop.
      sink.write(RETRY);
      if (since !== joined.current.version) sink.write(snapshotEvent(joined.current));
      joined.subscribers.add(sink);
      return () => this.#leave(joined, sink);
    };
  }

  /** Performances with at least one subscriber (each has its timer). */
  get channels(): number {
    return this.#channels.size;
  }

  /** Ends every stream and stops every timer (server shutdown). */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const channel of this.#channels.values()) {
      clearTimeout(channel.timer);
      for (const subscriber of channel.subscribers) subscriber.end();
      // A change still being written in slices skips them from now on.
      channel.subscribers.clear();
    }
    this.#channels.clear();
  }

  #open(key: string, db: Db, shopId: string, performanceId: string, now: () => number, current: AvailabilitySnapshot): Channel {
    const channel: Channel = { key, db, shopId, performanceId, now, subscribers: new Set(), current, ticking: false, timer: undefined, changedSinceBeat: false };
    this.#channels.set(key, channel);
    this.#schedule(channel);
    return channel;
  }

  /**
   * The next tick, a period after the start of the last one: a period that grows with the
   * subscribers (each change is written to every one of them). Counted from the start, so the
   * time a change takes to reach 19,000 subscribers does not add to the next change's wait.
   */
  #schedule(channel: Channel, lastStartedAt?: number): void {
    if (this.#channels.get(channel.key) !== channel) return;
    const period = streamTickFor(channel.subscribers.size, this.#options.tickMs);
    const wait = lastStartedAt === undefined ? period : Math.max(0, period - (performance.now() - lastStartedAt));
    channel.timer = setTimeout(async () => {
      const startedAt = performance.now();
      await this.#tick(channel);
      this.#schedule(channel, startedAt);
    }, wait);
    (channel.timer as { unref?: () => void }).unref?.();
  }

  #leave(channel: Channel, subscriber: Subscriber): void {
    channel.subscribers.delete(subscriber);
    if (channel.subscribers.size === 0 && this.#channels.get(channel.key) === channel) {
      clearTimeout(channel.timer);
      this.#channels.delete(channel.key);
    }
  }

  async #tick(channel: Channel): Promise<void> {
    // One read per performance at a time (the next tick is scheduled when this one is over).
    if (channel.ticking) return;
    channel.ticking = true;
    this.counts.ticks++;
    try {
      const at = channel.now();
      // Fresh: a version shared from up to a window ago would add its age to every subscriber's delay.
      const version = await this.#feed.version(channel.db, channel.shopId, channel.performanceId, at, 0);
      if (version === channel.current.version || !newer(version, channel.current.version)) return;
      const next = await this.#feed.snapshot(channel.db, channel.shopId, channel.performanceId, version, at);
      if (!newer(next.version, channel.current.version)) return;
      const change = availabilityChange(channel.performanceId, channel.current, next);
      channel.current = next;
      this.counts.changes++;
      channel.changedSinceBeat = true;
      const bytes = encoder.encode(`id: ${next.version}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
      // Awaited: the next tick (and its change) waits until every subscriber has this one.
      await this.#send(channel, bytes);
    } catch (err) {
      // The next tick tries again; a subscriber keeps its stream (and its last state) meanwhile.
      console.error(JSON.stringify({ level: 'error', event: 'availability_stream_tick', performanceId: channel.performanceId, ...loggableError(err) }));
    } finally {
      channel.ticking = false;
    }
  }

  /**
   * Writes the bytes to the channel's subscribers, `fanOutSlice` at a time with the server's
   * other work between slices. Those who join meanwhile already have this version (their
   * snapshot is read after `current` moved) and are not written to; those who leave are skipped.
   */
  async #send(channel: Channel, bytes: Uint8Array): Promise<void> {
    const slice = this.#options.fanOutSlice;
    if (channel.subscribers.size <= slice) {
      for (const subscriber of channel.subscribers) this.#write(channel, subscriber, bytes);
      return;
    }
    const subscribers = [...channel.subscribers];
    for (let from = 0; from < subscribers.length; from += slice) {
      if (from > 0) await new Promise((resume) => setImmediate(resume));
      const to = Math.min(subscribers.length, from + slice);
      for (let i = from; i < to; i++) {
        const subscriber = subscribers[i]!;
        if (channel.subscribers.has(subscriber)) this.#write(channel, subscriber, bytes);
      }
    }
  }

  #write(channel: Channel, subscriber: Subscriber, bytes: Uint8Array): void {
    let written = false;
    try {
      written = subscriber.write(bytes);
    } catch {
      // closed under us: it leaves like one that does not read
    }
    if (written) return;
    // Not reading: its queue is let go; its EventSource reconnects and starts from a snapshot.
    this.counts.dropped++;
    this.#leave(channel, subscriber);
    subscriber.end();
  }

  /** A comment only on the streams that were quiet for a whole period: during a sale the changes keep them alive (19,000 writes saved per period). */
  #beat(): void {
    for (const channel of this.#channels.values()) {
      if (channel.changedSinceBeat) {
        channel.changedSinceBeat = false;
        continue;
      }
      this.counts.heartbeats++;
      // A comment may land between two slices of a change: each write is a whole event or comment.
      void this.#send(channel, HEARTBEAT);
    }
  }
}

/** The whole availability as the GET answer has it (the same bytes, encoded once per version). */
const snapshotEvents = new WeakMap<AvailabilitySnapshot, Uint8Array>();
function snapshotEvent(snapshot: AvailabilitySnapshot): Uint8Array {
  let bytes = snapshotEvents.get(snapshot);
  if (!bytes) {
    bytes = encoder.encode(`id: ${snapshot.version}\nevent: snapshot\ndata: ${snapshot.body}\n\n`);
    snapshotEvents.set(snapshot, bytes);
  }
  return bytes;
}

function closeQuietly(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch {
    // already closed or errored
  }
}
