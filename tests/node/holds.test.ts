import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { availability, demoPerformances, MINUTE, type PerformanceInfo, performanceInfo, seatsByZone, sf, tariffOf, type TestShop } from './harness.js';

let shop: TestShop;
let theatre: string;
let concert: string;
let theatreInfo: PerformanceInfo;
let concertInfo: PerformanceInfo;
let seats: Record<string, number[]>;

beforeEach(async () => {
  ({ shop, theatre, concert, theatreInfo, concertInfo, seats } = await demoPerformances(0));
});
afterEach(() => shop.close());

const holdSeats = (seatIds: number[], performanceId = theatre) => shop.call('POST', sf('/holds'), { performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
const holdQuantities = (quantities: { tariffId: string; quantity: number }[], performanceId = concert) => shop.call('POST', sf('/holds'), { performanceId, quantities });
const heldSeats = async (performanceId = theatre) => decodeSeatRanges((await availability(shop, performanceId)).held ?? '');
const remaining = async (performanceId = concert) => (await availability(shop, performanceId)).remaining;
const concertTariff = (name: string) => tariffOf(concertInfo, null, name).id;

describe('creating a hold', () => {
  it('holds seats for ten minutes at the zone default tariff', async () => {
    const [a, b] = seats.C1!;
    const res = await holdSeats([a!, b!]);
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^hld_[a-z0-9]{26}$/);
    expect(res.body).toMatchObject({ performanceId: theatre, status: 'active', ticketCount: 2, subtotal: 13600, fees: 0, total: 13600, currency: 'CHF' });
    expect(res.body.expiresAt).toBe(new Date(shop.clock.now() + 10 * MINUTE).toISOString());
    expect(res.body.maxExpiresAt).toBe(new Date(shop.clock.now() + 30 * MINUTE).toISOString());
    expect(res.body.seats).toEqual([
      { seatId: a, label: 'Parterre, row A, seat 1', seat: { section: 'Parterre', row: 'A', number: '1' }, tariffId: tariffOf(theatreInfo, 'C1', 'Plein tarif').id, price: 6800 },
      { seatId: b, label: 'Parterre, row A, seat 2', seat: { section: 'Parterre', row: 'A', number: '2' }, tariffId: tariffOf(theatreInfo, 'C1', 'Plein tarif').id, price: 6800 },
    ]);
    const read = await shop.call('GET', sf(`/holds/${res.body.id}`));
    expect(read.status).toBe(200);
    expect(read.body.seats.map((s: any) => s.seatId)).toEqual([a, b]);
    expect(await heldSeats()).toEqual([a, b]);
  });

  it('holds general-admission quantities per tariff', async () => {
    const res = await holdQuantities([
      { tariffId: concertTariff('Plein tarif'), quantity: 2 },
      { tariffId: concertTariff('Étudiant'), quantity: 1 },
      { tariffId: concertTariff('Enfant (-12 ans), gratuit'), quantity: 0 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ticketCount: 3, total: 9500, seats: [] });
    expect(res.body.quantities).toEqual([
      { tariffId: concertTariff('Plein tarif'), quantity: 2, price: 3500 },
      { tariffId: concertTariff('Étudiant'), quantity: 1, price: 2500 },
    ]);
    expect(await remaining()).toBe(297);
  });

  it('refuses the wrong kind of choice for the performance', async () => {
    const seatsOnGa = await shop.call('POST', sf('/holds'), { performanceId: concert, seats: [{ seatId: seats.C1![0] }] });
    expect(seatsOnGa.status).toBe(400);
    expect(seatsOnGa.body.error.code).toBe('quantities_required');
    const quantitiesOnSeated = await shop.call('POST', sf('/holds'), { performanceId: theatre, quantities: [{ tariffId: theatreInfo.tariffs[0]!.id, quantity: 2 }] });
    expect(quantitiesOnSeated.status).toBe(400);
    expect(quantitiesOnSeated.body.error.code).toBe('seat_selection_required');
    const empty = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: concertTariff('Étudiant'), quantity: 0 }] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_request');
    expect(await remaining()).toBe(300);
    expect(await heldSeats()).toEqual([]);
  });

  it('refuses unknown seats and tariffs, a tariff of another zone and a seat twice', async () => {
    const unknownSeat = await holdSeats([seats.C1![0]!, 999_999]);
    expect(unknownSeat.status).toBe(400);
    expect(unknownSeat.body.error).toMatchObject({ code: 'unknown_seat', details: { seatIds: [999_999] } });

    // A seat of the arena plan is not in the theatre's plan.
    const arenaPlan = (await performanceInfo(shop, shop.demo.arenaPerformanceId)).planId!;
    const arenaSeat = Object.values(await seatsByZone(shop, arenaPlan))[0]![0]!;
    const otherPlan = await holdSeats([arenaSeat]);
    expect(otherPlan.status).toBe(400);
    expect(otherPlan.body.error.code).toBe('unknown_seat');

    const unknownTariff = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats.C1![0], tariffId: 'trf_doesnotexist1' }] });
    expect(unknownTariff.status).toBe(400);
    expect(unknownTariff.body.error.code).toBe('unknown_tariff');

    const concertTariffOnSeat = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats.C1![0], tariffId: concertTariff('Plein tarif') }] });
    expect(concertTariffOnSeat.status).toBe(400);
    expect(concertTariffOnSeat.body.error.code).toBe('unknown_tariff');

    const theatreTariffOnGa = await holdQuantities([{ tariffId: theatreInfo.tariffs[0]!.id, quantity: 1 }]);
    expect(theatreTariffOnGa.status).toBe(400);
    expect(theatreTariffOnGa.body.error.code).toBe('unknown_tariff');

    const otherZone = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats.C1![0], tariffId: tariffOf(theatreInfo, 'C3', 'Plein tarif').id }] });
    expect(otherZone.status).toBe(400);
    expect(otherZone.body.error.code).toBe('tariff_not_for_seat');

    const twice = await holdSeats([seats.C1![0]!, seats.C1![0]!]);
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('duplicate_seat');

    expect(await heldSeats()).toEqual([]);
    expect(await remaining()).toBe(300);
  });

  it('refuses more tickets than the shop allows in one order', async () => {
    const eleven = await holdSeats(seats.C2!.slice(0, 11));
    expect(eleven.status).toBe(400);
    expect(eleven.body.error).toMatchObject({ code: 'too_many_tickets', details: { max: 10 } });
    const elevenGa = await holdQuantities([
      { tariffId: concertTariff('Plein tarif'), quantity: 6 },
      { tariffId: concertTariff('Étudiant'), quantity: 5 },
    ]);
    expect(elevenGa.status).toBe(400);
    expect(elevenGa.body.error.code).toBe('too_many_tickets');
    expect(await heldSeats()).toEqual([]);
    expect(await remaining()).toBe(300);
  });

  it('answers seats_taken naming the seat another buyer holds, and holds nothing of a refused request', async () => {
    const [taken, other, free] = seats.C1!;
    const first = await holdSeats([taken!, other!]);
    expect(first.status).toBe(201);
    const second = await holdSeats([free!, taken!]);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('seats_taken');
    expect(second.body.error.details.seatIds).toEqual([taken]);
    expect(second.body.error.message).toContain(String(taken));
    // The whole request failed: the free seat was not held either.
    expect(await heldSeats()).toEqual([taken, other]);
  });

  it('frees a lapsed hold’s seats for the next buyer at once, without any sweep', async () => {
    const seat = seats.C2![0]!;
    const first = await holdSeats([seat]);
    expect(first.status).toBe(201);
    shop.clock.advance(10 * MINUTE);
    expect(await heldSeats()).toEqual([]);
    const second = await holdSeats([seat]);
    expect(second.status).toBe(201);
    expect(second.body.seats.map((s: any) => s.seatId)).toEqual([seat]);
    const lapsed = await shop.call('GET', sf(`/holds/${first.body.id}`));
    expect(lapsed.body.status).toBe('expired');
    expect(lapsed.body.seats).toEqual([]);
    expect(await heldSeats()).toEqual([seat]);
  });

  it('gives exactly one of two simultaneous buyers the same seat', async () => {
    const seat = seats.C3![5]!;
    const results = await Promise.all([holdSeats([seat]), holdSeats([seat]), holdSeats([seat])]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const lost of results.filter((r) => r.status === 409)) expect(lost.body.error.code).toBe('seats_taken');
    expect(await heldSeats()).toEqual([seat]);
  });

  it('never sells general admission past capacity', async () => {
    const capacity = await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 5 });
    expect(capacity.status).toBe(200);
    expect(await availability(shop, concert)).toMatchObject({ capacity: 5, remaining: 5 });
    const plein = concertTariff('Plein tarif');
    const first = await holdQuantities([{ tariffId: plein, quantity: 4 }]);
    expect(first.status).toBe(201);
    const over = await holdQuantities([{ tariffId: plein, quantity: 2 }]);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'capacity_exceeded', details: { remaining: 1 } });
    const grow = await shop.call('PATCH', sf(`/holds/${first.body.id}`), { quantities: [{ tariffId: plein, quantity: 6 }] });
    expect(grow.status).toBe(409);
    expect(grow.body.error.code).toBe('capacity_exceeded');
    expect(await remaining()).toBe(1);
    const last = await holdQuantities([{ tariffId: concertTariff('Étudiant'), quantity: 1 }]);
    expect(last.status).toBe(201);
    expect(await remaining()).toBe(0);
    const shrink = await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 3 });
    expect(shrink.status).toBe(409);
    expect(shrink.body.error.code).toBe('capacity_below_sold');
    // When the holds lapse, their units are available to the next buyer at once.
    shop.clock.advance(10 * MINUTE);
    expect(await remaining()).toBe(5);
    const after = await holdQuantities([{ tariffId: plein, quantity: 5 }]);
    expect(after.status).toBe(201);
    expect(await remaining()).toBe(0);
  });

  it('lets the organizer lower a capacity as soon as the holds above it have lapsed, before any sweep', async () => {
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 5 })).status).toBe(200);
    expect((await holdQuantities([{ tariffId: concertTariff('Plein tarif'), quantity: 5 }])).status).toBe(201);
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 3 })).status).toBe(409);
    shop.clock.advance(10 * MINUTE);
    const lowered = await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 3 });
    expect(lowered.status).toBe(200);
    expect(lowered.body.capacity).toBe(3);
    expect(await availability(shop, concert)).toMatchObject({ capacity: 3, remaining: 3 });
  });

  it('lets only as many simultaneous general-admission buyers through as there are tickets', async () => {
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 5 })).status).toBe(200);
    const plein = concertTariff('Plein tarif');
    const results = await Promise.all(Array.from({ length: 5 }, () => holdQuantities([{ tariffId: plein, quantity: 2 }])));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'capacity_exceeded')).toBe(true);
    expect(await remaining()).toBe(1);
  });
});

