import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      TEST_MIGRATIONS: D1Migration[];
      MAIL_API_KEY: string;
      MAIL_API_URL: string;
      CHECK_RESPONSES: string;
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
