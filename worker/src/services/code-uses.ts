import { and, eq, inArray, ne, type Placeholder, SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { codeUses } from '../../../db/schema/codes.js';
import { holds } from '../../../db/schema/inventory.js';
import { perShape } from '../bound-statements.js';
import type { Db } from '../db.js';
import type { ResolvedCode } from './code-lookup.js';
import { guard } from './ledger-guards.js';

type Statement = BatchItem<'sqlite'>;
export type CodeUseRow = typeof codeUses.$inferSelect;

/**
 * The ledger of code uses (db/schema/codes.ts). A use is live when `used`, or `held` by an
 * active hold that has not lapsed: every limit counts live uses only, so a lapsed hold gives
 * its reservations back without anyone writing. The limits are asserted by guards inside the
 * batch that writes, never decided by a read beforehand.
 */
export const liveUse = (now: number) =>
  sql`(${codeUses.state} = 'used' OR (${codeUses.state} = 'held' AND EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = ${codeUses.holdId} AND ${holds.status} = 'active' AND ${holds.expiresAt} > ${now})))`;

/** What other holds and orders use of a code right now. */
export interface CodeUsage {
  /** Live uses (promo: orders and holds using it). */
  uses: number;
  /** Performances the pass is live on. */
  performanceIds: Set<string>;
  /** Seats the pass books on the given performance. */
  seatsOnPerformance: number;
  /** What the voucher pays in live uses. */
  amount: number;
}

const emptyUsage = (): CodeUsage => ({ uses: 0, performanceIds: new Set(), seatsOnPerformance: 0, amount: 0 });

/**
 * Live usage of each code by everyone but `exceptHoldId`: what the hold may still take. A
 * read for pricing and messages only; the batch that writes asserts the limits again.
 */
export async function liveUsage(db: Db, refIds: readonly string[], performanceId: string, exceptHoldId: string, now: number): Promise<Map<string, CodeUsage>> {
  const usage = new Map<string, CodeUsage>(refIds.map((id) => [id, emptyUsage()]));
  if (refIds.length === 0) return usage;
  const rows = await db
    .select({
      refId: codeUses.refId,
      performanceId: codeUses.performanceId,
      uses: sql<number>`count(*)`,
      tickets: sql<number>`coalesce(sum(${codeUses.tickets}), 0)`,
      amount: sql<number>`coalesce(sum(${codeUses.amount}), 0)`,
    })
    .from(codeUses)
    .where(and(inArray(codeUses.refId, [...refIds]), ne(codeUses.holdId, exceptHoldId), liveUse(now)))
    .groupBy(codeUses.refId, codeUses.performanceId);
  for (const row of rows) {
    const entry = usage.get(row.refId)!;
    entry.uses += Number(row.uses);
    entry.amount += Number(row.amount);
    entry.performanceIds.add(row.performanceId);
    if (row.performanceId === performanceId) entry.seatsOnPerformance += Number(row.tickets);
  }
  return usage;
}

/**
 * Guards asserting, after the batch's writes, every limit of the given codes over the live
 * ledger: a promo code's total uses, a pass's performances and its seats on this
 * performance, a voucher's redemptions against its initial amount.
 */
export function codeLimitGuards(db: Db, resolved: readonly ResolvedCode[], performanceId: string, now: number): Statement[] {
  const live = liveUse(now);
  const statements: Statement[] = [];
  for (const code of resolved) {
    const ofCode = sql`${codeUses.refId} = ${code.refId} AND ${live}`;
    if (code.kind === 'promo' && code.promo.maxUses !== null) {
      statements.push(guard(db, 'promo_max_uses', sql`(SELECT count(*) FROM ${codeUses} WHERE ${ofCode}) <= ${code.promo.maxUses}`));
    } else if (code.kind === 'pass') {
      // A pass typed into a cart holds its performance from then on, even before it covers a
      // seat; the sale gives the use back if it ends up covering none.
      if (code.product.maxPerformances !== null) {
        statements.push(guard(db, 'pass_max_performances', sql`(SELECT count(DISTINCT ${codeUses.performanceId}) FROM ${codeUses} WHERE ${ofCode}) <= ${code.product.maxPerformances}`));
      }
      statements.push(
        guard(
          db,
          'pass_seats_per_performance',
          sql`(SELECT coalesce(sum(${codeUses.tickets}), 0) FROM ${codeUses} WHERE ${ofCode} AND ${codeUses.performanceId} = ${performanceId}) <= ${code.product.seatsPerPerformance}`,
        ),
      );
    } else if (code.kind === 'voucher') {
      statements.push(guard(db, 'voucher_balance', sql`(SELECT coalesce(sum(${codeUses.amount}), 0) FROM ${codeUses} WHERE ${ofCode}) <= ${code.voucher.initialAmount}`));
    }
  }
  return statements;
}

/** At most one promo code on a hold, even when two are typed at the same moment. */
export const onePromoGuard = (db: Db, holdId: string) =>
  guard(db, 'one_promo', sql`(SELECT count(*) FROM ${codeUses} WHERE ${codeUses.holdId} = ${holdId} AND ${codeUses.kind} = 'promo' AND ${codeUses.state} = 'held') <= 1`);

/** holdCodeUses' read, prepared once per database (every checkout reads it twice). */
const holdCodeUsesQuery = perShape((db) =>
  db
    .select()
    .from(codeUses)
    .where(and(eq(codeUses.holdId, sql.placeholder('holdId')), inArray(codeUses.state, ['held', 'used'])))
    // Insertion order (rowid) among codes typed in the same millisecond.
    .orderBy(codeUses.createdAt, sql`rowid`)
    .prepare(),
);

/** The codes a hold carries: held while it is a cart, used once it became an order. */
export async function holdCodeUses(db: Db, holdId: string): Promise<CodeUseRow[]> {
  return holdCodeUsesQuery(db).all({ holdId });
}

/**
 * Keeps a held use in step with what the pricing gives. A pass's seats are clamped, inside the
 * statement, to what the pass has left on the performance, so a change racing another buyer
 * with the same pass never books more than the pass allows (the checkout asserts it exactly).
 */
export function syncUseStatement(db: Db, use: CodeUseRow, resolved: ResolvedCode, tickets: number, amount: number, now: number): Statement {
  const held = and(eq(codeUses.id, use.id), eq(codeUses.state, 'held'));
  if (resolved.kind === 'pass') {
    const others = sql`(SELECT coalesce(sum(o.tickets), 0) FROM ${codeUses} o WHERE o.ref_id = ${use.refId} AND o.performance_id = ${use.performanceId} AND o.id <> ${use.id}
      AND (o.state = 'used' OR (o.state = 'held' AND EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = o.hold_id AND ${holds.status} = 'active' AND ${holds.expiresAt} > ${now}))))`;
    return db
      .update(codeUses)
      .set({ tickets: sql`max(0, min(${tickets}, ${resolved.product.seatsPerPerformance} - ${others}))`, amount, updatedAt: now })
      .where(held);
  }
  if (resolved.kind === 'voucher') {
    // A voucher's amount is reserved at checkout; a change may only lower it.
    return db
      .update(codeUses)
      .set({ amount: sql`min(${codeUses.amount}, ${amount})`, updatedAt: now })
      .where(held);
  }
  return db.update(codeUses).set({ tickets, amount, updatedAt: now }).where(held);
}

/** Gives back every held use of a hold (release, expiry). Callers add their own "still releasable" condition. */
export const releaseHoldCodeUses = (db: Db, holdId: string | Placeholder, now: number | Placeholder, condition?: SQL) =>
  db
    .update(codeUses)
    .set({ state: 'released', updatedAt: sql`${now}` })
    .where(and(eq(codeUses.holdId, holdId), eq(codeUses.state, 'held'), condition));

/**
 * For order cancellation: gives back what the orders took (a promo code's use, a pass's
 * performance and seats, a voucher's amount), in the cancelling batch. `orderIds` is a list
 * or an SQL subquery selecting order ids.
 */
export const releaseOrderCodeUses = (db: Db, orderIds: readonly string[] | SQL, now: number) =>
  db
    .update(codeUses)
    .set({ state: 'released', updatedAt: now })
    .where(and(orderIds instanceof SQL ? sql`${codeUses.orderId} IN (${orderIds})` : inArray(codeUses.orderId, [...orderIds]), eq(codeUses.state, 'used')));
