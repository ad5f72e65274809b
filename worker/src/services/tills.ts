import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { shopTokens } from '../../../db/schema/catalog.js';
import { payments } from '../../../db/schema/orders.js';
import { staffMembers } from '../../../db/schema/staff.js';
import { tills } from '../../../db/schema/tills.js';
import { sha256Hex } from '../crypto.js';
import type { Db } from '../db.js';
import { businessDayOf, daysInRange } from '../domain/business-day.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { OrgActor } from '../middleware/organizer-auth.js';
import { qualified } from '../sql-columns.js';
import { guard } from './ledger-guards.js';
import { tillMethods } from '../../../contract/vocabulary.js';
import type { TillMethodTotals, TillView } from '../../../contract/responses/organizer/box-office.js';

type Statement = BatchItem<'sqlite'>;
type TillRow = typeof tills.$inferSelect;
export type TillMethod = (typeof tillMethods)[number];

/**
 * Tills: every money movement at the desk (a sale, a refund paid at the counter, an exchange's
 * payment, an invoice paid in cash) goes through the acting staff member's till of the business
 * day. The till comes into being in the movement's own batch; a closed till refuses the batch.
 */

/** Which till an actor's movement goes through now. */
export interface TillRef {
  id: string;
  shopId: string;
  actorId: string;
  actorKind: OrgActor['kind'];
  businessDay: string;
}

/**
 * A till's id follows from its shop, actor and day, so that the payment written in the same
 * batch can name it while the till row is inserted only if it is not there yet.
 */
export async function tillOf(shop: Pick<Shop, 'id' | 'timeZone'>, actor: Pick<OrgActor, 'id' | 'kind'>, now: number): Promise<TillRef> {
  const businessDay = businessDayOf(now, shop.timeZone);
  const id = `til_${(await sha256Hex(`${shop.id}:${actor.id}:${businessDay}`)).slice(0, 24)}`;
  return { id, shopId: shop.id, actorId: actor.id, actorKind: actor.kind, businessDay };
}

/** For the batch of a desk movement: the till opened if it is not yet, and asserted open (a closed one aborts the batch). */
export function tillStatements(db: Db, till: TillRef, now: number): Statement[] {
  return [
    db
      .insert(tills)
      .values({ id: till.id, shopId: till.shopId, actorId: till.actorId, actorKind: till.actorKind, businessDay: till.businessDay, status: 'open', openedAt: now })
      .onConflictDoNothing(),
    guard(db, 'till_open', sql`EXISTS (SELECT 1 FROM ${tills} WHERE ${tills.id} = ${till.id} AND ${tills.status} = 'open')`),
  ];
}

/** After a desk batch failed: was it because the till is closed? (A read for the answer only.) */
export async function tillClosedError(db: Db, till: TillRef): Promise<ApiError | null> {
  const [row] = await db.select({ status: tills.status }).from(tills).where(eq(tills.id, till.id));
  if (row?.status !== 'closed') return null;
  return new ApiError(409, 'till_closed', `Your till of ${till.businessDay} is closed: no more money can go through it today. Ask an owner or a manager.`, { businessDay: till.businessDay });
}

/** Runs a desk batch; a closed till is said as such, whatever guard the batch tripped on. */
export async function withTill<T>(db: Db, till: TillRef, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw (await tillClosedError(db, till)) ?? err;
  }
}

/** A payment row's method as the till counts it: notes and coins, or anything paid by card at the desk. */
const methodExpr = sql<string>`CASE WHEN ${qualified(payments.method)} = 'cash' THEN 'cash' ELSE 'terminal' END`;
const signed = sql`CASE WHEN ${qualified(payments.kind)} = 'refund' THEN -${qualified(payments.amount)} ELSE ${qualified(payments.amount)} END`;
/** Money that moved: captured charges and made refunds (a declined attempt moved nothing). */
const moved = sql`${qualified(payments.status)} IN ('captured', 'refunded')`;

