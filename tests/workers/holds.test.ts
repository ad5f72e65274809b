import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectOk, heldSeats, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';

describe('holds in workerd over D1', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatre: SeatedPerformance;
  beforeAll(async () => {
    demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
  });

  it('holds seats at the zone’s first tariff, priced, for ten minutes', async () => {
    const [a, b] = theatre.seatIds.slice(0, 2) as [number, number];
    const res = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: a }, { seatId: b }] }), 201);
    expect(res.body.id).toMatch(/^hld_[a-z0-9]{20,40}$/);
    expect(res.body.status).toBe('active');
    expect(res.body.seats.map((s: { seatId: number }) => s.seatId)).toEqual([a, b]);
    const firstTariff = theatre.tariffs.find((t) => t.zoneId === theatre.zoneOf.get(a))!;
    expect(res.body.seats[0].tariffId).toBe(firstTariff.id);
    expect(res.body.total).toBe(res.body.seats.reduce((sum: number, s: { price: number }) => sum + s.price, 0) + res.body.fees);
    // The demo shop holds for 10 minutes, extensible up to 30 minutes after creation.
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(res.body.maxExpiresAt) - Date.parse(res.body.expiresAt)).toBe(20 * 60_000);

    const read = expectOk(await call('GET', `${SHOP}/holds/${res.body.id}`), 200);
    expect(read.body.seats).toEqual(res.body.seats);
    expect(await heldSeats(theatre.performanceId)).toEqual([a, b]);
  });

  it('changes a hold: adds and removes seats and changes a tariff in one request', async () => {
    const [a, b, c] = theatre.seatIds.slice(10, 13) as [number, number, number];
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: a }, { seatId: b }] }), 201);
    const reduced = theatre.tariffs.filter((t) => t.zoneId === theatre.zoneOf.get(a))[1]!;
    const changed = expectOk(
      await call('PATCH', `${SHOP}/holds/${hold.body.id}`, { addSeats: [{ seatId: c }], removeSeats: [b], seatTariffs: [{ seatId: a, tariffId: reduced.id }] }),
      200,
    );
    expect(changed.body.seats.map((s: { seatId: number; tariffId: string }) => [s.seatId, s.tariffId])).toEqual([
      [a, reduced.id],
      [c, expect.any(String)],
    ]);
    expect(changed.body.seats[0].price).toBe(reduced.price);
    const held = await heldSeats(theatre.performanceId);
    expect(held).toContain(a);
    expect(held).toContain(c);
    expect(held).not.toContain(b);
  });

  it('extends a hold, never past its cap', async () => {
    const seat = theatre.seatIds[20]!;
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: seat }] }), 201);
    const extended = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/extend`), 200);
    expect(Date.parse(extended.body.expiresAt)).toBeGreaterThanOrEqual(Date.parse(hold.body.expiresAt));
    expect(Date.parse(extended.body.expiresAt)).toBeLessThanOrEqual(Date.parse(hold.body.maxExpiresAt));
    expect(extended.body.maxExpiresAt).toBe(hold.body.maxExpiresAt);
  });

  it('releases a hold: its seats are free again and it can no longer change', async () => {
    const seats = theatre.seatIds.slice(30, 33);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) }), 201);
    const released = expectOk(await call('DELETE', `${SHOP}/holds/${hold.body.id}`), 200);
    expect(released.body).toEqual({ id: hold.body.id, status: 'released' });
    const held = await heldSeats(theatre.performanceId);
    for (const seat of seats) expect(held).not.toContain(seat);

    const change = await call('PATCH', `${SHOP}/holds/${hold.body.id}`, { removeSeats: [seats[0]] });
    expect(change.status).toBe(410);
    expect(change.body.error.code).toBe('hold_released');
    const retaken = await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) });
    expect(retaken.status).toBe(201);
  });

  it('holds and changes general-admission quantities', async () => {
    const performanceId = demo.concertPerformanceIds[0]!;
    const perf = expectOk(await call('GET', `${SHOP}/performances/${performanceId}`), 200);
    const [full, student] = perf.body.tariffs as { id: string; price: number }[];
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId: full!.id, quantity: 2 }] }), 201);
    expect(hold.body.quantities).toEqual([{ tariffId: full!.id, quantity: 2, price: full!.price }]);
    const changed = expectOk(
      await call('PATCH', `${SHOP}/holds/${hold.body.id}`, {
        quantities: [
          { tariffId: full!.id, quantity: 0 },
          { tariffId: student!.id, quantity: 3 },
        ],
      }),
      200,
    );
    expect(changed.body.quantities).toEqual([{ tariffId: student!.id, quantity: 3, price: student!.price }]);
    const availability = expectOk(await call('GET', `${SHOP}/performances/${performanceId}/availability`), 200);
    expect(availability.body.remaining).toBe(297);
  });

  it('refuses more tickets than a shop allows in one order', async () => {
    const seats = theatre.seatIds.slice(40, 51).map((seatId) => ({ seatId }));
    const res = await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'too_many_tickets', details: { max: 10 } });
  });

  it('answers 409 seats_taken for a seat someone else holds', async () => {
    const seat = theatre.seatIds[60]!;
    expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: seat }] }), 201);
    const res = await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: seat }, { seatId: theatre.seatIds[61]! }] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'seats_taken', details: { seatIds: [seat] } });
    expect(await heldSeats(theatre.performanceId)).not.toContain(theatre.seatIds[61]);
  });
});
