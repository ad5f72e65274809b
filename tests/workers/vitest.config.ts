import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { startStripeStandIn } from '../shared/stripe-stand-in-server.js';

const root = path.join(import.meta.dirname, '../..');

/**
 * The API inside workerd: the Workers entry (wrangler.toml main) with a real D1 binding,
 * migrated from db/migrations before each test file. Storage is isolated per test file.
 */
export default defineConfig(async () => {
  // wrangler.toml's [assets] directory must exist for the pool to start; these tests call the
  // API only (the smoke test serves the built assets), so an empty one will do.
  mkdirSync(path.join(root, 'dist/worker-assets'), { recursive: true });
  const migrations = await readD1Migrations(path.join(root, 'db/migrations'));
  // The same files unsplit, as `wrangler d1 migrations apply --remote` sends them (migrations-whole.test.ts).
  const migrationFiles = readdirSync(path.join(root, 'db/migrations'))
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(root, 'db/migrations', name), 'utf8') }));
  // The Stripe stand-in (it stands in for Stripe's servers, which no test machine reaches), served
  // over HTTP from this Node process: the Worker's real SDK reaches it through its fetch client. It
  // lives as long as the test run (unref'd: nothing needs to close it).
  const stripe = await startStripeStandIn({ unref: true });
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, 'wrangler.toml') },
        // The mail API key and PUBLIC_URL (not on this machine) turn e-mail delivery on; the URL is a reserved .test name, so a request no test intercepts fails fast instead of reaching a provider.
        // CHECK_RESPONSES: every answer is checked against the contract (a mismatch answers 500 response_contract_violation).
        // STRIPE_*: the demo shop (test mode) takes Stripe payments through the stand-in; STRIPE_STAND_IN_URL lets tests drive it.
        // MIGRATIONS_PROBE_DB: a second D1 database that no setup file migrates, for migrations-whole.test.ts.
        miniflare: {
          d1Databases: { MIGRATIONS_PROBE_DB: 'migrations-probe' },
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_MIGRATION_FILES: migrationFiles,
            MAIL_API_KEY: 'test-key',
            MAIL_API_URL: 'https://mail-api.test/emails',
            PUBLIC_URL: 'https://tickets.example',
            CHECK_RESPONSES: '1',
            STRIPE_SECRET_KEY: 'sk_test_workers',
            STRIPE_PUBLISHABLE_KEY: 'pk_test_workers',
            STRIPE_WEBHOOK_SECRET: 'whsec_workers',
            STRIPE_API_HOST: stripe.host,
            STRIPE_API_PORT: String(stripe.port),
            STRIPE_API_PROTOCOL: stripe.protocol,
            STRIPE_STAND_IN_URL: stripe.url,
          },
        },
      }),
    ],
    test: {
      root,
      include: ['tests/workers/**/*.test.ts'],
      setupFiles: ['./tests/workers/apply-migrations.ts', './tests/workers/response-checks.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
