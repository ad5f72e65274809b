import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { events, performances, priceZones, seatingPlans, tariffs } from '../../../db/schema/catalog.js';
import { accessPasses, codes, codeUses, giftVouchers, passProducts, promoCodes } from '../../../db/schema/codes.js';
import { batchGuard, holds } from '../../../db/schema/inventory.js';
import { orders } from '../../../db/schema/orders.js';
import { chunkRows, type Db, errorText, isCheckViolation, isGuardFailure } from '../db.js';
import { generateCode, SHORT_PROMO_CODE_LENGTH } from '../domain/code-format.js';
import { newId } from '../domain/ids.js';
import type { Language, MessagePayloads } from '../email/messages.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { queueMessage, type ShopMessage } from './outbox.js';

type Statement = BatchItem<'sqlite'>;
type CodeKind = (typeof codes.$inferSelect)['kind'];
export type PromoRow = typeof promoCodes.$inferSelect;
export type PassProductRow = typeof passProducts.$inferSelect;
export type PassRow = typeof accessPasses.$inferSelect;
export type VoucherRow = typeof giftVouchers.$inferSelect;

const DAY = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
function liveUsesOf(db: Db, shopId: string, refIds: string[], now: number) {
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

function byRef<T extends { refId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.refId, [...(map.get(row.refId) ?? []), row]);
  return map;
}

// ---------------------------------------------------------------------------------------
// Writing a code together with its registry row.

/** The registry's (shop, code) key refused the code: another promo code, pass or voucher has it. */
function isCodeTaken(err: unknown): boolean {
  // "failed: codes.shop_id, codes.code" (not promo_codes.…): the registry's primary key.
  return /UNIQUE constraint failed: codes\.shop_id/i.test(errorText(err));
}

const codeTaken = (code: string) => new ApiError(409, 'code_taken', `The code ${code} is already used in your shop (by a promo code, a pass or a voucher). Choose another one.`, { code });

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

async function assertAllOf(db: Db, table: SQLiteTable & { id: any; shopId: any }, ids: string[], shopId: string, code: string, what: string, extra?: SQL) {
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

export interface PageQuery {
  limit: number;
  cursor?: string | undefined;
}

function pageFilter(table: { createdAt: any; id: any }, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  // The cursor is (createdAt, id) of the last row shown, so rows of the same millisecond are neither skipped nor repeated.
  const [createdAt, id] = cursor.split('.') as [string, string];
  return or(lt(table.createdAt, Number(createdAt)), and(eq(table.createdAt, Number(createdAt)), lt(table.id, id)));
}

function page<T extends { createdAt: number; id: string }>(rows: T[], limit: number) {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { shown, nextCursor: rows.length > limit && last ? `${last.createdAt}.${last.id}` : null };
}

// ---------------------------------------------------------------------------------------
// Promo codes.

export type PromoInput = Omit<typeof promoCodes.$inferInsert, 'id' | 'shopId' | 'code' | 'name' | 'createdAt' | 'updatedAt'> & { code?: string | undefined; name?: string | undefined };

/** The discount must make sense on its own: a percent of 1–100, an amount of at least 1, or nothing but unlocked tariffs. */
function assertPromoCoherent(p: { discountType: string; discountValue: number; unlockTariffIds: string[]; validFrom: number | null; validUntil: number | null; per: string; maxTicketsPerOrder: number | null }) {
  if (p.discountType === 'percent' && (p.discountValue < 1 || p.discountValue > 100)) throw new ApiError(400, 'invalid_discount', 'A percent discount is a whole number from 1 to 100.');
  if (p.discountType === 'amount' && p.discountValue < 1) throw new ApiError(400, 'invalid_discount', 'An amount discount is at least 1 (in minor units).');
  if (p.discountType === 'none' && p.discountValue !== 0) throw new ApiError(400, 'invalid_discount', 'A code without discount has discountValue 0.');
  if (p.discountType === 'none' && p.unlockTariffIds.length === 0) throw new ApiError(400, 'invalid_discount', 'A code without discount must unlock at least one hidden tariff, or it does nothing.');
  if (p.validFrom !== null && p.validUntil !== null && p.validFrom >= p.validUntil) throw new ApiError(400, 'invalid_window', 'validFrom must be before validUntil.');
}

/** What the organizer should know about a promo code they chose; nothing here is refused. */
export function promoCodeWarnings(chosen: string | undefined) {
  if (chosen === undefined || chosen.length >= SHORT_PROMO_CODE_LENGTH) return [];
  return [
    {
      code: 'short_promo_code' as const,
      message: `${chosen} has ${chosen.length} characters: short codes are easy to guess, so anyone may find and use this one. Prefer ${SHORT_PROMO_CODE_LENGTH} or more, or limit it with maxUses.`,
    },
  ];
}

export function promoView(p: PromoRow, uses: { live: number; used: number; held: number }) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    discountType: p.discountType,
    discountValue: p.discountValue,
    per: p.per,
    eventIds: p.eventIds,
    performanceIds: p.performanceIds,
    zoneIds: p.zoneIds,
    tariffIds: p.tariffIds,
    unlockTariffIds: p.unlockTariffIds,
    validFrom: iso(p.validFrom),
    validUntil: iso(p.validUntil),
    maxUses: p.maxUses,
    maxTicketsPerOrder: p.maxTicketsPerOrder,
    minTickets: p.minTickets,
    active: p.active,
    /** Live uses: orders placed with it plus carts holding it right now. */
    uses,
    remainingUses: p.maxUses === null ? null : Math.max(0, p.maxUses - uses.live),
    createdAt: iso(p.createdAt)!,
    updatedAt: iso(p.updatedAt)!,
  };
}

