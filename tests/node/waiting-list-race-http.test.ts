import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { openNodeStorage } from '../../db/node-storage.js';
import { offerWaitingLists } from '../../worker/src/jobs/offer-waiting-list.js';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { httpJson, type HttpResult, runBounded, type RunningServer, seededRandom, startServer } from './http-server.js';

const SHOP = '/api/shops/shp_demo';
const GOOD_CARD = '4242424242424242';
const HOUR = 3_600_000;
const SEATS = 40;
const WAITING = 50;
const BUYERS = 200;
const CANCELLATIONS = 30;
/** Every fifth person in line wants two seats side by side or not; the others one. */
const wants = (i: number) => (i % 5 === 4 ? 2 : 1);

type Entry = { id: string; email: string; quantity: number; status: string; offer_hold_id: string | null; offered_at: number | null };

/**
 * The race over real HTTP against the production Node build: a seated performance of
 * 40 seats sold out, 50 people waiting, then at once 200 buyers trying to hold the seats that
 * come back, 30 cancellations giving seats back, and the offer job running in this process,
 * two runs at a time, on the same database file. The database decides; the audit reads it
 * afterwards. Then the clock moves past the offers (the job's `now`): they expire and the
 * seats pass to the next in line. Request counts are fixed; nothing asserts on timing.
 */
