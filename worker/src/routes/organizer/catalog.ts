import { and, asc, count, eq, gt, inArray, lte, min, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { Hono } from 'hono';
import { events, performances, priceZones, seatingPlans, seats, tariffs, venues } from '../../../../db/schema/catalog.js';
import { batchGuard, gaInventory, seatClaims } from '../../../../db/schema/inventory.js';
import { passProducts, promoCodes } from '../../../../db/schema/codes.js';
import { tickets } from '../../../../db/schema/orders.js';
import { chunkRows, type Db, isCheckViolation, isForeignKeyViolation, isGuardFailure } from '../../db.js';
import { newId } from '../../domain/ids.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import type { CodeWithStatus } from '../../../../contract/errors.js';
import {
  EventBody,
  EventPatch,
  IdParams,
  PerformanceBody,
  PerformancePatch,
  PerformanceSeriesBody,
  SeatBlockBody,
  SeatFlagsBody,
  SeatingPlanCsvImport,
  SeatingPlanImport,
  TariffBody,
  TariffPatch,
  VenueBody,
  VenuePatch,
} from '../../../../contract/organizer.js';
import type { EventAdminView, PerformanceAdminView, TariffAdminView } from '../../../../contract/responses/organizer/catalog.js';
import { reclaimLapsedGa } from '../../services/holds.js';
import { getAvailability } from '../../services/catalog.js';
import { createSeries, planSeries, seriesDateView } from '../../services/performance-series.js';
import { importSeatingPlan, planFromCsv, planSeatsView, setSeatFlags } from '../../services/seating-plans.js';
import { validate } from '../../validation.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const eventView = (e: typeof events.$inferSelect): EventAdminView => ({ ...e, createdAt: new Date(e.createdAt).toISOString() });

/** Loads a row of the token's shop or answers 404: another shop's ids simply do not exist here. */
async function owned<T extends { shopId: string }>(rows: Promise<T[]>, shopId: string, what: string, code: CodeWithStatus<404>): Promise<T> {
  const [row] = await rows;
  if (!row || row.shopId !== shopId) throw new ApiError(404, code, `There is no ${what} with this id in your shop.`);
  return row;
}

const venueOf = (db: Db, id: string, shopId: string) => owned(db.select().from(venues).where(eq(venues.id, id)), shopId, 'venue', 'venue_not_found');
const eventOf = (db: Db, id: string, shopId: string) => owned(db.select().from(events).where(eq(events.id, id)), shopId, 'event', 'event_not_found');
const performanceOf = (db: Db, id: string, shopId: string) =>
  owned(db.select().from(performances).where(eq(performances.id, id)), shopId, 'performance', 'performance_not_found');

/** A seating plan of the shop in the event's venue (a performance is held where its event is). */
async function planOfVenue(db: Db, planId: string, event: typeof events.$inferSelect) {
  const plan = await owned(db.select().from(seatingPlans).where(eq(seatingPlans.id, planId)), event.shopId, 'seating plan', 'plan_not_found');
  if (plan.venueId !== event.venueId) throw new ApiError(400, 'plan_not_in_venue', "This seating plan belongs to another venue than the event's.");
  return plan;
}

function performanceView(p: typeof performances.$inferSelect): PerformanceAdminView {
  return {
    id: p.id,
    eventId: p.eventId,
    startsAt: iso(p.startsAt)!,
    doorsAt: iso(p.doorsAt),
    planId: p.planId,
    capacity: p.capacity,
    salesStartAt: iso(p.salesStartAt),
    salesEndAt: iso(p.salesEndAt),
    status: p.status,
  };
}

const tariffView = (t: typeof tariffs.$inferSelect): TariffAdminView => ({ id: t.id, eventId: t.eventId, zoneId: t.zoneId, name: t.name, price: t.price, sortOrder: t.sortOrder, active: t.active, hidden: t.hidden });

/** Catalogue management: venues and their seating plans, events, performances, tariffs, seat blocks. */
export const organizerCatalogRoutes = new Hono<AppEnv>()
  .get('/venues', async (c) => {
    const rows = await c.get('deps').storage.db.select().from(venues).where(eq(venues.shopId, c.get('orgShopId'))).orderBy(asc(venues.createdAt));
    const plans = await c.get('deps').storage.db.select().from(seatingPlans).where(eq(seatingPlans.shopId, c.get('orgShopId')));
    return c.json(
      {
        venues: rows.map((v) => ({
          id: v.id,
          name: v.name,
          address: v.address,
          plans: plans.filter((p) => p.venueId === v.id).map((p) => ({ id: p.id, name: p.name, seatCount: p.seatCount })),
        })),
      },
      200,
    );
  })
  .post('/venues', validate('json', VenueBody), async (c) => {
    const { storage, now } = c.get('deps');
    const [venue] = await storage.db
      .insert(venues)
      .values({ id: newId('ven'), shopId: c.get('orgShopId'), ...c.req.valid('json'), createdAt: now() })
      .returning();
    return c.json({ id: venue!.id, name: venue!.name, address: venue!.address }, 201);
  })
  .patch('/venues/:id', validate('param', IdParams), validate('json', VenuePatch), async (c) => {
    const db = c.get('deps').storage.db;
    const venue = await venueOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const patch = c.req.valid('json');
    const [updated] = Object.keys(patch).length ? await db.update(venues).set(patch).where(eq(venues.id, venue.id)).returning() : [venue];
    return c.json({ id: updated!.id, name: updated!.name, address: updated!.address }, 200);
  })
  .post('/venues/:id/plans', validate('param', IdParams), validate('json', SeatingPlanImport), async (c) => {
    const { storage, now } = c.get('deps');
    const venue = await venueOf(storage.db, c.req.valid('param').id, c.get('orgShopId'));
    return c.json(await importSeatingPlan(storage, venue.shopId, venue.id, c.req.valid('json'), now()), 201);
  })
  .post('/venues/:id/plans/csv', validate('param', IdParams), validate('json', SeatingPlanCsvImport), async (c) => {
    const { storage, now } = c.get('deps');
    const venue = await venueOf(storage.db, c.req.valid('param').id, c.get('orgShopId'));
    return c.json(await importSeatingPlan(storage, venue.shopId, venue.id, planFromCsv(c.req.valid('json')), now()), 201);
  })
  .get('/plans/:id/seats', validate('param', IdParams), async (c) => {
    return c.json(await planSeatsView(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').id), 200);
  })
  .post('/plans/:id/seat-flags', validate('param', IdParams), validate('json', SeatFlagsBody), async (c) => {
    const storage = c.get('deps').storage;
    const plan = await owned(storage.db.select().from(seatingPlans).where(eq(seatingPlans.id, c.req.valid('param').id)), c.get('orgShopId'), 'seating plan', 'plan_not_found');
    return c.json(await setSeatFlags(storage, plan.id, c.req.valid('json')), 200);
  })
  .get('/plans/:id', validate('param', IdParams), async (c) => {
    const db = c.get('deps').storage.db;
    const plan = await owned(db.select().from(seatingPlans).where(eq(seatingPlans.id, c.req.valid('param').id)), c.get('orgShopId'), 'seating plan', 'plan_not_found');
    const zones = await db.select().from(priceZones).where(eq(priceZones.planId, plan.id)).orderBy(asc(priceZones.sortOrder));
    return c.json(
      {
        id: plan.id,
        venueId: plan.venueId,
        name: plan.name,
        seatCount: plan.seatCount,
        zones: zones.map((z) => ({ id: z.id, code: z.code, name: z.name, color: z.color })),
      },
      200,
    );
  })
  .get('/events', async (c) => {
    const db = c.get('deps').storage.db;
    const shopId = c.get('orgShopId');
    const [rows, upcoming] = await Promise.all([
      db.select().from(events).where(eq(events.shopId, shopId)).orderBy(asc(events.createdAt)),
      db
        .select({ eventId: performances.eventId, next: min(performances.startsAt), count: count() })
        .from(performances)
        .where(and(eq(performances.shopId, shopId), eq(performances.status, 'scheduled'), gt(performances.startsAt, c.get('deps').now())))
        .groupBy(performances.eventId),
    ]);
    const byEvent = new Map(upcoming.map((u) => [u.eventId, u]));
    return c.json(
      {
        events: rows.map((e) => ({
          id: e.id,
          title: e.title,
          status: e.status,
          venueId: e.venueId,
          nextPerformanceAt: iso(byEvent.get(e.id)?.next ?? null),
          upcomingPerformances: byEvent.get(e.id)?.count ?? 0,
        })),
      },
      200,
    );
  })
  .post('/events', validate('json', EventBody), async (c) => {
    const { storage, now } = c.get('deps');
    const body = c.req.valid('json');
    await venueOf(storage.db, body.venueId, c.get('orgShopId'));
    const [event] = await storage.db
      .insert(events)
      .values({ id: newId('evt'), shopId: c.get('orgShopId'), ...body, createdAt: now() })
      .returning();
    return c.json(eventView(event!), 201);
  })
  .get('/events/:id', validate('param', IdParams), async (c) => {
    const db = c.get('deps').storage.db;
    const event = await eventOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const [dates, prices, sales] = await Promise.all([
      db.select().from(performances).where(eq(performances.eventId, event.id)).orderBy(asc(performances.startsAt)),
      db.select().from(tariffs).where(eq(tariffs.eventId, event.id)).orderBy(asc(tariffs.sortOrder), asc(tariffs.createdAt)),
      db
        .select({ performanceId: tickets.performanceId, sold: count() })
        .from(tickets)
        .innerJoin(performances, eq(performances.id, tickets.performanceId))
        .where(and(eq(performances.eventId, event.id), eq(tickets.status, 'valid')))
        .groupBy(tickets.performanceId),
    ]);
    const sold = new Map(sales.map((s) => [s.performanceId, s.sold]));
    return c.json({ ...eventView(event), performances: dates.map((p) => ({ ...performanceView(p), sold: sold.get(p.id) ?? 0 })), tariffs: prices.map(tariffView) }, 200);
  })
  .patch('/events/:id', validate('param', IdParams), validate('json', EventPatch), async (c) => {
    const db = c.get('deps').storage.db;
    const event = await eventOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const patch = c.req.valid('json');
    const [updated] = Object.keys(patch).length ? await db.update(events).set(patch).where(eq(events.id, event.id)).returning() : [event];
    return c.json(eventView(updated!), 200);
  })
  .post('/events/:id/performances', validate('param', IdParams), validate('json', PerformanceBody), async (c) => {
    const { storage, now } = c.get('deps');
    const db = storage.db;
    const event = await eventOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const body = c.req.valid('json');
    if (body.planId) await planOfVenue(db, body.planId, event);
    const id = newId('prf');
    const insert = db.insert(performances).values({ id, shopId: event.shopId, eventId: event.id, ...body, createdAt: now() }).returning();
    const [[performance]] = body.capacity !== null ? await db.batch([insert, db.insert(gaInventory).values({ performanceId: id, capacity: body.capacity, taken: 0 })]) : [await insert];
    return c.json(performanceView(performance!), 201);
  })
  .post('/events/:id/performances/series', validate('param', IdParams), validate('json', PerformanceSeriesBody), async (c) => {
    const { storage, now } = c.get('deps');
    const db = storage.db;
    const event = await eventOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const body = c.req.valid('json');
    if (body.planId) await planOfVenue(db, body.planId, event);
    const at = now();
    const planned = await planSeries(db, event, body, at);
    if (body.dryRun) {
      return c.json({ dryRun: true as const, timeZone: planned.timeZone, count: planned.dates.filter((d) => !d.existingPerformanceId).length, dates: planned.dates.map(seriesDateView) }, 200);
    }
    const created = await createSeries(db, storage.maxParams, event, body, planned, at);
    const createdStarts = new Set(created.map((p) => p.startsAt));
    return c.json(
      {
        dryRun: false as const,
        timeZone: planned.timeZone,
        count: created.length,
        performances: created.map(performanceView),
        skipped: planned.dates.filter((d) => !createdStarts.has(d.startsAt)).map(seriesDateView),
      },
      201,
    );
  })
  .delete('/performances/:id', validate('param', IdParams), async (c) => {
    const db = c.get('deps').storage.db;
    const performance = await performanceOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const id = performance.id;
    try {
      // Blocked seats and an untouched GA inventory go with it; any hold, order, ticket or code use
      // refers to it and stops the batch (foreign keys), as do codes and passes limited to it (the guard).
      await db.batch([
        db.insert(batchGuard).values({
          name: 'performance_unused',
          ok: sql`NOT EXISTS (SELECT 1 FROM ${promoCodes}, json_each(${promoCodes.performanceIds}) AS ref WHERE ref.value = ${id})
            AND NOT EXISTS (SELECT 1 FROM ${passProducts}, json_each(${passProducts.performanceIds}) AS ref WHERE ref.value = ${id})
            AND NOT EXISTS (SELECT 1 FROM ${seatClaims} WHERE ${seatClaims.performanceId} = ${id} AND ${seatClaims.state} <> 'blocked')`,
        }),
        db.delete(seatClaims).where(and(eq(seatClaims.performanceId, id), eq(seatClaims.state, 'blocked'))),
        db.delete(gaInventory).where(eq(gaInventory.performanceId, id)),
        db.delete(performances).where(eq(performances.id, id)),
      ]);
    } catch (err) {
      if (isGuardFailure(err) || isForeignKeyViolation(err)) {
        throw new ApiError(409, 'performance_in_use', 'Tickets, holds or codes refer to this performance: it cannot be deleted. Cancel it instead.');
      }
      throw err;
    }
    return c.json({ id, deleted: true as const }, 200);
  })
  .patch('/performances/:id', validate('param', IdParams), validate('json', PerformancePatch), async (c) => {
    const db = c.get('deps').storage.db;
    const performance = await performanceOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const { capacity, ...patch } = c.req.valid('json');
    if (capacity !== undefined && performance.capacity === null) throw new ApiError(400, 'not_general_admission', 'Only a general-admission performance has a capacity.');
    try {
      const statements = [
        // Lapsed holds first give their units back, as buyers already see them as free.
        ...(capacity !== undefined ? reclaimLapsedGa(db, performance.id, c.get('deps').now()) : []),
        db
          .update(performances)
          .set({ ...patch, ...(capacity !== undefined ? { capacity } : {}), inventoryVersion: sql`${performances.inventoryVersion} + 1` })
          .where(eq(performances.id, performance.id))
          .returning(),
        ...(capacity !== undefined ? [db.update(gaInventory).set({ capacity }).where(eq(gaInventory.performanceId, performance.id))] : []),
      ];
      const results = await db.batch(statements as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
      const [updated] = results[capacity !== undefined ? 2 : 0] as (typeof performances.$inferSelect)[];
      return c.json(performanceView(updated!), 200);
    } catch (err) {
      if (isCheckViolation(err, 'ga_inventory')) throw new ApiError(409, 'capacity_below_sold', 'The capacity cannot be lower than the tickets already sold or held.');
      throw err;
    }
  })
  .post('/events/:id/tariffs', validate('param', IdParams), validate('json', TariffBody), async (c) => {
    const { storage, now } = c.get('deps');
    const db = storage.db;
    const event = await eventOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const body = c.req.valid('json');
    if (body.zoneId) {
      const [zone] = await db
        .select({ shopId: seatingPlans.shopId })
        .from(priceZones)
        .innerJoin(seatingPlans, eq(seatingPlans.id, priceZones.planId))
        .where(eq(priceZones.id, body.zoneId));
      if (!zone || zone.shopId !== event.shopId) throw new ApiError(404, 'zone_not_found', 'There is no price zone with this id in your shop.');
    }
    const [tariff] = await db
      .insert(tariffs)
      .values({ id: newId('trf'), shopId: event.shopId, eventId: event.id, ...body, createdAt: now() })
      .returning();
    return c.json(tariffView(tariff!), 201);
  })
  .patch('/tariffs/:id', validate('param', IdParams), validate('json', TariffPatch), async (c) => {
    const db = c.get('deps').storage.db;
    const tariff = await owned(db.select().from(tariffs).where(eq(tariffs.id, c.req.valid('param').id)), c.get('orgShopId'), 'tariff', 'tariff_not_found');
    const patch = c.req.valid('json');
    const [updated] = Object.keys(patch).length ? await db.update(tariffs).set(patch).where(eq(tariffs.id, tariff.id)).returning() : [tariff];
    return c.json(tariffView(updated!), 200);
  })
  .delete('/tariffs/:id', validate('param', IdParams), async (c) => {
    const db = c.get('deps').storage.db;
    const tariff = await owned(db.select().from(tariffs).where(eq(tariffs.id, c.req.valid('param').id)), c.get('orgShopId'), 'tariff', 'tariff_not_found');
    try {
      // Tickets and holds refer to it by foreign key; promo codes list it in JSON, checked by the guard.
      await db.batch([
        db.insert(batchGuard).values({
          name: 'tariff_unused',
          ok: sql`NOT EXISTS (SELECT 1 FROM ${promoCodes}, json_each(${promoCodes.tariffIds}) AS ref WHERE ref.value = ${tariff.id})
            AND NOT EXISTS (SELECT 1 FROM ${promoCodes}, json_each(${promoCodes.unlockTariffIds}) AS ref WHERE ref.value = ${tariff.id})`,
        }),
        db.delete(tariffs).where(eq(tariffs.id, tariff.id)),
      ]);
    } catch (err) {
      if (isGuardFailure(err) || isForeignKeyViolation(err)) {
        throw new ApiError(409, 'tariff_in_use', 'Tickets, holds or promo codes use this tariff: it cannot be deleted. Deactivate or hide it instead.');
      }
      throw err;
    }
    return c.json({ id: tariff.id, deleted: true as const }, 200);
  })
  .post('/performances/:id/blocks', validate('param', IdParams), validate('json', SeatBlockBody), async (c) => {
    const db = c.get('deps').storage.db;
    const performance = await performanceOf(db, c.req.valid('param').id, c.get('orgShopId'));
    if (!performance.planId) throw new ApiError(400, 'not_seated', 'Only seats of a seated performance can be blocked.');
    const seatIds = [...new Set(c.req.valid('json').seatIds)];
    const chunks = chunkRows(seatIds, 3, c.get('deps').storage.maxParams - 10);
    const planPlanId = performance.planId;
    const found = await Promise.all(chunks.map((chunk) => db.select({ id: seats.id }).from(seats).where(and(eq(seats.planId, planPlanId), inArray(seats.id, chunk)))));
    if (found.flat().length !== seatIds.length) throw new ApiError(400, 'unknown_seat', "Some seats are not in this performance's plan.");
    // Free or lapsed seats become blocked; seats held or sold right now are left alone and reported.
    const now = c.get('deps').now();
    const results = await db.batch([
      db
        .update(performances)
        .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
        .where(eq(performances.id, performance.id)),
      ...chunks.map((chunk) =>
        db
          .delete(seatClaims)
          .where(and(eq(seatClaims.performanceId, performance.id), inArray(seatClaims.seatId, chunk), eq(seatClaims.state, 'held'), lte(seatClaims.expiresAt, now))),
      ),
      ...chunks.map((chunk) =>
        db
          .insert(seatClaims)
          .values(chunk.map((seatId) => ({ performanceId: performance.id, seatId, state: 'blocked' as const })))
          .onConflictDoNothing()
          .returning({ seatId: seatClaims.seatId }),
      ),
    ]);
    const blocked = (results.slice(1 + chunks.length) as { seatId: number }[][]).flat();
    const done = new Set(blocked.map((b) => b.seatId));
    return c.json({ blocked: [...done], skipped: seatIds.filter((id) => !done.has(id)) }, 200);
  })
  .get('/performances/:id/seating', validate('param', IdParams), async (c) => {
    const { storage, now } = c.get('deps');
    const performance = await performanceOf(storage.db, c.req.valid('param').id, c.get('orgShopId'));
    if (!performance.planId) throw new ApiError(400, 'not_seated', 'This performance is general admission: it has no seats.');
    const at = now();
    const state = await getAvailability(storage.db, performance, at);
    if (state.seating !== 'seated') throw new ApiError(400, 'not_seated', 'This performance is general admission: it has no seats.');
    return c.json({ performanceId: performance.id, planId: performance.planId, at: new Date(at).toISOString(), held: state.held, sold: state.sold, blocked: state.blocked }, 200);
  })
  .post('/performances/:id/unblocks', validate('param', IdParams), validate('json', SeatBlockBody), async (c) => {
    const db = c.get('deps').storage.db;
    const performance = await performanceOf(db, c.req.valid('param').id, c.get('orgShopId'));
    const [freed] = await db.batch([
      db
        .delete(seatClaims)
        .where(and(eq(seatClaims.performanceId, performance.id), eq(seatClaims.state, 'blocked'), inArray(seatClaims.seatId, c.req.valid('json').seatIds)))
        .returning({ seatId: seatClaims.seatId }),
      db
        .update(performances)
        .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
        .where(eq(performances.id, performance.id)),
    ]);
    return c.json({ unblocked: freed.map((f) => f.seatId) }, 200);
  });
