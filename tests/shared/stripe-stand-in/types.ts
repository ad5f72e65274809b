// The objects the Stripe stand-in keeps and answers with: the fields of Stripe's PaymentIntent,
// Charge, Refund, Dispute and Event that the project reads, with Stripe's names and values.

export type Metadata = Record<string, string>;

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export interface LastPaymentError {
  type: 'card_error';
  code: string;
  decline_code?: string;
  message: string;
  charge?: string;
  doc_url?: string;
  payment_method?: { id: string; object: 'payment_method'; type: string };
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application_fee_amount: number | null;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: string;
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | Charge | null;
  livemode: boolean;
  metadata: Metadata;
  next_action: Record<string, unknown> | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_options: Record<string, Record<string, unknown>>;
  payment_method_types: string[];
  receipt_email: string | null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: PaymentIntentStatus;
  transfer_data: null;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application_fee_amount: number | null;
  captured: boolean;
  created: number;
  currency: string;
  description: string | null;
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  livemode: boolean;
  metadata: Metadata;
  outcome: Record<string, unknown>;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: Record<string, unknown>;
  receipt_email: string | null;
  refunded: boolean;
  status: 'succeeded' | 'pending' | 'failed';
}

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
}

export interface Dispute {
  id: string;
  object: 'dispute';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  livemode: boolean;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: 'needs_response';
}

export type EventType =
  | 'payment_intent.created'
  | 'payment_intent.requires_action'
  | 'payment_intent.amount_capturable_updated'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.canceled'
  | 'charge.succeeded'
  | 'charge.failed'
  | 'charge.captured'
  | 'charge.expired'
  | 'charge.refunded'
  | 'charge.dispute.created';

export interface StripeEvent {
  id: string;
  object: 'event';
  /** Present when the object lives on a connected account (Stripe Connect). */
  account?: string;
  api_version: string;
  created: number;
  data: { object: PaymentIntent | Charge | Dispute };
  livemode: boolean;
  pending_webhooks: number;
  /** The API request that caused the change; both null for Stripe's own changes (an authorization lapsing). */
  request: { id: string | null; idempotency_key: string | null };
  type: EventType;
}

/** Which Stripe account and mode an object lives in: a key's mode and the Stripe-Account header. */
export interface Scope {
  account: string | null;
  livemode: boolean;
}

/** The request a change came from, for the event's `request` field. */
export interface Origin {
  requestId: string | null;
  idempotencyKey: string | null;
}
