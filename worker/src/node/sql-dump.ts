import type { Client, Value } from '@libsql/client';

// D1 refuses statements longer than 100,000 bytes; rows are grouped into INSERTs below that.
const MAX_STATEMENT_BYTES = 90_000;

// Not the shop's data: the migrator's own bookkeeping, SQLite's internal tables, and the
// database-wide counter behind tickets.door_version (the target database has its own).
const SKIPPED_TABLES = /^(sqlite_|__drizzle_migrations$|d1_migrations$|_cf_|door_version_counter$)/;

/** A value as an SQL literal (strings quoted, blobs as X'…'), for a file that no statement binds. */
function literal(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return `X'${Buffer.from(value).toString('hex')}'`;
}

/** Tables with every table a foreign key points to before the table itself. */
async function parentsFirst(client: Client): Promise<string[]> {
  const names = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map((r) => String(r.name)).filter((n) => !SKIPPED_TABLES.test(n));
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = async (table: string) => {
    if (seen.has(table)) return;
    seen.add(table);
    const parents = await client.execute({ sql: 'SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)', args: [table] });
    for (const { parent } of parents.rows) if (String(parent) !== table) await visit(String(parent));
    ordered.push(table);
  };
  for (const name of names) await visit(name);
  return ordered;
}

/**
 * Every row of a database as INSERT statements (many rows each), parents before children. Used on a scratch
 * in-memory database into which a shop was just made by the same code as everywhere else, so
 * the file holds exactly that shop's rows and can be applied to D1 by wrangler. The first
 * statement defers foreign keys to the end of the transaction (Cloudflare's advice for
 * imports), for rows that point to rows of their own table.
 */
export async function dumpRows(client: Client): Promise<string> {
  const lines = ['PRAGMA defer_foreign_keys = on;'];
  for (const table of await parentsFirst(client)) {
    const rows = await client.execute(`SELECT * FROM \`${table}\``);
    const head = `INSERT INTO \`${table}\` (${rows.columns.map((c) => `\`${c}\``).join(', ')}) VALUES\n`;
    let values: string[] = [];
    let bytes = 0;
    const flush = () => {
      if (values.length > 0) lines.push(`${head}${values.join(',\n')};`);
      values = [];
      bytes = 0;
    };
    for (const row of rows.rows) {
      const tuple = `(${rows.columns.map((_, i) => literal(row[i] as Value)).join(', ')})`;
      const size = Buffer.byteLength(tuple) + 2;
      if (bytes + size > MAX_STATEMENT_BYTES - head.length) flush();
      values.push(tuple);
      bytes += size;
    }
    flush();
  }
  return `${lines.join('\n')}\n`;
}
