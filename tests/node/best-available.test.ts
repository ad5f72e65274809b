import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestAvailableBlocks, type SeatRow } from '../../worker/src/domain/best-available.js';
import { createTestShop, type TestShop } from './harness.js';

const row = (rank: number, pattern: string, firstId = rank * 100 + 1): SeatRow => ({
  rank,
  seats: [...pattern].map((ch, i) => ({ id: firstId + i, available: ch === '.' })),
});

describe('bestAvailableBlocks (pure)', () => {
  it('prefers the front row and the centre of the row', () => {
    const [best] = bestAvailableBlocks([row(0, '.........'), row(1, '.........')], 3);
    expect(best).toEqual([4, 5, 6]);
  });

  it('never strands a single seat next to a taken seat or the row end', () => {
    // Row: taken, 4 free, taken. Two seats: offsets 0 and 2 leave 2 free (fine), offset 1 strands one on each side.
    const blocks = bestAvailableBlocks([row(0, 'x....x')], 2, 10);
    expect(blocks).toEqual([[2, 3], [4, 5]]);
    // Three free seats and two wanted: any choice strands one seat, so this row offers nothing.
    expect(bestAvailableBlocks([row(0, 'x...x')], 2)).toEqual([]);
  });

  it('moves to the next row when the front row cannot fit the group', () => {
    const [best] = bestAvailableBlocks([row(0, '..x..x..'), row(1, '........')], 4);
    expect(best).toEqual([103, 104, 105, 106]);
  });

  it('gives disjoint candidates so a lost race can fall back to the next one', () => {
    const blocks = bestAvailableBlocks([row(0, '..........')], 2, 3);
    const ids = blocks.flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(blocks).toHaveLength(3);
  });

  it('property: every block is adjacent available seats of one row and leaves no orphan', () => {
    const rows = fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 8 }), (pattern, quantity) => {
        const seatRows = pattern.map((r, rank) => ({ rank, seats: r.map((available, i) => ({ id: rank * 100 + i, available })) }));
        for (const block of bestAvailableBlocks(seatRows, quantity, 5)) {
          expect(block).toHaveLength(quantity);
          const rank = Math.floor(block[0]! / 100);
          const seats = seatRows[rank]!.seats;
          const first = block[0]! % 100;
          block.forEach((id, i) => {
            expect(id).toBe(rank * 100 + first + i);
            expect(seats[first + i]!.available).toBe(true);
          });
          const runLeft = (() => {
            let n = 0;
            for (let i = first - 1; i >= 0 && seats[i]!.available; i--) n++;
            return n;
          })();
          const runRight = (() => {
            let n = 0;
            for (let i = first + quantity; i < seats.length && seats[i]!.available; i++) n++;
            return n;
          })();
          expect(runLeft).not.toBe(1);
          expect(runRight).not.toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('best available through the API', () => {
  let shop: TestShop;
  let performanceId: string;
  let zoneId: string;
  beforeAll(async () => {
    shop = await createTestShop();
    performanceId = shop.demo.theatrePerformanceIds[0]!;
    const view = await shop.call('GET', `/api/shops/shp_demo/performances/${performanceId}`);
    zoneId = view.body.zones.find((z: { code: string }) => z.code === 'C1').id;
  });
  afterAll(() => shop.close());

  it('holds adjacent seats in one row, the same answer for the same availability', async () => {
    const first = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId, best: { zoneId, quantity: 4 } });
    expect(first.status).toBe(201);
    const labels: string[] = first.body.seats.map((s: { label: string }) => s.label);
    expect(new Set(labels.map((l) => l.replace(/, seat \d+$/, ''))).size).toBe(1);
    const ids: number[] = first.body.seats.map((s: { seatId: number }) => s.seatId);
    expect(ids).toEqual([ids[0]!, ids[0]! + 1, ids[0]! + 2, ids[0]! + 3]);

    const second = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId, best: { zoneId, quantity: 4 } });
    expect(second.status).toBe(201);
    const secondIds: number[] = second.body.seats.map((s: { seatId: number }) => s.seatId);
    expect(secondIds.some((id) => ids.includes(id))).toBe(false);
  });

  it('adds best-available seats to an existing hold', async () => {
    const hold = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId, best: { zoneId, quantity: 2 } });
    const changed = await shop.call('PATCH', `/api/shops/shp_demo/holds/${hold.body.id}`, { addBest: { zoneId, quantity: 2 } });
    expect(changed.status).toBe(200);
    expect(changed.body.seats).toHaveLength(4);
  });

  it('says so when no group of that size fits, and refuses it for general admission', async () => {
    const tooMany = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId, best: { zoneId, quantity: 11 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('too_many_tickets');
    const ga = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId: shop.demo.concertPerformanceIds[0], best: { zoneId, quantity: 2 } });
    expect(ga.status).toBe(400);
    const both = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId, best: { zoneId, quantity: 2 }, seats: [{ seatId: 900 }] });
    expect(both.status).toBe(400);
  });

  it('answers no_adjacent_seats once the zone is full', async () => {
    // Block every C1 seat but two that are apart, through the organizer API.
    const geometry = await shop.call('GET', `/api/shops/shp_demo/plans/${(await shop.call('GET', `/api/shops/shp_demo/performances/${performanceId}`)).body.planId}`);
    const zoneIndex = geometry.body.zones.findIndex((z: { id: string }) => z.id === zoneId);
    const c1: number[] = geometry.body.seats.id.filter((_: number, i: number) => geometry.body.seats.zone[i] === zoneIndex);
    const other = shop.demo.theatrePerformanceIds[1]!;
    const keep = new Set([c1[10]!, c1[20]!]);
    const toBlock = c1.filter((id) => !keep.has(id));
    for (let i = 0; i < toBlock.length; i += 500) {
      const res = await shop.org('POST', `/api/org/performances/${other}/blocks`, { seatIds: toBlock.slice(i, i + 500) });
      expect(res.status).toBe(200);
    }
    const res = await shop.call('POST', '/api/shops/shp_demo/holds', { performanceId: other, best: { zoneId, quantity: 2 } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no_adjacent_seats');
  });
});
