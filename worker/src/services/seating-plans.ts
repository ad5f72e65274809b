import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { events, performances, priceZones, seatingPlans, seats, sections } from '../../../db/schema/catalog.js';
import { sha256Hex } from '../crypto.js';
import { chunkRows, type Storage } from '../db.js';
import { newId } from '../domain/ids.js';
import { bitsToFlags, flagsToBits, type EditableSeatFlag } from '../../../contract/seat-flags.js';
import { parseSeatingPlanCsv } from '../../../contract/seating-plan-csv.js';
import { ApiError } from '../errors.js';
import type { SeatingPlanCsvImport, SeatingPlanImport } from '../../../contract/organizer.js';
import type { ImportedPlan, PlanSeatsView, SeatFlagsResult } from '../../../contract/responses/organizer/catalog.js';
import { getPlanGeometry } from './catalog.js';

/**
 * Imports a seating plan in one batch: the plan, its zones, sections and seats appear
 * together or not at all. Seats get consecutive ids in plan order, which keeps the
 * availability ranges short.
 */
export async function importSeatingPlan(storage: Storage, shopId: string, venueId: string, plan: SeatingPlanImport, now: number): Promise<ImportedPlan> {
  const { db, maxParams } = storage;
  const zoneCodes = new Set<string>();
  for (const zone of plan.zones) {
    if (zoneCodes.has(zone.code)) throw new ApiError(400, 'invalid_plan', `Zone code "${zone.code}" appears twice.`);
    zoneCodes.add(zone.code);
  }
  const planId = newId('pln');
  const zoneIds = new Map(plan.zones.map((z) => [z.code, newId('zon')]));
  const sectionRows: (typeof sections.$inferInsert)[] = [];
  const seatRows: (typeof seats.$inferInsert)[] = [];
  const places = new Set<string>();
  plan.sections.forEach((section, sectionOrder) => {
    const sectionId = newId('sec');
    if (sectionRows.some((s) => s.code === section.code)) throw new ApiError(400, 'invalid_plan', `Section code "${section.code}" appears twice.`);
    sectionRows.push({ id: sectionId, planId, code: section.code, name: section.name, sortOrder: sectionOrder });
    for (const row of section.rows) {
      for (const seat of row.seats) {
        const zoneId = zoneIds.get(seat.zone);
        if (!zoneId) throw new ApiError(400, 'invalid_plan', `Seat ${section.code} ${row.label}-${seat.number} names unknown zone "${seat.zone}".`);
        const place = `${section.code}\u0000${row.label}\u0000${seat.number}`;
        if (places.has(place)) throw new ApiError(400, 'invalid_plan', `Seat ${section.code} ${row.label}-${seat.number} appears twice.`);
        places.add(place);
        seatRows.push({ planId, sectionId, zoneId, row: row.label, number: seat.number, x: seat.x, y: seat.y, flags: flagsToBits(seat.flags) });
      }
    }
  });
  const geometryHash = (await sha256Hex(JSON.stringify(plan))).slice(0, 32);
  const statements: BatchItem<'sqlite'>[] = [
    db.insert(seatingPlans).values({ id: planId, shopId, venueId, name: plan.name, width: plan.width, height: plan.height, seatCount: seatRows.length, geometryHash, landmarks: plan.landmarks, createdAt: now }),
    ...chunkRows(
      plan.zones.map((z, i) => ({ id: zoneIds.get(z.code)!, planId, code: z.code, name: z.name, color: z.color, sortOrder: i })),
      6,
      maxParams,
    ).map((chunk) => db.insert(priceZones).values(chunk)),
    ...chunkRows(sectionRows, 5, maxParams).map((chunk) => db.insert(sections).values(chunk)),
    ...chunkRows(seatRows, 8, maxParams).map((chunk) => db.insert(seats).values(chunk)),
  ];
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return { id: planId, name: plan.name, seatCount: seatRows.length, zones: plan.zones.map((z) => ({ id: zoneIds.get(z.code)!, code: z.code, name: z.name, color: z.color })) };
}

/**
 * Sets and clears flags on seats of a plan in one batch: every performance on the plan sees
 * them (best available skips wheelchair spaces and companion seats, the map marks them). The
 * plan's geometry hash changes with them, so seat maps holding the plan by ETag load it again.
 * Seats of a plan are never deleted, so checking that they are the plan's before the batch
 * cannot race with anything.
 */
export async function setSeatFlags(storage: Storage, planId: string, body: { seatIds: number[]; add: EditableSeatFlag[]; remove: EditableSeatFlag[] }): Promise<SeatFlagsResult> {
  const { db, maxParams } = storage;
  const seatIds = [...new Set(body.seatIds)];
  const chunks = chunkRows(seatIds, 1, maxParams - 10);
  const found = await Promise.all(chunks.map((chunk) => db.select({ id: seats.id }).from(seats).where(and(eq(seats.planId, planId), inArray(seats.id, chunk)))));
  const known = new Set(found.flat().map((s) => s.id));
  const unknown = seatIds.filter((id) => !known.has(id));
  if (unknown.length) throw new ApiError(400, 'unknown_seat', `${unknown.length === 1 ? 'A seat is' : `${unknown.length} seats are`} not in this plan.`, { seatIds: unknown });
  const set = flagsToBits(body.add);
  const keep = ~flagsToBits(body.remove) & 0xff;
  const geometryHash = (await sha256Hex(`${planId}:${newId('geo')}`)).slice(0, 32);
  const results = await db.batch([
    db.update(seatingPlans).set({ geometryHash }).where(eq(seatingPlans.id, planId)),
    ...chunks.map((chunk) =>
      db
        .update(seats)
        .set({ flags: sql`(${seats.flags} | ${set}) & ${keep}` })
        .where(and(eq(seats.planId, planId), inArray(seats.id, chunk)))
        .returning({ id: seats.id, flags: seats.flags }),
    ),
  ]);
  const changed = (results.slice(1) as { id: number; flags: number }[][]).flat().sort((a, b) => a.id - b.id);
  return { planId, seats: changed.map((s) => ({ id: s.id, flags: bitsToFlags(s.flags) })) };
}

/** A plan's seats as the seat map takes them, with every performance on the plan (for the console). */
export async function planSeatsView(db: Storage['db'], shopId: string, planId: string): Promise<PlanSeatsView> {
  const { etag: _etag, ...geometry } = await getPlanGeometry(db, shopId, planId);
  const [plan] = await db.select({ venueId: seatingPlans.venueId }).from(seatingPlans).where(eq(seatingPlans.id, planId));
  const dates = await db
    .select({ id: performances.id, eventId: performances.eventId, eventTitle: events.title, startsAt: performances.startsAt, status: performances.status })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .where(eq(performances.planId, planId))
    .orderBy(asc(performances.startsAt));
  return { ...geometry, venueId: plan!.venueId, performances: dates.map((d) => ({ ...d, startsAt: new Date(d.startsAt).toISOString() })) };
}

/** Reads a plan from CSV (the parser the console previews with) or answers every problem by line and column. */
export function planFromCsv(body: SeatingPlanCsvImport): SeatingPlanImport {
  const { csv, ...options } = body;
  const result = parseSeatingPlanCsv(csv, options);
  if (!result.ok) {
    const first = result.problems[0]!;
    const more = result.total > 1 ? ` (and ${result.total - 1} more problem${result.total > 2 ? 's' : ''})` : '';
    throw new ApiError(400, 'invalid_plan_csv', `${first.message}${more}`, { problems: result.problems, total: result.total });
  }
  return result.plan;
}
