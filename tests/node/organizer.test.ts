import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { createShop } from '../../worker/src/services/shops.js';
import { availability, buyer, checkoutHold, createTestShop, MINUTE, performanceInfo, seatsByZone, sf, tariffOf, type TestShop } from './harness.js';

const DAY = 86_400_000;

let shop: TestShop;
beforeEach(async () => {
  shop = await createTestShop();
});
afterEach(() => shop.close());

/** A small hand-built plan: two sections, three rows, eleven seats, two zones. */
function smallPlan() {
  return {
    name: 'Petite salle',
    width: 400,
    height: 300,
    zones: [
      { code: 'A', name: 'Catégorie A', color: '#b4235a' },
      { code: 'B', name: 'Catégorie B', color: '#2563eb' },
    ],
    sections: [
      {
        code: 'ORCH',
        name: 'Orchestre',
        rows: [
          { label: 'A', seats: [1, 2, 3, 4].map((n) => ({ number: String(n), x: 50 * n, y: 50, zone: 'A' })) },
          { label: 'B', seats: [1, 2, 3, 4].map((n) => ({ number: String(n), x: 50 * n, y: 100, zone: 'A', flags: n === 1 ? ['wheelchair'] : [] })) },
        ],
      },
      {
        code: 'BAL',
        name: 'Balcon',
        rows: [{ label: 'A', seats: [1, 2, 3].map((n) => ({ number: String(n), x: 60 * n, y: 200, zone: 'B', flags: n === 3 ? ['notForSale'] : [] })) }],
      },
    ],
  };
}

/** Venue, plan, published event, a seated and a GA performance and their tariffs, all through the organizer API. */
async function buildCatalogue(org: TestShop['org'] = shop.org) {
  const venue = await org('POST', '/api/org/venues', { name: 'Salle des Fêtes', address: 'Rue du Marché 3, 1800 Vevey' });
  expect(venue.status).toBe(201);
  const plan = await org('POST', `/api/org/venues/${venue.body.id}/plans`, smallPlan());
  expect(plan.status).toBe(201);
  expect(plan.body.seatCount).toBe(11);
  const event = await org('POST', '/api/org/events', { venueId: venue.body.id, title: 'Récital de piano', status: 'published' });
  expect(event.status).toBe(201);
  const startsAt = shop.clock.now() + 5 * DAY;
  const seated = await org('POST', `/api/org/events/${event.body.id}/performances`, { startsAt, planId: plan.body.id });
  expect(seated.status).toBe(201);
  const ga = await org('POST', `/api/org/events/${event.body.id}/performances`, { startsAt: startsAt + DAY, capacity: 40 });
  expect(ga.status).toBe(201);
  const zone = (code: string) => plan.body.zones.find((z: any) => z.code === code).id;
  const tariffA = await org('POST', `/api/org/events/${event.body.id}/tariffs`, { zoneId: zone('A'), name: 'Normal', price: 4000 });
  const tariffB = await org('POST', `/api/org/events/${event.body.id}/tariffs`, { zoneId: zone('B'), name: 'Normal', price: 2500 });
  const tariffGa = await org('POST', `/api/org/events/${event.body.id}/tariffs`, { name: 'Entrée libre', price: 2000 });
  for (const t of [tariffA, tariffB, tariffGa]) expect(t.status).toBe(201);
  return { venue: venue.body, plan: plan.body, event: event.body, seated: seated.body, ga: ga.body, tariffA: tariffA.body, tariffB: tariffB.body, tariffGa: tariffGa.body };
}