async function promoUses(db: Db, shopId: string, ids: string[], now: number) {
  const grouped = byRef(await liveUsesOf(db, shopId, ids, now));
  return (id: string) => {
    const rows = grouped.get(id) ?? [];
    const live = rows.reduce((n, r) => n + Number(r.uses), 0);
    const used = rows.reduce((n, r) => n + Number(r.used), 0);
    return { live, used, held: live - used };
  };
}

export async function createPromoCode(db: Db, shop: Shop, input: PromoInput, now: number) {
  const values = {
    discountValue: 0,
    per: 'ticket' as const,
    eventIds: [],
    performanceIds: [],
    zoneIds: [],
    tariffIds: [],
    unlockTariffIds: [],
    validFrom: null,
    validUntil: null,
    maxTicketsPerOrder: null,
    ...input,
  };
  assertPromoCoherent(values);
  await assertScopeOf(db, shop.id, values);
  const id = newId('prm');
  const { code: _typed, ...fields } = values;
  const { results } = await insertWithCode<[PromoRow[]]>(db, shop.id, 'promo', id, input.code, newPromoCode, (code) => [
    db
      .insert(promoCodes)
      .values({ ...fields, name: fields.name || code, id, shopId: shop.id, code, createdAt: now, updatedAt: now })
      .returning(),
  ]);
  return { ...promoView(results[0][0]!, { live: 0, used: 0, held: 0 }), warnings: promoCodeWarnings(input.code) };
}

export async function listPromoCodes(db: Db, shopId: string, query: PageQuery, now: number) {
  const rows = await db
    .select()
    .from(promoCodes)
    .where(and(eq(promoCodes.shopId, shopId), pageFilter(promoCodes, query.cursor)))
    .orderBy(desc(promoCodes.createdAt), desc(promoCodes.id))
    .limit(query.limit + 1);
  const { shown, nextCursor } = page(rows, query.limit);
  const uses = await promoUses(db, shopId, shown.map((p) => p.id), now);
  return { promoCodes: shown.map((p) => promoView(p, uses(p.id))), nextCursor };
}

async function promoOf(db: Db, shopId: string, id: string) {
  const [row] = await db
    .select()
    .from(promoCodes)
    .where(and(eq(promoCodes.id, id), eq(promoCodes.shopId, shopId)));
  if (!row) throw new ApiError(404, 'promo_code_not_found', 'There is no promo code with this id in your shop.');
  return row;
}

