import * as v from 'valibot';
import { eventStatuses, locales, performanceStatuses, weekdays } from '../../vocabulary.js';
import { seatFlagNames } from '../../seat-flags.js';
import { PlanGeometry } from '../catalog.js';
import { Amount, Count, IsoTime, PriceZone } from '../shared.js';

export const VenueView = v.object({ id: v.string(), name: v.string(), address: v.string() });
export const VenueList = v.object({
  venues: v.array(v.object({ ...VenueView.entries, plans: v.array(v.object({ id: v.string(), name: v.string(), seatCount: Count })) })),
});

/** An imported seating plan: its id, seat count and the price zones to attach tariffs to. */
export const ImportedPlan = v.object({ id: v.string(), name: v.string(), seatCount: Count, zones: v.array(PriceZone) });
export const PlanView = v.object({ id: v.string(), venueId: v.string(), name: v.string(), seatCount: Count, zones: v.array(PriceZone) });

/** A plan's seats as the seat map draws them, with the performances on it (to see and change their seats). */
export const PlanSeatsView = v.object({
  ...PlanGeometry.entries,
  venueId: v.string(),
  performances: v.array(
    v.object({ id: v.string(), eventId: v.string(), eventTitle: v.string(), startsAt: IsoTime, status: v.picklist(performanceStatuses) }),
  ),
});

/** The seats whose flags changed, with all their flags now. */
export const SeatFlagsResult = v.object({
  planId: v.string(),
  seats: v.array(v.object({ id: v.number(), flags: v.array(v.picklist(seatFlagNames)) })),
});

/** Who holds what on a seated performance now (seat-id ranges such as "3-7,12"), drafts included. */
export const PerformanceSeating = v.object({ performanceId: v.string(), planId: v.string(), at: IsoTime, held: v.string(), sold: v.string(), blocked: v.string() });

export const EventRow = v.object({
  id: v.string(),
  title: v.string(),
  status: v.picklist(eventStatuses),
  venueId: v.string(),
  /** The next scheduled performance that has not started; null when none is left. */
  nextPerformanceAt: v.nullable(IsoTime),
  /** Performances not yet started and not cancelled. */
  upcomingPerformances: Count,
});
export const EventListView = v.object({ events: v.array(EventRow) });

const EventTexts = v.object({ title: v.optional(v.string()), subtitle: v.optional(v.string()), description: v.optional(v.string()) });

/** An event with all its settings, as its organizer edits it. */
export const EventAdminView = v.object({
  id: v.string(),
  shopId: v.string(),
  venueId: v.string(),
  title: v.string(),
  subtitle: v.string(),
  description: v.string(),
  imageUrl: v.nullable(v.string()),
  translations: v.pipe(
    v.object(Object.fromEntries(locales.map((l) => [l, v.optional(EventTexts)])) as Record<(typeof locales)[number], v.OptionalSchema<typeof EventTexts, undefined>>),
    v.description('Title, subtitle and description in other languages than the shop\'s default one.'),
  ),
  status: v.picklist(eventStatuses),
  preEventMessageEnabled: v.boolean(),
  preEventMessageText: v.pipe(v.object(Object.fromEntries(locales.map((l) => [l, v.optional(v.string())])) as Record<(typeof locales)[number], v.OptionalSchema<v.StringSchema<undefined>, undefined>>), v.description('Per language; a missing language uses the shop\'s default one.')),
  preEventDaysBefore: Count,
  preEventSendHour: Count,
  exchangeEnabled: v.boolean(),
  exchangeDeadlineHours: Count,
  exchangeFee: Amount,
  exchangeRefundsDifference: v.boolean(),
  createdAt: IsoTime,
});

export const PerformanceAdminView = v.object({
  id: v.string(),
  eventId: v.string(),
  startsAt: IsoTime,
  doorsAt: v.nullable(IsoTime),
  planId: v.nullable(v.string()),
  capacity: v.nullable(Count),
  salesStartAt: v.nullable(IsoTime),
  salesEndAt: v.nullable(IsoTime),
  status: v.picklist(performanceStatuses),
});

export const TariffAdminView = v.object({
  id: v.string(),
  eventId: v.string(),
  zoneId: v.nullable(v.string()),
  name: v.string(),
  price: Amount,
  sortOrder: v.number(),
  active: v.boolean(),
  hidden: v.pipe(v.boolean(), v.description('Offered only with a promo code that unlocks it.')),
});

/** A performance on its event's page: with the tickets sold for it (valid tickets, exchanged or cancelled ones left out). */
export const PerformanceWithSales = v.object({ ...PerformanceAdminView.entries, sold: Count });

export const EventDetailView = v.object({ ...EventAdminView.entries, performances: v.array(PerformanceWithSales), tariffs: v.array(TariffAdminView) });

/** One date of a series, in the shop's calendar and in UTC. */
export const SeriesDate = v.object({
  date: v.pipe(v.string(), v.description('YYYY-MM-DD in the shop\'s time zone.')),
  weekday: v.picklist(weekdays),
  time: v.pipe(v.string(), v.description('HH:MM asked for, in the shop\'s time zone.')),
  startsAt: IsoTime,
  doorsAt: v.nullable(IsoTime),
  salesStartAt: v.nullable(IsoTime),
  salesEndAt: v.nullable(IsoTime),
  existingPerformanceId: v.pipe(v.nullable(v.string()), v.description('A scheduled performance of the event already starts then: this date is not created again.')),
});

/** What a series would create (dryRun). */
export const PerformanceSeriesPreview = v.object({
  dryRun: v.literal(true),
  timeZone: v.string(),
  /** Dates that would be created (those without existingPerformanceId). */
  count: Count,
  dates: v.array(SeriesDate),
});

/** What a series created, in one batch; dates the event already had are skipped. */
export const PerformanceSeriesCreated = v.object({
  dryRun: v.literal(false),
  timeZone: v.string(),
  count: Count,
  performances: v.array(PerformanceAdminView),
  skipped: v.array(SeriesDate),
});

export const DeletedRecord = v.object({ id: v.string(), deleted: v.literal(true) });

/** Seats blocked (never sold) and those skipped because someone holds or bought them. */
export const SeatBlockResult = v.object({ blocked: v.array(v.number()), skipped: v.array(v.number()) });
export const SeatUnblockResult = v.object({ unblocked: v.array(v.number()) });

export type VenueView = v.InferOutput<typeof VenueView>;
export type ImportedPlan = v.InferOutput<typeof ImportedPlan>;
export type PlanSeatsView = v.InferOutput<typeof PlanSeatsView>;
export type SeatFlagsResult = v.InferOutput<typeof SeatFlagsResult>;
export type PerformanceSeating = v.InferOutput<typeof PerformanceSeating>;
export type EventAdminView = v.InferOutput<typeof EventAdminView>;
export type PerformanceAdminView = v.InferOutput<typeof PerformanceAdminView>;
export type TariffAdminView = v.InferOutput<typeof TariffAdminView>;
export type SeriesDate = v.InferOutput<typeof SeriesDate>;
