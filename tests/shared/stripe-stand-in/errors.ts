// The error answers of the Stripe stand-in, shaped as Stripe's API shapes them:
// `{ error: { type, code?, message, param?, decline_code?, payment_intent?, doc_url? } }` with the HTTP
// status the SDK turns into its typed errors (400/404 → StripeInvalidRequestError or, for
// type idempotency_error, StripeIdempotencyError; 401 → StripeAuthenticationError; 402 → StripeCardError).

export interface StripeErrorBody {
  type: string;
  code?: string;
  message?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  payment_intent?: unknown;
  charge?: string;
  [key: string]: unknown;
}

/** An answer with a Stripe error body; thrown inside the stand-in and turned into the HTTP answer. */
export class StandInError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    /** A parameter check that failed before the endpoint ran: Stripe does not store it under the idempotency key. */
    readonly beforeExecution = false,
  ) {
    super(body.message ?? body.type);
    this.name = 'StandInError';
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

/** A malformed or missing parameter (checked before the endpoint runs, so not stored for idempotency). */
export function invalidParam(param: string, message: string, code?: string): StandInError {
  return new StandInError(400, { type: 'invalid_request_error', ...(code ? { code, doc_url: docUrl(code) } : {}), message, param }, true);
}

export function missingParam(param: string): StandInError {
  return invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
}

export function unknownParam(param: string): StandInError {
  return invalidParam(
    param,
    `Received unknown parameter: ${param}`,
    'parameter_unknown',
  );
}

export function resourceMissing(kind: string, id: string, param: string): StandInError {
  return new StandInError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

/** An operation the object's state does not allow (endpoint ran, so stored for idempotency). */
export function unexpectedState(message: string, paymentIntent: unknown): StandInError {
  return new StandInError(400, {
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    doc_url: docUrl('payment_intent_unexpected_state'),
    message,
    payment_intent: paymentIntent,
  });
}

export function invalidRequest(message: string, extra: Partial<StripeErrorBody> = {}, status = 400): StandInError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message, ...extra };
  if (body.code && !body.doc_url) body.doc_url = docUrl(body.code);
  return new StandInError(status, body);
}

export const declineMessages: Record<string, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  lost_card: 'Your card was declined.',
  stolen_card: 'Your card was declined.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
  card_velocity_exceeded: 'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
};
