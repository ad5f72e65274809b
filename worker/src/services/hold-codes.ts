import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { performances, tariffs } from '../../../db/schema/catalog.js';
import { codeUses } from '../../../db/schema/codes.js';
import { gaClaims, gaInventory, holds, seatClaims } from '../../../db/schema/inventory.js';
import { type Db, isGuardFailure, isUniqueViolation } from '../db.js';
import { isWellFormedCode, normalizeCode } from '../../../contract/code-format.js';
import { newId } from '../domain/ids.js';
import type { HoldItem } from '../domain/pricing.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { loadPerformance } from './catalog.js';
import { lookupCode, type ResolvedCode } from './code-lookup.js';
import { codeRefusal, codeSyncStatements, type CodeContext, loadCodeContext, priceWithCodes, unlockedTariffIds } from './code-pricing.js';
import { codeLimitGuards, type CodeUseRow, liveUsage, onePromoGuard } from './code-uses.js';
import { assertHoldUsable, getHoldView, guardHoldActive, holdItems, loadActiveHold } from './holds.js';
import { bumpHoldVersion } from './ledger-guards.js';
import type { HoldView, HoldWithoutCode } from '../../../contract/responses/holds.js';

type Statement = BatchItem<'sqlite'>;

/**
 * Codes typed into a hold's one code field: applied (reserving a promo code's use or a pass's
 * performance and seats in the same batch, under guards over the live ledger) and removed.
 * Hard refusals change nothing and say why; soft outcomes stay on the hold (code-pricing.ts).
 */

const notFound = (normalized: string) => new ApiError(404, 'code_not_found', `There is no code ${normalized} in this shop.`, { code: normalized });

async function holdSetting(db: Db, shop: Shop, holdId: string, now: number) {
  const hold = await loadActiveHold(db, shop, holdId, now);
  const { performance } = await loadPerformance(db, shop.id, hold.performanceId);
  const [items, context] = await Promise.all([holdItems(db, hold, now), loadCodeContext(db, shop.id, hold, now)]);
  return { hold, performance, items, context };
}

export async function applyCode(db: Db, shop: Shop, holdId: string, typed: string, now: number): Promise<HoldView> {
  const normalized = normalizeCode(typed);
  const { hold, performance, items, context } = await holdSetting(db, shop, holdId, now);
  const code = isWellFormedCode(normalized) ? await lookupCode(db, shop.id, normalized) : null;
  if (!code) throw notFound(normalized);
  if (context.uses.some((u) => u.refId === code.refId)) {
    throw new ApiError(409, 'code_already_applied', `The code ${code.code} is already applied to this order.`, { code: code.code });
  }
  const usage = (await liveUsage(db, [code.refId], hold.performanceId, hold.id, now)).get(code.refId)!;
  const refused = codeRefusal(shop, code, performance, usage, now);
  if (refused) throw refused;
  if (code.kind === 'promo') {
    const current = context.uses.find((u) => u.kind === 'promo');
    if (current) {
      const currentCode = context.resolved.get(current.refId)?.code ?? '';
      throw new ApiError(409, 'promo_already_applied', `Only one promo code per order: remove ${currentCode} first.`, { code: code.code, current: currentCode });
    }
  }

  const use: CodeUseRow = {
    id: newId('cus'),
    shopId: shop.id,
    kind: code.kind,
    refId: code.refId,
    holdId: hold.id,
    orderId: null,
    performanceId: hold.performanceId,
    state: 'held',
    tickets: 0,
    amount: 0,
    createdAt: now,
    updatedAt: now,
  };
  const withCode: CodeContext = {
    uses: [...context.uses, use],
    resolved: new Map([...context.resolved, [code.refId, code]]),
    usage: new Map([...context.usage, [code.refId, usage]]),
  };
  const priced = priceWithCodes(shop, performance, items, withCode);
  const statements: Statement[] = [
    guardHoldActive(db, hold.id, now),
    bumpHoldVersion(db, hold.id),
    db.insert(codeUses).values(use),
    ...codeSyncStatements(db, withCode, priced, now),
    onePromoGuard(db, hold.id),
    ...codeLimitGuards(db, [code], hold.performanceId, now),
  ];
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isUniqueViolation(err, 'code_uses')) throw new ApiError(409, 'code_already_applied', `The code ${code.code} is already applied to this order.`, { code: code.code });
    if (isGuardFailure(err)) throw await explainLostRace(db, shop, hold.id, code, performance, now);
    throw err;
  }
  return getHoldView(db, shop, hold.id, now);
}

/** After a guard aborted the batch: the hold changed, another buyer took the code's last use, or a second promo won. */
async function explainLostRace(db: Db, shop: Shop, holdId: string, code: ResolvedCode, performance: { id: string; eventId: string }, now: number): Promise<ApiError> {
  const [current] = await db.select().from(holds).where(eq(holds.id, holdId));
  if (current) assertHoldUsable(current, now);
  const usage = (await liveUsage(db, [code.refId], performance.id, holdId, now)).get(code.refId)!;
  const refused = codeRefusal(shop, code, performance, usage, now);
  if (refused) return refused;
  if (code.kind === 'promo') return new ApiError(409, 'promo_already_applied', 'Only one promo code per order: another one was just applied.', { code: code.code });
  return new ApiError(409, 'code_used_up', `The code ${code.code} has been used up.`, { code: code.code });
}

