import type { BatchItem } from 'drizzle-orm/batch';
import { and, eq, inArray } from 'drizzle-orm';
import { tariffs } from '../../../db/schema/catalog.js';
import { codeUses } from '../../../db/schema/codes.js';
import type { Db } from '../db.js';
import { type HoldItem, type PassOffer, type PricedOrder, type PricingInput, type PricingPolicy, priceOrder, type PromoOffer, type VoucherOffer } from '../domain/pricing.js';
import type { Shop } from '../env.js';
import type { ErrorDetails } from '../../../contract/errors.js';
import { ApiError } from '../errors.js';
import { type ResolvedCode, resolveCodes } from './code-lookup.js';
import { type CodeUsage, type CodeUseRow, holdCodeUses, liveUsage, syncUseStatement } from './code-uses.js';

type Statement = BatchItem<'sqlite'>;

/**
 * The codes on a hold, turned into what the one pricing function needs, and what the buyer
 * is told about them. Reads only; the statements it builds are run by the callers' batches.
 */

export interface PerformanceRef {
  id: string;
  eventId: string;
}

export interface CodeContext {
  /** The hold's uses (held, or used once sold), in the order the codes were typed. */
  uses: CodeUseRow[];
  resolved: Map<string, ResolvedCode>;
  /** What everyone else uses of each code now. */
  usage: Map<string, CodeUsage>;
}

export function pricingPolicy(shop: Shop): PricingPolicy {
  return {
    currency: shop.currency,
    serviceFeePerTicket: shop.serviceFeePerTicket,
    insurance: shop.insuranceEnabled ? { rateBasisPoints: shop.insuranceRateBasisPoints, minimumPremium: shop.insuranceMinimumPremium } : null,
  };
}

export async function loadCodeContext(db: Db, shopId: string, hold: { id: string; performanceId: string }, now: number): Promise<CodeContext> {
  const uses = await holdCodeUses(db, hold.id);
  if (uses.length === 0) return { uses, resolved: new Map(), usage: new Map() };
  const [resolvedList, usage] = await Promise.all([
    resolveCodes(db, shopId, uses),
    liveUsage(
      db,
      uses.map((u) => u.refId),
      hold.performanceId,
      hold.id,
      now,
    ),
  ]);
  return { uses, resolved: new Map(resolvedList.map((r) => [r.refId, r])), usage };
}

const promoOffer = ({ promo }: Extract<ResolvedCode, { kind: 'promo' }>): PromoOffer => ({
  id: promo.id,
  code: promo.code,
  discountType: promo.discountType,
  discountValue: promo.discountValue,
  per: promo.per,
  eventIds: promo.eventIds,
  performanceIds: promo.performanceIds,
  zoneIds: promo.zoneIds,
  tariffIds: promo.tariffIds,
  minTickets: promo.minTickets,
  maxTicketsPerOrder: promo.maxTicketsPerOrder,
});

/** Seats a pass may still book on this performance, given what everyone else uses of it. */
export function passSeatsLeft(code: Extract<ResolvedCode, { kind: 'pass' }>, usage: CodeUsage, performanceId: string): number {
  const { maxPerformances, seatsPerPerformance } = code.product;
  if (maxPerformances !== null && !usage.performanceIds.has(performanceId) && usage.performanceIds.size >= maxPerformances) return 0;
  return Math.max(0, seatsPerPerformance - usage.seatsOnPerformance);
}

export const voucherBalance = (code: Extract<ResolvedCode, { kind: 'voucher' }>, usage: CodeUsage) => Math.max(0, code.voucher.initialAmount - usage.amount);

/**
 * The pricing input of a hold with its codes. A use already sold keeps what it took (a pass's
 * seats, a voucher's amount), so an order is priced again exactly as it was sold.
 */
export function pricingInput(performance: PerformanceRef, items: readonly HoldItem[], context: CodeContext, insured = false): PricingInput {
  let promo: PromoOffer | null = null;
  const passes: PassOffer[] = [];
  const vouchers: VoucherOffer[] = [];
  for (const use of context.uses) {
    const code = context.resolved.get(use.refId);
    if (!code) continue;
    const usage = context.usage.get(use.refId) ?? { uses: 0, performanceIds: new Set<string>(), seatsOnPerformance: 0, amount: 0 };
    const sold = use.state === 'used';
    if (code.kind === 'promo') promo ??= promoOffer(code);
    else if (code.kind === 'pass') {
      passes.push({ id: code.refId, code: code.code, zoneIds: code.product.zoneIds, seatsLeft: sold ? use.tickets : passSeatsLeft(code, usage, performance.id) });
    } else {
      vouchers.push({ id: code.refId, code: code.code, balance: sold ? use.amount : voucherBalance(code, usage), expiresAt: code.voucher.expiresAt });
    }
  }
  return { eventId: performance.eventId, performanceId: performance.id, items, promo, passes, vouchers, insured };
}

