import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, call, expectOk, GOOD_CARD, SHOP, seatedPerformance, seedDemoShop } from './helpers';

describe('door check-in in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let tickets: { number: string; qrPayload: string }[];
  let performanceId: string;
  beforeAll(async () => {
    demo = await seedDemoShop();
    const theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    performanceId = theatre.performanceId;
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId, seats: theatre.seatIds.slice(0, 3).map((seatId) => ({ seatId })) }), 201);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    tickets = order.body.tickets;
  });

  it('admits a ticket once and refuses it the second time', async () => {
    const first = await demo.org('POST', '/api/org/checkins', { code: tickets[0]!.qrPayload, performanceId });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ result: 'admitted', ticket: { number: tickets[0]!.number, performanceId } });
    const second = await demo.org('POST', '/api/org/checkins', { code: tickets[0]!.qrPayload, performanceId });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ticket_already_admitted');
    expect(Date.parse(second.body.error.details.admittedAt)).not.toBeNaN();
  });

  it('admits exactly once when two scanners read the same ticket together', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(() => demo.org('POST', '/api/org/checkins', { code: tickets[1]!.qrPayload })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  });

  it('refuses forged, foreign, unreadable and wrong-performance codes', async () => {
    const payload = tickets[2]!.qrPayload;
    const sig = payload.slice(payload.lastIndexOf('.') + 1);
    const forgedSig = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const forged = await demo.org('POST', '/api/org/checkins', { code: payload.slice(0, payload.lastIndexOf('.') + 1) + forgedSig });
    expect(forged.status).toBe(422);
    expect(forged.body.error.code).toBe('ticket_forged');

    const foreign = await demo.org('POST', '/api/org/checkins', { code: payload.replace('shp_demo', 'shp_other') });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('ticket_other_shop');

    const unreadable = await demo.org('POST', '/api/org/checkins', { code: 'hello' });
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.error.code).toBe('ticket_unreadable');

    const wrong = await demo.org('POST', '/api/org/checkins', { code: payload, performanceId: demo.theatrePerformanceIds[1] });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('ticket_wrong_performance');
    // None of these admitted the ticket.
    expect((await demo.org('POST', '/api/org/checkins', { code: payload })).status).toBe(200);
  });

  it('needs an organizer token', async () => {
    const res = await call('POST', '/api/org/checkins', { code: tickets[0]!.qrPayload });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toMatch(/token|auth/);
  });
});
