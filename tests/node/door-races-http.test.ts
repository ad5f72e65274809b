import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpJson, type HttpResult, runBounded, type RunningServer, seededRandom, startServer } from './http-server.js';

/**
 * The door under load over real HTTP against the production Node build: four scanners admitting
 * the same 500 tickets at once, and four offline scanners syncing overlapping admissions at once
 * (one of them twice, while a gate scans online). The database decides; the audit reads it
 * afterwards through its own connection. Request counts are fixed; nothing asserts on timing
 * (the durations are printed for the record).
 */

const SHOP = '/api/shops/shp_demo';
const buyer = { name: 'Door Race', email: 'door-race@example.ch', language: 'fr' as const };
const GOOD_CARD = '4242424242424242';

type Ticket = { number: string; qrPayload: string };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the door under concurrent scanners (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const org = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${server.demo.token}` });
  const rows = async (sql: string, args: (string | number)[] = []) => (await audit.execute({ sql, args })).rows;
  const scalar = async (sql: string, args: (string | number)[] = []) => Number(Object.values((await rows(sql, args))[0]!)[0]);
  const expectNoServerError = (results: HttpResult[]) => {
    const failures = results.filter((r) => r.status >= 500);
    expect(failures.map((f) => ({ status: f.status, body: f.body })), server.output()).toEqual([]);
  };
  const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const start = performance.now();
    const value = await work();
    return { value, ms: performance.now() - start };
  };

  /** `count` general-admission tickets of a concert, bought in orders of 100. */
  async function concertTickets(performanceId: string, count: number): Promise<Ticket[]> {
    const perf = await call('GET', `${SHOP}/performances/${performanceId}`);
    const tariffId = perf.body.tariffs[0].id as string;
    const out: Ticket[] = [];
    for (let left = count; left > 0; left -= 100) {
      const held = await call('POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId, quantity: Math.min(100, left) }] });
      expect(held.status, JSON.stringify(held.body)).toBe(201);
      const order = await call('POST', `${SHOP}/holds/${held.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
      expect(order.status, JSON.stringify(order.body)).toBe(201);
      out.push(...order.body.tickets);
    }
    return out;
  }

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    expect((await org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 100 })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('4 scanners admitting the same 500 tickets at once: each admitted once, 1,500 already admitted, no 5xx', async () => {
    const concert = server.demo.concertPerformanceIds[0]!;
    const patched = await org('PATCH', `/api/org/performances/${concert}`, { capacity: 600 });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const tickets = await concertTickets(concert, 500);
    expect(tickets).toHaveLength(500);

    const random = seededRandom(17);
    const scanners = ['gate-north-0001', 'gate-south-0002', 'gate-east-00003', 'gate-west-00004'];
    const durations: number[] = [];
    const wall = await timed(() =>
      Promise.all(
        scanners.map((deviceId) =>
          runBounded(
            shuffled(tickets, random).map((ticket) => async () => {
              const { value, ms } = await timed(() => org('POST', '/api/org/checkins', { code: ticket.qrPayload, performanceId: concert, deviceId, door: deviceId.split('-')[1] }));
              durations.push(ms);
              return value;
            }),
            8,
          ),
        ),
      ),
    );
    const results = wall.value.flat();
    expectNoServerError(results);
    const admitted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(admitted).toHaveLength(500);
    expect(new Set(admitted.map((r) => r.body.ticket.number)).size).toBe(500);
    expect(refused).toHaveLength(1500);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['409 ticket_already_admitted']));
    // Every refusal names a scanner of the four and the door it admitted at.
    for (const r of refused) expect(scanners).toContain(r.body.error.details.deviceId);

    expect(await scalar('SELECT count(*) FROM tickets WHERE performance_id = ? AND admitted_at IS NOT NULL', [concert])).toBe(500);
    expect(await scalar('SELECT count(*) FROM admissions WHERE performance_id = ?', [concert])).toBe(500);
    expect(await scalar('SELECT count(DISTINCT ticket_id) FROM admissions WHERE performance_id = ?', [concert])).toBe(500);
    // The admission row and admitted_at agree, ticket by ticket.
    expect(await scalar('SELECT count(*) FROM admissions a JOIN tickets t ON t.id = a.ticket_id WHERE a.performance_id = ? AND a.scanned_at <> t.admitted_at', [concert])).toBe(0);

    const startsAt = (await call('GET', `${SHOP}/performances/${concert}`)).body.startsAt as string;
    const overview = await org('GET', `/api/org/door/overview?date=${new Date(startsAt).toLocaleDateString('en-CA', { timeZone: 'Europe/Zurich' })}`);
    expect(overview.body.performances.find((p: { id: string }) => p.id === concert)).toMatchObject({ expected: 500, admitted: 500, duplicates: 0 });

    console.log(
      `[door race] 4 scanners x 500 tickets = ${results.length} requests in ${Math.round(wall.ms)} ms: ${admitted.length} admitted, ${refused.length} already admitted, 0 5xx; median request ${median(durations).toFixed(1)} ms`,
    );
  }, 300_000);

  it('4 offline scanners syncing overlapping admissions at once (one twice, a gate online meanwhile): earliest scan stands, later ones are duplicates, none lost or doubled', async () => {
    const concert = server.demo.concertPerformanceIds[1]!;
    expect((await org('PATCH', `/api/org/performances/${concert}`, { capacity: 600 })).status).toBe(200);
    const tickets = await concertTickets(concert, 500);
    const random = seededRandom(29);
    const devices = ['offline-a-0001', 'offline-b-0002', 'offline-c-0003', 'offline-d-0004'];
    const base = Date.now() - 60 * 60_000;
    // Each device admitted about 80% of the first 440 tickets, at its own times within the last hour.
    const offlineTickets = tickets.slice(0, 440);
    const sets = devices.map((deviceId) => ({
      deviceId,
      door: `Door ${deviceId.slice(8, 9).toUpperCase()}`,
      admissions: offlineTickets.filter(() => random() < 0.8).map((t) => ({ code: t.qrPayload, scannedAt: new Date(base + Math.floor(random() * 50 * 60_000)).toISOString(), number: t.number })),
    }));
    const body = (s: (typeof sets)[number]) => ({ deviceId: s.deviceId, door: s.door, admissions: s.admissions.map(({ code, scannedAt }) => ({ code, scannedAt })) });
    const earliest = new Map<string, number>();
    for (const s of sets) for (const a of s.admissions) earliest.set(a.number, Math.min(earliest.get(a.number) ?? Infinity, Date.parse(a.scannedAt)));
    const totalScans = sets.reduce((n, s) => n + s.admissions.length, 0);

    // A gate with network scans 60 tickets now (later than every offline scan) while the syncs run:
    // 30 the offline scanners also admitted, 30 nobody else saw.
    const neverOffline = tickets.slice(440);
    const online = shuffled([...shuffled(offlineTickets, random).slice(0, 30), ...neverOffline.slice(0, 30)], random);
    const syncDurations: number[] = [];
    const syncTimed = async (s: (typeof sets)[number]) => {
      const { value, ms } = await timed(() => org('POST', '/api/org/checkins/sync', body(s)));
      syncDurations.push(ms);
      return value;
    };
    const wall = await timed(() =>
      Promise.all([
        Promise.all([...sets.map(syncTimed), syncTimed(sets[0]!)]),
        runBounded(online.map((t) => () => org('POST', '/api/org/checkins', { code: t.qrPayload, deviceId: 'gate-online-01', door: 'Main' })), 4),
      ]),
    );
    const [syncs, onlineResults] = wall.value;
    expectNoServerError([...syncs, ...onlineResults]);
    for (const s of syncs) expect(s.status, JSON.stringify(s.body).slice(0, 500)).toBe(200);
    const onlineAdmitted = onlineResults.filter((r) => r.status === 200).length;
    // The 30 tickets no offline scanner saw are admitted online; the others only if their scan came before the sync.
    expect(onlineAdmitted).toBeGreaterThanOrEqual(30);
    for (const t of neverOffline.slice(0, 30)) expect(onlineResults[online.indexOf(t)]!.status).toBe(200);
    expect(onlineResults.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'ticket_already_admitted')).toBe(true);

    // The two identical syncs of device A: each scan recorded by exactly one of them.
    type Result = { index: number; outcome: string; ticketNumber: string };
    const [a1, a2] = [syncs[0]!.body.results as Result[], syncs[4]!.body.results as Result[]];
    a1.forEach((r, i) => expect([r.outcome, a2[i]!.outcome].filter((o) => o === 'already_synced')).toHaveLength(1));
    for (const s of syncs.slice(1, 4)) for (const r of s.body.results as Result[]) expect(['admitted', 'duplicate']).toContain(r.outcome);

    // None lost, nothing doubled.
    expect(await scalar('SELECT count(*) FROM admissions WHERE performance_id = ?', [concert])).toBe(totalScans + onlineAdmitted);
    expect(await scalar(`SELECT count(*) FROM (SELECT 1 FROM admissions GROUP BY ticket_id, device_id, scanned_at HAVING count(*) > 1)`)).toBe(0);
    // The earliest scan stands as admitted_at for every ticket scanned offline.
    const admittedAt = new Map((await rows('SELECT number, admitted_at FROM tickets WHERE performance_id = ?', [concert])).map((r) => [r.number as string, r.admitted_at as number | null]));
    for (const [number, at] of earliest) expect(admittedAt.get(number), number).toBe(at);
    // Every later admission is listed as a duplicate, with the earliest as its first.
    const dups = await org('GET', `/api/org/performances/${concert}/door-duplicates`);
    expect(dups.status).toBe(200);
    const admittedTickets = await scalar('SELECT count(DISTINCT ticket_id) FROM admissions WHERE performance_id = ?', [concert]);
    expect(dups.body.duplicates).toHaveLength(totalScans + onlineAdmitted - admittedTickets);
    for (const d of dups.body.duplicates as { ticketNumber: string; first: { scannedAt: string } }[]) {
      if (earliest.has(d.ticketNumber)) expect(Date.parse(d.first.scannedAt)).toBe(earliest.get(d.ticketNumber));
    }

    // Synced again one after the other: everything already there, and exactly one first admission per ticket scanned offline.
    const resync = await timed(async () => {
      const out: Result[][] = [];
      for (const s of sets) out.push((await org('POST', '/api/org/checkins/sync', body(s))).body.results);
      return out;
    });
    const all = resync.value.flat() as (Result & { firstAdmission?: unknown })[];
    expect(all.every((r) => r.outcome === 'already_synced')).toBe(true);
    expect(all.filter((r) => !r.firstAdmission)).toHaveLength(earliest.size);

    console.log(
      `[door sync] 5 concurrent syncs (4 devices, one twice) of ${totalScans} offline scans of ${earliest.size} tickets + ${online.length} online scans in ${Math.round(wall.ms)} ms; ` +
        `median sync ${median(syncDurations).toFixed(0)} ms; ${dups.body.duplicates.length} duplicates listed; ${onlineAdmitted} online admitted; sequential re-sync of all 4 in ${Math.round(resync.ms)} ms`,
    );
  }, 300_000);
});
