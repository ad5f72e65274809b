import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Client, type InArgs, type InStatement, LibsqlBatchError, LibsqlError, type ResultSet, type Transaction, type TransactionMode } from '@libsql/client';
import { interactiveTransactionRefused, LocalFileClient, LocalResultSet, makeRow, rowPrototypeFor } from './local-client.js';
import type { CheckpointPolicy } from './wal-checkpointer.js';
import type { WireError, WireResult, WireStatement, WriterReply, WriterRequest } from './writer-protocol.js';

/**
 * A @libsql/client `Client` for a local libSQL file whose write connection and group commit run
 * in a worker thread (db/write-worker.ts), so SQLite's writes stop sharing the HTTP thread.
 *
 * Everything that writes (batches, INSERT/UPDATE/DELETE, migrations, scripts) is posted to the
 * writer thread, where LocalFileClient runs it exactly as the single-thread server does: each
 * batch in its own savepoint of one group transaction, all-or-nothing, the database deciding
 * races. Its outcome comes back after COMMIT; errors are rebuilt as the same LibsqlError /
 * LibsqlBatchError (code, extended code, statement index, SQLite's message as cause), so a lost
 * race is still recognised by worker/src/db.ts.
 *
 * Reads ("local", the default) run on a second connection on this thread, `query_only`: in WAL
 * mode a read sees every transaction committed before it starts, and a write's promise resolves
 * only after its COMMIT, so a request still reads its own writes. With reads "writer" every
 * statement goes to the writer thread.
 */
export type ThreadClientReads = 'local' | 'writer';

/** Plain reads (no write hidden in a CTE): everything else goes to the writer. */
const READ = /^\s*(SELECT|WITH|VALUES|EXPLAIN)\b/i;
const WRITE_WORD = /\b(INSERT|UPDATE|DELETE|REPLACE)\b/i;
const PRAGMA = /^\s*PRAGMA\b/i;

/** Distinct SQL texts sent by number (see WireStatement): far more than the app's statement shapes. */
const MAX_INTERNED_SQL = 5_000;

interface Pending {
  resolve: (results: ResultSet[]) => void;
  reject: (err: unknown) => void;
}

export class ThreadFileClient implements Client {
  readonly protocol = 'file';
  closed = false;
  readonly #path: string;
  readonly #reads: ThreadClientReads;
  readonly #checkpoints: CheckpointPolicy | undefined;
  #worker!: Worker;
  #reader: LocalFileClient | null = null;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  /** Set once the writer thread ended without being asked to: every later call fails with it at once. */
  #stopped: Error | null = null;
  #exited: Promise<void> = Promise.resolve();
  /** Row prototypes by column list: one per query shape, not one per result. */
  #prototypes = new Map<string, object>();

  /** `checkpoints`: when the WAL is checkpointed beside the writer (db/wal-checkpointer.ts; its default unless a test needs another). */
  constructor(path: string, options: { reads?: ThreadClientReads; checkpoints?: CheckpointPolicy } = {}) {
    this.#path = path;
    this.#reads = options.reads ?? 'local';
    this.#checkpoints = options.checkpoints;
    this.#open();
  }

