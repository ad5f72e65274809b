import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import { type StripeSettings, stripeSettingsFrom } from '../../worker/src/payments/stripe/settings.js';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { assertStripePaymentsIntact } from '../shared/stripe-audit.js';
import type { StripeEvent } from '../shared/stripe-stand-in.js';
import { type RunningStripeStandIn, signEvent, startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { buyer, createTestShop, MINUTE, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

/**
 * Stripe payments end to end in process: the API with the real `stripe` SDK, pointed over HTTP
 * at the stand-in (tests/shared/stripe-stand-in.ts), which stands in for Stripe's servers
 * because no test machine reaches them. The buyer's side of Stripe.js (confirming a card,
 * TWINT, a decline) is the stand-in's `pay`; webhook deliveries are its events, signed with the
 * SDK's test helper. After each test both audits run: the seat ledger and the money.
 */

const WEBHOOK_SECRET = 'whsec_test_platform';
let stripeServer: RunningStripeStandIn;
let shop: TestShop;

function settingsFor(mode: 'test' | 'live'): StripeSettings {
  return stripeSettingsFrom(
    {
      STRIPE_SECRET_KEY: `sk_${mode}_platform`,
      STRIPE_PUBLISHABLE_KEY: `pk_${mode}_platform`,
      STRIPE_WEBHOOK_SECRET: `whsec_other,${WEBHOOK_SECRET}`,
      STRIPE_API_HOST: stripeServer.host,
      STRIPE_API_PORT: String(stripeServer.port),
      STRIPE_API_PROTOCOL: 'http',
    },
    'node',
  )!;
}

beforeAll(async () => {
  stripeServer = await startStripeStandIn();
});
afterAll(() => stripeServer.close());
afterEach(async () => {
  if (!shop) return;
  await assertLedgerIntact(shop.sql);
  await assertStripePaymentsIntact(shop.sql);
  shop.close();
  shop = undefined as unknown as TestShop;
  stripeServer.standIn.reset();
});

const standIn = () => stripeServer.standIn;

async function openShop(mode: 'test' | 'live' = 'test', keyMode: 'test' | 'live' = mode) {
  shop = await createTestShop({ stripe: settingsFor(keyMode) });
  if (mode === 'live') await shop.sql(`UPDATE shops SET test_mode = 0 WHERE id = '${shop.demo.shopId}'`);
  const performanceId = shop.demo.theatrePerformanceIds[0]!;
  const info = await performanceInfo(shop, performanceId);
  const seats = Object.values(await seatsByZone(shop, info.planId!)).flat();
  return { performanceId, info, seats };
}

async function hold(performanceId: string, seatIds: number[]) {
  const res = await shop.call('POST', sf('/holds'), { performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; amountDue: number };
}

async function stripeCheckout(holdId: string) {
  const res = await shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer, payment: { method: 'stripe' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe('pending');
  return res.body as { number: string; secret: string; amountDue: number; stripe: { paymentIntentId: string; clientSecret: string; publishableKey: string; stripeAccount: string | null; amount: number; status: string } };
}

const back = (order: { number: string; secret: string }, paymentIntentId: string) =>
  shop.call('POST', sf(`/orders/${order.number}/stripe-return`), { paymentIntentId }, { 'X-Order-Secret': order.secret });

const orderOf = (order: { number: string; secret: string }) => shop.call('GET', sf(`/orders/${order.number}`), undefined, { 'X-Order-Secret': order.secret });

/** Delivers an event as Stripe would: the body signed at the test's clock, posted raw. */
async function deliver(event: StripeEvent | Record<string, unknown>, options: { secret?: string; at?: number; body?: string } = {}) {
  const signed = signEvent(event, options.secret ?? WEBHOOK_SECRET, Math.floor((options.at ?? shop.clock.now()) / 1000));
  const res = await shop.app.request('/api/webhooks/stripe', { method: 'POST', body: options.body ?? signed.body, headers: signed.headers });
  return { status: res.status, body: (await res.json()) as any };
}

const lastEvent = (paymentIntentId: string, type: string) => {
  const event = standIn()
    .eventsFor(paymentIntentId)
    .filter((e) => e.type === type)
    .at(-1);
  if (!event) throw new Error(`no ${type} event for ${paymentIntentId}`);
  return event;
};

const runJobs = () => runScheduledJobs(shop.deps, '* * * * *');
const messages = (kind: string) => shop.sql(`SELECT * FROM outbox_messages WHERE kind = '${kind}'`);

describe('checkout with Stripe', () => {
  it('offers Stripe first and answers a pending order with its PaymentIntent; a retried checkout reuses it', async () => {
    const { performanceId, seats } = await openShop();
    const perf = await shop.call('GET', sf(`/performances/${performanceId}`));
    expect(perf.body.paymentMethods.slice(0, 2)).toEqual(['free', 'stripe']);
    const { id } = await hold(performanceId, [seats[0]!]);
    const order = await stripeCheckout(id);
    expect(order.stripe).toMatchObject({ publishableKey: 'pk_test_platform', stripeAccount: null, amount: order.amountDue, status: 'requires_payment' });
    expect(order.stripe.clientSecret).toMatch(new RegExp(`^${order.stripe.paymentIntentId}_secret_`));
    const again = await stripeCheckout(id);
    expect(again.stripe.paymentIntentId).toBe(order.stripe.paymentIntentId);
    expect(standIn().count('create')).toBe(1);
    const intent = standIn().peek(order.stripe.paymentIntentId)!;
    expect(intent.payment_method_options).toMatchObject({ card: { capture_method: 'manual' } });
    expect(intent.metadata).toMatchObject({ order_number: order.number });
    // The buyer's page reads it again with the order's secret.
    expect((await orderOf(order)).body.stripe.paymentIntentId).toBe(order.stripe.paymentIntentId);
    // Bad input changes nothing and answers the one error envelope.
    expect((await back(order, 'pi_NotThisOrders1')).body.error.code).toBe('payment_not_found');
    const malformed = await shop.call('POST', sf(`/orders/${order.number}/stripe-return`), { paymentIntentId: 'nope' }, { 'X-Order-Secret': order.secret });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'invalid_request']);
    const wrongSecret = await shop.call('POST', sf(`/orders/${order.number}/stripe-return`), { paymentIntentId: order.stripe.paymentIntentId }, { 'X-Order-Secret': 'x'.repeat(26) });
    expect([wrongSecret.status, wrongSecret.body.error.code]).toEqual([404, 'order_not_found']);
    const garbage = await shop.app.request('/api/webhooks/stripe', { method: 'POST', body: '{"id":"nope"}', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' } });
    expect([garbage.status, ((await garbage.json()) as any).error.code]).toEqual([400, 'invalid_request']);
    expect(standIn().count('capture')).toBe(0);
  });

  it('a card: authorized, the return completes the order, then it is captured once; later arrivals change nothing', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[1]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card' });
    const res = await back(order, pi);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'paid', paymentMethod: 'stripe', stripe: null });
    expect(res.body.tickets).toHaveLength(1);
    expect(standIn().peek(pi)!.status).toBe('succeeded');
    expect(standIn().count('capture', pi)).toBe(1);
    for (const type of ['payment_intent.amount_capturable_updated', 'payment_intent.succeeded']) {
      expect((await deliver(lastEvent(pi, type))).body).toMatchObject({ received: true, duplicate: false });
    }
    expect((await back(order, pi)).body.status).toBe('paid');
    expect(standIn().count('capture', pi)).toBe(1);
    expect(await messages('order_confirmation')).toHaveLength(1);
    const [charge] = await shop.sql(`SELECT status, amount FROM payments WHERE id = 'pay_${pi}'`);
    expect(charge).toEqual({ status: 'captured', amount: order.amountDue });
    await assertStripePaymentsIntact(shop.sql, 'after capture', { settled: true });
  });

  it('the webhook first: it completes the order; ten replays answer duplicate and change nothing', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[2]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card' });
    const event = lastEvent(pi, 'payment_intent.amount_capturable_updated');
    expect((await deliver(event)).body).toEqual({ received: true, duplicate: false, handled: true });
    expect((await orderOf(order)).body.status).toBe('paid');
    const replays = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(replays.map((r) => r.body.duplicate)).toEqual(Array(10).fill(true));
    expect((await back(order, pi)).body.status).toBe('paid');
    expect(standIn().count('capture', pi)).toBe(1);
    expect(await messages('order_confirmation')).toHaveLength(1);
  });

  it('a decline answers 402 with the reason, keeps the seats, and the buyer can pay again', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[3]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card', outcome: 'decline', declineCode: 'insufficient_funds' });
    const declined = await back(order, pi);
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ code: 'payment_declined', details: { declineCode: 'insufficient_funds', orderNumber: order.number } });
    const view = await orderOf(order);
    expect(view.body).toMatchObject({ status: 'pending', lastDeclineCode: 'insufficient_funds', stripe: { paymentIntentId: pi, status: 'requires_payment' } });
    // The same attempt's event records nothing more.
    await deliver(lastEvent(pi, 'payment_intent.payment_failed'));
    expect(await shop.sql(`SELECT id FROM payments WHERE status = 'declined'`)).toHaveLength(1);
    standIn().pay(pi, { method: 'card' });
    expect((await back(order, pi)).body.status).toBe('paid');
  });

  it('TWINT is captured by Stripe: the order is completed without a capture call', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[4]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'twint' });
    expect((await back(order, pi)).body.status).toBe('paid');
    expect(standIn().count('capture', pi)).toBe(0);
    await assertStripePaymentsIntact(shop.sql, 'twint', { settled: true });
  });
});

