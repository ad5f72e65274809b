import type { InArgs, TransactionMode } from '@libsql/client';

/** Messages between the HTTP thread (db/thread-client.ts) and the writer thread (db/write-worker.ts). */
export interface WriterRequest {
  id: number;
  op: 'batch' | 'execute' | 'migrate' | 'executeMultiple' | 'close';
  stmts: { sql: string; args?: InArgs }[];
  mode?: TransactionMode;
  sql?: string;
}

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
