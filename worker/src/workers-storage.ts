import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import * as schema from '../../db/schema/index.js';
import type { Db, Storage } from './db.js';
import type { Bindings } from './env.js';

const D1_MAX_PARAMS = 100;
const SQLITE_MAX_PARAMS = 32_766;

/**
 * Which storage the bindings name. Both at once is refused rather than one picked: a Worker
 * with a D1 binding left over from the template and TURSO_URL set would otherwise write its
 * sales to a database nobody reads (wrangler.toml, "Storage").
 */
export function storageKind(env: Pick<Bindings, 'DB' | 'TURSO_URL'>): 'd1' | 'turso' {
  if (env.DB && env.TURSO_URL) {
    throw new Error('Two storages configured: a D1 binding DB and TURSO_URL. Keep one: remove the [[d1_databases]] binding to use Turso, or delete the TURSO_URL secret to use D1.');
  }
  if (env.DB) return 'd1';
  if (env.TURSO_URL) return 'turso';
  throw new Error('No storage configured: bind a D1 database as DB or set TURSO_URL (and TURSO_AUTH_TOKEN).');
}

// One storage per bindings object: an isolate reuses it across requests.
const storageByEnv = new WeakMap<Bindings, Storage>();

/**
 * The libSQL client for Turso. Its concurrency limit is lifted: @libsql/client queues calls past
 * 20 at once and starts a queued one when another request's call finishes, that is inside the
 * other request's context, where workerd refuses its I/O ("Cannot perform I/O on behalf of a
 * different request") and the waiting request hangs. 100 concurrent holds in one isolate did
 * exactly that (tests/workers/seat-race.test.ts on the libSQL stand-in). Workers bounds a
 * request's own connections; nothing is gained by a queue shared between requests.
 */
function tursoClient(env: Bindings) {
  return createClient({ url: env.TURSO_URL!, authToken: env.TURSO_AUTH_TOKEN, concurrency: Number.POSITIVE_INFINITY });
}

export function workersStorage(env: Bindings): Storage {
  let storage = storageByEnv.get(env);
  if (!storage) {
    storage =
      storageKind(env) === 'd1'
        ? // drizzle's D1 and libSQL databases share the query builder and batch(); see worker/src/db.ts.
          { db: drizzleD1(env.DB!, { schema }) as unknown as Db, maxParams: D1_MAX_PARAMS }
        : { db: drizzleLibsql(tursoClient(env), { schema }), maxParams: SQLITE_MAX_PARAMS };
    storageByEnv.set(env, storage);
  }
  return storage;
}