export async function getPromoCode(db: Db, shopId: string, id: string, now: number) {
  const promo = await promoOf(db, shopId, id);
  return promoView(promo, (await promoUses(db, shopId, [id], now))(id));
}

export async function updatePromoCode(db: Db, shop: Shop, id: string, patch: Partial<PromoInput>, now: number) {
  const current = await promoOf(db, shop.id, id);
  const next = { ...current, ...patch };
  assertPromoCoherent(next);
  await assertScopeOf(db, shop.id, patch);
  const { code, ...fields } = patch;
  const renamed = code !== undefined && code !== current.code;
  const statements: Statement[] = [];
  if (renamed) {
    // The code text of a code someone has used stays: receipts and reports name it. Decided in the batch.
    statements.push(
      db.insert(batchGuard).values({ name: 'promo_code_unused', ok: sql`NOT EXISTS (SELECT 1 FROM ${codeUses} WHERE ${codeUses.refId} = ${id})` }),
      db.update(codes).set({ code }).where(and(eq(codes.shopId, shop.id), eq(codes.refId, id))),
    );
  }
  statements.push(
    db
      .update(promoCodes)
      .set({ ...fields, ...(renamed ? { code } : {}), updatedAt: now })
      .where(and(eq(promoCodes.id, id), eq(promoCodes.shopId, shop.id)))
      .returning(),
  );
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isGuardFailure(err)) throw new ApiError(409, 'code_in_use', 'This code has already been used: its text can no longer change. Create a new code instead.');
    if (renamed && isCodeTaken(err)) throw codeTaken(code);
    if (isCheckViolation(err, 'promo_codes')) throw new ApiError(400, 'invalid_discount', 'The discount or limits are not valid together.');
    throw err;
  }
  return { ...(await getPromoCode(db, shop.id, id, now)), warnings: promoCodeWarnings(renamed ? code : undefined) };
}

// ---------------------------------------------------------------------------------------
// Pass products and passes.

export function passProductView(p: PassProductRow, sold?: number) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    price: p.price,
    eventIds: p.eventIds,
    performanceIds: p.performanceIds,
    zoneIds: p.zoneIds,
    maxPerformances: p.maxPerformances,
    seatsPerPerformance: p.seatsPerPerformance,
    validUntil: iso(p.validUntil),
    onSale: p.onSale,
    ...(sold !== undefined ? { passesIssued: sold } : {}),
    createdAt: iso(p.createdAt)!,
  };
}

async function passProductOf(db: Db, shopId: string, id: string) {
  const [row] = await db
    .select()
    .from(passProducts)
    .where(and(eq(passProducts.id, id), eq(passProducts.shopId, shopId)));
  if (!row) throw new ApiError(404, 'pass_product_not_found', 'There is no pass product with this id in your shop.');
  return row;
}

export async function listPassProducts(db: Db, shopId: string) {
  const rows = await db.select().from(passProducts).where(eq(passProducts.shopId, shopId)).orderBy(desc(passProducts.createdAt));
  const counts = await db
    .select({ productId: accessPasses.productId, n: sql<number>`count(*)` })
    .from(accessPasses)
    .where(and(eq(accessPasses.shopId, shopId), eq(accessPasses.status, 'active')))
    .groupBy(accessPasses.productId);
  const sold = new Map(counts.map((c) => [c.productId, Number(c.n)]));
  return { passProducts: rows.map((p) => passProductView(p, sold.get(p.id) ?? 0)) };
}

export type PassProductInput = Omit<typeof passProducts.$inferInsert, 'id' | 'shopId' | 'createdAt'>;

export async function createPassProduct(db: Db, shopId: string, input: PassProductInput, now: number) {
  await assertScopeOf(db, shopId, input);
  const [row] = await db
    .insert(passProducts)
    .values({ ...input, id: newId('pps'), shopId, createdAt: now })
    .returning();
  return passProductView(row!, 0);
}

