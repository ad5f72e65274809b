import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { payments } from '../../db/schema/orders.js';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import { availability, buyer, createTestShop, GOOD_CARD, type PerformanceInfo, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

let shop: TestShop;
let concert: string;
let concertInfo: PerformanceInfo;
let theatre: string;
let seats: number[];

beforeEach(async () => {
  shop = await createTestShop();
  concert = shop.demo.concertPerformanceIds[0]!;
  concertInfo = await performanceInfo(shop, concert);
  theatre = shop.demo.theatrePerformanceIds[0]!;
  seats = (await seatsByZone(shop, (await performanceInfo(shop, theatre)).planId!)).C1!;
});
afterEach(() => shop.close());

const gaBody = (quantity: number) => ({ performanceId: concert, quantities: [{ tariffId: concertInfo.tariffs[0]!.id, quantity }] });
const withKey = (key: string, extra: Record<string, string> = {}) => ({ 'Idempotency-Key': key, ...extra });
const remaining = async () => (await availability(shop, concert)).remaining;

describe('Idempotency-Key', () => {
  it('replays the first hold for a retried POST /holds instead of holding twice', async () => {
    const first = await shop.call('POST', sf('/holds'), gaBody(2), withKey('hold-retry-1'));
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const second = await shop.call('POST', sf('/holds'), gaBody(2), withKey('hold-retry-1'));
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(second.body).toEqual(first.body);
    expect(await remaining()).toBe(298);

    const seated = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[0] }] }, withKey('seat-retry-1'));
    const seatedAgain = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[0] }] }, withKey('seat-retry-1'));
    expect(seatedAgain.status).toBe(201);
    expect(seatedAgain.body.id).toBe(seated.body.id);
    expect(decodeSeatRanges((await availability(shop, theatre)).held!)).toEqual([seats[0]]);
  });

  it('refuses the same key with another body', async () => {
    expect((await shop.call('POST', sf('/holds'), gaBody(2), withKey('reused-key'))).status).toBe(201);
    const other = await shop.call('POST', sf('/holds'), gaBody(3), withKey('reused-key'));
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await remaining()).toBe(298);
  });

  it('refuses a malformed key and ignores keys on reads', async () => {
    for (const key of ['has space', 'x'.repeat(256), '']) {
      const res = await shop.call('POST', sf('/holds'), gaBody(1), withKey(key));
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body.error.code).toBe('invalid_idempotency_key');
    }
    expect(await remaining()).toBe(300);
    expect((await shop.call('GET', sf('/events'), undefined, withKey('has space'))).status).toBe(200);
    expect((await shop.call('POST', sf('/holds'), gaBody(1), withKey('x'.repeat(255)))).status).toBe(201);
  });

  it('keeps keys apart per path: the same key on another endpoint is a new request', async () => {
    const hold = await shop.call('POST', sf('/holds'), gaBody(1), withKey('shared-key'));
    const extend = await shop.call('POST', sf(`/holds/${hold.body.id}/extend`), undefined, withKey('shared-key'));
    expect(extend.status).toBe(200);
    expect(extend.headers.get('Idempotent-Replayed')).toBeNull();
    expect(extend.body.id).toBe(hold.body.id);
  });

  it('does not charge or issue twice when a checkout is retried with the same key', async () => {
    const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[3] }, { seatId: seats[4] }] });
    const body = { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } };
    const first = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), body, withKey('pay-once'));
    expect(first.status).toBe(201);
    const retry = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), body, withKey('pay-once'));
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body.number).toBe(first.body.number);
    expect(retry.body.tickets.map((t: any) => t.number)).toEqual(first.body.tickets.map((t: any) => t.number));

    const order = await shop.org('GET', `/api/org/orders/${first.body.number}`);
    expect(order.body.tickets).toHaveLength(2);
    expect((await shop.org('GET', '/api/org/orders')).body.orders).toHaveLength(1);
    const captured = (await shop.deps.storage.db.select().from(payments)).filter((p) => p.status === 'captured');
    expect(captured).toHaveLength(1);
    expect(captured[0]!.amount).toBe(13600);
  });

  it('replays an error answer too, so a retry cannot change the outcome behind the client’s back', async () => {
    await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[7] }] });
    const taken = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[7] }] }, withKey('lost-race'));
    expect(taken.status).toBe(409);
    expect(taken.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(taken.body.error.code).toBe('seats_taken');
    const retry = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[7] }] }, withKey('lost-race'));
    expect(retry.status).toBe(409);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body).toEqual(taken.body);
  });

  it('runs a hold once when the same key arrives several times at the same moment, and gives each the same answer', async () => {
    // POST /holds stores its answer in the hold's own batch: the twins' batches fail on the key and replay it.
    const results = await Promise.all(Array.from({ length: 4 }, () => shop.call('POST', sf('/holds'), gaBody(2), withKey('burst-key'))));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(3);
    expect(await remaining()).toBe(298);

    const seated = { performanceId: theatre, seats: [{ seatId: seats[9] }, { seatId: seats[10] }] };
    const twins = await Promise.all(Array.from({ length: 4 }, () => shop.call('POST', sf('/holds'), seated, withKey('burst-seats'))));
    expect(twins.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(twins.map((r) => r.body.id)).size).toBe(1);
    expect(decodeSeatRanges((await availability(shop, theatre)).held!)).toEqual([seats[9], seats[10]]);
  });

  it('runs another write once when the same key arrives several times at the same moment', async () => {
    const hold = await shop.call('POST', sf('/holds'), gaBody(1));
    const results = await Promise.all(Array.from({ length: 4 }, () => shop.call('POST', sf(`/holds/${hold.body.id}/extend`), undefined, withKey('burst-extend'))));
    expect(results.filter((r) => r.status === 200 && r.headers.get('Idempotent-Replayed') === null)).toHaveLength(1);
    for (const r of results.filter((r) => r.headers.get('Idempotent-Replayed') === null && r.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('idempotency_in_progress');
    }
  });

  it('replays a hold for a retry even when the retry alone would now be refused', async () => {
    const body = { performanceId: theatre, seats: [{ seatId: seats[12] }] };
    const first = await shop.call('POST', sf('/holds'), body, withKey('late-retry'));
    expect(first.status).toBe(201);
    await shop.call('DELETE', sf(`/holds/${first.body.id}`));
    const taken = await shop.call('POST', sf('/holds'), body);
    expect(taken.status).toBe(201);
    // The seat now belongs to someone else, yet the retry gets the answer the client missed, and changes nothing.
    const retry = await shop.call('POST', sf('/holds'), body, withKey('late-retry'));
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(decodeSeatRanges((await availability(shop, theatre)).held!)).toEqual([seats[12]]);
  });

  it('carries the CORS header on a replayed answer', async () => {
    const headers = withKey('cors-replay', { Origin: 'http://localhost:5173' });
    await shop.call('POST', sf('/holds'), gaBody(1), headers);
    const replay = await shop.call('POST', sf('/holds'), gaBody(1), headers);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
  });

  it('replays organizer writes and forgets keys after a day', async () => {
    const first = await shop.org('POST', '/api/org/venues', { name: 'Salle Idem' }, withKey('venue-1'));
    const again = await shop.org('POST', '/api/org/venues', { name: 'Salle Idem' }, withKey('venue-1'));
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const named = (await shop.org('GET', '/api/org/venues')).body.venues.filter((v: any) => v.name === 'Salle Idem');
    expect(named).toHaveLength(1);

    shop.clock.advance(24 * 3_600_000 + 1);
    await runScheduledJobs(shop.deps, '0 * * * *');
    const later = await shop.org('POST', '/api/org/venues', { name: 'Salle Idem' }, withKey('venue-1'));
    expect(later.status).toBe(201);
    expect(later.headers.get('Idempotent-Replayed')).toBeNull();
    expect(later.body.id).not.toBe(first.body.id);
  });
});
