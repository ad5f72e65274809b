import { parentPort, workerData } from 'node:worker_threads';
import { type InStatement, LibsqlBatchError, LibsqlError, type ResultSet } from '@libsql/client';
import { LocalFileClient } from './local-client.js';
import { type CheckpointPolicy, DEFAULT_CHECKPOINT_POLICY, runCheckpointer, startCheckpointer } from './wal-checkpointer.js';
import type { WriterReply, WriterRequest, WireError, WireResult, WireStatement } from './writer-protocol.js';

/**
 * The database writer thread (db/thread-client.ts starts it): the local file's write connection
 * and its group commit (LocalFileClient), fed by messages from the HTTP thread. Every batch that
 * arrives while the previous group commits joins the next group, each in its own savepoint,
 * exactly as in the single-thread server; only the outcome travels back, after COMMIT.
 *
 * The same script runs the writer's checkpointer thread (`role: 'checkpointer'`,
 * db/wal-checkpointer.ts): a second entry would be a second file to build and ship.
 */
interface ThreadData {
  path: string;
  role?: 'writer' | 'checkpointer';
  checkpoints?: CheckpointPolicy;
}
const data = workerData as ThreadData;
const checkpoints = data.checkpoints ?? DEFAULT_CHECKPOINT_POLICY;
const port = parentPort!;

if (data.role === 'checkpointer') runCheckpointer(data.path, checkpoints, port);
else runWriter();

/** Values as the HTTP thread sent them: a Buffer arrives as a plain Uint8Array, which libsql does not bind. */
const asBuffer = (v: unknown) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
/** SQL texts by the number the HTTP thread gave them (writer-protocol.ts WireStatement): messages arrive in order, so a number never comes before its text. */
const sqlTexts = new Map<number, string>();

function sqlOf(stmt: WireStatement): string {
  if (stmt.sql !== undefined) {
    if (stmt.q !== undefined) sqlTexts.set(stmt.q, stmt.sql);
    return stmt.sql;
  }
  const sql = sqlTexts.get(stmt.q);
  if (sql === undefined) throw new LibsqlError(`Statement ${stmt.q} was never sent to the writer thread`, 'UNKNOWN_STATEMENT');
  return sql;
}

function statementOf(stmt: WireStatement): InStatement {
  const { args } = stmt;
  const sql = sqlOf(stmt);
  if (args === undefined) return { sql, args: [] };
  if (Array.isArray(args)) return { sql, args: args.map(asBuffer) as never };
  return { sql, args: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, asBuffer(v)])) as never };
}

function wireResult(rs: ResultSet): WireResult {
  return { columns: rs.columns, columnTypes: rs.columnTypes, rows: rs.rows as unknown as unknown[][], rowsAffected: rs.rowsAffected, lastInsertRowid: rs.lastInsertRowid };
}

function wireError(err: unknown): WireError {
  if (err instanceof LibsqlError) {
    const cause = err.cause instanceof Error ? { message: err.cause.message, code: (err.cause as { code?: string }).code } : undefined;
    return {
      kind: err instanceof LibsqlBatchError ? 'batch' : 'libsql',
      message: err.message,
      code: err.code,
      extendedCode: err.extendedCode,
      rawCode: err.rawCode,
      statementIndex: err instanceof LibsqlBatchError ? err.statementIndex : undefined,
      cause,
    };
  }
  if (err instanceof Error) return { kind: 'error', name: err.name, message: err.message };
  return { kind: 'error', name: 'Error', message: String(err) };
}

function runWriter(): void {
  // Rows stay value arrays here: they are rebuilt as @libsql/client rows on the HTTP thread.
  const client = new LocalFileClient(data.path, { rawRows: true });
  client.setAutoCheckpoint(0);
  const checkpointer = startCheckpointer(new URL(import.meta.url), data.path, checkpoints, {
    checkpointRest: () => {
      if (!client.closed) client.checkpointPassive();
    },
    // Without its checkpointer the writer checkpoints as the inline client does (node-storage.ts).
    fallBack: () => {
      if (!client.closed) client.setAutoCheckpoint(10_000);
    },
  });

  async function answer(request: WriterRequest): Promise<WireResult[]> {
    const stmts = request.stmts.map(statementOf);
    switch (request.op) {
      case 'batch':
        return (await client.batch(stmts, request.mode)).map(wireResult);
      case 'execute':
        return [wireResult(await client.execute(stmts[0]!))];
      case 'migrate':
        return (await client.migrate(stmts)).map(wireResult);
      case 'executeMultiple':
        await client.executeMultiple(request.sql!);
        return [];
      case 'close':
        // The checkpointer's connection closes first, so that the writer's, the last one, checkpoints and removes the WAL.
        await checkpointer.stop();
        client.close();
        return [];
    }
  }

  /** Requests not answered yet: closing waits for them, so their replies go before the close's. */
  const inFlight = new Set<Promise<WriterReply>>();

  function reply(request: WriterRequest): Promise<WriterReply> {
    const done = answer(request).then(
      (results): WriterReply => ({ id: request.id, ok: true, results }),
      (err: unknown): WriterReply => ({ id: request.id, ok: false, error: wireError(err) }),
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return done;
  }

  // A message is every request the HTTP thread queued in one turn: all of them are queued here
  // before the group commit runs (LocalFileClient flushes at the end of this turn), and answered together.
  port.on('message', (requests: WriterRequest[]) => {
    if (requests.length === 1 && requests[0]!.op === 'close') {
      void Promise.allSettled([...inFlight]).then(async () => port.postMessage([await reply(requests[0]!)]));
      return;
    }
    void Promise.all(requests.map(reply)).then((replies) => port.postMessage(replies));
  });
}
