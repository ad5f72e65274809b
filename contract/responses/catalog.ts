import * as v from 'valibot';
import { performanceStatuses } from '../vocabulary.js';
import { WalletsOffered } from '../wallet.js';
import { Count, Currency, IsoTime, Locale, PriceZone, PublicTariff, SalesClosedReason, Seating } from './shared.js';

/** What the storefront reads first: the shop's name, languages, currency and rules. */
export const ShopInfo = v.object({
  id: v.string(),
  name: v.string(),
  currency: Currency,
  locales: v.array(Locale),
  defaultLocale: Locale,
  timeZone: v.pipe(v.string(), v.description('IANA zone in which dates are shown, e.g. Europe/Zurich.')),
  testMode: v.boolean(),
  paymentMethods: v.pipe(v.array(v.string()), v.description('What a buyer can pay with (\'free\', \'stripe\', \'simulated_card\', \'invoice\').')),
  holdMinutes: Count,
  maxTicketsPerOrder: Count,
  wallets: v.pipe(WalletsOffered, v.description('Whether the order page offers "Add to Apple Wallet" and "Add to Google Wallet" for its tickets.')),
});

/** The key that verifies the signatures of ticket QR codes (offline check-in). */
export const ShopPublicKey = v.object({ shopId: v.string(), algorithm: v.literal('Ed25519'), publicKey: v.string(), format: v.literal('raw, base64url') });

export const PerformanceSummary = v.object({
  id: v.string(),
  eventId: v.string(),
  startsAt: IsoTime,
  doorsAt: v.nullable(IsoTime),
  seating: Seating,
  planId: v.nullable(v.string()),
  capacity: v.nullable(Count),
  status: v.picklist(performanceStatuses),
  onSale: v.boolean(),
  salesClosedReason: v.nullable(SalesClosedReason),
  /** The organizer's waiting list is on for this date: once it is sold out, buyers may join it (joinWaitingList). */
  waitingList: v.boolean(),
});

export const EventSummary = v.object({
  id: v.string(),
  title: v.string(),
  subtitle: v.string(),
  description: v.string(),
  imageUrl: v.nullable(v.string()),
  venueId: v.string(),
});

export const VenueRef = v.object({ id: v.string(), name: v.string(), address: v.string() });

/** A published event with its venue and the performances that have not started yet. */
export const EventInfo = v.object({ ...EventSummary.entries, venue: VenueRef, performances: v.array(PerformanceSummary) });
export const EventList = v.object({ events: v.array(EventInfo) });

/** What a buyer needs to choose seats: the performance, its zones and its public tariffs. */
export const PerformanceDetail = v.object({
  ...PerformanceSummary.entries,
  event: EventSummary,
  currency: Currency,
  maxTicketsPerOrder: Count,
  zones: v.array(PriceZone),
  tariffs: v.array(PublicTariff),
  paymentMethods: v.pipe(v.array(v.string()), v.description('What a buyer can pay this date with now; invoice only while the date is far enough away.')),
});

/** A labelled shape of a plan that is not seats (stage, ice, field): x and y are its top left corner. */
export const PlanLandmark = v.object({ label: v.string(), x: v.number(), y: v.number(), width: v.number(), height: v.number(), shape: v.picklist(['rect', 'ellipse']) });

/** Seat-map geometry in columns: seat i is (seats.id[i], seats.x[i], …); section and zone are indexes. */
export const PlanGeometry = v.object({
  plan: v.object({ id: v.string(), name: v.string(), width: v.number(), height: v.number(), seatCount: Count }),
  landmarks: v.array(PlanLandmark),
  zones: v.array(PriceZone),
  sections: v.array(v.object({ id: v.string(), code: v.string(), name: v.string() })),
  seats: v.object({
    id: v.array(v.number()),
    section: v.array(Count),
    zone: v.array(Count),
    row: v.array(v.string()),
    number: v.array(v.string()),
    x: v.array(v.number()),
    y: v.array(v.number()),
    flags: v.pipe(v.array(Count), v.description('Bit set: wheelchair 1, companion 2, restricted view 4, not for sale 8.')),
  }),
});

/**
 * The same geometry with its seats in runs (`GET …/plans/:planId/runs`, contract/plan-runs.ts decodes
 * them into the columns above): a fraction of the bytes for plans whose rows are numbered 1, 2, 3….
 */
