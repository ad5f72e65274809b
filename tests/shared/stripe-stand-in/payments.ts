// The state of the Stripe stand-in: PaymentIntents, their charges, refunds and disputes, per
// account and mode, with the transitions Stripe makes and the events it sends for them.
// Parameters arrive already parsed (form.ts); every method throws StandInError with Stripe's answer.
// Web standards only (it runs inside workerd as well as Node).

import { declineMessages, invalidParam, invalidRequest, missingParam, resourceMissing, StandInError, unexpectedState, unknownParam } from './errors.js';
import type { FormObject, FormValue } from './form.js';
import type { Charge, Dispute, EventType, Metadata, Origin, PaymentIntent, Refund, Scope, StripeEvent } from './types.js';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random id part in Stripe's style (base 62, 24 characters). */
export function randomId(length = 24): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += alphabet[b % 62];
  return out;
}

/** The smallest amount Stripe charges in a currency (minor units), for the currencies it lists. */
const minimumAmounts: Record<string, number> = { chf: 50, eur: 50, usd: 50, gbp: 30, cad: 50, aud: 50, dkk: 250, sek: 300, nok: 300, jpy: 50 };
const zeroDecimal = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const symbols: Record<string, string> = { usd: '$', eur: '€', gbp: '£', jpy: '¥' };

/** An amount in the way Stripe's messages write it: `$25.00`, `CHF 12.50`. */
export function formatAmount(amount: number, currency: string): string {
  const major = zeroDecimal.has(currency) ? String(amount) : (amount / 100).toFixed(2);
  const symbol = symbols[currency];
  return symbol ? `${symbol}${major}` : `${currency.toUpperCase()} ${major}`;
}

const cancelable = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action'] as const;
const unpaid = ['requires_payment_method', 'requires_confirmation', 'requires_action'] as const;
const cancellationReasons = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];
const refundReasons = ['duplicate', 'fraudulent', 'requested_by_customer'];

interface Stored<T> {
  object: T;
  scope: Scope;
}

export interface PayOptions {
  method: 'card' | 'twint';
  outcome?: 'succeed' | 'decline' | 'requires_action';
  declineCode?: string;
}

const sameScope = (a: Scope, b: Scope) => a.account === b.account && a.livemode === b.livemode;
const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function integerParam(params: FormObject, name: string, required: boolean): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') {
    if (required) throw missingParam(name);
    return undefined;
  }
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw invalidParam(name, `Invalid integer: ${typeof raw === 'string' ? raw : 'a hash'}`, 'parameter_invalid_integer');
  return Number(raw);
}

function checkKnown(params: FormObject, allowed: string[]): void {
  for (const key of Object.keys(params)) if (!allowed.includes(key)) throw unknownParam(key);
}

/** Metadata as Stripe reads it: string values; an empty value unsets the key (on update). */
function metadataParam(value: FormValue | undefined, current: Metadata): Metadata {
  if (value === undefined) return current;
  if (value === '') return {};
  // metadata[0]=a reads as an array; its keys are still '0', '1' …
  if (Array.isArray(value)) value = Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (typeof value !== 'object') throw invalidParam('metadata', 'Invalid object', 'parameter_invalid_empty');
  const next = { ...current };
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalidParam(`metadata[${key}]`, 'Metadata values must be strings.');
    if (key.length > 40) throw invalidParam(`metadata[${key}]`, 'Metadata keys can have a maximum length of 40 characters.');
    if (v.length > 500) throw invalidParam(`metadata[${key}]`, 'Metadata values can have a maximum length of 500 characters.');
    if (v === '') delete next[key];
    else next[key] = v;
  }
  if (Object.keys(next).length > 50) throw invalidParam('metadata', 'You can specify up to 50 keys in metadata.');
  return next;
}

function objectParam(value: FormValue | undefined, name: string): Record<string, FormValue> | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(name, `Invalid object`, 'parameter_invalid_empty');
  return value;
}

function captureMethodParam(value: FormValue | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const allowed = ['automatic', 'automatic_async', 'manual'];
  if (typeof value !== 'string' || !allowed.includes(value)) throw invalidParam(name, `Invalid ${name}: must be one of automatic, automatic_async, or manual`);
  return value;
}