describe('a payment that arrives after the hold lapsed', () => {
  it('gets the seats when they are still free (the hold is taken again)', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[5]!])).id);
    shop.clock.advance(31 * MINUTE);
    await runJobs(); // the sweep releases the hold; the order reads expired
    expect((await orderOf(order)).body.status).toBe('expired');
    standIn().pay(order.stripe.paymentIntentId, { method: 'card' });
    const res = await back(order, order.stripe.paymentIntentId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('paid');
    expect(res.body.tickets.map((t: { seatId: number }) => t.seatId)).toEqual([seats[5]]);
  });

  it('is voided (card) when the seats were sold to someone else, and the buyer is told', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[6]!])).id);
    shop.clock.advance(31 * MINUTE);
    const other = await hold(performanceId, [seats[6]!]);
    expect((await shop.call('POST', sf(`/holds/${other.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } })).status).toBe(201);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card' });
    const res = await back(order, pi);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'payment_returned', details: { reason: 'seats_taken', refunded: false, orderNumber: order.number } });
    expect(standIn().peek(pi)!.status).toBe('canceled');
    const [notice] = await messages('payment_returned');
    expect(notice).toMatchObject({ recipient: buyer.email, language: 'fr' });
    // Later arrivals answer the same and send nothing more.
    await deliver(lastEvent(pi, 'payment_intent.amount_capturable_updated'));
    expect((await back(order, pi)).status).toBe(409);
    expect(await messages('payment_returned')).toHaveLength(1);
  });

  it('is refunded in full (TWINT, already captured) when the seats were sold to someone else', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[7]!])).id);
    shop.clock.advance(31 * MINUTE);
    const other = await hold(performanceId, [seats[7]!]);
    await shop.call('POST', sf(`/holds/${other.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'twint' });
    // The webhook comes first this time.
    await deliver(lastEvent(pi, 'payment_intent.succeeded'));
    const res = await back(order, pi);
    expect(res.body.error).toMatchObject({ code: 'payment_returned', details: { reason: 'seats_taken', refunded: true } });
    expect(standIn().count('refund')).toBe(1);
    const refunds = standIn().calls.filter((c) => c.operation === 'refund' && !c.replayed);
    expect(refunds).toHaveLength(1);
  });
});

