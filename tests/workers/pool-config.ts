import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { makeTestWalletCredentials, walletEnv } from '../shared/wallet-credentials.js';

// What both workerd test runs share (vitest.config.ts on D1, vitest.libsql.config.ts on the
// libSQL stand-in): the Worker of wrangler.toml, its settings and the Stripe stand-in. Each run
// adds its storage; wrangler.toml itself names none (TURSO_URL is a secret, D1 is opt-in).

export const root = path.join(import.meta.dirname, '../..');

export async function workersPool(storage: { d1Databases?: Record<string, string>; bindings?: Record<string, unknown> }) {
  // wrangler.toml's [assets] directory must exist for the pool to start; these tests call the
  // API only (the smoke test serves the built assets), so an empty one will do.
  mkdirSync(path.join(root, 'dist/worker-assets'), { recursive: true });
  // The Stripe stand-in (it stands in for Stripe's servers, which no test machine reaches), served
  // over HTTP from this Node process: the Worker's real SDK reaches it through its fetch client. It
  // lives as long as the test run (unref'd: nothing needs to close it).
  const stripe = await startStripeStandIn({ unref: true });
  // Test stand-ins for Apple's pass certificate and Google's service account key (made with the
  // openssl CLI, which workerd has not). Only wallet.test.ts hands them to the Worker, so every
  // other test sees a platform without wallets.
  const wallet = makeTestWalletCredentials();
  wallet.cleanup();
  return cloudflareTest({
    wrangler: { configPath: path.join(root, 'wrangler.toml') },
    // The mail API key and PUBLIC_URL (not on this machine) turn e-mail delivery on; the URL is a reserved .test name, so a request no test intercepts fails fast instead of reaching a provider.
    // CHECK_RESPONSES: every answer is checked against the contract (a mismatch answers 500 response_contract_violation).
    // STRIPE_*: the demo shop (test mode) takes Stripe payments through the stand-in; STRIPE_STAND_IN_URL lets tests drive it.
    miniflare: {
      d1Databases: storage.d1Databases ?? {},
      bindings: {
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
        TEST_WALLET_ENV: { ...walletEnv(wallet), TEST_GOOGLE_PUBLIC_KEY: wallet.googlePublicKeyPem },
        ...storage.bindings,
      },
    },
  });
}

/** The migration files unsplit, as `wrangler d1 migrations apply --remote` sends them (migrations-whole.test.ts). */
export function migrationFiles(): { name: string; sql: string }[] {
  return readdirSync(path.join(root, 'db/migrations'))
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(root, 'db/migrations', name), 'utf8') }));
}
