import type { Connection, RunResult } from './connection.js';
import { type HranaError, hranaError, StandInError } from './errors.js';
import { type HranaValue, ProtocolError, type SqlValue, valueFromHrana, valueToHrana } from './values.js';

// A Hrana stream: one connection and the SQL texts stored on it (`store_sql`), answering the
// stream requests of a pipeline one after another. A transaction begun by one request stays
// open on the connection for the next request of the same stream (the baton, in server.ts).

export interface HranaStmt {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
}

export type HranaCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: HranaCond }
  | { type: 'and'; conds: HranaCond[] }
  | { type: 'or'; conds: HranaCond[] }
  | { type: 'is_autocommit' };

export interface HranaBatch {
  steps: { condition?: HranaCond | null; stmt: HranaStmt }[];
}

export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: HranaStmt }
  | { type: 'batch'; batch: HranaBatch }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'describe'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' };

export type StreamResult = { type: 'ok'; response: { type: string } & Record<string, unknown> } | { type: 'error'; error: HranaError };

export interface HranaStmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: HranaValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
}

function stmtResult(result: RunResult): HranaStmtResult {
  return {
    cols: result.cols,
    rows: result.rows.map((row) => row.map(valueToHrana)),
    affected_row_count: result.affectedRowCount,
    last_insert_rowid: result.lastInsertRowid === null ? null : result.lastInsertRowid.toString(),
    // Turso bills by these; the client ignores them. Rough figures are enough for a stand-in.
    rows_read: result.rows.length,
    rows_written: result.cols.length === 0 ? result.affectedRowCount : 0,
  };
}

export class Stream {
  #sqls = new Map<number, string>();

  constructor(readonly connection: Connection) {}

  /** Runs one request; an error fails that request only, the stream goes on. */
  handle(request: StreamRequest): StreamResult {
    try {
      return { type: 'ok', response: this.#response(request) };
    } catch (err) {
      return { type: 'error', error: hranaError(err) };
    }
  }

  #response(request: StreamRequest): { type: string } & Record<string, unknown> {
    switch (request.type) {
      case 'execute':
        return { type: 'execute', result: this.#execute(request.stmt) };
      case 'batch':
        return { type: 'batch', result: this.#batch(request.batch) };
      case 'sequence':
        this.connection.exec(this.#sqlOf(request));
        return { type: 'sequence' };
      case 'store_sql':
        // Ids are the client's, per stream; storing one twice is its mistake.
        if (this.#sqls.has(request.sql_id)) throw new StandInError(`SQL text ${request.sql_id} is already stored`, 'SQL_STORE_FAILED');
        this.#sqls.set(request.sql_id, request.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        this.#sqls.delete(request.sql_id);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: this.connection.autocommit };
      case 'describe':
        // @libsql/client never describes, and the libsql package cannot name parameters.
        throw new StandInError('describe is not implemented by the libSQL stand-in', 'NOT_IMPLEMENTED');
      case 'close':
        // server.ts ends the stream once the pipeline is done.
        return { type: 'close' };
      default:
        throw new ProtocolError(`Unknown stream request type ${JSON.stringify((request as { type: unknown }).type)}`);
    }
  }

  #sqlOf(source: { sql?: string; sql_id?: number }): string {
    if (source.sql !== undefined && source.sql !== null) return source.sql;
    if (source.sql_id === undefined || source.sql_id === null) throw new ProtocolError('A statement needs sql or sql_id');
    const sql = this.#sqls.get(source.sql_id);
    if (sql === undefined) throw new StandInError(`SQL text ${source.sql_id} is not stored on this stream`, 'SQL_NOT_FOUND');
    return sql;
  }

  #execute(stmt: HranaStmt): HranaStmtResult {
    const args: SqlValue[] = (stmt.args ?? []).map(valueFromHrana);
    let named: Record<string, SqlValue> | null = null;
    for (const { name, value } of stmt.named_args ?? []) (named ??= {})[name.replace(/^[:@$]/, '')] = valueFromHrana(value);
    return stmtResult(this.connection.run(this.#sqlOf(stmt), args, named, stmt.want_rows ?? true));
  }

  /**
   * Every step in order; a step whose condition is false is skipped (neither result nor
   * error), a failing step records its error and the batch goes on. The client builds its
   * transactions from this: BEGIN, each statement on ok(previous), COMMIT on ok(last), then
   * ROLLBACK on not(ok(COMMIT)).
   */
  #batch(batch: HranaBatch): { step_results: (HranaStmtResult | null)[]; step_errors: (HranaError | null)[] } {
    const results: (HranaStmtResult | null)[] = [];
    const errors: (HranaError | null)[] = [];
    batch.steps.forEach((step, i) => {
      results.push(null);
      errors.push(null);
      if (step.condition && !this.#holds(step.condition, results, errors, i)) return;
      try {
        results[i] = this.#execute(step.stmt);
      } catch (err) {
        errors[i] = hranaError(err);
      }
    });
    return { step_results: results, step_errors: errors };
  }

  #holds(cond: HranaCond, results: (HranaStmtResult | null)[], errors: (HranaError | null)[], current: number): boolean {
    switch (cond.type) {
      case 'ok':
      case 'error':
        if (cond.step >= current) throw new ProtocolError(`A condition of step ${current} refers to step ${cond.step}, which has not run yet`);
        return cond.type === 'ok' ? results[cond.step] !== null : errors[cond.step] !== null;
      case 'not':
        return !this.#holds(cond.cond, results, errors, current);
      case 'and':
        return cond.conds.every((c) => this.#holds(c, results, errors, current));
      case 'or':
        return cond.conds.some((c) => this.#holds(c, results, errors, current));
      case 'is_autocommit':
        return this.connection.autocommit;
      default:
        throw new ProtocolError(`Unknown condition type ${JSON.stringify((cond as { type: unknown }).type)}`);
    }
  }
}
