import { createRequire } from 'node:module';
import type LibsqlDatabase from 'libsql';
import type { SqlValue } from './values.js';

// One SQLite connection on the stand-in's libSQL file, with its prepared statements kept (the
// client sends the same SQL text again and again). A stream owns one while it lives; see
// streams.ts for why a connection outlives its stream.

const Database = createRequire(import.meta.url)('libsql') as typeof LibsqlDatabase;

type Statement = LibsqlDatabase.Statement;

export interface Prepared {
  statement: Statement;
  reader: boolean;
  cols: { name: string; decltype: string | null }[];
}

export interface RunResult {
  cols: { name: string; decltype: string | null }[];
  rows: unknown[][];
  affectedRowCount: number;
  lastInsertRowid: bigint | null;
}

const MAX_CACHED = 200;
// Schema changes make cached column lists stale: such statements are not kept, and empty the cache.
const DDL = /^\s*(CREATE|ALTER|DROP)\b/i;

export class Connection {
  readonly db: LibsqlDatabase.Database;
  #cache = new Map<string, Prepared>();
  #changes: Statement;
  #totalChanges: Statement;

  constructor(path: string, pragmas: string[]) {
    this.db = new Database(path);
    for (const pragma of pragmas) this.db.exec(`PRAGMA ${pragma}`);
    this.#changes = this.db.prepare('SELECT changes(), last_insert_rowid(), total_changes()').raw(true).safeIntegers(true);
    this.#totalChanges = this.db.prepare('SELECT total_changes()').raw(true).safeIntegers(true);
  }

  get autocommit(): boolean {
    return !this.db.inTransaction;
  }

  prepare(sql: string): Prepared {
    const cached = this.#cache.get(sql);
    if (cached) return cached;
    const statement = this.db.prepare(sql);
    statement.safeIntegers(true);
    const reader = statement.reader;
    if (reader) statement.raw(true);
    const prepared: Prepared = {
      statement,
      reader,
      cols: reader ? statement.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
    };
    if (DDL.test(sql)) return prepared;
    if (this.#cache.size >= MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(sql, prepared);
    return prepared;
  }

  /** Positional arguments, then named ones without their prefix (`:a`, `@a`, `$a` bind as `a`). */
  run(sql: string, args: SqlValue[], named: Record<string, SqlValue> | null, wantRows: boolean): RunResult {
    const prepared = this.prepare(sql);
    const bind: unknown[] = named ? [...args, named] : args;
    try {
      // The libsql package does not say whether a statement writes, and run()'s lastInsertRowid
      // is a lossy JS number: SQLite's own counters are asked instead. A statement that changed
      // nothing (a read, or a write that matched no row) reports 0 rows and no rowid.
      const [before] = this.#totalChanges.get() as [bigint];
      const rows = prepared.reader ? (prepared.statement.all(...bind) as unknown[][]) : (prepared.statement.run(...bind), []);
      const [changes, rowid, total] = this.#changes.get() as [bigint, bigint, bigint];
      const wrote = total !== before;
      return { cols: prepared.cols, rows: wantRows ? rows : [], affectedRowCount: wrote ? Number(changes) : 0, lastInsertRowid: wrote ? rowid : null };
    } finally {
      if (DDL.test(sql)) this.#cache.clear();
    }
  }

  /** Several statements in one string, no results (Hrana's `sequence`). */
  exec(sql: string): void {
    try {
      this.db.exec(sql);
    } finally {
      this.#cache.clear();
    }
  }

  close(): void {
    this.#cache.clear();
    if (this.db.open) this.db.close();
  }
}
