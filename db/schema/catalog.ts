import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { currencies, locales, eventStatuses, performanceStatuses, staffRoles } from '../../contract/vocabulary.js';
export { currencies, locales, eventStatuses, performanceStatuses };

/** Who is paid by invoice: printed on the invoice and, with a Swiss or Liechtenstein (QR-)IBAN, on its QR-bill. */
export interface InvoiceCreditor {
  name: string;
  /** Street, without the building number. */
  address: string;
  buildingNumber?: string | undefined;
  zip: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. CH. */
  country: string;
  /** IBAN or QR-IBAN, without spaces. */
  account: string;
}

export type LocalizedText = Partial<Record<(typeof locales)[number], string>>;

/** An event's texts in one language; a text left out is the default language's. */
export interface EventTexts {
  title?: string | undefined;
  subtitle?: string | undefined;
  description?: string | undefined;
}
export type EventTranslations = Partial<Record<(typeof locales)[number], EventTexts>>;

/** One organizer. Its signing key pair signs ticket QR codes; the private half never leaves the API. */
export const shops = sqliteTable('shops', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  currency: text('currency', { enum: currencies }).notNull(),
  locales: text('locales', { mode: 'json' }).$type<(typeof locales)[number][]>().notNull(),
  defaultLocale: text('default_locale', { enum: locales }).notNull(),
  timeZone: text('time_zone').notNull(),
  testMode: integer('test_mode', { mode: 'boolean' }).notNull(),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
  holdMinutes: integer('hold_minutes').notNull().default(10),
  holdMaxMinutes: integer('hold_max_minutes').notNull().default(30),
  maxTicketsPerOrder: integer('max_tickets_per_order').notNull().default(10),
  serviceFeePerTicket: integer('service_fee_per_ticket').notNull().default(0),
  signingPublicKey: text('signing_public_key').notNull(),
  signingPrivateKey: text('signing_private_key').notNull(),
  createdAt: integer('created_at').notNull(),
  // Pay by invoice (worker/src/domain/invoice-schedule.ts): D, N, the cutoff and the local hour of reminders.
  invoiceEnabled: integer('invoice_enabled', { mode: 'boolean' }).notNull().default(false),
  invoiceReminderIntervalDays: integer('invoice_reminder_interval_days').notNull().default(10),
  invoiceReminderCount: integer('invoice_reminder_count').notNull().default(2),
  invoiceCutoffDays: integer('invoice_cutoff_days').notNull().default(30),
  invoiceSendHour: integer('invoice_send_hour').notNull().default(9),
  invoiceCreditor: text('invoice_creditor', { mode: 'json' }).$type<InvoiceCreditor>(),
  /** E-mail sender; unset, the platform's address (MAIL_FROM) with the shop's name. */
  senderEmail: text('sender_email'),
  senderName: text('sender_name'),
  /** The organizer's own address for notices about the shop itself (e.g. a webhook endpoint disabled); unset, senderEmail. */
  contactEmail: text('contact_email'),
  /** The organizer's page that shows an order (the widget); e-mails link to it with ?order=…&secret=…. */
  orderPageUrl: text('order_page_url'),
  /** The shop's colour (#rrggbb) for the header and buttons of its e-mails; null: a neutral dark. */
  brandColor: text('brand_color'),
  // Cancellation insurance (worker/src/domain/pricing.ts): a third-party insurer's offer, opt-in per order.
  insuranceEnabled: integer('insurance_enabled', { mode: 'boolean' }).notNull().default(false),
  /** Premium per ticket in basis points of the ticket price (e.g. 600 = 6 %). */
  insuranceRateBasisPoints: integer('insurance_rate_basis_points').notNull().default(0),
  /** The least premium per ticket, in minor units. */
  insuranceMinimumPremium: integer('insurance_minimum_premium').notNull().default(0),
  insurerName: text('insurer_name'),
  insurerTermsUrl: text('insurer_terms_url'),
  /** How an insured buyer reaches the insurer to claim (e-mail, phone or web address). */
  insurerContact: text('insurer_contact'),
  // Gift vouchers sold in the shop: fixed amounts to pick from and/or a free amount in a range.
  voucherSaleEnabled: integer('voucher_sale_enabled', { mode: 'boolean' }).notNull().default(false),
  voucherAmounts: text('voucher_amounts', { mode: 'json' }).$type<number[]>().notNull().default([]),
  /** Null: buyers cannot choose their own amount. */
  voucherMinAmount: integer('voucher_min_amount'),
  voucherMaxAmount: integer('voucher_max_amount'),
  voucherValidityDays: integer('voucher_validity_days').notNull().default(730),
  /** The platform's commission per ticket sold (fixed part and basis points of the price); recorded on each ticket. */
  commissionPerTicket: integer('commission_per_ticket').notNull().default(0),
  commissionBasisPoints: integer('commission_basis_points').notNull().default(0),
  /** Stripe Connect: the organizer's connected account (`acct_…`); null, Stripe payments go to the platform's account. */
  stripeAccount: text('stripe_account'),
  /** The most a box office member refunds in one cancellation (minor units); null: none set, so they refund nothing. */
  boxOfficeRefundLimit: integer('box_office_refund_limit'),
  /** The organizer's conditions printed on every PDF ticket, per language (a missing language: the shop's default language's, else none). */
  ticketConditions: text('ticket_conditions', { mode: 'json' }).$type<Partial<Record<(typeof locales)[number], string>>>().notNull().default({}),
});

