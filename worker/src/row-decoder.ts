import type { Column, SQL } from 'drizzle-orm';

/**
 * Rows of a bound statement (statementRows) come as arrays, columns in the order of the
 * select. A `selection` names each column once, with what its value must be: the select is
 * built from it and its rows are decoded by it, so names and positions cannot drift apart,
 * and a row of the wrong shape (a column added, a type changed) fails loudly instead of
 * reading the neighbour's value.
 */

/** Checks one value of a row and gives it typed; throws with what it got otherwise. */
export type ValueDecoder<T> = (value: unknown) => T;

const fail = (expects: string, value: unknown): never => {
  throw new TypeError(`expected ${expects}, got ${value === null ? 'null' : typeof value} ${String(value).slice(0, 40)}`);
};

/** An INTEGER column: a number (or a bigint from a driver in bigint mode) that is an integer. */
export const integer: ValueDecoder<number> = (value) => {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : fail('an integer', value);
};

/** A TEXT column. */
export const text: ValueDecoder<string> = (value) => (typeof value === 'string' ? value : fail('a string', value));

/** A column that may be NULL (a nullable column, or any column of a LEFT JOIN). */
export const nullable =
  <T>(inner: ValueDecoder<T>): ValueDecoder<T | null> =>
  (value) =>
    value === null || value === undefined ? null : inner(value);

type Spec = Record<string, readonly [Column | SQL, ValueDecoder<unknown>]>;
export type Decoded<S extends Spec> = { [K in keyof S]: S[K][1] extends ValueDecoder<infer T> ? T : never };

export interface Selection<S extends Spec> {
  /** The fields for `db.select(…)`: drizzle selects them in this (the spec's key) order. */
  fields: { [K in keyof S]: S[K][0] };
  /** One positional row to a typed object; throws on a wrong column count or a wrong value. */
  decode(row: ArrayLike<unknown>): Decoded<S>;
}

/** Names the columns of a select, each with its value decoder (`name` says which query in errors). */
export function selection<S extends Spec>(name: string, spec: S): Selection<S> {
  const keys = Object.keys(spec);
  const decoders = keys.map((key) => spec[key]![1]);
  const fields = Object.fromEntries(keys.map((key) => [key, spec[key]![0]])) as Selection<S>['fields'];
  // Every decoded row starts as a copy of this one, so all have one shape (this runs for every
  // seat of every hold of a flash sale: a row built key by key cost more than the SQL read).
  const blank: Record<string, unknown> = Object.fromEntries(keys.map((key) => [key, null]));
  return {
    fields,
    decode(row) {
      if (row.length !== keys.length) throw new TypeError(`${name}: a row of ${row.length} columns, expected ${keys.length} (${keys.join(', ')})`);
      const out = { ...blank };
      let i = 0;
      try {
        for (; i < keys.length; i++) out[keys[i]!] = decoders[i]!(row[i]);
      } catch (err) {
        throw new TypeError(`${name}: column ${keys[i]}: ${(err as Error).message}`);
      }
      return out as Decoded<S>;
    },
  };
}