/** payment_method_options as Stripe stores it: nested strings, booleans read from 'true'/'false'. */
function optionsParam(value: FormValue | undefined): Record<string, Record<string, unknown>> | undefined {
  const options = objectParam(value, 'payment_method_options');
  if (!options) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [method, v] of Object.entries(options)) {
    const inner = objectParam(v, `payment_method_options[${method}]`) ?? {};
    const converted: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(inner)) converted[k] = x === 'true' ? true : x === 'false' ? false : x;
    if ('capture_method' in converted) {
      const name = `payment_method_options[${method}][capture_method]`;
      if (converted.capture_method !== 'manual' && converted.capture_method !== '') throw invalidParam(name, `Invalid ${name}: must be manual`);
      if (method === 'twint') throw invalidParam(name, `The payment method \`twint\` does not support manual capture.`);
      if (converted.capture_method === '') delete converted.capture_method;
    }
    out[method] = converted;
  }
  return out;
}

/** The charges, refunds, disputes and events of every account the stand-in has seen. */
export class Ledger {
  readonly intents = new Map<string, Stored<PaymentIntent>>();
  readonly charges = new Map<string, Stored<Charge>>();
  readonly refunds = new Map<string, Stored<Refund>>();
  readonly disputes = new Map<string, Stored<Dispute>>();
  readonly events: StripeEvent[] = [];

  constructor(
    private readonly apiVersion: string,
    private readonly now: () => number,
  ) {}

  private emit(type: EventType, object: PaymentIntent | Charge | Dispute, scope: Scope, origin: Origin): void {
    this.events.push({
      id: `evt_${randomId()}`,
      object: 'event',
      ...(scope.account ? { account: scope.account } : {}),
      api_version: this.apiVersion,
      created: this.now(),
      data: { object: structuredClone(object) },
      livemode: scope.livemode,
      pending_webhooks: 1,
      request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
      type,
    });
  }

  // ---------- lookups ----------

  intent(scope: Scope, id: string, param = 'intent'): PaymentIntent {
    const stored = this.intents.get(id);
    if (!stored || !sameScope(stored.scope, scope)) throw resourceMissing('payment_intent', id, param);
    return stored.object;
  }

  charge(scope: Scope, id: string, param = 'id'): Charge {
    const stored = this.charges.get(id);
    if (!stored || !sameScope(stored.scope, scope)) throw resourceMissing('charge', id, param);
    return stored.object;
  }

  refund(scope: Scope, id: string): Refund {
    const stored = this.refunds.get(id);
    if (!stored || !sameScope(stored.scope, scope)) throw resourceMissing('refund', id, 'id');
    return stored.object;
  }

  /** A PaymentIntent by id in whatever account it lives (test controls only). */
  anyIntent(id: string): Stored<PaymentIntent> {
    const stored = this.intents.get(id) ?? (this.charges.get(id) && this.intents.get(this.charges.get(id)!.object.payment_intent));
    if (!stored) throw resourceMissing('payment_intent', id, 'intent');
    return stored;
  }

  /** The answer for a PaymentIntent, with `latest_charge` expanded when asked (`expand[]=latest_charge`). */
  view(pi: PaymentIntent, expand: string[] = []): PaymentIntent {
    const copy = structuredClone(pi);
    if (expand.includes('latest_charge') && typeof pi.latest_charge === 'string') {
      copy.latest_charge = structuredClone(this.charges.get(pi.latest_charge)!.object);
    }
    return copy;
  }

  private latestCharge(pi: PaymentIntent): Charge | undefined {
    return typeof pi.latest_charge === 'string' ? this.charges.get(pi.latest_charge)?.object : undefined;
  }

  // ---------- API operations ----------

