import { createRequire } from 'node:module';
import { type Client, type InArgs, type InStatement, LibsqlBatchError, LibsqlError, type ResultSet, type Row, type Transaction, type TransactionMode } from '@libsql/client';
import type LibsqlDatabase from 'libsql';
import { type CheckpointReport, checkpointPassive } from './wal-checkpointer.js';

/**
 * A @libsql/client `Client` for a local libSQL file that keeps its prepared statements.
 *
 * Why: the stock local client prepares every statement again on every call (SQLite parses
 * and plans the SQL each time), probes whether it returns rows by letting `raw()` throw, asks
 * for the column list twice, and builds each row with a property definition per cell. On the
 * hold path that was about a third of the server's CPU. Drizzle generates the same SQL text
 * for the same query shape (values are bound parameters), so a cache keyed by the SQL text
 * hits on every request after the first.
 *
 * What stays the same: one connection (see openNodeStorage), a batch is BEGIN … COMMIT on it,
 * executed synchronously so nothing else runs in between; errors are the same LibsqlError /
 * LibsqlBatchError with SQLite's message (the race detection in worker/src/db.ts reads it);
 * integers come back as numbers and refuse to lose precision, as with intMode "number".
 *
 * Interactive transactions are refused: the codebase never uses them (every state change is
 * one batch), and on a single shared connection one would swallow other requests' statements.
 */
type Database = LibsqlDatabase.Database;
type NativeStatement = LibsqlDatabase.Statement;
type SqlValue = null | number | bigint | string | Buffer;

const Database = createRequire(import.meta.url)('libsql') as typeof LibsqlDatabase & { SqliteError: new (...args: never[]) => Error & { code: string; rawCode?: number } };

/** Enough for every query shape of the app (seat lists of 1–10, chunked inserts) with room to spare. */
const MAX_CACHED_STATEMENTS = 500;

interface CachedStatement {
  statement: NativeStatement;
  /** Returns rows (a SELECT, or a write with RETURNING). */
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  /** Rows of this statement inherit index access and `length` from here, as @libsql/client rows have. */
  rowPrototype: object | null;
  /** Changes the schema: never cached, and empties the cache once run (column lists may change). */
  ddl: boolean;
}

const VALUES = Symbol('values');

/**
 * Rows as @libsql/client shapes them: column names as enumerable own properties (the first of
 * duplicate names wins), indexes and `length` not enumerable. Index access goes through the
 * prototype instead of one defineProperty per cell.
 */
export function rowPrototypeFor(columns: string[]): object {
  const proto: PropertyDescriptorMap = { length: { value: columns.length, enumerable: false } };
  for (let i = 0; i < columns.length; i++) {
    proto[i] = {
      get(this: { [VALUES]: unknown[] }) {
        return this[VALUES][i];
      },
      enumerable: false,
    };
  }
  return Object.create(Object.prototype, proto);
}

export function makeRow(proto: object, columns: string[], values: unknown[]): Row {
  const row = Object.create(proto) as Record<string | symbol, unknown>;
  Object.defineProperty(row, VALUES, { value: values, enumerable: false });
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i]!;
    if (!Object.hasOwn(row, name)) row[name] = values[i];
  }
  return row as unknown as Row;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INTEGER = -(2n ** 63n);
const MAX_INTEGER = 2n ** 63n - 1n;

function valueFromSql(value: SqlValue): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

function valueToSql(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return value;
    case 'bigint':
      // libsql would wrap it around silently and store another number.
      if (value < MIN_INTEGER || value > MAX_INTEGER) throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      if (value instanceof Date) return value.valueOf();
      return value;
  }
}

function argsToSql(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) {
    const out = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = valueToSql(args[i]);
    return out;
  }
  const named: Record<string, unknown> = {};
  for (const name in args) {
    const key = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name;
    named[key] = valueToSql((args as Record<string, unknown>)[name]);
  }
  return named;
}

function mapError(err: unknown): unknown {
  if (err instanceof Database.SqliteError) {
    const raw = err.rawCode;
    return new LibsqlError(err.message, raw === undefined ? 'SQLITE_UNKNOWN' : baseCode(raw, err.code), err.code, raw, err);
  }
  return err;
}

/** The base result code's name, as @libsql/client reports it (extended codes are base | n << 8). */
function baseCode(raw: number, extended: string): string {
  const base = raw & 0xff;
  if (base === raw) return extended;
  const name = BASE_CODES[base];
  return name ?? extended.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
}
const BASE_CODES: Record<number, string> = { 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT', 19: 'SQLITE_CONSTRAINT' };

export class LocalResultSet implements ResultSet {
  constructor(
    public columns: string[],
    public columnTypes: string[],
    public rows: Row[],
    public rowsAffected: number,
    public lastInsertRowid: bigint | undefined,
  ) {}
  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) => Array.prototype.map.call(row, (v) => (typeof v === 'bigint' ? `${v}` : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v))),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : `${this.lastInsertRowid}`,
    };
  }
}

