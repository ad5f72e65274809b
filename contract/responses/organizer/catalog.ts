import * as v from 'valibot';
import { eventStatuses, locales, performanceStatuses } from '../../vocabulary.js';
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

export const EventRow = v.object({ id: v.string(), title: v.string(), status: v.picklist(eventStatuses), venueId: v.string() });
export const EventListView = v.object({ events: v.array(EventRow) });

/** An event with all its settings, as its organizer edits it. */
export const EventAdminView = v.object({
  id: v.string(),
  shopId: v.string(),
  venueId: v.string(),
  title: v.string(),
  subtitle: v.string(),
  description: v.string(),
  imageUrl: v.nullable(v.string()),
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

export const EventDetailView = v.object({ ...EventAdminView.entries, performances: v.array(PerformanceAdminView), tariffs: v.array(TariffAdminView) });

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
