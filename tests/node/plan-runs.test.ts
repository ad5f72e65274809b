import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePlanRuns, encodePlanRuns } from '../../contract/plan-runs.js';
import type { PlanGeometry } from '../../contract/responses/catalog.js';
import { createTestShop, performanceInfo, sf, type TestShop } from './harness.js';

type Columns = PlanGeometry['seats'];

/** The columns of seats given one object each, in id order (as the plan endpoint sends them). */
function columnsOf(list: { id: number; section: number; zone: number; row: string; number: string; x: number; y: number; flags: number }[]): Columns {
  return {
    id: list.map((s) => s.id),
    section: list.map((s) => s.section),
    zone: list.map((s) => s.zone),
    row: list.map((s) => s.row),
    number: list.map((s) => s.number),
    x: list.map((s) => s.x),
    y: list.map((s) => s.y),
    flags: list.map((s) => s.flags),
  };
}

/** Everything but the coordinates must come back as it was; these within half a unit of the scale. */
function expectSameSeats(decoded: Columns, original: Columns, scale: number) {
  const { x, y, ...rest } = decoded;
  const { x: x0, y: y0, ...rest0 } = original;
  expect(rest).toEqual(rest0);
  const tolerance = 0.5 / scale + 1e-9 * Math.max(1, ...x0.map(Math.abs), ...y0.map(Math.abs));
  x.forEach((value, i) => expect(Math.abs(value - x0[i]!)).toBeLessThanOrEqual(tolerance));
  y.forEach((value, i) => expect(Math.abs(value - y0[i]!)).toBeLessThanOrEqual(tolerance));
}

