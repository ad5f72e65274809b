import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { performances } from '../../../db/schema/catalog.js';
import { codeUses } from '../../../db/schema/codes.js';
import { batchGuard, gaClaims, holds, seatClaims } from '../../../db/schema/inventory.js';
import { type Db, isGuardFailure } from '../db.js';
import type { HoldItem, PricedOrder } from '../domain/pricing.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { loadPerformance } from './catalog.js';
import { appliedCodes, type CodeContext, codeRefusal, loadCodeContext, type PerformanceRef, priceWithCodes, resolvedCodes, sellUseStatements } from './code-pricing.js';
import { codeLimitGuards } from './code-uses.js';
import { assertHoldUsable, holdItems, type HoldRow } from './holds.js';

/**
 * The statements that hand a hold's seats and places to an order for good: the hold must
 * still be active and own exactly what was priced (else the batch aborts), its claims become
 * sold to the order and the hold is converted. Card, free and invoice checkouts share them.
 */
export function sellHoldStatements(db: Db, hold: HoldRow, orderId: string, items: readonly HoldItem[], now: number): BatchItem<'sqlite'>[] {
  const seatCount = items.filter((i) => i.seatId !== null).length;
  const gaUnits = items.filter((i) => i.seatId === null).reduce((n, i) => n + i.quantity, 0);
  return [
    db.insert(batchGuard).values({
      name: 'hold_intact',
      ok: sql`EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = ${hold.id} AND ${holds.status} = 'active' AND ${holds.expiresAt} > ${now})
        AND (SELECT count(*) FROM ${seatClaims} WHERE ${seatClaims.holdId} = ${hold.id} AND ${seatClaims.state} = 'held' AND ${seatClaims.expiresAt} > ${now}) = ${seatCount}
        AND (SELECT coalesce(sum(${gaClaims.quantity}), 0) FROM ${gaClaims} WHERE ${gaClaims.holdId} = ${hold.id} AND ${gaClaims.state} = 'held' AND ${gaClaims.expiresAt} > ${now}) = ${gaUnits}`,
    }),
    db
      .update(seatClaims)
      .set({ state: 'sold', orderId, expiresAt: null })
      .where(and(eq(seatClaims.holdId, hold.id), eq(seatClaims.state, 'held'))),
    db
      .update(gaClaims)
      .set({ state: 'sold', orderId, expiresAt: null })
      .where(and(eq(gaClaims.holdId, hold.id), eq(gaClaims.state, 'held'))),
    db.update(holds).set({ status: 'converted' }).where(eq(holds.id, hold.id)),
    db
      .update(performances)
      .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
      .where(eq(performances.id, hold.performanceId)),
  ];
}

/** Runs the batch that sells a hold; a failed hold guard becomes the answer the buyer can act on. */
export async function runSaleBatch(db: Db, statements: BatchItem<'sqlite'>[], hold: HoldRow, now: number) {
  try {
    await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (err) {
    if (isGuardFailure(err)) {
      const [current] = await db.select().from(holds).where(eq(holds.id, hold.id));
      if (current) assertHoldUsable(current, now);
      throw new ApiError(409, 'hold_changed', 'Some seats of this hold were released while paying. Nothing was charged. Please choose again.');
    }
    throw err;
  }
}

/** A hold priced for sale with its codes; a code that has expired or was disabled since it was typed is refused. */
export interface SalePricing {
  performance: PerformanceRef;
  items: HoldItem[];
  codes: CodeContext;
  insured: boolean;
  priced: PricedOrder;
}

export async function priceSale(db: Db, shop: Shop, hold: HoldRow, insured: boolean, now: number): Promise<SalePricing> {
  const [{ performance }, items, codes] = await Promise.all([loadPerformance(db, shop.id, hold.performanceId), holdItems(db, hold, now), loadCodeContext(db, shop.id, hold, now)]);
  for (const use of codes.uses) {
    const code = codes.resolved.get(use.refId);
    const refused = code && codeRefusal(shop, code, performance, codes.usage.get(use.refId)!, now, true);
    if (refused) throw new ApiError(409, refused.code, `${refused.message} Remove it from your order to continue.`, refused.details);
  }
  return { performance: performance, items, codes, insured, priced: priceWithCodes(shop, performance, items, codes, insured) };
}

/** What the order stores of its pricing (the lines, the amounts, the codes). */
export const orderAmounts = (priced: PricedOrder, insured: boolean) => ({
  subtotal: priced.subtotal,
  fees: priced.fees,
  total: priced.total,
  discount: priced.discount,
  insurance: priced.insurance,
  insured,
  paidByVouchers: priced.paidByVouchers,
  codes: appliedCodes(priced),
  lines: priced.lines,
});

/**
 * The hold's codes in the sale batch: what they took becomes used by the order, the limits
 * are asserted again, and the uses must all still be there (a code removed while paying aborts).
 */
export function sellCodeStatements(db: Db, sale: SalePricing, hold: HoldRow, orderId: string, now: number) {
  const applied = sale.priced.codes.filter((o) => o.applied).length;
  return [
    ...sellUseStatements(db, sale.codes, sale.priced, orderId, now),
    db.insert(batchGuard).values({
      name: 'codes_intact',
      ok: sql`(SELECT count(*) FROM ${codeUses} WHERE ${codeUses.holdId} = ${hold.id} AND ${codeUses.orderId} = ${orderId} AND ${codeUses.state} = 'used') = ${applied}`,
    }),
    ...codeLimitGuards(db, resolvedCodes(sale.codes), hold.performanceId, now),
  ];
}

/** The same pricing again just before the sale: a hold (or a code's balance) that changed meanwhile stops it. */
export function samePricing(a: PricedOrder, b: PricedOrder) {
  return a.total === b.total && a.amountDue === b.amountDue && a.paidByVouchers === b.paidByVouchers && a.discount === b.discount && a.ticketCount === b.ticketCount;
}
