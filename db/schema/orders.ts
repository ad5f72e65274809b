import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { type InvoiceCreditor, locales, performances, seats, shops, tariffs } from './catalog.js';
import { holds } from './inventory.js';

/** `invoiced`: placed with pay-by-invoice, seats sold to the buyer, tickets issued once paid. */
export const orderStatuses = ['pending', 'paid', 'expired', 'cancelled', 'invoiced'] as const;
export const paymentStatuses = ['declined', 'captured', 'voided'] as const;
export const ticketStatuses = ['valid', 'cancelled'] as const;

/** A priced line as shown to the buyer; stored as JSON so the order keeps what was sold. */
export interface OrderLineRecord {
  kind: 'ticket' | 'fee';
  label: string;
  tariffId: string | null;
  seatId: number | null;
  quantity: number;
  unitAmount: number;
  amount: number;
}

/**
 * The invoice terms an order was placed with. They are copied from the shop so that a later
 * change of D, N or the bank account never changes an invoice the buyer already has.
 */
export interface InvoiceTerms {
  /** When the order was placed by invoice: day 0 of the deadline rule, the invoice date. */
  orderedAt: number;
  reminderIntervalDays: number;
  reminderCount: number;
  sendHour: number;
  timeZone: string;
  creditor: InvoiceCreditor;
  /** QR reference (QR-IBAN) or ISO 11649 creditor reference (IBAN), derived from the order number. */
  reference: string;
}

/**
 * An order comes from exactly one hold (UNIQUE), so a checkout retried for the same hold
 * updates the pending order instead of creating a second one.
 */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    number: text('number').notNull(),
    secret: text('secret').notNull(),
    holdId: text('hold_id').notNull().references(() => holds.id),
    performanceId: text('performance_id').notNull().references(() => performances.id),
    status: text('status', { enum: orderStatuses }).notNull(),
    currency: text('currency').notNull(),
    subtotal: integer('subtotal').notNull(),
    fees: integer('fees').notNull(),
    total: integer('total').notNull(),
    lines: text('lines', { mode: 'json' }).$type<OrderLineRecord[]>().notNull(),
    buyerName: text('buyer_name').notNull(),
    buyerEmail: text('buyer_email').notNull(),
    buyerLanguage: text('buyer_language', { enum: locales }).notNull(),
    paymentMethod: text('payment_method'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    paidAt: integer('paid_at'),
    cancelledAt: integer('cancelled_at'),
    invoice: text('invoice', { mode: 'json' }).$type<InvoiceTerms>(),
    invoiceRemindersSent: integer('invoice_reminders_sent').notNull().default(0),
    /** The payment deadline the buyer was last told; the next reminder or the cancellation is due then. */
    invoiceDueAt: integer('invoice_due_at'),
    /** When the message before the performance was queued (at most once per order). */
    preEventQueuedAt: integer('pre_event_queued_at'),
  },
  (t) => [
    uniqueIndex('orders_number_uq').on(t.number),
    uniqueIndex('orders_hold_uq').on(t.holdId),
    index('orders_shop_created_idx').on(t.shopId, t.createdAt),
    index('orders_shop_email_idx').on(t.shopId, t.buyerEmail),
    index('orders_invoice_due_idx').on(t.status, t.invoiceDueAt),
    // The pre-event job takes the paid orders of a performance not yet messaged.
    index('orders_performance_idx').on(t.performanceId, t.status, t.preEventQueuedAt),
    check('orders_total_not_negative', sql`${t.total} >= 0`),
  ],
);

/** Every payment attempt, declined ones included, for the buyer's "why" and for accounting. */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    orderId: text('order_id').notNull().references(() => orders.id),
    provider: text('provider').notNull(),
    method: text('method').notNull(),
    status: text('status', { enum: paymentStatuses }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    providerReference: text('provider_reference'),
    declineCode: text('decline_code'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('payments_order_idx').on(t.orderId)],
);

/** A ticket's number is printed on it and is the key of its signed QR payload. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    orderId: text('order_id').notNull().references(() => orders.id),
    performanceId: text('performance_id').notNull().references(() => performances.id),
    number: text('number').notNull(),
    seatId: integer('seat_id').references(() => seats.id),
    seatLabel: text('seat_label'),
    tariffId: text('tariff_id').notNull().references(() => tariffs.id),
    tariffName: text('tariff_name').notNull(),
    price: integer('price').notNull(),
    qrPayload: text('qr_payload').notNull(),
    status: text('status', { enum: ticketStatuses }).notNull(),
    admittedAt: integer('admitted_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('tickets_number_uq').on(t.number), index('tickets_order_idx').on(t.orderId)],
);

/**
 * One row per invoice reminder sent. The primary key (order, number) makes a second
 * reminder k impossible; it is written in the same batch as the reminder's e-mail.
 */
export const invoiceReminders = sqliteTable(
  'invoice_reminders',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    number: integer('number').notNull(),
    /** The new payment deadline the reminder announced. */
    dueAt: integer('due_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.number] }), check('invoice_reminders_number_positive', sql`${t.number} >= 1`)],
);

export const cancellationScopes = ['order'] as const;
export const refundMethods = ['none', 'bank_transfer', 'cash', 'card_refund', 'voucher'] as const;
export const cancellationActors = ['system', 'organizer'] as const;

/**
 * Why, by whom and with which refund an order was cancelled, kept for accounting. Scope
 * `order` is a whole order (at most one per order); single tickets come with exchange and refunds.
 */
export const orderCancellations = sqliteTable(
  'order_cancellations',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    scope: text('scope', { enum: cancellationScopes }).notNull(),
    /** `invoice_unpaid` when the deadline passed; otherwise the organizer's words. */
    reason: text('reason').notNull(),
    refundMethod: text('refund_method', { enum: refundMethods }).notNull(),
    refundAmount: integer('refund_amount').notNull().default(0),
    actor: text('actor', { enum: cancellationActors }).notNull(),
    /** The organizer token that cancelled (its id, never the token). */
    actorTokenId: text('actor_token_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('order_cancellations_whole_order_uq').on(t.orderId).where(sql`${t.scope} = 'order'`),
    check('order_cancellations_refund_not_negative', sql`${t.refundAmount} >= 0`),
  ],
);