export async function updatePassProduct(db: Db, shopId: string, id: string, patch: Partial<PassProductInput>) {
  const current = await passProductOf(db, shopId, id);
  await assertScopeOf(db, shopId, patch);
  const [row] = Object.keys(patch).length
    ? await db
        .update(passProducts)
        .set(patch)
        .where(and(eq(passProducts.id, id), eq(passProducts.shopId, shopId)))
        .returning()
    : [current];
  return passProductView(row!);
}

/** What a pass has used: performances (of its limit) and seats per performance, from live uses. */
function passUsage(rows: { performanceId: string; tickets: number }[]) {
  const perPerformance = rows.filter((r) => Number(r.tickets) > 0).map((r) => ({ performanceId: r.performanceId, seats: Number(r.tickets) }));
  return { performancesUsed: perPerformance.length, seatsUsed: perPerformance.reduce((n, r) => n + r.seats, 0), perPerformance };
}

export function passView(p: PassRow, product: Pick<PassProductRow, 'name' | 'maxPerformances' | 'seatsPerPerformance'> | undefined, usage: ReturnType<typeof passUsage>) {
  return {
    id: p.id,
    productId: p.productId,
    productName: product?.name ?? null,
    code: p.code,
    holderName: p.holderName,
    holderEmail: p.holderEmail,
    status: p.status,
    validUntil: iso(p.validUntil),
    source: p.productOrderId ? ('sold' as const) : ('issued' as const),
    maxPerformances: product?.maxPerformances ?? null,
    seatsPerPerformance: product?.seatsPerPerformance ?? null,
    usage,
    createdAt: iso(p.createdAt)!,
  };
}

export interface IssuePassInput {
  productId: string;
  holderName: string;
  holderEmail: string | null;
  code?: string | undefined;
  validUntil?: number | null | undefined;
  /** The holder's language for the e-mail (default: the shop's). */
  language?: Language | undefined;
  /** With holderEmail: send the holder the code (default true). */
  notifyHolder: boolean;
}

/** The statement that creates a pass; its registry row comes with insertWithCode. */
export function insertPassStatement(db: Db, row: typeof accessPasses.$inferInsert) {
  return db.insert(accessPasses).values(row).returning();
}

/** A pass issued at the box office or as a gift; with holderEmail the holder gets its code by e-mail, in the same batch. */
export async function issuePass(db: Db, shop: Shop, input: IssuePassInput, now: number) {
  const shopId = shop.id;
  const product = await passProductOf(db, shopId, input.productId);
  const id = newId('pas');
  const validUntil = input.validUntil === undefined ? product.validUntil : input.validUntil;
  const { results } = await insertWithCode<[PassRow[]]>(db, shopId, 'pass', id, input.code, newSecretCode, (code) => [
    insertPassStatement(db, { id, shopId, productId: product.id, code, holderName: input.holderName, holderEmail: input.holderEmail, validUntil, createdAt: now }),
    ...(input.holderEmail && input.notifyHolder
      ? [
          queueCodeMessage(
            db,
            {
              shopId,
              kind: 'pass_issued',
              dedupeKey: `pass_issued:${id}`,
              recipient: input.holderEmail,
              recipientName: input.holderName,
              language: input.language ?? shop.defaultLocale,
              payload: {
                sale: { shopId, shopName: shop.name, brandColor: shop.brandColor, timeZone: shop.timeZone, currency: shop.currency, orderNumber: null, buyerName: input.holderName, amount: 0 },
                pass: {
                  code,
                  productName: product.name,
                  description: product.description,
                  holderName: input.holderName,
                  maxPerformances: product.maxPerformances,
                  seatsPerPerformance: product.seatsPerPerformance,
                  validUntil,
                },
              },
            },
            now,
          ),
        ]
      : []),
  ]);
  return passView(results[0][0]!, product, passUsage([]));
}

