import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { type InvoiceCreditor, locales, performances, seats, shops, tariffs } from './catalog.js';
import { holds } from './inventory.js';
import { saleChannels, orderStatuses, paymentStatuses, paymentKinds, ticketStatuses, orderLineKinds, cancellationScopes, refundMethods, cancellationActors, exchangeActors } from '../../contract/vocabulary.js';
export { saleChannels, orderStatuses, paymentStatuses, paymentKinds, ticketStatuses, orderLineKinds, cancellationScopes, refundMethods, cancellationActors, exchangeActors };

/** `invoiced`: placed with pay-by-invoice, seats sold to the buyer, tickets issued once paid. */
/** `exchanged`: replaced by another ticket (ticket_exchanges); refused at the door like `cancelled`. */


/**
 * A priced line as shown to the buyer; stored as JSON so the order keeps what was sold.
 * `discount` and `pass` lines have negative amounts; gift vouchers are not lines but payments
 * (orders.paidByVouchers). See worker/src/domain/pricing.ts.
 */
/** Where a seat is, in the parts a buyer reads in their own language ("Parterre, rang A, place 15"). */
export interface SeatPlace {
  /** The section's name, as the organizer wrote it. */
  section: string;
  row: string;
  number: string;
}

export interface OrderLineRecord {
  kind: (typeof orderLineKinds)[number];
  /** The line in the platform's words (English), for reports and older readers; buyers see it rebuilt from the parts below in their language. */
  label: string;
  /** The promo or pass code of a discount or pass line. */
  code?: string;
  /** A ticket line's tariff as sold (absent on lines written before it was stored). */
  tariffName?: string;
  /** A seated ticket line's seat (absent on lines written before it was stored). */
  seat?: SeatPlace;
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
  /**
   * Each ticket's price as invoiced (worker/src/domain/pricing.ts TicketPrice, in the order of
   * the hold's items), so the tickets issued on payment carry the invoiced discounts and
   * premiums even if a code or tariff changes meanwhile. Absent on invoices placed before codes.
   */
  ticketPrices?: TicketPriceRecord[];
}

/** One ticket of an order with what it costs, as priced by worker/src/domain/pricing.ts (TicketPrice). */
export interface TicketPriceRecord {
  /** Index of the hold item (a seat, or a general-admission tariff) the ticket comes from. */
  itemIndex: number;
  seatId: number | null;
  tariffId: string;
  listPrice: number;
  /** Promo discount or, with passId, the whole list price. */
  discount: number;
  passId: string | null;
  promoId: string | null;
  /** listPrice − discount. */
  netPrice: number;
  fee: number;
  insurancePremium: number;
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
    /** Sum of discount and pass lines, as a positive amount. */
    discount: integer('discount').notNull().default(0),
    /** Cancellation insurance premiums (the buyer opted in: insured). */
    insurance: integer('insurance').notNull().default(0),
    insured: integer('insured', { mode: 'boolean' }).notNull().default(false),
    /** Paid with gift vouchers (code_uses rows of kind voucher); the rest is paid by `paymentMethod`. */
    paidByVouchers: integer('paid_by_vouchers').notNull().default(0),
    /** The codes applied, as typed and normalized, for the buyer's receipt and reports. */
    codes: text('codes', { mode: 'json' }).$type<string[]>().notNull().default([]),
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
    /** When the buyer last had the order's e-mail sent again from the order page (at most once per 10 minutes). */
    buyerResentAt: integer('buyer_resent_at'),
    channel: text('channel', { enum: saleChannels }).notNull().default('online'),
    /** Who sold it at the desk or imported it: a staff member's or an API token's id (never the token). */
    soldBy: text('sold_by'),
    /** The reseller whose quota it was sold from (channel `reseller`). */
    resellerId: text('reseller_id'),
    /** When the buyer's personal data (name, e-mail, answers, e-mail texts) was erased on request; the accounting stays. */
    personalDataErasedAt: integer('personal_data_erased_at'),
  },
  (t) => [
    uniqueIndex('orders_number_uq').on(t.number),
    uniqueIndex('orders_hold_uq').on(t.holdId),
    index('orders_shop_created_idx').on(t.shopId, t.createdAt),
    index('orders_reseller_idx').on(t.resellerId, t.performanceId).where(sql`${t.resellerId} IS NOT NULL`),
    // The box office finds a buyer's orders by their address in any case (services/order-search.ts).
    index('orders_shop_email_lower_idx').on(t.shopId, sql`lower(${t.buyerEmail})`),
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
    /** A refund is its own row (positive amount) pointing at the cancellation it pays back. */
    kind: text('kind', { enum: paymentKinds }).notNull().default('charge'),
    /** Set when the payment is for an exchange (the difference and the fee), not the order itself. */
    exchangeId: text('exchange_id'),
    cancellationId: text('cancellation_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    providerReference: text('provider_reference'),
    declineCode: text('decline_code'),
    createdAt: integer('created_at').notNull(),
    /** The desk till the money went through (sales, refunds and exchanges at the box office); null online. */
    tillId: text('till_id'),
  },
  (t) => [index('payments_order_idx').on(t.orderId), index('payments_till_idx').on(t.tillId).where(sql`${t.tillId} IS NOT NULL`)],
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
    /** The tariff's price. */
    price: integer('price').notNull(),
    /** Discount or pass coverage on this ticket; price − discount is what it cost. */
    discount: integer('discount').notNull().default(0),
    /** Cancellation insurance premium; > 0 means insured, the ticket number is the policy reference. */
    insurancePremium: integer('insurance_premium').notNull().default(0),
    /** The access pass that booked it, if any. */
    passId: text('pass_id'),
    /** The platform's commission on this ticket; it stays due when the ticket is cancelled. */
    commission: integer('commission').notNull().default(0),
    /** The ticket this one replaced in an exchange. */
    replacesTicketId: text('replaces_ticket_id'),
    qrPayload: text('qr_payload').notNull(),
    /** The barcode printed by another system on a ticket imported from it; the door accepts it as well as the signed code. */
    externalCode: text('external_code'),
    status: text('status', { enum: ticketStatuses }).notNull(),
    admittedAt: integer('admitted_at'),
    createdAt: integer('created_at').notNull(),
    /**
     * When the door's ticket list last saw this ticket change: written by triggers (migration
     * door_version_triggers) from a one-row counter on every insert and every change of status,
     * admission or seat, so no service has to remember it. Scanners ask for the tickets above the
     * version they hold.
     */
    doorVersion: integer('door_version').notNull().default(0),
    /**
     * The wallet pass this ticket shows: the id of the first ticket of its exchange chain, set by
     * a trigger (migration wallet_update_triggers) when an exchange inserts it; null on a first
     * ticket, whose pass serial is its own id.
     */
    walletSerial: text('wallet_serial'),
  },
  (t) => [
    uniqueIndex('tickets_number_uq').on(t.number),
    index('tickets_door_version_idx').on(t.performanceId, t.doorVersion),
    index('tickets_wallet_serial_idx').on(t.walletSerial).where(sql`${t.walletSerial} IS NOT NULL`),
    uniqueIndex('tickets_external_code_uq').on(t.shopId, t.externalCode).where(sql`${t.externalCode} IS NOT NULL`),
    index('tickets_order_idx').on(t.orderId),
    // The last word on "never sold twice": a seat of a performance has at most one valid ticket.
    uniqueIndex('tickets_valid_seat_uq').on(t.performanceId, t.seatId).where(sql`${t.status} = 'valid' AND ${t.seatId} IS NOT NULL`),
    // The insurer's export lists insured tickets by date.
    index('tickets_insured_idx').on(t.shopId, t.createdAt).where(sql`${t.insurancePremium} > 0`),
  ],
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


