import { peopleWaiting } from './waiting-list-statements.js';
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { events, performances, priceZones, seatingPlans, seats, sections, tariffs, venues } from '../../../db/schema/catalog.js';
import { gaClaims, gaInventory, seatClaims } from '../../../db/schema/inventory.js';
import { resellerQuotaSeats } from '../../../db/schema/resellers.js';
import { compiledCache, perShape, statementRows } from '../bound-statements.js';
import type { Db } from '../db.js';
import { salesClosedReason } from '../domain/sales-window.js';
import { eventTextsIn } from '../domain/event-texts.js';
import type { locales } from '../../../contract/vocabulary.js';
import { encodeSeatRanges } from '../../../contract/seat-ranges.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { cachedCatalogRead } from './catalog-cache.js';
import { qualified } from '../sql-columns.js';
import type { AvailabilityState, EventInfo, PerformanceDetail, PlanGeometry, PlanGeometryRuns } from '../../../contract/responses/catalog.js';
import { encodePlanRuns } from '../../../contract/plan-runs.js';

type Locale = (typeof locales)[number];

export type PerformanceRow = typeof performances.$inferSelect;
export type EventRow = typeof events.$inferSelect;

/** The catalogue reads behind the cache, prepared once per database: when the cache's few seconds end, every hold request in flight misses at once. */
const performanceWithEventQuery = perShape((db) =>
  db
    .select({ performance: performances, event: events })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .where(and(eq(performances.id, sql.placeholder('performanceId')), eq(performances.shopId, sql.placeholder('shopId'))))
    .prepare(),
);
const activeTariffsQuery = perShape((db) =>
  db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.eventId, sql.placeholder('eventId')), eq(tariffs.active, true)))
    .orderBy(asc(tariffs.sortOrder), asc(tariffs.price))
    .prepare(),
);

/**
 * A performance of this shop with its event. Catalogue rows: they may come from the few
 * seconds of catalog-cache.ts (hold requests read them thousands of times a second in a
 * flash sale); nothing that decides a sale is read here.
 */
export async function loadPerformance(db: Db, shopId: string, performanceId: string) {
  const row = await cachedCatalogRead(
    db,
    `performance:${shopId}:${performanceId}`,
    async () => (await performanceWithEventQuery(db).all({ performanceId, shopId }))[0],
    (found) => found && { performance: { ...found.performance }, event: { ...found.event } },
  );
  if (!row) throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in this shop.');
  return row;
}

/**
 * The active tariffs of an event, in catalogue order. Also catalogue rows that may come from
 * catalog-cache.ts: a hold shows the price it was taken at, but checkout prices the order
 * from the database, so a buyer never pays a cached price.
 */
export async function loadEventTariffs(db: Db, eventId: string) {
  return cachedCatalogRead(
    db,
    `tariffs:${eventId}`,
    () => activeTariffsQuery(db).all({ eventId }),
    (rows) => rows.map((t) => ({ ...t })),
  );
}

function performanceSummary(performance: PerformanceRow, event: EventRow, now: number) {
  const closed = salesClosedReason(
    { eventStatus: event.status, performanceStatus: performance.status, startsAt: performance.startsAt, salesStartAt: performance.salesStartAt, salesEndAt: performance.salesEndAt },
    now,
  );
  return {
    id: performance.id,
    eventId: performance.eventId,
    startsAt: new Date(performance.startsAt).toISOString(),
    doorsAt: performance.doorsAt === null ? null : new Date(performance.doorsAt).toISOString(),
    seating: performance.planId ? ('seated' as const) : ('general_admission' as const),
    planId: performance.planId,
    capacity: performance.capacity,
    status: performance.status,
    onSale: closed === null,
    salesClosedReason: closed,
    waitingList: performance.waitingListEnabled,
  };
}

function eventSummary(event: EventRow, locale: Locale | undefined) {
  return {
    id: event.id,
    ...eventTextsIn(event, locale),
    imageUrl: event.imageUrl,
    venueId: event.venueId,
  };
}