async function passesWithUsage(db: Db, shopId: string, rows: PassRow[], now: number) {
  const productIds = [...new Set(rows.map((r) => r.productId))];
  const products = await inSlices(productIds, (slice) => db.select().from(passProducts).where(and(eq(passProducts.shopId, shopId), inArray(passProducts.id, slice))));
  const productById = new Map(products.map((p) => [p.id, p]));
  const uses = byRef(await liveUsesOf(db, shopId, rows.map((r) => r.id), now));
  return rows.map((p) => passView(p, productById.get(p.productId), passUsage(uses.get(p.id) ?? [])));
}

export async function listPasses(db: Db, shopId: string, query: PageQuery & { productId?: string | undefined }, now: number) {
  const rows = await db
    .select()
    .from(accessPasses)
    .where(and(eq(accessPasses.shopId, shopId), query.productId ? eq(accessPasses.productId, query.productId) : undefined, pageFilter(accessPasses, query.cursor)))
    .orderBy(desc(accessPasses.createdAt), desc(accessPasses.id))
    .limit(query.limit + 1);
  const { shown, nextCursor } = page(rows, query.limit);
  return { passes: await passesWithUsage(db, shopId, shown, now), nextCursor };
}

export async function updatePass(db: Db, shopId: string, id: string, patch: { status?: 'cancelled' | undefined; holderName?: string | undefined; holderEmail?: string | null | undefined }, now: number) {
  const [current] = await db
    .select()
    .from(accessPasses)
    .where(and(eq(accessPasses.id, id), eq(accessPasses.shopId, shopId)));
  if (!current) throw new ApiError(404, 'pass_not_found', 'There is no pass with this id in your shop.');
  // Cancelling stops new bookings; seats already booked with it stay booked.
  const [row] = Object.keys(patch).length
    ? await db
        .update(accessPasses)
        .set(patch)
        .where(and(eq(accessPasses.id, id), eq(accessPasses.shopId, shopId)))
        .returning()
    : [current];
  return (await passesWithUsage(db, shopId, [row!], now))[0]!;
}

// ---------------------------------------------------------------------------------------
// Gift vouchers.

export function voucherView(v: VoucherRow, redeemed: number, now: number) {
  const expired = v.expiresAt !== null && v.expiresAt <= now;
  return {
    id: v.id,
    code: v.code,
    initialAmount: v.initialAmount,
    currency: v.currency,
    /** The initial amount minus live redemptions (paid orders and carts holding it now). */
    balance: v.initialAmount - redeemed,
    redeemed,
    expiresAt: iso(v.expiresAt),
    /** `expired` is derived from expiresAt; the stored status stays active. */
    status: v.status === 'active' && expired ? ('expired' as const) : v.status,
    source: v.source,
    note: v.note,
    createdAt: iso(v.createdAt)!,
  };
}

/** Default expiry of a new voucher: the shop's validity in days from now. */
export const voucherExpiry = (shop: Pick<Shop, 'voucherValidityDays'>, now: number) => now + shop.voucherValidityDays * DAY;

export function insertVoucherStatement(db: Db, row: typeof giftVouchers.$inferInsert) {
  return db.insert(giftVouchers).values(row).returning();
}

export interface IssueVoucherInput {
  amount: number;
  expiresAt?: number | null | undefined;
  note: string;
  code?: string | undefined;
  recipientName?: string | undefined;
  recipientEmail?: string | undefined;
  language?: Language | undefined;
}

