import { eq, sql } from 'drizzle-orm';
import { seats, sections } from '../../../db/schema/catalog.js';
import type { SeatPlace } from '../../../db/schema/orders.js';
import { perShape } from '../bound-statements.js';
import type { Db } from '../db.js';

/** Prepared once per database (every order view reads it); the ids travel as one JSON text, so no count of parameters limits them. */
const placesQuery = perShape((db) =>
  db
    .select({ id: seats.id, section: sections.name, row: seats.row, number: seats.number })
    .from(seats)
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .where(sql`${seats.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)
    .prepare(),
);

/**
 * The section, row and number of these seats, read from their plan. Tickets keep only the
 * seat's id and an English label, so whatever shows a sold seat to a reader joins the plan
 * here and writes the seat in the reader's language; old tickets need nothing new stored.
 */
export async function seatPlaces(db: Db, seatIds: readonly (number | null)[]): Promise<Map<number, SeatPlace>> {
  const ids = [...new Set(seatIds.filter((id): id is number => id !== null))];
  const places = new Map<number, SeatPlace>();
  if (ids.length === 0) return places;
  for (const { id, ...place } of await placesQuery(db).all({ ids: JSON.stringify(ids) })) places.set(id, place);
  return places;
}

/** The seats a hold's items name, by seat id (the items carry their parts: no read). */
export function placesOfItems(items: readonly { seatId: number | null; seat?: SeatPlace | null | undefined }[]): Map<number, SeatPlace> {
  return new Map(items.flatMap((item) => (item.seatId !== null && item.seat ? [[item.seatId, item.seat] as const] : [])));
}