describe('after the sale', () => {
  it('a capture Stripe does not answer is retried by the settling job', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[8]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card' });
    standIn().failNext('capture', { status: 500, type: 'api_error', message: 'Stripe is having a moment.' }, 3);
    expect((await back(order, pi)).body.status).toBe('paid');
    expect((await shop.sql(`SELECT capture FROM stripe_payments WHERE id = '${pi}'`))[0]!.capture).toBe('pending');
    const [charge] = await shop.sql(`SELECT status FROM payments WHERE id = 'pay_${pi}'`);
    expect(charge!.status).toBe('authorized');
    await runJobs();
    expect((await shop.sql(`SELECT capture FROM stripe_payments WHERE id = '${pi}'`))[0]!.capture).toBe('captured');
    expect(standIn().count('capture', pi)).toBe(1);
    await assertStripePaymentsIntact(shop.sql, 'after the job', { settled: true });
  });

  it('an authorization that lapses before it could be captured cancels the order and frees the seats', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[9]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card' });
    standIn().failNext('capture', { status: 500, type: 'api_error' }, 3);
    expect((await back(order, pi)).body.status).toBe('paid');
    standIn().expireAuthorization(pi);
    await deliver(lastEvent(pi, 'payment_intent.canceled'));
    expect((await orderOf(order)).body.status).toBe('cancelled');
    // The buyer is told why in their language (fr), not that the organizer cancelled.
    const [notice] = await messages('tickets_cancelled');
    const { renderMessage } = await import('../../worker/src/email/render.js');
    const text = renderMessage({ kind: 'tickets_cancelled', language: 'fr', payload: JSON.parse(String(notice!.payload)) }, { publicUrl: 'https://tickets.example' }).text;
    expect(text).toContain('le paiement par carte n’a pas pu être encaissé');
    expect(text).not.toContain('par l’organisateur');
    const again = await hold(performanceId, [seats[9]!]);
    expect(again.id).toBeTruthy();
    const [charge] = await shop.sql(`SELECT status FROM payments WHERE id = 'pay_${pi}'`);
    expect(charge!.status).toBe('voided');
  });

  it('a card refund decided by staff goes through Stripe; charge.refunded and a dispute are recorded', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[10]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card' });
    await back(order, pi);
    const cancelled = await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'order', reason: 'Buyer ill', refundMethod: 'card_refund' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);
    expect(cancelled.body.cancellation.refund.status).toBe('refunded');
    const refund = standIn().calls.find((c) => c.operation === 'refund' && !c.replayed)!;
    expect(refund.idempotencyKey).toBe(`refund:${cancelled.body.cancellation.id}`);
    await deliver(lastEvent(pi, 'charge.refunded'));
    const [row] = await shop.sql(`SELECT amount_refunded FROM stripe_payments WHERE id = '${pi}'`);
    expect(row!.amount_refunded).toBeGreaterThan(0);
    standIn().dispute(pi);
    await deliver(lastEvent(pi, 'charge.dispute.created'));
    // Staff see it on the order: the payment, Stripe's refunded total and the dispute.
    const staff = await shop.org('GET', `/api/org/orders/${order.number}`);
    expect(staff.body.stripePayments).toEqual([
      expect.objectContaining({ paymentIntentId: pi, state: 'sold', capture: 'captured', amount: order.amountDue, amountRefunded: order.amountDue, disputedAt: expect.any(String) }),
    ]);
    expect(staff.body.payments.map((p: { kind: string; status: string }) => `${p.kind}:${p.status}`)).toEqual(['charge:captured', 'refund:refunded']);
    expect(JSON.stringify(staff.body)).not.toContain(order.stripe.clientSecret);
  });
});

