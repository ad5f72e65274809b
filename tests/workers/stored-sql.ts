import { createClient } from '@libsql/client/web';
import { env } from 'cloudflare:workers';

/**
 * SQL straight against the storage this test run's Worker uses, for setting up a case or
 * auditing the ledger: the D1 binding DB (vitest.config.ts) or libSQL over HTTP at TURSO_URL
 * (vitest.libsql.config.ts, the stand-in). Rows come back as plain objects either way.
 */
export async function storedRows(sql: string, ...args: (string | number | null)[]): Promise<Record<string, unknown>[]> {
  if (env.DB) return (await env.DB.prepare(sql).bind(...args).all<Record<string, unknown>>()).results;
  const result = await libsql().execute({ sql, args });
  return result.rows.map((row) => Object.fromEntries(result.columns.map((name, i) => [name, row[i]])));
}

/** The first row's first value (a count, a status). */
export async function storedValue(sql: string, ...args: (string | number | null)[]): Promise<unknown> {
  const [row] = await storedRows(sql, ...args);
  return row ? Object.values(row)[0] : undefined;
}

let client: ReturnType<typeof createClient> | undefined;
function libsql() {
  if (!env.TURSO_URL) throw new Error('Neither a D1 binding DB nor TURSO_URL: which storage does this run use?');
  client ??= createClient({ url: env.TURSO_URL, authToken: env.TURSO_AUTH_TOKEN });
  return client;
}
