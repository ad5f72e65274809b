import * as v from 'valibot';
import { eventStatuses, messageStatuses, orderStatuses, performanceStatuses, refundMethods, saleChannels, staffRoles, weekdays } from './vocabulary.js';
import { isIBANValid } from 'swissqrbill/utils';
import { editableSeatFlags, seatFlagNames } from './seat-flags.js';
import { Color, Currency, Email, Locale, Money, Name, OrderNumber, RecordId, SeatId, Text, Timestamp } from './common.js';
import { StripeAccountId } from './payments.js';

/** The most days before a performance a message may go out; the job looks this far ahead. */
export const MAX_PRE_EVENT_DAYS = 14;

const Origin = v.pipe(v.string(), v.regex(/^(\*|https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?)$/i, 'must be an origin such as https://theatre.example or http://localhost:*'));
const TimeZone = v.pipe(
  v.string(),
  v.check((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Zurich'),
);

const Int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
/** Limits of the Swiss QR-bill address fields (payment standards, "structured address"). */
const BillText = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max));

/** Who is paid by invoice. A Swiss or Liechtenstein IBAN or QR-IBAN gives the invoice a QR-bill. */
export const InvoiceCreditor = v.object({
  name: BillText(70),
  address: BillText(70),
  buildingNumber: v.optional(BillText(16)),
  zip: BillText(16),
  city: BillText(35),
  country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as CH')),
  account: v.pipe(
    v.string(),
    v.transform((iban) => iban.replace(/\s+/g, '').toUpperCase()),
    v.check((iban) => isIBANValid(iban), 'must be a valid IBAN or QR-IBAN such as CH44 3199 9123 0008 8901 2'),
  ),
});

export const ShopSettings = v.object({
  name: v.optional(Name()),
  locales: v.optional(v.pipe(v.array(Locale), v.minLength(1), v.maxLength(4))),
  defaultLocale: v.optional(Locale),
  timeZone: v.optional(TimeZone),
  allowedOrigins: v.optional(v.pipe(v.array(Origin), v.maxLength(50))),
  holdMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(60))),
  holdMaxMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(120))),
  maxTicketsPerOrder: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
  serviceFeePerTicket: v.optional(Money),
  /** Pay by invoice; enabling it needs invoiceCreditor. */
  invoiceEnabled: v.optional(v.boolean()),
  /** D: days from the order to the first reminder, and between reminders. */
  invoiceReminderIntervalDays: v.optional(Int(1, 90)),
  /** N: reminders before the automatic cancellation on day (N + 1)·D. */
  invoiceReminderCount: v.optional(Int(0, 10)),
  /** Invoice is offered only when the performance is at least this many days away. */
  invoiceCutoffDays: v.optional(Int(0, 365)),
  /** Local hour (shop time zone) at which reminders and cancellations happen. */
  invoiceSendHour: v.optional(Int(0, 23)),
  invoiceCreditor: v.optional(v.nullable(InvoiceCreditor)),
  senderEmail: v.optional(v.nullable(Email)),
  senderName: v.optional(v.nullable(Name(70))),
  /** Where notices about the shop itself go (a webhook endpoint disabled after 3 days of failures); null: senderEmail. */
  contactEmail: v.optional(v.nullable(Email)),
  /** The shop's page with the widget, linked from e-mails with ?order=…&secret=…: an http(s) URL, or a path on this deployment (`/order.html`, after PUBLIC_URL). */
  orderPageUrl: v.optional(
    v.nullable(
      v.union(
        [v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//), v.maxLength(500)), v.pipe(v.string(), v.regex(/^\/(?!\/)\S*$/), v.maxLength(500))],
        'must be an http(s) URL or a path starting with /',
      ),
    ),
  ),
  /**
   * Stripe Connect: the organizer's connected account (`acct_…`). Card and wallet payments are
   * then charged on it with the platform's commission as the application fee; null, they go to
   * the platform's own Stripe account (a self-hosted organizer).
   */
  stripeAccount: v.optional(v.nullable(StripeAccountId)),
  /** The shop's colour for its e-mails (header and buttons), #rrggbb; null: a neutral dark. */
  brandColor: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb')))),
  /** Cancellation insurance offered at checkout; enabling it needs insurerName and insurerContact. */
  insuranceEnabled: v.optional(v.boolean()),
  /** Premium per ticket in basis points of its price (600 = 6 %). */
  insuranceRateBasisPoints: v.optional(Int(0, 5000)),
  insuranceMinimumPremium: v.optional(Money),
  insurerName: v.optional(v.nullable(Name(200))),
  insurerTermsUrl: v.optional(v.nullable(v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'must be an http(s) URL'), v.maxLength(500)))),
  /** How an insured buyer reaches the insurer: e-mail, phone or web address. */
  insurerContact: v.optional(v.nullable(Name(200))),
  /** Gift vouchers sold in the shop: fixed amounts and/or a free amount between min and max. */
  voucherSaleEnabled: v.optional(v.boolean()),
  voucherAmounts: v.optional(v.pipe(v.array(v.pipe(Money, v.minValue(1))), v.maxLength(10))),
  voucherMinAmount: v.optional(v.nullable(v.pipe(Money, v.minValue(1)))),
  voucherMaxAmount: v.optional(v.nullable(v.pipe(Money, v.minValue(1)))),
  voucherValidityDays: v.optional(Int(1, 3660)),
  /** The platform's commission per ticket: a fixed part and basis points of the price. */
  commissionPerTicket: v.optional(Money),
  commissionBasisPoints: v.optional(Int(0, 10_000)),
  /**
   * The most a box office member may refund in one cancellation, in minor units (owner only).
   * null: no limit set, and then the box office may cancel only without refunding money
   * (refund method none, or an amount of 0); owners and managers are never limited.
   */
  boxOfficeRefundLimit: v.optional(v.nullable(Money)),
  /**
   * The organizer's conditions printed on every PDF ticket (entry, re-entry, resale, recording…),
   * per language; a language left out prints the shop's default language's text. Replaces the whole map.
   */
  ticketConditions: v.optional(v.record(Locale, Text(1000))),
});

