import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, LibsqlError } from '@libsql/client';
import { createClient as createWebClient } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCheckViolation, isGuardFailure, isUniqueViolation } from '../../worker/src/db';
import { type RunningLibsqlStandIn, startLibsqlStandIn } from '../shared/libsql-stand-in-server';

/**
 * The libSQL stand-in (tests/shared/libsql-stand-in-server.ts: it stands in for Turso's servers,
 * which no test machine has) driven by the real clients: @libsql/client with an http: URL, which
 * speaks Hrana over HTTP as @libsql/client/web does in the Worker.
 */
describe('the libSQL stand-in, through @libsql/client over HTTP', () => {
  const TOKEN = 'stand-in-token';
  let dir: string;
  let server: RunningLibsqlStandIn;
  let client: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'libsql-stand-in-'));
    server = await startLibsqlStandIn({ path: join(dir, 'db.sqlite'), authToken: TOKEN });
    client = createClient({ url: server.url, authToken: TOKEN });
    await client.batch(
      [
        'CREATE TABLE seats (id INTEGER PRIMARY KEY, holder TEXT, price REAL, photo BLOB, CHECK (price >= 0))',
        'CREATE TABLE guard (ok INTEGER)',
        "CREATE TRIGGER guard_assert BEFORE INSERT ON guard BEGIN SELECT iif(NEW.ok, RAISE(IGNORE), RAISE(ABORT, 'batch_guard')); END",
      ],
      'write',
    );
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('executes with positional and named arguments and gives every value type back', async () => {
    const big = 9_007_199_254_740_993n; // past 2^53: integers travel as strings
    const inserted = await client.execute({ sql: 'INSERT INTO seats (id, holder, price, photo) VALUES (?, ?, ?, ?)', args: [big, 'Anna', 12.5, new Uint8Array([1, 2, 255])] });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(big);
    await client.execute({ sql: 'INSERT INTO seats (id, holder) VALUES (:id, $holder)', args: { id: 2, holder: null } });

    const bigint = createClient({ url: server.url, authToken: TOKEN, intMode: 'bigint' });
    const read = await bigint.execute('SELECT id, holder, price, photo, typeof(id) AS t FROM seats ORDER BY holder IS NULL, id');
    bigint.close();
    expect(read.columns).toEqual(['id', 'holder', 'price', 'photo', 't']);
    expect(read.columnTypes).toEqual(['INTEGER', 'TEXT', 'REAL', 'BLOB', '']);
    expect(read.rows[0]!.id).toBe(big);
    expect(read.rows[0]!.holder).toBe('Anna');
    expect(read.rows[0]!.price).toBe(12.5);
    expect([...new Uint8Array(read.rows[0]!.photo as ArrayBuffer)]).toEqual([1, 2, 255]);
    expect(read.rows[1]).toMatchObject({ id: 2n, holder: null, price: null, photo: null, t: 'integer' });
  });

  it('runs a batch in one transaction: a failing step rolls back the steps before it', async () => {
    await expect(
      client.batch([
        { sql: 'INSERT INTO seats (id, holder) VALUES (?, ?)', args: [10, 'first'] },
        { sql: 'INSERT INTO seats (id, holder) VALUES (?, ?)', args: [2, 'taken'] },
      ]),
    ).rejects.toSatisfy((err: unknown) => err instanceof LibsqlError && err.code === 'SQLITE_CONSTRAINT' && isUniqueViolation(err, 'seats'));
    expect((await client.execute('SELECT count(*) AS n FROM seats WHERE id = 10')).rows[0]!.n).toBe(0);

    const results = await client.batch(['INSERT INTO seats (id) VALUES (11)', 'UPDATE seats SET holder = ? WHERE id = 11', 'SELECT holder FROM seats WHERE id = 11'].map((sql) => ({ sql, args: sql.includes('?') ? ['late'] : [] })));
    expect(results.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
    expect(results[2]!.rows[0]!.holder).toBe('late');
  });

  it('surfaces CHECK violations and the batch guard as the API recognizes them (worker/src/db.ts)', async () => {
    const check = await client.execute('UPDATE seats SET price = -1 WHERE id = 11').catch((err: unknown) => err);
    expect(String(check)).toMatch(/^LibsqlError: SQLITE_CONSTRAINT: SQLite error: CHECK constraint failed/);
    expect(isCheckViolation(check, 'price >= 0')).toBe(true);

    const guard = await client.batch(['UPDATE seats SET holder = \'guarded\' WHERE id = 11', 'INSERT INTO guard (ok) VALUES (0)']).catch((err: unknown) => err);
    expect(isGuardFailure(guard)).toBe(true);
    expect((guard as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    expect((await client.execute('SELECT holder FROM seats WHERE id = 11')).rows[0]!.holder).toBe('late');
    await client.batch(['INSERT INTO guard (ok) VALUES (1)']);
  });

  it('keeps an interactive transaction on its stream across requests (batons); rollback undoes it', async () => {
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO seats (id, holder) VALUES (20, 'tx')");
    expect((await tx.execute('SELECT holder FROM seats WHERE id = 20')).rows[0]!.holder).toBe('tx');
    expect(server.openStreams()).toBe(1);
    await tx.rollback();
    tx.close();
    expect((await client.execute('SELECT count(*) AS n FROM seats WHERE id = 20')).rows[0]!.n).toBe(0);

    const committed = await client.transaction('write');
    await committed.execute("INSERT INTO seats (id, holder) VALUES (21, 'kept')");
    await committed.commit();
    expect((await client.execute('SELECT holder FROM seats WHERE id = 21')).rows[0]!.holder).toBe('kept');
    await expect.poll(() => server.openStreams()).toBe(0);
  });

  it('runs several statements as one sequence (executeMultiple) and migrations (client.migrate)', async () => {
    await client.executeMultiple('CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES (\'a\'); INSERT INTO notes VALUES (\'b\');');
    expect((await client.execute('SELECT count(*) AS n FROM notes')).rows[0]!.n).toBe(2);
    await client.migrate([{ sql: 'ALTER TABLE notes ADD COLUMN n INTEGER', args: [] }]);
    expect((await client.execute('SELECT n FROM notes LIMIT 1')).columns).toEqual(['n']);
  });

  it('answers the web client (the Worker\'s) alike, and a wrong token with 401', async () => {
    const web = createWebClient({ url: server.url, authToken: TOKEN });
    expect((await web.execute({ sql: 'SELECT holder FROM seats WHERE id = ?', args: [21] })).rows[0]!.holder).toBe('kept');
    web.close();
    const stranger = createClient({ url: server.url, authToken: 'wrong' });
    await expect(stranger.execute('SELECT 1')).rejects.toThrow(/UNAUTHORIZED|401/);
    stranger.close();
  });

  it('speaks the pipeline protocol directly: conditions, stored SQL, autocommit, batons, errors', async () => {
    const post = async (body: unknown) => {
      const res = await fetch(`${server.url}/v3/pipeline`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const stmt = (sql: string) => ({ sql, args: [], named_args: [], want_rows: true });
    const first = await post({
      baton: null,
      requests: [
        { type: 'store_sql', sql_id: 1, sql: 'SELECT 40 + ?' },
        { type: 'execute', stmt: { sql_id: 1, args: [{ type: 'integer', value: '2' }], want_rows: true } },
        { type: 'get_autocommit' },
        { type: 'execute', stmt: stmt('BEGIN') },
        { type: 'get_autocommit' },
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: stmt('SELECT no_such_column') },
              { condition: { type: 'error', step: 0 }, stmt: stmt("SELECT 'after error'") },
              { condition: { type: 'ok', step: 0 }, stmt: stmt("SELECT 'skipped'") },
              { condition: { type: 'and', conds: [{ type: 'not', cond: { type: 'ok', step: 2 } }, { type: 'not', cond: { type: 'is_autocommit' } }] }, stmt: stmt("SELECT 'in a transaction'") },
              { condition: { type: 'or', conds: [{ type: 'ok', step: 2 }, { type: 'is_autocommit' }] }, stmt: stmt("SELECT 'never'") },
            ],
          },
        },
        { type: 'close_sql', sql_id: 1 },
        { type: 'execute', stmt: { sql_id: 1, want_rows: true } },
      ],
    });
    expect(first.status).toBe(200);
    const [stored, executed, auto1, , auto2, batch, closedSql, missing] = first.body.results;
    expect(stored).toEqual({ type: 'ok', response: { type: 'store_sql' } });
    expect(executed.response.result.rows).toEqual([[{ type: 'integer', value: '42' }]]);
    expect(auto1.response.is_autocommit).toBe(true);
    expect(auto2.response.is_autocommit).toBe(false);
    const { step_results, step_errors } = batch.response.result;
    expect(step_errors[0].message).toMatch(/^SQLite error: no such column/);
    expect(step_results.map((r: any) => r?.rows[0]?.[0]?.value ?? null)).toEqual([null, 'after error', null, 'in a transaction', null]);
    expect(closedSql.type).toBe('ok');
    expect(missing).toMatchObject({ type: 'error', error: { code: 'SQL_NOT_FOUND' } });
    expect(first.body.baton).toEqual(expect.any(String));

    // The transaction is still open on the stream; the spent baton no longer names it.
    const second = await post({ baton: first.body.baton, requests: [{ type: 'get_autocommit' }, { type: 'execute', stmt: stmt('ROLLBACK') }, { type: 'close' }] });
    expect(second.body.results[0].response.is_autocommit).toBe(false);
    expect(second.body.baton).toBeNull();
    expect((await post({ baton: first.body.baton, requests: [{ type: 'close' }] })).status).toBe(400);
    expect(server.openStreams()).toBe(0);
  });

  it('goes back to its template on reset, closing open streams', async () => {
    const template = join(dir, 'template.db');
    const seed = await startLibsqlStandIn({ path: template });
    const seeding = createClient({ url: seed.url });
    await seeding.execute('CREATE TABLE t (n INTEGER)');
    seeding.close();
    await seed.close();

    const resettable = await startLibsqlStandIn({ path: join(dir, 'served.db'), template });
    const reset = (await fetch(`${resettable.url}/_stand-in/reset`, { method: 'POST' })).status;
    const user = createClient({ url: resettable.url });
    await user.execute('INSERT INTO t VALUES (1)');
    const open = await user.transaction('write');
    await open.execute('INSERT INTO t VALUES (2)');
    expect(resettable.openStreams()).toBe(1);
    resettable.reset();
    expect(resettable.openStreams()).toBe(0);
    expect((await user.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(0);
    open.close();
    user.close();
    await resettable.close();
    expect(reset).toBe(204);
  });
});
