// A stand-in for Stripe's API servers, for offline tests: no test machine reaches Stripe, so the
// real `stripe` SDK (v23) is pointed at this server (`new Stripe(key, { host, port, protocol: 'http' })`).
//
// The subset of Stripe's /v1 API it implements, with Stripe's request format (form bodies in bracket
// notation), answers, error shapes, Connect scoping (`Stripe-Account`) and idempotency (`Idempotency-Key`):
//   POST /v1/payment_intents, GET|POST /v1/payment_intents/:id,
//   POST /v1/payment_intents/:id/capture, POST /v1/payment_intents/:id/cancel,
//   POST /v1/refunds, GET /v1/refunds/:id, GET /v1/charges/:id.
// Not Stripe's: test controls under /_stand-in/… (JSON, CORS open) and as methods — the buyer paying
// (what Stripe.js would do), injected failures, a lapsing authorization, a dashboard refund, a
// dispute — plus the log of calls and the Stripe events every change would send.
//
// Web standards only (Request, Response, URLSearchParams, crypto.getRandomValues), so it runs in
// workerd as in Node; stripe-stand-in-server.ts serves it over node:http.

import { StandInError, invalidParam, invalidRequest, type StripeErrorBody } from './stripe-stand-in/errors.js';
import { canonical, parseForm, type FormObject } from './stripe-stand-in/form.js';
import { Ledger, randomId, type PayOptions } from './stripe-stand-in/payments.js';
import { signEventAsync, type SignedEvent } from './stripe-stand-in/sign-event.js';
import type { Charge, Dispute, Origin, PaymentIntent, Refund, Scope, StripeEvent } from './stripe-stand-in/types.js';

export type { Charge, Dispute, PaymentIntent, Refund, StripeEvent, PayOptions, SignedEvent };

/** The API operations the stand-in serves (the names of `calls`, `count` and `failNext`). */
export type StandInOperation = 'create' | 'retrieve' | 'update' | 'capture' | 'cancel' | 'refund' | 'retrieve_refund' | 'retrieve_charge' | 'pay';

export interface InjectedError {
  status: number;
  type: string;
  code?: string;
  message?: string;
  decline_code?: string;
  param?: string;
}

export interface StandInCall {
  operation: StandInOperation;
  method: string;
  path: string;
  /** The PaymentIntent concerned (created, read, captured, cancelled, refunded, paid), or the charge or refund read. */
  id: string | null;
  idempotencyKey: string | null;
  account: string | null;
  livemode: boolean;
  /** Answered from the idempotency store without acting again. */
  replayed: boolean;
  /** Answered with an error queued by failNext. */
  injected: boolean;
  status: number;
  requestId: string;
}

export interface StripeStandInOptions {
  /** The `api_version` of events (default: the version the stripe SDK 23.1.0 sends). */
  apiVersion?: string;
  /** Unix seconds (default: the clock). */
  now?: () => number;
}

export interface StripeStandIn {
  handle(request: Request): Promise<Response>;
  /** What the buyer's confirmation in Stripe.js does. Throws StandInError when the PaymentIntent cannot be confirmed. */
  pay(paymentIntentId: string, options: PayOptions): PaymentIntent;
  /** The next `times` calls of the operation answer this error; 5xx answers are not stored under the idempotency key. */
  failNext(operation: StandInOperation, error: InjectedError, times?: number): void;
  /** The uncaptured authorization lapses: canceled, cancellation_reason 'automatic'. */
  expireAuthorization(paymentIntentId: string): PaymentIntent;
  /** A refund made in Stripe's dashboard (the rest when no amount). `id`: a PaymentIntent or charge id. */
  refundOutside(id: string, amount?: number): Refund;
  /** The buyer's bank disputes the payment. `id`: a PaymentIntent or charge id. */
  dispute(id: string): Dispute;
  readonly calls: readonly StandInCall[];
  /** Calls of the operation (on the PaymentIntent) that acted: answered 2xx, not replayed, not injected. */
  count(operation: StandInOperation, id?: string): number;
  readonly events: readonly StripeEvent[];
  /** The events about a PaymentIntent, its charges and disputes, in order. */
  eventsFor(paymentIntentId: string): StripeEvent[];
  /** A webhook delivery of the event signed with `secret` (SDK test helper, Web Crypto). */
  signEvent(event: StripeEvent | Record<string, unknown>, secret: string, timestamp?: number): Promise<SignedEvent>;
  /** A PaymentIntent as the API has it, whichever account it lives on (undefined when unknown). */
  peek(paymentIntentId: string): PaymentIntent | undefined;
  reset(): void;
}

export const STRIPE_API_VERSION = '2026-10-28.endive';

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Expose-Headers': 'Request-Id, Idempotent-Replayed, Original-Request, Idempotency-Key, Stripe-Version, Stripe-Account',
  'Access-Control-Max-Age': '300',
};

