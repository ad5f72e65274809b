import type { shops } from '../../db/schema/catalog.js';
import type { Storage } from './db.js';
import type { PaymentProvider } from './payments/provider.js';

/** Workers bindings and vars (wrangler.toml); the Node entry passes none of them. */
export interface Bindings {
  /** D1 database, when storage is D1. */
  DB?: D1Database;
  /** Turso / libSQL server URL, when storage is remote libSQL. */
  TURSO_URL?: string;
  TURSO_AUTH_TOKEN?: string;
}

/** What the app needs from its runtime, handed in by the entry (Node or Workers). */
export interface Deps {
  storage: Storage;
  /** Epoch milliseconds; tests inject a clock to travel in time. */
  now: () => number;
  /** Payment providers by method name (see worker/src/payments). */
  payments: Record<string, PaymentProvider>;
}

export type Shop = typeof shops.$inferSelect;

export interface Vars {
  deps: Deps;
  /** The storefront shop named in the path, loaded once per request. */
  shop: Shop;
  /** The shop whose organizer token authenticated the request. */
  orgShopId: string;
  orgTokenId: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Vars;
}
