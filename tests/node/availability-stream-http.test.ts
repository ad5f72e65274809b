import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { AvailabilityFeed } from '../../worker/src/services/availability-feed.js';
import { AvailabilityHub } from '../../worker/src/services/availability-stream.js';
import { sseReader } from '../shared/sse-reader.js';
import { createTestShop, type TestShop } from './harness.js';
import { httpJson, type RunningServer, startServer } from './http-server.js';

const SHOP = '/api/shops/shp_demo';

/** Free seats for sale of a seated performance, from its plan and availability. */
async function freeSeats(call: (method: string, path: string) => Promise<{ status: number; body: any }>, performanceId: string, count: number): Promise<number[]> {
  const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
  const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
  const availability = await call('GET', `${SHOP}/performances/${performanceId}/availability`);
  const taken = new Set(['held', 'sold', 'blocked'].flatMap((state) => decodeSeatRanges(availability.body[state])));
  const seats: number[] = [];
  for (let i = 0; i < plan.body.seats.id.length && seats.length < count; i++) {
    if ((plan.body.seats.flags[i] & 8) === 0 && !taken.has(plan.body.seats.id[i])) seats.push(plan.body.seats.id[i]);
  }
  return seats;
}

async function subscribe(baseUrl: string, performanceId: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${SHOP}/performances/${performanceId}/availability/stream`, { headers: { Accept: 'text/event-stream', ...headers } });
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
  return sseReader(response.body!);
}

describe('availability pushed over Server-Sent Events (production Node build, real HTTP)', () => {
  let server: RunningServer;
  const call = (method: string, path: string, body?: unknown) => httpJson(server.baseUrl, method, path, body);
  let performanceId: string;

  beforeAll(async () => {
    server = await startServer();
    const listing = await call('GET', `${SHOP}/events`);
    performanceId = (listing.body.events as any[]).flatMap((e) => e.performances as any[]).find((p) => p.seating === 'seated' && p.onSale).id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('offers the stream in the availability answer, and a subscriber sees a hold taken and released', async () => {
    const polled = await call('GET', `${SHOP}/performances/${performanceId}/availability`);
    expect(polled.body.stream).toBe(true);
    expect(polled.body.pollAfterMs).toBeGreaterThanOrEqual(2000);
    const seats = await freeSeats(call, performanceId, 2);

    const events = await subscribe(server.baseUrl, performanceId);
    const snapshot = await events.next();
    expect(snapshot?.event).toBe('snapshot');
    const first = JSON.parse(snapshot!.data);
    expect(first).toMatchObject({ performanceId, seating: 'seated', stream: true });
    expect(snapshot!.id).toBe(first.version);

    const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: seats.map((seatId) => ({ seatId })) });
    expect(hold.status).toBe(201);
    const taken = await events.until((e) => e.event === 'change' && seats.every((id) => decodeSeatRanges(JSON.parse(e.data).held).includes(id)));
    const change = JSON.parse(taken!.data);
    expect(change).toMatchObject({ performanceId, seating: 'seated', free: '' });
    expect(taken!.id).toBe(change.version);

    const released = await call('DELETE', `${SHOP}/holds/${hold.body.id}`);
    expect(released.status).toBe(200);
    const freed = await events.until((e) => e.event === 'change' && seats.every((id) => decodeSeatRanges(JSON.parse(e.data).free).includes(id)));
    // Each change follows the one before it: `from` is the previous event's id.
    expect(JSON.parse(freed!.data).from).not.toBe(first.version);
    await events.close();
  });

  it('sends no snapshot to a subscriber that already has the current version, and 404 for an unknown performance', async () => {
    const polled = await call('GET', `${SHOP}/performances/${performanceId}/availability`);
    const events = await subscribe(server.baseUrl, performanceId, { 'Last-Event-ID': polled.body.version });
    const [seat] = await freeSeats(call, performanceId, 1);
    const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: seat }] });
    expect(hold.status).toBe(201);
    const next = await events.next();
    expect(next?.event).toBe('change');
    expect(JSON.parse(next!.data).from).toBe(polled.body.version);
    await events.close();

    const missing = await fetch(`${server.baseUrl}${SHOP}/performances/prf_nothing12345/availability/stream`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('performance_not_found');
  });
});

describe('one read per performance per tick for every subscriber (the app over node:http in this process)', () => {
  let shop: TestShop;
  let feed: AvailabilityFeed;
  let hub: AvailabilityHub;
  let http: ReturnType<typeof serve>;
  let baseUrl: string;

  beforeAll(async () => {
    shop = await createTestShop();
    feed = new AvailabilityFeed({ versionMaxAgeMs: 100, streams: true });
    hub = new AvailabilityHub(feed, { tickMs: 100, heartbeatMs: 200 });
    shop.deps.availability = { feed, hub };
    await new Promise<void>((listening) => {
      http = serve({ fetch: shop.app.fetch, port: 0, hostname: '127.0.0.1' }, () => listening());
    });
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hub?.close();
    await new Promise((closed) => http?.close(closed));
    shop?.close();
  });

  it('fans each change out to 40 subscribers from one state read, keeps them alive, and frees them when they close', async () => {
    const performanceId = shop.demo.theatrePerformanceIds[0]!;
    const call = (method: string, path: string, body?: unknown) => httpJson(baseUrl, method, path, body);
    const seats = await freeSeats(call, performanceId, 3);
    const subscribers = await Promise.all(Array.from({ length: 40 }, () => subscribe(baseUrl, performanceId)));
    for (const events of subscribers) expect((await events.next())?.event).toBe('snapshot');
    expect(hub.subscribers(shop.demo.shopId, performanceId)).toBe(40);

    const before = { ...feed.reads, ...hub.counts };
    const holds = 3;
    for (const seatId of seats) {
      const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId }] });
      expect(hold.status).toBe(201);
      // Every subscriber sees this seat held before the next hold is made.
      const seen = await Promise.all(subscribers.map((events) => events.until((e) => e.event === 'change' && decodeSeatRanges(JSON.parse(e.data).held).includes(seatId))));
      expect(new Set(seen.map((e) => e!.id)).size).toBe(1);
    }
    const changes = hub.counts.changes - before.changes;
    expect(changes).toBe(holds);
    // One state read and one encoding per change, not per subscriber.
    expect(feed.reads.snapshots - before.snapshots).toBe(changes);
    // One version read per tick for all 40 (plus one after each hold of this process), not one per subscriber.
    expect(feed.reads.versions - before.versions).toBeLessThanOrEqual(hub.counts.ticks - before.ticks + holds);
    // Keep-alive comments reach a quiet subscriber.
    await vi.waitFor(() => expect(subscribers[0]!.state.comments).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });

    await Promise.all(subscribers.map((events) => events.close()));
    await vi.waitFor(() => expect(hub.subscribers(shop.demo.shopId, performanceId)).toBe(0), { timeout: 10_000, interval: 20 });
    // The performance's timer stops with its last subscriber: no more reads for nobody.
    expect(hub.channels).toBe(0);
  });
});

describe('the stream as a web ReadableStream (no Node socket under the request: app.request, as on other runtimes)', () => {
  it('sends the snapshot, then a hold as a change, and leaves when the reader cancels', async () => {
    const shop = await createTestShop();
    const feed = new AvailabilityFeed({ versionMaxAgeMs: 0, streams: true });
    const hub = new AvailabilityHub(feed, { tickMs: 50, heartbeatMs: 60_000 });
    shop.deps.availability = { feed, hub };
    try {
      const performanceId = shop.demo.theatrePerformanceIds[0]!;
      const call = (method: string, path: string, body?: unknown) => shop.call(method, path, body);
      const [seatId] = await freeSeats(call, performanceId, 1);
      const response = await shop.app.request(`${SHOP}/performances/${performanceId}/availability/stream`);
      expect(response.status).toBe(200);
      const events = sseReader(response.body!);
      expect((await events.next())?.event).toBe('snapshot');
      expect((await call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId }] })).status).toBe(201);
      const change = await events.until((e) => e.event === 'change');
      expect(decodeSeatRanges(JSON.parse(change!.data).held)).toEqual([seatId]);
      await events.close();
      await vi.waitFor(() => expect(hub.subscribers()).toBe(0), { timeout: 10_000, interval: 20 });
    } finally {
      hub.close();
      shop.close();
    }
  });
});
