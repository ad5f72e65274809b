import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { currencies, locales, performances, shops } from './catalog.js';
import { holds } from './inventory.js';
import { orders } from './orders.js';
import { codeKinds, discountTypes, discountBases, codeStatuses, productOrderKinds, voucherSources, codeUseStates, productOrderStatuses } from '../../contract/vocabulary.js';
export { codeKinds, discountTypes, discountBases, codeStatuses, productOrderKinds, voucherSources, codeUseStates, productOrderStatuses };

/**
 * Codes a buyer types into the one field of the cart. The three kinds share one namespace per
 * shop (the `codes` registry), so a typed code resolves to exactly one thing.
 */

/**
 * The registry: (shop, code) is the primary key, written in the same batch as the promo code,
 * pass or voucher it names, so two of them can never share a code. Codes are stored
 * normalized (upper case, no spaces), see contract/code-format.ts.
 */
export const codes = sqliteTable(
  'codes',
  {
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    code: text('code').notNull(),
    kind: text('kind', { enum: codeKinds }).notNull(),
    /** The id of the promo code, access pass or gift voucher. */
    refId: text('ref_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.code] }), uniqueIndex('codes_ref_uq').on(t.refId)],
);

/**
 * A promo code: a discount (percent or amount, per ticket or per order) and/or hidden
 * tariffs it unlocks. Empty scope lists mean "all". `percent` is in whole percent (1–100).
 */
export const promoCodes = sqliteTable(
  'promo_codes',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    code: text('code').notNull(),
    /** The organizer's name for it, never shown to buyers. */
    name: text('name').notNull(),
    discountType: text('discount_type', { enum: discountTypes }).notNull(),
    /** Whole percent for `percent`, minor units for `amount`, 0 for `none`. */
    discountValue: integer('discount_value').notNull().default(0),
    per: text('per', { enum: discountBases }).notNull().default('ticket'),
    eventIds: text('event_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    performanceIds: text('performance_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    zoneIds: text('zone_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    tariffIds: text('tariff_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Hidden tariffs this code makes available (e.g. a members' price). */
    unlockTariffIds: text('unlock_tariff_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    validFrom: integer('valid_from'),
    validUntil: integer('valid_until'),
    /** Orders (and live holds) that may use it in total; null is unlimited. */
    maxUses: integer('max_uses'),
    /** Tickets one order may discount with it; null is all eligible tickets. */
    maxTicketsPerOrder: integer('max_tickets_per_order'),
    /** Eligible tickets the order must contain for the code to apply. */
    minTickets: integer('min_tickets').notNull().default(1),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('promo_codes_shop_idx').on(t.shopId, t.createdAt),
    check('promo_codes_discount_valid', sql`${t.discountValue} >= 0 AND (${t.discountType} <> 'percent' OR ${t.discountValue} BETWEEN 1 AND 100)`),
    check('promo_codes_limits_positive', sql`(${t.maxUses} IS NULL OR ${t.maxUses} >= 1) AND (${t.maxTicketsPerOrder} IS NULL OR ${t.maxTicketsPerOrder} >= 1) AND ${t.minTickets} >= 1`),
  ],
);

/**
 * A kind of pass the shop sells (festival pass, season subscription): which events or
 * performances it covers (empty: all of the shop's), which zones (empty: all), how many
 * performances in total and how many seats per performance.
 */
export const passProducts = sqliteTable(
  'pass_products',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    price: integer('price').notNull(),
    eventIds: text('event_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    performanceIds: text('performance_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    zoneIds: text('zone_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Null: every covered performance. */
    maxPerformances: integer('max_performances'),
    seatsPerPerformance: integer('seats_per_performance').notNull().default(1),
    /** Passes sold are valid until then (null: until the covered performances are over). */
    validUntil: integer('valid_until'),
    /** Offered in the shop's widget. */
    onSale: integer('on_sale', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('pass_products_shop_idx').on(t.shopId),
    check('pass_products_price_not_negative', sql`${t.price} >= 0`),
    check('pass_products_limits_positive', sql`(${t.maxPerformances} IS NULL OR ${t.maxPerformances} >= 1) AND ${t.seatsPerPerformance} >= 1`),
  ],
);


/** One sold (or organizer-issued) pass; its code is the holder's key. */
export const accessPasses = sqliteTable(
  'access_passes',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    productId: text('product_id')
      .notNull()
      .references(() => passProducts.id),
    code: text('code').notNull(),
    holderName: text('holder_name').notNull(),
    holderEmail: text('holder_email'),
    status: text('status', { enum: codeStatuses }).notNull().default('active'),
    /** The shop sale that created it; null when the organizer issued it. */
    productOrderId: text('product_order_id'),
    validUntil: integer('valid_until'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('access_passes_product_idx').on(t.productId), index('access_passes_shop_idx').on(t.shopId, t.createdAt)],
);


/**
 * A gift voucher: a means of payment worth `initialAmount`. Its balance is the initial amount
 * minus its live redemptions in `code_uses`; the batch that redeems asserts it stays ≥ 0.
 */
export const giftVouchers = sqliteTable(
  'gift_vouchers',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    code: text('code').notNull(),
    initialAmount: integer('initial_amount').notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    expiresAt: integer('expires_at'),
    status: text('status', { enum: codeStatuses }).notNull().default('active'),
    source: text('source', { enum: voucherSources }).notNull(),
    /** The shop sale that created it (source `sold`). */
    productOrderId: text('product_order_id'),
    /** The order whose cancellation it refunds (source `refund`). */
    refundOfOrderId: text('refund_of_order_id'),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('gift_vouchers_shop_idx').on(t.shopId, t.createdAt), check('gift_vouchers_amount_positive', sql`${t.initialAmount} > 0`)],
);


/**
 * The ledger of code uses. A row is live when `used`, or `held` by an active, unexpired hold:
 * limits (a promo code's uses, a pass's performances and seats, a voucher's balance) count
 * live rows only, so a lapsed hold gives its uses back without anyone writing. The batch that
 * writes a row asserts the limit over the ledger (batch_guard), so concurrent buyers cannot
 * together pass it. One row per code and hold.
 */
export const codeUses = sqliteTable(
  'code_uses',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    kind: text('kind', { enum: codeKinds }).notNull(),
    /** The promo code, access pass or gift voucher id. */
    refId: text('ref_id').notNull(),
    holdId: text('hold_id')
      .notNull()
      .references(() => holds.id),
    orderId: text('order_id').references(() => orders.id),
    performanceId: text('performance_id')
      .notNull()
      .references(() => performances.id),
    state: text('state', { enum: codeUseStates }).notNull(),
    /** Tickets the use covers: discounted (promo) or booked (pass). */
    tickets: integer('tickets').notNull().default(0),
    /** Minor units: the discount given (promo) or the amount paid (voucher, set at checkout). */
    amount: integer('amount').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('code_uses_hold_ref_uq').on(t.holdId, t.refId),
    index('code_uses_ref_idx').on(t.refId, t.state),
    index('code_uses_order_idx').on(t.orderId),
    check('code_uses_amounts_not_negative', sql`${t.tickets} >= 0 AND ${t.amount} >= 0`),
  ],
);


/**
 * A purchase in the shop of something that is not a seat: an access pass or a gift voucher.
 * Kept apart from `orders`, which always sell a hold of one performance.
 */
export const productOrders = sqliteTable(
  'product_orders',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    number: text('number').notNull(),
    secret: text('secret').notNull(),
    kind: text('kind', { enum: productOrderKinds }).notNull(),
    passProductId: text('pass_product_id').references(() => passProducts.id),
    amount: integer('amount').notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    status: text('status', { enum: productOrderStatuses }).notNull(),
    buyerName: text('buyer_name').notNull(),
    buyerEmail: text('buyer_email').notNull(),
    buyerLanguage: text('buyer_language', { enum: locales }).notNull(),
    /** The pass holder or the voucher's recipient, when not the buyer. */
    recipientName: text('recipient_name'),
    paymentMethod: text('payment_method').notNull(),
    providerReference: text('provider_reference'),
    createdAt: integer('created_at').notNull(),
    paidAt: integer('paid_at'),
  },
  (t) => [
    uniqueIndex('product_orders_number_uq').on(t.number),
    index('product_orders_shop_idx').on(t.shopId, t.createdAt),
    check('product_orders_amount_not_negative', sql`${t.amount} >= 0`),
  ],
);