describe('a pass or gift voucher bought through Stripe', () => {
  it('is issued once, by the return or the webhook, and a decline can be retried', async () => {
    await openShop();
    const placed = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 5000, recipientName: 'Léa', buyer, payment: { method: 'stripe' } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ status: 'pending', paymentMethod: 'stripe', code: null, stripe: { amount: 5000, status: 'requires_payment', stripeAccount: null } });
    const pi = placed.body.stripe.paymentIntentId as string;
    const purchase = { number: placed.body.number as string, secret: placed.body.secret as string };
    const backFromStripe = () => shop.call('POST', sf(`/product-orders/${purchase.number}/stripe-return`), { secret: purchase.secret, paymentIntentId: pi });
    // Paying again (e.g. after reloading) reuses the same PaymentIntent.
    const again = await shop.call('POST', sf(`/product-orders/${purchase.number}/payment`), { secret: purchase.secret, payment: { method: 'stripe' } });
    expect(again.body.stripe.paymentIntentId).toBe(pi);
    standIn().pay(pi, { method: 'card', outcome: 'decline', declineCode: 'card_declined' });
    const declined = await backFromStripe();
    expect(declined.status).toBe(402);
    expect(declined.body.error.details).toMatchObject({ declineCode: 'card_declined', orderNumber: purchase.number });
    standIn().pay(pi, { method: 'card' });
    await deliver(lastEvent(pi, 'payment_intent.amount_capturable_updated'));
    const paid = await backFromStripe();
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', stripe: null, voucher: { amount: 5000 } });
    expect(paid.body.code).toMatch(/^[0-9A-Z]{4}-/);
    expect(standIn().count('capture', pi)).toBe(1);
    expect(await messages('voucher_issued')).toHaveLength(1);
    expect((await backFromStripe()).body.code).toBe(paid.body.code);
    await assertStripePaymentsIntact(shop.sql, 'voucher', { settled: true });
  });
});

