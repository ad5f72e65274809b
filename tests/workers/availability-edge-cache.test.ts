import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { app, workerDeps } from '../../worker/src/index';
import type { Bindings } from '../../worker/src/env';
import { requestJson } from '../shared/request';
import { ORIGIN, SHOP, seedDemoShop } from './helpers';

/**
 * Availability shared between the isolates of one location through the Cache API
 * (services/availability-edge-cache.ts), in workerd with its real cache. An isolate is played by
 * its own `env` object: the Worker keeps one availability feed per env, as each isolate keeps
 * its own. Versions are moved behind every isolate's back with SQL, as a write served by
 * another location would move them. The TTL is long (60 s) so that no step depends on time.
 */
type Isolate = (method: string, path: string, body?: unknown) => ReturnType<typeof requestJson>;

function isolate(settings: Partial<Bindings> = {}): Isolate {
  const own = { ...env, AVAILABILITY_EDGE_CACHE_S: '60', ...settings } as Bindings;
  return async (method, path, body) => {
    const ctx = createExecutionContext();
    const answer = await requestJson((request) => app.fetch(request, own, ctx), method, path, body, {}, { origin: ORIGIN });
    await waitOnExecutionContext(ctx);
    return answer;
  };
}

/** A write this location's isolates did not make (another location's, or a job elsewhere). */
async function versionMovedElsewhere(performanceId: string): Promise<void> {
  await workerDeps(env).storage.db.run(sql`UPDATE performances SET inventory_version = inventory_version + 1 WHERE id = ${performanceId}`);
}

const availability = (performanceId: string) => `${SHOP}/performances/${performanceId}/availability`;

describe('availability shared between isolates (Cache API)', () => {
  let performanceId: string;
  beforeAll(async () => {
    const demo = await seedDemoShop();
    performanceId = demo.theatrePerformanceIds[2]!;
  });

  it('an isolate takes the version and the answer another isolate read, without reading the database', async () => {
    const first = isolate();
    const a = await first('GET', availability(performanceId));
    expect(a.status).toBe(200);
    // Moved in the database, but the shared version stands for its time to live.
    await versionMovedElsewhere(performanceId);
    const second = isolate();
    const b = await second('GET', availability(performanceId));
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    // Not shared (AVAILABILITY_EDGE_CACHE_S=0): the database's version.
    const alone = await isolate({ AVAILABILITY_EDGE_CACHE_S: '0' })('GET', availability(performanceId));
    expect(alone.body.version).not.toBe(a.body.version);
  });

  it('whoever holds sees their hold at once and shares the new version with the other isolates', async () => {
    const buyer = isolate();
    const watcher = isolate();
    const before = await watcher('GET', availability(performanceId));
    const hold = await buyer('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: 201 }, { seatId: 202 }] });
    expect(hold.status).toBe(201);
    const own = await buyer('GET', availability(performanceId));
    expect(own.body.held).toContain('201-202');
    expect(own.body.version).not.toBe(before.body.version);
    // The buyer's read went to the database and was shared: another isolate gets it from the cache.
    expect((await watcher('GET', availability(performanceId))).body).toEqual(own.body);
  });

  it('any write makes its isolate read the database next (a release names no performance in its path)', async () => {
    const buyer = isolate();
    const hold = await buyer('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: 301 }] });
    expect(hold.status).toBe(201);
    const held = await buyer('GET', availability(performanceId));
    expect(held.body.held).toContain('301');
    const release = await buyer('DELETE', `${SHOP}/holds/${hold.body.id}`);
    expect(release.status).toBeLessThan(300);
    const after = await buyer('GET', availability(performanceId));
    expect(after.body.held).not.toContain('301');
  });

  it('never goes back to a version older than one the isolate has seen', async () => {
    const ahead = isolate();
    const seen = await ahead('GET', availability(performanceId));
    // Another isolate shares an old version late (its put lands after a newer one).
    const cache = await caches.open('availability');
    const key = `${new URL(ORIGIN).origin}/__availability/${encodeURIComponent(`shp_demo:${performanceId}`)}/version`;
    expect(await (await cache.match(key))?.text()).toBe(seen.body.version);
    await cache.put(key, new Response('0.0', { headers: { 'Cache-Control': 'max-age=60' } }));
    const again = await ahead('GET', availability(performanceId));
    expect(again.body.version).toBe(seen.body.version);
    // Its read of the database put the newer version back for the others.
    expect(await (await cache.match(key))?.text()).toBe(seen.body.version);
    expect((await isolate()('GET', availability(performanceId))).body.version).toBe(seen.body.version);
  });
});
