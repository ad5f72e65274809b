import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFileClient } from '../../db/local-client.js';

/** The Node server's client for a local file: kept statements and group commit (db/local-client.ts). */
describe('local file client', () => {
  let dir: string;
  let client: LocalFileClient;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-client-'));
    client = new LocalFileClient(join(dir, 'c.db'));
    await client.execute('PRAGMA journal_mode = WAL');
    await client.executeMultiple('CREATE TABLE seat (id INTEGER PRIMARY KEY, holder TEXT NOT NULL); CREATE TABLE log (line TEXT)');
  });
  afterEach(() => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const claim = (holder: string, ...seats: number[]) => [
    { sql: 'INSERT INTO log (line) VALUES (?)', args: [`${holder} tries ${seats.join(',')}`] },
    ...seats.map((seat) => ({ sql: 'INSERT INTO seat (id, holder) VALUES (?, ?)', args: [seat, holder] })),
  ];

  it('commits concurrent batches together but rolls back a failing one entirely, alone', async () => {
    const outcomes = await Promise.allSettled([client.batch(claim('ana', 1, 2)), client.batch(claim('ben', 3, 2)), client.batch(claim('cleo', 4)), client.execute({ sql: 'INSERT INTO seat (id, holder) VALUES (?, ?)', args: [4, 'dan'] })]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    const lost = (outcomes[1] as PromiseRejectedResult).reason;
    expect(lost).toBeInstanceOf(LibsqlBatchError);
    expect(lost.statementIndex).toBe(2);
    expect(lost.message).toMatch(/UNIQUE constraint failed: seat\.id/);
    const single = (outcomes[3] as PromiseRejectedResult).reason;
    expect(single).toBeInstanceOf(LibsqlError);
    expect(single).not.toBeInstanceOf(LibsqlBatchError);
    // ben's batch left nothing behind: not seat 3, not its log line.
    expect((await client.execute('SELECT id, holder FROM seat ORDER BY id')).rows.map((r) => [r.id, r.holder])).toEqual([
      [1, 'ana'],
      [2, 'ana'],
      [4, 'cleo'],
    ]);
    expect((await client.execute('SELECT line FROM log ORDER BY rowid')).rows.map((r) => r.line)).toEqual(['ana tries 1,2', 'cleo tries 4']);
  });

  it('returns rows of writes with RETURNING and of reads, with names and indexes as @libsql/client does', async () => {
    const inserted = await client.execute({ sql: 'INSERT INTO seat (id, holder) VALUES (?, ?) RETURNING id, holder', args: [7, 'eve'] });
    expect(inserted.rows.length).toBe(1);
    const row = inserted.rows[0]!;
    expect([row.id, row.holder, row[0], row[1], row.length]).toEqual([7, 'eve', 7, 'eve', 2]);
    expect(Object.keys(row)).toEqual(['id', 'holder']);
    const again = await client.execute({ sql: 'SELECT id, holder FROM seat WHERE id = ?', args: [7] });
    expect(Array.prototype.slice.call(again.rows[0])).toEqual([7, 'eve']);
    const hits = client.stats.hits;
    await client.execute({ sql: 'SELECT id, holder FROM seat WHERE id = ?', args: [8] });
    expect(client.stats.hits).toBe(hits + 1); // the same SQL text: the prepared statement was kept
  });

  it('refuses interactive transactions', async () => {
    await expect(client.transaction()).rejects.toThrow(/every state change is one batch/);
  });
});
