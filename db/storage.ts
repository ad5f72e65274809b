import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as schema from './schema/index.js';

/**
 * The drizzle database every route uses. libSQL (Node, Turso) and D1 expose the same
 * query builder and an atomic batch(); we type both as the libSQL flavour and never read
 * driver-specific run() results (we use RETURNING instead), so one code path serves both.
 */
export type Db = LibSQLDatabase<typeof schema>;

/** A database and what writing to it must respect; the runtimes (Node, Workers) each make one. */
export interface Storage {
  db: Db;
  /**
   * Largest number of bound parameters in one statement: D1 allows 100, SQLite 32,766.
   * Bulk inserts are chunked by it.
   */
  maxParams: number;
}
