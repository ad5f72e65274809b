/**
 * (4) The physical limit: the conditional write batch of a seat hold as the server runs it
 * (store the Idempotency-Key's answer, delete lapsed claims on the seats, insert the claims,
 * insert the hold, bump the inventory version), executed
 * sequentially and as fast as possible on a libSQL file opened by openNodeStorage (same
 * PRAGMAs as the server), without HTTP. Three ways to run the same statements:
 *   drizzle    db.batch() of the same statements as drizzle builders, built per hold (what the
 *              server did before it compiled them: worker/src/services/new-hold-statements.ts);
 *   raw        the stock @libsql/client batch() of the same SQL text (taken from drizzle's toSQL()),
 *              on its own connection with the same PRAGMAs: the reference of the 0.40 ratio;
 *   storage    the same batch() through the client openNodeStorage returns (db/local-client.ts,
 *              statements kept prepared), i.e. what the server's batches run on;
 *   prepared   the libsql driver underneath, statements prepared once (the floor).
 * And two in-process levels above it, still without HTTP: the createHold service, and the
 * whole app (app.request: Hono, validation, Idempotency-Key middleware, hold view).
 */
import { deepStrictEqual } from 'node:assert';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createClient } from '@libsql/client';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { join } from 'node:path';
import { localFilePragmas, openNodeStorage } from '../../db/node-storage.js';
import { performances, shops } from '../../db/schema/catalog.js';
import { holds, seatClaims } from '../../db/schema/inventory.js';
import { idempotencyKeys } from '../../db/schema/platform.js';
import type { Db } from '../../worker/src/db.js';
import { newSecret } from '../../worker/src/domain/ids.js';
import { createHold } from '../../worker/src/services/holds.js';
import { createShop } from '../../worker/src/services/shops.js';
import { inProcessApp } from '../lib/in-process-app.js';
import { gridPlan } from '../lib/plans.js';
import { removeTempDir, tempDir } from '../lib/temp.js';
import type { Figure, Scenario } from './types.js';

type Statement = BatchItem<'sqlite'>;
const HOLD_MS = 10 * 60_000;

interface Hold {
  performanceId: string;
  seatIds: number[];
  tariffIds: string[];
}

/** What the server stores with a hold as its Idempotency-Key answer: a hold view of about this size. */
const ANSWER = JSON.stringify({ id: 'hld_x', padding: 'x'.repeat(1100) });
const KEY_SCOPE = 'POST /api/shops/shp_limit/holds';

/** The statements of createHold's batch for a seated hold with an Idempotency-Key (same statements, same order). */
function holdStatements(db: Db, shopId: string, h: Hold, holdId: string, now: number): Statement[] {
  const expiresAt = now + HOLD_MS;
  return [
    db.insert(idempotencyKeys).values({ scope: KEY_SCOPE, key: holdId, requestHash: 'f'.repeat(64), state: 'done', createdAt: now, responseStatus: 201, responseBody: ANSWER }),
    db
      .delete(seatClaims)
      .where(and(eq(seatClaims.performanceId, h.performanceId), inArray(seatClaims.seatId, h.seatIds), eq(seatClaims.state, 'held'), lte(seatClaims.expiresAt, now))),
    db.insert(seatClaims).values(h.seatIds.map((seatId, i) => ({ performanceId: h.performanceId, seatId, tariffId: h.tariffIds[i]!, state: 'held' as const, holdId, expiresAt }))),
    db.insert(holds).values({ id: holdId, shopId, performanceId: h.performanceId, status: 'active', createdAt: now, expiresAt, maxExpiresAt: now + 30 * 60_000 }),
    db
      .update(performances)
      .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
      .where(eq(performances.id, h.performanceId)),
  ];
}

/** The same statements' arguments, written by hand for the raw and prepared variants. */
function holdArgs(shopId: string, h: Hold, holdId: string, now: number): (string | number)[][] {
  const expiresAt = now + HOLD_MS;
  return [
    [KEY_SCOPE, holdId, 'f'.repeat(64), 'done', 201, ANSWER, now],
    [h.performanceId, ...h.seatIds, 'held', now],
    h.seatIds.flatMap((seatId, i) => [h.performanceId, seatId, 'held', holdId, h.tariffIds[i]!, expiresAt]),
    // version 0 and channel 'online' are the columns' defaults, which drizzle writes out.
    [holdId, shopId, h.performanceId, 'active', now, expiresAt, now + 30 * 60_000, 0, 'online'],
    [h.performanceId],
  ];
}

