import { createRequire } from 'node:module';
import { ProtocolError } from './values.js';

// How a failure travels back: `{message, code}` per request (or per batch step). SQLite's own
// errors take the shape Turso's servers give them, which is what the web client surfaces as
// `LibsqlError("SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: t.c")`: the base
// result code's name and SQLite's message behind "SQLite error: ". worker/src/db.ts recognizes
// lost races and batch guards by those messages, so they must read the same here as there.

export interface HranaError {
  message: string;
  code?: string;
}

const { SqliteError } = createRequire(import.meta.url)('libsql') as { SqliteError: new (...args: never[]) => Error & { code: string; rawCode?: number } };

/** Base result codes by number (an extended code is base | n << 8). */
const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  25: 'SQLITE_RANGE',
};

export function hranaError(err: unknown): HranaError {
  if (err instanceof SqliteError) {
    const code = err.rawCode === undefined ? err.code : (BASE_CODES[err.rawCode & 0xff] ?? err.code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1'));
    return { message: `SQLite error: ${err.message}`, code };
  }
  if (err instanceof StandInError) return { message: err.message, code: err.code };
  if (err instanceof ProtocolError) return { message: err.message, code: 'PROTOCOL_ERROR' };
  return { message: err instanceof Error ? err.message : String(err), code: 'INTERNAL_ERROR' };
}

/** A request the stand-in refuses (an unknown sql_id, a statement without SQL). */
export class StandInError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