describe('the settling job', () => {
  it('cancels at Stripe a replaced PaymentIntent whose cancellation failed, and one abandoned for hours', async () => {
    const { performanceId, seats } = await openShop();
    const { id } = await hold(performanceId, [seats[16]!]);
    const first = await stripeCheckout(id);
    await shop.call('PATCH', sf(`/holds/${id}`), { addSeats: [{ seatId: seats[17]! }] });
    standIn().failNext('cancel', { status: 500, type: 'api_error' }, 3);
    const second = await stripeCheckout(id);
    expect(standIn().peek(first.stripe.paymentIntentId)!.status).toBe('requires_payment_method');
    const tick = await runJobs();
    expect(tick.stripePaymentsCancelled).toBe(1);
    expect(standIn().peek(first.stripe.paymentIntentId)!.status).toBe('canceled');
    // The buyer walked away: three hours later the open one is cancelled too, so it can never take money.
    shop.clock.advance(3 * 60 * MINUTE + MINUTE);
    expect((await runJobs()).stripePaymentsCancelled).toBe(1);
    expect(standIn().peek(second.stripe.paymentIntentId)!.status).toBe('canceled');
    expect((await shop.sql(`SELECT state FROM stripe_payments ORDER BY created_at`)).map((r) => r.state)).toEqual(['returned', 'returned']);
    expect((await runJobs()).stripePaymentsCancelled).toBe(0);
  });
});

describe('a cart changed while paying', () => {
  it('gets a new PaymentIntent; the old one is cancelled, and if it was paid meanwhile it is refunded', async () => {
    const { performanceId, seats } = await openShop();
    const { id } = await hold(performanceId, [seats[11]!]);
    const first = await stripeCheckout(id);
    const change = await shop.call('PATCH', sf(`/holds/${id}`), { addSeats: [{ seatId: seats[12]! }] });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    // Stripe cannot be reached for the cancellation: the old PaymentIntent stays payable a moment.
    standIn().failNext('cancel', { status: 500, type: 'api_error' }, 3);
    const second = await stripeCheckout(id);
    expect(second.stripe.paymentIntentId).not.toBe(first.stripe.paymentIntentId);
    expect(second.stripe.amount).toBeGreaterThan(first.stripe.amount);
    standIn().pay(first.stripe.paymentIntentId, { method: 'twint' });
    await deliver(lastEvent(first.stripe.paymentIntentId, 'payment_intent.succeeded'));
    expect((await back(first, first.stripe.paymentIntentId)).body.error).toMatchObject({ code: 'payment_returned', details: { reason: 'hold_changed', refunded: true } });
    // The order still waits for the new cart's payment.
    standIn().pay(second.stripe.paymentIntentId, { method: 'card' });
    const paid = await back(second, second.stripe.paymentIntentId);
    expect(paid.body.status).toBe('paid');
    expect(paid.body.tickets).toHaveLength(2);
  });
});