/** The cash a till should hold now, computed inside SQL from its payments (closing fixes it in the same statement). */
const expectedCashOf = (tillId: SQL) =>
  sql<number>`(SELECT coalesce(sum(${signed}), 0) FROM ${payments} WHERE ${qualified(payments.tillId)} = ${tillId} AND ${qualified(payments.method)} = 'cash' AND ${moved})`;

async function totalsByTill(db: Db, tillIds: string[]): Promise<Map<string, TillMethodTotals[]>> {
  const result = new Map<string, TillMethodTotals[]>();
  if (tillIds.length === 0) return result;
  const rows = await db
    .select({
      tillId: payments.tillId,
      method: methodExpr,
      count: sql<number>`count(*)`,
      sales: sql<number>`coalesce(sum(CASE WHEN ${payments.kind} = 'charge' AND ${payments.exchangeId} IS NULL THEN ${payments.amount} ELSE 0 END), 0)`,
      refunds: sql<number>`coalesce(sum(CASE WHEN ${payments.kind} = 'refund' THEN ${payments.amount} ELSE 0 END), 0)`,
      exchanges: sql<number>`coalesce(sum(CASE WHEN ${payments.kind} = 'charge' AND ${payments.exchangeId} IS NOT NULL THEN ${payments.amount} ELSE 0 END), 0)`,
    })
    .from(payments)
    .where(and(inArray(payments.tillId, tillIds), moved))
    .groupBy(payments.tillId, methodExpr);
  for (const id of tillIds) result.set(id, emptyTotals());
  for (const r of rows) {
    const totals = result.get(r.tillId!)!;
    const row = totals.find((t) => t.method === r.method)!;
    Object.assign(row, { count: Number(r.count), sales: Number(r.sales), refunds: Number(r.refunds), exchanges: Number(r.exchanges) });
    row.net = row.sales + row.exchanges - row.refunds;
  }
  return result;
}

const emptyTotals = (): TillMethodTotals[] => tillMethods.map((method) => ({ method, count: 0, sales: 0, refunds: 0, exchanges: 0, net: 0 }));

/** Names of staff members and tokens, by id (a till's staff, its closer, an order's seller). */
export async function actorNames(db: Db, shopId: string, ids: string[]): Promise<Map<string, { name: string; kind: OrgActor['kind'] }>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, { name: string; kind: OrgActor['kind'] }>();
  if (unique.length === 0) return names;
  const [members, tokens] = await Promise.all([
    db.select({ id: staffMembers.id, name: staffMembers.name }).from(staffMembers).where(and(eq(staffMembers.shopId, shopId), inArray(staffMembers.id, unique))),
    db.select({ id: shopTokens.id, name: shopTokens.label }).from(shopTokens).where(and(eq(shopTokens.shopId, shopId), inArray(shopTokens.id, unique))),
  ]);
  for (const t of tokens) names.set(t.id, { name: t.name, kind: 'token' });
  for (const m of members) names.set(m.id, { name: m.name, kind: 'staff' });
  return names;
}

async function viewsOf(db: Db, shop: Shop, rows: TillRow[]): Promise<TillView[]> {
  const [totals, names] = await Promise.all([
    totalsByTill(
      db,
      rows.map((r) => r.id),
    ),
    actorNames(db, shop.id, rows.flatMap((r) => [r.actorId, ...(r.closedBy ? [r.closedBy] : [])])),
  ]);
  return rows.map((r) => {
    const byMethod = totals.get(r.id) ?? emptyTotals();
    const cashNet = byMethod.find((m) => m.method === 'cash')!.net;
    return {
      id: r.id,
      businessDay: r.businessDay,
      staff: { id: r.actorId, name: names.get(r.actorId)?.name ?? r.actorId, kind: r.actorKind },
      status: r.status,
      currency: shop.currency,
      byMethod,
      // Closed: what was fixed at closing (nothing moves through a closed till, so it equals the sum).
      expectedCash: r.expectedCash ?? cashNet,
      countedCash: r.countedCash,
      difference: r.difference,
      closedAt: r.closedAt === null ? null : new Date(r.closedAt).toISOString(),
      closedBy: r.closedBy === null ? null : { id: r.closedBy, name: names.get(r.closedBy)?.name ?? r.closedBy },
      note: r.note,
    };
  });
}