/** Hands out holds of 1, 2, 3, 4, 1, … seats (2.5 on average, as the buyers), performance after performance. */
function holdSource(performanceIds: string[], seatIds: number[], tariffOfSeat: string[]) {
  let p = 0;
  let next = 0;
  let size = 0;
  return (): Hold => {
    size = (size % 4) + 1;
    if (next + size > seatIds.length) {
      p++;
      next = 0;
      if (p >= performanceIds.length) throw new Error('The physical-limit catalogue ran out of seats; add performances');
    }
    const hold = { performanceId: performanceIds[p]!, seatIds: seatIds.slice(next, next + size), tariffIds: tariffOfSeat.slice(next, next + size) };
    next += size;
    return hold;
  };
}

/** Runs `step` sequentially for `ms` milliseconds (after a short warm-up); returns steps per second. */
async function rate(ms: number, step: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 50; i++) await step();
  let count = 0;
  const started = performance.now();
  const until = started + ms;
  while (performance.now() < until) {
    await step();
    count++;
  }
  return (count / (performance.now() - started)) * 1000;
}

export async function measurePhysicalLimit(options: { quick: boolean }) {
  const dir = tempDir();
  const path = join(dir, 'limit.db');
  const seconds = options.quick ? 0.4 : 2.5;
  // The catalogue is set up through the app on a first connection pool, which is then closed:
  // @libsql/client applies openNodeStorage's PRAGMAs to the one connection it has when they
  // run, and concurrent reads during set-up would add connections without them (see RESULTS.md).
  const setup = await openNodeStorage(`file:${path}`);
  let shop: Awaited<ReturnType<typeof createShop>>;
  let sale: Awaited<ReturnType<ReturnType<typeof inProcessApp>['seatedSale']>>;
  try {
    shop = await createShop(
      setup.db,
      { name: 'Limit', currency: 'CHF', locales: ['fr'], defaultLocale: 'fr', timeZone: 'Europe/Zurich', testMode: true, allowedOrigins: [] },
      Date.now(),
    );
    sale = await inProcessApp(setup, shop.shopId, shop.token).seatedSale(gridPlan(options.quick ? 20 : 100, 100, 0), options.quick ? 24 : 40);
  } finally {
    setup.client.close();
  }
  const storage = await openNodeStorage(`file:${path}`, { migrate: false });
  try {
    const { db, client } = storage;
    const app = inProcessApp(storage, shop.shopId, shop.token);
    const next = holdSource(sale.performanceIds, sale.seatIds, sale.tariffOfSeat);

    // The raw SQL is drizzle's own text for each hold size; the hand-written arguments must match drizzle's.
    const sqlBySize = new Map<number, string[]>();
    for (let size = 1; size <= 4; size++) {
      const sample: Hold = { performanceId: 'prf_x', seatIds: Array.from({ length: size }, (_, i) => i + 1), tariffIds: Array.from({ length: size }, () => 'trf_x') };
      const built = holdStatements(db, shop.shopId, sample, 'hld_x', 1000).map((s) => (s as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL());
      deepStrictEqual(
        built.map((b) => b.params),
        holdArgs(shop.shopId, sample, 'hld_x', 1000),
        'the hand-written arguments no longer match drizzle',
      );
      sqlBySize.set(
        size,
        built.map((b) => b.sql),
      );
    }

    const drizzleRate = await rate(seconds * 1000, () => {
      const h = next();
      return db.batch(holdStatements(db, shop.shopId, h, newSecret('hld_'), Date.now()) as [Statement, ...Statement[]]);
    });
    const rawBatch = (target: Pick<typeof client, 'batch'>) => () => {
      const h = next();
      const texts = sqlBySize.get(h.seatIds.length)!;
      const args = holdArgs(shop.shopId, h, newSecret('hld_'), Date.now());
      return target.batch(texts.map((text, i) => ({ sql: text, args: args[i]! })));
    };
    // The stock client, one connection with openNodeStorage's PRAGMAs: the reference the 0.40 goal was set against.
    const stock = createClient({ url: `file:${path}`, concurrency: 1 });
    let rawRate: number;
    try {
      for (const pragma of localFilePragmas('inline')) await stock.execute(`PRAGMA ${pragma}`);
      rawRate = await rate(seconds * 1000, rawBatch(stock));
    } finally {
      stock.close();
    }
    const storageRate = await rate(seconds * 1000, rawBatch(client));

    // The driver under @libsql/client, with statements prepared once and kept.
    let preparedRate = Number.NaN;
    try {
      const Database = createRequire(import.meta.url)('libsql') as new (path: string, options?: object) => any;
      const native = new Database(path, { timeout: 5000 });
      for (const pragma of localFilePragmas('inline')) native.exec(`PRAGMA ${pragma}`);
      const begin = native.prepare('BEGIN DEFERRED');
      const commit = native.prepare('COMMIT');
      const prepared = new Map([...sqlBySize].map(([size, texts]) => [size, texts.map((text) => native.prepare(text))]));
      preparedRate = await rate(seconds * 1000, () => {
        const h = next();
        const statements = prepared.get(h.seatIds.length)!;
        const args = holdArgs(shop.shopId, h, newSecret('hld_'), Date.now());
        begin.run();
        try {
          statements.forEach((s: any, i: number) => s.run(args[i]));
          commit.run();
        } catch (err) {
          native.exec('ROLLBACK');
          throw err;
        }
      });
      native.close();
    } catch (err) {
      console.error(`[physical-limit] prepared variant skipped: ${err instanceof Error ? err.message : err}`);
    }

    const [shopRow] = await db.select().from(shops).where(eq(shops.id, shop.shopId));
    const serviceRate = await rate(seconds * 1000, () => {
      const h = next();
      return createHold(db, shopRow!, { performanceId: h.performanceId, seats: h.seatIds.map((seatId) => ({ seatId })) }, Date.now());
    });
    let key = 0;
    const appRate = await rate(seconds * 1000, async () => {
      const h = next();
      const res = await app.call('POST', `/api/shops/${shop.shopId}/holds`, { performanceId: h.performanceId, seats: h.seatIds.map((seatId) => ({ seatId })) }, { 'Idempotency-Key': `limit-${key++}` });
      if (res.status !== 201) throw new Error(`in-process hold → ${res.status}`);
    });
    // Everything above ran on one connection, the one openNodeStorage configured.
    const synchronous = Number((await client.execute('PRAGMA synchronous')).rows[0]![0]);
    if (synchronous !== 1) throw new Error(`The measuring connection has synchronous=${synchronous}, not NORMAL (1)`);
    return { drizzleRate, rawRate, storageRate, preparedRate, serviceRate, appRate };
  } finally {
    storage.client.close();
    removeTempDir(dir);
  }
}

export const physicalLimit: Scenario = {
  id: 'physical-limit',
  title: '4. The physical limit: the hold batch directly on a libSQL file, no HTTP',
  notes: [
    'One hold = store the Idempotency-Key answer (the hold view, ~1.1 KB), delete lapsed claims on its seats, insert 1–4 seat claims (2.5 on average), insert the hold, bump the inventory version, as the server\'s hold batch: one batch (one transaction), executed back to back on a file opened by openNodeStorage (WAL, synchronous=NORMAL, busy_timeout, foreign keys, 64 MiB page cache, a checkpoint every 10,000 WAL pages: db/node-storage.ts). "raw" runs drizzle\'s own SQL text through the stock @libsql/client (one connection, the same PRAGMAs); "storage client" runs it through the client openNodeStorage returns, which keeps statements prepared (db/local-client.ts; what the server uses); "prepared" runs it on the libsql driver with statements prepared once, by hand. The ratio of the HTTP figure to the raw batch is the one compared to the goal of 0.40; the ratio to the prepared floor is printed too. "drizzle" builds the same statements with the query builder for every hold, as the server did before it compiled them once.',
    'The two in-process levels show where the rest goes: the createHold service (all its reads plus the batch and the hold view) and the whole app through app.request with an Idempotency-Key (what the server does per hold, minus HTTP).',
  ],
  async run(options) {
    const r = await measurePhysicalLimit(options);
    const figures: Figure[] = [
      { key: 'limit.raw', label: 'hold batches per second, raw @libsql/client batch', value: r.rawRate, unit: '/s', digits: 0 },
      { key: 'limit.storage', label: 'hold batches per second, storage client batch (statements kept prepared)', value: r.storageRate, unit: '/s', digits: 0 },
      { key: 'limit.drizzle', label: 'hold batches per second, drizzle db.batch (on the storage client)', value: r.drizzleRate, unit: '/s', digits: 0 },
      { key: 'limit.drizzleOverhead', label: 'drizzle cost on top of the same batch without drizzle (storage client)', value: (r.storageRate / r.drizzleRate - 1) * 100, unit: '%', digits: 0 },
      { key: 'limit.service', label: 'holds per second, createHold service in-process', value: r.serviceRate, unit: '/s', digits: 0 },
      { key: 'limit.app', label: 'holds per second, whole app in-process (app.request, Idempotency-Key)', value: r.appRate, unit: '/s', digits: 0 },
    ];
    if (Number.isFinite(r.preparedRate)) figures.splice(3, 0, { key: 'limit.prepared', label: 'hold batches per second, statements prepared once (libsql driver)', value: r.preparedRate, unit: '/s', digits: 0 });
    return figures;
  },
};
