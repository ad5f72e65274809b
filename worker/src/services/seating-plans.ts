import { priceZones, seatingPlans, seats, sections } from '../../../db/schema/catalog.js';
import type { BatchItem } from 'drizzle-orm/batch';
import { sha256Hex } from '../crypto.js';
import { chunkRows, type Storage } from '../db.js';
import { newId } from '../domain/ids.js';
import { flagsToBits } from '../../../contract/seat-flags.js';
import { ApiError } from '../errors.js';
import type { SeatingPlanImport } from '../../../contract/organizer.js';
import type { ImportedPlan } from '../../../contract/responses/organizer/catalog.js';

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
