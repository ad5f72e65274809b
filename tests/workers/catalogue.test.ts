import { beforeAll, describe, expect, it } from 'vitest';
import { call, SHOP, seedDemoShop } from './helpers';

describe('catalogue reads in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  beforeAll(async () => {
    demo = await seedDemoShop();
  });

  it('describes the demo shop and its payment methods', async () => {
    const res = await call('GET', SHOP);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'shp_demo', currency: 'CHF', testMode: true, maxTicketsPerOrder: 10 });
    // Stripe first: these tests bind the platform's test keys (vitest.config.ts), and the demo shop is in test mode.
    expect(res.body.paymentMethods).toEqual(['free', 'stripe', 'simulated_card', 'invoice']);
  });

  it('lists the published events with their upcoming performances', async () => {
    const res = await call('GET', `${SHOP}/events`);
    expect(res.status).toBe(200);
    const byId = new Map((res.body.events as { id: string; title: string; performances: { id: string }[] }[]).map((e) => [e.id, e]));
    expect(byId.get(demo.theatreEventId)?.title).toBe('Le Malade imaginaire');
    expect(byId.get(demo.theatreEventId)?.performances.map((p) => p.id).sort()).toEqual([...demo.theatrePerformanceIds].sort());
    expect(byId.get(demo.concertEventId)?.performances.map((p) => p.id).sort()).toEqual([...demo.concertPerformanceIds].sort());

    const one = await call('GET', `${SHOP}/events/${demo.concertEventId}`);
    expect(one.status).toBe(200);
    expect(one.body.title).toBe('Nuit du Jazz');
    expect(one.body.performances.every((p: { seating: string; onSale: boolean }) => p.seating === 'general_admission' && p.onSale)).toBe(true);
  });

  it('gives a seated performance its zones and zone tariffs, a GA one tariffs without zone', async () => {
    const seated = await call('GET', `${SHOP}/performances/${demo.theatrePerformanceIds[0]}`);
    expect(seated.status).toBe(200);
    expect(seated.body.seating).toBe('seated');
    expect(seated.body.zones.map((z: { code: string }) => z.code)).toEqual(['C1', 'C2', 'C3']);
    expect(seated.body.tariffs).toHaveLength(9);
    const zoneIds = new Set(seated.body.zones.map((z: { id: string }) => z.id));
    expect(seated.body.tariffs.every((t: { zoneId: string }) => zoneIds.has(t.zoneId))).toBe(true);

    const ga = await call('GET', `${SHOP}/performances/${demo.concertPerformanceIds[0]}`);
    expect(ga.status).toBe(200);
    expect(ga.body).toMatchObject({ seating: 'general_admission', capacity: 300, planId: null });
    expect(ga.body.tariffs.map((t: { price: number; zoneId: null }) => [t.price, t.zoneId])).toEqual([
      [3500, null],
      [2500, null],
      [0, null],
    ]);
  });

  it('serves plan geometry in columns with an ETag, and 304 when it has not changed', async () => {
    const perf = await call('GET', `${SHOP}/performances/${demo.theatrePerformanceIds[0]}`);
    const res = await call('GET', `${SHOP}/plans/${perf.body.planId}`);
    expect(res.status).toBe(200);
    expect(res.body.plan.seatCount).toBe(1088);
    for (const column of ['id', 'section', 'zone', 'row', 'number', 'x', 'y', 'flags']) expect(res.body.seats[column]).toHaveLength(1088);
    const ids = res.body.seats.id as number[];
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
    const etag = res.headers.get('ETag');
    expect(etag).toMatch(/^".+"$/);

    const again = await call('GET', `${SHOP}/plans/${perf.body.planId}`, undefined, { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    const stale = await call('GET', `${SHOP}/plans/${perf.body.planId}`, undefined, { 'If-None-Match': '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('reports availability with a version that moves when seats are held', async () => {
    const performanceId = demo.theatrePerformanceIds[1]!;
    const first = await call('GET', `${SHOP}/performances/${performanceId}/availability`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ seating: 'seated', held: '', sold: '', blocked: '' });
    const etag = first.headers.get('ETag')!;
    expect(etag).toBe(`"${first.body.version}"`);
    expect((await call('GET', `${SHOP}/performances/${performanceId}/availability`, undefined, { 'If-None-Match': etag })).status).toBe(304);
    expect((await call('GET', `${SHOP}/performances/${performanceId}/availability?since=${first.body.version}`)).status).toBe(304);

    const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: 101 }, { seatId: 102 }, { seatId: 103 }] });
    expect(hold.status).toBe(201);
    const after = await call('GET', `${SHOP}/performances/${performanceId}/availability`, undefined, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.body.version).not.toBe(first.body.version);
    expect(after.body.held).toBe('101-103');
  });

  it('reports general-admission capacity and what remains', async () => {
    const res = await call('GET', `${SHOP}/performances/${demo.concertPerformanceIds[1]}/availability`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ seating: 'general_admission', capacity: 300, remaining: 300 });
  });

  it('publishes the ticket-signing public key', async () => {
    const res = await call('GET', `${SHOP}/public-key`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shopId: 'shp_demo', algorithm: 'Ed25519' });
    expect(res.body.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
