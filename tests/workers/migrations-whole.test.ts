import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { remoteD1Statements } from './remote-d1-statements';

// What `wrangler d1 migrations apply` creates before the first migration, and appends to each file.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;
const asWranglerSendsIt = (file: { name: string; sql: string }) => `${file.sql}\nINSERT INTO d1_migrations (name) values ('${file.name}');`;

// One file, cut as remote D1 cuts it, applied as one batch: all of it or none of it.
async function applyWhole(db: D1Database, sql: string) {
  await db.batch(remoteD1Statements(sql).map((statement) => db.prepare(statement)));
}

describe('migrations applied whole, as the remote path sends each file', () => {
  it('a trigger with CASE … END inside is cut short, as remote D1 reports (the model catches the known failure)', async () => {
    await env.MIGRATIONS_PROBE_DB.exec('CREATE TABLE case_probe (ok INTEGER NOT NULL)');
    const caseInTrigger = "CREATE TRIGGER `t` BEFORE INSERT ON `case_probe`\nBEGIN\n  SELECT CASE WHEN NEW.ok THEN RAISE(IGNORE) ELSE RAISE(ABORT, 'x') END;\nEND;";
    expect(remoteD1Statements(caseInTrigger)).toHaveLength(2);
    await expect(applyWhole(env.MIGRATIONS_PROBE_DB, caseInTrigger)).rejects.toThrow(/incomplete input/);
  });

  it('every file of db/migrations applies to a fresh D1 database, and the batch guard holds', async () => {
    const db = env.MIGRATIONS_PROBE_DB;
    expect(env.TEST_MIGRATION_FILES.length).toBeGreaterThan(10);
    await db.exec(CREATE_MIGRATIONS_TABLE.replace(/\n\s*/g, ' '));
    for (const file of env.TEST_MIGRATION_FILES) await applyWhole(db, asWranglerSendsIt(file));
    const applied = await db.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>();
    expect(applied.results.map((r) => r.name)).toEqual(env.TEST_MIGRATION_FILES.map((f) => f.name));

    // ok = 0 aborts the whole batch: the row written before it is gone.
    await expect(
      db.batch([db.prepare("INSERT INTO d1_migrations (name) VALUES ('probe-aborted')"), db.prepare("INSERT INTO batch_guard (name, ok) VALUES ('probe', 0)")]),
    ).rejects.toThrow(/batch_guard/);
    // ok = 1 is dropped and the batch goes on.
    await db.batch([db.prepare("INSERT INTO batch_guard (name, ok) VALUES ('probe', 1)"), db.prepare("INSERT INTO d1_migrations (name) VALUES ('probe-kept')")]);
    const probes = await db.prepare("SELECT name FROM d1_migrations WHERE name LIKE 'probe-%'").all<{ name: string }>();
    expect(probes.results.map((r) => r.name)).toEqual(['probe-kept']);
    expect(await db.prepare('SELECT count(*) AS n FROM batch_guard').first('n')).toBe(0);
  });
});
