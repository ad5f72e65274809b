import * as v from 'valibot';
import { Currency, Locale, Money } from './common.js';
import { exchangeActors, orderStatuses, refundMethods, ticketStatuses, webhookDeliveryStatuses, webhookEventTypes } from './vocabulary.js';
import { OrderAnswers } from './responses/questions.js';

/**
 * Webhooks: an organizer's endpoints, the events they receive, and the delivery log.
 *
 * Every event is a JSON object `{ type, timestamp, data }` (Standard Webhooks), POSTed with the
 * headers `webhook-id` (the event's id: the same on every retry and redelivery, so receivers
 * deduplicate with it), `webhook-timestamp` (Unix seconds of the attempt) and
 * `webhook-signature` (`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the
 * base64-decoded part of the endpoint's `whsec_…` secret). Amounts are integer minor units
 * with their currency; times are ISO 8601 in UTC. Events of one order reach one endpoint in
 * the order they happened: an event is not attempted while an earlier one about the same
 * order is still pending for that endpoint.
 */

export { webhookDeliveryStatuses, webhookEventTypes };
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent only by `POST /api/org/webhooks/:id/test`, to that endpoint alone; not subscribable. */
export const webhookPingType = 'webhook.ping' as const;


const IsoTime = v.pipe(v.string(), v.isoTimestamp());
const Id = v.string();

/** An order as an integration needs it. Buyer name and e-mail are the organizer's own customer data. */
export const WebhookOrder = v.object({
  id: Id,
  number: v.string(),
  status: v.picklist(orderStatuses),
  performanceId: Id,
  currency: Currency,
  /** What the order costs in all, fees and insurance included, discounts deducted. */
  total: Money,
  subtotal: Money,
  fees: Money,
  discount: Money,
  insurance: Money,
  /** Paid with gift vouchers; the rest is paid by paymentMethod. */
  paidByVouchers: Money,
  paymentMethod: v.nullable(v.string()),
  createdAt: IsoTime,
  buyer: v.object({ name: v.string(), email: v.string(), language: Locale }),
});

/** An order named in a ticket or money event (no buyer data there: the order events carry it). */
export const WebhookOrderRef = v.object({ id: Id, number: v.string(), currency: Currency });

export const WebhookTicket = v.object({
  id: Id,
  number: v.string(),
  performanceId: Id,
  /** Null for general admission. */
  seatId: v.nullable(v.number()),
  seatLabel: v.nullable(v.string()),
  tariffId: Id,
  tariffName: v.string(),
  /** List price of the ticket's tariff, minor units. */
  price: Money,
  discount: Money,
  status: v.picklist(ticketStatuses),
});

const envelope = <T extends string, D extends v.GenericSchema>(type: T, data: D) =>
  v.object({ type: v.literal(type), timestamp: IsoTime, data });

/**
 * The payload of each event type, for the OpenAPI document (webhooks section) and for tests.
 * When each fires is written on each.
 */
export const webhookEventPayloads = {
  /**
   * An order was placed: a card or free checkout completed (fired together with `order.paid`,
   * in the same change, `order.placed` first), or an order was placed by invoice (status
   * `invoiced`; `tickets` is empty then: they are issued once it is paid).
   */
  'order.placed': envelope('order.placed', v.object({ order: WebhookOrder, tickets: v.array(WebhookTicket), answers: v.optional(OrderAnswers) })),
  /**
   * An order was paid and its tickets issued: a card or free checkout completed, or the
   * organizer recorded the payment of an invoice (`payment.method` `bank_transfer`).
   */
  'order.paid': envelope(
    'order.paid',
    v.object({
      order: WebhookOrder,
      tickets: v.array(WebhookTicket),
      payment: v.object({ method: v.string(), amount: Money, currency: Currency }),
      /** The buyer's answers to the event's questions (labels and texts in the shop's default language), when there are any. */
      answers: v.optional(OrderAnswers),
    }),
  ),
  /**
   * A whole order was cancelled: an unpaid invoice order by the deadline job (`invoice_unpaid`)
   * or by staff, or a paid order by staff (whole, or its last valid tickets): `organizer`.
   */
  'order.cancelled': envelope(
    'order.cancelled',
    v.object({ order: WebhookOrder, reason: v.picklist(['invoice_unpaid', 'organizer']), cancellationId: v.nullable(Id) }),
  ),
  /** Staff cancelled tickets of a paid order (some, or all of them with the order): one event per cancellation. */
  'tickets.cancelled': envelope(
    'tickets.cancelled',
    v.object({
      cancellationId: Id,
      order: WebhookOrderRef,
      wholeOrder: v.boolean(),
      tickets: v.array(WebhookTicket),
      refund: v.object({ method: v.picklist(refundMethods), amount: Money, currency: Currency }),
    }),
  ),
  /** A ticket was exchanged (by the buyer or staff) for another performance, seat or tariff: the old one is void, the new one admits. */
  'ticket.exchanged': envelope(
    'ticket.exchanged',
    v.object({
      exchangeId: Id,
      order: WebhookOrderRef,
      oldTicket: WebhookTicket,
      newTicket: WebhookTicket,
      /** New price − old price; negative when the new ticket is cheaper. */
      difference: v.number(),
      fee: Money,
      amountCharged: Money,
      refundDue: Money,
      actor: v.picklist(exchangeActors),
    }),
  ),
  /** A ticket was admitted at the door (once per ticket: a second scan is refused and fires nothing). */
  'ticket.checked_in': envelope('ticket.checked_in', v.object({ order: WebhookOrderRef, ticket: WebhookTicket, admittedAt: IsoTime })),
  /** The deadline job sent reminder `reminderNumber` of an unpaid invoice, with its new deadline. */
  'invoice.reminder_sent': envelope(
    'invoice.reminder_sent',
    v.object({ order: WebhookOrderRef, reminderNumber: v.number(), dueAt: IsoTime, amountDue: Money }),
  ),
  /**
   * A refund was recorded: with a staff cancellation for cash, bank transfer or a refund voucher
   * (the organizer pays it, or the voucher is issued, in that change), or when the payment
   * provider confirmed a card refund (`providerReference` set). Never for an amount of 0.
   */
  'refund.recorded': envelope(
    'refund.recorded',
    v.object({
      cancellationId: Id,
      order: WebhookOrderRef,
      method: v.picklist(refundMethods),
      amount: Money,
      currency: Currency,
      voucherId: v.nullable(Id),
      providerReference: v.nullable(v.string()),
    }),
  ),
  /** A test event, sent by `POST /api/org/webhooks/:id/test` to that endpoint only. */
  'webhook.ping': envelope('webhook.ping', v.object({ endpointId: Id, message: v.string() })),
} satisfies Record<WebhookEventType | typeof webhookPingType, v.GenericSchema>;

