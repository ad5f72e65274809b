import { hc } from 'hono/client';
import type { AppType } from '../../../worker/src/app.js';
import type {
  Availability,
  Buyer,
  CheckoutAnswers,
  EventInfo,
  ExchangeChoice,
  ExchangeOptions,
  ExchangeQuote,
  ExchangeResult,
  HoldChange,
  HoldRequest,
  HoldView,
  OrderView,
  Payment,
  PerformanceDetail,
  PlanGeometry,
  ProductCatalog,
  ProductOrderView,
  ProductPurchase,
  RevertedTariffs,
  ShopInfo,
} from './types.js';

/**
 * An answer of the API that is not a success, from its one error envelope
 * `{ error: { code, message, details } }`. `status` 0 means the API could not be reached.
 */
export class ShopApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ShopApiError';
  }
}

/** A fresh Idempotency-Key; randomUUID needs a secure context, so plain http pages fall back to getRandomValues. */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface JsonResponse<T> {
  ok: boolean;
  status: number;
  json(): Promise<T>;
}

async function send<R>(request: () => Promise<R>): Promise<R> {
  try {
    return await request();
  } catch (err) {
    throw new ShopApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }
}

let errorTextsReady: () => Promise<unknown> = () => Promise.resolve();

/**
 * How to load the texts of the API's refusals (i18n/localize.ts registers it). The error texts
 * are lazy chunks; a refusal is rejected only once they are there, so that the first render of
 * the error already says the right text, once, for screen readers too. (The client stays free
 * of i18n code; an error that cannot load them still rejects, and is said generically.)
 */
export function beforeApiErrors(load: () => Promise<unknown>): void {
  errorTextsReady = load;
}