describe('waiting list race over real HTTP (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  let jobStorage: Awaited<ReturnType<typeof openNodeStorage>>;
  let theatre: string;
  let seatIds: number[];
  const orders: { number: string; seatId: number }[] = [];
  const figures: Record<string, unknown> = {};

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const org = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${server.demo.token}` });
  const rows = async <T>(sql: string, args: (string | number)[] = []) => (await audit.execute({ sql, args })).rows.map((r) => ({ ...r })) as T[];
  const line = () => rows<Entry>(`SELECT id, email, quantity, status, offer_hold_id, offered_at FROM waiting_list_entries WHERE performance_id = ? ORDER BY created_at, rowid`, [theatre]);
  const noServerErrors = (results: HttpResult[]) => expect(results.filter((r) => r.status >= 500).map((r) => r.body), server.output()).toEqual([]);
  const runJob = (now: number) => offerWaitingLists(jobStorage.db, now);

  /** The offered entries are the line's first ones, in order: nobody was skipped for someone behind them. */
  function expectServedInOrder(entries: Entry[], statuses: string[]) {
    const served = entries.map((e) => statuses.includes(e.status));
    const firstWaiting = served.indexOf(false);
    if (firstWaiting >= 0) expect(served.slice(firstWaiting).every((s) => !s), 'an entry behind a waiting one was offered').toBe(true);
  }

  /** Each live offer's hold has exactly its entry's number of seats, held and not sold, and no seat is in two offers. */
  async function offerSeats(entries: Entry[], now: number) {
    const offered = entries.filter((e) => e.status === 'offered');
    const claims = await rows<{ hold_id: string; seat_id: number }>(
      `SELECT c.hold_id, c.seat_id FROM seat_claims c JOIN holds h ON h.id = c.hold_id WHERE h.channel = 'waitlist' AND c.state = 'held' AND c.expires_at > ? AND c.performance_id = ?`,
      [now, theatre],
    );
    for (const entry of offered) expect(claims.filter((c) => c.hold_id === entry.offer_hold_id).length, entry.email).toBe(entry.quantity);
    expect(new Set(claims.map((c) => c.seat_id)).size).toBe(claims.length);
    return claims.map((c) => Number(c.seat_id));
  }

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    jobStorage = await openNodeStorage(`file:${server.dbPath}`, { migrate: false });
    theatre = server.demo.theatrePerformanceIds[1]!;
    const perf = await call('GET', `${SHOP}/performances/${theatre}`);
    const plan = await call('GET', `${SHOP}/plans/${perf.body.planId}`);
    const availability = await call('GET', `${SHOP}/performances/${theatre}/availability`);
    const taken = new Set([availability.body.held, availability.body.sold, availability.body.blocked].flatMap((r: string | undefined) => decodeSeatRanges(r ?? '')));
    const { id, flags } = plan.body.seats as { id: number[]; flags: number[] };
    const forSale = id.filter((seatId, i) => (flags[i]! & 8) === 0 && !taken.has(seatId));
    seatIds = forSale.slice(0, SEATS);
    // The hall shrinks to 40 seats: every other seat is blocked by the organizer.
    const rest = forSale.slice(SEATS);
    for (let i = 0; i < rest.length; i += 1000) expect((await org('POST', `/api/org/performances/${theatre}/blocks`, { seatIds: rest.slice(i, i + 1000) })).status).toBe(200);
    for (const seatId of seatIds) {
      const held = await call('POST', `${SHOP}/holds`, { performanceId: theatre, seats: [{ seatId }] });
      expect(held.status).toBe(201);
      const order = await call('POST', `${SHOP}/holds/${held.body.id}/checkout`, { buyer: { name: 'Early Bird', email: 'early@example.ch', language: 'fr' }, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
      expect(order.status).toBe(201);
      orders.push({ number: order.body.number, seatId });
    }
    expect((await org('PATCH', `/api/org/performances/${theatre}/waiting-list`, { enabled: true, offerHours: 24 })).status).toBe(200);
    for (let i = 0; i < WAITING; i++) {
      const joined = await call('POST', `${SHOP}/performances/${theatre}/waiting-list`, { email: `waiting${i}@example.ch`, name: `Waiting ${i}`, language: (['fr', 'de', 'it', 'en'] as const)[i % 4], quantity: wants(i) });
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      expect(joined.body.position).toBe(i + 1);
    }
  }, 240_000);

  afterAll(async () => {
    audit?.close();
    jobStorage?.client.close();
    await server?.stop();
    console.log(`waiting-list race figures: ${JSON.stringify(figures)}`);
  });

  it('gives every returned seat to one waiting buyer, in order, and none to the public', async () => {
    const random = seededRandom(19);
    const cancelled = orders.slice(0, CANCELLATIONS);
    type Tagged = { kind: 'buyer' | 'cancellation'; answer: HttpResult };
    const buyers = Array.from({ length: BUYERS }, () => async (): Promise<Tagged> => ({
      kind: 'buyer',
      answer: await call('POST', `${SHOP}/holds`, { performanceId: theatre, seats: [{ seatId: seatIds[Math.floor(random() * SEATS)]! }] }),
    }));
    const cancellations = cancelled.map((o) => async (): Promise<Tagged> => ({
      kind: 'cancellation',
      answer: await org('POST', `/api/org/orders/${o.number}/cancellations`, { scope: 'order', reason: 'race', refundMethod: 'none' }),
    }));
    // Interleaved buyers and cancellations, while two job loops run side by side until they are done.
    const tasks: (() => Promise<Tagged>)[] = [];
    for (let i = 0; i < BUYERS; i++) {
      tasks.push(buyers[i]!);
      if (i % 6 === 0 && i / 6 < CANCELLATIONS) tasks.push(cancellations[i / 6]!);
    }
    const runs: { offered: number; expired: number }[] = [];
    let done = false;
    const jobLoop = async () => {
      while (!done) {
        // Small runs (two offers at most), so that many of them overlap the cancellations and each other.
        runs.push(await offerWaitingLists(jobStorage.db, Date.now(), { maxOffers: 2 }));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const loops = [jobLoop(), jobLoop()];
    const tagged = await runBounded(tasks, 16).finally(() => (done = true));
    await Promise.all(loops);
    const http = tagged.map((t) => t.answer);
    const holdAnswers = tagged.filter((t) => t.kind === 'buyer').map((t) => t.answer);
    const cancelAnswers = tagged.filter((t) => t.kind === 'cancellation').map((t) => t.answer);
    noServerErrors(http);
    // What the last runs left: every seat given back by now is offered.
    runs.push(await runJob(Date.now()), await runJob(Date.now()));

    const codes: Record<string, number> = {};
    for (const r of holdAnswers) codes[r.status === 201 ? 'held' : r.body.error.code] = (codes[r.status === 201 ? 'held' : r.body.error.code] ?? 0) + 1;
    // Not one public hold while people wait: each was refused (a seat still sold or offered, or the line first).
    expect(holdAnswers.filter((r) => r.status !== 409)).toEqual([]);
    expect(cancelAnswers.map((r) => r.status)).toEqual(Array(CANCELLATIONS).fill(201));

    const entries = await line();
    const offered = entries.filter((e) => e.status === 'offered');
    expectServedInOrder(entries, ['offered']);
    const seats = await offerSeats(entries, Date.now());
    // Every returned seat is offered unless the next in line wants more than is left.
    const returned = cancelled.map((o) => o.seatId);
    expect(seats.every((s) => returned.includes(s))).toBe(true);
    const next = entries.find((e) => e.status === 'waiting');
    expect(next).toBeDefined();
    expect(CANCELLATIONS - seats.length).toBeLessThan(next!.quantity);
    expect(offered.reduce((n, e) => n + e.quantity, 0)).toBe(seats.length);
    // Offers went out in line order, one e-mail each.
    const times = offered.map((e) => Number(e.offered_at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const mails = await rows<{ n: number }>(`SELECT count(*) AS n FROM outbox_messages WHERE kind = 'waiting_list_offer'`);
    expect(Number(mails[0]!.n)).toBe(offered.length);
    // Nothing sold to the public: the only tickets are the 10 early ones left.
    const valid = await rows<{ n: number }>(`SELECT count(*) AS n FROM tickets WHERE performance_id = ? AND status = 'valid'`, [theatre]);
    expect(Number(valid[0]!.n)).toBe(SEATS - CANCELLATIONS);
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
    Object.assign(figures, {
      requests: http.length,
      publicHoldsRefused: codes,
      cancellations: CANCELLATIONS,
      jobRuns: runs.length,
      offersByRuns: runs.map((r) => r.offered).filter((n) => n > 0),
      entriesOffered: offered.length,
      seatsOffered: seats.length,
      stillWaiting: entries.filter((e) => e.status === 'waiting').length,
    });
  }, 240_000);

  it('lets unclaimed offers expire and passes their seats to the next in line; a claimed offer is a sale', async () => {
    const before = await line();
    const firstRound = before.filter((e) => e.status === 'offered');
    // One buyer claims: their hold is checked out over HTTP, the entry is claimed in the sale.
    const claimer = firstRound[0]!;
    const sale = await call('POST', `${SHOP}/holds/${claimer.offer_hold_id}/checkout`, { buyer: { name: 'Claimer', email: claimer.email, language: 'fr' }, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(sale.status, JSON.stringify(sale.body)).toBe(201);
    // Past the offer time (the job's clock): the other offers expire, the next people get their seats; twice at once changes nothing more.
    const later = Date.now() + 24 * HOUR + 60_000;
    const [a, b] = await Promise.all([runJob(later), runJob(later)]);
    expect(a.expired + b.expired).toBe(firstRound.length - 1);
    const after = await line();
    const byId = new Map(after.map((e) => [e.id, e]));
    expect(byId.get(claimer.id)!.status).toBe('claimed');
    for (const e of firstRound.slice(1)) expect(byId.get(e.id)!.status).toBe('expired');
    const secondRound = after.filter((e) => e.status === 'offered');
    expect(a.offered + b.offered).toBe(secondRound.length);
    expect(secondRound.length).toBeGreaterThan(0);
    // The second round are the first of those still waiting before, in order.
    const waitingBefore = before.filter((e) => e.status === 'waiting').map((e) => e.id);
    expect(secondRound.map((e) => e.id)).toEqual(waitingBefore.slice(0, secondRound.length));
    expectServedInOrder(after.filter((e) => waitingBefore.includes(e.id)), ['offered']);
    const seats = await offerSeats(after, later);
    const free = CANCELLATIONS - claimer.quantity;
    const stillWaiting = after.find((e) => e.status === 'waiting');
    if (stillWaiting) expect(free - seats.length).toBeLessThan(stillWaiting.quantity);
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
    Object.assign(figures, { claimed: 1, offersExpired: a.expired + b.expired, secondRoundOffered: secondRound.length, secondRoundSeats: seats.length, waitingAfter: after.filter((e) => e.status === 'waiting').length });
  }, 120_000);
});
