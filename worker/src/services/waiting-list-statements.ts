import { and, eq, sql } from 'drizzle-orm';
import { performances } from '../../../db/schema/catalog.js';
import { batchGuard } from '../../../db/schema/inventory.js';
import { waitingListEntries } from '../../../db/schema/waiting-list.js';
import { compiledCache, statementRows } from '../bound-statements.js';
import type { Db } from '../db.js';
import type { Bind } from './hold-statements.js';

/** The guard's name: a failed batch whose guards include it may have been refused by the line. */
export const WAITING_LIST_GUARD = 'waiting_list_first';

/**
 * While people wait for a performance (and its list is on), a public hold on it is refused:
 * a seat that comes back belongs to the line. Evaluated inside the hold's batch, so a seat
 * freed by a lapsed hold cannot be taken between the offer job's runs. One indexed lookup.
 */
export const guardNoneWaiting = (db: Db, performanceId: Bind<string>) =>
  db.insert(batchGuard).values({
    name: WAITING_LIST_GUARD,
    ok: sql`NOT EXISTS (SELECT 1 FROM ${waitingListEntries} INNER JOIN ${performances} ON ${performances.id} = ${waitingListEntries.performanceId}
      WHERE ${waitingListEntries.performanceId} = ${performanceId} AND ${waitingListEntries.status} = 'waiting' AND ${performances.waitingListEnabled} = 1)`,
  });

/** The sale of an offer's hold: its entry is claimed (for any other hold, no row matches). */
export const claimOfferStatement = (db: Db, holdId: string, now: number) =>
  db
    .update(waitingListEntries)
    .set({ status: 'claimed', closedAt: now })
    .where(and(eq(waitingListEntries.offerHoldId, holdId), eq(waitingListEntries.status, 'offered')));

/** Whether people are waiting in line for the performance now (a read for messages and availability). */
export async function peopleWaiting(db: Db, performanceId: string): Promise<boolean> {
  return (await statementRows(db, someoneWaiting(db)({ performanceId }))).length > 0;
}

// Compiled once: every availability snapshot asks it.
const someoneWaiting = compiledCache((db) =>
  db
    .select({ one: sql<number>`1` })
    .from(waitingListEntries)
    .innerJoin(performances, eq(performances.id, waitingListEntries.performanceId))
    .where(and(eq(waitingListEntries.performanceId, sql.placeholder('performanceId')), eq(waitingListEntries.status, 'waiting'), eq(performances.waitingListEnabled, true)))
    .limit(1),
);
