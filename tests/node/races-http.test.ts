import { createClient, type Client } from '@libsql/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { httpJson, type HttpResult, runBounded, type RunningServer, seededRandom, startServer } from './http-server.js';

/**
 * Races over real HTTP against the production Node build: many buyers at once for the same
 * few seats, double-clicked checkouts, and a general-admission rush past capacity. Request
 * counts are fixed and every request has a timeout; nothing here asserts on timing.
 */

const SHOP = '/api/shops/shp_demo';
const IN_FLIGHT = 64;
const GOOD_CARD = '4242424242424242';
const buyer = (i: number) => ({ name: `Buyer ${i}`, email: `buyer${i}@example.ch`, language: 'fr' as const });

interface Accepted {
  holdId: string;
  seatIds: number[];
}

describe('concurrent buyers over real HTTP (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  let theatrePerformanceId: string;
  let concertPerformanceId: string;
  let accepted: Accepted[] = [];

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const org = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${server.demo.token}` });
  const rows = async (sql: string, args: (string | number)[] = []) => (await audit.execute({ sql, args })).rows;
  const scalar = async (sql: string, args: (string | number)[] = []) => Number(Object.values((await rows(sql, args))[0]!)[0]);
  /** No 5xx ever: on one, show the server's log, which names the failing route. */
  const expectNoServerError = (results: HttpResult[]) => {
    const failures = results.filter((r) => r.status >= 500);
    expect(failures.map((f) => ({ status: f.status, body: f.body })), server.output()).toEqual([]);
  };

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    const listing = await call('GET', `${SHOP}/events`);
    expect(listing.status).toBe(200);
    const performancesOf = (title: string) => (listing.body.events as any[]).find((e) => e.title === title).performances as any[];
    theatrePerformanceId = performancesOf('Le Malade imaginaire').find((p) => p.seating === 'seated' && p.onSale).id;
    concertPerformanceId = performancesOf('Nuit du Jazz').find((p) => p.seating === 'general_admission' && p.onSale).id;
  });

  // The ledger's invariants after every race (tests/shared/ledger-audit.ts).
  afterEach(async () => {
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
  });

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('400 buyers racing for 60 seats: every seat held once, every refusal a real conflict', async () => {
    const performance = await call('GET', `${SHOP}/performances/${theatrePerformanceId}`);
    const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
    expect(plan.status).toBe(200);
    // The hot area: the first 60 seats for sale, with the tariffs of their zone.
    const hot: { seatId: number; tariffIds: string[] }[] = [];
    for (let i = 0; i < plan.body.seats.id.length && hot.length < 60; i++) {
      if ((plan.body.seats.flags[i] & 8) !== 0) continue;
      const zoneId = plan.body.zones[plan.body.seats.zone[i]].id;
      hot.push({ seatId: plan.body.seats.id[i], tariffIds: (performance.body.tariffs as any[]).filter((t) => t.zoneId === zoneId).map((t) => t.id) });
    }
    expect(hot).toHaveLength(60);

    const random = seededRandom(20_240_601);
    const wishes = Array.from({ length: 400 }, () => {
      const count = 1 + Math.floor(random() * 4);
      const picked = new Set<number>();
      while (picked.size < count) picked.add(Math.floor(random() * hot.length));
      return [...picked].map((index) => {
        const seat = hot[index]!;
        const tariffId = random() < 0.5 ? undefined : seat.tariffIds[Math.floor(random() * seat.tariffIds.length)];
        return { seatId: seat.seatId, ...(tariffId ? { tariffId } : {}) };
      });
    });

    const started = Date.now();
    const results = await runBounded(
      wishes.map((seats) => () => call('POST', `${SHOP}/holds`, { performanceId: theatrePerformanceId, seats })),
      IN_FLIGHT,
    );
    const elapsedMs = Date.now() - started;

    expectNoServerError(results);
    const statuses = new Set(results.map((r) => `${r.status} ${r.status === 201 ? '' : r.body?.error?.code}`.trim()));
    expect([...statuses].filter((s) => s !== '201' && s !== '409 seats_taken')).toEqual([]);

    accepted = [];
    const refused: { wanted: number[]; reported: number[] }[] = [];
    results.forEach((res, i) => {
      const wanted = wishes[i]!.map((s) => s.seatId);
      if (res.status === 201) {
        expect(res.body.id).toMatch(/^hld_/);
        expect((res.body.seats as any[]).map((s) => s.seatId).sort((a, b) => a - b)).toEqual([...wanted].sort((a, b) => a - b));
        accepted.push({ holdId: res.body.id, seatIds: wanted });
      } else {
        refused.push({ wanted, reported: res.body.error.details.seatIds });
      }
    });
    expect(accepted.length).toBeGreaterThan(0);
    console.log(
      `[races-http] holds: ${accepted.length} accepted, ${refused.length} refused (409) of ${results.length} in ${elapsedMs} ms: ` +
        `${((accepted.length / elapsedMs) * 1000).toFixed(1)} accepted holds/s, ${((results.length / elapsedMs) * 1000).toFixed(1)} hold requests/s (${IN_FLIGHT} in flight)`,
    );

    // No seat in two accepted holds, and the accepted holds are exactly the held claims.
    const heldByHold = new Map<number, string>();
    for (const hold of accepted) {
      for (const seatId of hold.seatIds) {
        expect(heldByHold.get(seatId), `seat ${seatId} accepted twice`).toBeUndefined();
        heldByHold.set(seatId, hold.holdId);
      }
    }
    const claims = await rows(`SELECT seat_id, hold_id, state FROM seat_claims WHERE performance_id = ? ORDER BY seat_id`, [theatrePerformanceId]);
    expect(claims.length).toBe(accepted.reduce((n, h) => n + h.seatIds.length, 0));
    expect(claims.map((c) => [Number(c.seat_id), c.hold_id, c.state])).toEqual(
      [...heldByHold.entries()].sort(([a], [b]) => a - b).map(([seatId, holdId]) => [seatId, holdId, 'held']),
    );
    expect(await scalar(`SELECT count(*) FROM holds WHERE performance_id = ? AND status = 'active'`, [theatrePerformanceId])).toBe(accepted.length);

    // Every refusal names seats that some accepted hold really has, among the ones asked for.
    for (const { wanted, reported } of refused) {
      expect(reported.length).toBeGreaterThan(0);
      for (const seatId of reported) {
        expect(wanted).toContain(seatId);
        expect(heldByHold.has(seatId), `seat ${seatId} reported taken but nobody holds it`).toBe(true);
      }
    }
  });

  it('400 buyers for 800 distinct seats at once: every hold accepted, every seat claimed once', async () => {
    const otherPerformance = (await call('GET', `${SHOP}/events`)).body.events
      .find((e: any) => e.title === 'Le Malade imaginaire')
      .performances.find((p: any) => p.onSale && p.id !== theatrePerformanceId);
    const performance = await call('GET', `${SHOP}/performances/${otherPerformance.id}`);
    const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
    const forSale = (plan.body.seats.id as number[]).filter((_, i) => (plan.body.seats.flags[i] & 8) === 0);
    // Buyer i takes 1–3 seats of its own slice: no two buyers want the same seat.
    const random = seededRandom(4242);
    let next = 0;
    const wishes = Array.from({ length: 400 }, () => {
      const count = 1 + Math.floor(random() * 3);
      const seats = forSale.slice(next, next + count).map((seatId) => ({ seatId }));
      next += count;
      return seats;
    }).filter((seats) => seats.length > 0);
    expect(wishes.length).toBe(400);

    const started = Date.now();
    const results = await runBounded(
      wishes.map((seats) => () => call('POST', `${SHOP}/holds`, { performanceId: otherPerformance.id, seats })),
      IN_FLIGHT,
    );
    const elapsedMs = Date.now() - started;
    expectNoServerError(results);
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.body?.error])).toEqual([]);
    console.log(`[races-http] uncontended holds: ${results.length} accepted in ${elapsedMs} ms: ${((results.length / elapsedMs) * 1000).toFixed(1)} accepted holds/s (${IN_FLIGHT} in flight)`);
    const claimed = await scalar(`SELECT count(*) FROM seat_claims WHERE performance_id = ? AND state = 'held'`, [otherPerformance.id]);
    expect(claimed).toBe(wishes.reduce((n, w) => n + w.length, 0));
    expect(await scalar(`SELECT count(DISTINCT hold_id) FROM seat_claims WHERE performance_id = ?`, [otherPerformance.id])).toBe(400);
  });

  it('double-clicked checkouts of the winning holds: one order each, no seat with two valid tickets', async () => {
    expect(accepted.length).toBeGreaterThan(0);
    const toPay = accepted.filter((_, i) => i % 2 === 0);
    const payment = { method: 'simulated_card', cardNumber: GOOD_CARD };
    // Each buyer submits the payment form twice at once; the other half release their holds meanwhile.
    const tasks = [
      ...toPay.flatMap((hold, i) => [0, 1].map(() => () => call('POST', `${SHOP}/holds/${hold.holdId}/checkout`, { buyer: buyer(i), payment }))),
      ...accepted.filter((_, i) => i % 2 === 1).map((hold) => () => call('DELETE', `${SHOP}/holds/${hold.holdId}`)),
    ];
    const results = await runBounded(tasks, IN_FLIGHT);
    expectNoServerError(results);

    const orderNumbers = new Set<string>();
    for (let i = 0; i < toPay.length; i++) {
      const pair = [results[2 * i]!, results[2 * i + 1]!];
      const wins = pair.filter((r) => r.status === 201);
      expect(wins, JSON.stringify(pair.map((r) => [r.status, r.body?.error]))).toHaveLength(1);
      const loser = pair.find((r) => r.status !== 201)!;
      expect([loser.status, loser.body.error.code]).toEqual([409, 'hold_converted']);
      const order = wins[0]!.body;
      expect(order.status).toBe('paid');
      expect((order.tickets as any[]).map((t) => t.seatId).sort((a, b) => a - b)).toEqual([...toPay[i]!.seatIds].sort((a, b) => a - b));
      orderNumbers.add(order.number);
    }
    expect(orderNumbers.size).toBe(toPay.length);
    for (const release of results.slice(2 * toPay.length)) expect([release.status, release.body.status]).toEqual([200, 'released']);

    const doubles = await rows(
      `SELECT seat_id, count(*) AS n FROM tickets WHERE performance_id = ? AND status = 'valid' GROUP BY seat_id HAVING count(*) > 1`,
      [theatrePerformanceId],
    );
    expect(doubles).toEqual([]);
    const paidSeats = toPay.flatMap((h) => h.seatIds).sort((a, b) => a - b);
    const ticketSeats = (await rows(`SELECT seat_id FROM tickets WHERE performance_id = ? ORDER BY seat_id`, [theatrePerformanceId])).map((r) => Number(r.seat_id));
    expect(ticketSeats).toEqual(paidSeats);
    const soldSeats = (await rows(`SELECT seat_id FROM seat_claims WHERE performance_id = ? AND state = 'sold' ORDER BY seat_id`, [theatrePerformanceId])).map((r) =>
      Number(r.seat_id),
    );
    expect(soldSeats).toEqual(paidSeats);
    expect(await scalar(`SELECT count(*) FROM seat_claims WHERE performance_id = ? AND state = 'held'`, [theatrePerformanceId])).toBe(0);
    expect(await scalar(`SELECT count(*) FROM orders WHERE performance_id = ?`, [theatrePerformanceId])).toBe(toPay.length);
    expect(await scalar(`SELECT count(*) FROM payments WHERE status = 'captured' AND order_id IN (SELECT id FROM orders WHERE performance_id = ?)`, [theatrePerformanceId])).toBe(
      toPay.length,
    );
  });

  it('general admission: 200 buyers for 50 places never oversell and fill the hall exactly', async () => {
    const lowered = await org('PATCH', `/api/org/performances/${concertPerformanceId}`, { capacity: 50 });
    expect([lowered.status, lowered.body.capacity]).toEqual([200, 50]);
    const performance = await call('GET', `${SHOP}/performances/${concertPerformanceId}`);
    const tariffIds = (performance.body.tariffs as any[]).map((t) => t.id as string);
    expect(tariffIds.length).toBeGreaterThanOrEqual(2);

    const random = seededRandom(77);
    const wishes = Array.from({ length: 200 }, () => {
      const quantity = 1 + Math.floor(random() * 3);
      return [{ tariffId: tariffIds[Math.floor(random() * tariffIds.length)]!, quantity }];
    });
    const results = await runBounded(
      wishes.map((quantities) => () => call('POST', `${SHOP}/holds`, { performanceId: concertPerformanceId, quantities })),
      IN_FLIGHT,
    );
    expectNoServerError(results);
    const statuses = new Set(results.map((r) => `${r.status} ${r.status === 201 ? '' : r.body?.error?.code}`.trim()));
    expect([...statuses].filter((s) => s !== '201' && s !== '409 capacity_exceeded')).toEqual([]);

    const units = (i: number) => wishes[i]!.reduce((n, q) => n + q.quantity, 0);
    let acceptedUnits = 0;
    const refusedUnits: number[] = [];
    results.forEach((res, i) => {
      if (res.status === 201) {
        expect((res.body.quantities as any[]).reduce((n, q) => n + q.quantity, 0)).toBe(units(i));
        acceptedUnits += units(i);
      } else refusedUnits.push(units(i));
    });
    expect(acceptedUnits).toBeLessThanOrEqual(50);
    expect(await scalar(`SELECT taken FROM ga_inventory WHERE performance_id = ?`, [concertPerformanceId])).toBe(acceptedUnits);
    expect(await scalar(`SELECT coalesce(sum(quantity), 0) FROM ga_claims WHERE performance_id = ? AND state = 'held'`, [concertPerformanceId])).toBe(acceptedUnits);
    // The hall only fills up, so a buyer refused was refused for asking more than what is left even now.
    for (const asked of refusedUnits) expect(asked).toBeGreaterThan(50 - acceptedUnits);

    // Demand exceeds supply: single tickets take whatever is left, then the hall is exactly full.
    let extra = 0;
    for (let i = 0; i < 3; i++) {
      const single = await call('POST', `${SHOP}/holds`, { performanceId: concertPerformanceId, quantities: [{ tariffId: tariffIds[0]!, quantity: 1 }] });
      if (single.status === 201) extra += 1;
      else expect([single.status, single.body.error.code]).toEqual([409, 'capacity_exceeded']);
    }
    expect(acceptedUnits + extra).toBe(Math.min(50, acceptedUnits + 3));
    if (refusedUnits.includes(1)) expect(acceptedUnits).toBe(50);
    const availability = await call('GET', `${SHOP}/performances/${concertPerformanceId}/availability`);
    expect(availability.body).toMatchObject({ capacity: 50, remaining: 50 - acceptedUnits - extra });
    expect(await scalar(`SELECT taken FROM ga_inventory WHERE performance_id = ?`, [concertPerformanceId])).toBe(acceptedUnits + extra);
  });
});
