import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { performances } from '../../../db/schema/catalog.js';
import { batchGuard, gaClaims, gaInventory, seatClaims } from '../../../db/schema/inventory.js';
import { orderCancellations, orders, type refundMethods, tickets } from '../../../db/schema/orders.js';
import { type Db, isGuardFailure } from '../db.js';
import type { Deps, Shop } from '../env.js';
import { insertWhere } from '../conditional-insert.js';
import { ApiError } from '../errors.js';
import { qualified } from '../sql-columns.js';
import { notAwaitingPayment, loadShopOrder } from './invoice-orders.js';
import { loadPerformanceContext, orderFacts, recipientOf } from './message-facts.js';
import { dedupeKeys, type QueuedMessage, queueMessageWhere } from './outbox.js';

type Statement = BatchItem<'sqlite'>;
type OrderRow = typeof orders.$inferSelect;

export interface CancellationRecord {
  reason: string;
  refundMethod: (typeof refundMethods)[number];
  refundAmount: number;
  actor: 'system' | 'organizer';
  actorTokenId: string | null;
}

/**
 * The statements that cancel whole orders whose tickets were not issued yet (unpaid
 * invoices), one order or a job's chunk at once: each cancellation is recorded, seats and
 * places go back on sale, the orders are cancelled and the buyers' notices queued. Which
 * of `orderIds` are cancelled is decided when the batch runs, by `cancellable` (a
 * condition on the orders table): an order paid or cancelled meanwhile is left alone, and
 * a second run finds nothing left to do. The orders' own update comes last because it
 * changes the condition; its RETURNING lists the orders cancelled.
 *
 * The statements work on the set, not per order, so a chunk of 40 costs about as many
 * statements as one order plus one per notice. D1 binds at most 100 parameters a
 * statement: each statement carries the ids once, so keep orderIds under about 80.
 * Lookups go through the orders' ids and holds: a unary + keeps SQLite from scanning a
 * whole performance's claims (or every due order) instead.
 */
export function cancelOrdersStatements(
  db: Db,
  orderIds: string[],
  performanceIds: string[],
  cancellable: SQL,
  record: CancellationRecord,
  notices: QueuedMessage<'order_cancelled'>[],
  now: number,
): Statement[] {
  const doomed = and(inArray(orders.id, orderIds), cancellable)!;
  const doomedHolds = sql`(SELECT ${qualified(orders.holdId)} FROM ${orders} WHERE ${doomed})`;
  const doomedIds = sql`(SELECT ${qualified(orders.id)} FROM ${orders} WHERE ${doomed})`;
  return [
    insertWhere(
      db,
      orderCancellations,
      { id: sql`'ocx_' || lower(hex(randomblob(8)))`, shopId: qualified(orders.shopId), orderId: qualified(orders.id), scope: 'order', ...record, createdAt: now },
      doomed,
      orders,
    ),
    ...notices.map((notice) => queueMessageWhere(db, notice, now, sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${eq(orders.id, notice.orderId)} AND ${cancellable})`)),
    // Claims are found through the orders' holds (indexed); sold claims keep their hold id.
    ...performanceIds.map((performanceId) =>
      db
        .update(gaInventory)
        .set({
          taken: sql`${qualified(gaInventory.taken)} - (SELECT coalesce(sum(${qualified(gaClaims.quantity)}), 0) FROM ${gaClaims}
            WHERE ${qualified(gaClaims.holdId)} IN ${doomedHolds} AND ${qualified(gaClaims.state)} = 'sold' AND +${qualified(gaClaims.performanceId)} = ${performanceId})`,
        })
        .where(eq(gaInventory.performanceId, performanceId)),
    ),
    db.delete(gaClaims).where(and(sql`${gaClaims.holdId} IN ${doomedHolds}`, eq(gaClaims.state, 'sold'))),
    db.delete(seatClaims).where(and(sql`${seatClaims.holdId} IN ${doomedHolds}`, eq(seatClaims.state, 'sold'))),
    db
      .update(tickets)
      .set({ status: 'cancelled' })
      .where(and(sql`${tickets.orderId} IN ${doomedIds}`, eq(tickets.status, 'valid'))),
    db
      .update(performances)
      .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
      .where(and(inArray(performances.id, performanceIds), sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${doomed} AND ${qualified(orders.performanceId)} = ${qualified(performances.id)})`)),
    db.update(orders).set({ status: 'cancelled', cancelledAt: now, invoiceDueAt: null, updatedAt: now }).where(doomed).returning({ id: orders.id }),
  ];
}

/** The cancellation notice of an order, in the buyer's language. */
export async function cancellationNotice(
  db: Db,
  shop: Shop,
  order: OrderRow,
  reason: 'invoice_unpaid' | 'organizer',
  note: string | null,
): Promise<QueuedMessage<'order_cancelled'>> {
  const context = await loadPerformanceContext(db, order.performanceId);
  return {
    shopId: shop.id,
    orderId: order.id,
    kind: 'order_cancelled',
    dedupeKey: dedupeKeys.cancelled(order.id),
    ...recipientOf(order),
    payload: { order: orderFacts(shop, order, context), reason, note },
  };
}

export interface OrganizerCancellation {
  reason: string;
  refundMethod?: (typeof refundMethods)[number] | undefined;
  /** Shown to the buyer in the notice; the reason stays internal. */
  messageToBuyer?: string | undefined;
  notifyBuyer?: boolean | undefined;
}

/**
 * The organizer cancels an order. For now only a whole unpaid invoice order (its invoice
 * would no longer match a partial order): nothing was paid, so nothing is refunded.
 */
export async function cancelOrderByOrganizer(deps: Deps, shop: Shop, number: string, input: OrganizerCancellation, tokenId: string) {
  const { db } = deps.storage;
  const now = deps.now();
  const order = await loadShopOrder(db, shop.id, number);
  if (order.status !== 'invoiced') {
    throw new ApiError(409, 'order_not_cancellable', order.status === 'cancelled' ? 'This order is already cancelled.' : 'Only unpaid invoice orders can be cancelled for now.', { status: order.status });
  }
  if ((input.refundMethod ?? 'none') !== 'none') throw new ApiError(400, 'refund_not_possible', 'Nothing was paid for this order: the refund method must be "none".');
  const notice = input.notifyBuyer === false ? null : await cancellationNotice(db, shop, order, 'organizer', input.messageToBuyer ?? null);
  const stillInvoiced = sql`+${orders.status} = 'invoiced'`;
  const statements: Statement[] = [
    db.insert(batchGuard).values({ name: 'order_invoiced', ok: sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${orders.id} = ${order.id} AND ${orders.status} = 'invoiced')` }),
    ...cancelOrdersStatements(
      db,
      [order.id],
      [order.performanceId],
      stillInvoiced,
      { reason: input.reason, refundMethod: 'none', refundAmount: 0, actor: 'organizer', actorTokenId: tokenId },
      notice ? [notice] : [],
      now,
    ),
  ];
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isGuardFailure(err)) {
      const current = await loadShopOrder(db, shop.id, number);
      throw current.status === 'cancelled' ? new ApiError(409, 'order_not_cancellable', 'This order is already cancelled.', { status: current.status }) : notAwaitingPayment(current);
    }
    throw err;
  }
}