export function priceWithCodes(shop: Shop, performance: PerformanceRef, items: readonly HoldItem[], context: CodeContext, insured = false): PricedOrder {
  return priceOrder(pricingInput(performance, items, context, insured), pricingPolicy(shop));
}

/**
 * Codes on the hold that expired or were disabled since they were typed, with the refusal's
 * code: the cart prices without them and says why; checkout refuses until they are removed.
 */
export function lapsedCodes(shop: Shop, context: CodeContext, performance: PerformanceRef, now: number): Map<string, string> {
  const lapsed = new Map<string, string>();
  for (const use of context.uses) {
    const code = context.resolved.get(use.refId);
    const usage = context.usage.get(use.refId);
    if (use.state !== 'held' || !code || !usage) continue;
    const refused = codeRefusal(shop, code, performance, usage, now, true);
    if (refused) lapsed.set(use.refId, refused.code);
  }
  return lapsed;
}

export const withoutCodes = (context: CodeContext, refIds: ReadonlyMap<string, unknown>): CodeContext =>
  refIds.size === 0 ? context : { ...context, uses: context.uses.filter((u) => !refIds.has(u.refId)) };

/** What each code on the hold does, in the order the buyer typed them. */
export function codesView(context: CodeContext, priced: PricedOrder, lapsed: ReadonlyMap<string, string> = new Map()) {
  return context.uses.flatMap((use) => {
    const code = context.resolved.get(use.refId);
    if (!code) return [];
    const why = lapsed.get(use.refId);
    if (why) return [{ code: code.code, kind: code.kind, applied: false, reason: why, tickets: 0, amount: 0 }];
    const outcome = priced.codes.find((o) => o.id === use.refId);
    return [
      {
        code: code.code,
        kind: code.kind,
        applied: outcome?.applied ?? false,
        reason: outcome ? (outcome.reason as string | null) : 'not_valid_for_selection',
        tickets: outcome?.tickets ?? 0,
        amount: outcome?.amount ?? 0,
        ...(outcome?.balanceAfter !== undefined ? { balanceAfter: outcome.balanceAfter } : {}),
        ...(outcome?.minTickets !== undefined ? { minTickets: outcome.minTickets } : {}),
      },
    ];
  });
}

/** The insurance a buyer may opt in to, priced on this hold; null when the shop offers none. */
export function insuranceOffer(shop: Shop, performance: PerformanceRef, items: readonly HoldItem[], context: CodeContext) {
  if (!shop.insuranceEnabled) return null;
  const insured = priceWithCodes(shop, performance, items, context, true);
  return {
    premium: insured.insurance,
    perTicket: insured.tickets.map((t) => t.insurancePremium),
    // The order as it would be with insurance, so the widget shows the API's figures, never its own sums.
    total: insured.total,
    vouchers: insured.vouchers.map(({ code, amount, balanceAfter }) => ({ code, amount, balanceAfter })),
    paidByVouchers: insured.paidByVouchers,
    amountDue: insured.amountDue,
    insurerName: shop.insurerName ?? '',
    termsUrl: shop.insurerTermsUrl,
    contact: shop.insurerContact,
  };
}

/** Hidden tariffs the hold's promo code makes available. */
export function unlockedTariffIds(context: CodeContext): Set<string> {
  const ids = new Set<string>();
  for (const use of context.uses) {
    const code = context.resolved.get(use.refId);
    if (code?.kind === 'promo') for (const id of code.promo.unlockTariffIds) ids.add(id);
  }
  return ids;
}

/** The unlocked tariffs of this event, shaped like the catalogue's tariffs. */
export async function unlockedTariffs(db: Db, eventId: string, ids: Set<string>, seated: boolean) {
  if (ids.size === 0) return [];
  const rows = await db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.eventId, eventId), eq(tariffs.active, true), inArray(tariffs.id, [...ids])))
    .orderBy(tariffs.sortOrder, tariffs.price);
  return rows.filter((t) => (seated ? t.zoneId !== null : t.zoneId === null)).map((t) => ({ id: t.id, zoneId: t.zoneId, name: t.name, price: t.price }));
}

/** Statements that bring the hold's held uses in step with a new pricing of the hold. */
export function codeSyncStatements(db: Db, context: CodeContext, priced: PricedOrder, now: number): Statement[] {
  return context.uses.flatMap((use) => {
    const code = context.resolved.get(use.refId);
    if (!code || use.state !== 'held') return [];
    const outcome = priced.codes.find((o) => o.id === use.refId);
    return [syncUseStatement(db, use, code, outcome?.tickets ?? 0, outcome?.amount ?? 0, now)];
  });
}

/**
 * Checkout's reservation: every held use gets exactly what the pricing gives (a voucher the
 * amount it pays); the caller adds the limit guards to the same batch.
 */
