import { and, eq, gt, sql } from 'drizzle-orm';
import { codeUses } from '../../../db/schema/codes.js';
import { gaClaims, holds, seatClaims } from '../../../db/schema/inventory.js';
import { type BatchStatement, compiledCache, runBatch } from '../bound-statements.js';
import { type Db, isGuardFailure, isSeatTicketedTwice } from '../db.js';
import type { HoldItem, PricedOrder } from '../domain/pricing.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { loadPerformance } from './catalog.js';
import { appliedCodes, type CodeContext, codeRefusal, loadCodeContext, type PerformanceRef, priceWithCodes, resolvedCodes, sellUseStatements } from './code-pricing.js';
import { codeLimitGuards } from './code-uses.js';
import { assertHoldUsable, holdItems, type HoldRow } from './holds.js';
import { inventoryVersionBumped } from './new-hold-statements.js';
import { claimOfferStatement } from './waiting-list-statements.js';
import { guard, holdAtVersion, itemLists, placeTariffIn, seatPairIn, soldAsPriced } from './ledger-guards.js';

const p = (name: string) => sql.placeholder(name);
const heldLive = (table: typeof seatClaims | typeof gaClaims) => and(eq(table.holdId, p('holdId')), eq(table.state, 'held'), gt(table.expiresAt, p('now')));
const soldTo = { state: 'sold' as const, orderId: sql`${p('orderId')}`, expiresAt: null };
const sellSeats = compiledCache((db) =>
  db
    .update(seatClaims)
    .set(soldTo)
    .where(and(heldLive(seatClaims), eq(seatClaims.performanceId, p('performanceId')), seatPairIn(p('seatJson')))),
);
const sellPlaces = compiledCache((db) =>
  db
    .update(gaClaims)
    .set(soldTo)
    .where(and(heldLive(gaClaims), placeTariffIn(p('placeJson')))),
);
const convertHold = compiledCache((db) => db.update(holds).set({ status: 'converted' }).where(eq(holds.id, p('holdId'))));

/**
 * The statements that hand a hold's seats and places to an order for good. They name what
 * was priced and ticketed: the hold must still be at the version that was read before the
 * pricing (any change of its seats, tariffs or codes moves it), and exactly the priced seats,
 * at their tariffs, and places become sold to the order; else the batch aborts. Card, free
 * and invoice checkouts share them. Compiled once and bound per sale (a flash sale's checkouts).
 */
export function sellHoldStatements(db: Db, hold: HoldRow, orderId: string, items: readonly HoldItem[], now: number): BatchStatement[] {
  const { seats, places, seatJson, placeJson } = itemLists(items);
  const values = { holdId: hold.id, performanceId: hold.performanceId, orderId, now, seatJson, placeJson };
  return [
    holdAtVersion(db, hold, now),
    ...(seats.length > 0 ? [sellSeats(db)(values)] : []),
    ...(places.length > 0 ? [sellPlaces(db)(values)] : []),
    soldAsPriced(db, hold.id, hold.performanceId, orderId, items),
    convertHold(db)(values),
    ...(hold.channel === 'waitlist' ? [claimOfferStatement(db, hold.id, now)] : []),
    inventoryVersionBumped(db, hold.performanceId),
  ];
}

/** The cart is no longer what was priced: nothing was sold or charged. */
export const holdChanged = () => new ApiError(409, 'hold_changed', 'Your cart changed while paying. Nothing was charged. Please review your cart and pay again.');

/**
 * Runs the batch that sells a hold; a failed guard becomes the answer the buyer can act on. A
 * valid ticket already on one of the seats (tickets_valid_seat_uq) means the ledger lost it: refused too.
 */
export async function runSaleBatch(db: Db, statements: BatchStatement[], hold: HoldRow, now: number) {
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (isGuardFailure(err) || isSeatTicketedTwice(err)) {
      const [current] = await db.select().from(holds).where(eq(holds.id, hold.id));
      if (current) assertHoldUsable(current, now);
      throw holdChanged();
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
 * are asserted again, and each use that was priced as applied must now be used by the order
 * (a code removed while paying aborts the sale).
 */
export function sellCodeStatements(db: Db, sale: SalePricing, hold: HoldRow, orderId: string, now: number): BatchStatement[] {
  const appliedUseIds = sale.codes.uses.filter((use) => sale.priced.codes.some((o) => o.id === use.refId && o.applied)).map((use) => use.id);
  const applied = appliedUseIds.length > 0 ? 1 : 0;
  return [
    ...sellUseStatements(db, sale.codes, sale.priced, orderId, now),
    codesIntact(db, applied)({ holdId: hold.id, orderId, ids: JSON.stringify(appliedUseIds), count: appliedUseIds.length }),
    ...codeLimitGuards(db, resolvedCodes(sale.codes), hold.performanceId, now),
  ];
}

/** The guard of sellCodeStatements, compiled once per database for a sale without applied codes (shape 0) and one with (1). */
const codesIntact = compiledCache((db, applied) => {
  const usedByOrder = and(eq(codeUses.holdId, p('holdId')), eq(codeUses.orderId, p('orderId')), eq(codeUses.state, 'used'));
  return guard(
    db,
    'codes_intact',
    applied === 0
      ? sql`NOT EXISTS (SELECT 1 FROM ${codeUses} WHERE ${usedByOrder})`
      : sql`(SELECT count(*) FROM ${codeUses} WHERE ${usedByOrder} AND ${codeUses.id} IN (SELECT value FROM json_each(${p('ids')}))) = ${p('count')}
            AND NOT EXISTS (SELECT 1 FROM ${codeUses} WHERE ${usedByOrder} AND ${codeUses.id} NOT IN (SELECT value FROM json_each(${p('ids')})))`,
  );
});

/**
 * The same pricing again just before the sale: the same amounts and the same tickets (each
 * seat or place at its tariff and price), so a code's balance spent elsewhere meanwhile stops
 * the sale. The hold itself cannot have changed: the sale asserts the version that was priced.
 */
export function samePricing(a: PricedOrder, b: PricedOrder) {
  const ticketsOf = (p: PricedOrder) => JSON.stringify(p.tickets.map((t) => [t.itemIndex, t.seatId, t.tariffId, t.netPrice, t.fee, t.insurancePremium, t.passId, t.promoId]));
  return (
    a.total === b.total && a.amountDue === b.amountDue && a.paidByVouchers === b.paidByVouchers && a.discount === b.discount && a.insurance === b.insurance && ticketsOf(a) === ticketsOf(b)
  );
}