  createIntent(scope: Scope, params: FormObject, origin: Origin): PaymentIntent {
    checkKnown(params, [
      'amount', 'currency', 'capture_method', 'payment_method_options', 'automatic_payment_methods', 'payment_method_types',
      'metadata', 'description', 'application_fee_amount', 'receipt_email', 'statement_descriptor', 'statement_descriptor_suffix', 'expand',
    ]);
    const amount = integerParam(params, 'amount', true)!;
    const currencyRaw = str(params.currency);
    if (!currencyRaw) throw missingParam('currency');
    const currency = currencyRaw.toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) throw invalidParam('currency', `Invalid currency: ${currencyRaw}. Stripe currently supports these currencies: …`);
    if (amount < 1) throw invalidParam('amount', 'This value must be greater than or equal to 1.', 'amount_too_small');
    const minimum = minimumAmounts[currency];
    if (minimum !== undefined && amount < minimum) {
      throw invalidParam('amount', `Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, 'amount_too_small');
    }
    const captureMethod = captureMethodParam(params.capture_method, 'capture_method') ?? 'automatic';
    const options = optionsParam(params.payment_method_options) ?? {};
    const automatic = objectParam(params.automatic_payment_methods, 'automatic_payment_methods');
    const typesParam = params.payment_method_types;
    if (automatic && typesParam !== undefined) {
      throw invalidParam('automatic_payment_methods', 'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.');
    }
    let types: string[];
    let automaticPaymentMethods: { enabled: boolean } | null = null;
    if (typesParam !== undefined) {
      if (!Array.isArray(typesParam) || typesParam.some((t) => typeof t !== 'string')) throw invalidParam('payment_method_types', 'Invalid array');
      types = typesParam as string[];
      for (const t of types) if (t !== 'card' && t !== 'twint') throw invalidParam('payment_method_types', `The payment method type "${t}" is invalid.`);
    } else {
      // Since API version 2023-08-16 automatic payment methods are on unless payment_method_types is given.
      const enabled = automatic ? automatic.enabled !== 'false' : true;
      automaticPaymentMethods = { enabled };
      types = enabled ? ['card', ...(currency === 'chf' ? ['twint'] : [])] : ['card'];
    }
    if (!options.card) options.card = {};
    options.card = { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic', ...options.card };
    const fee = this.applicationFee(params, scope, amount);
    const id = `pi_${randomId()}`;
    const pi: PaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      application_fee_amount: fee ?? null,
      automatic_payment_methods: automaticPaymentMethods,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod,
      client_secret: `${id}_secret_${randomId(25)}`,
      confirmation_method: 'automatic',
      created: this.now(),
      currency,
      customer: null,
      description: str(params.description) || null,
      last_payment_error: null,
      latest_charge: null,
      livemode: scope.livemode,
      metadata: metadataParam(params.metadata, {}),
      next_action: null,
      on_behalf_of: null,
      payment_method: null,
      payment_method_options: options,
      payment_method_types: types,
      receipt_email: str(params.receipt_email) || null,
      statement_descriptor: str(params.statement_descriptor) || null,
      statement_descriptor_suffix: str(params.statement_descriptor_suffix) || null,
      status: 'requires_payment_method',
      transfer_data: null,
    };
    this.intents.set(id, { object: pi, scope });
    this.emit('payment_intent.created', pi, scope, origin);
    return pi;
  }

  private applicationFee(params: FormObject, scope: Scope, amount: number): number | undefined {
    const fee = integerParam(params, 'application_fee_amount', false);
    if (fee === undefined) return undefined;
    if (!scope.account) {
      throw invalidParam(
        'application_fee_amount',
        'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
      );
    }
    if (fee < 0) throw invalidParam('application_fee_amount', 'This value must be greater than or equal to 0.');
    if (fee > amount) throw invalidParam('application_fee_amount', 'The application fee amount must be less than or equal to the payment amount.');
    return fee;
  }

  updateIntent(scope: Scope, id: string, params: FormObject): PaymentIntent {
    const pi = this.intent(scope, id);
    checkKnown(params, ['amount', 'currency', 'capture_method', 'payment_method_options', 'metadata', 'description', 'application_fee_amount', 'receipt_email', 'expand']);
    const money = ['amount', 'currency', 'capture_method', 'payment_method_options', 'application_fee_amount'].filter((k) => params[k] !== undefined);
    if (money.length > 0 && !(unpaid as readonly string[]).includes(pi.status)) {
      throw unexpectedState(
        `This PaymentIntent's ${money[0]} could not be updated because it has a status of ${pi.status}. You may only update the ${money[0]} of a PaymentIntent with one of the following statuses: ${unpaid.join(', ')}.`,
        this.view(pi),
      );
    }
    const amount = integerParam(params, 'amount', false) ?? pi.amount;
    if (amount < 1) throw invalidParam('amount', 'This value must be greater than or equal to 1.', 'amount_too_small');
    const currency = str(params.currency)?.toLowerCase() ?? pi.currency;
    const captureMethod = captureMethodParam(params.capture_method, 'capture_method') ?? pi.capture_method;
    const options = optionsParam(params.payment_method_options);
    const fee = params.application_fee_amount !== undefined ? this.applicationFee(params, scope, amount) : pi.application_fee_amount;
    const metadata = metadataParam(params.metadata, pi.metadata);
    pi.amount = amount;
    pi.currency = currency;
    pi.capture_method = captureMethod;
    if (options) for (const [method, o] of Object.entries(options)) pi.payment_method_options[method] = { ...pi.payment_method_options[method], ...o };
    pi.application_fee_amount = fee ?? null;
    pi.metadata = metadata;
    if (params.description !== undefined) pi.description = str(params.description) || null;
    if (params.receipt_email !== undefined) pi.receipt_email = str(params.receipt_email) || null;
    return pi;
  }

  capture(scope: Scope, id: string, params: FormObject, origin: Origin): PaymentIntent {
    const pi = this.intent(scope, id);
    checkKnown(params, ['amount_to_capture', 'application_fee_amount', 'metadata', 'expand', 'final_capture']);
    const toCapture = integerParam(params, 'amount_to_capture', false);
    if (pi.status !== 'requires_capture') {
      throw unexpectedState(
        `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        this.view(pi),
      );
    }
    const amount = toCapture ?? pi.amount_capturable;
    if (amount < 1) throw invalidParam('amount_to_capture', 'This value must be greater than or equal to 1.');
    if (amount > pi.amount_capturable) {
      throw invalidRequest('The amount to capture must be less than or equal to the amount capturable on this PaymentIntent.', { param: 'amount_to_capture', code: 'amount_too_large' });
    }
    if (params.application_fee_amount !== undefined) pi.application_fee_amount = this.applicationFee(params, scope, amount) ?? null;
    pi.metadata = metadataParam(params.metadata, pi.metadata);
    const charge = this.latestCharge(pi)!;
    charge.captured = true;
    charge.amount_captured = amount;
    // Stripe refunds what a partial capture leaves: it counts in the charge's amount_refunded.
    charge.amount_refunded = charge.amount - amount;
    charge.application_fee_amount = pi.application_fee_amount;
    pi.amount_received = amount;
    pi.amount_capturable = 0;
    pi.status = 'succeeded';
    this.emit('charge.captured', charge, scope, origin);
    this.emit('payment_intent.succeeded', pi, scope, origin);
    return pi;
  }

  cancel(scope: Scope, id: string, params: FormObject, origin: Origin): PaymentIntent {
    const pi = this.intent(scope, id);
    checkKnown(params, ['cancellation_reason', 'expand']);
    const reason = str(params.cancellation_reason);
    if (reason !== undefined && !cancellationReasons.includes(reason)) {
      throw invalidParam('cancellation_reason', `Invalid cancellation_reason: must be one of ${cancellationReasons.join(', ')}`);
    }
    if (!(cancelable as readonly string[]).includes(pi.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${cancelable.join(', ')}, processing.`,
        this.view(pi),
      );
    }
    this.cancelIntent(pi, scope, reason ?? null, origin, 'charge.refunded');
    return pi;
  }

  /** Cancels, releasing an authorization: the uncaptured charge counts as refunded, as on Stripe. */
  private cancelIntent(pi: PaymentIntent, scope: Scope, reason: string | null, origin: Origin, chargeEvent: EventType): void {
    const authorized = pi.status === 'requires_capture';
    pi.status = 'canceled';
    pi.cancellation_reason = reason;
    pi.canceled_at = this.now();
    pi.amount_capturable = 0;
    pi.next_action = null;
    if (authorized) {
      const charge = this.latestCharge(pi)!;
      charge.refunded = true;
      charge.amount_refunded = charge.amount;
      this.emit(chargeEvent, charge, scope, origin);
    }
    this.emit('payment_intent.canceled', pi, scope, origin);
  }

  createRefund(scope: Scope, params: FormObject, origin: Origin): Refund {
    checkKnown(params, ['payment_intent', 'charge', 'amount', 'metadata', 'reason', 'refund_application_fee', 'reverse_transfer', 'expand']);
    const piId = str(params.payment_intent);
    const chargeId = str(params.charge);
    if (!piId && !chargeId) throw invalidParam('charge', 'One of the following params should be provided for this request: payment_intent or charge.', 'parameter_missing');
    if (piId && chargeId) throw invalidParam('payment_intent', 'You may only specify one of these parameters: charge, payment_intent.');
    const amountParam = integerParam(params, 'amount', false);
    if (amountParam !== undefined && amountParam < 1) throw invalidParam('amount', 'This value must be greater than or equal to 1.');
    const reason = str(params.reason);
    if (reason !== undefined && !refundReasons.includes(reason)) throw invalidParam('reason', `Invalid reason: must be one of ${refundReasons.join(', ')}`);
    const pi = piId ? this.intent(scope, piId, 'payment_intent') : this.intent(scope, this.charge(scope, chargeId!, 'charge').payment_intent, 'charge');
    const metadata = metadataParam(params.metadata, {});
    return this.refundIntent(pi, scope, amountParam, reason ?? null, metadata, origin);
  }

  private refundIntent(pi: PaymentIntent, scope: Scope, amountParam: number | undefined, reason: string | null, metadata: Metadata, origin: Origin): Refund {
    const charge = this.latestCharge(pi);
    if (pi.status !== 'succeeded' || !charge) {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { param: 'payment_intent' });
    }
    const left = charge.amount - charge.amount_refunded;
    if (left <= 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded', charge: charge.id });
    }
    const amount = amountParam ?? left;
    if (amount > left) {
      throw invalidRequest(
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(left, charge.currency)})`,
        { param: 'amount' },
      );
    }
    const refund: Refund = {
      id: `re_${randomId()}`,
      object: 'refund',
      amount,
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      metadata,
      payment_intent: pi.id,
      reason,
      status: 'succeeded',
    };
    this.refunds.set(refund.id, { object: refund, scope });
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    this.emit('charge.refunded', charge, scope, origin);
    return refund;
  }

  // ---------- what happens outside the API: the buyer, Stripe itself, the dashboard ----------

  /** The buyer's confirmation in Stripe.js. */
  pay(id: string, options: PayOptions, origin: Origin): PaymentIntent {
    const { object: pi, scope } = this.anyIntent(id);
    const method = options.method;
    const outcome = options.outcome ?? 'succeed';
    if (method !== 'card' && method !== 'twint') throw invalidParam('method', `Unknown payment method: ${String(method)}`);
    if (!(unpaid as readonly string[]).includes(pi.status)) {
      throw unexpectedState(
        `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. A PaymentIntent may only be confirmed with one of the following statuses: ${unpaid.join(', ')}.`,
        this.view(pi),
      );
    }
    if (!pi.payment_method_types.includes(method)) {
      throw invalidRequest(
        `The PaymentIntent's payment_method_types (${pi.payment_method_types.join(', ')}) does not include ${method}${method === 'twint' && pi.currency !== 'chf' ? ' (TWINT takes chf only)' : ''}.`,
        { code: 'payment_intent_invalid_parameter', param: 'payment_method_types' },
      );
    }
    if (pi.status === 'requires_action' && pi.payment_method && !pi.payment_method.startsWith(`pm_${method}_`)) {
      // A different method replaces the pending one, as a new confirmation would.
      pi.payment_method = null;
    }
    const paymentMethod = pi.payment_method ?? `pm_${method}_${randomId(16)}`;
    pi.payment_method = paymentMethod;
    if (outcome === 'requires_action') {
      pi.status = 'requires_action';
      pi.next_action =
        method === 'card'
          ? { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: 'https://hooks.stripe.com/3d_secure_2/hosted' } }
          : { type: 'redirect_to_url', redirect_to_url: { url: 'https://pm-redirects.stripe.com/authorize/twint', return_url: null } };
      this.emit('payment_intent.requires_action', pi, scope, origin);
      return pi;
    }
    const charge: Charge = {
      id: `ch_${randomId()}`,
      object: 'charge',
      amount: pi.amount,
      amount_captured: 0,
      amount_refunded: 0,
      application_fee_amount: pi.application_fee_amount,
      captured: false,
      created: this.now(),
      currency: pi.currency,
      description: pi.description,
      disputed: false,
      failure_code: null,
      failure_message: null,
      livemode: pi.livemode,
      metadata: { ...pi.metadata },
      outcome: { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
      paid: true,
      payment_intent: pi.id,
      payment_method: paymentMethod,
      payment_method_details: method === 'card' ? { type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, country: 'CH' } } : { type: 'twint', twint: {} },
      receipt_email: pi.receipt_email,
      refunded: false,
      status: 'succeeded',
    };
    this.charges.set(charge.id, { object: charge, scope });
    pi.latest_charge = charge.id;
    pi.next_action = null;
    if (outcome === 'decline') {
      const declineCode = options.declineCode ?? 'generic_decline';
      const message = declineMessages[declineCode] ?? 'Your card was declined.';
      Object.assign(charge, {
        paid: false,
        status: 'failed',
        failure_code: 'card_declined',
        failure_message: message,
        outcome: { network_status: 'declined_by_network', reason: declineCode, risk_level: 'normal', seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' },
      });
      pi.status = 'requires_payment_method';
      pi.payment_method = null;
      pi.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: declineCode,
        message,
        charge: charge.id,
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        payment_method: { id: paymentMethod, object: 'payment_method', type: method },
      };
      this.emit('charge.failed', charge, scope, origin);
      this.emit('payment_intent.payment_failed', pi, scope, origin);
      return pi;
    }
    pi.last_payment_error = null;
    const cardCapture = pi.payment_method_options.card?.capture_method ?? pi.capture_method;
    if (method === 'card' && cardCapture === 'manual') {
      pi.status = 'requires_capture';
      pi.amount_capturable = pi.amount;
      this.emit('charge.succeeded', charge, scope, origin);
      this.emit('payment_intent.amount_capturable_updated', pi, scope, origin);
      return pi;
    }
    // TWINT has no manual capture: Stripe captures it whatever the PaymentIntent says.
    charge.captured = true;
    charge.amount_captured = pi.amount;
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    this.emit('charge.succeeded', charge, scope, origin);
    this.emit('payment_intent.succeeded', pi, scope, origin);
    return pi;
  }

  /** An uncaptured authorization lapses (7 days for cards on Stripe): canceled with reason 'automatic'. */
  expireAuthorization(id: string): PaymentIntent {
    const { object: pi, scope } = this.anyIntent(id);
    if (pi.status !== 'requires_capture') throw new StandInError(400, { type: 'invalid_request_error', message: `${pi.id} has no uncaptured authorization (status ${pi.status}).` });
    this.cancelIntent(pi, scope, 'automatic', { requestId: null, idempotencyKey: null }, 'charge.expired');
    return pi;
  }

  /** A refund made in Stripe's dashboard. */
  refundOutside(id: string, amount?: number): Refund {
    const { object: pi, scope } = this.anyIntent(id);
    return this.refundIntent(pi, scope, amount, 'requested_by_customer', {}, { requestId: `req_${randomId(14)}`, idempotencyKey: null });
  }

  /** The buyer's bank disputes the payment. */
  dispute(id: string, reason = 'fraudulent'): Dispute {
    const { object: pi, scope } = this.anyIntent(id);
    const charge = this.latestCharge(pi);
    if (!charge || !charge.captured) throw new StandInError(400, { type: 'invalid_request_error', message: `${pi.id} has no captured charge to dispute.` });
    charge.disputed = true;
    const dispute: Dispute = {
      id: `dp_${randomId()}`,
      object: 'dispute',
      amount: charge.amount - charge.amount_refunded,
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      livemode: charge.livemode,
      metadata: {},
      payment_intent: pi.id,
      reason,
      status: 'needs_response',
    };
    this.disputes.set(dispute.id, { object: dispute, scope });
    this.emit('charge.dispute.created', dispute, scope, { requestId: null, idempotencyKey: null });
    return dispute;
  }
}
