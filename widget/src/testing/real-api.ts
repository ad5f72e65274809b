/**
 * Test helpers that talk to the real API server started by web-test-runner.config.mjs (a
 * fresh database with the demo data). Tests take their data from it, so the components are
 * exercised with the shapes the API really sends.
 */
import { createShopClient, type ShopClient } from '../api/client.js';
import type { EventInfo, HoldView, OrderView, PerformanceDetail } from '../api/types.js';

export interface TestEnv {
  api: string;
  demo: {
    shopId: string;
    theatreEventId: string;
    theatrePerformanceIds: string[];
    concertEventId: string;
    concertPerformanceIds: string[];
    arenaEventId: string;
    arenaPerformanceId: string;
  };
}

let env: Promise<TestEnv> | null = null;

export function testEnv(): Promise<TestEnv> {
  env ??= fetch('/__ticket-shop-test-env.json').then((response) => response.json() as Promise<TestEnv>);
  return env;
}

export async function realClient(): Promise<ShopClient> {
  const { api, demo } = await testEnv();
  return createShopClient(api, demo.shopId, () => null);
}

export async function concert(): Promise<{ event: EventInfo; performance: PerformanceDetail }> {
  const { demo } = await testEnv();
  const client = await realClient();
  const [event, performance] = await Promise.all([client.event(demo.concertEventId), client.performance(demo.concertPerformanceIds[1]!)]);
  return { event, performance };
}

/** A general-admission hold on the concert's second date (tests leave the first to the widget flows). */
export async function gaHold(quantities: { tariff: number; quantity: number }[]): Promise<{ hold: HoldView; performance: PerformanceDetail }> {
  const { performance } = await concert();
  const client = await realClient();
  const hold = await client.createHold({
    performanceId: performance.id,
    quantities: quantities.map(({ tariff, quantity }) => ({ tariffId: performance.tariffs[tariff]!.id, quantity })),
  });
  return { hold, performance };
}

/** A free order on the concert (its free tariff), with real signed tickets. */
export async function freeOrder(quantity = 2): Promise<OrderView> {
  const { performance } = await concert();
  const free = performance.tariffs.findIndex((t) => t.price === 0);
  const { hold } = await gaHold([{ tariff: free, quantity }]);
  const client = await realClient();
  return client.checkout(hold.id, { name: 'Ana Muster', email: 'ana@example.ch', language: 'fr' }, { method: 'free' });
}

/** Free seats of a seated performance, from its real availability, in plan order. */
export async function freeSeats(performanceId: string, count: number, skip = 0): Promise<number[]> {
  const client = await realClient();
  const detail = await client.performance(performanceId);
  const [geometry, availability] = await Promise.all([client.plan(detail.planId!), client.availability(performanceId)]);
  const taken = new Set<number>();
  if (availability?.seating === 'seated') {
    for (const ranges of [availability.held, availability.sold, availability.blocked]) {
      for (const part of ranges ? ranges.split(',') : []) {
        const [from, to] = part.split('-').map(Number) as [number, number | undefined];
        for (let id = from; id <= (to ?? from); id++) taken.add(id);
      }
    }
  }
  return geometry.seats.id.filter((id, i) => !taken.has(id) && (geometry.seats.flags[i]! & 8) === 0).slice(skip, skip + count);
}

/** An order placed by invoice on the concert (a paid tariff): status invoiced, no tickets yet. */
export async function invoiceOrder(quantity = 1, language: 'fr' | 'de' | 'it' | 'en' = 'en'): Promise<OrderView> {
  const { performance } = await concert();
  const paid = performance.tariffs.findIndex((t) => t.price > 0);
  const { hold } = await gaHold([{ tariff: paid, quantity }]);
  const client = await realClient();
  return client.checkout(hold.id, { name: 'Ana Muster', email: 'ana@example.ch', language }, { method: 'invoice' });
}

/** An organizer's call (the test runner holds the token): for states the storefront cannot make. */
export async function organizer(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const query = new URLSearchParams({ method, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const response = await fetch(`/__ticket-shop-test-org?${query}`);
  return response.json();
}