interface StoredAnswer {
  method: string;
  path: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
}

interface Route {
  operation: StandInOperation;
  id: string | null;
  run: (scope: Scope, params: FormObject, origin: Origin) => unknown;
}

const keyPattern = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : key;
}

/** The API key of a request: `Bearer sk_…` or Basic auth with the key as user name (curl -u). */
function apiKeyOf(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    try {
      return atob(value).split(':')[0] ?? '';
    } catch {
      return '';
    }
  }
  return '';
}

function expandOf(params: FormObject): string[] {
  const e = params.expand;
  return Array.isArray(e) ? e.filter((x): x is string => typeof x === 'string') : typeof e === 'string' ? [e] : [];
}

export function createStripeStandIn(options: StripeStandInOptions = {}): StripeStandIn {
  const apiVersion = options.apiVersion ?? STRIPE_API_VERSION;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  let ledger = new Ledger(apiVersion, now);
  let idempotency = new Map<string, StoredAnswer>();
  let failures = new Map<StandInOperation, { error: InjectedError; times: number }[]>();
  const calls: StandInCall[] = [];

  function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
    return new Response(typeof body === 'string' ? body : JSON.stringify(body, null, 2), {
      status,
      headers: { 'Content-Type': 'application/json', 'Request-Id': `req_${randomId(14)}`, ...cors, ...headers },
    });
  }

  function errorAnswer(status: number, error: StripeErrorBody, headers: Record<string, string>): Response {
    return json(status, { error }, headers);
  }

  function takeFailure(operation: StandInOperation): InjectedError | undefined {
    const queue = failures.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) queue.shift();
    return head.error;
  }

  /** Which operation a /v1 request is, or null for a URL Stripe does not know. */
  function route(method: string, segments: string[]): Route | null {
    const [resource, id, action, extra] = segments;
    if (extra !== undefined) return null;
    if (resource === 'payment_intents') {
      if (!id && method === 'POST') return { operation: 'create', id: null, run: (s, p, o) => ledger.view(ledger.createIntent(s, p, o), expandOf(p)) };
      if (id && !action && method === 'GET') return { operation: 'retrieve', id, run: (s, p) => ledger.view(ledger.intent(s, id), expandOf(p)) };
      if (id && !action && method === 'POST') return { operation: 'update', id, run: (s, p) => ledger.view(ledger.updateIntent(s, id, p), expandOf(p)) };
      if (id && action === 'capture' && method === 'POST') return { operation: 'capture', id, run: (s, p, o) => ledger.view(ledger.capture(s, id, p, o), expandOf(p)) };
      if (id && action === 'cancel' && method === 'POST') return { operation: 'cancel', id, run: (s, p, o) => ledger.view(ledger.cancel(s, id, p, o), expandOf(p)) };
      return null;
    }
    if (resource === 'refunds' && !action) {
      if (!id && method === 'POST') return { operation: 'refund', id: null, run: (s, p, o) => structuredClone(ledger.createRefund(s, p, o)) };
      if (id && method === 'GET') return { operation: 'retrieve_refund', id, run: (s) => structuredClone(ledger.refund(s, id)) };
      return null;
    }
    if (resource === 'charges' && id && !action && method === 'GET') {
      return { operation: 'retrieve_charge', id, run: (s) => structuredClone(ledger.charge(s, id)) };
    }
    return null;
  }

  async function handleApi(request: Request, url: URL): Promise<Response> {
    const requestId = `req_${randomId(14)}`;
    const method = request.method.toUpperCase();
    const path = url.pathname;
    const base: Record<string, string> = { 'Request-Id': requestId, 'Stripe-Version': request.headers.get('stripe-version') ?? apiVersion };
    const key = apiKeyOf(request);
    if (key === null || key === '') {
      return errorAnswer(401, {
        type: 'invalid_request_error',
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      }, base);
    }
    if (!keyPattern.test(key)) {
      return errorAnswer(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${maskKey(key)}` }, base);
    }
    const livemode = key.split('_')[1] === 'live';
    const account = request.headers.get('stripe-account');
    if (account !== null) {
      base['Stripe-Account'] = account;
      if (!/^acct_[A-Za-z0-9]+$/.test(account)) {
        return errorAnswer(403, {
          type: 'invalid_request_error',
          code: 'account_invalid',
          doc_url: 'https://stripe.com/docs/error-codes/account-invalid',
          message: `The provided key '${maskKey(key)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        }, base);
      }
    }
    const scope: Scope = { account, livemode };
    const idempotencyKey = method === 'POST' ? request.headers.get('idempotency-key') : null;
    if (idempotencyKey !== null) base['Idempotency-Key'] = idempotencyKey;

    const segments = path.replace(/^\/v1\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    const found = route(method, segments);
    if (!found) {
      return errorAnswer(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      }, base);
    }
    const log = (status: number, id: string | null, extra: Partial<StandInCall> = {}) =>
      calls.push({ operation: found.operation, method, path, id, idempotencyKey, account, livemode, replayed: false, injected: false, status, requestId, ...extra });

    let params: FormObject;
    try {
      // Decoded by hand: workerd warns when .text() reads a body whose type is not text.
      params = parseForm(method === 'GET' ? url.search.slice(1) : new TextDecoder().decode(await request.arrayBuffer()));
    } catch (e) {
      log(400, found.id);
      return errorAnswer(400, { type: 'invalid_request_error', message: (e as Error).message }, base);
    }

    // Everything from here on is synchronous, so two requests with one key cannot both act.
    const storeKey = idempotencyKey !== null ? `${livemode ? 'live' : 'test'}|${account ?? ''}|${idempotencyKey}` : null;
    const fingerprint = canonical(params);
    if (storeKey !== null) {
      const stored = idempotency.get(storeKey);
      if (stored) {
        if (stored.method !== method || stored.path !== path) {
          log(400, found.id);
          return errorAnswer(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}' vs '${method} ${path}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          }, base);
        }
        if (stored.params !== fingerprint) {
          log(400, found.id);
          return errorAnswer(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          }, base);
        }
        const replayedId = found.id ?? idOfAnswer(stored.body);
        log(stored.status, replayedId, { replayed: true });
        return json(stored.status, stored.body, { ...base, 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId });
      }
    }
    const remember = (status: number, body: string) => {
      if (storeKey !== null) idempotency.set(storeKey, { method, path, params: fingerprint, status, body, requestId });
    };

    const injected = takeFailure(found.operation);
    if (injected) {
      const { status, ...error } = injected;
      const body = JSON.stringify({ error }, null, 2);
      // A 5xx (or a 409 conflict) stands for a failure before the endpoint ran: not stored, so a retry with the key acts.
      if (status < 500 && status !== 409) remember(status, body);
      log(status, found.id ?? (str(params.payment_intent) || null), { injected: true });
      return json(status, body, base);
    }

    try {
      const answer = found.run(scope, params, { requestId, idempotencyKey });
      const body = JSON.stringify(answer, null, 2);
      remember(200, body);
      log(200, found.id ?? idOfAnswer(body));
      return json(200, body, base);
    } catch (e) {
      const id = found.id ?? (str(params.payment_intent) || null);
      if (e instanceof StandInError) {
        const body = JSON.stringify({ error: e.body }, null, 2);
        if (!e.beforeExecution && e.status < 500) remember(e.status, body);
        log(e.status, id);
        return json(e.status, body, base);
      }
      log(500, id);
      return errorAnswer(500, { type: 'api_error', message: `The stand-in failed: ${(e as Error).message}` }, base);
    }
  }

  /** The PaymentIntent an answer concerns (a created PaymentIntent, a refund's payment_intent). */
  function idOfAnswer(body: string): string | null {
    try {
      const o = JSON.parse(body) as { object?: string; id?: string; payment_intent?: string };
      if (o.object === 'payment_intent') return o.id ?? null;
      return o.payment_intent ?? null;
    } catch {
      return null;
    }
  }

  function str(v: unknown): string | undefined {
    return typeof v === 'string' ? v : undefined;
  }

  async function handleControl(request: Request, url: URL): Promise<Response> {
    const method = request.method.toUpperCase();
    const segments = url.pathname.replace(/^\/_stand-in\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      const text = new TextDecoder().decode(await request.arrayBuffer());
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          return json(400, { error: { type: 'invalid_request_error', message: 'The body must be JSON.' } });
        }
      }
    }
    try {
      const [first, id, action] = segments;
      if (method === 'GET' && first === 'calls' && !id) return json(200, { data: calls });
      if (method === 'GET' && first === 'events' && !id) {
        const pi = url.searchParams.get('payment_intent');
        return json(200, { data: pi ? eventsFor(pi) : ledger.events });
      }
      if (method === 'POST' && first === 'reset' && !id) {
        reset();
        return json(200, { reset: true });
      }
      if (method === 'POST' && first === 'fail-next' && !id) {
        const { operation, error, times } = body as { operation: StandInOperation; error: InjectedError; times?: number };
        if (!operation || !error || typeof error.status !== 'number' || typeof error.type !== 'string') {
          throw invalidParam('error', 'Send { operation, error: { status, type, code?, message? }, times? }.');
        }
        failNext(operation, error, times ?? 1);
        return json(200, { queued: true });
      }
      if (method === 'POST' && first === 'sign' && !id) {
        const secret = str(body.secret);
        if (!secret) throw invalidParam('secret', 'Send { secret, eventId | event, timestamp? }.');
        const event = body.event ?? ledger.events.find((e) => e.id === body.eventId);
        if (!event || typeof event !== 'object') throw invalidParam('eventId', `No such event: '${String(body.eventId)}'`);
        return json(200, await signEventAsync(event as Record<string, unknown>, secret, typeof body.timestamp === 'number' ? body.timestamp : undefined));
      }
      if (method === 'POST' && first === 'payment_intents' && id) {
        if (action === 'pay') {
          const stored = ledger.anyIntent(id);
          if (body.clientSecret !== stored.object.client_secret) {
            throw invalidRequest('The client_secret provided does not match the client_secret associated with the PaymentIntent.', { param: 'client_secret' });
          }
          const pi = pay(id, { method: body.method as PayOptions['method'], outcome: body.outcome as PayOptions['outcome'], declineCode: str(body.declineCode) });
          if (pi.status === 'requires_payment_method' && pi.last_payment_error) {
            // As the confirm request answers a decline: 402 card_error naming the PaymentIntent.
            return json(402, { error: { ...pi.last_payment_error, payment_intent: ledger.view(pi) } });
          }
          return json(200, ledger.view(pi));
        }
        if (action === 'expire-authorization') return json(200, ledger.view(expireAuthorization(id)));
        if (action === 'refund-outside') return json(200, refundOutside(id, typeof body.amount === 'number' ? body.amount : undefined));
        if (action === 'dispute') return json(200, dispute(id));
      }
      return json(404, { error: { type: 'invalid_request_error', message: `Unknown stand-in control: ${method} ${url.pathname}` } });
    } catch (e) {
      if (e instanceof StandInError) return json(e.status, { error: e.body });
      return json(500, { error: { type: 'api_error', message: (e as Error).message } });
    }
  }

  function pay(paymentIntentId: string, payOptions: PayOptions): PaymentIntent {
    const requestId = `req_${randomId(14)}`;
    const stored = ledger.intents.get(paymentIntentId);
    const entry = {
      operation: 'pay' as const,
      method: 'POST',
      path: `/v1/payment_intents/${paymentIntentId}/confirm`,
      id: paymentIntentId,
      idempotencyKey: null,
      account: stored?.scope.account ?? null,
      livemode: stored?.scope.livemode ?? false,
      replayed: false,
      injected: false,
      requestId,
    };
    try {
      const pi = ledger.pay(paymentIntentId, payOptions, { requestId, idempotencyKey: null });
      calls.push({ ...entry, status: pi.last_payment_error && pi.status === 'requires_payment_method' ? 402 : 200 });
      return ledger.view(pi);
    } catch (e) {
      calls.push({ ...entry, status: e instanceof StandInError ? e.status : 500 });
      throw e;
    }
  }

  function failNext(operation: StandInOperation, error: InjectedError, times = 1): void {
    const queue = failures.get(operation) ?? [];
    queue.push({ error: { ...error }, times });
    failures.set(operation, queue);
  }

  function expireAuthorization(id: string): PaymentIntent {
    return ledger.view(ledger.expireAuthorization(id));
  }

  function refundOutside(id: string, amount?: number): Refund {
    return structuredClone(ledger.refundOutside(id, amount));
  }

  function dispute(id: string): Dispute {
    return structuredClone(ledger.dispute(id));
  }

  function eventsFor(paymentIntentId: string): StripeEvent[] {
    return ledger.events.filter((e) => {
      const o = e.data.object as { object: string; id: string; payment_intent?: string };
      return o.object === 'payment_intent' ? o.id === paymentIntentId : o.payment_intent === paymentIntentId;
    });
  }

  function reset(): void {
    ledger = new Ledger(apiVersion, now);
    idempotency = new Map();
    failures = new Map();
    calls.length = 0;
  }

  return {
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (request.method.toUpperCase() === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
      if (url.pathname === '/_stand-in' || url.pathname.startsWith('/_stand-in/')) return handleControl(request, url);
      if (url.pathname.startsWith('/v1/')) return handleApi(request, url);
      return json(404, {
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${request.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        },
      });
    },
    pay,
    failNext,
    expireAuthorization,
    refundOutside,
    dispute,
    get calls() {
      return calls;
    },
    count(operation: StandInOperation, id?: string): number {
      return calls.filter((c) => c.operation === operation && (id === undefined || c.id === id) && !c.replayed && !c.injected && c.status >= 200 && c.status < 300).length;
    },
    get events() {
      return ledger.events;
    },
    eventsFor,
    signEvent: (event, secret, timestamp) => signEventAsync(event, secret, timestamp),
    peek(paymentIntentId: string): PaymentIntent | undefined {
      const stored = ledger.intents.get(paymentIntentId);
      return stored ? ledger.view(stored.object) : undefined;
    },
    reset,
  };
}