  #open(): void {
    this.#worker = new Worker(writerEntry(), { workerData: { path: this.#path, checkpoints: this.#checkpoints } });
    this.#sqlIds.clear();
    // Only requests in flight keep the process alive (a script's last await, not an idle server).
    this.#worker.unref();
    this.#worker.on('message', (replies: WriterReply[]) => {
      for (const reply of replies) this.#settle(reply);
    });
    this.#stopped = null;
    const worker = this.#worker;
    this.#exited = new Promise((done) => worker.once('exit', () => done()));
    worker.on('error', (err) => {
      this.#stopped = new LibsqlError(`The database writer thread failed: ${err.message}`, 'CLIENT_CLOSED', undefined, undefined, err);
      this.#failAll(this.#stopped);
    });
    worker.on('exit', () => {
      if (worker !== this.#worker) return;
      this.#stopped ??= new LibsqlError('The database writer thread stopped', 'CLIENT_CLOSED');
      this.#failAll(this.#stopped);
    });
    if (this.#reads === 'local') {
      this.#reader = new LocalFileClient(this.#path);
      // A write that slipped past the routing fails loudly instead of racing the writer for the lock.
      void this.#reader.execute('PRAGMA query_only = ON');
    }
  }

  #settle(reply: WriterReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply.results.map((r) => this.#resultSet(r)));
    else pending.reject(errorFromWire(reply.error));
  }

  #failAll(err: unknown): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(err);
  }

  #resultSet(r: WireResult): ResultSet {
    if (r.columns.length === 0) return new LocalResultSet([], [], [], r.rowsAffected, r.lastInsertRowid);
    const key = r.columns.join('\u0000');
    let proto = this.#prototypes.get(key);
    if (!proto) {
      proto = rowPrototypeFor(r.columns);
      if (this.#prototypes.size < 1000) this.#prototypes.set(key, proto);
    }
    const rows = r.rows.map((values) => makeRow(proto!, r.columns, values));
    return new LocalResultSet(r.columns, r.columnTypes, rows, r.rowsAffected, r.lastInsertRowid);
  }

  /**
   * Posts a request. Writes (`deferred`) wait for the end of this turn of the event loop and go
   * as one message: every batch queued in one turn reaches the writer together and joins the
   * same group commit, as with the calling-thread client, for one message each way per group
   * instead of per batch. Anything else goes at once, after what is queued (order is kept).
   */
  #post(op: WriterRequest['op'], stmts: WriterRequest['stmts'], extra: Partial<WriterRequest> = {}, deferred = false): Promise<ResultSet[]> {
    return new Promise((resolve, reject) => {
      if (this.#stopped) return reject(this.#stopped);
      const id = this.#nextId++;
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      const request: WriterRequest = { id, op, stmts, ...extra };
      if (deferred) {
        this.#outbox.push(request);
        if (!this.#outboxScheduled) {
          this.#outboxScheduled = true;
          setImmediate(() => this.#sendOutbox());
        }
        return;
      }
      this.#sendOutbox();
      this.#send([request]);
    });
  }

  #outbox: WriterRequest[] = [];
  #outboxScheduled = false;

  #sendOutbox(): void {
    this.#outboxScheduled = false;
    const requests = this.#outbox;
    this.#outbox = [];
    if (requests.length > 0) this.#send(requests);
  }

  #send(requests: WriterRequest[]): void {
    const introduced: string[] = [];
    try {
      this.#worker.postMessage(requests.map((request) => (request.stmts.length === 0 ? request : { ...request, stmts: request.stmts.map((stmt) => this.#interned(stmt, introduced)) })));
    } catch (err) {
      // The writer never got these texts: they go again, whole, with whatever is sent next.
      for (const sql of introduced) this.#sqlIds.delete(sql);
      // A value structured clone refuses (a function, a symbol): only its caller fails, as a driver refuses an argument.
      if (requests.length > 1) {
        for (const request of requests) this.#send([request]);
        return;
      }
      const pending = this.#pending.get(requests[0]!.id);
      this.#pending.delete(requests[0]!.id);
      if (this.#pending.size === 0) this.#worker.unref();
      pending?.reject(err);
    }
  }

  /** SQL texts the writer thread knows by number (writer-protocol.ts WireStatement); a new writer thread starts with none. */
  #sqlIds = new Map<string, number>();
  #nextSqlId = 1;

  #interned(stmt: WireStatement, introduced: string[]): WireStatement {
    if (stmt.sql === undefined) return stmt;
    const known = this.#sqlIds.get(stmt.sql);
    if (known !== undefined) return { q: known, args: stmt.args };
    // Statements are compiled per shape, so their texts are few; past the cap (SQL built with
    // values inlined, say) a text simply travels whole each time.
    if (this.#sqlIds.size >= MAX_INTERNED_SQL) return stmt;
    const q = this.#nextSqlId++;
    this.#sqlIds.set(stmt.sql, q);
    introduced.push(stmt.sql);
    return { sql: stmt.sql, q, args: stmt.args };
  }

  #checkOpen() {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  /** After the writer changed the schema, the read connection's kept statements may have stale column lists. */
  #schemaChanged(): void {
    this.#reader?.forgetStatements();
    this.#prototypes.clear();
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#checkOpen();
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const wire = { sql, args: typeof stmt === 'string' ? [] : stmt.args };
    if (this.#reader && READ.test(sql) && !WRITE_WORD.test(sql)) return this.#reader.execute(stmt);
    if (PRAGMA.test(sql)) {
      // Connection settings apply to both connections; the writer's answer is the one returned.
      const [result] = await this.#post('execute', [wire]);
      if (this.#reader) await this.#reader.execute(stmt);
      return result!;
    }
    const ddl = /^\s*(CREATE|ALTER|DROP)\b/i.test(sql);
    const [result] = await this.#post('execute', [wire], {}, !ddl);
    if (ddl) this.#schemaChanged();
    return result!;
  }

  async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.#checkOpen();
    if (mode === 'read' && this.#reader) return this.#reader.batch(stmts, mode);
    return this.#post('batch', stmts.map(wireStatement), { mode }, true);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    try {
      return await this.#post('migrate', stmts.map(wireStatement));
    } finally {
      this.#schemaChanged();
    }
  }

  async transaction(): Promise<Transaction> {
    throw interactiveTransactionRefused();
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    try {
      await this.#post('executeMultiple', [], { sql });
    } finally {
      this.#schemaChanged();
    }
  }

  async sync(): Promise<undefined> {
    return undefined;
  }

  reconnect(): void {
    this.close();
    this.closed = false;
    this.#open();
  }

  /**
   * Stops taking statements. The writer commits what it already has, closes its connection and
   * ends; callers still waiting get their outcome first (their replies precede the thread's end).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const worker = this.#worker;
    this.#post('close', []).then(
      () => void worker.terminate(),
      () => void worker.terminate(),
    );
    this.#reader?.close();
    this.#reader = null;
  }

  /** Resolves once the writer thread has committed what it had, closed its connection and ended (after close()). */
  drained(): Promise<void> {
    return this.#exited;
  }
}

