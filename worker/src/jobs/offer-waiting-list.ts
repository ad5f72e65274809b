import { and, eq, lte, or, sql } from 'drizzle-orm';
import { performances } from '../../../db/schema/catalog.js';
import { batchGuard, holds } from '../../../db/schema/inventory.js';
import { waitingListEntries } from '../../../db/schema/waiting-list.js';
import { type BoundStatement, compileStatement, runBatch } from '../bound-statements.js';
import { type Db, errorText, isCheckViolation, isGuardFailure, isUniqueViolation } from '../db.js';
import { newSecret } from '../domain/ids.js';
import { salesClosedReason } from '../domain/sales-window.js';
import { offerSeatChoices } from '../domain/waiting-list-offer.js';
import { bestAvailableCandidates } from '../services/best-available.js';
import { loadEventTariffs, loadPerformance, type PerformanceRow } from '../services/catalog.js';
import { type NewHold, newGaHoldStatements, newSeatedHoldStatements } from '../services/new-hold-statements.js';
import { queueMessage } from '../services/outbox.js';
import { entryFacts, type EntryRow, lineOrder, loadListContext } from '../services/waiting-list/entries.js';
import { freeSeats } from '../services/waiting-list/free-places.js';

const HOUR = 3_600_000;

export interface WaitingListLimits {
  /** Offers made per run at most (the next run goes on). */
  maxOffers: number;
}

const bound = (query: { toSQL(): { sql: string; params: unknown[] } }): BoundStatement => compileStatement(query)({});

/**
 * The waiting lists' clock, every minute: offers past their time (or whose cart the buyer
 * emptied) expire, then each performance's line is served in order while seats or places are
 * free. Every offer is one batch that takes the first waiting entry only if it is still waiting
 * and still first, and holds the seats with the statements of any new hold (a seat someone
 * has refuses the batch): two runs at once offer each entry once and each seat to one entry.
 * The first in line who wants more than is free waits, and so does everyone after them (no
 * partial offers, no overtaking): seats that come back stay with the line until it is served.
 */
export async function offerWaitingLists(db: Db, now: number, limits: WaitingListLimits = { maxOffers: 200 }): Promise<{ offered: number; expired: number }> {
  const expired = await expireOffers(db, now);
  const lines = await db
    .selectDistinct({ performanceId: waitingListEntries.performanceId, shopId: waitingListEntries.shopId })
    .from(waitingListEntries)
    .innerJoin(performances, eq(performances.id, waitingListEntries.performanceId))
    .where(and(eq(waitingListEntries.status, 'waiting'), eq(performances.waitingListEnabled, true)));
  let offered = 0;
  for (const line of lines) {
    if (offered >= limits.maxOffers) break;
    offered += await serveLine(db, line.shopId, line.performanceId, now, limits.maxOffers - offered);
  }
  return { offered, expired };
}

/** Offers past their time, or whose hold is gone without a sale (the buyer emptied the cart), expire. */
async function expireOffers(db: Db, now: number): Promise<number> {
  const rows = await db
    .update(waitingListEntries)
    .set({ status: 'expired', closedAt: now })
    .where(
      and(
        eq(waitingListEntries.status, 'offered'),
        or(
          lte(waitingListEntries.offerExpiresAt, now),
          sql`EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = ${waitingListEntries.offerHoldId} AND ${holds.status} IN ('released', 'expired'))`,
        ),
      ),
    )
    .returning({ id: waitingListEntries.id });
  return rows.length;
}

/** Serves one performance's line from its head while there is room; returns how many were offered. */
async function serveLine(db: Db, shopId: string, performanceId: string, now: number, maxOffers: number): Promise<number> {
  const { performance, event } = await loadPerformance(db, shopId, performanceId);
  const window = { eventStatus: event.status, performanceStatus: performance.status, startsAt: performance.startsAt, salesStartAt: performance.salesStartAt, salesEndAt: performance.salesEndAt };
  // No sales, no offers: the line stays as it is (the organizer sees it).
  if (salesClosedReason(window, now) !== null) return 0;
  const context = await loadListContext(db, shopId, performanceId);
  if (!context.enabled) return 0;
  const tariffs = (await loadEventTariffs(db, performance.eventId)).filter((t) => !t.hidden);
  let offered = 0;
  let lostHead: string | null = null;
  // Each turn either offers the head, finds it gone (another run took it: read again), or stops.
  for (let turn = 0; offered < maxOffers && turn < maxOffers * 2 + 5; turn++) {
    const [head] = await db
      .select()
      .from(waitingListEntries)
      .where(and(eq(waitingListEntries.performanceId, performanceId), eq(waitingListEntries.status, 'waiting')))
      .orderBy(...lineOrder)
      .limit(1);
    // The same head refused twice is not a lost race: a guard keeps its seats from it (set aside meanwhile); the next run retries.
    if (!head || head.id === lostHead) break;
    const outcome = await offerTo(db, performance, tariffs, head, context, now);
    if (outcome === 'no_room') break;
    if (outcome === 'offered') offered++;
    lostHead = outcome === 'gone' ? head.id : null;
  }
  return offered;
}

