import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      // The D1 run's storage (vitest.config.ts); absent in the libSQL run, which sets TURSO_URL instead.
      DB: D1Database;
      TURSO_URL?: string;
      TURSO_AUTH_TOKEN?: string;
      TEST_MIGRATIONS: D1Migration[];
      TEST_MIGRATION_FILES: { name: string; sql: string }[];
      MIGRATIONS_PROBE_DB: D1Database;
      MAIL_API_KEY: string;
      MAIL_API_URL: string;
      PUBLIC_URL: string;
      CHECK_RESPONSES: string;
      STRIPE_SECRET_KEY: string;
      STRIPE_PUBLISHABLE_KEY: string;
      STRIPE_WEBHOOK_SECRET: string;
      STRIPE_API_HOST: string;
      STRIPE_API_PORT: string;
      STRIPE_API_PROTOCOL: string;
      STRIPE_STAND_IN_URL: string;
      /** The wallet settings of wallet.test.ts (tests/shared/wallet-credentials.ts), plus the Google key's public half. */
      TEST_WALLET_ENV: Record<string, string>;
      CODE_GUESSES_PER_CLIENT: RateLimit;
      CODE_GUESSES_PER_HOLD: RateLimit;
      ORDER_SECRET_GUESSES_PER_CLIENT: RateLimit;
      CHECKIN_FORGERIES_PER_TOKEN: RateLimit;
    }
    interface GlobalProps {
      mainModule: typeof import('../../worker/src/index');
    }
  }
}

export {};
