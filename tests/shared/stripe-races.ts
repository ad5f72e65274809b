import type { JsonResult } from './request.js';
import type { SignedEvent, StripeEvent } from './stripe-stand-in.js';

/**
 * Races of a Stripe payment's arrivals, written once for both runtimes: the Node production
 * build over real HTTP and the Worker in workerd on D1. The API under test talks to the Stripe
 * stand-in (tests/shared/stripe-stand-in.ts, standing in for Stripe's servers, which no test
 * machine reaches) over HTTP; the test drives the stand-in through its /_stand-in controls
 * (the buyer paying, signed deliveries, injected failures), so the same code runs in either.
 *
 * Every round ends with one outcome: the order paid once, with one ticket set and one
 * confirmation, the card captured once; or the payment given back once. The ledger and money
 * audits run after each scenario (the callers do it, with their runtime's SQL).
 */

export interface RaceApi {
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<JsonResult>;
  /** Posts a raw body to /api/webhooks/stripe with these headers. */
  webhook: (body: string, headers: Record<string, string>) => Promise<{ status: number; body: any }>;
  /** Runs SQL on the API's database (the audits read; lapsing a hold writes). */
  sql: (text: string) => Promise<Record<string, unknown>[]>;
  /** The stand-in's base URL, e.g. http://127.0.0.1:4242. */
  stripeUrl: string;
  webhookSecret: string;
  shopPath: string;
}

export interface RaceSeat {
  performanceId: string;
  seatId: number;
}

export const raceBuyer = { name: 'Noé Jaquet', email: 'noe.jaquet@example.ch', language: 'de' as const };

