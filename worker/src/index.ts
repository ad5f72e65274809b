import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import * as schema from '../../db/schema/index.js';
import { buildApp } from './app.js';
import type { Db, Storage } from './db.js';
import type { Bindings, Deps } from './env.js';
import { httpMailTransport } from './email/http-transport.js';
import { parseMailbox } from './email/transport.js';
import { simulatedCard } from './payments/simulated-card.js';
import { type StripeSettings, stripeSettingsFrom } from './payments/stripe/settings.js';
import { cloudflareClientAddress, cloudflareGuessLimiter } from './rate-limit/cloudflare.js';
import { memoryGuessLimiter } from './rate-limit/limiter.js';
import { runScheduledJobs } from './scheduled.js';

export type { AppType } from './app.js';

const D1_MAX_PARAMS = 100;
const SQLITE_MAX_PARAMS = 32_766;

// One storage per bindings object: an isolate reuses it across requests.
const storageByEnv = new WeakMap<Bindings, Storage>();

function storageFor(env: Bindings): Storage {
  let storage = storageByEnv.get(env);
  if (!storage) {
    if (env.DB) {
      // drizzle's D1 and libSQL databases share the query builder and batch(); see worker/src/db.ts.
      storage = { db: drizzleD1(env.DB, { schema }) as unknown as Db, maxParams: D1_MAX_PARAMS };
    } else if (env.TURSO_URL) {
      storage = { db: drizzleLibsql(createClient({ url: env.TURSO_URL, authToken: env.TURSO_AUTH_TOKEN }), { schema }), maxParams: SQLITE_MAX_PARAMS };
    } else {
      throw new Error('No storage configured: bind a D1 database as DB or set TURSO_URL (and TURSO_AUTH_TOKEN).');
    }
    storageByEnv.set(env, storage);
  }
  return storage;
}

// One Stripe client per bindings object, like storage (none when STRIPE_SECRET_KEY is not set).
const stripeByEnv = new WeakMap<Bindings, StripeSettings | null>();

function stripeFor(env: Bindings): StripeSettings | undefined {
  if (!stripeByEnv.has(env)) stripeByEnv.set(env, stripeSettingsFrom(env, 'workers') ?? null);
  return stripeByEnv.get(env) ?? undefined;
}

// Wrong guesses counted in this isolate; the rate-limiting bindings share them between isolates.
const isolateGuesses = memoryGuessLimiter();

export function workerDeps(env: Bindings): Deps {
  return {
    storage: storageFor(env),
    now: Date.now,
    payments: { simulated_card: simulatedCard },
    stripe: stripeFor(env),
    // E-mail leaves through an HTTP sending API once its key is set (wrangler secret put MAIL_API_KEY); until then it waits in the outbox.
    mail: env.MAIL_API_KEY
      ? { transport: httpMailTransport({ url: env.MAIL_API_URL ?? 'https://api.resend.com/emails', apiKey: env.MAIL_API_KEY }), from: parseMailbox(env.MAIL_FROM ?? 'tickets@example.com') }
      : undefined,
    publicUrl: env.PUBLIC_URL,
    guessLimiter: cloudflareGuessLimiter(env, isolateGuesses),
    clientAddress: cloudflareClientAddress,
  };
}

export const app = buildApp(workerDeps, { checkResponses: (env) => env.CHECK_RESPONSES === '1' });

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runScheduledJobs(workerDeps(env), controller.cron).then((result) =>
        console.log(JSON.stringify({ level: result.errors.length > 0 ? 'error' : 'info', job: 'scheduled', ...result })),
      ),
    );
  },
} satisfies ExportedHandler<Bindings>;
