import { join } from 'node:path';
import { openNodeStorage } from '../../db/node-storage.js';
import { createShop } from '../../worker/src/services/shops.js';
import { requestJson } from '../../tests/shared/request.js';
import type { SeatingPlanImport } from '../../contract/organizer.js';
import { type BenchServer, startServer } from './server.js';
import { removeTempDir, tempDir } from './temp.js';

export interface ShopOnFile {
  dir: string;
  dbPath: string;
  shopId: string;
  token: string;
}

/** A fresh libSQL file (migrated, same PRAGMAs as the server) with one test-mode shop. */
export async function freshShopFile(): Promise<ShopOnFile> {
  const dir = tempDir();
  const dbPath = join(dir, 'bench.db');
  const storage = await openNodeStorage(`file:${dbPath}`);
  try {
    const shop = await createShop(
      storage.db,
      { name: 'Bench shop', currency: 'CHF', locales: ['fr', 'en'], defaultLocale: 'fr', timeZone: 'Europe/Zurich', testMode: true, allowedOrigins: ['*'] },
      Date.now(),
    );
    return { dir, dbPath, shopId: shop.shopId, token: shop.token };
  } finally {
    storage.client.close();
  }
}

async function call<T = any>(server: BenchServer, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await requestJson(fetch, method, path, body, { Authorization: `Bearer ${token}` }, { origin: server.baseUrl, signal: AbortSignal.timeout(120_000) });
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body as T;
}

export interface SeatedSale {
  performanceId: string;
  planId: string;
  /** Tariff ids by zone id. */
  tariffByZone: Record<string, string>;
}

export interface GaSale {
  performanceId: string;
  tariffId: string;
}

/** A server on a fresh shop file, with helpers that set up sales through the organizer API. */
export interface SaleServer {
  server: BenchServer;
  shop: ShopOnFile;
  /** A published event on this plan with one performance in 30 days and one tariff per zone. */
  seatedSale: (plan: SeatingPlanImport, price?: number) => Promise<SeatedSale>;
  /** A published general-admission event with one performance of this capacity and one tariff. */
  gaSale: (capacity: number, price?: number) => Promise<GaSale>;
  /** Blocks seats through POST /api/org/performances/:id/blocks (1,000 per request). */
  block: (performanceId: string, seatIds: number[]) => Promise<void>;
  /** Stops the server and deletes the database file. */
  close: () => Promise<void>;
}

export async function startSaleServer(options: { nodeArgs?: string[] } = {}): Promise<SaleServer> {
  const shop = await freshShopFile();
  let server: BenchServer;
  try {
    server = await startServer({ dbPath: shop.dbPath, nodeArgs: options.nodeArgs });
  } catch (err) {
    removeTempDir(shop.dir);
    throw err;
  }
  const org = <T = any>(method: string, path: string, body?: unknown) => call<T>(server, shop.token, method, `/api/org${path}`, body);
  const startsAt = Date.now() + 30 * 24 * 3600_000;
  let venueId: string | undefined;
  const venue = async () => (venueId ??= (await org('POST', '/venues', { name: 'Bench venue', address: 'Loopback 1' })).id as string);
  return {
    server,
    shop,
    async seatedSale(plan, price = 5000) {
      const imported = await org('POST', `/venues/${await venue()}/plans`, plan);
      const event = await org('POST', '/events', { venueId: await venue(), title: `Bench: ${plan.name}`, status: 'published' });
      const performance = await org('POST', `/events/${event.id}/performances`, { startsAt, planId: imported.id });
      const tariffByZone: Record<string, string> = {};
      for (const zone of imported.zones as { id: string }[]) {
        tariffByZone[zone.id] = (await org('POST', `/events/${event.id}/tariffs`, { zoneId: zone.id, name: 'Plein tarif', price })).id;
      }
      return { performanceId: performance.id, planId: imported.id, tariffByZone };
    },
    async gaSale(capacity, price = 3500) {
      const event = await org('POST', '/events', { venueId: await venue(), title: 'Bench: general admission', status: 'published' });
      const performance = await org('POST', `/events/${event.id}/performances`, { startsAt, capacity });
      const tariff = await org('POST', `/events/${event.id}/tariffs`, { name: 'Entrée', price });
      return { performanceId: performance.id, tariffId: tariff.id };
    },
    async block(performanceId, seatIds) {
      for (let i = 0; i < seatIds.length; i += 1000) await org('POST', `/performances/${performanceId}/blocks`, { seatIds: seatIds.slice(i, i + 1000) });
    },
    async close() {
      try {
        await server.stop();
      } finally {
        removeTempDir(shop.dir);
      }
    },
  };
}

/** The plan's seats in rows (seat ids in plan order), from the public geometry endpoint. */
export async function planRows(baseUrl: string, shopId: string, planId: string): Promise<number[][]> {
  const res = await fetch(`${baseUrl}/api/shops/${shopId}/plans/${planId}`, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`GET plan → ${res.status}`);
  const geometry = (await res.json()) as { seats: { id: number[]; section: number[]; row: string[] } };
  const rows: number[][] = [];
  let key = '';
  geometry.seats.id.forEach((id, i) => {
    const k = `${geometry.seats.section[i]}/${geometry.seats.row[i]}`;
    if (k !== key) rows.push([]), (key = k);
    rows[rows.length - 1]!.push(id);
  });
  return rows;
}