export function reserveUseStatements(db: Db, context: CodeContext, priced: PricedOrder, now: number): Statement[] {
  return context.uses
    .filter((use) => use.state === 'held')
    .map((use) => {
      const outcome = priced.codes.find((o) => o.id === use.refId);
      return db
        .update(codeUses)
        .set({ tickets: outcome?.tickets ?? 0, amount: outcome?.amount ?? 0, updatedAt: now })
        .where(and(eq(codeUses.id, use.id), eq(codeUses.state, 'held')));
    });
}

/**
 * The sale: uses that did something become used by the order, with what they took; the
 * others are given back (a promo code below its minimum does not spend a use).
 */
export function sellUseStatements(db: Db, context: CodeContext, priced: PricedOrder, orderId: string, now: number): Statement[] {
  return context.uses
    .filter((use) => use.state === 'held')
    .map((use) => {
      const outcome = priced.codes.find((o) => o.id === use.refId);
      const held = and(eq(codeUses.id, use.id), eq(codeUses.state, 'held'));
      if (!outcome?.applied) return db.update(codeUses).set({ state: 'released', updatedAt: now }).where(held);
      return db.update(codeUses).set({ state: 'used', orderId, tickets: outcome.tickets, amount: outcome.amount, updatedAt: now }).where(held);
    });
}

/** The normalized codes that did something to the order, for orders.codes. */
export const appliedCodes = (priced: PricedOrder) => priced.codes.filter((o) => o.applied).map((o) => o.code);

/** The codes of the context, resolved (for the limit guards). */
export const resolvedCodes = (context: CodeContext): ResolvedCode[] => [...context.resolved.values()];

/** The codes a code's refusal answers with; each carries the code and what else explains it. */
export type CodeRefusalCode = 'code_not_valid_for_performance' | 'code_used_up' | 'code_expired' | 'code_disabled' | 'code_not_yet_valid' | 'voucher_currency_mismatch';

const refusal = <C extends CodeRefusalCode>(code: C, message: string, details: ErrorDetails<C>): ApiError<CodeRefusalCode> =>
  new ApiError<CodeRefusalCode>(409, code, message, details as ErrorDetails<CodeRefusalCode>);

/**
 * Why a code cannot be used on this performance now, or null. `validityOnly` leaves out the
 * limits (at checkout, the hold's own reservation counts and the batch asserts them).
 */
export function codeRefusal(shop: Shop, code: ResolvedCode, performance: PerformanceRef, usage: CodeUsage, now: number, validityOnly = false): ApiError<CodeRefusalCode> | null {
  const c = code.code;
  const outOfScope = (eventIds: readonly string[], performanceIds: readonly string[]) =>
    (eventIds.length > 0 && !eventIds.includes(performance.eventId)) || (performanceIds.length > 0 && !performanceIds.includes(performance.id));
  const notForThis = () => refusal('code_not_valid_for_performance', `The code ${c} is not valid for this performance.`, { code: c });
  const usedUp = () => refusal('code_used_up', `The code ${c} has been used up.`, { code: c });
  const expired = () => refusal('code_expired', `The code ${c} has expired.`, { code: c });
  const disabled = () => refusal('code_disabled', `The code ${c} is no longer valid.`, { code: c });
  if (code.kind === 'promo') {
    const { promo } = code;
    if (!promo.active) return disabled();
    if (promo.validFrom !== null && now < promo.validFrom) {
      return refusal('code_not_yet_valid', `The code ${c} is not valid yet.`, { code: c, validFrom: new Date(promo.validFrom).toISOString() });
    }
    if (promo.validUntil !== null && now >= promo.validUntil) return expired();
    if (outOfScope(promo.eventIds, promo.performanceIds)) return notForThis();
    if (!validityOnly && promo.maxUses !== null && usage.uses >= promo.maxUses) return usedUp();
    return null;
  }
  if (code.kind === 'pass') {
    const { pass, product } = code;
    if (pass.status !== 'active') return disabled();
    const validUntil = pass.validUntil ?? product.validUntil;
    if (validUntil !== null && now >= validUntil) return expired();
    if (outOfScope(product.eventIds, product.performanceIds)) return notForThis();
    if (validityOnly) return null;
    if (product.maxPerformances !== null && !usage.performanceIds.has(performance.id) && usage.performanceIds.size >= product.maxPerformances) return usedUp();
    if (usage.seatsOnPerformance >= product.seatsPerPerformance) {
      return refusal('code_not_valid_for_performance', `The pass ${c} has already booked its seats for this performance.`, { code: c });
    }
    return null;
  }
  const { voucher } = code;
  if (voucher.status !== 'active') return disabled();
  if (voucher.expiresAt !== null && now >= voucher.expiresAt) return expired();
  if (voucher.currency !== shop.currency) {
    return refusal('voucher_currency_mismatch', `The voucher ${c} is in ${voucher.currency}; this shop sells in ${shop.currency}.`, { code: c, currency: voucher.currency });
  }
  if (!validityOnly && voucherBalance(code, usage) <= 0) return usedUp();
  return null;
}