/** Organizer API tokens, stored as SHA-256 hashes so a database leak does not leak access. */
export const shopTokens = sqliteTable(
  'shop_tokens',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    tokenHash: text('token_hash').notNull(),
    label: text('label').notNull(),
    /** What the token may do (contract/permissions.ts); tokens made before roles are owners. */
    role: text('role', { enum: staffRoles }).notNull().default('owner'),
    /** The staff member or token that created it (its id); null for a shop's first token. */
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
    /** The reseller a reseller-role token sells for (resellers.id); null for every other role. */
    resellerId: text('reseller_id'),
  },
  (t) => [uniqueIndex('shop_tokens_hash_uq').on(t.tokenHash), index('shop_tokens_shop_idx').on(t.shopId)],
);

export const venues = sqliteTable(
  'venues',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('venues_shop_idx').on(t.shopId)],
);

/** A seating plan belongs to a venue; geometryHash changes whenever seats change and serves as ETag. */
/** A labelled shape on a seating plan that is not seats: the stage, the ice, the field. */
export interface PlanLandmark {
  label: string;
  /** Top left corner, width and height, in plan units. */
  x: number;
  y: number;
  width: number;
  height: number;
  shape: 'rect' | 'ellipse';
}

export const seatingPlans = sqliteTable(
  'seating_plans',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    venueId: text('venue_id').notNull().references(() => venues.id),
    name: text('name').notNull(),
    width: real('width').notNull(),
    height: real('height').notNull(),
    seatCount: integer('seat_count').notNull(),
    geometryHash: text('geometry_hash').notNull(),
    /** What the seats face (stage, ice, field), drawn on the seat map; in plan units. */
    landmarks: text('landmarks', { mode: 'json' }).$type<PlanLandmark[]>().notNull().default([]),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('seating_plans_venue_idx').on(t.venueId)],
);

/** Price zones (categories) of a plan; tariffs of an event give each zone its prices. */
export const priceZones = sqliteTable(
  'price_zones',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id').notNull().references(() => seatingPlans.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('price_zones_plan_code_uq').on(t.planId, t.code)],
);

export const sections = sqliteTable(
  'sections',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id').notNull().references(() => seatingPlans.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('sections_plan_code_uq').on(t.planId, t.code)],
);

