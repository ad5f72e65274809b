/**
 * Availability shared by every isolate of one Cloudflare location (issue 20). A Worker runs in
 * many isolates at once, each seeing a slice of a popular performance's pollers; the feed
 * (availability-feed.ts) shares a version read and an encoded answer inside one isolate only.
 * Through the Cache API, which every isolate of a location reads, a performance's version is
 * read from the database about once per `versionTtlS` per location, and each version's answer
 * is read and encoded about once per location, whatever the number of isolates and pollers.
 *
 * What it cannot do: the Cache API only works for a Worker on a custom domain (on workers.dev
 * and in previews `put` stores nothing, so every read misses and the Worker reads the database
 * as before); it does not replicate between locations (each location reads for itself).
 */
export interface SharedAvailability {
  /** The version another isolate read lately, if any. */
  version(key: string): Promise<string | undefined>;
  putVersion(key: string, version: string): Promise<void>;
  /** The encoded answer at exactly this version, if an isolate encoded it. */
  body(key: string, version: string): Promise<string | undefined>;
  putBody(key: string, version: string, body: string): Promise<void>;
}

/**
 * An answer's content depends on its version only (catalog.ts availabilityVersion: the version
 * moves with every write and every lapse), so a stored answer is right for as long as it is kept;
 * a minute bounds the space it takes.
 */
const BODY_TTL_S = 60;

/**
 * `origin`: the Worker's own origin (a custom domain's cache only holds its own zone's URLs);
 * the keys live under a path no route answers, in a cache of their own.
 */
export function cacheApiAvailability(caches: CacheStorage, origin: string, versionTtlS: number): SharedAvailability {
  const cache = caches.open('availability');
  const url = (key: string, suffix: string) => `${origin}/__availability/${encodeURIComponent(key)}/${suffix}`;
  const read = async (address: string): Promise<string | undefined> => {
    const hit = await (await cache).match(address);
    return hit ? hit.text() : undefined;
  };
  const write = async (address: string, text: string, ttlS: number): Promise<void> => {
    await (await cache).put(address, new Response(text, { headers: { 'Cache-Control': `max-age=${ttlS}`, 'Content-Type': 'text/plain' } }));
  };
  return {
    version: (key) => read(url(key, 'version')),
    putVersion: (key, version) => write(url(key, 'version'), version, versionTtlS),
    body: (key, version) => read(url(key, `v/${encodeURIComponent(version)}`)),
    putBody: (key, version, body) => write(url(key, `v/${encodeURIComponent(version)}`), body, BODY_TTL_S),
  };
}
