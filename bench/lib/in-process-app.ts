/**
 * The API app built in this process (the same buildApp as the server) over a given storage,
 * called with app.request(): no HTTP. Used to set up catalogues for direct measurements and
 * to count database round trips.
 */
import { createHash } from 'node:crypto';
import type { Storage } from '../../worker/src/db.js';
import { enableCatalogCache } from '../../worker/src/services/catalog-cache.js';
import { buildApp } from '../../worker/src/app.js';
import type { Deps } from '../../worker/src/env.js';
import { simulatedCard } from '../../worker/src/payments/simulated-card.js';
import type { SeatingPlanImport } from '../../contract/organizer.js';
import { requestJson } from '../../tests/shared/request.js';

export interface InProcessApp {
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;
  /** A published event on this plan, one performance in 30 days, one tariff per zone; seat ids in plan order. */
  seatedSale: (plan: SeatingPlanImport, performances?: number) => Promise<{ performanceIds: string[]; planId: string; seatIds: number[]; tariffOfSeat: string[] }>;
}

/** Deps as the Node server sets them (synchronous SHA-256, the 5 s catalogue cache), so in-process figures match it. */
export function inProcessApp(storage: Storage, shopId: string, token: string): InProcessApp {
  const deps: Deps = { storage, now: Date.now, payments: { simulated_card: simulatedCard }, sha256HexSync: (text) => createHash('sha256').update(text).digest('hex') };
  enableCatalogCache(storage.db, 5_000);
  const app = buildApp(() => deps);
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => requestJson((request) => app.request(request), method, path, body, headers);
  const org = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, `/api/org${path}`, body, { Authorization: `Bearer ${token}` });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  };
  return {
    call,
    async seatedSale(plan, count = 1) {
      const venue = await org('POST', '/venues', { name: 'Bench venue' });
      const imported = await org('POST', `/venues/${venue.id}/plans`, plan);
      const event = await org('POST', '/events', { venueId: venue.id, title: 'Bench', status: 'published' });
      const performanceIds: string[] = [];
      for (let i = 0; i < count; i++) performanceIds.push((await org('POST', `/events/${event.id}/performances`, { startsAt: Date.now() + 86_400_000 * (30 + i), planId: imported.id })).id);
      const tariffByZone: Record<string, string> = {};
      for (const zone of imported.zones) tariffByZone[zone.id] = (await org('POST', `/events/${event.id}/tariffs`, { zoneId: zone.id, name: 'Plein tarif', price: 5000 })).id;
      const geometry = (await call('GET', `/api/shops/${shopId}/plans/${imported.id}`)).body;
      const zoneIds: string[] = geometry.zones.map((z: { id: string }) => z.id);
      return {
        performanceIds,
        planId: imported.id,
        seatIds: geometry.seats.id,
        tariffOfSeat: (geometry.seats.zone as number[]).map((z) => tariffByZone[zoneIds[z]!]!),
      };
    },
  };
}