/** Seat flags, a bit set: see contract/seat-flags.ts. */
export const seats = sqliteTable(
  'seats',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id').notNull().references(() => seatingPlans.id),
    sectionId: text('section_id').notNull().references(() => sections.id),
    zoneId: text('zone_id').notNull().references(() => priceZones.id),
    row: text('row').notNull(),
    number: text('number').notNull(),
    x: real('x').notNull(),
    y: real('y').notNull(),
    flags: integer('flags').notNull().default(0),
  },
  (t) => [uniqueIndex('seats_plan_place_uq').on(t.planId, t.sectionId, t.row, t.number), index('seats_plan_idx').on(t.planId)],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    venueId: text('venue_id').notNull().references(() => venues.id),
    title: text('title').notNull(),
    subtitle: text('subtitle').notNull().default(''),
    description: text('description').notNull().default(''),
    imageUrl: text('image_url'),
    /** Title, subtitle and description in the shop's other languages (the columns above are its default language's). */
    translations: text('translations', { mode: 'json' }).$type<EventTranslations>().notNull().default({}),
    status: text('status', { enum: eventStatuses }).notNull().default('draft'),
    createdAt: integer('created_at').notNull(),
    // The message buyers get before each performance: on/off, the organizer's text per language, when.
    preEventMessageEnabled: integer('pre_event_message_enabled', { mode: 'boolean' }).notNull().default(true),
    preEventMessageText: text('pre_event_message_text', { mode: 'json' }).$type<LocalizedText>().notNull().default({}),
    preEventDaysBefore: integer('pre_event_days_before').notNull().default(1),
    preEventSendHour: integer('pre_event_send_hour').notNull().default(10),
    // Online exchange by the buyer (worker/src/domain/exchange.ts): until `exchangeDeadlineHours`
    // before the performance, for `exchangeFee` per ticket; a cheaper seat is refunded only if allowed.
    exchangeEnabled: integer('exchange_enabled', { mode: 'boolean' }).notNull().default(false),
    exchangeDeadlineHours: integer('exchange_deadline_hours').notNull().default(24),
    exchangeFee: integer('exchange_fee').notNull().default(0),
    exchangeRefundsDifference: integer('exchange_refunds_difference', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('events_shop_idx').on(t.shopId)],
);

/**
 * A date of an event. Seated when planId is set, general admission when capacity is set
 * (a CHECK keeps exactly one of the two). inventoryVersion grows with every change of its
 * holds or sales, so availability polls can be answered with 304.
 */
export const performances = sqliteTable(
  'performances',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    eventId: text('event_id').notNull().references(() => events.id),
    startsAt: integer('starts_at').notNull(),
    doorsAt: integer('doors_at'),
    planId: text('plan_id').references(() => seatingPlans.id),
    capacity: integer('capacity'),
    salesStartAt: integer('sales_start_at'),
    salesEndAt: integer('sales_end_at'),
    status: text('status', { enum: performanceStatuses }).notNull().default('scheduled'),
    inventoryVersion: integer('inventory_version').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    /** Off until the organizer turns it on: then a sold-out performance takes a waiting list (services/waiting-list.ts). */
    waitingListEnabled: integer('waiting_list_enabled', { mode: 'boolean' }).notNull().default(false),
    /** How long a waiting buyer's offer holds the seats that came back. */
    waitingListOfferHours: integer('waiting_list_offer_hours').notNull().default(24),
  },
  (t) => [
    index('performances_event_idx').on(t.eventId, t.startsAt),
    index('performances_shop_idx').on(t.shopId),
    // The pre-event job looks for performances starting in the next days, across shops.
    index('performances_starts_idx').on(t.startsAt),
    check('performances_seated_or_ga', sql`(${t.planId} IS NULL) <> (${t.capacity} IS NULL)`),
    check('performances_capacity_positive', sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
  ],
);

/** A price for a zone (seated) or for the whole house (general admission, zoneId null). */
export const tariffs = sqliteTable(
  'tariffs',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull().references(() => shops.id),
    eventId: text('event_id').notNull().references(() => events.id),
    zoneId: text('zone_id').references(() => priceZones.id),
    name: text('name').notNull(),
    price: integer('price').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Offered only to holds with a promo code that unlocks it (promo_codes.unlock_tariff_ids). */
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('tariffs_event_idx').on(t.eventId), check('tariffs_price_not_negative', sql`${t.price} >= 0`)],
);