export type WebhookPayload<T extends keyof typeof webhookEventPayloads> = v.InferOutput<(typeof webhookEventPayloads)[T]>;

// ---------------------------------------------------------------------------------------
// Requests

/**
 * An endpoint URL: http(s), no user name or password, at most 2,000 characters. Whether it
 * must be https (live shops) and whether its host is a private address is judged by the
 * service (worker/src/domain/webhook-url.ts), which knows the shop.
 */
export const WebhookUrl = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2000),
  v.url('must be a URL such as https://example.com/webhooks'),
  v.regex(/^https?:\/\//i, 'must be an http(s) URL'),
  // The authority (between :// and the first / ? #) must not carry user info: a secret in a URL ends up in logs.
  v.check((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'must not carry a user name or password'),
);

const EventList = v.pipe(v.array(v.picklist(webhookEventTypes)), v.minLength(1, 'must name at least one event'), v.maxLength(webhookEventTypes.length));

export const CreateWebhookBody = v.object({
  url: WebhookUrl,
  /** The events to receive; all of them when absent. */
  events: v.optional(EventList),
  description: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
  enabled: v.optional(v.boolean(), true),
});

export const UpdateWebhookBody = v.pipe(
  v.object({
    url: v.optional(WebhookUrl),
    events: v.optional(EventList),
    description: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500))),
    /** Re-enabling an endpoint the system disabled starts its failure count afresh. */
    enabled: v.optional(v.boolean()),
  }),
  v.check((b) => Object.keys(b).length > 0, 'must change at least one of url, events, description, enabled'),
);

export const WebhookParams = v.object({ id: v.pipe(v.string(), v.regex(/^whk_[a-z0-9]{4,40}$/, 'must be a webhook endpoint id such as whk_4k9q2m7xh3pa')) });
export const WebhookDeliveryParams = v.object({
  ...WebhookParams.entries,
  deliveryId: v.pipe(v.string(), v.regex(/^whd_[a-z0-9]{4,40}$/, 'must be a delivery id such as whd_4k9q2m7xh3pa')),
});

export const WebhookDeliveriesQuery = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(100)), '50'),
  status: v.optional(v.picklist(webhookDeliveryStatuses)),
});

// ---------------------------------------------------------------------------------------
// Responses

export const WebhookEndpoint = v.object({
  id: v.string(),
  url: v.string(),
  description: v.string(),
  events: v.array(v.picklist(webhookEventTypes)),
  enabled: v.boolean(),
  /** Set when the system disabled the endpoint after 3 days of failures. */
  disabledAt: v.nullable(IsoTime),
  disabledReason: v.nullable(v.string()),
  /** The first failure of the current run of failures; null after a success. */
  failingSince: v.nullable(IsoTime),
  /** After a rotation: until when the previous secret still signs next to the current one (24 h); null otherwise. */
  previousSecretExpiresAt: v.nullable(IsoTime),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});

/** The signing secret, answered once at creation and at each rotation. */
export const WebhookEndpointWithSecret = v.object({ ...WebhookEndpoint.entries, secret: v.pipe(v.string(), v.regex(/^whsec_[A-Za-z0-9+/]+=*$/)) });

export const WebhookEndpointList = v.object({ webhooks: v.array(WebhookEndpoint) });

export const WebhookAttempt = v.object({
  attempt: v.number(),
  startedAt: IsoTime,
  durationMs: v.number(),
  /** The receiver's HTTP status; null when none came (timeout, refused, private address). */
  responseStatus: v.nullable(v.number()),
  ok: v.boolean(),
  /** Why it failed, short; null on success. */
  error: v.nullable(v.string()),
  /** The first 200 characters of the receiver's answer. */
  responseExcerpt: v.nullable(v.string()),
});

export const WebhookDelivery = v.object({
  id: v.string(),
  eventId: v.string(),
  eventType: v.string(),
  orderId: v.nullable(v.string()),
  status: v.picklist(webhookDeliveryStatuses),
  attempts: v.number(),
  nextAttemptAt: v.nullable(IsoTime),
  lastAttemptAt: v.nullable(IsoTime),
  lastDurationMs: v.nullable(v.number()),
  lastResponseStatus: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  deliveredAt: v.nullable(IsoTime),
  createdAt: IsoTime,
  log: v.array(WebhookAttempt),
});

export const WebhookDeliveryList = v.object({ deliveries: v.array(WebhookDelivery) });