describe('changing a hold', () => {
  it('adds, removes and re-tariffs seats in one change', async () => {
    const [a, b, c] = seats.C1!;
    const hold = await holdSeats([a!, b!]);
    const avs = tariffOf(theatreInfo, 'C1', 'AVS / étudiant');
    const enfant = tariffOf(theatreInfo, 'C1', 'Enfant (-16 ans)');
    const res = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), {
      addSeats: [{ seatId: c, tariffId: enfant.id }],
      removeSeats: [a],
      seatTariffs: [{ seatId: b, tariffId: avs.id }],
    });
    expect(res.status).toBe(200);
    expect(res.body.seats.map((s: any) => [s.seatId, s.tariffId, s.price])).toEqual([
      [b, avs.id, 5400],
      [c, enfant.id, 3000],
    ]);
    expect(res.body.total).toBe(8400);
    expect(res.body.expiresAt).toBe(hold.body.expiresAt);
    expect(await heldSeats()).toEqual([b, c]);
    // The removed seat is free for someone else.
    expect((await holdSeats([a!])).status).toBe(201);
  });

  it('refuses a change that takes another buyer’s seat, a tariff of another zone or too many tickets, and keeps the hold as it was', async () => {
    const mine = await holdSeats(seats.C1!.slice(0, 2));
    const theirs = await holdSeats([seats.C1![5]!]);
    const taken = await shop.call('PATCH', sf(`/holds/${mine.body.id}`), { addSeats: [{ seatId: seats.C1![5] }], removeSeats: [seats.C1![0]] });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'seats_taken', details: { seatIds: [seats.C1![5]] } });
    const wrongZone = await shop.call('PATCH', sf(`/holds/${mine.body.id}`), { seatTariffs: [{ seatId: seats.C1![0], tariffId: tariffOf(theatreInfo, 'C2', 'Plein tarif').id }] });
    expect(wrongZone.status).toBe(400);
    expect(wrongZone.body.error.code).toBe('tariff_not_for_seat');
    const tooMany = await shop.call('PATCH', sf(`/holds/${mine.body.id}`), { addSeats: seats.C2!.slice(0, 9).map((seatId) => ({ seatId })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('too_many_tickets');
    const quantities = await shop.call('PATCH', sf(`/holds/${mine.body.id}`), { quantities: [{ tariffId: concertTariff('Plein tarif'), quantity: 1 }] });
    expect(quantities.status).toBe(400);
    expect(quantities.body.error.code).toBe('seat_selection_required');
    const view = await shop.call('GET', sf(`/holds/${mine.body.id}`));
    expect(view.body.seats.map((s: any) => s.seatId)).toEqual(seats.C1!.slice(0, 2));
    expect(await heldSeats()).toEqual([...seats.C1!.slice(0, 2), seats.C1![5]]);
    expect(theirs.status).toBe(201);
  });

  it('moves the general-admission counter by the change in quantities', async () => {
    const plein = concertTariff('Plein tarif');
    const etudiant = concertTariff('Étudiant');
    const hold = await holdQuantities([{ tariffId: plein, quantity: 2 }]);
    expect(await remaining()).toBe(298);
    const up = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { quantities: [{ tariffId: plein, quantity: 5 }, { tariffId: etudiant, quantity: 1 }] });
    expect(up.status).toBe(200);
    expect(up.body.ticketCount).toBe(6);
    expect(await remaining()).toBe(294);
    const down = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { quantities: [{ tariffId: plein, quantity: 0 }] });
    expect(down.status).toBe(200);
    expect(down.body.quantities).toEqual([{ tariffId: etudiant, quantity: 1, price: 2500 }]);
    expect(await remaining()).toBe(299);
    const seatsOnGa = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { addSeats: [{ seatId: seats.C1![0] }] });
    expect(seatsOnGa.status).toBe(400);
    expect(seatsOnGa.body.error.code).toBe('quantities_required');
    const tooMany = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { quantities: [{ tariffId: plein, quantity: 10 }] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('too_many_tickets');
    expect(await remaining()).toBe(299);
  });

  it('moves general-admission tickets between tariffs when the performance is full', async () => {
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 5 })).status).toBe(200);
    const plein = concertTariff('Plein tarif');
    const etudiant = concertTariff('Étudiant');
    const hold = await holdQuantities([{ tariffId: plein, quantity: 5 }]);
    expect(await remaining()).toBe(0);
    const moved = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { quantities: [{ tariffId: etudiant, quantity: 3 }, { tariffId: plein, quantity: 2 }] });
    expect(moved.status).toBe(200);
    expect(moved.body.quantities).toEqual([
      { tariffId: plein, quantity: 2, price: 3500 },
      { tariffId: etudiant, quantity: 3, price: 2500 },
    ]);
    expect(await remaining()).toBe(0);
    const over = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { quantities: [{ tariffId: etudiant, quantity: 4 }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('capacity_exceeded');
    expect((await shop.call('GET', sf(`/holds/${hold.body.id}`))).body.ticketCount).toBe(5);
  });

  it('extends a hold while the buyer pays, never past its cap', async () => {
    const start = shop.clock.now();
    const hold = await holdSeats([seats.C3![0]!]);
    const cap = new Date(start + 30 * MINUTE).toISOString();
    expect(hold.body.maxExpiresAt).toBe(cap);
    shop.clock.advance(9 * MINUTE);
    const first = await shop.call('POST', sf(`/holds/${hold.body.id}/extend`));
    expect(first.status).toBe(200);
    expect(first.body.expiresAt).toBe(new Date(start + 19 * MINUTE).toISOString());
    shop.clock.advance(9 * MINUTE);
    expect((await shop.call('POST', sf(`/holds/${hold.body.id}/extend`))).body.expiresAt).toBe(new Date(start + 28 * MINUTE).toISOString());
    shop.clock.advance(9 * MINUTE);
    const capped = await shop.call('POST', sf(`/holds/${hold.body.id}/extend`));
    expect(capped.body.expiresAt).toBe(cap);
    expect(capped.body.secondsLeft).toBe(3 * 60);
    // The seat stays held until the cap, then lapses whatever the buyer does.
    shop.clock.advance(3 * MINUTE - 1);
    expect(await heldSeats()).toEqual([seats.C3![0]]);
    shop.clock.advance(1);
    expect(await heldSeats()).toEqual([]);
    const late = await shop.call('POST', sf(`/holds/${hold.body.id}/extend`));
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('hold_expired');
  });

  it('releases seats and general-admission tickets, after which the hold cannot change', async () => {
    const seated = await holdSeats(seats.C2!.slice(0, 3));
    const ga = await holdQuantities([{ tariffId: concertTariff('Plein tarif'), quantity: 4 }]);
    expect(await remaining()).toBe(296);

    const released = await shop.call('DELETE', sf(`/holds/${seated.body.id}`));
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ id: seated.body.id, status: 'released' });
    expect(await heldSeats()).toEqual([]);
    expect((await shop.call('DELETE', sf(`/holds/${ga.body.id}`))).body.status).toBe('released');
    expect(await remaining()).toBe(300);

    const change = await shop.call('PATCH', sf(`/holds/${seated.body.id}`), { removeSeats: [seats.C2![0]] });
    expect(change.status).toBe(410);
    expect(change.body.error.code).toBe('hold_released');
    const extend = await shop.call('POST', sf(`/holds/${ga.body.id}/extend`));
    expect(extend.status).toBe(410);
    expect(extend.body.error.code).toBe('hold_released');
    // Releasing twice is harmless and changes nothing.
    expect((await shop.call('DELETE', sf(`/holds/${ga.body.id}`))).body.status).toBe('released');
    expect(await remaining()).toBe(300);
    expect((await shop.call('GET', sf(`/holds/${seated.body.id}`))).body).toMatchObject({ status: 'released', seats: [] });
  });

  it('refuses to change a hold that has lapsed', async () => {
    const hold = await holdSeats([seats.C1![0]!]);
    shop.clock.advance(10 * MINUTE);
    const change = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { addSeats: [{ seatId: seats.C1![1] }] });
    expect(change.status).toBe(410);
    expect(change.body.error.code).toBe('hold_expired');
    expect(await heldSeats()).toEqual([]);
  });

  it('answers 404 for an unknown hold and 400 for a malformed hold id', async () => {
    const unknown = await shop.call('GET', sf('/holds/hld_aaaaaaaaaaaaaaaaaaaaaaaaaa'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('hold_not_found');
    const malformed = await shop.call('GET', sf('/holds/not-a-hold'));
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_request');
  });
});

