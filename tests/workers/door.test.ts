import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, call, expectOk, GOOD_CARD, SHOP, seatedPerformance, seedDemoShop } from './helpers';

/**
 * The door inside workerd, on D1 and on libSQL: the triggers of the door_version migration move
 * a ticket into the scanners' next delta whatever service changed it, and the sync verifies
 * signatures with workerd's Web Crypto.
 */
describe('door list and offline sync in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let tickets: { number: string; qrPayload: string }[];
  let orderNumber: string;
  let performanceId: string;
  beforeAll(async () => {
    demo = await seedDemoShop();
    const theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    performanceId = theatre.performanceId;
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId, seats: theatre.seatIds.slice(0, 4).map((seatId) => ({ seatId })) }), 201);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    tickets = order.body.tickets;
    orderNumber = order.body.number;
  });

  const list = (since?: number) => demo.org('GET', `/api/org/performances/${performanceId}/door-list${since === undefined ? '' : `?since=${since}`}`);

  it('lists every ticket, then only those an admission, a cancellation and a sale changed', async () => {
    const full = expectOk(await list(), 200);
    expect(full.body.full).toBe(true);
    expect(full.body.tickets.map((t: { number: string }) => t.number).sort()).toEqual(tickets.map((t) => t.number).sort());
    const v0 = full.body.version as number;
    expect(v0).toBeGreaterThan(0);
    expect(expectOk(await list(v0), 200).body.tickets).toEqual([]);

    expectOk(await demo.org('POST', '/api/org/checkins', { code: tickets[0]!.qrPayload, deviceId: 'workerd-gate-1', door: 'A' }), 200);
    expectOk(await demo.org('POST', `/api/org/orders/${orderNumber}/cancellations`, { scope: 'tickets', ticketNumbers: [tickets[1]!.number], reason: 'door', refundMethod: 'none' }), 201);
    const delta = expectOk(await list(v0), 200);
    expect(delta.body.full).toBe(false);
    expect(delta.body.version).toBeGreaterThan(v0);
    const changed = new Map((delta.body.tickets as { number: string; status: string; admittedAt: string | null }[]).map((t) => [t.number, t]));
    expect([...changed.keys()].sort()).toEqual([tickets[0]!.number, tickets[1]!.number].sort());
    expect(changed.get(tickets[0]!.number)!.admittedAt).not.toBeNull();
    expect(changed.get(tickets[1]!.number)!.status).toBe('cancelled');
    expect(expectOk(await list(delta.body.version), 200).body.tickets).toEqual([]);
  });

  it('syncs offline admissions once, keeps the earliest and lists the later one as a duplicate', async () => {
    const scannedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const later = new Date(Date.now() - 5 * 60_000).toISOString();
    const body = { deviceId: 'workerd-offline-1', door: 'B', admissions: [{ code: tickets[2]!.qrPayload, scannedAt }, { ticketNumber: tickets[2]!.number, scannedAt: later }] };
    const first = expectOk(await demo.org('POST', '/api/org/checkins/sync', body), 200);
    expect(first.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['admitted', 'duplicate']);
    expect(first.body.results.map((r: { ticketNumber: string }) => r.ticketNumber)).toEqual([tickets[2]!.number, tickets[2]!.number]);
    const again = expectOk(await demo.org('POST', '/api/org/checkins/sync', body), 200);
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['already_synced', 'already_synced']);
    const dups = expectOk(await demo.org('GET', `/api/org/performances/${performanceId}/door-duplicates`), 200);
    expect(dups.body.duplicates).toHaveLength(1);
    expect(dups.body.duplicates[0]).toMatchObject({ ticketNumber: tickets[2]!.number, first: { scannedAt, mode: 'offline' }, duplicate: { scannedAt: later } });
    const online = await demo.org('POST', '/api/org/checkins', { code: tickets[2]!.qrPayload });
    expect(online.status).toBe(409);
    expect(online.body.error.details).toMatchObject({ admittedAt: scannedAt, deviceId: 'workerd-offline-1', door: 'B' });
  });

  it('needs an organizer token', async () => {
    expect((await call('GET', `/api/org/performances/${performanceId}/door-list`)).status).toBe(401);
  });
});