type Outcome = 'offered' | 'no_room' | 'gone';
type Tariff = Awaited<ReturnType<typeof loadEventTariffs>>[number];

async function offerTo(db: Db, performance: PerformanceRow, tariffs: Tariff[], entry: EntryRow, context: Awaited<ReturnType<typeof loadListContext>>, now: number): Promise<Outcome> {
  const holdId = newSecret('hld_');
  const offerExpiresAt = now + context.offerHours * HOUR;
  const hold: NewHold = { holdId, shopId: entry.shopId, performanceId: performance.id, expiresAt: offerExpiresAt, maxExpiresAt: offerExpiresAt, now, channel: 'waitlist', resellerId: null };
  const offer = offerStatements(db, entry, holdId, offerExpiresAt, context, now);
  const attempt = async (holdStatements: BoundStatement[]): Promise<Outcome | 'taken'> => {
    try {
      await runBatch(db, [...offer.before, ...holdStatements, ...offer.after]);
      return 'offered';
    } catch (err) {
      if (isUniqueViolation(err, 'seat_claims')) return 'taken';
      if (isCheckViolation(err, 'ga_inventory')) return 'no_room';
      if (isGuardFailure(err)) return 'gone';
      throw new Error(`waiting-list offer failed: ${errorText(err)}`);
    }
  };

  if (performance.planId === null) {
    const tariff = tariffs.find((t) => t.zoneId === null);
    if (!tariff) return 'no_room';
    const outcome = await attempt(newGaHoldStatements(db, hold, [{ tariffId: tariff.id, quantity: entry.quantity }]));
    return outcome === 'taken' ? 'no_room' : outcome;
  }

  const zoneTariff = new Map<string, string>();
  for (const t of tariffs) if (t.zoneId !== null && !zoneTariff.has(t.zoneId)) zoneTariff.set(t.zoneId, t.id);
  const free = (await freeSeats(db, performance, now)).filter((s) => zoneTariff.has(s.zoneId));
  const blocks: number[][] = [];
  for (const zoneId of new Set(free.map((s) => s.zoneId))) {
    blocks.push(...(await bestAvailableCandidates(db, performance, zoneId, entry.quantity, now).catch(() => [])));
  }
  const zoneOf = new Map(free.map((s) => [s.id, s.zoneId]));
  // A seat given back between the two reads is left to the next run: its zone's tariff is known only for seats read as free.
  const choices = offerSeatChoices(free, blocks.filter((block) => block.every((seatId) => zoneOf.has(seatId))), entry.quantity);
  if (choices.length === 0) return 'no_room';
  for (const seatIds of choices) {
    const outcome = await attempt(newSeatedHoldStatements(db, hold, seatIds.map((seatId) => ({ seatId, tariffId: zoneTariff.get(zoneOf.get(seatId)!)! }))));
    if (outcome !== 'taken') return outcome;
  }
  // Every choice was taken between the read and the batch (a desk sale, a reseller): the next run tries again.
  return 'no_room';
}

/**
 * Around the hold's statements: the entry is still waiting and first in line, it becomes offered
 * with this hold; after them, the offer e-mail. A run that lost the entry to another fails the
 * first guard or the last and changes nothing.
 */
function offerStatements(db: Db, entry: EntryRow, holdId: string, offerExpiresAt: number, context: Awaited<ReturnType<typeof loadListContext>>, now: number) {
  const w = waitingListEntries;
  const before = [
    bound(
      db.insert(batchGuard).values({
        name: 'waiting_list_head',
        ok: sql`NOT EXISTS (SELECT 1 FROM ${w} WHERE ${w.performanceId} = ${entry.performanceId} AND ${w.status} = 'waiting'
          AND (${w.createdAt} < ${entry.createdAt} OR (${w.createdAt} = ${entry.createdAt} AND ${w}.rowid < (SELECT e.rowid FROM ${w} e WHERE e.id = ${entry.id}))))`,
      }),
    ),
    bound(
      db
        .update(w)
        .set({ status: 'offered', offeredAt: now, offerHoldId: holdId, offerExpiresAt })
        .where(and(eq(w.id, entry.id), eq(w.status, 'waiting'))),
    ),
    bound(
      db.insert(batchGuard).values({
        name: 'waiting_list_offer_taken',
        ok: sql`EXISTS (SELECT 1 FROM ${w} WHERE ${w.id} = ${entry.id} AND ${w.offerHoldId} = ${holdId})`,
      }),
    ),
  ];
  const after = [
    bound(
      queueMessage(
        db,
        {
          shopId: entry.shopId,
          orderId: null,
          kind: 'waiting_list_offer',
          dedupeKey: `waiting_list_offer:${entry.id}`,
          recipient: entry.email,
          recipientName: entry.name,
          language: entry.language,
          payload: { entry: entryFacts(context, entry, null), offer: { holdId, expiresAt: offerExpiresAt } },
        },
        now,
      ),
    ),
  ];
  return { before, after };
}

