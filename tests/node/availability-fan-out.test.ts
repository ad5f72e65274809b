import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../worker/src/db.js';
import type { AvailabilityFeed, AvailabilitySnapshot } from '../../worker/src/services/availability-feed.js';
import { httpChunk, type NodeOutgoing, nodeEventSink } from '../../worker/src/services/availability-node-sink.js';
import { AvailabilityHub, type EventSink } from '../../worker/src/services/availability-stream.js';

const decoder = new TextDecoder();
const text = (bytes: Uint8Array) => decoder.decode(bytes);

describe('an event framed once as an HTTP/1.1 chunk', () => {
  it('is its size in hex, CRLF, the bytes, CRLF, and the same bytes for every subscriber', () => {
    const event = new TextEncoder().encode('id: 7.0\nevent: change\ndata: {"held":"1-30"}\n\n');
    const chunk = httpChunk(event);
    expect(text(chunk)).toBe(`${event.byteLength.toString(16)}\r\nid: 7.0\nevent: change\ndata: {"held":"1-30"}\n\n\r\n`);
    expect(httpChunk(event)).toBe(chunk);
    // Sizes of more than one hex digit and multi-byte text are counted in bytes.
    const long = new TextEncoder().encode(`data: ${'é'.repeat(300)}\n\n`);
    expect(text(httpChunk(long)).startsWith(`${long.byteLength.toString(16)}\r\n`)).toBe(true);
    expect(long.byteLength).toBe(608);
  });
});

/** A Node response whose head is out, its socket and the body stream the server reads: what each received. */
function fakeResponse(options: { ownBuffered?: number; chunked?: boolean; corked?: number } = {}) {
  const socketWrites: string[] = [];
  const responseWrites: string[] = [];
  const enqueued: string[] = [];
  const socket = { writableLength: 10, write: (bytes: Uint8Array) => (socketWrites.push(text(bytes)), true) };
  const outgoing: NodeOutgoing = {
    headersSent: true,
    destroyed: false,
    chunkedEncoding: options.chunked ?? true,
    writableCorked: options.corked ?? 0,
    writableLength: socket.writableLength + (options.ownBuffered ?? 0),
    socket,
    write: (bytes: Uint8Array) => (responseWrites.push(text(bytes)), true),
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }, { highWaterMark: 1 });
  const spy = { enqueue: (bytes: Uint8Array) => enqueued.push(text(bytes)) };
  const body = new Proxy(controller, { get: (target, key) => (key === 'enqueue' ? spy.enqueue : Reflect.get(target, key, target)) }) as ReadableStreamDefaultController<Uint8Array>;
  return { outgoing, body, socketWrites, responseWrites, enqueued };
}

describe('a subscriber written straight to its socket (Node)', () => {
  const event = new TextEncoder().encode('id: 2.0\nevent: change\ndata: {}\n\n');

  it('writes the pre-framed chunk to the socket once the response holds nothing of its own', () => {
    const r = fakeResponse();
    expect(nodeEventSink(r.outgoing, r.body, 1 << 20).write(event)).toBe(true);
    expect(r.socketWrites).toEqual([text(httpChunk(event))]);
    expect(r.responseWrites).toEqual([]);
  });

  it('leaves the framing to the response while it still buffers bytes, is corked, or does not send chunks', () => {
    for (const options of [{ ownBuffered: 5 }, { corked: 1 }, { chunked: false }]) {
      const r = fakeResponse(options);
      expect(nodeEventSink(r.outgoing, r.body, 1 << 20).write(event)).toBe(true);
      expect(r.socketWrites).toEqual([]);
      expect(r.responseWrites).toEqual([text(event)]);
    }
  });

  it('queues on the body stream before the head is out, and refuses a subscriber with too much unsent', () => {
    const early = fakeResponse();
    (early.outgoing as { headersSent: boolean }).headersSent = false;
    expect(nodeEventSink(early.outgoing, early.body, 1 << 20).write(event)).toBe(true);
    expect(early.enqueued).toEqual([text(event)]);
    expect(early.socketWrites).toEqual([]);

    const slow = fakeResponse({ ownBuffered: 2 << 20 });
    expect(nodeEventSink(slow.outgoing, slow.body, 1 << 20).write(event)).toBe(false);
    expect(slow.socketWrites).toEqual([]);
    expect(slow.responseWrites).toEqual([]);
  });
});

describe('a change written to many subscribers in slices', () => {
  it('reaches every subscriber in order, skips those who left meanwhile, and spares those who joined with its version', async () => {
    const { feed, hold } = fakeFeed();
    const hub = new AvailabilityHub(feed, { tickMs: 10, heartbeatMs: 60_000, fanOutSlice: 3 });
    try {
      const join = await hub.prepare({} as Db, 'shp_a', 'prf_a', () => Date.now());
      const sinks = Array.from({ length: 10 }, () => collectingSink());
      const leaves = sinks.map((s) => join(s.sink, undefined));
      // The last subscriber leaves while the first slice is being written, a new one joins then.
      let late: ReturnType<typeof collectingSink> | undefined;
      const first = sinks[0]!;
      const write = first.sink.write;
      first.sink.write = (bytes) => {
        if (text(bytes).includes('event: change') && !late) {
          leaves[9]!();
          late = collectingSink();
          join(late.sink, undefined);
        }
        return write(bytes);
      };
      hold();
      await vi.waitFor(() => expect(sinks[8]!.changes()).toBe(1));
      hold();
      await vi.waitFor(() => expect(sinks[8]!.changes()).toBe(2));
      for (const sink of sinks.slice(0, 9)) {
        const versions = sink.events.filter((e) => e.includes('event: change')).map((e) => /^id: (\S+)/.exec(e)?.[1]);
        expect(versions).toEqual(['1.0', '2.0']);
      }
      expect(sinks[9]!.changes()).toBe(0);
      // The newcomer got the snapshot of version 1, then only the next change.
      expect(late!.events.filter((e) => e.includes('event: snapshot')).map((e) => /^id: (\S+)/.exec(e)?.[1])).toEqual(['1.0']);
      expect(late!.events.filter((e) => e.includes('event: change')).map((e) => /^id: (\S+)/.exec(e)?.[1])).toEqual(['2.0']);
      expect(hub.counts.dropped).toBe(0);
    } finally {
      hub.close();
    }
  });
});

