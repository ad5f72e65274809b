import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      TEST_MIGRATIONS: D1Migration[];
      MAIL_API_KEY: string;
      MAIL_API_URL: string;
    }
    interface GlobalProps {
      mainModule: typeof import('../../worker/src/index');
    }
  }
}

export {};
