import path from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { migrationFiles, root, workersPool } from './pool-config.js';

/**
 * The API inside workerd on D1: the Workers entry (wrangler.toml main) with a real D1 binding
 * DB, migrated from db/migrations before each test file. Storage is isolated per test file.
 * The same tests on libSQL: vitest.libsql.config.ts.
 */
export default defineConfig(async () => ({
  plugins: [
    await workersPool({
      // DB: the D1 alternative of wrangler.toml, bound here as its commented block would bind it.
      // MIGRATIONS_PROBE_DB: a second D1 database that no setup file migrates, for migrations-whole.test.ts.
      d1Databases: { DB: 'ticket-shop', MIGRATIONS_PROBE_DB: 'migrations-probe' },
      bindings: { TEST_MIGRATIONS: await readD1Migrations(path.join(root, 'db/migrations')), TEST_MIGRATION_FILES: migrationFiles() },
    }),
  ],
  test: {
    root,
    include: ['tests/workers/**/*.test.ts'],
    setupFiles: ['./tests/workers/apply-migrations.ts', './tests/workers/response-checks.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
