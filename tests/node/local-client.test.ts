import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@libsql/client';
import { LocalFileClient } from '../../db/local-client.js';
import { closeNodeStorage } from '../../db/node-storage.js';
import { ThreadFileClient } from '../../db/thread-client.js';

/**
 * The Node server's clients for a local file: kept statements and group commit on the calling
 * thread (db/local-client.ts), or in a writer thread with reads on a second connection here or
 * through the writer (db/thread-client.ts). Each must behave the same.
 */
const clients: [string, (path: string) => Client][] = [
  ['on the calling thread', (path) => new LocalFileClient(path)],
  ['in a writer thread, reads on a local connection', (path) => new ThreadFileClient(path, { reads: 'local' })],
  ['in a writer thread, reads through the writer', (path) => new ThreadFileClient(path, { reads: 'writer' })],
];

describe.each(clients)('local file client %s', (_name, open) => {
  let dir: string;
  let client: Client;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-client-'));
    client = open(join(dir, 'c.db'));
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
    if (client instanceof LocalFileClient) {
      const hits = client.stats.hits;
      await client.execute({ sql: 'SELECT id, holder FROM seat WHERE id = ?', args: [8] });
      expect(client.stats.hits).toBe(hits + 1); // the same SQL text: the prepared statement was kept
    }
  });

  it('refuses interactive transactions', async () => {
    await expect(client.transaction()).rejects.toThrow(/every state change is one batch/);
  });
});

