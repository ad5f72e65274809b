import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { assertStripePaymentsIntact } from '../shared/stripe-audit.js';
import { acceptableReturn, buySeatWithTestCard, lapseHold, payAndRace, type RaceApi, type RaceSeat, stripeReturn } from '../shared/stripe-races.js';
import { type RunningStripeStandIn, startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { httpJson, type RunningServer, seededRandom, startServer } from './http-server.js';

/**
 * A Stripe payment's arrivals racing each other over real HTTP against the production Node
 * build (`node dist/server/server.js`), which talks to the Stripe stand-in over HTTP with the
 * real SDK. The scenarios are shared with workerd (tests/shared/stripe-races.ts). After each
 * scenario the seat ledger and the money are audited; at the end, with nothing left half-way.
 */

const WEBHOOK_SECRET = 'whsec_race_platform';
const ROUNDS = 10;
let stripe: RunningStripeStandIn;
let server: RunningServer;
let db: Client;
let api: RaceApi;
const seats: RaceSeat[] = [];
const tally: Record<string, number> = {};

const seat = () => {
  const next = seats.shift();
  if (!next) throw new Error('out of seats');
  return next;
};
const count = (key: string) => (tally[key] = (tally[key] ?? 0) + 1);
const sql = async (text: string) => (await db.execute(text)).rows.map((r) => ({ ...r }) as Record<string, unknown>);
const audit = async (context: string, settled = false) => {
  await assertLedgerIntact(sql, context);
  await assertStripePaymentsIntact(sql, context, { settled });
};

beforeAll(async () => {
  stripe = await startStripeStandIn();
  server = await startServer({
    env: {
      STRIPE_SECRET_KEY: 'sk_test_race',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_race',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_HOST: stripe.host,
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    },
  });
  db = createClient({ url: `file:${server.dbPath}` });
  api = {
    call: (method, path, body, headers) => httpJson(server.baseUrl, method, path, body, headers),
    webhook: async (body, headers) => {
      const res = await fetch(`${server.baseUrl}/api/webhooks/stripe`, { method: 'POST', body, headers });
      return { status: res.status, body: await res.json() };
    },
    sql,
    stripeUrl: stripe.url,
    webhookSecret: WEBHOOK_SECRET,
    shopPath: '/api/shops/shp_demo',
  };
  for (const performanceId of server.demo.theatrePerformanceIds.slice(0, 3)) {
    const perf = await api.call('GET', `${api.shopPath}/performances/${performanceId}`);
    const plan = await api.call('GET', `${api.shopPath}/plans/${perf.body.planId}`);
    const { id, flags } = plan.body.seats as { id: number[]; flags: number[] };
    id.forEach((seatId, i) => (flags[i]! & 8) === 0 && seats.push({ performanceId, seatId }));
  }
}, 240_000);

afterAll(async () => {
  db?.close();
  await server?.stop();
  await stripe?.close();
  console.log(`Stripe races (Node, HTTP): ${JSON.stringify(tally)}`);
});

describe('Stripe arrivals racing, over real HTTP (Node)', () => {
  it('the buyer’s returns and the webhooks at once, each event ten times and shuffled: one sale, one capture', async () => {
    const random = seededRandom(15);
    for (let round = 0; round < ROUNDS; round++) {
      const method = round % 2 === 0 ? 'card' : 'twint';
      const { result } = await payAndRace(api, seat(), { method, returns: 3, copies: 10, random });
      expect(result.status).toBe('paid');
      expect(result.returns.every((s) => s === 200)).toBe(true);
      expect(result.deliveries.every((s) => s === 200)).toBe(true);
      tally.deliveries = (tally.deliveries ?? 0) + result.deliveries.length;
      tally.duplicates = (tally.duplicates ?? 0) + result.duplicates;
      expect(result.captures).toBe(method === 'card' ? 1 : 0);
      expect(result.voids + result.refunds).toBe(0);
      count(`paid_${method}`);
    }
    await audit('returns and webhooks');
  });

  it('paid after the hold lapsed, the seat still free: the seat is taken again and sold once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { result } = await payAndRace(api, seat(), { method: 'card', returns: 2, copies: 3, before: (order) => lapseHold(api, order.holdId) });
      expect(result.status).toBe('paid');
      expect(result.captures).toBe(1);
      count('revived');
    }
    await audit('revived');
  });

  it('paid after the hold lapsed, the seat sold to someone else: voided (card) or refunded (TWINT) once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const taken = seat();
      const method = round % 2 === 0 ? 'card' : 'twint';
      const { order, result } = await payAndRace(api, taken, {
        method,
        returns: 2,
        copies: 3,
        before: async (o) => {
          await lapseHold(api, o.holdId);
          await buySeatWithTestCard(api, taken);
        },
      });
      expect(result.returns, JSON.stringify(result)).toEqual([409, 409]);
      expect(result.captures).toBe(0);
      expect(method === 'card' ? result.voids : result.refunds).toBe(1);
      const again = await stripeReturn(api, order);
      expect(again.body.error).toMatchObject({ code: 'payment_returned', details: { reason: 'seats_taken', refunded: method === 'twint' } });
      const notices = await sql(`SELECT id FROM outbox_messages WHERE dedupe_key = 'payment_returned:${order.pi}'`);
      expect(notices).toHaveLength(1);
      count(`returned_${method}`);
    }
    await audit('seat taken');
  });

  it('a capture that fails after the sale: the order stays sold and a later arrival captures it once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { order, result } = await payAndRace(api, seat(), { method: 'card', returns: 2, copies: 2, failCaptures: 3 });
      expect(result.status).toBe('paid');
      expect(result.returns.every(acceptableReturn)).toBe(true);
      expect(result.captures).toBeLessThanOrEqual(1);
      // The buyer's page asks again: whatever was left uncaptured is captured now, once.
      expect((await stripeReturn(api, order)).body.status).toBe('paid');
      const [row] = await sql(`SELECT capture FROM stripe_payments WHERE id = '${order.pi}'`);
      expect(row!.capture).toBe('captured');
      count('capture_retried');
    }
    await audit('capture failures', true);
  });
});
