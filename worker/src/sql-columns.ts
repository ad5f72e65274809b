import { getTableName, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * A column named with its table. drizzle leaves columns bare in selected fields and in SET
 * expressions; a correlated subquery needs them qualified, or a name shared by both tables
 * (id, performance_id) silently refers to the inner one.
 */
export const qualified = (column: AnySQLiteColumn) => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
