import { getTableColumns, getTableName, is, Param, Placeholder, type Table } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './db.js';

/** SQL text with its arguments, ready for the driver's batch. */
export interface BoundStatement {
  sql: string;
  args: unknown[];
}

type Slot = { constant: unknown } | { name: string; encode: ((value: unknown) => unknown) | undefined };

/** A query compiled once: binding it is filling an array, not building SQL. */
export type CompiledStatement<V> = (values: V) => BoundStatement;

/**
 * Turns a drizzle query written with `sql.placeholder()` into SQL text once; each call then only
 * fills the placeholders (with the columns' own encoders, e.g. booleans as 0/1). The schema
 * stays the one source of table and column names, while the hot path (a hold in a flash sale)
 * skips drizzle's query building, which cost more CPU per hold than SQLite took to run it.
 */
export function compileStatement<V extends Record<string, unknown>>(query: { toSQL(): { sql: string; params: unknown[] } }): CompiledStatement<V> {
  const { sql, params } = query.toSQL();
  // What drizzle's fillPlaceholders does on every call, decided once per parameter: a
  // constant, or a placeholder bound as is or through its column's encoder.
  const slots = params.map((param): Slot => {
    if (is(param, Placeholder)) return { name: param.name, encode: undefined };
    if (is(param, Param) && is(param.value, Placeholder)) return { name: param.value.name, encode: (value) => param.encoder.mapToDriverValue(value) };
    return { constant: param };
  });
  return (values) => {
    const args = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (!('name' in slot)) args[i] = slot.constant;
      else if (!(slot.name in values)) throw new Error(`No value for placeholder "${slot.name}"`);
      else args[i] = slot.encode ? slot.encode(values[slot.name]) : values[slot.name];
    }
    return { sql, args };
  };
}

/**
 * One value per database and shape, made on first use: compiled statements or drizzle prepared
 * queries per number of seats, as `IN (?, ?)` and multi-row inserts have one text per count. A
 * few shapes per statement: the count is bounded by the tickets one request may name. A
 * statement of one shape only is asked for without one.
 */
export function perShape<T>(make: (db: Db, shape: number) => T) {
  const byDb = new WeakMap<Db, Map<number, T>>();
  return (db: Db, shape = 0): T => {
    let shapes = byDb.get(db);
    if (!shapes) byDb.set(db, (shapes = new Map()));
    let made = shapes.get(shape);
    if (made === undefined) shapes.set(shape, (made = make(db, shape)));
    return made;
  };
}

/** Compiled statements per database and shape (see perShape). */
export function compiledCache<V extends Record<string, unknown>>(build: (db: Db, shape: number) => { toSQL(): { sql: string; params: unknown[] } }) {
  return perShape((db, shape) => compileStatement<V>(build(db, shape)));
}

/**
 * A statement of a write batch: bound from a compiled statement (the hot paths), or a drizzle
 * query builder (everything else), which runBatch turns into its SQL text and values as
 * drizzle's own batch would. One batch may mix both.
 */
export type BatchStatement = BoundStatement | BatchItem<'sqlite'>;

interface BuiltQuery {
  toSQL?(): { sql: string; params: unknown[] };
  getQuery?(): { sql: string; params: unknown[] };
}

const isBound = (statement: BatchStatement): statement is BoundStatement =>
  typeof (statement as Partial<BoundStatement>).sql === 'string' && Array.isArray((statement as Partial<BoundStatement>).args);

/** The statement's SQL text and driver values (a builder's params come out of toSQL() already encoded, e.g. booleans as 0/1). */
export function boundOf(statement: BatchStatement): BoundStatement {
  if (isBound(statement)) return statement;
  const built = statement as BuiltQuery;
  const query = built.toSQL ? built.toSQL() : built.getQuery?.();
  if (!query) throw new TypeError('A batch statement must be bound or a drizzle query');
  return { sql: query.sql, args: query.params };
}

/**
 * Decodes the rows of a compiled `.returning()` (all of the table's columns, in the schema's
 * order, as drizzle selects them) as drizzle would: each value through its column's decoder
 * (JSON text parsed, 0/1 to a boolean), NULL as null.
 */
export function returnedRow<T extends Table>(table: T): (row: ArrayLike<unknown>) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table));
  const name = getTableName(table);
  return (row) => {
    if (row.length !== columns.length) throw new TypeError(`${name}: a returned row of ${row.length} columns, expected ${columns.length}`);
    const decoded: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const [key, column] = columns[i]!;
      const value = row[i];
      decoded[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return decoded as T['$inferSelect'];
  };
}

interface D1Like {
  prepare(sql: string): { bind(...args: unknown[]): { raw(): Promise<unknown[][]> } };
  batch(statements: unknown[]): Promise<{ results?: Record<string, unknown>[] }[]>;
}
interface LibsqlLike {
  batch(statements: { sql: string; args: unknown[] }[], mode?: 'write'): Promise<{ rows: ArrayLike<unknown>[] }[]>;
  execute(statement: { sql: string; args: unknown[] }): Promise<{ rows: ArrayLike<unknown>[] }>;
}

const clientOf = (db: Db) => (db as unknown as { $client: D1Like | LibsqlLike }).$client;
// libSQL clients execute(); a D1 binding has no execute(), it prepares and binds.
const isD1 = (client: D1Like | LibsqlLike): client is D1Like => typeof (client as { execute?: unknown }).execute !== 'function';

/**
 * Runs one bound statement on the database's own driver, a read or a write with RETURNING (a
 * write outside a batch is its own transaction); rows come as arrays, columns in order.
 */
export async function statementRows(db: Db, statement: BoundStatement): Promise<ArrayLike<unknown>[]> {
  const client = clientOf(db);
  if (isD1(client)) return client.prepare(statement.sql).bind(...statement.args).raw();
  return (await client.execute(statement)).rows;
}

/**
 * Runs statements as one atomic batch on the database's own driver: libSQL (the Node file
 * client, Turso) or D1, the same all-or-nothing batch drizzle's db.batch() uses. Gives each
 * statement's rows (a RETURNING's), as arrays, columns in order. Errors are the driver's
 * (constraint names in their message, as isUniqueViolation expects).
 */
export async function runBatch(db: Db, statements: BatchStatement[]): Promise<ArrayLike<unknown>[][]> {
  const client = clientOf(db);
  const bound = statements.map(boundOf);
  if (isD1(client)) {
    const results = await client.batch(bound.map((s) => client.prepare(s.sql).bind(...s.args)));
    // D1 gives a batch's rows as objects, their keys in the columns' order (a table's RETURNING: its names are distinct).
    return results.map((result) => (result.results ?? []).map((row) => Object.values(row)));
  }
  return (await client.batch(bound, 'write')).map((result) => result.rows);
}