/** Published events with their performances that have not started yet. */
export async function listPublishedEvents(db: Db, shopId: string, now: number, locale?: Locale): Promise<EventInfo[]> {
  const rows = await db
    .select({ event: events, venue: venues })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(eq(events.shopId, shopId), eq(events.status, 'published')))
    .orderBy(asc(events.createdAt));
  if (rows.length === 0) return [];
  const dates = await db
    .select()
    .from(performances)
    .where(and(inArray(performances.eventId, rows.map((r) => r.event.id)), gte(performances.startsAt, now)))
    .orderBy(asc(performances.startsAt));
  return rows.map(({ event, venue }) => ({
    ...eventSummary(event, locale),
    venue: { id: venue.id, name: venue.name, address: venue.address },
    performances: dates.filter((p) => p.eventId === event.id).map((p) => performanceSummary(p, event, now)),
  }));
}

export async function getPublishedEvent(db: Db, shopId: string, eventId: string, now: number, locale?: Locale): Promise<EventInfo> {
  const [row] = await db
    .select({ event: events, venue: venues })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(eq(events.id, eventId), eq(events.shopId, shopId), eq(events.status, 'published')));
  if (!row) throw new ApiError(404, 'event_not_found', 'There is no published event with this id in this shop.');
  const dates = await db
    .select()
    .from(performances)
    .where(and(eq(performances.eventId, eventId), gte(performances.startsAt, now)))
    .orderBy(asc(performances.startsAt));
  return {
    ...eventSummary(row.event, locale),
    venue: { id: row.venue.id, name: row.venue.name, address: row.venue.address },
    performances: dates.map((p) => performanceSummary(p, row.event, now)),
  };
}

/** What a buyer needs to choose seats: the performance, its zones and its public tariffs. */
export async function getPerformanceView(db: Db, shop: Shop, performanceId: string, now: number, locale?: Locale): Promise<Omit<PerformanceDetail, 'paymentMethods'>> {
  const { performance, event } = await loadPerformance(db, shop.id, performanceId);
  if (event.status !== 'published') throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in this shop.');
  const zones = performance.planId
    ? await db.select().from(priceZones).where(eq(priceZones.planId, performance.planId)).orderBy(asc(priceZones.sortOrder))
    : [];
  const eventTariffs = await loadEventTariffs(db, event.id);
  return {
    ...performanceSummary(performance, event, now),
    event: eventSummary(event, locale),
    currency: shop.currency,
    maxTicketsPerOrder: shop.maxTicketsPerOrder,
    zones: zones.map((z) => ({ id: z.id, code: z.code, name: z.name, color: z.color })),
    tariffs: eventTariffs
      // Hidden tariffs appear only in a hold whose promo code unlocks them (the hold's unlockedTariffs).
      .filter((t) => !t.hidden && (performance.planId ? t.zoneId !== null : t.zoneId === null))
      .map((t) => ({ id: t.id, zoneId: t.zoneId, name: t.name, price: t.price })),
  };
}

/**
 * Plan geometry in columns (one array per attribute): 20,000 seats cost about 700 KB of
 * JSON, 110 KB with Brotli, and parse far faster than 20,000 objects.
 */
export async function getPlanGeometry(db: Db, shopId: string, planId: string): Promise<PlanGeometry & { etag: string }> {
  const { geometry, geometryHash } = await readPlanGeometry(db, shopId, planId);
  return { ...geometry, etag: `"${geometryHash}"` };
}

/**
 * The same geometry with its seats in runs (contract/plan-runs.ts), the widget's: about a sixth
 * of the bytes. Encoded once per version of the geometry, like the columns it comes from
 * (20,160 seats take about 20 ms); its own ETag, so caches never mix the two encodings.
 */
export async function getPlanGeometryRuns(db: Db, shopId: string, planId: string): Promise<PlanGeometryRuns & { etag: string }> {
  const { geometry, geometryHash } = await readPlanGeometry(db, shopId, planId);
  const { seats: columns, ...rest } = geometry;
  let seats = runsByColumns.get(columns);
  if (!seats) {
    seats = encodePlanRuns(columns, geometry.plan);
    runsByColumns.set(columns, seats);
  }
  return { ...rest, encoding: 'runs', seats, etag: `"${geometryHash}-runs"` };
}

/** Keyed by the cached columns: the runs live exactly as long as the columns they encode. */
const runsByColumns = new WeakMap<PlanGeometry['seats'], PlanGeometryRuns['seats']>();

