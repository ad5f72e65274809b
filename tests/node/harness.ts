import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeStorage } from '../../db/node-storage.js';
import { type DemoSeed, seedDemo } from '../../worker/src/seed/demo.js';
import { buildApp } from '../../worker/src/app.js';
import type { Deps } from '../../worker/src/env.js';
import { AvailabilityFeed } from '../../worker/src/services/availability-feed.js';
import { simulatedCard } from '../../worker/src/payments/simulated-card.js';
import type { StripeSettings } from '../../worker/src/payments/stripe/settings.js';
import { requestJson } from '../shared/request.js';

/** A clock the test moves by hand, to let holds lapse without waiting. */
export class TestClock {
  constructor(public current = Date.now()) {}
  now = () => this.current;
  advance(ms: number) {
    this.current += ms;
  }
}

export interface TestShop {
  app: ReturnType<typeof buildApp>;
  deps: Deps;
  clock: TestClock;
  demo: DemoSeed;
  /** fetch-like helper: JSON in, { status, body, headers } out. */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>;
  /** Same, with the demo organizer token. */
  org: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>;
  /** Runs SQL on the shop's database file, rows as objects (for the ledger audit and for breaking things on purpose). */
  sql: (text: string) => Promise<Record<string, unknown>[]>;
  close: () => void;
}

/**
 * A real libSQL file (WAL) in a temp folder, migrated and seeded with the demo data (small
 * arena unless asked), and the Hono app over it, called in process with app.request().
 */
export async function createTestShop(options: { arena?: boolean; stripe?: StripeSettings } = {}): Promise<TestShop> {
  const dir = mkdtempSync(join(tmpdir(), 'ticket-shop-test-'));
  const storage = await openNodeStorage(`file:${join(dir, 'test.db')}`);
  const clock = new TestClock();
  // Availability through the shared per-version answer, as the servers serve it; every request
  // reads the version (0 ms), so a test sees each write at once whatever wrote it.
  const availability = { feed: new AvailabilityFeed({ versionMaxAgeMs: 0 }) };
  const deps: Deps = { storage, now: clock.now, payments: { simulated_card: simulatedCard }, stripe: options.stripe, availability };
  const demo = await seedDemo(storage, clock.now(), { arena: options.arena ?? false });
  // Every answer a test receives is checked against the contract (a mismatch answers 500).
  const app = buildApp(() => deps, { checkResponses: true });
  const call: TestShop['call'] = (method, path, body, headers) => requestJson((request) => app.request(request), method, path, body, headers);
  return {
    app,
    deps,
    clock,
    demo,
    call,
    org: (method, path, body, headers = {}) => call(method, path, body, { Authorization: `Bearer ${demo.token}`, ...headers }),
    sql: async (text) => (await storage.client.execute(text)).rows.map((row) => ({ ...row })),
    close: () => {
      storage.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Small helpers shared by the functional API tests (additive; the harness above is unchanged).

export const MINUTE = 60_000;
export const GOOD_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';
export const buyer = { name: 'Alice Martin', email: 'alice.martin@example.ch', language: 'fr' as const };

/** Storefront path of the demo shop (or another shop id). */
export const sf = (path: string, shopId = 'shp_demo') => `/api/shops/${shopId}${path}`;

export interface PerformanceInfo {
  planId: string | null;
  zones: { id: string; code: string; name: string }[];
  tariffs: { id: string; zoneId: string | null; name: string; price: number }[];
  /** Whether the organizer turned the waiting list on for this date. */
  waitingList: boolean;
}

/** The storefront view of a performance (zones and tariffs), asserted to exist. */
export async function performanceInfo(shop: TestShop, performanceId: string, shopId = shop.demo.shopId): Promise<PerformanceInfo> {
  const res = await shop.call('GET', sf(`/performances/${performanceId}`, shopId));
  if (res.status !== 200) throw new Error(`performance ${performanceId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Seat ids of a plan grouped by zone code, in plan order (from the public geometry). */
export async function seatsByZone(shop: TestShop, planId: string, shopId = shop.demo.shopId): Promise<Record<string, number[]>> {
  const res = await shop.call('GET', sf(`/plans/${planId}`, shopId));
  if (res.status !== 200) throw new Error(`plan ${planId}: ${res.status}`);
  const { zones, seats } = res.body as { zones: { code: string }[]; seats: { id: number[]; zone: number[] } };
  const out: Record<string, number[]> = {};
  seats.id.forEach((id, i) => {
    const code = zones[seats.zone[i]!]!.code;
    (out[code] ??= []).push(id);
  });
  return out;
}

/** The tariff of a zone (by zone code and tariff name) of a seated performance. */
export function tariffOf(info: PerformanceInfo, zoneCode: string | null, name: string) {
  const zoneId = zoneCode === null ? null : info.zones.find((z) => z.code === zoneCode)?.id;
  const tariff = info.tariffs.find((t) => t.zoneId === zoneId && t.name === name);
  if (!tariff) throw new Error(`no tariff "${name}" in zone ${zoneCode}`);
  return tariff;
}

/** Availability of a performance (200 expected). */
export async function availability(shop: TestShop, performanceId: string, shopId = shop.demo.shopId) {
  const res = await shop.call('GET', sf(`/performances/${performanceId}/availability`, shopId));
  if (res.status !== 200) throw new Error(`availability ${performanceId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { version: string; held?: string; sold?: string; blocked?: string; capacity?: number; remaining?: number };
}

/** Checks a hold out with the simulated card (or free), returning the raw response. */
export function checkoutHold(shop: TestShop, holdId: string, payment: Record<string, unknown> = { method: 'simulated_card', cardNumber: GOOD_CARD }, shopId = shop.demo.shopId) {
  return shop.call('POST', sf(`/holds/${holdId}/checkout`, shopId), { buyer, payment });
}

/** A fresh demo shop with one theatre and one concert performance, their views and seats by zone. */
export async function demoPerformances(theatreIndex = 0) {
  const shop = await createTestShop();
  const theatre = shop.demo.theatrePerformanceIds[theatreIndex]!;
  const concert = shop.demo.concertPerformanceIds[0]!;
  const theatreInfo = await performanceInfo(shop, theatre);
  const concertInfo = await performanceInfo(shop, concert);
  const seats = await seatsByZone(shop, theatreInfo.planId!);
  return { shop, theatre, concert, theatreInfo, concertInfo, seats };
}
