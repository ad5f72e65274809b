import { env, exports } from 'cloudflare:workers';
import { type DemoSeed, seedDemo } from '../../worker/src/seed/demo';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { assertLedgerIntact } from '../shared/ledger-audit';
import { type JsonResult, requestJson } from '../shared/request';
import { workerDeps } from '../../worker/src/index';
import { storedRows } from './stored-sql';

/**
 * Helpers for the API running inside workerd. Requests go through the Worker's own fetch
 * handler (the `main` of wrangler.toml) with this run's storage: a D1 binding isolated per test
 * file (vitest.config.ts), or the libSQL stand-in reset before each file (vitest.libsql.config.ts);
 * either way each file seeds the demo shop once in beforeAll.
 */
export const ORIGIN = 'https://tickets.example';
export const SHOP = '/api/shops/shp_demo';

export type ApiResponse = JsonResult;

export function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return requestJson((request) => exports.default.fetch(request), method, path, body, headers, { origin: ORIGIN });
}

/** The demo shop, seeded into this file's database through the Worker's own storage. */
export async function seedDemoShop(): Promise<DemoSeed & { org: typeof call }> {
  const demo = await seedDemo(workerDeps(env).storage, Date.now(), { arena: false });
  const org: typeof call = (method, path, body, headers = {}) => call(method, path, body, { Authorization: `Bearer ${demo.token}`, ...headers });
  return { ...demo, org };
}

export interface SeatedPerformance {
  performanceId: string;
  planId: string;
  /** Seat ids that are for sale, in plan order. */
  seatIds: number[];
  /** Zone id of each seat. */
  zoneOf: Map<number, string>;
  tariffs: { id: string; zoneId: string | null; name: string; price: number }[];
}

export async function seatedPerformance(performanceId: string): Promise<SeatedPerformance> {
  const perf = await call('GET', `${SHOP}/performances/${performanceId}`);
  if (perf.status !== 200) throw new Error(`performance ${performanceId}: ${perf.status}`);
  const plan = await call('GET', `${SHOP}/plans/${perf.body.planId}`);
  if (plan.status !== 200) throw new Error(`plan ${perf.body.planId}: ${plan.status}`);
  const { id, flags, zone } = plan.body.seats as { id: number[]; flags: number[]; zone: number[] };
  const zones = plan.body.zones as { id: string }[];
  const seatIds = id.filter((_, i) => (flags[i]! & 8) === 0);
  return { performanceId, planId: perf.body.planId, seatIds, zoneOf: new Map(id.map((seatId, i) => [seatId, zones[zone[i]!]!.id])), tariffs: perf.body.tariffs };
}

export async function availability(performanceId: string) {
  const res = await call('GET', `${SHOP}/performances/${performanceId}/availability`);
  if (res.status !== 200) throw new Error(`availability ${performanceId}: ${res.status}`);
  return res.body;
}

export async function heldSeats(performanceId: string): Promise<number[]> {
  return decodeSeatRanges((await availability(performanceId)).held);
}

export async function soldSeats(performanceId: string): Promise<number[]> {
  return decodeSeatRanges((await availability(performanceId)).sold);
}

export const buyer = { name: 'Claire Dubois', email: 'claire.dubois@example.ch', language: 'fr' as const };
export const GOOD_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';

export function expectOk(res: ApiResponse, status: number): ApiResponse {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

/** The ledger audit (tests/shared/ledger-audit.ts) over this test file's database, D1 or libSQL. */
export function assertStoredLedgerIntact(context = ''): Promise<void> {
  return assertLedgerIntact((sql) => storedRows(sql), context);
}
