import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { availability, createTestShop, MINUTE, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

describe('storefront catalogue', () => {
  let shop: TestShop;
  beforeEach(async () => {
    shop = await createTestShop();
  });
  afterEach(() => shop.close());

  it('lists the published events with their upcoming performances', async () => {
    const res = await shop.call('GET', sf('/events'));
    expect(res.status).toBe(200);
    const byId = new Map<string, any>(res.body.events.map((e: any) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual([shop.demo.theatreEventId, shop.demo.concertEventId, shop.demo.arenaEventId].sort());
    const play = byId.get(shop.demo.theatreEventId);
    expect(play.title).toBe('Le Malade imaginaire');
    expect(play.venue.name).toBe('Théâtre du Lac');
    expect(play.performances.map((p: any) => p.id).sort()).toEqual([...shop.demo.theatrePerformanceIds].sort());
    expect(play.performances.every((p: any) => p.seating === 'seated' && p.onSale === true)).toBe(true);
    const jazz = byId.get(shop.demo.concertEventId);
    expect(jazz.performances).toHaveLength(2);
    expect(jazz.performances[0]).toMatchObject({ seating: 'general_admission', capacity: 300, planId: null });
  });

  it('shows one event, and 404 for an unknown or unpublished one', async () => {
    const res = await shop.call('GET', sf(`/events/${shop.demo.concertEventId}`));
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Nuit du Jazz');
    expect(res.body.performances.map((p: any) => p.id)).toEqual(shop.demo.concertPerformanceIds);

    const unknown = await shop.call('GET', sf('/events/evt_doesnotexist1'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('event_not_found');

    const draft = await shop.org('PATCH', `/api/org/events/${shop.demo.concertEventId}`, { status: 'draft' });
    expect(draft.status).toBe(200);
    const hidden = await shop.call('GET', sf(`/events/${shop.demo.concertEventId}`));
    expect(hidden.status).toBe(404);
    const list = await shop.call('GET', sf('/events'));
    expect(list.body.events.map((e: any) => e.id)).not.toContain(shop.demo.concertEventId);
  });

  it('answers 404 shop_not_found for an unknown shop', async () => {
    const res = await shop.call('GET', '/api/shops/shp_nosuchshop/events');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('shop_not_found');
  });

  it('describes a seated performance with its zones and zone tariffs', async () => {
    const res = await shop.call('GET', sf(`/performances/${shop.demo.theatrePerformanceIds[0]}`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ seating: 'seated', currency: 'CHF', maxTicketsPerOrder: 10, onSale: true, salesClosedReason: null });
    expect(res.body.zones.map((z: any) => z.code)).toEqual(['C1', 'C2', 'C3']);
    expect(res.body.tariffs).toHaveLength(9);
    const zoneIds = new Set(res.body.zones.map((z: any) => z.id));
    expect(res.body.tariffs.every((t: any) => zoneIds.has(t.zoneId))).toBe(true);
    const c1 = res.body.zones.find((z: any) => z.code === 'C1').id;
    expect(res.body.tariffs.filter((t: any) => t.zoneId === c1).map((t: any) => [t.name, t.price])).toEqual([
      ['Plein tarif', 6800],
      ['AVS / étudiant', 5400],
      ['Enfant (-16 ans)', 3000],
    ]);
  });

  it('describes a general-admission performance with zone-less tariffs', async () => {
    const res = await shop.call('GET', sf(`/performances/${shop.demo.concertPerformanceIds[0]}`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ seating: 'general_admission', planId: null, capacity: 300, zones: [] });
    expect(res.body.tariffs.map((t: any) => [t.name, t.price, t.zoneId])).toEqual([
      ['Plein tarif', 3500, null],
      ['Étudiant', 2500, null],
      ['Enfant (-12 ans), gratuit', 0, null],
    ]);
    const missing = await shop.call('GET', sf('/performances/prf_doesnotexist1'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('performance_not_found');
  });

  it('serves the plan geometry in columns of equal length, with an ETag that answers 304', async () => {
    const info = await performanceInfo(shop, shop.demo.theatrePerformanceIds[0]!);
    const res = await shop.call('GET', sf(`/plans/${info.planId}`));
    expect(res.status).toBe(200);
    expect(res.body.plan.seatCount).toBe(1088);
    const columns = Object.values(res.body.seats) as unknown[][];
    expect(Object.keys(res.body.seats).sort()).toEqual(['flags', 'id', 'number', 'row', 'section', 'x', 'y', 'zone']);
    for (const column of columns) expect(column).toHaveLength(1088);
    expect(new Set(res.body.seats.id).size).toBe(1088);
    expect(Math.max(...res.body.seats.zone)).toBe(res.body.zones.length - 1);
    expect(res.body.sections.map((s: any) => s.code)).toEqual(['PAR', 'BAL', 'GAL']);
    // Wheelchair spaces (bit 1) in the last Parterre row.
    expect(res.body.seats.flags.filter((f: number) => (f & 1) !== 0)).toHaveLength(4);

    const etag = res.headers.get('ETag');
    expect(etag).toMatch(/^".+"$/);
    const cached = await shop.call('GET', sf(`/plans/${info.planId}`), undefined, { 'If-None-Match': etag! });
    expect(cached.status).toBe(304);
    expect(cached.body).toBeNull();
    const stale = await shop.call('GET', sf(`/plans/${info.planId}`), undefined, { 'If-None-Match': '"something-else"' });
    expect(stale.status).toBe(200);

    const unknown = await shop.call('GET', sf('/plans/pln_doesnotexist1'));
    expect(unknown.status).toBe(404);
  });

  it('serves what the seats face with the geometry: the theatre’s stage above its first row, the arena’s ice inside its oval', async () => {
    const plan = async (performanceId: string) => (await shop.call('GET', sf(`/plans/${(await performanceInfo(shop, performanceId)).planId}`))).body;
    const theatre = await plan(shop.demo.theatrePerformanceIds[0]!);
    expect(theatre.landmarks).toEqual([{ label: 'Scène', x: 420, y: -40, width: 360, height: 70, shape: 'rect' }]);
    const [stage] = theatre.landmarks;
    expect(Math.min(...theatre.seats.y), 'the stage is in front of the first row').toBeGreaterThan(stage.y + stage.height);
    const arena = await plan(shop.demo.arenaPerformanceId);
    expect(arena.landmarks.map((l: any) => l.label)).toEqual(['Glace']);
    const [ice] = arena.landmarks;
    const onIce = arena.seats.x.filter((x: number, i: number) => x >= ice.x && x <= ice.x + ice.width && arena.seats.y[i] >= ice.y && arena.seats.y[i] <= ice.y + ice.height);
    expect(onIce, 'no seat on the ice').toEqual([]);
  });

  it('moves the availability version with a hold and answers 304 while nothing changed', async () => {
    const performanceId = shop.demo.theatrePerformanceIds[0]!;
    const info = await performanceInfo(shop, performanceId);
    const seats = await seatsByZone(shop, info.planId!);
    const first = await shop.call('GET', sf(`/performances/${performanceId}/availability`));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ seating: 'seated', held: '', sold: '', blocked: '' });
    const v1 = first.body.version as string;
    expect(first.headers.get('ETag')).toBe(`"${v1}"`);

    expect((await shop.call('GET', sf(`/performances/${performanceId}/availability?since=${v1}`))).status).toBe(304);
    expect((await shop.call('GET', sf(`/performances/${performanceId}/availability`), undefined, { 'If-None-Match': `"${v1}"` })).status).toBe(304);

    const wanted = seats.C1!.slice(0, 3);
    const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: wanted.map((seatId) => ({ seatId })) });
    expect(hold.status).toBe(201);

    const second = await shop.call('GET', sf(`/performances/${performanceId}/availability?since=${v1}`));
    expect(second.status).toBe(200);
    expect(second.body.version).not.toBe(v1);
    expect(decodeSeatRanges(second.body.held)).toEqual(wanted);
    const v2 = second.body.version as string;
    expect((await shop.call('GET', sf(`/performances/${performanceId}/availability?since=${v2}`))).status).toBe(304);

    // The hold lapses by the clock alone: no write happens, yet the version moves and the seats are free.
    shop.clock.advance(10 * MINUTE + 1);
    const third = await shop.call('GET', sf(`/performances/${performanceId}/availability?since=${v2}`));
    expect(third.status).toBe(200);
    expect(third.body.version).not.toBe(v2);
    expect(third.body.held).toBe('');
    expect((await shop.call('GET', sf(`/performances/${performanceId}/availability`), undefined, { 'If-None-Match': `"${third.body.version}"` })).status).toBe(304);
  });

  it('counts general-admission tickets remaining', async () => {
    const performanceId = shop.demo.concertPerformanceIds[0]!;
    const info = await performanceInfo(shop, performanceId);
    expect(await availability(shop, performanceId)).toMatchObject({ seating: 'general_admission', capacity: 300, remaining: 300 });
    const hold = await shop.call('POST', sf('/holds'), { performanceId, quantities: [{ tariffId: info.tariffs[0]!.id, quantity: 4 }] });
    expect(hold.status).toBe(201);
    expect(await availability(shop, performanceId)).toMatchObject({ capacity: 300, remaining: 296 });
    // The other concert night is not affected.
    expect(await availability(shop, shop.demo.concertPerformanceIds[1]!)).toMatchObject({ remaining: 300 });
    shop.clock.advance(10 * MINUTE);
    expect(await availability(shop, performanceId)).toMatchObject({ remaining: 300 });
  });

  it('gives the shop settings and its public key', async () => {
    const res = await shop.call('GET', sf('/public-key'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shopId: 'shp_demo', algorithm: 'Ed25519' });
    expect(res.body.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const settings = await shop.call('GET', sf(''));
    expect(settings.body).toMatchObject({ holdMinutes: 10, maxTicketsPerOrder: 10, testMode: true });
  });
});

describe('storefront CORS', () => {
  let shop: TestShop;
  beforeEach(async () => {
    shop = await createTestShop();
  });
  afterEach(() => shop.close());

  it('answers a preflight from an allowed embedding origin', async () => {
    const res = await shop.call('OPTIONS', sf('/holds'), undefined, {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type, idempotency-key',
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Headers')).toContain('Idempotency-Key');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('refuses a preflight from an origin the shop does not allow', async () => {
    const res = await shop.call('OPTIONS', sf('/holds'), undefined, { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('origin_not_allowed');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('marks reads and errors for an allowed origin, and not for others', async () => {
    const ok = await shop.call('GET', sf('/events'), undefined, { Origin: 'http://localhost:5173' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(ok.headers.get('Access-Control-Expose-Headers')).toContain('ETag');

    const error = await shop.call('GET', sf('/performances/prf_doesnotexist1'), undefined, { Origin: 'http://localhost:5173' });
    expect(error.status).toBe(404);
    expect(error.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');

    const evil = await shop.call('GET', sf('/events'), undefined, { Origin: 'https://evil.example' });
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