function modeToBegin(mode: TransactionMode): string {
  return mode === 'write' ? 'BEGIN IMMEDIATE' : mode === 'read' ? 'BEGIN TRANSACTION READONLY' : 'BEGIN DEFERRED';
}

const DDL = /^\s*(CREATE|ALTER|DROP|VACUUM|REINDEX|ATTACH|DETACH)\b/i;
/** Statements that write (with or without RETURNING): they go through the group commit. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** Both local clients refuse interactive transactions alike (see the class comment above). */
export function interactiveTransactionRefused(): LibsqlError {
  return new LibsqlError(
    'Interactive transactions are not used here: every state change is one batch (client.batch), which runs alone on the connection.',
    'TRANSACTION_UNSUPPORTED',
  );
}

export class LocalFileClient implements Client {
  readonly protocol = 'file';
  closed = false;
  #db: Database;
  #cache = new Map<string, CachedStatement>();
  #queue: { stmts: (InStatement | [string, InArgs?])[]; resolve: (results: ResultSet[]) => void; reject: (err: unknown) => void }[] = [];
  #flushScheduled = false;
  readonly #path: string;
  /** Statement cache figures, for the benchmarks. */
  readonly stats = { hits: 0, misses: 0 };

  /** Rows as plain value arrays (the writer thread sends them on; db/thread-client.ts builds the rows). */
  readonly #rawRows: boolean;

  constructor(path: string, options: { rawRows?: boolean } = {}) {
    this.#path = path;
    this.#rawRows = options.rawRows ?? false;
    this.#db = new Database(path, {});
  }

  #statement(sql: string): CachedStatement {
    const cached = this.#cache.get(sql);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const statement = this.#db.prepare(sql);
    statement.safeIntegers(true);
    const reader = statement.reader;
    let columns: string[] = [];
    let columnTypes: string[] = [];
    if (reader) {
      statement.raw(true);
      const described = statement.columns();
      columns = described.map((c) => c.name);
      columnTypes = described.map((c) => c.type ?? '');
    }
    const ddl = DDL.test(sql);
    const entry: CachedStatement = { statement, reader, columns, columnTypes, rowPrototype: reader ? rowPrototypeFor(columns) : null, ddl };
    // Schema changes re-prepare cached statements inside SQLite, but their column lists would be stale: only DML is kept.
    if (!ddl) {
      if (this.#cache.size >= MAX_CACHED_STATEMENTS) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(sql, entry);
    }
    return entry;
  }

