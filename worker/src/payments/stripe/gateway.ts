import Stripe from 'stripe';

/**
 * The one place that talks to Stripe, through its official SDK. The rest of the API sees the
 * few things it needs of a PaymentIntent (`IntentSnapshot`) and a closed set of failures
 * (`StripeCallError`), so the sale rules can be read without knowing the SDK.
 */

export type IntentStatus = 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

export interface IntentSnapshot {
  id: string;
  status: IntentStatus;
  amount: number;
  currency: string;
  amountReceived: number;
  clientSecret: string;
  livemode: boolean;
  /** Why the last attempt failed (a decline), while the buyer may try again. */
  lastError: { code: string; declineCode: string | null; message: string } | null;
  latestCharge: string | null;
  metadata: Record<string, string>;
}

export interface NewIntent {
  amount: number;
  /** ISO code as the shop stores it (CHF); Stripe wants it in lower case. */
  currency: string;
  /** Connected account (Connect direct charge), or null for the platform's own account. */
  account: string | null;
  /** The platform's commission, taken only on a connected account's charge. */
  applicationFee: number;
  description: string;
  metadata: Record<string, string>;
  receiptEmail: string;
}

/** A call that did not do what was asked. `retryable`: Stripe did not answer or failed on its side (nothing is known to have happened). */
export class StripeCallError extends Error {
  constructor(
    readonly kind: 'card' | 'state' | 'invalid' | 'auth' | 'unavailable',
    readonly code: string,
    message: string,
    readonly declineCode: string | null = null,
  ) {
    super(message);
  }
  get retryable() {
    return this.kind === 'unavailable';
  }
}

export interface StripeGateway {
  createIntent(intent: NewIntent, idempotencyKey: string): Promise<IntentSnapshot>;
  retrieveIntent(id: string, account: string | null): Promise<IntentSnapshot>;
  captureIntent(id: string, account: string | null, idempotencyKey: string): Promise<IntentSnapshot>;
  cancelIntent(id: string, account: string | null, idempotencyKey: string): Promise<IntentSnapshot>;
  /** Refunds `amount` (all that is left when undefined) of a captured payment. */
  refund(paymentIntentId: string, account: string | null, amount: number | undefined, idempotencyKey: string, metadata: Record<string, string>): Promise<{ id: string; status: string }>;
  /** Checks the Stripe-Signature header against each secret; answers the event or throws. */
  verifyEvent(rawBody: string, signature: string, secrets: readonly string[], receivedAtMs: number): Promise<Stripe.Event>;
}

export interface StripeConnection {
  secretKey: string;
  /** Where the API is (default api.stripe.com:443 over https); tests point it at a stand-in. */
  host?: string | undefined;
  port?: number | undefined;
  protocol?: 'http' | 'https' | undefined;
  /** Workers: the SDK's fetch client and Web Crypto; Node: its own http client. */
  runtime: 'node' | 'workers';
  /** Requests that fail on the network or with a 5xx are retried by the SDK, with the same idempotency key. */
  maxNetworkRetries?: number | undefined;
  timeoutMs?: number | undefined;
}

/** Stripe's own webhook tolerance: a signature older than this is refused (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function stripeGateway(connection: StripeConnection): StripeGateway {
  const stripe = new Stripe(connection.secretKey, {
    host: connection.host,
    port: connection.port,
    protocol: connection.protocol,
    maxNetworkRetries: connection.maxNetworkRetries ?? 2,
    timeout: connection.timeoutMs ?? 20_000,
    ...(connection.runtime === 'workers' ? { httpClient: Stripe.createFetchHttpClient() } : {}),
    appInfo: { name: 'ticket-shop' },
  });
  const crypto = connection.runtime === 'workers' ? Stripe.createSubtleCryptoProvider() : undefined;
  const on = (account: string | null, idempotencyKey?: string) => ({ ...(account ? { stripeAccount: account } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) });

  return {
    createIntent: (intent, idempotencyKey) =>
      call(() =>
        stripe.paymentIntents.create(
          {
            amount: intent.amount,
            currency: intent.currency.toLowerCase(),
            // Every method the account enables (cards, TWINT, Apple Pay, Google Pay…). Cards and the
            // wallets on cards are only authorized: they are captured once the sale is committed.
            // Methods without manual capture (TWINT) are captured by Stripe when the buyer pays.
            automatic_payment_methods: { enabled: true },
            payment_method_options: { card: { capture_method: 'manual' } },
            description: intent.description,
            metadata: intent.metadata,
            receipt_email: intent.receiptEmail,
            ...(intent.account && intent.applicationFee > 0 ? { application_fee_amount: intent.applicationFee } : {}),
          },
          on(intent.account, idempotencyKey),
        ),
      ).then(snapshot),
    retrieveIntent: (id, account) => call(() => stripe.paymentIntents.retrieve(id, {}, on(account))).then(snapshot),
    captureIntent: (id, account, key) => call(() => stripe.paymentIntents.capture(id, {}, on(account, key))).then(snapshot),
    cancelIntent: (id, account, key) => call(() => stripe.paymentIntents.cancel(id, {}, on(account, key))).then(snapshot),
    refund: (paymentIntent, account, amount, key, metadata) =>
      call(() => stripe.refunds.create({ payment_intent: paymentIntent, ...(amount === undefined ? {} : { amount }), metadata }, on(account, key))).then((r) => ({
        id: r.id,
        status: r.status ?? 'pending',
      })),
    async verifyEvent(rawBody, signature, secrets, receivedAtMs) {
      let last: unknown;
      for (const secret of secrets) {
        try {
          return await stripe.webhooks.constructEventAsync(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS, crypto, receivedAtMs);
        } catch (err) {
          last = err;
        }
      }
      throw last ?? new Error('No webhook secret is configured.');
    },
  };
}

function snapshot(pi: Stripe.PaymentIntent): IntentSnapshot {
  const error = pi.last_payment_error;
  return {
    id: pi.id,
    status: pi.status as IntentStatus,
    amount: pi.amount,
    currency: pi.currency.toUpperCase(),
    amountReceived: pi.amount_received ?? 0,
    clientSecret: pi.client_secret ?? '',
    livemode: pi.livemode,
    lastError: error ? { code: error.code ?? 'payment_failed', declineCode: error.decline_code ?? null, message: error.message ?? 'The payment failed.' } : null,
    latestCharge: typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? null),
    metadata: (pi.metadata ?? {}) as Record<string, string>,
  };
}

/** Runs one SDK call and names its failure; the SDK's message never carries a key or card data. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) {
      const code = err.code ?? err.type;
      if (err.type === 'StripeCardError') throw new StripeCallError('card', code, err.message, err.decline_code ?? null);
      if (err.type === 'StripeAuthenticationError' || err.type === 'StripePermissionError') throw new StripeCallError('auth', code, err.message);
      if (err.type === 'StripeInvalidRequestError' || err.type === 'StripeIdempotencyError') {
        throw new StripeCallError(err.code === 'payment_intent_unexpected_state' ? 'state' : 'invalid', code, err.message);
      }
      throw new StripeCallError('unavailable', code, err.message);
    }
    throw new StripeCallError('unavailable', 'network', err instanceof Error ? err.message : String(err));
  }
}
