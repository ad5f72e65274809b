import type { CodePageInput } from '../../../../contract/codes.js';
import { and, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { events, performances, priceZones, seatingPlans, tariffs } from '../../../../db/schema/catalog.js';
import { codes, codeUses } from '../../../../db/schema/codes.js';
import { holds } from '../../../../db/schema/inventory.js';
import { chunkRows, type Db, errorText } from '../../db.js';
import { generateCode } from '../../../../contract/code-format.js';
import type { Language, MessagePayloads } from '../../email/messages.js';
import { ApiError } from '../../errors.js';
import { queueMessage, type ShopMessage } from '../outbox.js';

export type Statement = BatchItem<'sqlite'>;
type CodeKind = (typeof codes.$inferSelect)['kind'];

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// ---------------------------------------------------------------------------------------
// The ledger as the organizer reads it.

/**
 * A code use counts while it is `used`, or `held` by an active hold that has not lapsed: the
 * same rule the batches that write uses assert, so a lapsed cart gives its use back at once.
 */
export function liveUse(now: number): SQL {
  return sql`(${codeUses.state} = 'used' OR (${codeUses.state} = 'held' AND EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = ${codeUses.holdId} AND ${holds.status} = 'active' AND ${holds.expiresAt} > ${now})))`;
}

/**
 * Runs a lookup by ids in slices: a D1 statement binds at most 100 parameters, and a page
 * of codes may hold 200 ids.
 */
export async function inSlices<T>(ids: string[], lookup: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const slice of chunkRows(ids, 1, 90)) out.push(...(await lookup(slice)));
  return out;
}

/** Live rows of the ledger for some codes (promo codes, passes or vouchers), per code and performance. */
export function liveUsesOf(db: Db, shopId: string, refIds: string[], now: number) {
  return inSlices(refIds, (slice) => liveUsesSlice(db, shopId, slice, now));
}

function liveUsesSlice(db: Db, shopId: string, refIds: string[], now: number) {
  return db
    .select({
      refId: codeUses.refId,
      performanceId: codeUses.performanceId,
      uses: sql<number>`count(*)`,
      used: sql<number>`sum(CASE WHEN ${codeUses.state} = 'used' THEN 1 ELSE 0 END)`,
      tickets: sql<number>`coalesce(sum(${codeUses.tickets}), 0)`,
      amount: sql<number>`coalesce(sum(${codeUses.amount}), 0)`,
    })
    .from(codeUses)
    .where(and(eq(codeUses.shopId, shopId), inArray(codeUses.refId, refIds), liveUse(now)))
    .groupBy(codeUses.refId, codeUses.performanceId);
}

export function byRef<T extends { refId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.refId, [...(map.get(row.refId) ?? []), row]);
  return map;
}

// ---------------------------------------------------------------------------------------
// Writing a code together with its registry row.

/** The registry's (shop, code) key refused the code: another promo code, pass or voucher has it. */
export function isCodeTaken(err: unknown): boolean {
  // "failed: codes.shop_id, codes.code" (not promo_codes.…): the registry's primary key.
  return /UNIQUE constraint failed: codes\.shop_id/i.test(errorText(err));
}

export const codeTaken = (code: string) => new ApiError(409, 'code_taken', `The code ${code} is already used in your shop (by a promo code, a pass or a voucher). Choose another one.`, { code });

/**
 * Writes the registry row and the row it names in one batch. A code chosen by the organizer
 * that is taken answers 409 code_taken; a generated one that collides is drawn again.
 */
export async function insertWithCode<R>(
  db: Db,
  shopId: string,
  kind: CodeKind,
  refId: string,
  typed: string | undefined,
  generate: () => string,
  statements: (code: string) => [Statement, ...Statement[]],
): Promise<{ code: string; results: R }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = typed ?? generate().replace(/-/g, '');
    try {
      const results = await db.batch([db.insert(codes).values({ shopId, code, kind, refId }), ...statements(code)]);
      return { code, results: results.slice(1) as R };
    } catch (err) {
      if (isCodeTaken(err)) {
        if (typed !== undefined) throw codeTaken(typed);
        continue;
      }
      throw err;
    }
  }
  throw new ApiError(503, 'code_generation_failed', 'Could not draw a free code. Please retry.');
}

/** Vouchers and passes are keys to money and seats: 16 characters, about 74 bits, not guessable. */
export const newSecretCode = () => generateCode('', 4);
/** Promo codes are shared on posters: 8 characters are enough. */
export const newPromoCode = () => generateCode('', 2);