  #run(stmt: InStatement): LocalResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : argsToSql(stmt.args);
    try {
      const entry = this.#statement(sql);
      if (entry.reader) {
        const raw = entry.statement.all(args) as SqlValue[][];
        const rows = new Array<Row>(raw.length);
        for (let r = 0; r < raw.length; r++) {
          const values = raw[r]!;
          for (let i = 0; i < values.length; i++) {
            const v = values[i]!;
            if (typeof v === 'bigint' || v instanceof Buffer) (values as unknown[])[i] = valueFromSql(v);
          }
          rows[r] = this.#rawRows ? (values as unknown as Row) : makeRow(entry.rowPrototype!, entry.columns, values);
        }
        return new LocalResultSet(entry.columns, entry.columnTypes, rows, 0, undefined);
      }
      const info = entry.statement.run(args);
      if (entry.ddl) this.#cache.clear();
      return new LocalResultSet([], [], [], Number(info.changes), BigInt(info.lastInsertRowid));
    } catch (err) {
      throw mapError(err);
    }
  }

  #checkOpen() {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#checkOpen();
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    if (!WRITE.test(typeof stmt === 'string' ? stmt : stmt.sql)) return this.#run(stmt);
    try {
      return (await this.#enqueue([stmt]))[0]!;
    } catch (err) {
      // A single statement reports as execute() does, not as a batch.
      // Its message carries the code twice (batch and statement); SQLite's own message is the cause's.
      if (err instanceof LibsqlBatchError) throw new LibsqlError(err.cause instanceof Error ? err.cause.message : err.message, err.code, err.extendedCode, err.rawCode, err.cause instanceof Error ? err.cause : undefined);
      throw err;
    }
  }

  /**
   * Group commit. Writes wait for the end of the current turn of the event loop; then every
   * write queued by then runs in ONE transaction, each batch inside its own savepoint, so a
   * batch that fails (a lost race, a batch guard) is rolled back alone and the others commit
   * together. A commit writes the WAL once for all of them instead of once per request: on a
   * busy server that is most of the I/O of a hold (a reservation, the hold batch and the
   * stored answer were three commits). Every caller learns its outcome only after COMMIT, and
   * each batch still runs alone and in order on the connection, so atomicity and "the
   * database decides the race" hold exactly as with one transaction per batch.
   */
  #enqueue(stmts: (InStatement | [string, InArgs?])[]): Promise<ResultSet[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ stmts, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    const group = this.#queue;
    this.#queue = [];
    if (group.length === 0) return;
    if (this.closed) {
      for (const item of group) item.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
      return;
    }
    if (group.length === 1) {
      const [only] = group;
      try {
        only!.resolve(this.#batchSync(only!.stmts, 'BEGIN IMMEDIATE'));
      } catch (err) {
        only!.reject(err);
      }
      return;
    }
    const outcomes: ({ ok: true; results: ResultSet[] } | { ok: false; error: unknown })[] = [];
    try {
      this.#run('BEGIN IMMEDIATE');
      for (const item of group) {
        this.#run('SAVEPOINT group_item');
        try {
          outcomes.push({ ok: true, results: this.#statementsOf(item.stmts) });
          this.#run('RELEASE group_item');
        } catch (err) {
          // An error that ended the whole transaction (not a constraint or guard) fails the group.
          if (!this.#db.inTransaction) throw err;
          this.#run('ROLLBACK TO group_item');
          this.#run('RELEASE group_item');
          outcomes.push({ ok: false, error: err });
        }
      }
      this.#run('COMMIT');
    } catch (err) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      for (const item of group) item.reject(err);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.results);
      else item.reject(outcome.error);
    });
  }

  /** Runs a batch's statements in order, naming the failing one as @libsql/client does. */
  #statementsOf(stmts: (InStatement | [string, InArgs?])[]): ResultSet[] {
    const results: ResultSet[] = [];
    for (let i = 0; i < stmts.length; i++) {
      const stmt = stmts[i]!;
      try {
        results.push(this.#run(Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt));
      } catch (err) {
        if (err instanceof LibsqlError) throw new LibsqlBatchError(err.message, i, err.code, err.extendedCode, err.rawCode, err.cause instanceof Error ? err.cause : undefined);
        throw err;
      }
    }
    return results;
  }

  /** Runs what is queued now (before a migration, a script or closing). */
  #flushNow(): void {
    if (this.#queue.length > 0) this.#flush();
  }

  /** BEGIN, every statement, COMMIT, synchronously: no other request's statement can run in between. */
  #batchSync(stmts: (InStatement | [string, InArgs?])[], begin: string): ResultSet[] {
    this.#run(begin);
    try {
      const results = this.#statementsOf(stmts);
      this.#run('COMMIT');
      return results;
    } finally {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    }
  }

  async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.#checkOpen();
    if (mode === 'read') return this.#batchSync(stmts, modeToBegin(mode));
    return this.#enqueue(stmts);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    this.#flushNow();
    this.#run('PRAGMA foreign_keys=off');
    try {
      return this.#batchSync(stmts, 'BEGIN DEFERRED');
    } finally {
      this.#cache.clear();
      this.#run('PRAGMA foreign_keys=on');
    }
  }

  async transaction(): Promise<Transaction> {
    throw interactiveTransactionRefused();
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    this.#flushNow();
    try {
      this.#db.exec(sql);
    } catch (err) {
      throw mapError(err);
    } finally {
      this.#cache.clear();
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    }
  }

  /** SQLite's auto-checkpoint on this connection, in WAL pages (0: never; the writer thread's checkpoints run beside it). */
  setAutoCheckpoint(pages: number): void {
    this.#checkOpen();
    this.#db.exec(`PRAGMA wal_autocheckpoint = ${Math.max(0, Math.trunc(pages))}`);
  }

  /** A PASSIVE checkpoint on this connection, run between two group commits (db/wal-checkpointer.ts). */
  checkpointPassive(): CheckpointReport {
    this.#checkOpen();
    return checkpointPassive(this.#db);
  }

  /** Another connection changed the schema (db/thread-client.ts): kept statements' column lists may be stale. */
  forgetStatements(): void {
    this.#cache.clear();
  }

  async sync(): Promise<undefined> {
    return undefined;
  }

  reconnect(): void {
    this.close();
    this.#db = new Database(this.#path, {});
    this.closed = false;
  }

  close(): void {
    if (this.closed) return;
    this.#flushNow();
    this.closed = true;
    this.#cache.clear();
    try {
      if (this.#db.open) this.#db.close();
    } catch {
      // closing twice or after a failed open: nothing left to release
    }
  }
}

/** The path of a plain local file URL, or null when the stock client must handle it (remote, in-memory, options). */
export function localFilePath(url: string): string | null {
  if (!url.startsWith('file:') || url.includes('?') || url.includes(':memory:')) return null;
  let path = url.slice('file:'.length);
  if (path.startsWith('//')) {
    // file:///abs/path or file://localhost/abs/path
    path = path.slice(2);
    if (path.startsWith('localhost/')) path = path.slice('localhost'.length);
    if (!path.startsWith('/')) return null;
  }
  return path === '' ? null : decodeURIComponent(path);
}