/**
 * Why, by whom and with which refund an order (scope `order`, at most one per order) or some
 * of its tickets (scope `tickets`, listed in cancelled_tickets) were cancelled, kept for
 * accounting. A card refund's provider reference is kept; a voucher refund names the voucher.
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
    refundReference: text('refund_reference'),
    refundVoucherId: text('refund_voucher_id'),
    /** Tickets cancelled by it (for scope `order`, all that were valid). */
    ticketCount: integer('ticket_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('order_cancellations_order_idx').on(t.orderId),
    index('order_cancellations_shop_idx').on(t.shopId, t.createdAt),
    uniqueIndex('order_cancellations_whole_order_uq').on(t.orderId).where(sql`${t.scope} = 'order'`),
    check('order_cancellations_refund_not_negative', sql`${t.refundAmount} >= 0`),
  ],
);

/** The tickets of a cancellation; the primary key makes a ticket cancellable once. */
export const cancelledTickets = sqliteTable(
  'cancelled_tickets',
  {
    ticketId: text('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    cancellationId: text('cancellation_id')
      .notNull()
      .references(() => orderCancellations.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
  },
  (t) => [index('cancelled_tickets_cancellation_idx').on(t.cancellationId)],
);


/**
 * A ticket swapped for a seat of another performance of the same event. The old ticket is
 * UNIQUE here, so it is exchanged at most once; the same batch invalidates it, frees its seat,
 * takes the new seat and issues the new ticket.
 */
export const ticketExchanges = sqliteTable(
  'ticket_exchanges',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    oldTicketId: text('old_ticket_id')
      .notNull()
      .references(() => tickets.id),
    newTicketId: text('new_ticket_id')
      .notNull()
      .references(() => tickets.id),
    fromPerformanceId: text('from_performance_id')
      .notNull()
      .references(() => performances.id),
    toPerformanceId: text('to_performance_id')
      .notNull()
      .references(() => performances.id),
    /** New price − old price (negative when cheaper). */
    priceDifference: integer('price_difference').notNull(),
    fee: integer('fee').notNull(),
    /** What the buyer paid for it (difference if positive, plus the fee). */
    amountCharged: integer('amount_charged').notNull(),
    /** What the organizer owes back (a cheaper seat, when the event allows it). */
    refundDue: integer('refund_due').notNull().default(0),
    paymentMethod: text('payment_method'),
    actor: text('actor', { enum: exchangeActors }).notNull(),
    actorTokenId: text('actor_token_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ticket_exchanges_old_ticket_uq').on(t.oldTicketId),
    index('ticket_exchanges_order_idx').on(t.orderId),
    check('ticket_exchanges_amounts_valid', sql`${t.fee} >= 0 AND ${t.amountCharged} >= 0 AND ${t.refundDue} >= 0`),
  ],
);
