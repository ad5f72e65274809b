import { describe, expect, it } from 'vitest';
import { openNodeStorage } from '../../db/node-storage';
import { dumpRows } from '../../worker/src/node/sql-dump';
import { seedDemo } from '../../worker/src/seed/demo';
import { createShop } from '../../worker/src/services/shops';

const everyRow = async (client: Awaited<ReturnType<typeof openNodeStorage>>['client']) => {
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name");
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) out[String(name)] = (await client.execute(`SELECT * FROM \`${String(name)}\` ORDER BY rowid`)).rows.map((r) => ({ ...r }));
  return out;
};

describe('a shop made in a scratch database, as the SQL file shop:create --d1 applies', () => {
  it('replays into a fresh migrated database row for row (quotes, JSON, keys, the demo catalogue)', async () => {
    const scratch = await openNodeStorage(':memory:');
    const now = Date.UTC(2031, 0, 1);
    await seedDemo(scratch, now, { arena: false });
    await createShop(scratch.db, { name: "L'Atelier « 42 »", currency: 'EUR', locales: ['fr'], defaultLocale: 'fr', timeZone: 'Europe/Paris', testMode: false, allowedOrigins: ['https://atelier.example'], owner: { email: ' Anne@Atelier.example', name: "Anne d'Atelier" } }, now);
    const sql = await dumpRows(scratch.client);
    expect(sql.startsWith('PRAGMA defer_foreign_keys = on;\n')).toBe(true);
    expect(sql).not.toMatch(/__drizzle_migrations/);

    const fresh = await openNodeStorage(':memory:');
    // One transaction, as wrangler d1 execute runs the file.
    await fresh.client.executeMultiple(`BEGIN;\n${sql}COMMIT;`);
    const replayed = await everyRow(fresh.client);
    expect(replayed).toEqual(await everyRow(scratch.client));
    // The first owners (shop:create --owner-email, the demo's) come along, ready to sign in.
    expect(replayed.staff_members!.map((m) => (m as { email: string }).email).sort()).toEqual(['anne@atelier.example', 'owner@demo.example']);
    scratch.client.close();
    fresh.client.close();
  });
});
