import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { migratedTemplate } from '../shared/libsql-stand-in/migrated-template.js';
import { startLibsqlStandIn } from '../shared/libsql-stand-in-server.js';
import { root, workersPool } from './pool-config.js';

/**
 * The API inside workerd on libSQL, as deployed with Turso: TURSO_URL and TURSO_AUTH_TOKEN, no
 * D1 binding, the Worker's @libsql/client/web speaking Hrana over HTTP. Turso's servers cannot
 * run here; the libSQL stand-in stands in for them (tests/shared/libsql-stand-in-server.ts: a
 * real libSQL file behind the same protocol), served from this Node process for the whole run.
 *
 * One database for the run, reset to a freshly migrated copy before each test file
 * (libsql-reset.ts); the files therefore run one after another. Every test file runs but those
 * about D1 itself (migrations-whole) or about the choice of storage (configuration).
 */
const D1_ONLY = ['migrations-whole', 'configuration'];

export default defineConfig(async () => {
  const template = await migratedTemplate();
  const authToken = 'workers-libsql-token';
  const libsql = await startLibsqlStandIn({ path: join(template.dir, 'served.db'), template: template.path, authToken, unref: true });
  return {
    plugins: [await workersPool({ bindings: { TURSO_URL: libsql.url, TURSO_AUTH_TOKEN: authToken } })],
    test: {
      root,
      include: ['tests/workers/**/*.test.ts'],
      exclude: D1_ONLY.map((name) => `tests/workers/${name}.test.ts`),
      setupFiles: ['./tests/workers/libsql-reset.ts', './tests/workers/response-checks.ts'],
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