async function readPlanGeometry(db: Db, shopId: string, planId: string): Promise<{ geometry: PlanGeometry; geometryHash: string }> {
  const [plan] = await db
    .select()
    .from(seatingPlans)
    .where(and(eq(seatingPlans.id, planId), eq(seatingPlans.shopId, shopId)));
  if (!plan) throw new ApiError(404, 'plan_not_found', 'There is no seating plan with this id in this shop.');
  return {
    geometryHash: plan.geometryHash,
    geometry: {
      plan: { id: plan.id, name: plan.name, width: plan.width, height: plan.height, seatCount: plan.seatCount },
      landmarks: plan.landmarks,
      ...(await planColumns(db, planId, plan.geometryHash)),
    },
  };
}

type PlanColumns = Pick<PlanGeometry, 'zones' | 'sections' | 'seats'>;

/**
 * A plan's zones, sections and seats, read once per version of its geometry. Reading an
 * arena's 20,160 seat rows takes about half a second; they only change with the plan's
 * geometry hash (seat flags give it a new one; seats, sections and zones are never edited in
 * place), so the hash names the content and a process keeps the last few plans it served.
 * Every caller shares these arrays: they are read, never changed.
 */
const planColumnsByVersion = new Map<string, Promise<PlanColumns>>();
const PLANS_KEPT = 8;

function planColumns(db: Db, planId: string, geometryHash: string): Promise<PlanColumns> {
  const key = `${planId}:${geometryHash}`;
  let columns = planColumnsByVersion.get(key);
  if (columns) {
    planColumnsByVersion.delete(key);
    planColumnsByVersion.set(key, columns);
    return columns;
  }
  columns = readPlanColumns(db, planId);
  planColumnsByVersion.set(key, columns);
  columns.catch(() => planColumnsByVersion.delete(key));
  if (planColumnsByVersion.size > PLANS_KEPT) planColumnsByVersion.delete(planColumnsByVersion.keys().next().value!);
  return columns;
}

async function readPlanColumns(db: Db, planId: string): Promise<PlanColumns> {
  const [zoneRows, sectionRows, seatRows] = await Promise.all([
    db.select().from(priceZones).where(eq(priceZones.planId, planId)).orderBy(asc(priceZones.sortOrder)),
    db.select().from(sections).where(eq(sections.planId, planId)).orderBy(asc(sections.sortOrder)),
    db
      .select({ id: seats.id, sectionId: seats.sectionId, zoneId: seats.zoneId, row: seats.row, number: seats.number, x: seats.x, y: seats.y, flags: seats.flags })
      .from(seats)
      .where(eq(seats.planId, planId))
      .orderBy(asc(seats.id)),
  ]);
  const sectionIndex = new Map(sectionRows.map((s, i) => [s.id, i]));
  const zoneIndex = new Map(zoneRows.map((z, i) => [z.id, i]));
  return {
    zones: zoneRows.map((z) => ({ id: z.id, code: z.code, name: z.name, color: z.color })),
    sections: sectionRows.map((s) => ({ id: s.id, code: s.code, name: s.name })),
    seats: {
      id: seatRows.map((s) => s.id),
      section: seatRows.map((s) => sectionIndex.get(s.sectionId)!),
      zone: seatRows.map((s) => zoneIndex.get(s.zoneId)!),
      row: seatRows.map((s) => s.row),
      number: seatRows.map((s) => s.number),
      x: seatRows.map((s) => s.x),
      y: seatRows.map((s) => s.y),
      flags: seatRows.map((s) => s.flags),
    },
  };
}

/**
 * The cheap part of an availability poll: changes with every write (inventoryVersion) and
 * with every hold that lapses (the count of lapsed claims only grows until the next write).
 */
export async function availabilityVersion(db: Db, shopId: string, performanceId: string, now: number): Promise<string> {
  const [row] = await db
    .select({
      version: performances.inventoryVersion,
      // Columns named with their tables: drizzle writes bare names inside sql``, and a bare "id"
      // in the subquery would be ga_claims.id (the lapsed GA holds were never counted).
      lapsedSeats: sql<number>`(SELECT count(*) FROM ${seatClaims} WHERE ${qualified(seatClaims.performanceId)} = ${qualified(performances.id)} AND ${qualified(seatClaims.state)} = 'held' AND ${qualified(seatClaims.expiresAt)} <= ${now})`,
      lapsedGa: sql<number>`(SELECT count(*) FROM ${gaClaims} WHERE ${qualified(gaClaims.performanceId)} = ${qualified(performances.id)} AND ${qualified(gaClaims.state)} = 'held' AND ${qualified(gaClaims.expiresAt)} <= ${now})`,
    })
    .from(performances)
    .where(and(eq(performances.id, performanceId), eq(performances.shopId, shopId)));
  if (!row) throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in this shop.');
  return `${row.version}.${Number(row.lapsedSeats) + Number(row.lapsedGa)}`;
}