describe('plan geometry in runs (contract/plan-runs.ts)', () => {
  it('gives back a row of seats with irregular numbers, flags, id gaps and rows seat by seat', () => {
    const seats = columnsOf([
      { id: 5, section: 0, zone: 0, row: 'A', number: '1', x: 10, y: 20, flags: 0 },
      { id: 6, section: 0, zone: 0, row: 'A', number: '2', x: 10.5, y: 20, flags: 0 },
      { id: 7, section: 0, zone: 0, row: 'A', number: '3', x: 11, y: 20, flags: 1 },
      { id: 8, section: 0, zone: 0, row: 'A', number: '3a', x: 11.5, y: 20.1, flags: 0 },
      { id: 9, section: 0, zone: 1, row: 'A', number: '4', x: 12, y: 20.2, flags: 0 },
      { id: 10, section: 0, zone: 1, row: 'A', number: '007', x: 12.5, y: 20.3, flags: 0 },
      { id: 11, section: 0, zone: 1, row: 'A', number: '8', x: 13, y: 20.4, flags: 0 },
      { id: 40, section: 0, zone: 1, row: 'A', number: '9', x: 13.5, y: 20.5, flags: 0 },
      { id: 41, section: 1, zone: 1, row: 'A', number: '10', x: -3.3, y: -0.1, flags: 0 },
      { id: 42, section: 1, zone: 1, row: 'Rangée 1', number: '9', x: 0, y: 0, flags: 8 },
      { id: 43, section: 1, zone: 1, row: 'Rangée 1', number: '10', x: 0, y: 0, flags: 8 },
    ]);
    const encoded = encodePlanRuns(seats, { width: 100, height: 50 });
    // 10–11 (flags 1 apart), 8 (3a), 9 (other zone), 007 and 8 (not a plain number then not following it), 9 (id gap), 10 (section), 9–10.
    expect(encoded.runs.length / 7).toBe(9);
    expect(decodePlanRuns(JSON.parse(JSON.stringify(encoded)))).toEqual(seats);
  });

  it('keeps coordinates finer than tenths to the plan\'s scale, and large plans to tenths', () => {
    const fine = columnsOf([
      { id: 1, section: 0, zone: 0, row: '1', number: '1', x: 1.234, y: 0.001, flags: 0 },
      { id: 2, section: 0, zone: 0, row: '1', number: '2', x: 2.468, y: 0.002, flags: 0 },
    ]);
    const small = encodePlanRuns(fine, { width: 30, height: 20 });
    expect(small.scale).toBe(1000);
    expect(decodePlanRuns(small)).toEqual(fine);
    // On a plan 4,000 wide, a thousandth is far below a pixel: tenths, within 0.05.
    const large = encodePlanRuns(fine, { width: 4000, height: 2800 });
    expect(large.scale).toBe(10);
    expectSameSeats(decodePlanRuns(large), fine, 10);
  });

  it('round-trips any plan: ids, sections, zones, rows, numbers and flags exactly, coordinates within half a unit of the scale', () => {
    const seatNumber = fc.oneof(fc.integer({ min: 0, max: 999_999_999 }).map(String), fc.constantFrom('007', '12a', 'A', '-1', '1.5', ' 3', 'Ⅳ'));
    const coordinate = fc.oneof(
      fc.integer({ min: -10_000_000, max: 10_000_000 }).map((tenths) => tenths / 10),
      fc.double({ min: -1_000_000, max: 1_000_000, noNaN: true, noDefaultInfinity: true }),
    );
    // Rows as a theatre has them (numbers counting up, coordinates along a line or a curve), mixed with odd seats.
    const row = fc.record({
      gap: fc.integer({ min: 1, max: 1000 }),
      length: fc.integer({ min: 1, max: 40 }),
      section: fc.integer({ min: 0, max: 5 }),
      zone: fc.integer({ min: 0, max: 3 }),
      row: fc.constantFrom('A', 'B', '1', '12', 'Loge 3', ''),
      first: fc.integer({ min: 0, max: 500 }),
      flags: fc.integer({ min: 0, max: 15 }),
      x: coordinate,
      y: coordinate,
      stepX: fc.integer({ min: -300, max: 300 }),
      curve: fc.integer({ min: -5, max: 5 }),
      odd: fc.array(fc.record({ at: fc.nat(), number: seatNumber, flags: fc.integer({ min: 0, max: 15 }), x: coordinate }), { maxLength: 3 }),
    });
    const plan = fc.record({ rows: fc.array(row, { minLength: 1, maxLength: 12 }), width: fc.double({ min: 1, max: 100_000, noNaN: true }), height: fc.double({ min: 1, max: 100_000, noNaN: true }) });
    fc.assert(
      fc.property(plan, ({ rows, width, height }) => {
        const list = [];
        let id = 0;
        for (const r of rows) {
          id += r.gap;
          for (let k = 0; k < r.length; k++) {
            list.push({
              id: id++,
              section: r.section,
              zone: r.zone,
              row: r.row,
              number: String(r.first + k),
              x: Math.round((r.x + (k * r.stepX) / 10 + (k * k * r.curve) / 10) * 10) / 10,
              y: r.y + k,
              flags: r.flags,
            });
          }
          for (const odd of r.odd) {
            const seat = list[list.length - r.length + (odd.at % r.length)]!;
            Object.assign(seat, { number: odd.number, flags: odd.flags, x: odd.x });
          }
        }
        const seats = columnsOf(list);
        const encoded = encodePlanRuns(seats, { width, height });
        expect(encoded.count).toBe(list.length);
        expectSameSeats(decodePlanRuns(JSON.parse(JSON.stringify(encoded))), seats, encoded.scale);
      }),
      { numRuns: 300 },
    );
  });
});