/** What worker/src/db.ts and the logs read of an error must not depend on the thread the writer runs in. */
describe('the writer thread reports as the calling-thread client does', () => {
  let dir: string;
  let inline: LocalFileClient;
  let threaded: ThreadFileClient;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-client-'));
    inline = new LocalFileClient(join(dir, 'a.db'));
    threaded = new ThreadFileClient(join(dir, 'b.db'));
    for (const client of [inline, threaded]) {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.executeMultiple(
        "CREATE TABLE seat (id INTEGER PRIMARY KEY, holder TEXT NOT NULL, price INTEGER CHECK (price >= 0)); CREATE TABLE guard (ok INTEGER NOT NULL CHECK (ok = 1)); INSERT INTO seat VALUES (1, 'ana', 5000)",
      );
    }
  });
  afterEach(() => {
    inline.close();
    threaded.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shape = (err: any) => ({
    class: err?.constructor?.name,
    name: err?.name,
    message: err?.message,
    code: err?.code,
    extendedCode: err?.extendedCode,
    rawCode: err?.rawCode,
    statementIndex: err?.statementIndex,
    cause: err?.cause?.message,
  });
  const outcome = async (run: () => Promise<unknown>) => {
    try {
      await run();
      return 'no error';
    } catch (err) {
      return shape(err);
    }
  };

  it('a lost race, a failed guard, a CHECK and a bad statement: same class, code, message, index and cause', async () => {
    const cases: ((c: Client) => Promise<unknown>)[] = [
      (c) => c.batch([{ sql: 'INSERT INTO seat VALUES (?, ?, ?)', args: [2, 'ben', 100] }, { sql: 'INSERT INTO seat VALUES (?, ?, ?)', args: [1, 'ben', 100] }]),
      (c) => c.batch([{ sql: 'UPDATE seat SET holder = ? WHERE id = ?', args: ['cleo', 1] }, { sql: 'INSERT INTO guard (ok) VALUES (?)', args: [0] }]),
      (c) => c.execute({ sql: 'UPDATE seat SET price = ? WHERE id = ?', args: [-1, 1] }),
      (c) => c.execute('SELECT nope FROM seat'),
      (c) => c.batch(['INSERT INTO nothing VALUES (1)']),
    ];
    for (const run of cases) {
      const expected = await outcome(() => run(inline));
      expect(expected).not.toBe('no error');
      expect(await outcome(() => run(threaded))).toEqual(expected);
    }
    // Nothing of the failed batches stayed behind, on either.
    for (const client of [inline, threaded]) expect((await client.execute('SELECT id, holder, price FROM seat')).rows.map((r) => [r.id, r.holder, r.price])).toEqual([[1, 'ana', 5000]]);
  });

  it('integers as numbers, refusing to lose precision, and ids, blobs and booleans as the calling-thread client', async () => {
    for (const client of [inline, threaded]) {
      const inserted = await client.execute({ sql: 'INSERT INTO seat (id, holder, price) VALUES (?, ?, ?)', args: [7, 'eve', true] });
      expect([inserted.rowsAffected, inserted.lastInsertRowid]).toEqual([1, 7n]);
      await client.execute({ sql: 'INSERT INTO seat (id, holder, price) VALUES (?, ?, ?)', args: [8, 'fay', 2n ** 53n + 1n] });
    }
    const read = (c: Client) => outcome(() => c.execute('SELECT price FROM seat WHERE id = 8'));
    expect(await read(threaded)).toEqual(await read(inline));
    expect((await read(inline)) as { class: string }).toMatchObject({ class: 'RangeError' });
    const row = (await threaded.execute({ sql: 'SELECT id, price, x FROM seat, (SELECT ? AS x) WHERE id = 7', args: [new Uint8Array([1, 2, 3]).buffer] })).rows[0]!;
    expect([row.id, row.price, [...new Uint8Array(row.x as ArrayBuffer)]]).toEqual([7, 1, [1, 2, 3]]);
    const tooBig = (c: Client) => outcome(() => c.execute({ sql: 'INSERT INTO seat (id, holder) VALUES (?, ?)', args: [2n ** 64n, 'gus'] }));
    expect(await tooBig(threaded)).toEqual(await tooBig(inline));
  });

  it('a value that cannot cross the thread fails only its own batch, and the statements sent with it keep working', async () => {
    const insert = 'INSERT INTO seat (id, holder) VALUES (?, ?)';
    const [bad, good] = await Promise.allSettled([
      threaded.batch([{ sql: 'UPDATE seat SET holder = ? WHERE id = 1', args: ['zed'] }, { sql: insert, args: [3, (() => 'x') as never] }]),
      threaded.batch([{ sql: insert, args: [4, 'ida'] }]),
    ]);
    expect([bad.status, good.status]).toEqual(['rejected', 'fulfilled']);
    await threaded.batch([{ sql: insert, args: [5, 'jo'] }, { sql: 'UPDATE seat SET holder = ? WHERE id = 1', args: ['kim'] }]);
    expect((await threaded.execute('SELECT id, holder FROM seat ORDER BY id')).rows.map((r) => [r.id, r.holder])).toEqual([
      [1, 'kim'],
      [4, 'ida'],
      [5, 'jo'],
    ]);
  });

  it('sends a statement’s text once, then its number: in one message, across messages and to a restarted writer', async () => {
    const insert = 'INSERT INTO seat (id, holder) VALUES (?, ?)';
    // Several batches queued in one turn travel as one message; the first carries the text.
    await Promise.all(Array.from({ length: 5 }, (_, i) => threaded.batch([{ sql: insert, args: [10 + i, `a${i}`] }])));
    await threaded.batch([{ sql: insert, args: [20, 'b'] }, { sql: insert, args: [21, 'c'] }]);
    // A new writer thread knows no number: the text goes again.
    threaded.reconnect();
    await threaded.batch([{ sql: insert, args: [22, 'd'] }]);
    expect((await threaded.execute('SELECT id FROM seat ORDER BY id')).rows.map((r) => r.id)).toEqual([1, 10, 11, 12, 13, 14, 20, 21, 22]);
  });

  it('a read right after a write resolves sees it (the write committed before its promise resolved)', async () => {
    const writes = Array.from({ length: 50 }, (_, i) => threaded.execute({ sql: 'INSERT INTO seat (id, holder) VALUES (?, ?)', args: [100 + i, `b${i}`] }));
    for (const [i, write] of writes.entries()) {
      await write;
      expect((await threaded.execute({ sql: 'SELECT holder FROM seat WHERE id = ?', args: [100 + i] })).rows.map((r) => r.holder)).toEqual([`b${i}`]);
    }
  });
});

describe('closing the writer thread', () => {
  it('commits what was sent before close(), and refuses what comes after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-client-'));
    try {
      const path = join(dir, 'c.db');
      const client = new ThreadFileClient(path);
      await client.execute('PRAGMA journal_mode = WAL');
      await client.executeMultiple('CREATE TABLE seat (id INTEGER PRIMARY KEY)');
      const sent = Array.from({ length: 20 }, (_, i) => client.batch([{ sql: 'INSERT INTO seat (id) VALUES (?)', args: [i] }]));
      await closeNodeStorage(client);
      expect((await Promise.allSettled(sent)).map((o) => o.status)).toEqual(Array(20).fill('fulfilled'));
      await expect(client.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
      const after = new LocalFileClient(path);
      expect((await after.execute('SELECT count(*) AS n FROM seat')).rows[0]!.n).toBe(20);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