async function control(api: RaceApi, method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${api.stripeUrl}/_stand-in/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }) });
  const json = await res.json();
  if (!res.ok && res.status !== 402) throw new Error(`stand-in ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const standInControl = (api: RaceApi) => ({
  pay: (pi: string, clientSecret: string, method: 'card' | 'twint', outcome: 'succeed' | 'decline' = 'succeed') =>
    control(api, 'POST', `payment_intents/${encodeURIComponent(pi)}/pay`, { clientSecret, method, outcome, ...(outcome === 'decline' ? { declineCode: 'insufficient_funds' } : {}) }),
  events: async (pi: string): Promise<StripeEvent[]> => (await control(api, 'GET', `events?payment_intent=${encodeURIComponent(pi)}`)).data,
  sign: (event: StripeEvent, timestamp?: number): Promise<SignedEvent> => control(api, 'POST', 'sign', { secret: api.webhookSecret, event, ...(timestamp ? { timestamp } : {}) }),
  failNext: (operation: string, times: number) => control(api, 'POST', 'fail-next', { operation, error: { status: 500, type: 'api_error', message: 'Injected by the race test.' }, times }),
  /** Calls of an operation on this PaymentIntent that acted (2xx, not replayed, not injected). */
  count: async (operation: string, pi: string): Promise<number> =>
    ((await control(api, 'GET', 'calls')).data as { operation: string; id: string | null; status: number; replayed: boolean; injected: boolean }[]).filter(
      (c) => c.operation === operation && c.id === pi && c.status < 300 && !c.replayed && !c.injected,
    ).length,
});

export interface StripeOrder {
  number: string;
  secret: string;
  holdId: string;
  pi: string;
  clientSecret: string;
}

export async function stripeOrderFor(api: RaceApi, seat: RaceSeat): Promise<StripeOrder> {
  const hold = await api.call('POST', `${api.shopPath}/holds`, { performanceId: seat.performanceId, seats: [{ seatId: seat.seatId }] });
  if (hold.status !== 201) throw new Error(`hold: ${hold.status} ${JSON.stringify(hold.body)}`);
  const order = await api.call('POST', `${api.shopPath}/holds/${hold.body.id}/checkout`, { buyer: raceBuyer, payment: { method: 'stripe' } });
  if (order.status !== 201 || !order.body.stripe) throw new Error(`checkout: ${order.status} ${JSON.stringify(order.body)}`);
  return { number: order.body.number, secret: order.body.secret, holdId: hold.body.id, pi: order.body.stripe.paymentIntentId, clientSecret: order.body.stripe.clientSecret };
}

export const stripeReturn = (api: RaceApi, order: StripeOrder) =>
  api.call('POST', `${api.shopPath}/orders/${order.number}/stripe-return`, { paymentIntentId: order.pi }, { 'X-Order-Secret': order.secret });

async function deliverAll(api: RaceApi, events: StripeEvent[]) {
  const ctl = standInControl(api);
  const signed = await Promise.all(events.map((e) => ctl.sign(e)));
  return Promise.all(signed.map((s) => api.webhook(s.body, s.headers)));
}

/** The hold lapses now, as if its minutes had run out (the API's clock is real here). */
export async function lapseHold(api: RaceApi, holdId: string) {
  const past = Date.now() - 1000;
  await api.sql(`UPDATE holds SET expires_at = ${past} WHERE id = '${holdId}'`);
  await api.sql(`UPDATE seat_claims SET expires_at = ${past} WHERE hold_id = '${holdId}' AND state = 'held'`);
}

export interface RoundOutcome {
  /** The order as it ends. */
  status: string;
  /** 200, 402, 409… of every return call. */
  returns: number[];
  /** Status of every webhook delivery. */
  deliveries: number[];
  /** Deliveries answered as replays of an event already handled. */
  duplicates: number;
  captures: number;
  voids: number;
  refunds: number;
}

async function outcome(api: RaceApi, order: StripeOrder, returns: JsonResult[], deliveries: { status: number; body: any }[]): Promise<RoundOutcome> {
  const ctl = standInControl(api);
  const view = await api.call('GET', `${api.shopPath}/orders/${order.number}`, undefined, { 'X-Order-Secret': order.secret });
  return {
    status: view.body.status,
    returns: returns.map((r) => r.status),
    deliveries: deliveries.map((d) => d.status),
    duplicates: deliveries.filter((d) => d.body?.duplicate === true).length,
    captures: await ctl.count('capture', order.pi),
    voids: await ctl.count('cancel', order.pi),
    refunds: await ctl.count('refund', order.pi),
  };
}

/**
 * The buyer pays; then `returns` returns and the payment's events (each `copies` times, shuffled)
 * arrive at once. `before` runs after the checkout and before the payment (e.g. the hold lapses).
 */
export async function payAndRace(
  api: RaceApi,
  seat: RaceSeat,
  options: { method: 'card' | 'twint'; returns: number; copies: number; before?: (order: StripeOrder) => Promise<void>; failCaptures?: number; random?: () => number },
): Promise<{ order: StripeOrder; result: RoundOutcome }> {
  const ctl = standInControl(api);
  const order = await stripeOrderFor(api, seat);
  if (options.before) await options.before(order);
  if (options.failCaptures) await ctl.failNext('capture', options.failCaptures);
  await ctl.pay(order.pi, order.clientSecret, options.method);
  const events = (await ctl.events(order.pi)).filter((e) => e.type.startsWith('payment_intent.') || e.type.startsWith('charge.'));
  const copies = events.flatMap((e) => Array.from({ length: options.copies }, () => e));
  const random = options.random ?? Math.random;
  for (let i = copies.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copies[i], copies[j]] = [copies[j]!, copies[i]!];
  }
  const [returns, deliveries] = await Promise.all([Promise.all(Array.from({ length: options.returns }, () => stripeReturn(api, order))), deliverAll(api, copies)]);
  return { order, result: await outcome(api, order, returns, deliveries) };
}

/** Buys the seat with the simulated card (another buyer taking it after a hold lapsed). */
export async function buySeatWithTestCard(api: RaceApi, seat: RaceSeat) {
  const hold = await api.call('POST', `${api.shopPath}/holds`, { performanceId: seat.performanceId, seats: [{ seatId: seat.seatId }] });
  if (hold.status !== 201) throw new Error(`second buyer's hold: ${hold.status} ${JSON.stringify(hold.body)}`);
  const paid = await api.call('POST', `${api.shopPath}/holds/${hold.body.id}/checkout`, { buyer: raceBuyer, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
  if (paid.status !== 201) throw new Error(`second buyer's checkout: ${paid.status} ${JSON.stringify(paid.body)}`);
}

/** The answers a return may give in a race: the order (200) or why the payment was given back (409 payment_returned). */
export const acceptableReturn = (status: number) => status === 200 || status === 409;