/** What removing an unlocking promo code did to the hold's tickets on hidden tariffs. */
export interface RevertedTariffs {
  seats: { seatId: number; fromTariffId: string; toTariffId: string | null }[];
  quantities: { tariffId: string; quantity: number }[];
}

export async function removeCode(db: Db, shop: Shop, holdId: string, typed: string, now: number): Promise<HoldWithoutCode> {
  const normalized = normalizeCode(typed);
  const { hold, performance, items, context } = await holdSetting(db, shop, holdId, now);
  const use = context.uses.find((u) => context.resolved.get(u.refId)?.code === normalized);
  const reverted: RevertedTariffs = { seats: [], quantities: [] };
  // Removing a code that is not (or no longer) on the hold is already done: a repeated DELETE answers the same.
  if (!use) return { ...(await getHoldView(db, shop, hold.id, now)), reverted };

  const remaining: CodeContext = { ...context, uses: context.uses.filter((u) => u.id !== use.id) };
  const stillUnlocked = unlockedTariffIds(remaining);
  // The desk may sell hidden tariffs without a code: removing one locks nothing there.
  const locked = hold.channel === 'box_office' ? [] : [...unlockedTariffIds(context)].filter((id) => !stillUnlocked.has(id));
  const statements: Statement[] = [guardHoldActive(db, hold.id, now), bumpHoldVersion(db, hold.id), db.delete(codeUses).where(and(eq(codeUses.id, use.id), eq(codeUses.state, 'held')))];
  let after: HoldItem[] = [...items];
  if (locked.length > 0) {
    const revert = await revertHiddenTariffs(db, hold, performance.eventId, items, new Set(locked));
    statements.push(...revert.statements);
    reverted.seats = revert.seats;
    reverted.quantities = revert.quantities;
    after = revert.items;
  }
  const priced = priceWithCodes(shop, performance, after, remaining);
  statements.push(...codeSyncStatements(db, remaining, priced, now));
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isGuardFailure(err)) {
      const [current] = await db.select().from(holds).where(eq(holds.id, hold.id));
      if (current) assertHoldUsable(current, now);
    }
    throw err;
  }
  return { ...(await getHoldView(db, shop, hold.id, now)), reverted };
}

/**
 * Seats on tariffs that are locked again move to their zone's first public tariff (or leave
 * the hold when the zone has none); general-admission places on them are dropped and given
 * back to the counter. Returns the statements and the hold's items as they will be.
 */
async function revertHiddenTariffs(db: Db, hold: { id: string; performanceId: string }, eventId: string, items: HoldItem[], locked: Set<string>) {
  const eventTariffs = await db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.eventId, eventId), eq(tariffs.active, true)))
    .orderBy(asc(tariffs.sortOrder), asc(tariffs.price));
  const lockedHere = new Set(eventTariffs.filter((t) => locked.has(t.id) && t.hidden).map((t) => t.id));
  const statements: Statement[] = [];
  const seats: RevertedTariffs['seats'] = [];
  const quantities: RevertedTariffs['quantities'] = [];
  const after: HoldItem[] = [];
  for (const item of items) {
    if (!lockedHere.has(item.tariffId)) {
      after.push(item);
      continue;
    }
    if (item.seatId !== null) {
      const fallback = eventTariffs.find((t) => !t.hidden && t.zoneId !== null && t.zoneId === item.zoneId);
      const claim = and(eq(seatClaims.holdId, hold.id), eq(seatClaims.seatId, item.seatId), eq(seatClaims.state, 'held'));
      seats.push({ seatId: item.seatId, fromTariffId: item.tariffId, toTariffId: fallback?.id ?? null });
      if (fallback) {
        statements.push(db.update(seatClaims).set({ tariffId: fallback.id }).where(claim));
        after.push({ ...item, tariffId: fallback.id, tariffName: fallback.name, unitPrice: fallback.price });
      } else statements.push(db.delete(seatClaims).where(claim));
    } else quantities.push({ tariffId: item.tariffId, quantity: item.quantity });
  }
  if (quantities.length > 0) {
    const dropped = and(eq(gaClaims.holdId, hold.id), eq(gaClaims.state, 'held'), inArray(gaClaims.tariffId, quantities.map((q) => q.tariffId)));
    statements.push(
      db
        .update(gaInventory)
        .set({ taken: sql`${gaInventory.taken} - (SELECT coalesce(sum(${gaClaims.quantity}), 0) FROM ${gaClaims} WHERE ${dropped})` })
        .where(eq(gaInventory.performanceId, hold.performanceId)),
      db.delete(gaClaims).where(dropped),
    );
  }
  if (seats.length > 0 || quantities.length > 0) {
    statements.push(
      db
        .update(performances)
        .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
        .where(eq(performances.id, hold.performanceId)),
    );
  }
  return { statements, seats, quantities, items: after };
}