export async function tillView(db: Db, shop: Shop, tillId: string): Promise<TillView> {
  const [row] = await db
    .select()
    .from(tills)
    .where(and(eq(tills.id, tillId), eq(tills.shopId, shop.id)));
  if (!row) throw new ApiError(404, 'till_not_found', 'There is no till with this id.');
  return (await viewsOf(db, shop, [row]))[0]!;
}

/** The caller's till of today; before its first movement a till with no id and zeros (a read creates nothing). */
export async function currentTill(db: Db, shop: Shop, actor: OrgActor, now: number): Promise<TillView> {
  const ref = await tillOf(shop, actor, now);
  const [row] = await db.select().from(tills).where(eq(tills.id, ref.id));
  if (row) return (await viewsOf(db, shop, [row]))[0]!;
  return {
    id: null,
    businessDay: ref.businessDay,
    staff: { id: actor.id, name: actor.label, kind: actor.kind },
    status: 'open',
    currency: shop.currency,
    byMethod: emptyTotals(),
    expectedCash: 0,
    countedCash: null,
    difference: null,
    closedAt: null,
    closedBy: null,
    note: null,
  };
}

const MAX_DAYS = 400;

/** Tills of a period of business days (both included), newest day first; `actorId` narrows to one actor. */
export async function listTills(db: Db, shop: Shop, period: { from: string; to: string; actorId?: string | undefined }): Promise<TillView[]> {
  const days = daysInRange(period.from, period.to);
  if (days < 1 || days > MAX_DAYS) throw new ApiError(400, 'tills_period_too_long', `Choose a period of 1 to ${MAX_DAYS} days, "from" not after "to".`);
  const rows = await db
    .select()
    .from(tills)
    .where(and(eq(tills.shopId, shop.id), gte(tills.businessDay, period.from), lte(tills.businessDay, period.to), period.actorId ? eq(tills.actorId, period.actorId) : undefined))
    .orderBy(desc(tills.businessDay), asc(tills.openedAt));
  const views = await viewsOf(db, shop, rows);
  return views.sort((a, b) => (a.businessDay === b.businessDay ? a.staff.name.localeCompare(b.staff.name) : a.businessDay < b.businessDay ? 1 : -1));
}

/**
 * Closes a till: one conditional UPDATE (still open; the caller's own, or any for an owner or a
 * manager) that fixes the expected cash from its payments inside the same SQL, never read first.
 * Two closes at once: one wins, the other is told it was already closed.
 */
export async function closeTill(db: Db, shop: Shop, actor: OrgActor, tillId: string, counted: { countedCash: number; note?: string | undefined }, now: number): Promise<TillView> {
  const mayCloseAny = actor.role === 'owner' || actor.role === 'manager';
  // Qualified: inside the subquery over payments a bare "id" would be the payment's.
  const expected = expectedCashOf(qualified(tills.id));
  const closed = await db
    .update(tills)
    .set({
      status: 'closed',
      closedAt: now,
      countedCash: counted.countedCash,
      expectedCash: expected,
      difference: sql`${counted.countedCash} - ${expected}`,
      closedBy: actor.id,
      note: counted.note && counted.note.length > 0 ? counted.note : null,
    })
    .where(and(eq(tills.id, tillId), eq(tills.shopId, shop.id), eq(tills.status, 'open'), mayCloseAny ? undefined : eq(tills.actorId, actor.id)))
    .returning({ id: tills.id });
  if (closed.length === 0) {
    // Why nothing changed (a read for the answer only).
    const [row] = await db
      .select({ status: tills.status, actorId: tills.actorId })
      .from(tills)
      .where(and(eq(tills.id, tillId), eq(tills.shopId, shop.id)));
    if (!row) throw new ApiError(404, 'till_not_found', 'There is no till with this id.');
    if (!mayCloseAny && row.actorId !== actor.id) throw new ApiError(403, 'till_not_yours', 'Only its own staff member, an owner or a manager may close this till.');
    throw new ApiError(409, 'till_already_closed', 'This till was already closed.');
  }
  return tillView(db, shop, tillId);
}
