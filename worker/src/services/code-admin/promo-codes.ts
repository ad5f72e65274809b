import type { PromoCodeInput, PromoCodePatch } from '../../../../contract/codes.js';
import { and, desc, eq, sql } from 'drizzle-orm';
import { codes, codeUses, promoCodes } from '../../../../db/schema/codes.js';
import { batchGuard } from '../../../../db/schema/inventory.js';
import { type Db, isCheckViolation, isGuardFailure } from '../../db.js';
import { SHORT_PROMO_CODE_LENGTH } from '../../../../contract/code-format.js';
import { newId } from '../../domain/ids.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import { assertScopeOf, byRef, codeTaken, insertWithCode, isCodeTaken, iso, liveUsesOf, newPromoCode, page, type PageQuery, codeFilter, pageFilter, type Statement } from './shared.js';
import type { PromoCodeList, PromoCodeView, PromoCodeWritten } from '../../../../contract/responses/organizer/codes.js';

export type PromoRow = typeof promoCodes.$inferSelect;

// ---------------------------------------------------------------------------------------
// Promo codes.

/** A new promo code and a change of one, as their request schemas give them. */
export type PromoInput = PromoCodeInput;

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

export async function createPromoCode(db: Db, shop: Shop, input: PromoInput, now: number): Promise<PromoCodeWritten> {
  // PromoCodeBody has applied the defaults (no discount value, per ticket, no scope, no window).
  const values = input;
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

export async function listPromoCodes(db: Db, shopId: string, query: PageQuery, now: number): Promise<PromoCodeList> {
  const rows = await db
    .select()
    .from(promoCodes)
    .where(and(eq(promoCodes.shopId, shopId), codeFilter(promoCodes, shopId, query.code), pageFilter(promoCodes, query.cursor)))
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

export async function getPromoCode(db: Db, shopId: string, id: string, now: number): Promise<PromoCodeView> {
  const promo = await promoOf(db, shopId, id);
  return promoView(promo, (await promoUses(db, shopId, [id], now))(id));
}

export async function updatePromoCode(db: Db, shop: Shop, id: string, patch: PromoCodePatch, now: number): Promise<PromoCodeWritten> {
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
