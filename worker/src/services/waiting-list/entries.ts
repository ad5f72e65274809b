import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { events, performances, shops, venues } from '../../../../db/schema/catalog.js';
import { waitingListEntries } from '../../../../db/schema/waiting-list.js';
import type { WaitingListEntryView, WaitingListView } from '../../../../contract/responses/waiting-list.js';
import type * as v from 'valibot';
import type { Db } from '../../db.js';
import type { WaitingListFacts } from '../../email/messages.js';
import { ApiError } from '../../errors.js';
import { bumpInventoryVersion } from '../hold-statements.js';
import { releaseHoldStatements } from '../holds.js';

export type EntryRow = typeof waitingListEntries.$inferSelect;

/** The line's order: who joined first, and for the same millisecond who was written first. */
export const lineOrder = [asc(waitingListEntries.createdAt), asc(sql`${waitingListEntries}.rowid`)] as const;

export const entryNotFound = () => new ApiError(404, 'waiting_list_entry_not_found', 'There is no such entry on this waiting list.');

/** The performance's waiting-list settings and what its e-mails say about it, read fresh (not from the catalogue cache). */
export async function loadListContext(db: Db, shopId: string, performanceId: string) {
  const [row] = await db
    .select({
      performanceId: performances.id,
      shopId: performances.shopId,
      enabled: performances.waitingListEnabled,
      offerHours: performances.waitingListOfferHours,
      startsAt: performances.startsAt,
      eventTitle: events.title,
      venueName: venues.name,
      shopName: shops.name,
      brandColor: shops.brandColor,
      timeZone: shops.timeZone,
      currency: shops.currency,
      pageUrl: shops.orderPageUrl,
    })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .innerJoin(shops, eq(shops.id, performances.shopId))
    .where(and(eq(performances.id, performanceId), eq(performances.shopId, shopId)));
  if (!row) throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in this shop.');
  return row;
}
export type ListContext = Awaited<ReturnType<typeof loadListContext>>;

/** What the e-mails about an entry say (frozen in the outbox row). */
export function entryFacts(context: ListContext, entry: Pick<EntryRow, 'id' | 'name' | 'quantity'>, withdrawToken: string | null): WaitingListFacts {
  return {
    shopId: context.shopId,
    shopName: context.shopName,
    brandColor: context.brandColor,
    timeZone: context.timeZone,
    currency: context.currency,
    pageUrl: context.pageUrl,
    entryId: entry.id,
    withdrawToken,
    name: entry.name,
    quantity: entry.quantity,
    eventTitle: context.eventTitle,
    venueName: context.venueName,
    startsAt: context.startsAt,
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The organizer's view of a performance's list: every entry in line order, places among those waiting. */
export async function waitingListView(db: Db, shopId: string, performanceId: string): Promise<v.InferOutput<typeof WaitingListView>> {
  const context = await loadListContext(db, shopId, performanceId);
  const rows = await db
    .select()
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.performanceId, performanceId), eq(waitingListEntries.shopId, shopId)))
    .orderBy(...lineOrder);
  let position = 0;
  const entries: v.InferOutput<typeof WaitingListEntryView>[] = rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    language: r.language,
    quantity: r.quantity,
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
    offeredAt: iso(r.offeredAt),
    offerExpiresAt: iso(r.offerExpiresAt),
    closedAt: iso(r.closedAt),
    position: r.status === 'waiting' ? ++position : null,
  }));
  return {
    performanceId,
    enabled: context.enabled,
    offerHours: context.offerHours,
    waiting: entries.filter((e) => e.status === 'waiting').length,
    offered: entries.filter((e) => e.status === 'offered').length,
    entries,
  };
}

/**
 * Closes a live entry (the buyer left, or staff removed them), in one batch: a live offer's hold
 * is released with it, so its seats go to the next in line. Conditional on the entry still being
 * live (and the release on the hold being active): an offer bought meanwhile stays bought.
 */
export function closeEntryStatements(db: Db, entry: EntryRow, now: number) {
  const live = and(eq(waitingListEntries.id, entry.id), inArray(waitingListEntries.status, ['waiting', 'offered']));
  const release = entry.status === 'offered' && entry.offerHoldId ? releaseHoldStatements(db, { id: entry.offerHoldId, performanceId: entry.performanceId }, 'released', undefined, now) : [];
  return [
    ...release,
    db.update(waitingListEntries).set({ status: 'withdrawn', closedAt: now }).where(live),
    // Seats the line kept may now be the public's (nobody else waiting): pollers see the change.
    bumpInventoryVersion(db, entry.performanceId),
  ];
}
