import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Storage } from './storage.js';
import { LocalFileClient, localFilePath } from './local-client.js';
import { ThreadFileClient, type ThreadClientReads } from './thread-client.js';
import * as schema from './schema/index.js';

export const MIGRATIONS_FOLDER = 'db/migrations';

/**
 * How a local database file is run (per connection; the benchmarks' direct-batch reference
 * uses the same list).
 *  - WAL: readers never wait for the writer. synchronous=NORMAL: a commit is not fsynced (WAL
 *    survives a process crash; a power cut may lose the last commits, never corrupt).
 *  - busy_timeout, first: another process (a backup, the CLI, a test harness that just seeded
 *    the file) holding the lock briefly is waited for. It must precede journal_mode, whose switch
 *    to WAL takes the lock: set later, that switch failed at once with SQLITE_BUSY.
 *  - 64 MiB of page cache instead of SQLite's 2 MiB: the one connection serves every request,
 *    and jobs that walk large tables (the invoice deadlines over 100,000 orders) stop re-reading
 *    pages from the OS (about 40 % less CPU in that benchmark).
 *  - The WAL file is cut back to 64 MiB after a checkpoint restarted it.
 * Checkpoints depend on where the writes run: see localFilePragmas.
 */
export const LOCAL_FILE_PRAGMAS = [
  'busy_timeout = 5000',
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'cache_size = -65536',
  'journal_size_limit = 67108864',
];

/**
 * The PRAGMAs of a local file for a writer on the calling thread ("inline"), or in the writer
 * thread. Inline, SQLite checkpoints on the committing connection every 10,000 WAL pages (40 MB)
 * instead of 1,000: each checkpoint copies every page changed since the last one back to the
 * database file and fsyncs it; a flash sale changes the same few pages (the performance row, the
 * claims' index leaves) thousands of times, so rarer checkpoints copy each of them once instead
 * of ten times. The writer thread switches auto-checkpoints off on its own connection and has
 * them run beside it (db/wal-checkpointer.ts): its setting is not sent from here, where it would
 * reach the thread after the thread's own.
 */
export function localFilePragmas(writer: LocalWriter): string[] {
  return writer === 'inline' ? [...LOCAL_FILE_PRAGMAS, 'wal_autocheckpoint = 10000'] : LOCAL_FILE_PRAGMAS;
}

/**
 * Where a local file's writes run (the server's DATABASE_WRITER):
 *  - "thread" (the server's default): the write connection and its group commit in a worker
 *    thread (db/thread-client.ts), so SQLite runs beside HTTP parsing instead of between
 *    requests, and its WAL checkpoints in a third thread (db/wal-checkpointer.ts); reads per
 *    DATABASE_READS: "writer" (the default: every statement through the writer thread) or
 *    "local" (a second, query-only connection on the HTTP thread; WAL lets it see every
 *    committed write).
 *  - "inline": one connection on the calling thread (db/local-client.ts), writes and reads. What
 *    openNodeStorage opens unless told otherwise: scripts and in-process tests, one caller at a
 *    time, gain nothing from a second thread.
 * Atomicity, race handling and errors are the same in all three (see the clients' comments).
 * Measured on this 2-core machine (bench/RESULTS.md, "Writer thread"; medians of 3, back to
 * back): with the writer thread and reads through it the sustained sale (1b) accepted 15 % more
 * holds a minute and the 200 concurrent buyers 22 % more, at the same CPU per request in all;
 * the HTTP thread's own CPU per request fell by 43 %. Reads on a local connection gained less
 * (the seat queries stayed on the HTTP thread) and cost 10-20 % more CPU per request.
 */
export type LocalWriter = 'thread' | 'inline';
export const SERVER_LOCAL_WRITER: LocalWriter = 'thread';
export const SERVER_LOCAL_READS: ThreadClientReads = 'writer';

/** DATABASE_WRITER, the server's default when unset. */
export function parseLocalWriter(value: string | undefined): LocalWriter {
  if (value === undefined || value === '') return SERVER_LOCAL_WRITER;
  if (value === 'thread' || value === 'inline') return value;
  throw new Error(`DATABASE_WRITER must be "thread" or "inline", not "${value}"`);
}

/** DATABASE_READS, the server's default when unset. */
export function parseLocalReads(value: string | undefined): ThreadClientReads {
  if (value === undefined || value === '') return SERVER_LOCAL_READS;
  if (value === 'local' || value === 'writer') return value;
  throw new Error(`DATABASE_READS must be "local" or "writer", not "${value}"`);
}

/**
 * Closes a client openNodeStorage returned and waits until its writes are on disk: with the
 * writer thread, close() only asks the thread to commit what it has and end.
 */
export async function closeNodeStorage(client: Client): Promise<void> {
  client.close();
  if (client instanceof ThreadFileClient) await client.drained();
}

/**
 * Opens a libSQL database for the Node runtime: a local file (WAL, so readers never wait for
 * the writer) or a remote libSQL/Turso URL. Applies the committed migrations.
 */
export async function openNodeStorage(
  url: string,
  options: { authToken?: string; migrate?: boolean; writer?: LocalWriter; reads?: ThreadClientReads } = {},
): Promise<Storage & { client: Client }> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path && !path.startsWith(':memory:')) mkdirSync(dirname(path), { recursive: true });
  }
  // A local file gets one connection: the PRAGMAs below apply per connection, and a pool of
  // them would run with synchronous=FULL and no busy timeout. Batches never wait on each
  // other in application code (no interactive transactions), so one connection loses nothing.
  // A plain file path gets our client that keeps prepared statements (db/local-client.ts);
  // in-memory and URLs with options keep the stock one.
  const localPath = localFilePath(url);
  const writer = options.writer ?? 'inline';
  const client: Client = localPath
    ? writer === 'thread'
      ? new ThreadFileClient(localPath, { reads: options.reads ?? SERVER_LOCAL_READS })
      : new LocalFileClient(localPath)
    : createClient({ url, authToken: options.authToken, ...(url.startsWith('file:') ? { concurrency: 1 } : {}) });
  if (url.startsWith('file:')) for (const pragma of localFilePragmas(client instanceof ThreadFileClient ? 'thread' : 'inline')) await client.execute(`PRAGMA ${pragma}`);
  const db = drizzle(client, { schema });
  if (options.migrate !== false) await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, client, maxParams: 32_766 };
}