export const PlanGeometryRuns = v.object({
  ...v.omit(PlanGeometry, ['seats']).entries,
  encoding: v.literal('runs'),
  seats: v.object({
    count: Count,
    scale: v.pipe(v.number(), v.integer(), v.minValue(1), v.description('Coordinates are whole numbers of 1/scale plan units.')),
    rows: v.pipe(v.array(v.string()), v.description('The row labels; a run names its row by index.')),
    runs: v.pipe(
      v.array(v.union([v.pipe(v.number(), v.integer()), v.string()])),
      v.description(
        'Seven values per run of seats with consecutive ids and one section, zone, row and flags: the gap between its first id and the end of the previous run, ' +
          'its seat count, section index, zone index, row index, first seat number (an integer, counted up along the run, or the number as written for a run of one) and flags.',
      ),
    ),
    x: v.pipe(
      v.array(v.pipe(v.number(), v.integer())),
      v.description('One value per seat: for a run\'s first seat the change from the previous run\'s first seat, then the step to its second seat, then how each step differs from the one before.'),
    ),
    y: v.pipe(v.array(v.pipe(v.number(), v.integer())), v.description('As x.')),
  }),
});

const AvailabilityBase = {
  performanceId: v.string(),
  version: v.string(),
  at: IsoTime,
  pollAfterMs: v.pipe(Count, v.description('Wait this long before polling again (longer while many watch this performance).')),
  stream: v.optional(v.pipe(v.literal(true), v.description('This server pushes changes: subscribe to …/availability/stream instead of polling.'))),
};
/** Seat-id ranges such as "3-7,12" per state; a seat in none of them is free. */
export const SeatedAvailability = v.object({ ...AvailabilityBase, seating: v.literal('seated'), held: v.string(), sold: v.string(), blocked: v.string() });
export const GeneralAdmissionAvailability = v.object({ ...AvailabilityBase, seating: v.literal('general_admission'), capacity: Count, remaining: Count });
export const Availability = v.variant('seating', [SeatedAvailability, GeneralAdmissionAvailability]);

/**
 * A `change` event of …/availability/stream: what changed since the subscriber's version
 * (`from`, the previous event's id). Seated: the seats whose state changed, as ranges under
 * their new state (`free`: no longer held, sold or blocked). General admission: the counts.
 */
const ChangeBase = { performanceId: v.string(), version: v.string(), from: v.string() };
export const AvailabilityChange = v.variant('seating', [
  v.object({ ...ChangeBase, seating: v.literal('seated'), held: v.string(), sold: v.string(), blocked: v.string(), free: v.string() }),
  v.object({ ...ChangeBase, seating: v.literal('general_admission'), capacity: Count, remaining: Count }),
]);

/** The availability of a performance without its envelope, as the catalogue service computes it. */
export const AvailabilityState = v.variant('seating', [
  v.object({ seating: v.literal('seated'), held: v.string(), sold: v.string(), blocked: v.string() }),
  v.object({ seating: v.literal('general_admission'), capacity: Count, remaining: Count }),
]);

export const Health = v.object({ ok: v.literal(true) });

export type ShopInfo = v.InferOutput<typeof ShopInfo>;
export type PerformanceSummary = v.InferOutput<typeof PerformanceSummary>;
export type EventSummary = v.InferOutput<typeof EventSummary>;
export type EventInfo = v.InferOutput<typeof EventInfo>;
export type PerformanceDetail = v.InferOutput<typeof PerformanceDetail>;
export type PlanLandmark = v.InferOutput<typeof PlanLandmark>;
export type PlanGeometry = v.InferOutput<typeof PlanGeometry>;
export type PlanGeometryRuns = v.InferOutput<typeof PlanGeometryRuns>;
export type SeatedAvailability = v.InferOutput<typeof SeatedAvailability>;
export type GeneralAdmissionAvailability = v.InferOutput<typeof GeneralAdmissionAvailability>;
export type Availability = v.InferOutput<typeof Availability>;
export type AvailabilityState = v.InferOutput<typeof AvailabilityState>;
export type AvailabilityChange = v.InferOutput<typeof AvailabilityChange>;
