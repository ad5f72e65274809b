/**
 * A stand-in for Stripe in browser tests, in two halves:
 *
 * - `fakeStripe()`: the `Stripe` object the widget gets through its loader (`<ticket-shop>.stripeLoader`
 *   or `<tk-stripe-payment>.loader`). It records what the widget asks of it (the Elements
 *   options, where the Payment Element is mounted, each confirmPayment) and answers confirmPayment
 *   as told: success without redirect, a card error, or any other error. It mounts a plain
 *   element where Stripe would put its iframe, so tests can see where the Element ended up.
 * - `stripeApi()`: the API's side. The API the tests run against (web-test-runner.config.mjs)
 *   has no Stripe keys, so this wraps `fetch` and answers the Stripe calls of the storefront
 *   like a Stripe-enabled API would: the shop and its performances list 'stripe' first; a checkout with
 *   `{ method: 'stripe' }` is placed for real with the test-mode simulated card (the hold is
 *   converted and tickets are issued by the real API) but answered as the pending order with a
 *   PaymentIntent; stripe-return answers the paid order, or what the test queued. Purchases of
 *   the gift shop go the same way: one placed (or paid again) with `{ method: 'stripe' }` is
 *   bought for real with the simulated card (the real API issues its code) and answered pending
 *   with a PaymentIntent, as is its page (GET) until its stripe-return answered it paid.
 *   Everything else goes to the real API.
 */
import type { OrderView, ProductOrderView } from '../api/types.js';
import type { StripeApi, StripeConfirmResult, StripeLoader } from '../stripe/stripe-loader.js';

export interface FakeStripe {
  loader: StripeLoader;
  /** Calls of the loader: publishable key and options. */
  loads: { publishableKey: string; options: { stripeAccount?: string; locale: string } }[];
  /** Options of each `stripe.elements()`. */
  elements: Parameters<StripeApi['elements']>[0][];
  /** Where each Payment Element was mounted. */
  mounts: HTMLElement[];
  confirms: Parameters<StripeApi['confirmPayment']>[0][];
  /** The answer of the next confirmPayment calls (default: paid without a redirect). */
  next: StripeConfirmResult;
}

export function fakeStripe(paymentIntentId = 'pi_test123'): FakeStripe {
  const fake: FakeStripe = {
    loads: [],
    elements: [],
    mounts: [],
    confirms: [],
    next: { paymentIntent: { id: paymentIntentId, status: 'succeeded' } },
    loader: async (publishableKey, options) => {
      fake.loads.push({ publishableKey, options });
      return stripe;
    },
  };
  const stripe: StripeApi = {
    elements(options) {
      fake.elements.push(options);
      return {
        create: () => {
          const frame = document.createElement('div');
          frame.className = 'fake-payment-element';
          frame.textContent = 'Stripe Payment Element';
          return {
            mount(target) {
              fake.mounts.push(target);
              target.appendChild(frame);
            },
            destroy: () => frame.remove(),
          };
        },
      };
    },
    async confirmPayment(options) {
      fake.confirms.push(options);
      return fake.next;
    },
  };
  return fake;
}

type Answer = { status: number; body: unknown };

export interface StripeApiStandIn {
  /** Bodies of the stripe-return calls and their X-Order-Secret. */
  returns: { number: string; secret: string | null; paymentIntentId: string }[];
  /** Answers for the next stripe-return calls, in order; when empty, the paid order (or the queued `paid`). */
  queue: Answer[];
  /** The real, paid order behind each pending Stripe order, by number. */
  paid: Map<string, OrderView>;
  /** Bodies of the purchases' stripe-return calls (the secret comes in the body). */
  purchaseReturns: { number: string; secret: string; paymentIntentId: string }[];
  /** The real, paid purchase behind each pending Stripe purchase, by number; `settled` once its stripe-return answered it paid. */
  purchases: Map<string, { paid: ProductOrderView; settled: boolean }>;
  restore(): void;
}

const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A pending Stripe order as the API answers it at checkout, from the real order behind it. */
export function pendingStripeOrder(order: OrderView, paymentIntentId = 'pi_test123'): OrderView {
  return {
    ...order,
    status: 'pending',
    paymentMethod: 'stripe',
    invoice: null,
    tickets: [],
    stripe: {
      paymentIntentId,
      clientSecret: `${paymentIntentId}_secret_abc`,
      publishableKey: 'pk_test_widget',
      stripeAccount: 'acct_test_shop',
      amount: order.total,
      currency: order.currency.toLowerCase(),
      status: 'requires_payment',
    },
  };
}

