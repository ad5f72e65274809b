import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signEvent, startStripeStandIn, type RunningStripeStandIn } from '../shared/stripe-stand-in-server.js';

// The real SDK against the stand-in (tests/shared/stripe-stand-in.ts), over HTTP.
let server: RunningStripeStandIn;
let stripe: Stripe;
const connect = (account: string) => ({ stripeAccount: account });

beforeAll(async () => {
  server = await startStripeStandIn();
  stripe = new Stripe('sk_test_x', { host: server.host, port: server.port, protocol: server.protocol, maxNetworkRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.standIn.reset());

const card = { method: 'card' } as const;

describe('PaymentIntents', () => {
  it('creates and retrieves a PaymentIntent with the fields Stripe answers', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 4500,
      currency: 'CHF',
      metadata: { order: 'ord_1' },
      description: 'Two tickets',
      payment_method_options: { card: { capture_method: 'manual' } },
      automatic_payment_methods: { enabled: true },
    });
    expect(pi).toMatchObject({
      object: 'payment_intent',
      amount: 4500,
      currency: 'chf',
      status: 'requires_payment_method',
      capture_method: 'automatic',
      amount_capturable: 0,
      amount_received: 0,
      latest_charge: null,
      last_payment_error: null,
      cancellation_reason: null,
      metadata: { order: 'ord_1' },
      description: 'Two tickets',
      application_fee_amount: null,
      automatic_payment_methods: { enabled: true },
      livemode: false,
    });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_\\w+$`));
    expect(pi.payment_method_options?.card?.capture_method).toBe('manual');
    expect(Math.abs(pi.created - Date.now() / 1000)).toBeLessThan(5);
    expect(pi.lastResponse.requestId).toMatch(/^req_/);

    const again = await stripe.paymentIntents.retrieve(pi.id);
    expect(again.id).toBe(pi.id);
    expect(again.metadata).toEqual({ order: 'ord_1' });
  });

  it('refuses a missing amount, an unknown parameter and a bad key as Stripe does', async () => {
    await expect(stripe.paymentIntents.create({ currency: 'chf' } as Stripe.PaymentIntentCreateParams)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_missing',
      param: 'amount',
      statusCode: 400,
    });
    await expect(stripe.paymentIntents.create({ amount: 100, currency: 'chf', colour: 'red' } as Stripe.PaymentIntentCreateParams)).rejects.toMatchObject({
      code: 'parameter_unknown',
      param: 'colour',
    });
    await expect(stripe.paymentIntents.create({ amount: 20, currency: 'chf' })).rejects.toMatchObject({ code: 'amount_too_small' });
    const badKey = new Stripe('pk_test_x', { host: server.host, port: server.port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(badKey.paymentIntents.create({ amount: 100, currency: 'chf' })).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('updates amount and metadata while unpaid, only metadata once paid', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'chf', metadata: { a: '1', b: '2' } });
    const updated = await stripe.paymentIntents.update(pi.id, { amount: 1200, metadata: { a: '', c: '3' } });
    expect(updated.amount).toBe(1200);
    expect(updated.metadata).toEqual({ b: '2', c: '3' });
    server.standIn.pay(pi.id, card);
    await expect(stripe.paymentIntents.update(pi.id, { amount: 1300 })).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect((await stripe.paymentIntents.update(pi.id, { metadata: { d: '4' } })).metadata).toEqual({ b: '2', c: '3', d: '4' });
  });

  it('expands latest_charge when asked', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'chf' });
    server.standIn.pay(pi.id, card);
    const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect(expanded.latest_charge).toMatchObject({ object: 'charge', amount_captured: 1000, payment_intent: pi.id });
  });
});

describe('idempotency', () => {
  it('replays the first answer for a repeat and does not create a second PaymentIntent', async () => {
    const params = { amount: 2000, currency: 'chf', metadata: { order: 'o1' } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'order-o1' });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: 'order-o1' });
    expect(second).toEqual(first);
    expect((second.lastResponse.headers as Record<string, string>)['idempotent-replayed']).toBe('true');
    expect(server.standIn.count('create')).toBe(1);
    expect(server.standIn.calls.filter((c) => c.operation === 'create').map((c) => c.replayed)).toEqual([false, true]);
    expect(server.standIn.events.filter((e) => e.type === 'payment_intent.created')).toHaveLength(1);
  });

  it('two requests with one key at the same time act once', async () => {
    const params = { amount: 2000, currency: 'chf' };
    const [a, b] = await Promise.all([1, 2].map(() => stripe.paymentIntents.create(params, { idempotencyKey: 'race' })));
    expect(a!.id).toBe(b!.id);
    expect(server.standIn.count('create')).toBe(1);
  });

  it('refuses the same key with other parameters (StripeIdempotencyError)', async () => {
    await stripe.paymentIntents.create({ amount: 2000, currency: 'chf' }, { idempotencyKey: 'k1' });
    const error = await stripe.paymentIntents.create({ amount: 2500, currency: 'chf' }, { idempotencyKey: 'k1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
    expect(server.standIn.count('create')).toBe(1);
  });

  it('scopes keys per account and replays errors the endpoint answered', async () => {
    const a = await stripe.paymentIntents.create({ amount: 2000, currency: 'chf' }, { idempotencyKey: 'same', ...connect('acct_A') });
    const b = await stripe.paymentIntents.create({ amount: 2000, currency: 'chf' }, { idempotencyKey: 'same', ...connect('acct_B') });
    expect(a.id).not.toBe(b.id);

    const pi = await stripe.paymentIntents.create({ amount: 2000, currency: 'chf', capture_method: 'manual' });
    const e1 = await stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: 'cap' }).catch((e: unknown) => e);
    server.standIn.pay(pi.id, { method: 'card' });
    // The key keeps the first answer (an unexpected-state error), though a fresh capture would now succeed.
    const e2 = await stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: 'cap' }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((e2 as Stripe.errors.StripeError).message).toBe((e1 as Stripe.errors.StripeError).message);
    expect((e2 as Stripe.errors.StripeError).payment_intent?.status).toBe('requires_payment_method');
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_capture');
    expect((e2 as Stripe.errors.StripeError).headers?.['idempotent-replayed']).toBe('true');
  });

  it('does not store a 5xx: the SDK retry with the same key acts exactly once', async () => {
    const retrying = new Stripe('sk_test_x', { host: server.host, port: server.port, protocol: 'http', maxNetworkRetries: 2 });
    server.standIn.failNext('create', { status: 500, type: 'api_error', message: 'Something went wrong' });
    const pi = await retrying.paymentIntents.create({ amount: 3000, currency: 'chf' });
    const creates = server.standIn.calls.filter((c) => c.operation === 'create');
    expect(creates.map((c) => [c.status, c.injected])).toEqual([
      [500, true],
      [200, false],
    ]);
    expect(creates[0]!.idempotencyKey).toMatch(/^stripe-node-retry-/);
    expect(creates[1]!.idempotencyKey).toBe(creates[0]!.idempotencyKey);
    expect(server.standIn.count('create')).toBe(1);
    expect(creates[1]!.id).toBe(pi.id);
  });

  it('answers an injected card error as StripeCardError', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 3000, currency: 'chf', capture_method: 'manual' });
    server.standIn.pay(pi.id, card);
    server.standIn.failNext('capture', { status: 402, type: 'card_error', code: 'card_declined', message: 'Your card was declined.' });
    await expect(stripe.paymentIntents.capture(pi.id)).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((await stripe.paymentIntents.capture(pi.id)).status).toBe('succeeded');
    expect(server.standIn.count('capture', pi.id)).toBe(1);
  });
});

describe('paying, capturing, cancelling', () => {
  it('card with manual capture: requires_capture, capture → succeeded; a second capture fails', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf', payment_method_options: { card: { capture_method: 'manual' } } });
    const paid = server.standIn.pay(pi.id, card);
    expect(paid).toMatchObject({ status: 'requires_capture', amount_capturable: 5000, amount_received: 0 });
    const chargeId = paid.latest_charge as string;
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ captured: false, amount_captured: 0, payment_intent: pi.id });

    const captured = await stripe.paymentIntents.capture(pi.id);
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 5000, amount_capturable: 0, latest_charge: chargeId });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ captured: true, amount_captured: 5000 });

    const error = await stripe.paymentIntents.capture(pi.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect((error as Stripe.errors.StripeError).payment_intent).toMatchObject({ id: pi.id, status: 'succeeded' });
    expect(server.standIn.count('capture', pi.id)).toBe(1);
    expect(server.standIn.eventsFor(pi.id).map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
    ]);
  });

  it('captures part of an authorization', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf', capture_method: 'manual' });
    server.standIn.pay(pi.id, card);
    const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 3000 });
    // Stripe refunds the rest of the authorization at once; a refund can take only what was captured.
    expect(await stripe.charges.retrieve(captured.latest_charge as string)).toMatchObject({ amount: 5000, amount_captured: 3000, amount_refunded: 2000, refunded: false });
    await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 3500 })).rejects.toThrow('Refund amount (CHF 35.00) is greater than unrefunded amount on charge (CHF 30.00)');
    expect((await stripe.refunds.create({ payment_intent: pi.id })).amount).toBe(3000);
  });

  it('refuses to cancel a succeeded PaymentIntent and to cancel twice', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' });
    server.standIn.pay(pi.id, card);
    await expect(stripe.paymentIntents.cancel(pi.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state', statusCode: 400 });

    const other = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' });
    expect(await stripe.paymentIntents.cancel(other.id, { cancellation_reason: 'abandoned' })).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await expect(stripe.paymentIntents.cancel(other.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
  });

  it('cancelling an authorization releases it', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf', capture_method: 'manual' });
    const paid = server.standIn.pay(pi.id, card);
    const canceled = await stripe.paymentIntents.cancel(pi.id);
    expect(canceled).toMatchObject({ status: 'canceled', amount_capturable: 0 });
    expect(await stripe.charges.retrieve(paid.latest_charge as string)).toMatchObject({ captured: false, refunded: true, amount_refunded: 5000 });
    expect(server.standIn.eventsFor(pi.id).at(-1)?.type).toBe('payment_intent.canceled');
  });

  it('TWINT is captured at once even when cards are captured by hand', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'chf',
      automatic_payment_methods: { enabled: true },
      payment_method_options: { card: { capture_method: 'manual' } },
    });
    expect(pi.payment_method_types).toContain('twint');
    expect(server.standIn.pay(pi.id, { method: 'twint' })).toMatchObject({ status: 'succeeded', amount_received: 2500 });
    const chargeId = (await stripe.paymentIntents.retrieve(pi.id)).latest_charge as string;
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ captured: true, payment_method_details: { type: 'twint' } });
  });

  it('a decline leaves last_payment_error; a later payment succeeds', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'chf' });
    server.standIn.pay(pi.id, { method: 'card', outcome: 'decline', declineCode: 'insufficient_funds' });
    const seen = await stripe.paymentIntents.retrieve(pi.id);
    expect(seen.status).toBe('requires_payment_method');
    expect(seen.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    expect(server.standIn.pay(pi.id, card)).toMatchObject({ status: 'succeeded', last_payment_error: null });
    expect(server.standIn.eventsFor(pi.id).map((e) => e.type)).toContain('payment_intent.payment_failed');
  });

  it('3-D Secure: requires_action, then paying again completes', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'chf' });
    expect(server.standIn.pay(pi.id, { method: 'card', outcome: 'requires_action' })).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    expect(server.standIn.pay(pi.id, card).status).toBe('succeeded');
    expect(server.standIn.eventsFor(pi.id).map((e) => e.type)).toEqual(['payment_intent.created', 'payment_intent.requires_action', 'charge.succeeded', 'payment_intent.succeeded']);
  });

  it('an authorization that lapses is canceled automatically', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'chf', capture_method: 'manual' });
    server.standIn.pay(pi.id, card);
    server.standIn.expireAuthorization(pi.id);
    expect(await stripe.paymentIntents.retrieve(pi.id)).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic' });
    const last = server.standIn.eventsFor(pi.id).at(-1)!;
    expect(last).toMatchObject({ type: 'payment_intent.canceled', request: { id: null, idempotency_key: null } });
  });
});

describe('refunds', () => {
  it('refunds in parts, refuses more than is left and a refund of a refunded charge', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' });
    server.standIn.pay(pi.id, card);
    const first = await stripe.refunds.create({ payment_intent: pi.id, amount: 2000, metadata: { reason: 'one seat' } });
    expect(first).toMatchObject({ object: 'refund', amount: 2000, status: 'succeeded', payment_intent: pi.id, metadata: { reason: 'one seat' } });
    expect(first.id).toMatch(/^re_/);
    expect((await stripe.refunds.retrieve(first.id)).amount).toBe(2000);

    const tooMuch = await stripe.refunds.create({ payment_intent: pi.id, amount: 4000 }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((tooMuch as Error).message).toBe('Refund amount (CHF 40.00) is greater than unrefunded amount on charge (CHF 30.00)');

    const rest = await stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(3000);
    const charge = await stripe.charges.retrieve(first.charge as string);
    expect(charge).toMatchObject({ amount_refunded: 5000, refunded: true });
    await expect(stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({ code: 'charge_already_refunded' });
    expect(server.standIn.count('refund', pi.id)).toBe(2);
    expect(server.standIn.eventsFor(pi.id).filter((e) => e.type === 'charge.refunded')).toHaveLength(2);
  });

  it('refunds by charge id as well', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf', metadata: { 0: 'zero' } });
    expect(pi.metadata).toEqual({ 0: 'zero' });
    const charge = server.standIn.pay(pi.id, card).latest_charge as string;
    expect(await stripe.refunds.create({ charge, amount: 100, reason: 'requested_by_customer' })).toMatchObject({ payment_intent: pi.id, charge, amount: 100, reason: 'requested_by_customer' });
    expect(server.standIn.count('refund', pi.id)).toBe(1);
  });

  it('refuses to refund an unpaid PaymentIntent', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' });
    await expect(stripe.refunds.create({ payment_intent: pi.id })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('a refund in the dashboard and a dispute show up as events', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' });
    server.standIn.pay(pi.id, card);
    server.standIn.refundOutside(pi.id, 1000);
    const dispute = server.standIn.dispute(pi.id);
    expect(dispute).toMatchObject({ object: 'dispute', payment_intent: pi.id, amount: 4000 });
    const [refunded, disputed] = server.standIn.eventsFor(pi.id).slice(-2);
    expect(refunded).toMatchObject({ type: 'charge.refunded', data: { object: { object: 'charge', amount_refunded: 1000 } } });
    expect(disputed).toMatchObject({ type: 'charge.dispute.created', data: { object: { id: dispute.id, charge: dispute.charge } } });
  });
});

describe('Connect', () => {
  it('an object on a connected account is invisible elsewhere', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf', application_fee_amount: 250 }, connect('acct_shop1'));
    expect(pi.application_fee_amount).toBe(250);
    expect((await stripe.paymentIntents.retrieve(pi.id, {}, connect('acct_shop1'))).id).toBe(pi.id);
    await expect(stripe.paymentIntents.retrieve(pi.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    await expect(stripe.paymentIntents.retrieve(pi.id, {}, connect('acct_other'))).rejects.toMatchObject({ statusCode: 404 });
    await expect(stripe.paymentIntents.capture(pi.id, {}, connect('acct_other'))).rejects.toMatchObject({ statusCode: 404 });

    server.standIn.pay(pi.id, card);
    const chargeId = server.standIn.peek(pi.id)!.latest_charge as string;
    await expect(stripe.charges.retrieve(chargeId)).rejects.toMatchObject({ statusCode: 404 });
    expect((await stripe.charges.retrieve(chargeId, {}, connect('acct_shop1'))).application_fee_amount).toBe(250);

    const events = server.standIn.eventsFor(pi.id);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.account).toBe('acct_shop1');
  });

  it('allows an application fee only on a connected account and not above the amount', async () => {
    await expect(stripe.paymentIntents.create({ amount: 5000, currency: 'chf', application_fee_amount: 250 })).rejects.toMatchObject({ param: 'application_fee_amount' });
    await expect(stripe.paymentIntents.create({ amount: 5000, currency: 'chf', application_fee_amount: 6000 }, connect('acct_shop1'))).rejects.toMatchObject({
      param: 'application_fee_amount',
    });
  });

  it('livemode follows the key', async () => {
    const live = new Stripe('sk_live_x', { host: server.host, port: server.port, protocol: 'http', maxNetworkRetries: 0 });
    const pi = await live.paymentIntents.create({ amount: 5000, currency: 'chf' });
    expect(pi.livemode).toBe(true);
    await expect(stripe.paymentIntents.retrieve(pi.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('events and webhook signatures', () => {
  it('events carry the request that caused them, and no account on the platform', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' }, { idempotencyKey: 'evt-key' });
    const [created] = server.standIn.eventsFor(pi.id);
    expect(created).toMatchObject({
      object: 'event',
      type: 'payment_intent.created',
      livemode: false,
      pending_webhooks: 1,
      request: { id: pi.lastResponse.requestId, idempotency_key: 'evt-key' },
      data: { object: { id: pi.id, status: 'requires_payment_method' } },
    });
    expect(created).not.toHaveProperty('account');
    expect(created!.id).toMatch(/^evt_/);
  });

  it('signEvent is verified by stripe.webhooks.constructEvent; a tampered body is refused', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' });
    server.standIn.pay(pi.id, card);
    const event = server.standIn.eventsFor(pi.id).at(-1)!;
    const secret = 'whsec_test_secret';
    const signed = signEvent(event, secret);
    const verified = stripe.webhooks.constructEvent(signed.body, signed.headers['Stripe-Signature'], secret);
    expect(verified.id).toBe(event.id);
    expect(verified.type).toBe('payment_intent.succeeded');
    const tampered = signed.body.replace('"succeeded"', '"canceled"');
    expect(() => stripe.webhooks.constructEvent(tampered, signed.headers['Stripe-Signature'], secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);

    const asyncSigned = await server.standIn.signEvent(event, secret);
    expect((await stripe.webhooks.constructEventAsync(asyncSigned.body, asyncSigned.headers['Stripe-Signature'], secret)).id).toBe(event.id);
    const old = signEvent(event, secret, Math.floor(Date.now() / 1000) - 3600);
    expect(() => stripe.webhooks.constructEvent(old.body, old.headers['Stripe-Signature'], secret)).toThrow(/tolerance/);
  });
});

describe('HTTP test controls', () => {
  const control = (path: string, body?: unknown) =>
    fetch(`${server.url}/_stand-in${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('pays with the client secret, lists calls and events, signs, injects failures, resets', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf', capture_method: 'manual' });

    const wrong = await control(`/payment_intents/${pi.id}/pay`, { clientSecret: 'nope', method: 'card' });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('access-control-allow-origin')).toBe('*');
    expect(wrong.headers.get('request-id')).toMatch(/^req_/);

    const paid = await control(`/payment_intents/${pi.id}/pay`, { clientSecret: pi.client_secret, method: 'card', outcome: 'succeed' });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ id: pi.id, status: 'requires_capture' });

    const calls = (await (await control('/calls')).json()) as { data: { operation: string }[] };
    expect(calls.data.map((c) => c.operation)).toEqual(['create', 'pay']);
    const events = (await (await control(`/events?payment_intent=${pi.id}`)).json()) as { data: { id: string; type: string }[] };
    expect(events.data.map((e) => e.type)).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.amount_capturable_updated']);

    const signed = (await (await control('/sign', { eventId: events.data[0]!.id, secret: 'whsec_x' })).json()) as { body: string; headers: Record<string, string> };
    expect(stripe.webhooks.constructEvent(signed.body, signed.headers['Stripe-Signature']!, 'whsec_x').id).toBe(events.data[0]!.id);

    expect((await control('/fail-next', { operation: 'capture', error: { status: 503, type: 'api_error' } })).status).toBe(200);
    await expect(stripe.paymentIntents.capture(pi.id)).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((await stripe.paymentIntents.capture(pi.id)).status).toBe('succeeded');

    expect((await control(`/payment_intents/${pi.id}/refund-outside`, { amount: 500 })).status).toBe(200);
    expect((await control(`/payment_intents/${pi.id}/dispute`, {})).status).toBe(200);

    const declined = await stripe.paymentIntents.create({ amount: 5000, currency: 'chf' });
    const decline = await control(`/payment_intents/${declined.id}/pay`, { clientSecret: declined.client_secret, method: 'card', outcome: 'decline' });
    expect(decline.status).toBe(402);
    expect(await decline.json()).toMatchObject({ error: { type: 'card_error', code: 'card_declined', payment_intent: { id: declined.id } } });

    const options = await fetch(`${server.url}/_stand-in/calls`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-origin')).toBe('*');

    expect((await control('/reset', {})).status).toBe(200);
    expect(server.standIn.calls).toHaveLength(0);
    await expect(stripe.paymentIntents.retrieve(pi.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});
