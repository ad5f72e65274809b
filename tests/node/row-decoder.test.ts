import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seats, sections } from '../../db/schema/catalog.js';
import { integer, nullable, selection, text } from '../../worker/src/row-decoder.js';

const seat = selection('test seats', {
  id: [seats.id, integer],
  section: [sections.name, text],
  claimExpiresAt: [sql<number | null>`null`, nullable(integer)],
});

describe('row decoder', () => {
  it('names positional columns in the order of the fields given to the select', () => {
    expect(Object.keys(seat.fields)).toEqual(['id', 'section', 'claimExpiresAt']);
    expect(seat.fields.id).toBe(seats.id);
    expect(seat.decode([7, 'Parterre', null])).toEqual({ id: 7, section: 'Parterre', claimExpiresAt: null });
    expect(seat.decode([7n, 'Balcon', 1_700_000_000_000n])).toEqual({ id: 7, section: 'Balcon', claimExpiresAt: 1_700_000_000_000 });
  });

  it('fails loudly on a row of the wrong width or a value of the wrong type, naming the query and column', () => {
    expect(() => seat.decode([7, 'Parterre'])).toThrow('test seats: a row of 2 columns, expected 3 (id, section, claimExpiresAt)');
    expect(() => seat.decode([7, 'Parterre', null, 'extra'])).toThrow(/a row of 4 columns/);
    expect(() => seat.decode(['Parterre', 7, null])).toThrow(/test seats: column id: expected an integer, got string/);
    expect(() => seat.decode([7, null, null])).toThrow(/column section: expected a string, got null/);
    expect(() => seat.decode([7.5, 'Parterre', null])).toThrow(/column id: expected an integer/);
    expect(() => seat.decode([7, 'Parterre', 'soon'])).toThrow(/column claimExpiresAt: expected an integer, got string/);
  });
});