export const CreateShopInput = v.object({
  name: Name(),
  currency: Currency,
  locales: v.pipe(v.array(Locale), v.minLength(1)),
  defaultLocale: Locale,
  timeZone: TimeZone,
  testMode: v.boolean(),
  allowedOrigins: v.array(Origin),
});

export type CreateShopRequest = v.InferInput<typeof CreateShopInput>;
/** A new shop as the service receives it (`CreateShopInput` is the schema's name: the shop:create CLI validates with it). */
export type NewShopInput = v.InferOutput<typeof CreateShopInput>;

/** A token acts with its role like a staff member (contract/permissions.ts); without one, owner. */
/** A token with a role; a reseller's token names its reseller (`resellerId`), and only it does. */
export const CreateTokenBody = v.pipe(
  v.object({ label: Name(80), role: v.optional(v.picklist(staffRoles), 'owner'), resellerId: v.optional(RecordId) }),
  v.check((body) => (body.role === 'reseller') === (body.resellerId !== undefined), 'a reseller token needs resellerId, and only a reseller token takes one'),
);
export const TokenParams = v.object({ tokenId: RecordId });

export const VenueBody = v.object({ name: Name(), address: v.optional(Text(500), '') });
export const VenuePatch = v.partial(VenueBody);
export const IdParams = v.object({ id: RecordId });

const Coordinate = v.pipe(v.number(), v.finite(), v.minValue(-1_000_000), v.maxValue(1_000_000));
const Code = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40));

const PlanLandmarks = v.optional(
  v.pipe(
    v.array(
      v.object({
        label: Name(40),
        x: Coordinate,
        y: Coordinate,
        width: v.pipe(Coordinate, v.minValue(1)),
        height: v.pipe(Coordinate, v.minValue(1)),
        shape: v.optional(v.picklist(['rect', 'ellipse']), 'rect'),
      }),
    ),
    v.maxLength(20),
  ),
  [],
);
const PlanZone = v.object({ code: Code, name: Name(80), color: Color });