/**
 * The statement that queues the e-mail with a pass's or voucher's code, for the batch that
 * creates it. It belongs to no ticket order (orderId null); its key names the purchase or the code.
 */
export function queueCodeMessage(
  db: Db,
  message: { shopId: string; dedupeKey: string; recipient: string; recipientName: string; language: Language } & (
    | { kind: 'pass_issued'; payload: MessagePayloads['pass_issued'] }
    | { kind: 'voucher_issued'; payload: MessagePayloads['voucher_issued'] }
  ),
  now: number,
) {
  return queueMessage(db, { ...message, orderId: null } as ShopMessage, now);
}

// ---------------------------------------------------------------------------------------
// Every referenced id must be of this shop.

async function assertAllOf(db: Db, table: SQLiteTable & { id: any; shopId: any }, ids: string[], shopId: string, code: 'unknown_event' | 'unknown_performance' | 'unknown_tariff' | 'unknown_zone', what: string, extra?: SQL) {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.shopId, shopId), inArray(table.id, ids), extra));
  const known = new Set(found.map((f) => f.id as string));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw new ApiError(400, code, `These ${what} are not in your shop: ${missing.join(', ')}.`, { ids: missing });
}

async function assertZonesOf(db: Db, ids: string[], shopId: string) {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: priceZones.id })
    .from(priceZones)
    .innerJoin(seatingPlans, eq(seatingPlans.id, priceZones.planId))
    .where(and(eq(seatingPlans.shopId, shopId), inArray(priceZones.id, ids)));
  const known = new Set(found.map((f) => f.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw new ApiError(400, 'unknown_zone', `These price zones are not in your shop: ${missing.join(', ')}.`, { ids: missing });
}

export interface Scope {
  eventIds?: string[] | undefined;
  performanceIds?: string[] | undefined;
  zoneIds?: string[] | undefined;
  tariffIds?: string[] | undefined;
  unlockTariffIds?: string[] | undefined;
}

export async function assertScopeOf(db: Db, shopId: string, scope: Scope) {
  await assertAllOf(db, events, scope.eventIds ?? [], shopId, 'unknown_event', 'events');
  await assertAllOf(db, performances, scope.performanceIds ?? [], shopId, 'unknown_performance', 'performances');
  await assertZonesOf(db, scope.zoneIds ?? [], shopId);
  await assertAllOf(db, tariffs, scope.tariffIds ?? [], shopId, 'unknown_tariff', 'tariffs');
  const unlock = scope.unlockTariffIds ?? [];
  await assertAllOf(db, tariffs, unlock, shopId, 'unknown_tariff', 'tariffs');
  if (unlock.length) {
    const visible = await db
      .select({ id: tariffs.id })
      .from(tariffs)
      .where(and(eq(tariffs.shopId, shopId), inArray(tariffs.id, unlock), eq(tariffs.hidden, false)));
    if (visible.length) {
      throw new ApiError(400, 'tariff_not_hidden', `A code can only unlock hidden tariffs; these are offered to everyone: ${visible.map((t) => t.id).join(', ')}. Set hidden: true on them first.`, {
        ids: visible.map((t) => t.id),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------
// Paging, newest first, as the order search does.

/** A page of a list, as CodePageQuery gives it. */
export type PageQuery = CodePageInput & { code?: string | undefined };

/** Only the row the shop's code registry names for this code (its primary key), when a code is asked for. */
export function codeFilter(table: { id: any }, shopId: string, code: string | undefined): SQL | undefined {
  if (code === undefined) return undefined;
  return sql`${table.id} = (SELECT ${codes.refId} FROM ${codes} WHERE ${codes.shopId} = ${shopId} AND ${codes.code} = ${code})`;
}

export function pageFilter(table: { createdAt: any; id: any }, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  // The cursor is (createdAt, id) of the last row shown, so rows of the same millisecond are neither skipped nor repeated.
  const [createdAt, id] = cursor.split('.') as [string, string];
  return or(lt(table.createdAt, Number(createdAt)), and(eq(table.createdAt, Number(createdAt)), lt(table.id, id)));
}

export function page<T extends { createdAt: number; id: string }>(rows: T[], limit: number) {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { shown, nextCursor: rows.length > limit && last ? `${last.createdAt}.${last.id}` : null };
}
