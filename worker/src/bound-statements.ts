import { fillPlaceholders } from 'drizzle-orm';
import type { Db } from './db.js';

/** SQL text with its arguments, ready for the driver's batch. */
export interface BoundStatement {
  sql: string;
  args: unknown[];
}

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
  return (values) => ({ sql, args: fillPlaceholders(params, values) });
}

/**
 * One value per database and shape, made on first use: compiled statements or drizzle prepared
 * queries per number of seats, as `IN (?, ?)` and multi-row inserts have one text per count. A
 * few shapes per statement: the count is bounded by the tickets one request may name.
 */
export function perShape<T>(make: (db: Db, shape: number) => T) {
  const byDb = new WeakMap<Db, Map<number, T>>();
  return (db: Db, shape: number): T => {
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

interface D1Like {
  prepare(sql: string): { bind(...args: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown>;
}
interface LibsqlLike {
  batch(statements: { sql: string; args: unknown[] }[], mode?: 'write'): Promise<unknown>;
}

/**
 * Runs bound statements as one atomic batch on the database's own driver: libSQL (the Node
 * file client, Turso) or D1, the same all-or-nothing batch drizzle's db.batch() uses. Errors
 * are the driver's (constraint names in their message, as isUniqueViolation expects).
 */
export async function runBatch(db: Db, statements: BoundStatement[]): Promise<void> {
  const client = (db as unknown as { $client: D1Like | LibsqlLike }).$client;
  // libSQL clients execute(); a D1 binding has no execute(), it prepares and binds.
  if (typeof (client as { execute?: unknown }).execute !== 'function') {
    const d1 = client as D1Like;
    await d1.batch(statements.map((s) => d1.prepare(s.sql).bind(...s.args)));
    return;
  }
  await (client as LibsqlLike).batch(statements, 'write');
}