async function failure(response: { status: number; json(): Promise<unknown> }): Promise<ShopApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
  const error = body?.error;
  await errorTextsReady().catch(() => undefined);
  return new ShopApiError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`, error?.details ?? {});
}

/** The success body, typed by the API route; anything else becomes a ShopApiError. */
export async function read<T>(request: () => Promise<JsonResponse<T>>): Promise<T> {
  const response = await send(request);
  if (!response.ok) throw await failure(response);
  return response.json();
}

export const changing = () => ({ headers: { 'Idempotency-Key': idempotencyKey() } });

/**
 * The widget's only way to the API: a typed Hono RPC client over the worker's AppType
 * (a type-only import: no server code reaches the bundle). Every state-changing call
 * carries a fresh Idempotency-Key, so a retried request never buys twice.
 */
export function createShopClient(apiBase: string, shopId: string, language: () => 'fr' | 'de' | 'it' | 'en' | null | undefined) {
  const shop = hc<AppType>(apiBase).api.shops[':shopId'];
  const param = { shopId };
  // Event texts in the buyer's language (the API falls back to the shop's default one); hono's client leaves out an undefined value.
  const catalogQuery = () => ({ lang: language() ?? undefined });
  const hold = shop.holds[':holdId'];
  const geometryCache = new Map<string, Promise<PlanGeometry>>();

  return {
    shop: (): Promise<ShopInfo> => read(() => shop.$get({ param })),

    events: async (): Promise<EventInfo[]> => (await read(() => shop.events.$get({ param, query: catalogQuery() }))).events,

    event: (eventId: string): Promise<EventInfo> => read(() => shop.events[':eventId'].$get({ param: { ...param, eventId }, query: catalogQuery() })),

    performance: (performanceId: string): Promise<PerformanceDetail> =>
      read(() => shop.performances[':performanceId'].$get({ param: { ...param, performanceId }, query: catalogQuery() })),

    /**
     * Plan geometry, fetched once per plan and client (the API also sends an ETag for the browser
     * cache), as runs: a sixth of the bytes of the columns the seat map reads. Their decoder is a
     * chunk of its own, fetched with them, so the first load does not carry it.
     */
    plan(planId: string): Promise<PlanGeometry> {
      let pending = geometryCache.get(planId);
      if (!pending) {
        pending = (async () => {
          // Only the decoder reaches the chunk (rollup drops what the destructuring leaves out).
          const decoder = import('../../../contract/plan-runs.js').then(({ decodePlanRuns }) => decodePlanRuns);
          decoder.catch(() => undefined);
          const response = await send(() => shop.plans[':planId'].runs.$get({ param: { ...param, planId } }));
          if (response.status !== 200) throw await failure(response);
          const [{ encoding: _encoding, seats, ...geometry }, decodePlanRuns] = await Promise.all([response.json(), send(() => decoder)]);
          return { ...geometry, seats: decodePlanRuns(seats) };
        })();
        pending.catch(() => geometryCache.delete(planId));
        geometryCache.set(planId, pending);
      }
      return pending;
    },

    /** The current availability, or null when it has not changed since `version` (304). */
    async availability(performanceId: string, version?: string): Promise<Availability | null> {
      const response = await send(() =>
        shop.performances[':performanceId'].availability.$get({ param: { ...param, performanceId }, query: version ? { since: version } : {} }),
      );
      if (response.status === 304) {
        // Chromium keeps the load of an unread (even empty) body open and cancels it when the
        // Response is collected, logging every poll as net::ERR_ABORTED; reading it ends the load.
        await response.text();
        return null;
      }
      if (!response.ok) throw await failure(response);
      return response.json();
    },

    /** Where the server pushes this performance's availability after `version` (when its answer says `stream`). */
    availabilityStream: (performanceId: string, version: string): string => `${apiBase}/api/shops/${shopId}/performances/${performanceId}/availability/stream?since=${version}`,

    createHold: (request: HoldRequest): Promise<HoldView> => read(() => shop.holds.$post({ param, json: request }, changing())),

    getHold: (holdId: string): Promise<HoldView> => read(() => hold.$get({ param: { ...param, holdId } })),

    changeHold: (holdId: string, change: HoldChange): Promise<HoldView> => read(() => hold.$patch({ param: { ...param, holdId }, json: change }, changing())),

    extendHold: (holdId: string): Promise<HoldView> => read(() => hold.extend.$post({ param: { ...param, holdId } }, changing())),

    releaseHold: (holdId: string): Promise<{ id: string; status: string }> => read(() => hold.$delete({ param: { ...param, holdId } }, changing())),

    /** Applies a typed code (promo code, pass or gift voucher) to the hold; a code that cannot apply is a ShopApiError whose details.code is the normalized code. */
    applyCode: (holdId: string, code: string): Promise<HoldView> => read(() => hold.codes.$post({ param: { ...param, holdId }, json: { code } }, changing())),

    /** Removes a code from the hold; seats on tariffs it unlocked go back to a public tariff (see `reverted`). */
    removeCode: (holdId: string, code: string): Promise<HoldView & { reverted: RevertedTariffs }> =>
      read(() => hold.codes[':code'].$delete({ param: { ...param, holdId, code } }, changing())),

    /** `insured`: the buyer opted in to the cancellation insurance the hold offers (never by default); `answers`: to the event's questions. */
    checkout: (holdId: string, buyer: Buyer, payment: Payment, insured = false, answers?: CheckoutAnswers): Promise<OrderView> =>
      read(() => hold.checkout.$post({ param: { ...param, holdId }, json: { buyer, payment, ...(insured ? { insured } : {}), answers } }, changing())),

    /** An order from the link of its confirmation (the secret is the capability). */
    order: (number: string, secret: string): Promise<OrderView> => read(() => shop.orders[':number'].$get({ param: { ...param, number }, query: { secret } })),

    /**
     * The buyer is back from Stripe (Stripe.js confirmed, or the return_url after 3-D Secure or an
     * app switch): the API asks Stripe and completes the order. `paid` with tickets, or still
     * `pending` (`stripe.status` says whether Stripe is processing or wants the payment again).
     * The secret goes as a header, not in the URL, so that it stays out of logs.
     */
    completeStripePayment: (number: string, secret: string, paymentIntentId: string): Promise<OrderView> =>
      read(() => shop.orders[':number']['stripe-return'].$post({ param: { ...param, number }, query: {}, json: { paymentIntentId } }, { headers: { 'X-Order-Secret': secret } })),

    /** What of an order can be exchanged, and for which other performances. */
    exchangeOptions: (number: string, secret: string): Promise<ExchangeOptions> =>
      read(() => shop.orders[':number'].exchange.$get({ param: { ...param, number }, query: { secret } })),

    /** What one exchange would cost, without taking anything. */
    exchangeQuote: (number: string, secret: string, choice: ExchangeChoice): Promise<ExchangeQuote> =>
      read(() =>
        shop.orders[':number'].exchange.quote.$get({
          param: { ...param, number },
          query: { secret, ...choice, seatId: choice.seatId === undefined ? undefined : String(choice.seatId) },
        }),
      ),

    /** Exchanges a ticket; `expectedAmount` is the quote the buyer saw (a changed quote is refused). */
    exchangeTicket: (
      number: string,
      secret: string,
      body: ExchangeChoice & { expectedAmount: number; payment?: { method: 'simulated_card'; cardNumber: string } },
    ): Promise<ExchangeResult> => read(() => shop.orders[':number'].exchanges.$post({ param: { ...param, number }, query: { secret }, json: body }, changing())),

    /** Passes and gift vouchers on sale. */
    products: (): Promise<ProductCatalog> => read(() => shop.products.$get({ param })),

    /** Buys a gift voucher or a pass (paid and issued in one step; a declined card is a ShopApiError 402). */
    buyProduct: (purchase: ProductPurchase): Promise<ProductOrderView> => read(() => shop['product-orders'].$post({ param, json: purchase }, changing())),

    /** Pays again for a pending purchase: after a declined card, or by Stripe again (its number and secret come with the decline or the purchase). */
    payProduct: (number: string, secret: string, payment: ProductPurchase['payment']): Promise<ProductOrderView> =>
      read(() => shop['product-orders'][':number'].payment.$post({ param: { ...param, number }, json: { secret, payment } }, changing())),

    /** A purchase as it stands (its code once paid, its Stripe payment while pending): the buyer is back from Stripe with it. */
    productOrder: (number: string, secret: string): Promise<ProductOrderView> =>
      read(() => shop['product-orders'][':number'].$get({ param: { ...param, number }, query: { secret } })),

    /**
     * The buyer is back from Stripe with a purchase's PaymentIntent: the API asks Stripe and issues
     * the pass or voucher. `paid` with its code, or still `pending` (`stripe.status` says whether
     * Stripe is processing). Unlike a ticket order's, the route takes the secret in the body.
     */
    completeProductStripePayment: (number: string, secret: string, paymentIntentId: string): Promise<ProductOrderView> =>
      read(() => shop['product-orders'][':number']['stripe-return'].$post({ param: { ...param, number }, json: { secret, paymentIntentId } })),

    /** Where to download the invoice (PDF) of an order placed by invoice; the order's secret is the capability. */
    invoicePdfUrl: (order: Pick<OrderView, 'number' | 'secret'>): string =>
      shop.orders[':number']['invoice.pdf'].$url({ param: { ...param, number: order.number }, query: { secret: order.secret } }).href,

    /** The typed routes themselves, for the parts loaded later (order-confirmation/wallet-buttons.ts). */
    routes: shop,
    shopId,
  };
}

export type ShopClient = ReturnType<typeof createShopClient>;