describe('the webhook endpoint', () => {
  it('refuses forged, stale and re-signed bodies with 400 and changes nothing', async () => {
    const { performanceId, seats } = await openShop();
    const order = await stripeCheckout((await hold(performanceId, [seats[13]!])).id);
    const pi = order.stripe.paymentIntentId;
    standIn().pay(pi, { method: 'card' });
    const event = lastEvent(pi, 'payment_intent.amount_capturable_updated');
    const forged = await deliver(event, { secret: 'whsec_attacker' });
    const stale = await deliver(event, { at: shop.clock.now() - 301_000 });
    const tampered = await deliver(event, { body: JSON.stringify({ ...event, id: 'evt_tampered' }) });
    for (const res of [forged, stale, tampered]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('stripe_signature_invalid');
    }
    const unsigned = await shop.app.request('/api/webhooks/stripe', { method: 'POST', body: JSON.stringify(event), headers: { 'Content-Type': 'application/json' } });
    expect(unsigned.status).toBe(400);
    expect((await orderOf(order)).body.status).toBe('pending');
    expect(await shop.sql('SELECT id FROM stripe_events')).toHaveLength(0);
    expect(standIn().count('capture', pi)).toBe(0);
    // The genuine delivery still works.
    expect((await deliver(event)).status).toBe(200);
    expect((await orderOf(order)).body.status).toBe('paid');
  });

  it('is not there without a webhook secret', async () => {
    shop = await createTestShop();
    const res = await shop.app.request('/api/webhooks/stripe', { method: 'POST', body: '{"id":"evt_1","type":"x","livemode":false,"created":1,"data":{"object":{"id":"pi_1","object":"payment_intent"}}}', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('stripe_not_configured');
    const perf = await shop.call('GET', sf(`/performances/${shop.demo.theatrePerformanceIds[0]}`));
    expect(perf.body.paymentMethods).not.toContain('stripe');
  });
});

describe('live mode and Stripe Connect', () => {
  it('a live shop with a connected account sells a seat by card, with the commission as application fee', async () => {
    const { performanceId, seats } = await openShop('live');
    const patch = await shop.org('PATCH', '/api/org/shop', { stripeAccount: 'acct_1TheatreDuJorat', commissionPerTicket: 150 });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    expect(patch.body.stripe).toEqual({ available: true, problem: null, stripeAccount: 'acct_1TheatreDuJorat' });
    const order = await stripeCheckout((await hold(performanceId, [seats[14]!])).id);
    expect(order.stripe.stripeAccount).toBe('acct_1TheatreDuJorat');
    expect(order.stripe.publishableKey).toBe('pk_live_platform');
    const pi = order.stripe.paymentIntentId;
    const intent = standIn().peek(pi)!;
    expect(intent).toMatchObject({ livemode: true, application_fee_amount: 150, amount: order.amountDue });
    standIn().pay(pi, { method: 'card' });
    const event = lastEvent(pi, 'payment_intent.amount_capturable_updated');
    expect(event.account).toBe('acct_1TheatreDuJorat');
    // The same payment claimed by an event of the platform's own account is not acted on.
    expect((await deliver({ ...event, id: 'evt_wrongaccount1', account: undefined })).body.handled).toBe(false);
    expect((await deliver(event)).body.handled).toBe(true);
    const paid = await orderOf(order);
    expect(paid.body.status).toBe('paid');
    expect(standIn().calls.find((c) => c.operation === 'capture')!.account).toBe('acct_1TheatreDuJorat');
  });

  it('refuses a mix of key and shop modes with a clear error, and does not offer Stripe', async () => {
    const { performanceId, seats } = await openShop('live', 'test');
    const settings = await shop.org('GET', '/api/org/shop');
    expect(settings.body.stripe).toMatchObject({ available: false, problem: 'test_key_in_live_shop' });
    const perf = await shop.call('GET', sf(`/performances/${performanceId}`));
    expect(perf.body.paymentMethods).not.toContain('stripe');
    const { id } = await hold(performanceId, [seats[15]!]);
    const res = await shop.call('POST', sf(`/holds/${id}/checkout`), { buyer, payment: { method: 'stripe' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stripe_key_mode_mismatch', details: { shopMode: 'live', keyMode: 'test' } });
    expect(standIn().calls).toHaveLength(0);
  });

  it('refuses a configuration whose keys are of different modes or not Stripe keys', () => {
    expect(() => stripeSettingsFrom({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_PUBLISHABLE_KEY: 'pk_live_1' }, 'node')).toThrow(/different modes/);
    expect(() => stripeSettingsFrom({ STRIPE_SECRET_KEY: 'sk_test_1' }, 'node')).toThrow(/STRIPE_PUBLISHABLE_KEY/);
    expect(() => stripeSettingsFrom({ STRIPE_SECRET_KEY: 'secret', STRIPE_PUBLISHABLE_KEY: 'pk_test_1' }, 'node')).toThrow(/must start with/);
    expect(stripeSettingsFrom({}, 'node')).toBeUndefined();
  });
});
