import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { performances, shops, tariffs } from '../../db/schema/catalog.js';
import { cachedCatalogRead, enableCatalogCache, invalidateCatalogCache } from '../../worker/src/services/catalog-cache.js';
import { createTestShop, GOOD_CARD, buyer, type TestShop, performanceInfo, seatsByZone, sf } from './harness.js';

/**
 * The few seconds of catalogue cache the Node server turns on (CATALOG_CACHE_MS): organizer
 * writes in this process are seen at once, writes from elsewhere after the TTL, and nothing
 * that takes money uses a cached shop.
 */
describe('catalogue cache', () => {
  let shop: TestShop;
  let performanceId: string;
  let seats: number[];
  const TTL = 5_000;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    shop = await createTestShop();
    enableCatalogCache(shop.deps.storage.db, TTL);
    performanceId = shop.demo.theatrePerformanceIds[0]!;
    const info = await performanceInfo(shop, performanceId);
    seats = Object.values(await seatsByZone(shop, info.planId!)).flat();
  });
  afterEach(() => {
    shop.close();
    vi.useRealTimers();
  });

  const hold = (seatIds: number[]) => shop.call('POST', sf('/holds'), { performanceId, seats: seatIds.map((seatId) => ({ seatId })) });

  it('sees an organizer change of a performance at once', async () => {
    expect((await hold([seats[0]!])).status).toBe(201);
    const cancelled = await shop.org('PATCH', `/api/org/performances/${performanceId}`, { status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    const refused = await hold([seats[1]!]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('performance_cancelled');
  });

  it('sees an organizer change of the shop at once', async () => {
    expect((await hold(seats.slice(0, 3))).status).toBe(201);
    expect((await shop.org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 2 })).status).toBe(200);
    const refused = await hold(seats.slice(3, 6));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('too_many_tickets');
  });

  it('reuses rows changed behind its back for at most the TTL, then reads them again', async () => {
    expect((await hold([seats[0]!])).status).toBe(201);
    // Another process (here: a direct write) closes the sales: this process may not know yet.
    await shop.deps.storage.db.update(performances).set({ status: 'cancelled' }).where(eq(performances.id, performanceId));
    expect((await hold([seats[1]!])).status).toBe(201);
    vi.setSystemTime(Date.now() + TTL + 1);
    const refused = await hold([seats[2]!]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('performance_cancelled');
  });

  it('never lets checkout use a cached shop', async () => {
    const held = await hold([seats[0]!]);
    expect(held.status).toBe(201);
    // The shop leaves test mode elsewhere: the cached row still says test mode, checkout must not believe it.
    await shop.deps.storage.db.update(shops).set({ testMode: false }).where(eq(shops.id, shop.demo.shopId));
    expect((await shop.call('GET', sf(`/holds/${held.body.id}`))).status).toBe(200);
    const paid = await shop.call('POST', sf(`/holds/${held.body.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(paid.body.error?.code).toBe('payment_method_unavailable');
  });

  it('sees an organizer price change at once, and never charges a price cached from before a change made elsewhere', async () => {
    const first = await hold([seats[0]!]);
    expect(first.status).toBe(201);
    const tariffId = first.body.seats[0].tariffId as string;
    const oldPrice = first.body.seats[0].price as number;
    expect((await shop.org('PATCH', `/api/org/tariffs/${tariffId}`, { price: oldPrice + 1000 })).status).toBe(200);
    const second = await hold([seats[1]!]);
    expect(second.body.seats[0]).toMatchObject({ tariffId, price: oldPrice + 1000 });

    // Changed elsewhere: this process may still show the cached price on a new hold…
    await shop.deps.storage.db.update(tariffs).set({ price: oldPrice + 2000 }).where(eq(tariffs.id, tariffId));
    const third = await hold([seats[2]!]);
    expect(third.body.seats[0].price).toBe(oldPrice + 1000);
    // …but checkout prices from the database.
    const paid = await shop.call('POST', sf(`/holds/${third.body.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(paid.status).toBe(201);
    expect(paid.body.total).toBe(oldPrice + 2000 + third.body.fees);
  });

  it('never caches an unknown performance, so one created elsewhere is found at once', async () => {
    const missing = `${performanceId.slice(0, -4)}zzzz`;
    expect((await shop.call('GET', sf(`/performances/${missing}`))).status).toBe(404);
    const [row] = await shop.deps.storage.db.select().from(performances).where(eq(performances.id, performanceId));
    await shop.deps.storage.db.insert(performances).values({ ...row!, id: missing, inventoryVersion: 0 });
    expect((await shop.call('GET', sf(`/performances/${missing}`))).status).toBe(200);
  });

  it('shares one read among the misses that arrive while it runs, each with its own copy', async () => {
    const db = shop.deps.storage.db;
    let reads = 0;
    let finish!: (row: { price: number }) => void;
    const load = () => {
      reads++;
      return new Promise<{ price: number }>((resolve) => (finish = resolve));
    };
    const copy = (row: { price: number }) => ({ ...row });
    const waiting = Array.from({ length: 5 }, () => cachedCatalogRead(db, 'shared', load, copy));
    finish({ price: 100 });
    const rows = await Promise.all(waiting);
    expect(reads).toBe(1);
    expect(rows.map((r) => r.price)).toEqual([100, 100, 100, 100, 100]);
    expect(new Set(rows).size).toBe(5);
    rows[0]!.price = 1;
    expect((await cachedCatalogRead(db, 'shared', load, copy)).price).toBe(100);
    expect(reads).toBe(1);
  });

  it('does not let a request that starts after an organizer write join a read that started before it', async () => {
    const db = shop.deps.storage.db;
    const finishes: ((row: { price: number }) => void)[] = [];
    const load = () => new Promise<{ price: number }>((resolve) => finishes.push(resolve));
    const copy = (row: { price: number }) => ({ ...row });
    const before = cachedCatalogRead(db, 'changed', load, copy);
    invalidateCatalogCache(db);
    const after = cachedCatalogRead(db, 'changed', load, copy);
    expect(finishes).toHaveLength(2);
    finishes[0]!({ price: 100 });
    finishes[1]!({ price: 200 });
    expect((await before).price).toBe(100);
    expect((await after).price).toBe(200);
    // The read from before the write was not kept: the next request gets the fresh row.
    expect((await cachedCatalogRead(db, 'changed', load, copy)).price).toBe(200);
    expect(finishes).toHaveLength(2);
  });
});
