import type { Context } from 'hono';
import type { shops } from '../../db/schema/catalog.js';
import type { Storage } from './db.js';
import type { MailSettings } from './email/transport.js';
import type { AvailabilityFeed } from './services/availability-feed.js';
import type { AvailabilityHub } from './services/availability-stream.js';
import type { AnswerRecorder } from './middleware/idempotency.js';
import type { OrgActor } from './middleware/organizer-auth.js';
import type { PaymentProvider } from './payments/provider.js';
import type { StripeEnv, StripeSettings } from './payments/stripe/settings.js';
import type { GuessBindings } from './rate-limit/cloudflare.js';
import type { GuessLimiter } from './rate-limit/limiter.js';
import type { ApnsSender } from './wallet/apns.js';
import type { WalletEnv, WalletSettings } from './wallet/settings.js';

/** Workers bindings and vars (wrangler.toml); the Node entry passes none of them. */
export interface Bindings extends GuessBindings, StripeEnv, WalletEnv {
  /** D1 database, when storage is D1. */
  DB?: D1Database;
  /** Turso / libSQL server URL, when storage is remote libSQL. */
  TURSO_URL?: string;
  TURSO_AUTH_TOKEN?: string;
  /** Links in e-mails start with it (where this API is served). */
  PUBLIC_URL?: string;
  /** HTTP sending API (Resend's format); e-mail is sent only when MAIL_API_KEY is set. */
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  /** The platform's sender, `Name <address>`, for shops without one of their own. */
  MAIL_FROM?: string;
  /** Milliseconds an isolate shares one read of a performance's availability version (services/availability-feed.ts); unset: 0. */
  AVAILABILITY_VERSION_MS?: string;
  /**
   * Seconds the isolates of one location share a performance's availability version through the
   * Cache API (services/availability-edge-cache.ts); unset: 1; "0": not shared. Needs PUBLIC_URL
   * (the custom domain whose cache holds it).
   */
  AVAILABILITY_EDGE_CACHE_S?: string;
  /** The pass certificate as an mTLS certificate binding (wrangler.toml `mtls_certificates`): APNs pushes go through its fetch. */
  APNS_MTLS?: Fetcher;
  /** "1": check every answer against the contract (the test suites; see AppOptions.checkResponses). */
  CHECK_RESPONSES?: string;
}

/** What the app needs from its runtime, handed in by the entry (Node or Workers). */
export interface Deps {
  storage: Storage;
  /** Epoch milliseconds; tests inject a clock to travel in time. */
  now: () => number;
  /** Payment providers by method name (see worker/src/payments). */
  payments: Record<string, PaymentProvider>;
  /** The platform's Stripe account (payments/stripe); absent, Stripe is not offered. */
  stripe?: StripeSettings | undefined;
  /** The platform's Apple and Google Wallet credentials (wallet/settings.ts); a wallet without them is not offered. */
  wallets?: WalletSettings | undefined;
  /** How changed passes are told to the wallets (jobs/wallet-updates.ts). */
  walletPush?: WalletPushDeps | undefined;
  /** How e-mail leaves the outbox; without it messages are queued and wait. */
  mail?: MailSettings | undefined;
  /** The public base URL of the API, for links in e-mails (e.g. the invoice download). */
  publicUrl?: string | undefined;
  /** SHA-256 as hex without a round trip through Web Crypto's promise (Node: node:crypto); Web Crypto otherwise. */
  sha256HexSync?: ((text: string) => string) | undefined;
  /** Counts wrong guesses of codes, order secrets and tickets (worker/src/rate-limit); absent, they are counted in this process. */
  guessLimiter?: GuessLimiter | undefined;
  /** The caller's address, for those counts (Node: the socket, or X-Forwarded-For behind TRUST_PROXY; Workers: CF-Connecting-IP). */
  clientAddress?: ((c: Context) => string | undefined) | undefined;
  /** How webhooks leave (jobs/deliver-webhooks.ts); absent, with the defaults below. */
  webhooks?: WebhookDeps | undefined;
  /**
   * Availability shared per performance version (services/availability-feed.ts) and, on Node,
   * pushed to subscribers (services/availability-stream.ts). Absent: every request reads and
   * encodes its own answer, and nothing is pushed.
   */
  availability?: { feed: AvailabilityFeed; hub?: AvailabilityHub | undefined } | undefined;
}

/** One signed attempt, as the delivery job hands it to a sender. */
export interface WebhookRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

/** An answer (any status; the start of its body), or why there was none. Senders never throw. */
export type WebhookResponse = { status: number; excerpt: string | null } | { status: null; error: string };

export type WebhookSender = (request: WebhookRequest) => Promise<WebhookResponse>;

export interface WebhookDeps {
  /**
   * Sends one attempt (POST, no redirect followed, the timeout). Node: node/webhook-sender.ts,
   * which refuses private addresses on the address it connects to (a DNS answer that changes
   * after a check cannot slip past it). Absent (Workers): fetch, which there reaches the public
   * internet only, so a name resolving to a private address cannot reach this network. IP
   * literals and localhost are refused before any sender, everywhere.
   */
  send?: WebhookSender | undefined;
  /** Tests only: endpoints and deliveries on 127.0.0.1 etc. Never set from configuration a shop controls. */
  allowPrivateTargets?: boolean | undefined;
  /** Per attempt; default 10 s. */
  timeoutMs?: number | undefined;
  /** The fetch of the default sender (tests in workerd stub it). */
  fetch?: typeof fetch | undefined;
  /** [0, 1), for the retry jitter; tests make it fixed. */
  random?: (() => number) | undefined;
}

export interface WalletPushDeps {
  /** Sends APNs pushes (Node: node/apns-http2.ts). Absent, Apple's updates wait in the queue: Wallet still finds them when it asks. */
  apns?: ApnsSender | undefined;
  /** The fetch for Google's token and objects endpoints; absent, the global one. */
  fetch?: typeof fetch | undefined;
}

export type Shop = typeof shops.$inferSelect;

export interface Vars {
  deps: Deps;
  /** The storefront shop named in the path, loaded once per request. */
  shop: Shop;
  /** The shop whose organizer token or staff session authenticated the request. */
  orgShopId: string;
  /** The actor's id: the token's, or the staff member's (cancellations and exchanges record it as who acted). */
  orgTokenId: string;
  /** Who is calling, with its role (middleware/organizer-auth.ts). */
  orgActor: OrgActor;
  /** Set by idempotencyInBatch when the request carries an Idempotency-Key. */
  idempotency: AnswerRecorder | undefined;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Vars;
}