describe('closing the hub while a change is written in slices', () => {
  it('writes nothing more to the subscribers it ended', async () => {
    const { feed, hold } = fakeFeed();
    const hub = new AvailabilityHub(feed, { tickMs: 10, heartbeatMs: 60_000, fanOutSlice: 3 });
    const join = await hub.prepare({} as Db, 'shp_a', 'prf_a', () => Date.now());
    const sinks = Array.from({ length: 9 }, () => collectingSink());
    for (const sink of sinks) join(sink.sink, undefined);
    const write = sinks[0]!.sink.write;
    sinks[0]!.sink.write = (bytes) => {
      const written = write(bytes);
      if (text(bytes).includes('event: change')) hub.close();
      return written;
    };
    hold();
    await vi.waitFor(() => expect(sinks[0]!.changes()).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Closed during the first write: nobody after it was written to, in its slice or the next ones.
    expect(sinks.map((s) => s.changes())).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('the tick period, counted from the start of the last tick', () => {
  afterEach(() => vi.useRealTimers());

  it('does not add the time a change takes to reach its subscribers to the wait for the next one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'setInterval', 'clearInterval', 'Date'] });
    // Each write "takes" 30 ms of the clock the hub reads: three subscribers, a 90 ms fan-out.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const { feed, hold } = fakeFeed();
    const hub = new AvailabilityHub(feed, { tickMs: 100, heartbeatMs: 60_000, fanOutSlice: 1 });
    try {
      const join = await hub.prepare({} as Db, 'shp_a', 'prf_a', () => Date.now());
      for (let i = 0; i < 3; i++) {
        const sink = collectingSink();
        const write = sink.sink.write;
        sink.sink.write = (bytes) => ((clock += 30), write(bytes));
        join(sink.sink, undefined);
      }
      const ticksBefore = hub.counts.ticks;
      for (let i = 0; i < 30; i++) {
        hold();
        await vi.advanceTimersByTimeAsync(10);
      }
      // The first tick after 100 ms, then one every 100 ms of the hub's clock: 90 of them went to
      // the fan-out, 10 to the wait. Counted from the end of the fan-out, there would be 3.
      expect(hub.counts.ticks - ticksBefore).toBeGreaterThanOrEqual(15);
    } finally {
      hub.close();
      now.mockRestore();
    }
  });
});

/** A feed whose version the test moves: one seat held more per version. */
function fakeFeed() {
  let held = 0;
  const snapshot = (version: string): AvailabilitySnapshot => {
    const state = { seating: 'seated' as const, held: held === 0 ? '' : `1-${held}`, sold: '', blocked: '' };
    return { version, state, body: JSON.stringify({ version, ...state }) };
  };
  const feed = {
    version: async () => `${held}.0`,
    snapshot: async (_db: Db, _shop: string, _performance: string, version: string) => snapshot(version),
  };
  return { feed: feed as unknown as AvailabilityFeed, hold: () => void held++ };
}

function collectingSink() {
  const events: string[] = [];
  const sink: EventSink = { write: (bytes) => (events.push(text(bytes)), true), end: () => {} };
  return { sink, events, comments: () => events.filter((e) => e.startsWith(':')).length, changes: () => events.filter((e) => e.includes('event: change')).length };
}

describe('keep-alive comments only on quiet streams', () => {
  afterEach(() => vi.useRealTimers());

  it('sends no comment while changes keep the streams busy, and one per period once they are quiet', async () => {
    vi.useFakeTimers();
    const { feed, hold } = fakeFeed();
    const hub = new AvailabilityHub(feed, { tickMs: 100, heartbeatMs: 1_000 });
    try {
      const join = await hub.prepare({} as Db, 'shp_a', 'prf_a', () => Date.now());
      const a = collectingSink();
      const b = collectingSink();
      join(a.sink, undefined);
      join(b.sink, undefined);
      // A change in every tick for 3 s: three heartbeat periods, none of them quiet.
      for (let i = 0; i < 30; i++) {
        hold();
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(a.changes()).toBe(30);
      expect(a.comments()).toBe(0);
      expect(hub.counts.heartbeats).toBe(0);
      // Quiet from now on: the period that saw the last changes passes without a comment, each one after gets one.
      await vi.advanceTimersByTimeAsync(3_000);
      expect(a.comments()).toBeGreaterThanOrEqual(2);
      expect(b.comments()).toBe(a.comments());
      expect(a.changes()).toBe(30);
    } finally {
      hub.close();
    }
  });
});
