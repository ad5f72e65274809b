import { buildApp } from './app.js';
import type { Bindings, Deps } from './env.js';
import { httpMailTransport } from './email/http-transport.js';
import { parseMailbox } from './email/transport.js';
import { publicUrlProblem } from './public-url.js';
import { simulatedCard } from './payments/simulated-card.js';
import { type StripeSettings, stripeSettingsFrom } from './payments/stripe/settings.js';
import { cloudflareClientAddress, cloudflareGuessLimiter } from './rate-limit/cloudflare.js';
import { memoryGuessLimiter } from './rate-limit/limiter.js';
import { runScheduledJobs } from './scheduled.js';
import { workersStorage } from './workers-storage.js';
import { AvailabilityFeed } from './services/availability-feed.js';
import { cacheApiAvailability } from './services/availability-edge-cache.js';
import { type WalletSettings, walletSettingsFrom } from './wallet/settings.js';
import { fetchApnsSender } from './wallet/apns.js';

export type { AppType } from './app.js';

// One Stripe client per bindings object, like storage (none when STRIPE_SECRET_KEY is not set).
const stripeByEnv = new WeakMap<Bindings, StripeSettings | null>();

function stripeFor(env: Bindings): StripeSettings | undefined {
  if (!stripeByEnv.has(env)) stripeByEnv.set(env, stripeSettingsFrom(env, 'workers') ?? null);
  return stripeByEnv.get(env) ?? undefined;
}

// Wallet credentials read once per bindings object, like Stripe's.
const walletsByEnv = new WeakMap<Bindings, WalletSettings>();

function walletsFor(env: Bindings): WalletSettings {
  if (!walletsByEnv.has(env)) walletsByEnv.set(env, walletSettingsFrom(env));
  return walletsByEnv.get(env)!;
}

// Availability answers encoded once per version in this isolate. Version reads are shared for
// AVAILABILITY_VERSION_MS (unset: 0, each request asks) in the isolate and, since an isolate
// sees only a slice of the pollers, for AVAILABILITY_EDGE_CACHE_S (unset: 1) between the
// isolates of a location through the Cache API, with each version's answer encoded once there.
// No stream: an isolate keeps no timer between requests, so the widget polls.
const feedsByEnv = new WeakMap<Bindings, AvailabilityFeed>();

function availabilityFor(env: Bindings): AvailabilityFeed {
  let feed = feedsByEnv.get(env);
  if (!feed) {
    const edgeCacheS = Math.floor(Number(env.AVAILABILITY_EDGE_CACHE_S ?? 1) || 0);
    const origin = env.PUBLIC_URL && !publicUrlProblem(env.PUBLIC_URL) ? new URL(env.PUBLIC_URL).origin : undefined;
    const shared = edgeCacheS > 0 && origin ? cacheApiAvailability(caches, origin, edgeCacheS) : undefined;
    feedsByEnv.set(env, (feed = new AvailabilityFeed({ versionMaxAgeMs: Number(env.AVAILABILITY_VERSION_MS ?? 0) || 0, shared })));
  }
  return feed;
}

// Wrong guesses counted in this isolate; the rate-limiting bindings share them between isolates.
const isolateGuesses = memoryGuessLimiter();

export function workerDeps(env: Bindings): Deps {
  return {
    storage: workersStorage(env),
    now: Date.now,
    payments: { simulated_card: simulatedCard },
    stripe: stripeFor(env),
    wallets: walletsFor(env),
    // fetch cannot present a client certificate: APNs pushes need the pass certificate as an mTLS binding (else they wait; Wallet still finds changes when it asks).
    walletPush: { apns: env.APNS_MTLS ? fetchApnsSender(env.APNS_MTLS.fetch.bind(env.APNS_MTLS) as typeof fetch) : undefined },
    // E-mail leaves through an HTTP sending API once its key is set (wrangler secret put MAIL_API_KEY)
    // and PUBLIC_URL gives its links an address buyers can reach; until then it waits in the outbox.
    mail:
      env.MAIL_API_KEY && !publicUrlProblem(env.PUBLIC_URL)
        ? { transport: httpMailTransport({ url: env.MAIL_API_URL ?? 'https://api.resend.com/emails', apiKey: env.MAIL_API_KEY }), from: parseMailbox(env.MAIL_FROM ?? 'tickets@example.com') }
        : undefined,
    publicUrl: env.PUBLIC_URL,
    guessLimiter: cloudflareGuessLimiter(env, isolateGuesses),
    clientAddress: cloudflareClientAddress,
    availability: { feed: availabilityFor(env) },
  };
}

export const app = buildApp(workerDeps, { checkResponses: (env) => env.CHECK_RESPONSES === '1' });

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const linksRefused = env.MAIL_API_KEY ? publicUrlProblem(env.PUBLIC_URL) : null;
    if (linksRefused) console.error(JSON.stringify({ level: 'error', job: 'deliver-outbox', error: 'public_url', message: linksRefused }));
    const deps = workerDeps(env);
    ctx.waitUntil(
      runScheduledJobs(deps, controller.cron).then((result) => {
        // Jobs release holds and cancel orders: this isolate reads availability from the database next, as after any write.
        deps.availability?.feed.wroteHere();
        console.log(JSON.stringify({ level: result.errors.length > 0 ? 'error' : 'info', job: 'scheduled', ...result }));
      }),
    );
  },
} satisfies ExportedHandler<Bindings>;
