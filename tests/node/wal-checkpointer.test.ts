import { closeSync, copyFileSync, existsSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type LibsqlDatabase from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeNodeStorage } from '../../db/node-storage.js';
import { ThreadFileClient } from '../../db/thread-client.js';

/**
 * The writer thread's checkpoints (db/wal-checkpointer.ts): they run on a connection of their
 * own beside the writer, whose connection never checkpoints on commit, and the WAL still starts
 * over under steady writes. On a real libSQL file, with the real threads.
 */
const Database = createRequire(import.meta.url)('libsql') as typeof LibsqlDatabase;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Rows the database file holds without its WAL (a copy of the file alone); null before the table
 * itself is there, or when the copy caught a checkpoint halfway through writing its pages (the
 * file alone is only whole between checkpoints: SQLite reads it with the WAL), to be read again.
 */
function rowsInDatabaseFile(path: string): number | null {
  const copy = join(dir, `copy-${Date.now()}-${Math.random()}.db`);
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'seat_hold'").raw(true).get([]);
    return table ? Number((db.prepare('SELECT count(*) FROM seat_hold').raw(true).get([]) as [number])[0]) : null;
  } catch (err) {
    if (/malformed|not a database/i.test((err as Error).message)) return null;
    throw err;
  } finally {
    db.close();
    rmSync(copy);
  }
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return done();
}

async function openWriter(path: string, checkpoints: { intervalMs: number; restartFrames: number }) {
  const client = new ThreadFileClient(path, { reads: 'writer', checkpoints });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = NORMAL');
  await client.execute('CREATE TABLE seat_hold (id INTEGER PRIMARY KEY, seat INTEGER NOT NULL UNIQUE, note BLOB NOT NULL)');
  return client;
}

describe('WAL checkpoints beside the writer thread', () => {
  it('never checkpoint on the writer connection, yet committed rows reach the database file', async () => {
    const path = join(dir, 'shop.db');
    const client = await openWriter(path, { intervalMs: 50, restartFrames: 10_000 });
    try {
      expect((await client.execute('PRAGMA wal_autocheckpoint')).rows[0]![0]).toBe(0);
      await client.batch(Array.from({ length: 200 }, (_, i) => ({ sql: 'INSERT INTO seat_hold (seat, note) VALUES (?, ?)', args: [i, new Uint8Array(64)] })));
      // The checkpointer thread copies them into the file without the writer doing anything.
      expect(await until(() => rowsInDatabaseFile(path) === 200, 5_000)).toBe(true);
    } finally {
      await closeNodeStorage(client);
    }
    // The writer's connection closed last: it checkpointed and removed the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('starts the WAL over under steady writes: the writer finishes what the last background checkpoint left', async () => {
    const path = join(dir, 'sale.db');
    // 64 pages (256 KB) before the WAL is restarted; every batch below writes at least one 4 KB page.
    const client = await openWriter(path, { intervalMs: 20, restartFrames: 64 });
    // Once the checkpointer thread is up (it copied a first row into the file), the WAL is small.
    await client.execute({ sql: 'INSERT INTO seat_hold (seat, note) VALUES (?, ?)', args: [-1, new Uint8Array(8)] });
    expect(await until(() => rowsInDatabaseFile(path) === 1, 5_000)).toBe(true);
    let seat = 0;
    let biggestWal = 0;
    // A WAL header's checkpoint sequence number (bytes 12-15) counts the times it was started over.
    const wal = openSync(`${path}-wal`, 'r');
    const header = Buffer.alloc(4);
    const starts = new Set<number>();
    // 16 MB in 4 KB rows, whatever the machine's speed (a shared CI machine writes slower).
    const rows = 4_096;
    try {
      // Eight buyers writing without pause: some write is always about to start, so a
      // background checkpoint alone rarely finds every frame copied.
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (seat < rows) {
            await client.batch([{ sql: 'INSERT INTO seat_hold (seat, note) VALUES (?, ?)', args: [seat++, new Uint8Array(4096)] }]);
            biggestWal = Math.max(biggestWal, fstatSync(wal).size);
            readSync(wal, header, 0, 4, 12);
            starts.add(header.readUInt32BE(0));
          }
        }),
      );
      const written = seat * 4096;
      expect(written).toBeGreaterThanOrEqual(16 * 1024 * 1024);
      // Started over again and again, so it never held more than part of what went through it.
      // With the writer's part switched off it was never started over and held it all (15-26 MB
      // here); how often it starts over depends on the machine's load, hence the margins.
      expect(starts.size).toBeGreaterThanOrEqual(4);
      expect(biggestWal).toBeLessThan(written / 2);
      expect(Number((await client.execute('SELECT count(*) FROM seat_hold')).rows[0]![0])).toBe(seat + 1);
    } finally {
      closeSync(wal);
      await closeNodeStorage(client);
    }
  });
});
