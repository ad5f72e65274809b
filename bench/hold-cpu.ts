/**
 * CPU time per hold request, in process (no HTTP), for the sources under a given root: for
 * before/after experiments on a shared machine, where request rates swing with the other work
 * on the cores but CPU time per request much less.
 *
 *   npx tsx bench/hold-cpu.ts [--root dir] [--holds 2000] [--label name] [--profile out.cpuprofile]
 *
 * `--root` is a copy of the repository's db/ and worker/ folders (e.g. `git archive <commit> db
 * worker | tar -x -C bench/.scratch/base`); it runs with its own migrations. The app is built
 * with deps as the Node server sets them (where that version knows them: synchronous SHA-256,
 * catalogue cache). Each hold is 1–4 seats with an Idempotency-Key, like the widget's; one
 * line of JSON is printed: CPU ms and wall ms per hold, and round trips counted are not (see
 * lib/query-count.ts for those). `--profile` writes a V8 CPU profile of the measured holds only
 * (after the warm-up), for lib/cpu-profile.ts's summary.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { requestJson } from '../tests/shared/request.js';
import { gridPlan } from './lib/plans.js';
import { removeTempDir, tempDir } from './lib/temp.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const root = resolve(arg('root', resolve(import.meta.dirname, '..')));
const holdCount = Number(arg('holds', '2000'));
const label = arg('label', root);
const profileOut = arg('profile', '');

const load = async (path: string) => import(pathToFileURL(join(root, path)).href);

async function main() {
  process.chdir(root); // openNodeStorage finds db/migrations relative to the working directory
  const { openNodeStorage } = await load('db/node-storage.ts');
  const { buildApp } = await load('worker/src/app.ts');
  const { createShop } = await load('worker/src/services/shops.ts');
  const { simulatedCard } = await load('worker/src/payments/simulated-card.ts');
  const cacheModule = 'worker/src/services/catalog-cache.ts';
  const enableCatalogCache = existsSync(join(root, cacheModule)) ? (await load(cacheModule)).enableCatalogCache : null;

  const dir = tempDir();
  const storage = await openNodeStorage(`file:${join(dir, 'cpu.db')}`);
  try {
    if (enableCatalogCache) enableCatalogCache(storage.db, 5_000);
    const shop = await createShop(
      storage.db,
      { name: 'CPU', currency: 'CHF', locales: ['fr'], defaultLocale: 'fr', timeZone: 'Europe/Zurich', testMode: true, allowedOrigins: [] },
      Date.now(),
    );
    const deps = { storage, now: Date.now, payments: { simulated_card: simulatedCard }, sha256HexSync: (text: string) => createHash('sha256').update(text).digest('hex') };
    const app = buildApp(() => deps);
    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => requestJson((request) => app.request(request), method, path, body, headers);
    const org = async (method: string, path: string, body?: unknown) => {
      const res = await call(method, `/api/org${path}`, body, { Authorization: `Bearer ${shop.token}` });
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return res.body;
    };
    const venue = await org('POST', '/venues', { name: 'CPU venue' });
    const plan = await org('POST', `/venues/${venue.id}/plans`, gridPlan(Math.ceil(((holdCount + 300) * 2.5) / 100), 100, 0));
    const event = await org('POST', '/events', { venueId: venue.id, title: 'CPU', status: 'published' });
    const performanceId = (await org('POST', `/events/${event.id}/performances`, { startsAt: Date.now() + 30 * 86_400_000, planId: plan.id })).id;
    for (const zone of plan.zones) await org('POST', `/events/${event.id}/tariffs`, { zoneId: zone.id, name: 'Plein tarif', price: 5000 });
    const seatIds: number[] = (await call('GET', `/api/shops/${shop.shopId}/plans/${plan.id}`)).body.seats.id;

    let next = 0;
    let size = 0;
    const hold = async (i: number) => {
      size = (size % 4) + 1;
      const seats = seatIds.slice(next, next + size).map((seatId) => ({ seatId }));
      next += size;
      const res = await call('POST', `/api/shops/${shop.shopId}/holds`, { performanceId, seats }, { 'Idempotency-Key': `cpu-${i}` });
      if (res.status !== 201) throw new Error(`hold → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    };
    for (let i = 0; i < 300; i++) await hold(i); // warm-up: JIT, caches
    const session = profileOut ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 300; i < holdCount + 300; i++) await hold(i);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(resolve(process.env.INIT_CWD ?? '.', profileOut), JSON.stringify(profile));
      session.disconnect();
    }
    console.log(JSON.stringify({ label, holds: holdCount, cpuMsPerHold: +((used.user + used.system) / 1000 / holdCount).toFixed(3), wallMsPerHold: +(wallMs / holdCount).toFixed(3) }));
  } finally {
    storage.client.close();
    removeTempDir(dir);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