/** A voucher issued by the organizer; with recipientEmail the recipient gets its code by e-mail, in the same batch. */
export async function issueVoucher(db: Db, shop: Shop, input: IssueVoucherInput, now: number) {
  if (input.expiresAt != null && input.expiresAt <= now) throw new ApiError(400, 'invalid_window', 'expiresAt must be in the future.');
  const id = newId('vch');
  const expiresAt = input.expiresAt === undefined ? voucherExpiry(shop, now) : input.expiresAt;
  const { results } = await insertWithCode<[VoucherRow[]]>(db, shop.id, 'voucher', id, input.code, newSecretCode, (code) => [
    insertVoucherStatement(db, { id, shopId: shop.id, code, initialAmount: input.amount, currency: shop.currency, expiresAt, source: 'issued', note: input.note, createdAt: now }),
    ...(input.recipientEmail && input.recipientName
      ? [
          queueCodeMessage(
            db,
            {
              shopId: shop.id,
              kind: 'voucher_issued',
              dedupeKey: `voucher_issued:${id}`,
              recipient: input.recipientEmail,
              recipientName: input.recipientName,
              language: input.language ?? shop.defaultLocale,
              payload: {
                sale: { shopId: shop.id, shopName: shop.name, brandColor: shop.brandColor, timeZone: shop.timeZone, currency: shop.currency, orderNumber: null, buyerName: input.recipientName, amount: 0 },
                voucher: { code, amount: input.amount, recipientName: input.recipientName, expiresAt },
              },
            },
            now,
          ),
        ]
      : []),
  ]);
  return voucherView(results[0][0]!, 0, now);
}

async function redeemedOf(db: Db, shopId: string, ids: string[], now: number) {
  const grouped = byRef(await liveUsesOf(db, shopId, ids, now));
  return (id: string) => (grouped.get(id) ?? []).reduce((n, r) => n + Number(r.amount), 0);
}

export async function listVouchers(db: Db, shopId: string, query: PageQuery, now: number) {
  const rows = await db
    .select()
    .from(giftVouchers)
    .where(and(eq(giftVouchers.shopId, shopId), pageFilter(giftVouchers, query.cursor)))
    .orderBy(desc(giftVouchers.createdAt), desc(giftVouchers.id))
    .limit(query.limit + 1);
  const { shown, nextCursor } = page(rows, query.limit);
  const redeemed = await redeemedOf(db, shopId, shown.map((v) => v.id), now);
  return { vouchers: shown.map((v) => voucherView(v, redeemed(v.id), now)), nextCursor };
}

async function voucherOf(db: Db, shopId: string, id: string) {
  const [row] = await db
    .select()
    .from(giftVouchers)
    .where(and(eq(giftVouchers.id, id), eq(giftVouchers.shopId, shopId)));
  if (!row) throw new ApiError(404, 'voucher_not_found', 'There is no voucher with this id in your shop.');
  return row;
}

/** One voucher with every redemption: live ones count against the balance, released ones are shown for the record. */
export async function getVoucher(db: Db, shopId: string, id: string, now: number) {
  const voucher = await voucherOf(db, shopId, id);
  const rows = await db
    .select({
      id: codeUses.id,
      state: codeUses.state,
      live: sql<number>`${liveUse(now)}`,
      amount: codeUses.amount,
      performanceId: codeUses.performanceId,
      orderNumber: orders.number,
      createdAt: codeUses.createdAt,
    })
    .from(codeUses)
    .leftJoin(orders, eq(orders.id, codeUses.orderId))
    .where(and(eq(codeUses.shopId, shopId), eq(codeUses.refId, id)))
    .orderBy(desc(codeUses.createdAt));
  const redeemed = rows.filter((r) => Number(r.live) === 1).reduce((n, r) => n + r.amount, 0);
  return {
    ...voucherView(voucher, redeemed, now),
    redemptions: rows.map((r) => ({
      id: r.id,
      // A held use whose cart lapsed counts as released, as it no longer takes anything.
      state: Number(r.live) === 1 ? r.state : ('released' as const),
      amount: r.amount,
      orderNumber: r.orderNumber,
      performanceId: r.performanceId,
      createdAt: iso(r.createdAt)!,
    })),
  };
}

export async function updateVoucher(db: Db, shopId: string, id: string, patch: { status?: 'cancelled' | undefined; note?: string | undefined }, now: number) {
  await voucherOf(db, shopId, id);
  if (Object.keys(patch).length) {
    await db
      .update(giftVouchers)
      .set(patch)
      .where(and(eq(giftVouchers.id, id), eq(giftVouchers.shopId, shopId)));
  }
  return getVoucher(db, shopId, id, now);
}
