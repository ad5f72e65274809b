import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpJson, runBounded, type RunningServer, seededRandom, startServer } from './http-server.js';

/**
 * The database writer in a worker thread (DATABASE_WRITER=thread, the server's default,
 * db/thread-client.ts) over real HTTP against the production build, with reads on the HTTP
 * thread's own connection and with every statement through the writer, and the switch back to
 * one thread (inline): buyers racing for the same seats must still see the
 * database decide (a lost race is a 409 seats_taken, never a 5xx), no seat is held twice, and
 * a held seat is refused at once to the next buyer (a write is committed before its 201).
 */
const SHOP = '/api/shops/shp_demo';

describe.each([
  { DATABASE_WRITER: 'thread', DATABASE_READS: 'local' },
  { DATABASE_WRITER: 'thread', DATABASE_READS: 'writer' },
  // The switch back to one thread.
  { DATABASE_WRITER: 'inline', DATABASE_READS: 'local' },
])('holds with the writer thread ($DATABASE_WRITER, reads $DATABASE_READS)', (env) => {
  let server: RunningServer;
  let audit: Client;
  let performanceId: string;
  let hot: number[];
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);

  beforeAll(async () => {
    server = await startServer({ env });
    if (env.DATABASE_WRITER === 'thread') expect(server.output()).toContain(`writes in a writer thread, reads ${env.DATABASE_READS === 'local' ? 'on this thread' : 'through it'}`);
    else expect(server.output()).not.toContain('writer thread');
    audit = createClient({ url: `file:${server.dbPath}` });
    const listing = await call('GET', `${SHOP}/events`);
    expect(listing.status).toBe(200);
    performanceId = (listing.body.events as any[]).find((e) => e.title === 'Le Malade imaginaire').performances.find((p: any) => p.seating === 'seated' && p.onSale).id;
    const performance = await call('GET', `${SHOP}/performances/${performanceId}`);
    const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
    hot = [];
    for (let i = 0; i < plan.body.seats.id.length && hot.length < 40; i++) if ((plan.body.seats.flags[i] & 8) === 0) hot.push(plan.body.seats.id[i]);
    expect(hot).toHaveLength(40);
  });

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('300 buyers for 40 seats: each seat held once, every other buyer told 409 seats_taken', async () => {
    const random = seededRandom(20_261_206);
    const wishes = Array.from({ length: 300 }, () => {
      const picked = new Set<number>();
      const count = 1 + Math.floor(random() * 3);
      while (picked.size < count) picked.add(hot[Math.floor(random() * hot.length)]!);
      return [...picked];
    });
    const results = await runBounded(
      wishes.map((seatIds, i) => () => call('POST', `${SHOP}/holds`, { performanceId, seats: seatIds.map((seatId) => ({ seatId })) }, { 'Idempotency-Key': `race-${env.DATABASE_WRITER}-${env.DATABASE_READS}-${i}` })),
      64,
    );
    expect(results.filter((r) => r.status >= 500).map((r) => r.body), server.output()).toEqual([]);
    expect([...new Set(results.map((r) => (r.status === 201 ? '201' : `${r.status} ${r.body?.error?.code}`)))].filter((s) => s !== '201' && s !== '409 seats_taken')).toEqual([]);

    const holder = new Map<number, string>();
    for (const [i, res] of results.entries()) {
      if (res.status !== 201) continue;
      for (const seatId of wishes[i]!) {
        expect(holder.get(seatId), `seat ${seatId} accepted twice`).toBeUndefined();
        holder.set(seatId, res.body.id);
      }
    }
    expect(holder.size).toBeGreaterThan(0);
    const claims = (await audit.execute({ sql: `SELECT seat_id, hold_id FROM seat_claims WHERE performance_id = ? AND state = 'held' ORDER BY seat_id`, args: [performanceId] })).rows;
    expect(claims.map((c) => [Number(c.seat_id), c.hold_id])).toEqual([...holder.entries()].sort(([a], [b]) => a - b));
    // Every refusal names seats an accepted hold really has.
    for (const [i, res] of results.entries()) {
      if (res.status === 201) continue;
      expect(res.body.error.details.seatIds.length).toBeGreaterThan(0);
      for (const seatId of res.body.error.details.seatIds) {
        expect(wishes[i]).toContain(seatId);
        expect(holder.has(seatId)).toBe(true);
      }
    }

    // The same request again with its key: the stored answer, not a second hold.
    const first = results.findIndex((r) => r.status === 201);
    const replay = await call('POST', `${SHOP}/holds`, { performanceId, seats: wishes[first]!.map((seatId) => ({ seatId })) }, { 'Idempotency-Key': `race-${env.DATABASE_WRITER}-${env.DATABASE_READS}-${first}` });
    expect([replay.status, replay.body.id]).toEqual([201, results[first]!.body.id]);
    // A held seat is refused to the next buyer straight away: the hold was committed before its 201.
    const late = await call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: [...holder.keys()][0]! }] });
    expect([late.status, late.body.error?.code]).toEqual([409, 'seats_taken']);
  });
});
