import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const root = path.join(import.meta.dirname, '../..');

/**
 * The API inside workerd: the Workers entry (wrangler.toml main) with a real D1 binding,
 * migrated from db/migrations before each test file. Storage is isolated per test file.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, 'db/migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, 'wrangler.toml') },
        // The mail API key turns e-mail delivery on; the URL is a reserved .test name, so a request no test intercepts fails fast instead of reaching a provider.
        // CHECK_RESPONSES: every answer is checked against the contract (a mismatch answers 500 response_contract_violation).
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, MAIL_API_KEY: 'test-key', MAIL_API_URL: 'https://mail-api.test/emails', CHECK_RESPONSES: '1' } },
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