/** The seating-plan import format (see README "Seating plans"). */
export const SeatingPlanImport = v.pipe(
  v.object({
    name: Name(),
    width: v.pipe(v.number(), v.finite(), v.minValue(1)),
    height: v.pipe(v.number(), v.finite(), v.minValue(1)),
    zones: v.pipe(
      v.array(PlanZone),
      v.minLength(1, 'a plan needs at least one price zone'),
      v.maxLength(50),
    ),
    sections: v.pipe(
      v.array(
        v.object({
          code: Code,
          name: Name(80),
          rows: v.array(
            v.object({
              label: Code,
              seats: v.array(
                v.object({
                  number: Code,
                  x: Coordinate,
                  y: Coordinate,
                  zone: Code,
                  flags: v.optional(v.array(v.picklist(seatFlagNames)), []),
                }),
              ),
            }),
          ),
        }),
      ),
      v.minLength(1),
    ),
    /** What the seats face (stage, ice, field): labelled shapes drawn under the seats, in plan units. */
    landmarks: PlanLandmarks,
  }),
  v.check((plan) => plan.sections.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.seats.length, 0), 0) <= 200_000, 'a plan has at most 200,000 seats'),
  v.check((plan) => plan.sections.some((s) => s.rows.some((r) => r.seats.length > 0)), 'a plan needs at least one seat'),
);
export type SeatingPlanImport = v.InferOutput<typeof SeatingPlanImport>;

/**
 * A plan as CSV (one seat per line: section, row, seat, x, y, zone; see
 * contract/seating-plan-csv.ts) with what a spreadsheet does not hold: the plan's name, the
 * zones' names and colours, its size and landmarks. JSON, so that it passes the same body
 * checks as every other request; the CSV text is a string in it.
 */
export const SeatingPlanCsvImport = v.object({
  name: Name(),
  csv: v.pipe(v.string(), v.minLength(1, 'the CSV is empty'), v.maxLength(30_000_000)),
  zones: v.optional(v.pipe(v.array(PlanZone), v.maxLength(50)), []),
  width: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1))),
  height: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1))),
  landmarks: PlanLandmarks,
});
export type SeatingPlanCsvImport = v.InferOutput<typeof SeatingPlanCsvImport>;

/** Seat flags to set and clear on chosen seats of a plan (for every performance on it), in one batch. */
export const SeatFlagsBody = v.pipe(
  v.object({
    seatIds: v.pipe(v.array(SeatId), v.minLength(1), v.maxLength(5000)),
    add: v.optional(v.array(v.picklist(editableSeatFlags)), []),
    remove: v.optional(v.array(v.picklist(editableSeatFlags)), []),
  }),
  v.check((b) => b.add.length + b.remove.length > 0, 'give flags to add or to remove'),
  v.check((b) => !b.add.some((flag) => b.remove.includes(flag)), 'a flag cannot be added and removed at once'),
);

/** An event's texts in another language than the shop's default; empty or left out: the default language's. */
export const EventTextsBody = v.object({ title: v.optional(Text(200)), subtitle: v.optional(Text(200)), description: v.optional(Text(10_000)) });

export const EventBody = v.object({
  venueId: RecordId,
  /** Title, subtitle and description are in the shop's default language… */
  title: Name(),
  subtitle: v.optional(Text(200), ''),
  description: v.optional(Text(10_000), ''),
  /** …and here in its other languages, e.g. {"de": {"title": "Der Kirschgarten"}}; buyers see them with ?lang=. */
  translations: v.optional(v.record(Locale, EventTextsBody)),
  imageUrl: v.optional(v.nullable(v.pipe(v.string(), v.url(), v.maxLength(2000))), null),
  status: v.optional(v.picklist(eventStatuses), 'draft'),
  /** The message buyers get before each performance (default: on, the day before at 10:00). */
  preEventMessageEnabled: v.optional(v.boolean()),
  /** The organizer's own words in it, per language, e.g. {"fr": "Parking gratuit derrière la salle."}. */
  preEventMessageText: v.optional(v.record(Locale, Text(2000))),
  preEventDaysBefore: v.optional(Int(0, MAX_PRE_EVENT_DAYS)),
  preEventSendHour: v.optional(Int(0, 23)),
  /** Buyers may exchange tickets for another performance online, until deadline hours before it, for a fee per ticket. */
  exchangeEnabled: v.optional(v.boolean()),
  exchangeDeadlineHours: v.optional(Int(0, 24 * 60)),
  exchangeFee: v.optional(Money),
  /** A cheaper new seat refunds the difference (otherwise it is kept). */
  exchangeRefundsDifference: v.optional(v.boolean()),
});
export const EventPatch = v.partial(v.omit(EventBody, ['venueId']));

