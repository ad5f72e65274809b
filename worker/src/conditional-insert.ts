import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './db.js';

/**
 * `INSERT INTO table (…) SELECT <row> WHERE <condition>`: a row written only if the condition
 * holds when the batch runs. Jobs use it to batch many orders at once: an order that changed
 * meanwhile (paid, cancelled, already reminded) is skipped instead of aborting the batch.
 * With `from`, one row per row of that table meeting the condition, and values may be SQL
 * over its columns (see qualified); `from` may also be a join written in SQL. Missing values take the column default, as drizzle's
 * own insert does (our tables have no generated columns, which drizzle would leave out).
 */
export function insertWhere<T extends SQLiteTable>(db: Db, table: T, row: { [K in keyof T['$inferInsert']]: T['$inferInsert'][K] | SQL }, condition: SQL, from?: SQLiteTable | SQL) {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = (row as Record<string, unknown>)[key];
    if (value !== undefined) return is(value, SQL) ? value : sql.param(value, column);
    if (column.default !== undefined && column.default !== null) return is(column.default, SQL) ? column.default : sql.param(column.default, column);
    return sql`NULL`;
  });
  return db.insert(table).select(sql`SELECT ${sql.join(values, sql`, `)}${from ? sql` FROM ${from}` : sql``} WHERE ${condition}`);
}