describe('GET …/plans/:planId/runs', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await createTestShop({ arena: true });
  });
  afterAll(() => shop.close());

  it('gives the arena and the theatre the seat map draws today in under a quarter of the bytes, each encoding with its own ETag', async () => {
    const planIds = [(await performanceInfo(shop, shop.demo.arenaPerformanceId)).planId!, (await performanceInfo(shop, shop.demo.theatrePerformanceIds[0]!)).planId!];
    for (const planId of planIds) {
      const columns = await shop.call('GET', sf(`/plans/${planId}`));
      const runs = await shop.call('GET', sf(`/plans/${planId}/runs`));
      expect(columns.status).toBe(200);
      expect(runs.status).toBe(200);
      const { encoding, seats, ...rest } = runs.body;
      expect(encoding).toBe('runs');
      expect(seats.scale).toBe(10);
      // The demo's coordinates are tenths: exactly the same numbers.
      expect({ ...rest, seats: decodePlanRuns(seats) }).toEqual(columns.body);
      expect(JSON.stringify(runs.body).length).toBeLessThan(JSON.stringify(columns.body).length / 4);

      const etag = runs.headers.get('ETag')!;
      expect(etag).toMatch(/^"[0-9a-f]+-runs"$/);
      expect(etag).not.toBe(columns.headers.get('ETag'));
      expect(runs.headers.get('Cache-Control')).toBe('public, max-age=300, must-revalidate');
      expect((await shop.call('GET', sf(`/plans/${planId}/runs`), undefined, { 'If-None-Match': etag })).status).toBe(304);
      expect((await shop.call('GET', sf(`/plans/${planId}/runs`), undefined, { 'If-None-Match': `W/${etag}` })).status).toBe(304);
      // A cache holding the columns never takes them for the runs, nor the other way round.
      expect((await shop.call('GET', sf(`/plans/${planId}/runs`), undefined, { 'If-None-Match': columns.headers.get('ETag')! })).status).toBe(200);
      expect((await shop.call('GET', sf(`/plans/${planId}`), undefined, { 'If-None-Match': etag })).status).toBe(200);
    }
    const arena = await shop.call('GET', sf(`/plans/${planIds[0]}/runs`));
    // 24 sections × 30 rows, the first ring's first rows split by their two wheelchair spaces.
    expect(arena.body.seats.runs.length / 7).toBe(24 * 30 + 12);
  });

  it('follows a change of seat flags with new runs under a new ETag', async () => {
    const planId = (await performanceInfo(shop, shop.demo.theatrePerformanceIds[0]!)).planId!;
    const before = await shop.call('GET', sf(`/plans/${planId}/runs`));
    const seatId = (await shop.call('GET', sf(`/plans/${planId}`))).body.seats.id[10];
    const marked = await shop.org('POST', `/api/org/plans/${planId}/seat-flags`, { seatIds: [seatId], add: ['restrictedView'] });
    expect(marked.status).toBe(200);
    const after = await shop.call('GET', sf(`/plans/${planId}/runs`), undefined, { 'If-None-Match': before.headers.get('ETag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'));
    // The row is cut around the seat: two runs more.
    expect(after.body.seats.runs.length).toBe(before.body.seats.runs.length + 14);
    const decoded = decodePlanRuns(after.body.seats);
    const columns = (await shop.call('GET', sf(`/plans/${planId}`))).body.seats;
    expect(decoded).toEqual(columns);
    expect(decoded.flags[10]).toBe(4);
  });

  it('gives back an imported plan with irregular seats as the columns have them', async () => {
    const venue = await shop.org('POST', '/api/org/venues', { name: 'Salle irrégulière' });
    const plan = await shop.org('POST', `/api/org/venues/${venue.body.id}/plans`, {
      name: 'Cabaret',
      width: 60,
      height: 40,
      zones: [
        { code: 'A', name: 'Tables', color: '#b4235a' },
        { code: 'B', name: 'Bar', color: '#2563eb' },
      ],
      sections: [
        {
          code: 'T',
          name: 'Tables',
          rows: [
            { label: 'T1', seats: ['1', '2', '2bis', '3', '5'].map((number, i) => ({ number, x: 10 + i * 1.25, y: 5.05 + i * i * 0.01, zone: 'A', flags: i === 4 ? ['wheelchair'] : [] })) },
            { label: 'T2', seats: [{ number: '01', x: 3.333, y: 7, zone: 'B' }, { number: '02', x: 4.666, y: 7, zone: 'B' }] },
          ],
        },
        { code: 'BAR', name: 'Bar', rows: [{ label: 'Comptoir', seats: Array.from({ length: 12 }, (_, i) => ({ number: String(i + 1), x: 40 + Math.cos(i / 3) * 8, y: 30 + Math.sin(i / 3) * 8, zone: 'B' })) }] },
      ],
    });
    expect(plan.status).toBe(201);
    const planId = plan.body.id;
    const columns = (await shop.call('GET', sf(`/plans/${planId}`))).body;
    const runs = (await shop.call('GET', sf(`/plans/${planId}/runs`))).body;
    // A plan 60 units wide: its coordinates in thousandths at least.
    expect(runs.seats.scale).toBeGreaterThanOrEqual(1000);
    expectSameSeats(decodePlanRuns(runs.seats), columns.seats, runs.seats.scale);
    expect(decodePlanRuns(runs.seats).number).toEqual(columns.seats.number);
  });

  it('answers 404 plan_not_found for an unknown plan', async () => {
    const unknown = await shop.call('GET', sf('/plans/pln_doesnotexist1/runs'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('plan_not_found');
  });
});