export const PerformanceBody = v.pipe(
  v.object({
    startsAt: Timestamp,
    doorsAt: v.optional(v.nullable(Timestamp), null),
    planId: v.optional(v.nullable(RecordId), null),
    capacity: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))), null),
    salesStartAt: v.optional(v.nullable(Timestamp), null),
    salesEndAt: v.optional(v.nullable(Timestamp), null),
  }),
  v.check((p) => (p.planId === null) !== (p.capacity === null), 'give either planId (seated) or capacity (general admission)'),
);
export const PerformancePatch = v.object({
  startsAt: v.optional(Timestamp),
  capacity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
  doorsAt: v.optional(v.nullable(Timestamp)),
  salesStartAt: v.optional(v.nullable(Timestamp)),
  salesEndAt: v.optional(v.nullable(Timestamp)),
  status: v.optional(v.picklist(performanceStatuses)),
});

/** A calendar date in the shop's time zone, YYYY-MM-DD. */
export const LocalDateText = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  v.check((text) => {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'must be a date of the calendar'),
);
/** A wall-clock time in the shop's time zone, HH:MM on 24 hours. */
export const LocalTimeText = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM (24 hours)'));
const distinct = <T>(list: readonly T[]) => new Set(list).size === list.length;
const StartTimes = v.pipe(
  v.array(LocalTimeText),
  v.minLength(1, 'give at least one start time'),
  v.maxLength(8, 'give at most 8 start times a day'),
  v.check(distinct, 'each start time only once'),
);

/** The most performances one series creates (all in one batch). */
export const MAX_SERIES_PERFORMANCES = 400;
/** The longest a series runs, first to last date. */
export const MAX_SERIES_DAYS = 731;

const daysFrom = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/**
 * Many performances at once: every chosen weekday between two dates, at one or more local
 * times (per weekday if wanted), all seated on one plan or all general admission. Dates and
 * times are the shop's (its time zone); dryRun answers the dates without creating them.
 */
export const PerformanceSeriesBody = v.pipe(
  v.object({
    firstDate: LocalDateText,
    /** The last day (included); or weeks. */
    lastDate: v.optional(LocalDateText),
    /** How many weeks from firstDate (1 week: firstDate and the 6 days after it). */
    weeks: v.optional(Int(1, 104)),
    weekdays: v.pipe(v.array(v.picklist(weekdays)), v.minLength(1, 'choose at least one day of the week'), v.check(distinct, 'each day of the week only once')),
    /** Start times on every chosen day… */
    times: StartTimes,
    /** …except the days of the week given here with their own times (e.g. {"sun": ["15:00"]}). */
    timesByWeekday: v.optional(v.record(v.picklist(weekdays), StartTimes), {}),
    /** Days left out (holidays, technical days). */
    exceptDates: v.optional(v.pipe(v.array(LocalDateText), v.maxLength(366)), []),
    doorsOpenMinutesBefore: v.optional(v.nullable(Int(0, 24 * 60)), null),
    planId: v.optional(v.nullable(RecordId), null),
    capacity: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))), null),
    /** When sales open, for every date; null: as soon as the event is published. */
    salesStartAt: v.optional(v.nullable(Timestamp), null),
    /** Sales close this many minutes before each start; null: at the start. */
    salesEndMinutesBefore: v.optional(v.nullable(Int(0, 90 * 24 * 60)), null),
    /** Only answer the dates that would be created. */
    dryRun: v.optional(v.boolean(), false),
  }),
  v.forward(
    v.check((s) => (s.lastDate === undefined) !== (s.weeks === undefined), 'give either lastDate or weeks'),
    ['lastDate'],
  ),
  v.forward(
    v.check((s) => s.lastDate === undefined || s.lastDate >= s.firstDate, 'must not be before firstDate'),
    ['lastDate'],
  ),
  v.forward(
    v.check((s) => s.lastDate === undefined || daysFrom(s.firstDate, s.lastDate) < MAX_SERIES_DAYS, `a series runs at most ${MAX_SERIES_DAYS} days`),
    ['lastDate'],
  ),
  v.forward(
    v.check((s) => (s.planId === null) !== (s.capacity === null), 'give either planId (seated) or capacity (general admission)'),
    ['capacity'],
  ),
);
export type PerformanceSeriesInput = v.InferOutput<typeof PerformanceSeriesBody>;
export type PerformanceSeriesRequest = v.InferInput<typeof PerformanceSeriesBody>;

