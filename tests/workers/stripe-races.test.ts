import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertStripePaymentsIntact } from '../shared/stripe-audit';
import { acceptableReturn, buySeatWithTestCard, lapseHold, payAndRace, type RaceApi, type RaceSeat, stripeOrderFor, stripeReturn } from '../shared/stripe-races';
import { assertStoredLedgerIntact, call, SHOP, seatedPerformance, seedDemoShop } from './helpers';
import { storedRows } from './stored-sql';

/**
 * The Stripe races inside workerd (tests/shared/stripe-races.ts), on D1 and on libSQL: the
 * Worker's own fetch handler, its SDK on the fetch client and Web Crypto, the Stripe stand-in
 * over real HTTP (started by the vitest config). After each scenario the seat ledger and the
 * money are audited on the run's storage.
 */

const ROUNDS = 5;
let api: RaceApi;
const seats: RaceSeat[] = [];
const tally: Record<string, number> = {};
const seat = () => seats.shift()!;
const sql = (text: string) => storedRows(text);
const audit = async (context: string, settled = false) => {
  await assertStoredLedgerIntact(context);
  await assertStripePaymentsIntact(sql, context, { settled });
};

beforeAll(async () => {
  const demo = await seedDemoShop();
  api = {
    call,
    webhook: async (body, headers) => {
      const res = await exports.default.fetch(new Request('https://tickets.example/api/webhooks/stripe', { method: 'POST', body, headers }));
      return { status: res.status, body: await res.json() };
    },
    sql,
    stripeUrl: env.STRIPE_STAND_IN_URL,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    shopPath: SHOP,
  };
  for (const performanceId of demo.theatrePerformanceIds.slice(0, 2)) {
    const perf = await seatedPerformance(performanceId);
    seats.push(...perf.seatIds.map((seatId) => ({ performanceId, seatId })));
  }
});

afterAll(() => console.log(`Stripe races (workerd, D1): ${JSON.stringify(tally)}`));

describe('Stripe arrivals racing, in workerd on D1', () => {
  it('offers Stripe and answers a pending order with its PaymentIntent', async () => {
    const order = await stripeOrderFor(api, seat());
    expect(order.pi).toMatch(/^pi_/);
    const view = await call('GET', `${SHOP}/orders/${order.number}`, undefined, { 'X-Order-Secret': order.secret });
    expect(view.body.stripe).toMatchObject({ paymentIntentId: order.pi, publishableKey: 'pk_test_workers', status: 'requires_payment' });
  });

  it('returns and webhooks at once, every event five times and shuffled: one sale, one capture', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const method = round % 2 === 0 ? 'card' : 'twint';
      const { result } = await payAndRace(api, seat(), { method, returns: 2, copies: 5 });
      expect(result.status).toBe('paid');
      expect(result.returns).toEqual([200, 200]);
      expect(result.deliveries.every((s) => s === 200)).toBe(true);
      tally.deliveries = (tally.deliveries ?? 0) + result.deliveries.length;
      tally.duplicates = (tally.duplicates ?? 0) + result.duplicates;
      expect(result.captures).toBe(method === 'card' ? 1 : 0);
      expect(result.voids + result.refunds).toBe(0);
      tally[`paid_${method}`] = (tally[`paid_${method}`] ?? 0) + 1;
    }
    await audit('returns and webhooks');
  });

  it('paid after the hold lapsed: sold when the seat is free, given back once when it was sold', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const free = await payAndRace(api, seat(), { method: 'card', returns: 2, copies: 2, before: (o) => lapseHold(api, o.holdId) });
      expect(free.result.status).toBe('paid');
      expect(free.result.captures).toBe(1);
      const taken = seat();
      const method = round % 2 === 0 ? 'card' : 'twint';
      const lost = await payAndRace(api, taken, {
        method,
        returns: 2,
        copies: 2,
        before: async (o) => {
          await lapseHold(api, o.holdId);
          await buySeatWithTestCard(api, taken);
        },
      });
      expect(lost.result.returns).toEqual([409, 409]);
      expect(method === 'card' ? lost.result.voids : lost.result.refunds).toBe(1);
      expect((await stripeReturn(api, lost.order)).body.error).toMatchObject({ code: 'payment_returned', details: { reason: 'seats_taken', refunded: method === 'twint' } });
      tally.revived = (tally.revived ?? 0) + 1;
      tally[`returned_${method}`] = (tally[`returned_${method}`] ?? 0) + 1;
    }
    await audit('late payments');
  });

  it('a capture that fails after the sale is made once by a later arrival', async () => {
    for (let round = 0; round < 2; round++) {
      const { order, result } = await payAndRace(api, seat(), { method: 'card', returns: 2, copies: 1, failCaptures: 3 });
      expect(result.status).toBe('paid');
      expect(result.returns.every(acceptableReturn)).toBe(true);
      expect((await stripeReturn(api, order)).body.status).toBe('paid');
      expect((await sql(`SELECT capture FROM stripe_payments WHERE id = '${order.pi}'`))[0]!.capture).toBe('captured');
      tally.capture_retried = (tally.capture_retried ?? 0) + 1;
    }
    await audit('capture failures', true);
  });

  it('refuses a forged delivery with 400 and changes nothing', async () => {
    const res = await api.webhook('{"id":"evt_forged1","type":"payment_intent.succeeded","livemode":false,"created":1,"data":{"object":{"id":"pi_x","object":"payment_intent"}}}', {
      'Content-Type': 'application/json',
      'Stripe-Signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('stripe_signature_invalid');
    expect(await sql(`SELECT id FROM stripe_events WHERE id = 'evt_forged1'`)).toHaveLength(0);
  });
});
