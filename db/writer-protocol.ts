import type { InArgs, TransactionMode } from '@libsql/client';

/** Messages between the HTTP thread (db/thread-client.ts) and the writer thread (db/write-worker.ts). */
export interface WriterRequest {
  id: number;
  op: 'batch' | 'execute' | 'migrate' | 'executeMultiple' | 'close';
  stmts: WireStatement[];
  mode?: TransactionMode;
  sql?: string;
}

/**
 * A statement as it travels: its SQL text the first time (with the number it will be known by
 * from then on), the number alone afterwards. A flash sale's hold sends the same seven
 * statements thousands of times a second, and cloning their text (about 2.6 KB a batch) cost
 * both threads more than the numbers do. Without `q` the text is not kept (beyond the cap).
 */
export type WireStatement = { sql: string; q?: number; args?: InArgs } | { sql?: undefined; q: number; args?: InArgs };

/** A result set without its row objects: structured clone would drop their prototype. */
export interface WireResult {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

/** What is needed to throw the same LibsqlError / LibsqlBatchError on the HTTP thread. */
export interface WireError {
  kind: 'batch' | 'libsql' | 'error';
  name?: string;
  message: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
  statementIndex?: number;
  cause?: { message: string; code?: string };
}

export type WriterReply = { id: number; ok: true; results: WireResult[] } | { id: number; ok: false; error: WireError };
