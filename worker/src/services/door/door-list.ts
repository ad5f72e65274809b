import { and, eq, gt, sql } from 'drizzle-orm';
import { events, performances, shops, venues } from '../../../../db/schema/catalog.js';
import { doorVersionCounter } from '../../../../db/schema/door.js';
import { ticketExchanges, tickets } from '../../../../db/schema/orders.js';
import type { DoorList } from '../../../../contract/responses/organizer/door.js';
import type { Db } from '../../db.js';
import { ApiError } from '../../errors.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A performance's tickets for a scanner that decides without network, with the shop's key.
 * With `since` only the tickets whose door_version moved after it (the triggers move it on
 * every issue, cancellation, exchange and admission). The counter and the tickets are read in
 * one batch, so no change falls between the version answered and the tickets listed.
 * A full list when `since` is missing, 0, or ahead of the counter (a device that synced with
 * another database, e.g. before a restore: its list cannot be trusted).
 */
export async function doorList(db: Db, shopId: string, performanceId: string, since: number | undefined): Promise<DoorList> {
  const [performance] = await db
    .select({ id: performances.id, startsAt: performances.startsAt, eventTitle: events.title, venueName: venues.name, publicKey: shops.signingPublicKey })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .innerJoin(shops, eq(shops.id, performances.shopId))
    .where(and(eq(performances.id, performanceId), eq(performances.shopId, shopId)));
  if (!performance) throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in the shop.');

  // A subquery, not a self-join: D1 mixes up result columns of the same name from two tables.
  const replacedBy = sql<string | null>`(SELECT n.number FROM ${ticketExchanges} x JOIN ${tickets} n ON n.id = x.new_ticket_id WHERE x.old_ticket_id = "tickets"."id")`;
  const listed = (after: number) =>
    db
      .select({
        number: tickets.number,
        status: tickets.status,
        tariffName: tickets.tariffName,
        seatLabel: tickets.seatLabel,
        admittedAt: tickets.admittedAt,
        replacedBy,
        externalCode: tickets.externalCode,
      })
      .from(tickets)
      .where(and(eq(tickets.performanceId, performanceId), eq(tickets.shopId, shopId), gt(tickets.doorVersion, after)))
      .orderBy(tickets.number);
  const counter = db.select({ value: sql<number>`coalesce(max(${doorVersionCounter.value}), 0)` }).from(doorVersionCounter);
  const delta = since !== undefined && since > 0;
  let [[current], rows] = await db.batch([counter, listed(delta ? since : -1)]);
  const version = Number(current?.value ?? 0);
  let full = !delta;
  if (delta && since > version) {
    [[current], rows] = await db.batch([counter, listed(-1)]);
    full = true;
  }
  return {
    performance: { id: performance.id, startsAt: new Date(performance.startsAt).toISOString(), eventTitle: performance.eventTitle, venueName: performance.venueName },
    shopId,
    publicKey: performance.publicKey,
    version: Number(current?.value ?? 0),
    full,
    tickets: rows.map((t) => ({ ...t, admittedAt: iso(t.admittedAt) })),
  };
}