export const TariffBody = v.object({
  zoneId: v.optional(v.nullable(RecordId), null),
  name: Name(80),
  price: Money,
  sortOrder: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)), 0),
  /** Offered only to buyers whose promo code unlocks it (e.g. a members' price). */
  hidden: v.optional(v.boolean(), false),
});
export const TariffPatch = v.object({
  name: v.optional(Name(80)),
  price: v.optional(Money),
  sortOrder: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000))),
  active: v.optional(v.boolean()),
  hidden: v.optional(v.boolean()),
});

export const SeatBlockBody = v.object({
  seatIds: v.pipe(v.array(SeatId), v.minLength(1), v.maxLength(1000)),
});

const QueryInt = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d{1,16}$/, 'must be a whole number'), v.transform(Number), v.minValue(min), v.maxValue(max));

/**
 * The box office's search. `q` is taken, first that finds an order: an order number (K3F9-7QXM),
 * a ticket number (T7QX-M2K9-4HDA, the order that holds it), a whole e-mail address (any case),
 * else part of the buyer's name or e-mail.
 */
export const OrderSearchQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  status: v.optional(v.picklist(orderStatuses)),
  performanceId: v.optional(RecordId),
  /** Where the orders were sold: online, at the box office, by a reseller, or imported. */
  channel: v.optional(v.picklist(saleChannels)),
  limit: v.optional(QueryInt(1, 200), '50'),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,16}\.ord_[a-z0-9]{4,40}$/, 'must be the nextCursor of a previous page'))),
});

/** The orders to export as CSV: the search's filters (no paging: every match), and optionally one event's orders. */
export const OrderExportQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  status: v.optional(v.picklist(orderStatuses)),
  performanceId: v.optional(RecordId),
  channel: v.optional(v.picklist(saleChannels)),
  /** Only the orders of this event's performances: with its questions' answers, the event's attendee list. */
  eventId: v.optional(RecordId),
});

export const OrderNumberParams = v.object({ number: OrderNumber });

/** The e-mails of an order staff can send to its buyer again. */
export const resendableKinds = ['order_confirmation', 'invoice'] as const;
export type ResendableKind = (typeof resendableKinds)[number];
/** Send an order's confirmation (its valid tickets) or its invoice (while unpaid) to the buyer again. */
export const ResendOrderMessageBody = v.object({ kind: v.picklist(resendableKinds) });

/** A payment received for an invoice, recorded by the organizer (bank transfer for now). */
export const InvoicePaymentBody = v.object({
  /** `cash`: paid at the desk; it goes through the staff member's till of the day. */
  method: v.picklist(['bank_transfer', 'cash']),
  /** In minor units; must equal the order's total. */
  amount: Money,
  reference: v.optional(Text(140)),
});

export type InvoicePaymentInput = v.InferOutput<typeof InvoicePaymentBody>;
export type InvoicePaymentRequest = v.InferInput<typeof InvoicePaymentBody>;

/** Cancelling a whole order: the reason is kept for accounting; the buyer is told unless notifyBuyer is false. */
export const CancelOrderBody = v.object({
  reason: Name(500),
  refundMethod: v.optional(v.picklist(refundMethods), 'none'),
  messageToBuyer: v.optional(Text(1000)),
  notifyBuyer: v.optional(v.boolean(), true),
});

export type CancelOrderInput = v.InferOutput<typeof CancelOrderBody>;
export type CancelOrderRequest = v.InferInput<typeof CancelOrderBody>;

export const MessageQuery = v.object({ status: v.optional(v.picklist(messageStatuses)) });
export const MessageParams = v.object({ id: v.pipe(v.string(), v.regex(/^msg_[a-z0-9]{4,40}$/, 'must be a message id such as msg_4k9q2m7xh3pa')) });

/** The door's requests live in door.ts. */
export { CheckinBody } from './door.js';

export { Email };