describe('sales window', () => {
  it('refuses holds once sales have ended', async () => {
    const hold = await holdSeats([seats.C1![0]!]);
    const end = await shop.org('PATCH', `/api/org/performances/${theatre}`, { salesEndAt: shop.clock.now() - 1 });
    expect(end.status).toBe(200);
    const res = await holdSeats([seats.C1![1]!]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('sales_ended');
    const change = await shop.call('PATCH', sf(`/holds/${hold.body.id}`), { addSeats: [{ seatId: seats.C1![1] }] });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe('sales_ended');
    expect((await performanceInfo(shop, theatre)) as any).toMatchObject({ onSale: false, salesClosedReason: 'sales_ended' });
  });

  it('refuses holds before sales start', async () => {
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { salesStartAt: shop.clock.now() + 60 * MINUTE })).status).toBe(200);
    const res = await holdQuantities([{ tariffId: concertTariff('Plein tarif'), quantity: 1 }]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('sales_not_started');
    shop.clock.advance(60 * MINUTE);
    expect((await holdQuantities([{ tariffId: concertTariff('Plein tarif'), quantity: 1 }])).status).toBe(201);
  });

  it('refuses holds for a cancelled performance', async () => {
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { status: 'cancelled' })).status).toBe(200);
    const res = await holdQuantities([{ tariffId: concertTariff('Plein tarif'), quantity: 1 }]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('performance_cancelled');
    expect(await remaining()).toBe(300);
  });
});
