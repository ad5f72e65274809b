import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { locales, performances, seats, shops, tariffs } from './catalog.js';
import { holds } from './inventory.js';

export const orderStatuses = ['pending', 'paid', 'expired', 'cancelled'] as const;
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
  },
  (t) => [
    uniqueIndex('orders_number_uq').on(t.number),
    uniqueIndex('orders_hold_uq').on(t.holdId),
    index('orders_shop_created_idx').on(t.shopId, t.createdAt),
    index('orders_shop_email_idx').on(t.shopId, t.buyerEmail),
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
