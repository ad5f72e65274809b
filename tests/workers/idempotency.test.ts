import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, call, expectOk, GOOD_CARD, heldSeats, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';

describe('Idempotency-Key replay in workerd over D1', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatre: SeatedPerformance;
  beforeAll(async () => {
    demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
  });

  it('replays the first response of POST /holds instead of holding twice', async () => {
    const body = { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[0]! }, { seatId: theatre.seatIds[1]! }] };
    const headers = { 'Idempotency-Key': 'hold-attempt-1' };
    const first = expectOk(await call('POST', `${SHOP}/holds`, body, headers), 201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const replay = await call('POST', `${SHOP}/holds`, body, headers);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await heldSeats(theatre.performanceId)).toEqual(theatre.seatIds.slice(0, 2));

    const reused = await call('POST', `${SHOP}/holds`, { ...body, seats: [{ seatId: theatre.seatIds[2]! }] }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('stores and replays a lost race, and gives twins sent at once the one hold', async () => {
    const seat = { seatId: theatre.seatIds[3]! };
    expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [seat] }), 201);
    const lost = await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [seat] }, { 'Idempotency-Key': 'lost-1' });
    expect(lost.status).toBe(409);
    const again = await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [seat] }, { 'Idempotency-Key': 'lost-1' });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(lost.body);

    const twins = { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[4]! }] };
    const answers = await Promise.all([1, 2, 3].map(() => call('POST', `${SHOP}/holds`, twins, { 'Idempotency-Key': 'twins-1' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('replays a checkout: one order, one charge', async () => {
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[5]! }] }), 201);
    const body = { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } };
    const headers = { 'Idempotency-Key': 'checkout-7f3a' };
    const first = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, body, headers), 201);
    const replay = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, body, headers);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body.number).toBe(first.body.number);
    const orders = expectOk(await demo.org('GET', `/api/org/orders?performanceId=${theatre.performanceId}`), 200);
    expect(orders.body.orders).toHaveLength(1);
  });

  it('scopes keys by path: the same key on another hold runs anew', async () => {
    const a = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[8]! }] }), 201);
    const b = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[9]! }] }), 201);
    const headers = { 'Idempotency-Key': 'extend-1' };
    const ea = expectOk(await call('POST', `${SHOP}/holds/${a.body.id}/extend`, undefined, headers), 200);
    const eb = expectOk(await call('POST', `${SHOP}/holds/${b.body.id}/extend`, undefined, headers), 200);
    expect(ea.body.id).toBe(a.body.id);
    expect(eb.body.id).toBe(b.body.id);
    expect(eb.headers.get('Idempotent-Replayed')).toBeNull();
  });
});
