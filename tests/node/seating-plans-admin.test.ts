import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { createShop } from '../../worker/src/services/shops.js';
import { createTestShop, sf, type TestShop } from './harness.js';

const DAY = 86_400_000;

let shop: TestShop;
beforeEach(async () => {
  shop = await createTestShop();
});
afterEach(() => shop.close());

const goodCsv = [
  'Secteur;Rang;Place;X;Y;Zone;Flags',
  'PAR;A;1;10,5;20;C1;',
  'PAR;A;2;22,5;20;C1;',
  'PAR;A;3;34,5;20;C1;wheelchair',
  'PAR;B;1;10,5;40;C2;',
  'PAR;B;2;22,5;40;C2;companion',
  'BAL;A;1;10;80;C2;',
].join('\r\n');

async function newVenue() {
  const venue = await shop.org('POST', '/api/org/venues', { name: 'Salle de la Grenette', address: 'Place du Marché 1, 1003 Lausanne' });
  expect(venue.status).toBe(201);
  return venue.body.id as string;
}

/** A venue with the plan of goodCsv, a published event and a seated performance on it. */
async function seatedPerformance() {
  const venueId = await newVenue();
  const plan = await shop.org('POST', `/api/org/venues/${venueId}/plans/csv`, { name: 'Grenette', csv: goodCsv });
  expect(plan.status).toBe(201);
  const event = await shop.org('POST', '/api/org/events', { venueId, title: 'Quatuor', status: 'published' });
  const performance = await shop.org('POST', `/api/org/events/${event.body.id}/performances`, { startsAt: shop.clock.now() + 5 * DAY, planId: plan.body.id });
  expect(performance.status).toBe(201);
  for (const zone of plan.body.zones) {
    expect((await shop.org('POST', `/api/org/events/${event.body.id}/tariffs`, { zoneId: zone.id, name: 'Normal', price: 3000 })).status).toBe(201);
  }
  const seats = await shop.org('GET', `/api/org/plans/${plan.body.id}/seats`);
  expect(seats.status).toBe(200);
  return { planId: plan.body.id as string, performanceId: performance.body.id as string, eventId: event.body.id as string, seats: seats.body };
}

describe('importing a seating plan from CSV', () => {
  it('answers every problem by line and column and stores nothing, then imports the fixed file', async () => {
    const venueId = await newVenue();
    const broken = goodCsv.replace('PAR;A;2;22,5;20;C1;', 'PAR;A;2;vingt;20;C1;').replace('BAL;A;1;10;80;C2;', 'PAR;A;1;10;80;C2;');
    const refused = await shop.org('POST', `/api/org/venues/${venueId}/plans/csv`, { name: 'Grenette', csv: broken });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'invalid_plan_csv',
      details: {
        total: 2,
        problems: [
          { line: 3, column: 'X', problem: 'not_a_number' },
          { line: 7, column: 'Place', problem: 'duplicate_seat' },
        ],
      },
    });
    expect(refused.body.error.message).toMatch(/Line 3.*and 1 more problem/);
    expect((await shop.org('GET', '/api/org/venues')).body.venues.find((v: any) => v.id === venueId).plans).toEqual([]);

    const zones = [{ code: 'C1', name: 'Catégorie 1', color: '#b4235a' }];
    const imported = await shop.org('POST', `/api/org/venues/${venueId}/plans/csv`, { name: 'Grenette', csv: goodCsv, zones });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ name: 'Grenette', seatCount: 6, zones: [{ code: 'C1', name: 'Catégorie 1', color: '#b4235a' }, { code: 'C2', name: 'C2' }] });

    const seats = await shop.org('GET', `/api/org/plans/${imported.body.id}/seats`);
    expect(seats.status).toBe(200);
    expect(seats.body.venueId).toBe(venueId);
    expect(seats.body.plan).toMatchObject({ name: 'Grenette', seatCount: 6, width: 45, height: 100 });
    expect(seats.body.sections.map((s: any) => s.code)).toEqual(['PAR', 'BAL']);
    expect(seats.body.seats.row).toEqual(['A', 'A', 'A', 'B', 'B', 'A']);
    expect(seats.body.seats.x).toEqual([10.5, 22.5, 34.5, 10.5, 22.5, 10]);
    expect(seats.body.seats.flags).toEqual([0, 0, 1, 0, 2, 0]);
    expect(seats.body.performances).toEqual([]);
    // The storefront serves the same geometry (the seat map buyers see).
    const publicPlan = await shop.call('GET', sf(`/plans/${imported.body.id}`));
    expect(publicPlan.body.seats).toEqual(seats.body.seats);
  });

  it('takes CSV bodies above the default 64 KB limit, and 404s another venue', async () => {
    const venueId = await newVenue();
    const lines = ['section,row,seat,x,y,zone'];
    for (let r = 0; r < 100; r++) for (let s = 1; s <= 60; s++) lines.push(`Parterre,R${r},${s},${s * 10},${r * 12},Z${r % 4}`);
    const csv = lines.join('\n');
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const imported = await shop.org('POST', `/api/org/venues/${venueId}/plans/csv`, { name: 'Grande', csv });
    expect(imported.status).toBe(201);
    expect(imported.body.seatCount).toBe(6000);
    const missing = await shop.org('POST', '/api/org/venues/ven_doesnotexist1/plans/csv', { name: 'X', csv: goodCsv });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('venue_not_found');
  });
});