/** Who holds what right now: seat ids as ranges for a seated performance, a count for GA. */
/**
 * A performance's claimed seats as the public sees them: one row of three texts, the ids of its
 * held, sold and blocked seats, comma-separated (a snapshot of a full arena is one row to
 * decode, not 20,000; one pass over the claims, no sort). Held seats count while their hold
 * lasts. Compiled once per database: every change of a watched performance reads it.
 */
const claimedSeatsQuery = compiledCache((db) => {
  const idsIn = (state: SQL) => sql`group_concat(CASE WHEN ${seatClaims.state} = ${state} THEN ${seatClaims.seatId} END)`;
  return db
    .select({ held: idsIn(sql`'held'`), sold: idsIn(sql`'sold'`), blocked: idsIn(sql`'blocked'`) })
    .from(seatClaims)
    .where(and(eq(seatClaims.performanceId, sql.placeholder('performanceId')), sql`(${seatClaims.state} <> 'held' OR ${seatClaims.expiresAt} > ${sql.placeholder('now')})`));
});

/** A group_concat of seat ids back to numbers (NULL: none). */
const seatIdsOf = (text: unknown): number[] => (typeof text === 'string' && text !== '' ? text.split(',').map(Number) : []);

const quotaSeatsQuery = compiledCache((db) =>
  db.select({ seatId: resellerQuotaSeats.seatId }).from(resellerQuotaSeats).where(eq(resellerQuotaSeats.performanceId, sql.placeholder('performanceId'))),
);

export async function getAvailability(db: Db, performance: PerformanceRow, now: number): Promise<AvailabilityState> {
  if (performance.planId === null) {
    const [inventory] = await db.select().from(gaInventory).where(eq(gaInventory.performanceId, performance.id));
    const [lapsed] = await db
      .select({ quantity: sql<number>`coalesce(sum(${gaClaims.quantity}), 0)` })
      .from(gaClaims)
      .where(and(eq(gaClaims.performanceId, performance.id), eq(gaClaims.state, 'held'), lte(gaClaims.expiresAt, now)));
    const capacity = inventory?.capacity ?? performance.capacity ?? 0;
    const taken = (inventory?.taken ?? 0) - Number(lapsed?.quantity ?? 0);
    // Places that come back while people wait are theirs: none for the public.
    const remaining = (await peopleWaiting(db, performance.id)) ? 0 : Math.max(0, capacity - taken);
    return { seating: 'general_admission' as const, capacity, remaining };
  }
  const [claims] = await statementRows(db, claimedSeatsQuery(db)({ performanceId: performance.id, now }));
  const held = seatIdsOf(claims?.[0]);
  const sold = seatIdsOf(claims?.[1]);
  const blocked = seatIdsOf(claims?.[2]);
  let claimedSeats: Set<number> | undefined;
  const claimed = () => (claimedSeats ??= new Set([...held, ...sold, ...blocked]));
  // Seats set aside for resellers are not for the public: shown like blocked ones while free.
  for (const row of await statementRows(db, quotaSeatsQuery(db)({ performanceId: performance.id }))) {
    const seatId = Number(row[0]);
    if (!claimed().has(seatId)) blocked.push(seatId);
  }
  // Seats that come back while people wait are kept for them: shown as held, like a cart's.
  if (await peopleWaiting(db, performance.id)) {
    const setAside = new Set(blocked);
    for (const { id } of await db.select({ id: seats.id }).from(seats).where(eq(seats.planId, performance.planId))) {
      if (!claimed().has(id) && !setAside.has(id)) held.push(id);
    }
  }
  return { seating: 'seated' as const, held: encodeSeatRanges(held), sold: encodeSeatRanges(sold), blocked: encodeSeatRanges(blocked) };
}
