import type { Db } from '../db.js';

/**
 * A few seconds of memory for catalogue rows that every hold request reads (the shop, the
 * performance with its event), so that a flash sale does not read the same rows thousands of
 * times a second.
 *
 * Why it is safe: nothing that decides a race is cached. Whether a seat is free, a hold active
 * or a counter below capacity is decided by the write batch on the database, never by these
 * rows. What the cache may serve stale, and for how long:
 *  - in the process that made an organizer change: nothing (every organizer write empties the
 *    cache of its database, see organizerAuth);
 *  - in another process (a second Node server, another Workers isolate): at most `ttlMs` (5 s
 *    on the Node server), after which the row is read again. In that window a hold can still be
 *    taken on a performance whose sales just closed, or show the old service fee; it is a hold,
 *    not a sale.
 *  - money: a buyer never pays from cached rows. Checkout, payments, orders, exchanges and
 *    codes load the shop fresh (storefrontShop caches it only for catalogue reads and hold
 *    requests), and checkout prices the order from the database.
 *
 * Off unless an entry enables it for its database (the Node server does; tests that write to
 * the database behind the app's back therefore see their writes at once). Misses (404s) are
 * never cached, so a shop or performance created elsewhere is visible immediately.
 */
interface Entry {
  value: unknown;
  until: number;
}

interface Cache {
  ttlMs: number;
  entries: Map<string, Entry>;
  /** Bumped by every invalidation: a read that started before one must not store its row. */
  generation: number;
  /** Reads in flight by key, shared by the misses that arrive meanwhile. */
  reading: Map<string, Promise<unknown>>;
}

const caches = new WeakMap<Db, Cache>();

/** Bounds memory if many shops and performances are read within one TTL. */
const MAX_ENTRIES = 5_000;

/** Lets catalogue reads on this database be reused for `ttlMs` (0 turns it off). */
export function enableCatalogCache(db: Db, ttlMs: number): void {
  if (ttlMs > 0) caches.set(db, { ttlMs, entries: new Map(), generation: 0, reading: new Map() });
  else caches.delete(db);
}

/** Forgets everything cached for this database: called after every organizer write. */
export function invalidateCatalogCache(db: Db): void {
  const cache = caches.get(db);
  if (!cache) return;
  cache.generation++;
  cache.entries.clear();
  cache.reading.clear();
}

/**
 * The value cached under `key`, or `load()`'s (kept when it resolves). Each caller gets its
 * own shallow `copy`, so a caller that changes a field cannot change it for the next request.
 * Concurrent misses share one read: when an entry's few seconds end in a flash sale, the
 * hundreds of hold requests in flight would otherwise each read the same row. An invalidation
 * forgets the read in flight along with the entries, so a request that starts after an
 * organizer write never joins a read that started before it.
 */
export async function cachedCatalogRead<T>(db: Db, key: string, load: () => Promise<T>, copy: (value: T) => T): Promise<T> {
  const cache = caches.get(db);
  if (!cache) return load();
  const startedAt = Date.now();
  const hit = cache.entries.get(key);
  if (hit && hit.until > startedAt) return copy(hit.value as T);
  let reading = cache.reading.get(key) as Promise<T> | undefined;
  if (!reading) {
    const generation = cache.generation;
    reading = load();
    const shared = reading;
    cache.reading.set(key, shared);
    const forget = () => {
      if (cache.reading.get(key) === shared) cache.reading.delete(key);
    };
    void shared.then(
      (value) => {
        forget();
        // A miss is not kept (the row may be created elsewhere any moment); nor a row read while an
        // organizer write happened, which may have changed it.
        if (value !== undefined && value !== null && caches.get(db) === cache && cache.generation === generation) {
          if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
          cache.entries.set(key, { value: copy(value), until: startedAt + cache.ttlMs });
        }
      },
      forget,
    );
  }
  // The row read is shared by every caller that joined it: each gets its own copy.
  const value = await reading;
  return value === undefined || value === null ? value : copy(value);
}