describe('seat flags on a plan', () => {
  it('marks and unmarks wheelchair and companion seats in one batch, and the public plan changes its ETag', async () => {
    const { planId, performanceId, seats } = await seatedPerformance();
    expect(seats.performances).toEqual([expect.objectContaining({ id: performanceId, eventTitle: 'Quatuor' })]);
    const [a1, a2, a3, b1, b2] = seats.seats.id as number[];
    const before = await shop.call('GET', sf(`/plans/${planId}`));
    const etag = before.headers.get('ETag')!;

    const marked = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [a1, a2, a2], add: ['wheelchair'] });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ planId, seats: [{ id: a1, flags: ['wheelchair'] }, { id: a2, flags: ['wheelchair'] }] });

    const swapped = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [a3, b1], add: ['companion'], remove: ['wheelchair'] });
    expect(swapped.body.seats).toEqual([{ id: a3, flags: ['companion'] }, { id: b1, flags: ['companion'] }]);
    const cleared = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [b2], remove: ['companion'] });
    expect(cleared.body.seats).toEqual([{ id: b2, flags: [] }]);

    const after = await shop.call('GET', sf(`/plans/${planId}`), undefined, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(after.body.seats.flags).toEqual([1, 1, 2, 2, 0, 0]);
    expect((await shop.org('GET', `/api/org/plans/${planId}/seats`)).body.seats.flags).toEqual([1, 1, 2, 2, 0, 0]);
  });

  it('keeps marked seats out of best available, for every performance on the plan', async () => {
    const { planId, performanceId, seats } = await seatedPerformance();
    const [a1, a2] = seats.seats.id as number[];
    const zoneC1 = (await shop.org('GET', `/api/org/plans/${planId}`)).body.zones.find((z: any) => z.code === 'C1').id;
    // Row A of C1: seats 1 and 2, and 3 a wheelchair space (imported so): best available never takes it.
    expect((await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [a1], add: ['companion'] })).status).toBe(200);
    const best = await shop.call('POST', sf('/holds'), { performanceId, best: { zoneId: zoneC1, quantity: 1 } });
    expect(best.status).toBe(201);
    expect(best.body.seats.map((s: any) => s.seatId)).toEqual([a2]);
    const none = await shop.call('POST', sf('/holds'), { performanceId, best: { zoneId: zoneC1, quantity: 1 } });
    expect(none.status).toBe(409);
    // Unmarked, seat 1 is found again.
    expect((await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [a1], remove: ['companion'] })).status).toBe(200);
    const again = await shop.call('POST', sf('/holds'), { performanceId, best: { zoneId: zoneC1, quantity: 1 } });
    expect(again.body.seats.map((s: any) => s.seatId)).toEqual([a1]);
  });

  it('refuses seats of another plan, flags that are not the organizer’s to set, and another shop’s plan', async () => {
    const { planId, seats } = await seatedPerformance();
    const demoPlan = (await shop.org('GET', '/api/org/venues')).body.venues[0].plans[0].id;
    const demoSeat = (await shop.org('GET', `/api/org/plans/${demoPlan}/seats`)).body.seats.id[0];
    const ours = seats.seats.id[0];
    const unknown = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [ours, demoSeat], add: ['wheelchair'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_seat', details: { seatIds: [demoSeat] } });
    // Nothing of the refused batch was written.
    expect((await shop.org('GET', `/api/org/plans/${planId}/seats`)).body.seats.flags[0]).toBe(0);

    const notForSale = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [ours], add: ['notForSale'] });
    expect(notForSale.status).toBe(400);
    expect(notForSale.body.error.code).toBe('invalid_request');
    const both = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [ours], add: ['wheelchair'], remove: ['wheelchair'] });
    expect(both.body.error.code).toBe('invalid_request');
    const nothing = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [ours] });
    expect(nothing.body.error.code).toBe('invalid_request');

    const other = await createShop(
      shop.deps.storage.db,
      { name: 'Autre Théâtre', currency: 'EUR', locales: ['de'], defaultLocale: 'de', timeZone: 'Europe/Berlin', testMode: true, allowedOrigins: ['*'] },
      shop.clock.now(),
    );
    const asOther = (method: string, path: string, body?: unknown) => shop.call(method, path, body, { Authorization: `Bearer ${other.token}` });
    expect((await asOther('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [ours], add: ['wheelchair'] })).body.error.code).toBe('plan_not_found');
    expect((await asOther('GET', `/api/org/plans/${planId}/seats`)).status).toBe(404);
  });
});

describe('a performance’s seats for the organizer', () => {
  it('shows blocked, held and sold seats of a draft performance too, and blocked seats are refused to buyers', async () => {
    const { performanceId, eventId, seats } = await seatedPerformance();
    const [a1, a2, a3] = seats.seats.id as number[];
    const empty = await shop.org('GET', `/api/org/performances/${performanceId}/seating`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ performanceId, held: '', sold: '', blocked: '' });

    expect((await shop.org('POST', `/api/org/performances/${performanceId}/blocks`, { seatIds: [a1, a2] })).body.blocked.sort()).toEqual([a1, a2]);
    const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: a3 }] });
    expect(hold.status).toBe(201);
    const refused = await shop.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: a1 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'seats_taken', details: { seatIds: [a1] } });

    // Back to a draft: buyers no longer see it, the organizer still does.
    expect((await shop.org('PATCH', `/api/org/events/${eventId}`, { status: 'draft' })).status).toBe(200);
    const state = await shop.org('GET', `/api/org/performances/${performanceId}/seating`);
    expect(decodeSeatRanges(state.body.blocked)).toEqual([a1, a2]);
    expect(decodeSeatRanges(state.body.held)).toEqual([a3]);
    expect(state.body.sold).toBe('');
  });

  it('says a general-admission performance has no seats', async () => {
    const res = await shop.org('GET', `/api/org/performances/${shop.demo.concertPerformanceIds[0]}/seating`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_seated');
  });
});
