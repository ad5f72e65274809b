import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertStoredLedgerIntact, call, heldSeats, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';

/**
 * Buyers race for overlapping seats at the same moment, through the Worker's fetch handler and
 * its storage (D1, or libSQL over HTTP in the libSQL run): the seat-claim primary key must let
 * each seat go to at most one hold.
 */
describe('racing for the same seats in workerd', () => {
  let theatre: SeatedPerformance;
  // The ledger's invariants after every test (tests/shared/ledger-audit.ts).
  afterEach(() => assertStoredLedgerIntact());
  beforeAll(async () => {
    const demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[2]!);
  });

  it('gives every seat to at most one of 20 concurrent holds; the others get 409 seats_taken', async () => {
    // Eight contested seats; buyer i wants three consecutive ones starting at i mod 6, so
    // every request overlaps several others.
    const pool = theatre.seatIds.slice(200, 208);
    const wanted = Array.from({ length: 20 }, (_, i) => pool.slice(i % 6, (i % 6) + 3));
    const results = await Promise.all(
      wanted.map((seats) => call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) })),
    );

    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const winners = results.filter((r) => r.status === 201);
    const losers = results.filter((r) => r.status !== 201);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    // Three seats each out of eight: at most two holds can win.
    expect(winners.length).toBeLessThanOrEqual(2);
    for (const loser of losers) {
      expect(loser.status).toBe(409);
      expect(loser.body.error.code).toBe('seats_taken');
    }

    const won = winners.flatMap((w) => w.body.seats.map((s: { seatId: number }) => s.seatId) as number[]);
    expect(new Set(won).size).toBe(won.length);
    winners.forEach((w) => {
      const i = results.indexOf(w);
      expect(w.body.seats.map((s: { seatId: number }) => s.seatId)).toEqual(wanted[i]);
    });
    // The seat map shows exactly the winners' seats as held.
    expect((await heldSeats(theatre.performanceId)).filter((id) => pool.includes(id)).sort((a, b) => a - b)).toEqual([...won].sort((a, b) => a - b));
  });

  it('lets exactly one of 20 buyers of the very same seat win', async () => {
    const seat = theatre.seatIds[300]!;
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: seat }] })));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const loser of results.filter((r) => r.status === 409)) expect(loser.body.error).toMatchObject({ code: 'seats_taken', details: { seatIds: [seat] } });
  });

  it('gives 5 seats to exactly 5 of 100 concurrent holds, 20 buyers per seat; no 5xx', async () => {
    const contested = theatre.seatIds.slice(400, 405);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: contested[i % 5]! }] })),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const winners = results.filter((r) => r.status === 201);
    expect(winners.map((w) => w.body.seats[0].seatId as number).sort((a, b) => a - b)).toEqual([...contested].sort((a, b) => a - b));
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['409 seats_taken']));
  });
});
