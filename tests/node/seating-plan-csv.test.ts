import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SeatingPlanImport } from '../../contract/organizer.js';
import { parseSeatingPlanCsv, seatingPlanToCsv, type CsvPlanResult } from '../../contract/seating-plan-csv.js';
import { editableSeatFlags } from '../../contract/seat-flags.js';

/** A trimmed, non-empty code of at most 40 characters: any Unicode, separators, quotes and line breaks included. */
const code = fc
  .string({ unit: fc.oneof(fc.constantFrom(',', ';', '"', '\n', '\r\n', ' ', '\t', 'é', 'ß'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && s.length <= 40);
/** A plan coordinate as a double (never -0: it prints as "0"). */
const coordinate = fc.double({ min: -1_000_000, max: 1_000_000, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const uniqueBy = <T>(arb: fc.Arbitrary<T>, key: (t: T) => string, max: number) => fc.uniqueArray(arb, { minLength: 1, maxLength: max, selector: key });

/** Any plan a CSV can hold: every section has rows, every row seats, every zone named in the options. */
const planArb = fc
  .record({
    zones: uniqueBy(fc.record({ code, name: code, color: fc.constantFrom('#1f6feb', '#B4235A', '#000000') }), (z) => z.code, 5),
    sectionCodes: uniqueBy(fc.record({ code, name: code }), (s) => s.code, 4),
  })
  .chain(({ zones, sectionCodes }) =>
    fc.record({
      name: code,
      width: fc.integer({ min: 1, max: 5000 }),
      height: fc.integer({ min: 1, max: 5000 }),
      zones: fc.constant(zones),
      sections: fc.tuple(
        ...sectionCodes.map((s) =>
          fc.record({
            code: fc.constant(s.code),
            name: fc.constant(s.name),
            rows: uniqueBy(
              fc.record({
                label: code,
                seats: uniqueBy(
                  fc.record({
                    number: code,
                    x: coordinate,
                    y: coordinate,
                    zone: fc.constantFrom(...zones.map((z) => z.code)),
                    flags: fc.subarray([...editableSeatFlags, 'notForSale' as const]),
                  }),
                  (seat) => seat.number,
                  4,
                ),
              }),
              (row) => row.label,
              3,
            ),
          }),
        ),
      ),
      landmarks: fc.constant([]),
    }),
  );

const parsed = (result: CsvPlanResult) => {
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.plan;
};

describe('seating plan CSV', () => {
  it('reads back any plan it wrote, with either separator', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(',' as const, ';' as const), fc.boolean(), (plan, separator, bom) => {
        // The generated plan is exactly what the JSON import would store (schema output).
        expect(v.parse(SeatingPlanImport, plan)).toEqual(plan);
        const csv = (bom ? '\uFEFF' : '') + seatingPlanToCsv(plan, separator);
        const back = parseSeatingPlanCsv(csv, { name: plan.name, zones: plan.zones, width: plan.width, height: plan.height });
        expect(parsed(back)).toEqual(plan);
        if (back.ok) expect(back.separator).toBe(separator);
      }),
      { numRuns: 300 },
    );
  });

  it('takes columns in any order and the separators, decimal commas and BOM Excel writes', () => {
    const excelFr = '\uFEFFZone;Rang;Place;X;Y;Secteur\r\nC1;A;1;10,5;20;PARTERRE\r\nC1;A;2;22,5;20;PARTERRE\r\n;;;;;\r\nC2;B;1;10;40;PARTERRE\r\n';
    const plan = parsed(parseSeatingPlanCsv(excelFr, { name: 'Salle' }));
    expect(plan.sections).toEqual([
      {
        code: 'PARTERRE',
        name: 'PARTERRE',
        rows: [
          { label: 'A', seats: [{ number: '1', x: 10.5, y: 20, zone: 'C1', flags: [] }, { number: '2', x: 22.5, y: 20, zone: 'C1', flags: [] }] },
          { label: 'B', seats: [{ number: '1', x: 10, y: 40, zone: 'C2', flags: [] }] },
        ],
      },
    ]);
  });

  it('reads the optional section_name and flags columns, and zone names given beside the file', () => {
    const csv = 'section,section_name,row,seat,x,y,zone,flags\nP,Parterre,A,1,10,10,Z1,wheelchair\nP,,A,2,20,10,Z1,Begleitperson\nB,"Balcon, côté lac",A,1,10,50,Z2,\n';
    const result = parseSeatingPlanCsv(csv, { name: 'Salle', zones: [{ code: 'Z2', name: 'Catégorie 2', color: '#2563eb' }] });
    const plan = parsed(result);
    expect(plan.sections.map((s) => s.name)).toEqual(['Parterre', 'Balcon, côté lac']);
    expect(plan.sections[0]!.rows[0]!.seats.map((s) => s.flags)).toEqual([['wheelchair'], ['companion']]);
    // Zones given first, in their order; a zone only in the file gets its code as name and a palette colour.
    expect(plan.zones).toEqual([
      { code: 'Z2', name: 'Catégorie 2', color: '#2563eb' },
      { code: 'Z1', name: 'Z1', color: expect.stringMatching(/^#[0-9a-f]{6}$/) },
    ]);
    expect(result.ok && result.counts).toEqual({ sections: 2, rows: 2, seats: 3, zones: 2 });
    // The plan's size: the seats' extent with the same margin on both sides.
    expect([plan.width, plan.height]).toEqual([30, 60]);
  });

  it('reports every problem by line and column, not only the first', () => {
    const csv = [
      'section;row;seat;x;y;zone',
      'P;A;1;10;10;C1',
      'P;A;2;douze;10;C1', // line 3: x is not a number
      'P;A;1;30;10;C1', // line 4: seat A-1 again
      'P;A;3;40;10;', // line 5: no zone
      '"P";"B";"1";"5";"1e9";"C1"', // line 6: y out of range
    ].join('\r\n');
    const result = parseSeatingPlanCsv(csv, { name: 'Salle' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.total).toBe(4);
    expect(result.problems.map(({ line, column, problem }) => ({ line, column, problem }))).toEqual([
      { line: 3, column: 'x', problem: 'not_a_number' },
      { line: 4, column: 'seat', problem: 'duplicate_seat' },
      { line: 5, column: 'zone', problem: 'missing_value' },
      { line: 6, column: 'y', problem: 'out_of_range' },
    ]);
    expect(result.problems[1]).toMatchObject({ earlier: 2, message: expect.stringContaining('line 2') });
  });

  it('counts lines inside quoted fields, and quotes the column names as the header spells them', () => {
    const csv = 'Section,Row,Seat,X,Y,Zone,Flags\n"Parterre\nside",A,1,1,1,Z,wheelchair\nP,A,1,1,1,Z,jumpseat\n';
    const result = parseSeatingPlanCsv(csv, { name: 'Salle' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ line: 4, column: 'Flags', problem: 'unknown_flag', message: expect.stringContaining('jumpseat') }]);
  });

  it('refuses a file without the required columns or without seats', () => {
    const noZone = parseSeatingPlanCsv('section,row,seat,x,y\nP,A,1,1,1\n', { name: 'Salle' });
    expect(noZone).toMatchObject({ ok: false, problems: [{ line: 1, column: 'zone', problem: 'missing_column' }] });
    const twice = parseSeatingPlanCsv('section,row,seat,x,y,zone,Reihe\n', { name: 'Salle' });
    expect(twice).toMatchObject({ ok: false, problems: [{ line: 1, column: 'Reihe', problem: 'duplicate_column' }] });
    expect(parseSeatingPlanCsv('section,row,seat,x,y,zone\r\n', { name: 'Salle' })).toMatchObject({ ok: false, problems: [{ line: null, problem: 'empty_file' }] });
    expect(parseSeatingPlanCsv('\uFEFF \r\n', { name: 'Salle' })).toMatchObject({ ok: false, problems: [{ line: null, problem: 'empty_file' }] });
  });

  it('lists at most 100 problems but counts them all', () => {
    const lines = ['section,row,seat,x,y,zone', ...Array.from({ length: 250 }, (_, i) => `P,A,${i},x${i},1,Z`)];
    const result = parseSeatingPlanCsv(lines.join('\n'), { name: 'Salle' });
    expect(result).toMatchObject({ ok: false, total: 250 });
    if (!result.ok) expect(result.problems).toHaveLength(100);
  });

  it('checks what the options add with the plan schema', () => {
    const result = parseSeatingPlanCsv('section,row,seat,x,y,zone\nP,A,1,1,1,Z\n', { name: 'Salle', zones: [{ code: 'Z', name: 'Zone', color: 'red' }] });
    expect(result).toMatchObject({ ok: false, problems: [{ line: null, column: 'zones.0.color', problem: 'invalid_plan' }] });
  });
});