/** A pending Stripe purchase as the API answers it, from the real (paid) purchase behind it. */
export function pendingStripePurchase(purchase: ProductOrderView, paymentIntentId = 'pi_test123'): ProductOrderView {
  return {
    ...purchase,
    status: 'pending',
    paymentMethod: 'stripe',
    code: null,
    paidAt: null,
    stripe: {
      paymentIntentId,
      clientSecret: `${paymentIntentId}_secret_abc`,
      publishableKey: 'pk_test_widget',
      stripeAccount: 'acct_test_shop',
      amount: purchase.amount,
      currency: purchase.currency.toLowerCase(),
      status: 'requires_payment',
    },
  };
}

export function stripeApi(paymentIntentId = 'pi_test123'): StripeApiStandIn {
  const realFetch = window.fetch;
  const standIn: StripeApiStandIn = {
    returns: [],
    queue: [],
    paid: new Map(),
    purchaseReturns: [],
    purchases: new Map(),
    restore: () => {
      window.fetch = realFetch;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method === 'GET' && /\/api\/shops\/[^/]+(\/performances\/[^/]+)?$/.test(url.pathname)) {
      const response = await realFetch(request);
      const body = (await response.json()) as { paymentMethods?: string[] };
      return json({ ...body, paymentMethods: ['stripe', ...(body.paymentMethods ?? [])] }, response.status);
    }
    if (request.method === 'POST' && url.pathname.endsWith('/checkout')) {
      const body = (await request.clone().json()) as { payment: { method: string } };
      if (body.payment.method !== 'stripe') return realFetch(request);
      const headers = new Headers(request.headers);
      const placed = await realFetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...body, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } }),
      });
      if (!placed.ok) return placed;
      const order = (await placed.json()) as OrderView;
      standIn.paid.set(order.number, { ...order, paymentMethod: 'stripe' });
      return json(pendingStripeOrder(order, paymentIntentId), 201);
    }
    // Purchases of the gift shop: placed (or paid again) by Stripe, their page, their stripe-return.
    const buying = request.method === 'POST' && /\/product-orders(\/[^/]+\/payment)?$/.test(url.pathname);
    if (buying) {
      const body = (await request.clone().json()) as { payment: { method: string } };
      if (body.payment.method !== 'stripe') return realFetch(request);
      const again = url.pathname.match(/\/product-orders\/([^/]+)\/payment$/);
      const known = again && standIn.purchases.get(again[1]!);
      if (known) return json(pendingStripePurchase(known.paid, paymentIntentId), 200);
      const placed = await realFetch(url, {
        method: 'POST',
        headers: new Headers(request.headers),
        body: JSON.stringify({ ...body, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } }),
      });
      if (!placed.ok) return placed;
      const purchase = { ...((await placed.json()) as ProductOrderView), paymentMethod: 'stripe' };
      standIn.purchases.set(purchase.number, { paid: purchase, settled: false });
      return json(pendingStripePurchase(purchase, paymentIntentId), again ? 200 : 201);
    }
    const page = url.pathname.match(/\/product-orders\/([^/]+)$/);
    const shown = request.method === 'GET' && page && standIn.purchases.get(page[1]!);
    if (shown) return json(shown.settled ? shown.paid : pendingStripePurchase(shown.paid, paymentIntentId), 200);
    const settling = url.pathname.match(/\/product-orders\/([^/]+)\/stripe-return$/);
    if (request.method === 'POST' && settling) {
      const { secret, paymentIntentId: intent } = (await request.json()) as { secret: string; paymentIntentId: string };
      standIn.purchaseReturns.push({ number: settling[1]!, secret, paymentIntentId: intent });
      const queued = standIn.queue.shift();
      if (queued) return json(queued.body, queued.status);
      const known = standIn.purchases.get(settling[1]!);
      if (!known) return json({ error: { code: 'payment_not_found', message: 'No such payment.', details: {} } }, 404);
      known.settled = true;
      return json(known.paid, 200);
    }
    const back = url.pathname.match(/\/orders\/([^/]+)\/stripe-return$/);
    if (request.method === 'POST' && back) {
      const { paymentIntentId: intent } = (await request.json()) as { paymentIntentId: string };
      standIn.returns.push({ number: back[1]!, secret: request.headers.get('X-Order-Secret'), paymentIntentId: intent });
      const queued = standIn.queue.shift();
      if (queued) return json(queued.body, queued.status);
      const paid = standIn.paid.get(back[1]!);
      return paid ? json(paid, 200) : json({ error: { code: 'payment_not_found', message: 'No such payment.', details: {} } }, 404);
    }
    return realFetch(request);
  };
  return standIn;
}

/** The API's error envelope, as the stand-in answers it. */
export const apiError = (status: number, code: string, details: Record<string, unknown> = {}): Answer => ({
  status,
  body: { error: { code, message: `English message from the API (${code})`, details } },
});