function wireStatement(stmt: InStatement | [string, InArgs?]): WireStatement {
  if (Array.isArray(stmt)) return { sql: stmt[0], args: stmt[1] ?? [] };
  if (typeof stmt === 'string') return { sql: stmt, args: [] };
  return { sql: stmt.sql, args: stmt.args ?? [] };
}

/** The same error classes the single-thread client throws, with the same messages (LibsqlError adds "CODE: " itself). */
function errorFromWire(e: WireError): Error {
  if (e.kind === 'error') {
    const Kind = e.name === 'RangeError' ? RangeError : e.name === 'TypeError' ? TypeError : Error;
    return new Kind(e.message);
  }
  const message = e.code !== undefined && e.message.startsWith(`${e.code}: `) ? e.message.slice(e.code.length + 2) : e.message;
  let cause: Error | undefined;
  if (e.cause) {
    cause = new Error(e.cause.message);
    cause.name = 'SqliteError';
    if (e.cause.code !== undefined) (cause as Error & { code: string }).code = e.cause.code;
  }
  return e.kind === 'batch'
    ? new LibsqlBatchError(message, e.statementIndex ?? 0, e.code!, e.extendedCode, e.rawCode, cause)
    : new LibsqlError(message, e.code!, e.extendedCode, e.rawCode, cause);
}

/**
 * The writer thread's script. The server bundle ships it next to itself (dist/server/db-writer.js,
 * built by `npm run build:server`); run from the sources (tests, tsx scripts) it is bundled from
 * db/write-worker.ts once per process, under dist/ where its packages resolve (a worker thread
 * cannot load TypeScript through the test runner's or tsx's loader on Node 20).
 */
let sourceBuild: string | null = null;
function writerEntry(): URL | string {
  const built = new URL('./db-writer.js', import.meta.url);
  if (built.protocol === 'file:' && existsSync(fileURLToPath(built))) return built;
  if (sourceBuild && existsSync(sourceBuild)) return sourceBuild;
  const source = fileURLToPath(new URL('./write-worker.ts', import.meta.url));
  if (!existsSync(source)) throw new Error(`${fileURLToPath(built)} is missing: the server is built with \`npm run build:server\`, which writes it next to server.js.`);
  const root = dirname(dirname(source));
  const outfile = join(root, 'dist', 'dev-db-writer', `db-writer-${process.pid}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'error' });
  sourceBuild = outfile;
  process.once('exit', () => rmSync(outfile, { force: true }));
  return outfile;
}