describe('organizer authentication and tokens', () => {
  it('refuses requests without a valid bearer token', async () => {
    for (const headers of <Record<string, string>[]>[{}, { Authorization: 'Bearer nonsense' }, { Authorization: `Bearer tsk_${'a'.repeat(40)}` }, { Authorization: `Basic ${btoa('user:pass')}` }]) {
      const res = await shop.call('GET', '/api/org/events', undefined, headers);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.headers.get('WWW-Authenticate')).toContain('Bearer');
    }
    const post = await shop.call('POST', '/api/org/venues', { name: 'Sans jeton' });
    expect(post.status).toBe(401);
    expect((await shop.org('GET', '/api/org/venues')).body.venues.map((v: any) => v.name)).not.toContain('Sans jeton');
  });

  it('creates, lists and revokes tokens; a revoked token is refused', async () => {
    const initial = await shop.org('GET', '/api/org/tokens');
    expect(initial.status).toBe(200);
    expect(initial.body.tokens).toHaveLength(1);
    expect(JSON.stringify(initial.body)).not.toContain(shop.demo.token);

    const created = await shop.org('POST', '/api/org/tokens', { label: 'Caisse du soir' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tsk_[a-z0-9]{40}$/);
    const auth = { Authorization: `Bearer ${created.body.token}` };
    expect((await shop.call('GET', '/api/org/shop', undefined, auth)).body.id).toBe('shp_demo');
    const listed = await shop.org('GET', '/api/org/tokens');
    expect(listed.body.tokens.map((t: any) => t.label)).toEqual(['first token', 'Caisse du soir']);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const revoked = await shop.org('DELETE', `/api/org/tokens/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ id: created.body.id, revoked: true });
    const refused = await shop.call('GET', '/api/org/shop', undefined, auth);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await shop.org('GET', '/api/org/tokens')).body.tokens).toHaveLength(1);
    const twice = await shop.org('DELETE', `/api/org/tokens/${created.body.id}`);
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe('token_not_found');
    // The original token still works.
    expect((await shop.org('GET', '/api/org/shop')).status).toBe(200);
  });

  it('changes shop settings that the storefront then applies', async () => {
    const res = await shop.org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 2, holdMinutes: 5 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ maxTicketsPerOrder: 2, holdMinutes: 5 });
    expect(res.body.signingPrivateKey).toBeUndefined();
    const info = await performanceInfo(shop, shop.demo.concertPerformanceIds[0]!);
    const three = await shop.call('POST', sf('/holds'), { performanceId: shop.demo.concertPerformanceIds[0], quantities: [{ tariffId: info.tariffs[0]!.id, quantity: 3 }] });
    expect(three.status).toBe(400);
    expect(three.body.error.code).toBe('too_many_tickets');
    const two = await shop.call('POST', sf('/holds'), { performanceId: shop.demo.concertPerformanceIds[0], quantities: [{ tariffId: info.tariffs[0]!.id, quantity: 2 }] });
    expect(two.status).toBe(201);
    expect(two.body.expiresAt).toBe(new Date(shop.clock.now() + 5 * MINUTE).toISOString());
    const bad = await shop.org('PATCH', '/api/org/shop', { holdMinutes: 40, holdMaxMinutes: 30 });
    expect(bad.status).toBe(400);
    const badLocale = await shop.org('PATCH', '/api/org/shop', { locales: ['de'], defaultLocale: 'fr' });
    expect(badLocale.status).toBe(400);
  });
});

describe('building a catalogue', () => {
  it('creates a venue, a plan, an event, performances and tariffs that a buyer can then buy', async () => {
    const c = await buildCatalogue();
    const venues = await shop.org('GET', '/api/org/venues');
    expect(venues.body.venues.find((v: any) => v.id === c.venue.id).plans).toEqual([{ id: c.plan.id, name: 'Petite salle', seatCount: 11 }]);
    const orgPlan = await shop.org('GET', `/api/org/plans/${c.plan.id}`);
    expect(orgPlan.body.zones.map((z: any) => z.code)).toEqual(['A', 'B']);
    const orgEvent = await shop.org('GET', `/api/org/events/${c.event.id}`);
    expect(orgEvent.body.performances.map((p: any) => p.id)).toEqual([c.seated.id, c.ga.id]);
    expect(orgEvent.body.tariffs).toHaveLength(3);

    // The storefront shows it.
    const listed = (await shop.call('GET', sf('/events'))).body.events.find((e: any) => e.id === c.event.id);
    expect(listed.performances.map((p: any) => p.seating)).toEqual(['seated', 'general_admission']);
    const view = await performanceInfo(shop, c.seated.id);
    expect(view.zones.map((z) => z.code)).toEqual(['A', 'B']);
    expect(view.tariffs.map((t) => t.price).sort()).toEqual([2500, 4000]);
    const geometry = await shop.call('GET', sf(`/plans/${c.plan.id}`));
    expect(geometry.body.seats.id).toHaveLength(11);
    expect(geometry.body.seats.row).toEqual(['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'A', 'A', 'A']);
    expect(geometry.body.seats.flags).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 8]);
    const seats = await seatsByZone(shop, c.plan.id);
    expect(seats.A).toHaveLength(8);
    expect(seats.B).toHaveLength(3);

    // A buyer holds and buys a seat in each zone.
    const hold = await shop.call('POST', sf('/holds'), { performanceId: c.seated.id, seats: [{ seatId: seats.A![0] }, { seatId: seats.B![0] }] });
    expect(hold.status).toBe(201);
    expect(hold.body.total).toBe(6500);
    const order = await checkoutHold(shop, hold.body.id);
    expect(order.status).toBe(201);
    expect(order.body.tickets.map((t: any) => t.seatLabel).sort()).toEqual(['Balcon, row A, seat 1', 'Orchestre, row A, seat 1']);
    expect(decodeSeatRanges((await availability(shop, c.seated.id)).sold!)).toEqual([seats.A![0], seats.B![0]]);

    // The seat marked not for sale cannot be held.
    const notForSale = await shop.call('POST', sf('/holds'), { performanceId: c.seated.id, seats: [{ seatId: seats.B![2] }] });
    expect(notForSale.status).toBe(409);
    expect(notForSale.body.error).toMatchObject({ code: 'seats_not_for_sale', details: { seatIds: [seats.B![2]] } });

    // And general admission.
    const gaHold = await shop.call('POST', sf('/holds'), { performanceId: c.ga.id, quantities: [{ tariffId: c.tariffGa.id, quantity: 2 }] });
    expect(gaHold.status).toBe(201);
    expect((await checkoutHold(shop, gaHold.body.id)).body).toMatchObject({ status: 'paid', total: 4000 });
    expect(await availability(shop, c.ga.id)).toMatchObject({ capacity: 40, remaining: 38 });
    const sold = await shop.org('GET', `/api/org/orders?performanceId=${c.ga.id}`);
    expect(sold.body.orders).toHaveLength(1);
  });

  it('imports what the seats face (stage, ice, field) with a plan and serves it with the geometry', async () => {
    const venue = await shop.org('POST', '/api/org/venues', { name: 'Salle test' });
    const withStage = { ...smallPlan(), landmarks: [{ label: 'Scène', x: 40, y: 0, width: 180, height: 30 }, { label: 'Fosse', x: 100, y: 240, width: 80, height: 40, shape: 'ellipse' }] };
    const plan = await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, withStage);
    expect(plan.status).toBe(201);
    const geometry = await shop.call('GET', sf(`/plans/${plan.body.id}`));
    expect(geometry.body.landmarks).toEqual([
      { label: 'Scène', x: 40, y: 0, width: 180, height: 30, shape: 'rect' },
      { label: 'Fosse', x: 100, y: 240, width: 80, height: 40, shape: 'ellipse' },
    ]);
    const without = await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, smallPlan());
    expect((await shop.call('GET', sf(`/plans/${without.body.id}`))).body.landmarks).toEqual([]);
    for (const landmark of [
      { label: 'Scène', x: 0, y: 0, width: 0, height: 30 },
      { label: '', x: 0, y: 0, width: 10, height: 30 },
      { label: 'Scène', x: 0, y: 0, width: 10, height: 30, shape: 'triangle' },
    ]) {
      const refused = await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, { ...smallPlan(), landmarks: [landmark] });
      expect(refused.status, JSON.stringify(landmark)).toBe(400);
      expect(refused.body.error.code).toBe('invalid_request');
    }
  });

  it('refuses invalid seating plans and stores nothing of them', async () => {
    const venue = await shop.org('POST', '/api/org/venues', { name: 'Salle test' });
    const duplicate = smallPlan();
    duplicate.sections[0]!.rows[0]!.seats.push({ number: '2', x: 999, y: 50, zone: 'A' });
    const dup = await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, duplicate);
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe('invalid_plan');
    expect(dup.body.error.message).toContain('ORCH A-2');

    const unknownZone = smallPlan();
    unknownZone.sections[1]!.rows[0]!.seats[0]!.zone = 'Z';
    const unk = await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, unknownZone);
    expect(unk.status).toBe(400);
    expect(unk.body.error.code).toBe('invalid_plan');
    expect(unk.body.error.message).toContain('"Z"');

    const twiceZone = smallPlan();
    twiceZone.zones.push({ code: 'A', name: 'Encore A', color: '#000000' });
    expect((await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, twiceZone)).body.error.code).toBe('invalid_plan');
    const twiceSection = smallPlan();
    twiceSection.sections[1]!.code = 'ORCH';
    expect((await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, twiceSection)).body.error.code).toBe('invalid_plan');

    const noSeats = { ...smallPlan(), sections: [{ code: 'X', name: 'Vide', rows: [] }] };
    const empty = await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, noSeats);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_request');

    const venues = await shop.org('GET', '/api/org/venues');
    expect(venues.body.venues.find((v: any) => v.id === venue.body.id).plans).toEqual([]);
    const missingVenue = await shop.org('POST', '/api/org/venues/ven_doesnotexist1/plans', smallPlan());
    expect(missingVenue.status).toBe(404);
    expect(missingVenue.body.error.code).toBe('venue_not_found');
  });

  it('checks performances against their event: plan of the venue, either plan or capacity', async () => {
    const c = await buildCatalogue();
    const startsAt = shop.clock.now() + 3 * DAY;
    const both = await shop.org('POST', `/api/org/events/${c.event.id}/performances`, { startsAt, planId: c.plan.id, capacity: 10 });
    expect(both.status).toBe(400);
    const neither = await shop.org('POST', `/api/org/events/${c.event.id}/performances`, { startsAt });
    expect(neither.status).toBe(400);
    const theatrePlan = (await performanceInfo(shop, shop.demo.theatrePerformanceIds[0]!)).planId;
    const otherVenue = await shop.org('POST', `/api/org/events/${c.event.id}/performances`, { startsAt, planId: theatrePlan });
    expect(otherVenue.status).toBe(400);
    expect(otherVenue.body.error.code).toBe('plan_not_in_venue');
    const capacityOnSeated = await shop.org('PATCH', `/api/org/performances/${c.seated.id}`, { capacity: 10 });
    expect(capacityOnSeated.status).toBe(400);
    expect(capacityOnSeated.body.error.code).toBe('not_general_admission');
    expect((await shop.org('GET', `/api/org/events/${c.event.id}`)).body.performances).toHaveLength(2);
  });

  it('applies tariff changes and hides a draft event from buyers', async () => {
    const c = await buildCatalogue();
    const seats = await seatsByZone(shop, c.plan.id);
    expect((await shop.org('PATCH', `/api/org/tariffs/${c.tariffA.id}`, { price: 4500 })).body.price).toBe(4500);
    const priced = await shop.call('POST', sf('/holds'), { performanceId: c.seated.id, seats: [{ seatId: seats.A![1] }] });
    expect(priced.body.total).toBe(4500);
    expect((await shop.org('PATCH', `/api/org/tariffs/${c.tariffGa.id}`, { active: false })).body.active).toBe(false);
    expect((await performanceInfo(shop, c.ga.id)).tariffs).toEqual([]);
    const inactive = await shop.call('POST', sf('/holds'), { performanceId: c.ga.id, quantities: [{ tariffId: c.tariffGa.id, quantity: 1 }] });
    expect(inactive.status).toBe(400);
    expect(inactive.body.error.code).toBe('unknown_tariff');

    expect((await shop.org('PATCH', `/api/org/events/${c.event.id}`, { status: 'draft' })).body.status).toBe('draft');
    expect((await shop.call('GET', sf(`/performances/${c.seated.id}`))).status).toBe(404);
    const draft = await shop.call('POST', sf('/holds'), { performanceId: c.seated.id, seats: [{ seatId: seats.A![2] }] });
    expect(draft.status).toBe(409);
    expect(draft.body.error.code).toBe('event_not_published');
  });
});

describe('seat blocks', () => {
  it('blocks free seats, skips held ones, and unblocks them again', async () => {
    const performanceId = shop.demo.theatrePerformanceIds[2]!;
    const info = await performanceInfo(shop, performanceId);
    const [free, held, lapsed, sold] = (await seatsByZone(shop, info.planId!)).C3!;
    const toBuy = await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: sold }] });
    expect((await checkoutHold(shop, toBuy.body.id)).status).toBe(201);
    const toLapse = await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: lapsed }] });
    expect(toLapse.status).toBe(201);
    shop.clock.advance(10 * MINUTE);
    const liveHold = await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: held }] });
    expect(liveHold.status).toBe(201);

    const res = await shop.org('POST', `/api/org/performances/${performanceId}/blocks`, { seatIds: [free, held, lapsed, sold] });
    expect(res.status).toBe(200);
    expect(res.body.blocked.sort()).toEqual([free, lapsed].sort());
    expect(res.body.skipped.sort()).toEqual([held, sold].sort());

    const state = await availability(shop, performanceId);
    expect(decodeSeatRanges(state.blocked!)).toEqual([free, lapsed].sort((a, b) => a! - b!));
    expect(decodeSeatRanges(state.held!)).toEqual([held]);
    expect(decodeSeatRanges(state.sold!)).toEqual([sold]);

    const refused = await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: free }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'seats_taken', details: { seatIds: [free] } });

    const unblocked = await shop.org('POST', `/api/org/performances/${performanceId}/unblocks`, { seatIds: [free, held, sold] });
    expect(unblocked.status).toBe(200);
    expect(unblocked.body.unblocked).toEqual([free]);
    const after = await availability(shop, performanceId);
    expect(decodeSeatRanges(after.blocked!)).toEqual([lapsed]);
    expect(decodeSeatRanges(after.held!)).toEqual([held]);
    expect(decodeSeatRanges(after.sold!)).toEqual([sold]);
    expect((await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: free }] })).status).toBe(201);
  });

  it('refuses blocks on general admission and on seats of another plan', async () => {
    const ga = await shop.org('POST', `/api/org/performances/${shop.demo.concertPerformanceIds[0]}/blocks`, { seatIds: [1] });
    expect(ga.status).toBe(400);
    expect(ga.body.error.code).toBe('not_seated');
    const unknown = await shop.org('POST', `/api/org/performances/${shop.demo.theatrePerformanceIds[0]}/blocks`, { seatIds: [999_999] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_seat');
    expect((await availability(shop, shop.demo.theatrePerformanceIds[0]!)).blocked).toBe('');
  });
});

describe('tenant isolation', () => {
  it("keeps a second shop's token and storefront away from the first shop's data", async () => {
    const demo = shop.demo;
    const other = await createShop(
      shop.deps.storage.db,
      { name: 'Autre Théâtre', currency: 'EUR', locales: ['de'], defaultLocale: 'de', timeZone: 'Europe/Berlin', testMode: true, allowedOrigins: ['*'] },
      shop.clock.now(),
    );
    const as2 = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      shop.call(method, path, body, { Authorization: `Bearer ${other.token}`, ...headers });
    expect((await as2('GET', '/api/org/shop')).body.id).toBe(other.shopId);

    // Shop 1 material: a plan, a zone, a tariff, a venue, a sold order and a live hold.
    const theatre = demo.theatrePerformanceIds[0]!;
    const info = await performanceInfo(shop, theatre);
    const seats = await seatsByZone(shop, info.planId!);
    const tariff = tariffOf(info, 'C1', 'Plein tarif');
    const venueId = (await shop.org('GET', `/api/org/events/${demo.theatreEventId}`)).body.venueId as string;
    const sale = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats.C1![0] }] });
    const order = (await checkoutHold(shop, sale.body.id)).body;
    const liveHold = (await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats.C1![1] }] })).body.id as string;
    const shop1TokenId = (await shop.org('GET', '/api/org/tokens')).body.tokens[0].id as string;

    const expect404 = async (method: string, path: string, body?: unknown) => {
      const res = await as2(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      return res.body.error.code as string;
    };
    // Lists show nothing of shop 1.
    expect((await as2('GET', '/api/org/events')).body.events).toEqual([]);
    expect((await as2('GET', '/api/org/venues')).body.venues).toEqual([]);
    expect((await as2('GET', '/api/org/orders')).body.orders).toEqual([]);
    expect((await as2('GET', `/api/org/orders?q=${order.number}`)).body.orders).toEqual([]);
    expect((await as2('GET', '/api/org/tokens')).body.tokens.map((t: any) => t.id)).toEqual([other.tokenId]);
    // Reads and changes by id are 404.
    expect(await expect404('GET', `/api/org/events/${demo.theatreEventId}`)).toBe('event_not_found');
    expect(await expect404('PATCH', `/api/org/events/${demo.theatreEventId}`, { title: 'Piraté' })).toBe('event_not_found');
    expect(await expect404('POST', `/api/org/events/${demo.theatreEventId}/performances`, { startsAt: shop.clock.now() + DAY, capacity: 10 })).toBe('event_not_found');
    expect(await expect404('POST', `/api/org/events/${demo.theatreEventId}/tariffs`, { name: 'Gratuit', price: 0 })).toBe('event_not_found');
    expect(await expect404('PATCH', `/api/org/performances/${theatre}`, { status: 'cancelled' })).toBe('performance_not_found');
    expect(await expect404('PATCH', `/api/org/performances/${demo.concertPerformanceIds[0]}`, { capacity: 1 })).toBe('performance_not_found');
    expect(await expect404('POST', `/api/org/performances/${theatre}/blocks`, { seatIds: [seats.C1![5]] })).toBe('performance_not_found');
    expect(await expect404('POST', `/api/org/performances/${theatre}/unblocks`, { seatIds: [seats.C1![5]] })).toBe('performance_not_found');
    expect(await expect404('PATCH', `/api/org/tariffs/${tariff.id}`, { price: 1 })).toBe('tariff_not_found');
    expect(await expect404('PATCH', `/api/org/venues/${venueId}`, { name: 'Piraté' })).toBe('venue_not_found');
    expect(await expect404('POST', `/api/org/venues/${venueId}/plans`, smallPlan())).toBe('venue_not_found');
    expect(await expect404('GET', `/api/org/plans/${info.planId}`)).toBe('plan_not_found');
    expect(await expect404('GET', `/api/org/orders/${order.number}`)).toBe('order_not_found');
    expect(await expect404('DELETE', `/api/org/tokens/${shop1TokenId}`)).toBe('token_not_found');
    expect(await expect404('POST', '/api/org/events', { venueId, title: 'Dans la salle des autres' })).toBe('venue_not_found');
    // Shop 1 ids cannot be borrowed into shop 2's own catalogue either.
    const ownVenue = (await as2('POST', '/api/org/venues', { name: 'Kleiner Saal' })).body;
    const ownEvent = (await as2('POST', '/api/org/events', { venueId: ownVenue.id, title: 'Konzert', status: 'published' })).body;
    expect(await expect404('POST', `/api/org/events/${ownEvent.id}/performances`, { startsAt: shop.clock.now() + DAY, planId: info.planId })).toBe('plan_not_found');
    expect(await expect404('POST', `/api/org/events/${ownEvent.id}/tariffs`, { zoneId: tariff.zoneId, name: 'Normal', price: 100 })).toBe('zone_not_found');
    // Check-in of shop 1's ticket with shop 2's token.
    const checkin = await as2('POST', '/api/org/checkins', { code: order.tickets[0].qrPayload });
    expect(checkin.status).toBe(422);
    expect(checkin.body.error.code).toBe('ticket_other_shop');

    // Nothing of shop 1 changed, and its token still works.
    expect((await shop.org('GET', `/api/org/events/${demo.theatreEventId}`)).body.title).toBe('Le Malade imaginaire');
    expect((await performanceInfo(shop, theatre)) as any).toMatchObject({ status: 'scheduled', onSale: true });
    expect(tariffOf(await performanceInfo(shop, theatre), 'C1', 'Plein tarif').price).toBe(6800);
    expect(await availability(shop, demo.concertPerformanceIds[0]!)).toMatchObject({ capacity: 300 });
    expect((await shop.org('GET', '/api/org/venues')).body.venues.find((v: any) => v.id === venueId).name).toBe('Théâtre du Lac');
    expect((await shop.org('GET', '/api/org/tokens')).body.tokens.map((t: any) => t.id)).toContain(shop1TokenId);
    expect((await shop.org('GET', `/api/org/orders/${order.number}`)).body.tickets[0].admittedAt).toBeNull();

    // Shop 2's storefront does not know shop 1's catalogue, holds or orders.
    const s2 = (path: string) => sf(path, other.shopId);
    for (const path of [`/performances/${theatre}`, `/performances/${theatre}/availability`, `/events/${demo.theatreEventId}`, `/plans/${info.planId}`, `/holds/${liveHold}`, `/orders/${order.number}?secret=${order.secret}`]) {
      expect((await shop.call('GET', s2(path))).status, path).toBe(404);
    }
    expect((await shop.call('POST', s2('/holds'), { performanceId: theatre, seats: [{ seatId: seats.C1![5] }] })).status).toBe(404);
    expect((await shop.call('PATCH', s2(`/holds/${liveHold}`), { removeSeats: [seats.C1![1]] })).status).toBe(404);
    expect((await shop.call('POST', s2(`/holds/${liveHold}/extend`))).status).toBe(404);
    expect((await shop.call('DELETE', s2(`/holds/${liveHold}`))).status).toBe(404);
    expect((await checkoutHold(shop, liveHold, undefined, other.shopId)).status).toBe(404);
    expect(decodeSeatRanges((await availability(shop, theatre)).held!)).toEqual([seats.C1![1]]);
    expect((await shop.call('GET', sf(`/holds/${liveHold}`))).body.status).toBe('active');
  });

  it('scopes idempotency keys to the token, so two shops never see each other’s replies', async () => {
    const other = await createShop(
      shop.deps.storage.db,
      { name: 'Autre', currency: 'CHF', locales: ['fr'], defaultLocale: 'fr', timeZone: 'Europe/Zurich', testMode: true, allowedOrigins: [] },
      shop.clock.now(),
    );
    const body = { name: 'Salle commune', address: '' };
    const first = await shop.org('POST', '/api/org/venues', body, { 'Idempotency-Key': 'same-key-1' });
    const second = await shop.call('POST', '/api/org/venues', body, { Authorization: `Bearer ${other.token}`, 'Idempotency-Key': 'same-key-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
    expect((await shop.call('GET', '/api/org/venues', undefined, { Authorization: `Bearer ${other.token}` })).body.venues.map((v: any) => v.id)).toEqual([second.body.id]);
  });
});

describe('a buyer of the organizer’s shop', () => {
  it('gets the buyer details the organizer later finds', async () => {
    const c = await buildCatalogue();
    const hold = await shop.call('POST', sf('/holds'), { performanceId: c.ga.id, quantities: [{ tariffId: c.tariffGa.id, quantity: 1 }] });
    const order = await checkoutHold(shop, hold.body.id);
    const found = await shop.org('GET', `/api/org/orders?q=${encodeURIComponent(buyer.email.slice(0, 6))}`);
    expect(found.body.orders.map((o: any) => o.number)).toEqual([order.body.number]);
  });
});
