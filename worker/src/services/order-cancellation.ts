import type { StaffCancellationInput } from '../../../contract/cancellations.js';
import type { CancelOrderInput } from '../../../contract/organizer.js';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { performances } from '../../../db/schema/catalog.js';
import { codeUses } from '../../../db/schema/codes.js';
import { gaClaims, gaInventory, seatClaims } from '../../../db/schema/inventory.js';
import { cancelledTickets, orderCancellations, orders, tickets } from '../../../db/schema/orders.js';
import { chunkRows, type Db, isGuardFailure, isUniqueViolation } from '../db.js';
import { planCancellation } from '../domain/cancellation.js';
import { newId } from '../domain/ids.js';
import type { MessagePayloads } from '../email/messages.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { type Cancelling, cancelUnpaidOrdersStatements } from '../jobs/invoice-job-statements.js';
import { qualified } from '../sql-columns.js';
import { notAwaitingPayment, loadShopOrder } from './invoice-orders.js';
import { loadPerformanceContext, orderFacts, recipientOf } from './message-facts.js';
import { dedupeKeys, type QueuedMessage, queueMessage } from './outbox.js';
import { seatPlaces } from './seat-places.js';
import { moveQuotaTaken } from './resellers/quota-statements.js';
import { guard, orderInStatus, orderLedgerIntact } from './ledger-guards.js';
import { deskRefundStatement, earlierRefunds, refundableCharge, refundLimitGuards, refundToCard, refundVoucher, terminalCharge } from './refunds.js';
import { type TillRef, tillClosedError, tillStatements } from './tills.js';
import { dedupe, eventStatement, fanOutStatements, orderData, orderRef, ticketData } from './webhook-events.js';
import { issueOrder } from './ticket-order.js';
import { type BatchStatement, runBatch } from '../bound-statements.js';

type Statement = BatchStatement;
type OrderRow = typeof orders.$inferSelect;

/** One unpaid order to cancel as the deadline job does, with its notice (if any) ready for the outbox. */
function unpaidOrder(order: OrderRow, notice: QueuedMessage | null): Cancelling {
  return { id: order.id, notice: notice ? { dedupe: notice.dedupeKey, payload: JSON.stringify(notice.payload) } : null };
}

/** Staff may cancel an unpaid invoice order while it is still unpaid (checked again when the batch runs). */
const stillInvoiced = (order: SQL) => sql`${order}.status = 'invoiced'`;

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

/** messageToBuyer is shown to the buyer in the notice; the reason stays internal. */
export type OrganizerCancellation = CancelOrderInput;

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
  if ((input.refundMethod ?? 'none') !== 'none') throw new ApiError(409, 'refund_not_possible', 'Nothing was paid for this order: the refund method must be "none".');
  const notice = input.notifyBuyer === false ? null : await cancellationNotice(db, shop, order, 'organizer', input.messageToBuyer ?? null);
  const statements: Statement[] = [
    orderInStatus(db, order.id, 'invoiced'),
    ...cancelUnpaidOrdersStatements(
      db,
      [unpaidOrder(order, notice)],
      stillInvoiced,
      { reason: input.reason, refundMethod: 'none', refundAmount: 0, actor: 'organizer', actorTokenId: tokenId },
      'order_cancelled',
      now,
    ),
  ];
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (isGuardFailure(err)) {
      const current = await loadShopOrder(db, shop.id, number);
      throw current.status === 'cancelled' ? new ApiError(409, 'order_not_cancellable', 'This order is already cancelled.', { status: current.status }) : notAwaitingPayment(current);
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// Staff cancel a paid order or some of its tickets, or an unpaid invoice order whole.

/** messageToBuyer is shown to the buyer in the notice; the reason stays internal. */
export type StaffCancellation = StaffCancellationInput;

type TicketRow = typeof tickets.$inferSelect;

/**
 * The statements that cancel chosen tickets of a paid order, all keyed by the cancellation
 * (its cancelled_tickets rows, written first, whose primary key lets a ticket be cancelled
 * once): the tickets stop admitting, their seats are deleted from the ledger and their
 * general-admission places given back, the performances' inventory versions move, a pass
 * that booked a ticket gets that seat back, and the order is cancelled once no valid ticket
 * is left. The guard aborts the batch if any of them stopped being valid since it was read
 * (exchanged, cancelled by someone else). Commissions are left as they are: they stay due.
 */
export function cancelTicketsStatements(db: Db, order: Pick<OrderRow, 'id' | 'shopId'>, cancellationId: string, chosen: readonly TicketRow[], maxParams: number, now: number): Statement[] {
  const ofCancellation = sql`(SELECT ${qualified(cancelledTickets.ticketId)} FROM ${cancelledTickets} WHERE ${qualified(cancelledTickets.cancellationId)} = ${cancellationId})`;
  const statements: Statement[] = chunkRows(
    chosen.map((t) => ({ ticketId: t.id, cancellationId, orderId: order.id })),
    3,
    maxParams,
  ).map((rows) => db.insert(cancelledTickets).values(rows));
  statements.push(
    guard(
      db,
      'tickets_still_valid',
      sql`NOT EXISTS (SELECT 1 FROM ${tickets} WHERE ${qualified(tickets.id)} IN ${ofCancellation} AND (${qualified(tickets.status)} <> 'valid' OR ${qualified(tickets.orderId)} <> ${order.id}))`,
    ),
    // The ledger's primary key is (performance, seat): the sold claim of a valid ticket's seat is that ticket's.
    db.delete(seatClaims).where(
      sql`${seatClaims.state} = 'sold' AND (${seatClaims.performanceId}, ${seatClaims.seatId}) IN (SELECT ${qualified(tickets.performanceId)}, ${qualified(tickets.seatId)} FROM ${tickets}
        WHERE ${qualified(tickets.id)} IN ${ofCancellation} AND ${qualified(tickets.seatId)} IS NOT NULL)`,
    ),
  );
  // General admission: one place per ticket, counted back per performance and tariff.
  const places = new Map<string, { performanceId: string; tariffId: string; count: number }>();
  for (const t of chosen.filter((t) => t.seatId === null)) {
    const key = `${t.performanceId} ${t.tariffId}`;
    const entry = places.get(key) ?? { performanceId: t.performanceId, tariffId: t.tariffId, count: 0 };
    entry.count += 1;
    places.set(key, entry);
  }
  for (const { performanceId, tariffId, count } of places.values()) {
    const claimOf = and(eq(gaClaims.orderId, order.id), eq(gaClaims.performanceId, performanceId), eq(gaClaims.tariffId, tariffId), eq(gaClaims.state, 'sold'));
    statements.push(
      db.update(gaInventory).set({ taken: sql`${gaInventory.taken} - ${count}` }).where(eq(gaInventory.performanceId, performanceId)),
      // A reseller's place goes back to its quota too (no reseller: the order's reseller_id is null and nothing moves).
      moveQuotaTaken(db, performanceId, sql`(SELECT ${qualified(orders.resellerId)} FROM ${orders} WHERE ${qualified(orders.id)} = ${order.id})`, -count),
      // Deleted when all its places go, shrunk otherwise (a claim's quantity stays positive).
      db.delete(gaClaims).where(and(claimOf, sql`${gaClaims.quantity} <= ${count}`)),
      db.update(gaClaims).set({ quantity: sql`${gaClaims.quantity} - ${count}` }).where(and(claimOf, sql`${gaClaims.quantity} > ${count}`)),
    );
  }
  // A pass gives back the seats it booked here; with none left on this order, the performance too.
  const passSeats = new Map<string, number>();
  for (const t of chosen) if (t.passId) passSeats.set(t.passId, (passSeats.get(t.passId) ?? 0) + 1);
  for (const [passId, count] of passSeats) {
    statements.push(
      db
        .update(codeUses)
        .set({ tickets: sql`max(0, ${codeUses.tickets} - ${count})`, state: sql`CASE WHEN ${codeUses.tickets} <= ${count} THEN 'released' ELSE ${codeUses.state} END`, updatedAt: now })
        .where(and(eq(codeUses.orderId, order.id), eq(codeUses.refId, passId), eq(codeUses.kind, 'pass'), eq(codeUses.state, 'used'))),
    );
  }
  const performanceIds = [...new Set(chosen.map((t) => t.performanceId))];
  statements.push(
    db.update(tickets).set({ status: 'cancelled' }).where(and(sql`${tickets.id} IN ${ofCancellation}`, eq(tickets.status, 'valid'))),
    db
      .update(performances)
      .set({ inventoryVersion: sql`${performances.inventoryVersion} + 1` })
      .where(inArray(performances.id, performanceIds)),
    db
      .update(orders)
      .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
      .where(
        and(
          eq(orders.id, order.id),
          eq(orders.status, 'paid'),
          sql`NOT EXISTS (SELECT 1 FROM ${tickets} WHERE ${qualified(tickets.orderId)} = ${order.id} AND ${qualified(tickets.status)} = 'valid')`,
        ),
      ),
    // What is left of the order still has exactly its seats and places in the ledger, no more, no less.
    orderLedgerIntact(db, order.id),
  );
  return statements;
}

/** A whole order's codes come back: a promo code's use, a pass's performance and seats, a voucher's balance. */
export const releaseOrderCodes = (db: Db, orderId: string, now: number) =>
  db
    .update(codeUses)
    .set({ state: 'released', updatedAt: now })
    .where(and(eq(codeUses.orderId, orderId), eq(codeUses.state, 'used')));

/** The notice of a staff cancellation, under one dedupe key per cancellation. */
async function staffCancellationNotice(
  db: Db,
  shop: Shop,
  order: OrderRow,
  cancellationId: string,
  facts: Omit<MessagePayloads['tickets_cancelled'], 'order'>,
): Promise<QueuedMessage<'tickets_cancelled'>> {
  const context = await loadPerformanceContext(db, order.performanceId);
  return {
    shopId: shop.id,
    orderId: order.id,
    kind: 'tickets_cancelled',
    dedupeKey: `tickets_cancelled:${cancellationId}`,
    ...recipientOf(order),
    payload: { order: orderFacts(shop, order, context), ...facts },
  };
}

/** Why a cancellation batch was refused, from the state after it (guards do not say which one failed). */
async function explainRefusal(db: Db, order: OrderRow, chosen: readonly TicketRow[]): Promise<ApiError> {
  const [current] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
  if (current?.status === 'cancelled') return new ApiError(409, 'order_already_cancelled', 'This order was cancelled meanwhile.', { status: current.status });
  if (current && current.status !== order.status) return new ApiError(409, 'order_changed', `This order changed meanwhile (now ${current.status}). Please look at it again.`, { status: current.status });
  if (chosen.length > 0) {
    // Read through the order (indexed), not a list of ids that could pass D1's 100 parameters.
    const chosenIds = new Set(chosen.map((t) => t.id));
    const now = await db.select({ id: tickets.id, number: tickets.number, status: tickets.status }).from(tickets).where(eq(tickets.orderId, order.id));
    const gone = now.filter((t) => chosenIds.has(t.id) && t.status !== 'valid').map(({ number, status }) => ({ number, status }));
    if (gone.length > 0) return new ApiError(409, 'ticket_not_cancellable', `These tickets are no longer valid (cancelled or exchanged meanwhile): ${gone.map((t) => t.number).join(', ')}.`, { tickets: gone });
  }
  return new ApiError(409, 'refund_exceeds_paid', 'Another refund was recorded for this order meanwhile; together they would exceed what was paid. Please look at the order again.');
}

/**
 * The webhooks of a staff cancellation of a paid order, in its batch after the order's update:
 * tickets.cancelled; order.cancelled if no valid ticket is left (decided by the batch: the
 * event is written only if the order is then cancelled); refund.recorded for a refund the
 * organizer pays or a voucher (a card refund fires when the provider confirms it, refunds.ts).
 */
function staffCancellationEvents(
  db: Db,
  shop: Shop,
  order: OrderRow,
  cancellationId: string,
  plan: { wholeOrder: boolean; tickets: readonly TicketRow[]; refundAmount: number },
  refundMethod: StaffCancellationInput['refundMethod'],
  voucherId: string | null,
  now: number,
): Statement[] {
  const ref = orderRef(order);
  const statements: Statement[] = [
    eventStatement(
      db,
      {
        shopId: shop.id,
        type: 'tickets.cancelled',
        orderId: order.id,
        dedupeKey: dedupe.ticketsCancelled(cancellationId),
        data: {
          cancellationId,
          order: ref,
          wholeOrder: plan.wholeOrder,
          tickets: plan.tickets.map((t) => ticketData(t, 'cancelled')),
          refund: { method: refundMethod, amount: plan.refundAmount, currency: ref.currency },
        },
      },
      now,
    ),
    eventStatement(
      db,
      {
        shopId: shop.id,
        type: 'order.cancelled',
        orderId: order.id,
        dedupeKey: dedupe.cancelled(order.id),
        data: { order: orderData(order, { status: 'cancelled' }), reason: 'organizer', cancellationId },
      },
      now,
      sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${qualified(orders.id)} = ${order.id} AND ${qualified(orders.status)} = 'cancelled')`,
    ),
  ];
  if (plan.refundAmount > 0 && refundMethod !== 'card_refund' && refundMethod !== 'none') {
    statements.push(
      eventStatement(
        db,
        {
          shopId: shop.id,
          type: 'refund.recorded',
          orderId: order.id,
          dedupeKey: dedupe.refund(cancellationId),
          data: { cancellationId, order: ref, method: refundMethod, amount: plan.refundAmount, currency: ref.currency, voucherId, providerReference: null },
        },
        now,
      ),
    );
  }
  return [...statements, ...fanOutStatements(db, now)];
}

/**
 * Staff cancel a paid order (whole or chosen tickets) or an unpaid invoice order (whole), in
 * one batch: the cancellation is recorded (who, when, what, how much, why), the tickets stop
 * admitting and their seats go back on sale, the order's codes come back when it is cancelled
 * whole, a refund voucher is issued when that is the refund, and the buyer's notice is queued.
 * A card refund is asked of the provider after the batch (see refunds.ts): a provider that
 * fails leaves the cancellation standing and the refund recorded as failed, to retry.
 */
export async function cancelByStaff(
  deps: Deps,
  shop: Shop,
  number: string,
  input: StaffCancellation,
  tokenId: string | null,
  actor: 'organizer' | 'system' = 'organizer',
  /** The most the caller's role may refund (domain/staff-access.ts refundLimitOf); undefined: no limit. */
  refundLimit?: number,
  /** The staff member's till of the day: a refund paid out at the desk (cash, or on the card terminal) goes through it. */
  till?: TillRef,
) {
  const { db, maxParams } = deps.storage;
  const now = deps.now();
  const order = await loadShopOrder(db, shop.id, number);
  const ticketRows = await db.select().from(tickets).where(eq(tickets.orderId, order.id)).orderBy(...issueOrder);
  const charge = await refundableCharge(deps, order);
  // A desk sale paid on the card terminal is refunded on the terminal by staff: recorded, no provider is asked.
  const terminal = charge ? null : await terminalCharge(db, order.id);
  const cardCharged = charge?.amount ?? terminal?.amount ?? 0;
  const plan = planCancellation(order, ticketRows, input, await earlierRefunds(db, order.id), cardCharged);
  if (!plan.ok) throw new ApiError(plan.status, plan.code, plan.message, plan.details);
  if (refundLimit !== undefined && plan.refundAmount > refundLimit) {
    throw new ApiError(403, 'refund_over_limit', `The box office may refund at most ${refundLimit} (minor units) in one cancellation; this one would refund ${plan.refundAmount}. Ask a manager or the owner.`, {
      limit: shop.boxOfficeRefundLimit,
      refundAmount: plan.refundAmount,
    });
  }

  const cancellationId = newId('ocx');
  const voucher = input.refundMethod === 'voucher' && plan.refundAmount > 0 ? refundVoucher(shop, order, plan.refundAmount, now) : null;
  const record = {
    id: cancellationId,
    reason: input.reason,
    refundMethod: input.refundMethod,
    refundAmount: plan.refundAmount,
    actor,
    actorTokenId: tokenId,
    refundVoucherId: voucher?.row.id ?? null,
    ticketCount: plan.tickets.length,
  };
  const places = input.notifyBuyer === false ? new Map<number, never>() : await seatPlaces(db, plan.tickets.map((t) => t.seatId));
  const notice =
    input.notifyBuyer === false
      ? null
      : await staffCancellationNotice(db, shop, order, cancellationId, {
          wholeOrder: plan.wholeOrder,
          tickets: plan.tickets.map((t) => ({ number: t.number, seatLabel: t.seatLabel, seat: t.seatId === null ? null : (places.get(t.seatId) ?? null), tariffName: t.tariffName })),
          note: input.messageToBuyer?.trim() || null,
          refund: { method: input.refundMethod, amount: plan.refundAmount, voucher: voucher ? { code: voucher.row.code, expiresAt: voucher.row.expiresAt ?? null } : null },
          insured: plan.tickets.some((t) => t.insurancePremium > 0),
          insurer: plan.tickets.some((t) => t.insurancePremium > 0) ? { name: shop.insurerName, contact: shop.insurerContact } : null,
          // The only cancellation the system makes here: a card payment that could not be collected (services/stripe-lapsed.ts).
          ...(actor === 'system' ? { cause: 'payment_not_collected' as const } : {}),
        });

  const paidAtDesk = plan.refundAmount > 0 && order.status === 'paid' && till !== undefined && (input.refundMethod === 'cash' || (input.refundMethod === 'card_refund' && terminal !== null));
  const statements: Statement[] = [];
  if (order.status === 'invoiced') {
    // Nothing was issued yet: cancelled as the deadline job cancels, through the order's hold.
    statements.push(
      orderInStatus(db, order.id, 'invoiced'),
      ...cancelUnpaidOrdersStatements(db, [unpaidOrder(order, notice)], stillInvoiced, record, 'tickets_cancelled', now),
    );
  } else {
    const isWhole = input.scope === 'order';
    statements.push(
      orderInStatus(db, order.id, 'paid'),
      db.insert(orderCancellations).values({ ...record, shopId: shop.id, orderId: order.id, scope: input.scope, createdAt: now }),
      ...cancelTicketsStatements(db, order, cancellationId, plan.tickets, maxParams, now),
      ...(isWhole ? [releaseOrderCodes(db, order.id, now)] : []),
      ...refundLimitGuards(db, order.id, charge || terminal ? cardCharged : null),
      ...(paidAtDesk ? [deskRefundStatement(db, order, cancellationId, input.refundMethod === 'cash' ? 'cash' : 'terminal', plan.refundAmount, till!.id, now), ...tillStatements(db, till!, now)] : []),
      ...(voucher ? voucher.statements(db) : []),
      ...(notice ? [queueMessage(db, notice, now)] : []),
      ...staffCancellationEvents(db, shop, order, cancellationId, plan, input.refundMethod, voucher?.row.id ?? null, now),
    );
  }
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (isUniqueViolation(err, 'order_cancellations')) throw new ApiError(409, 'order_already_cancelled', 'This order was cancelled meanwhile.', { status: 'cancelled' });
    if (isUniqueViolation(err, 'cancelled_tickets')) throw new ApiError(409, 'ticket_not_cancellable', 'Some of these tickets were cancelled by someone else meanwhile. Please look at the order again.');
    if (isGuardFailure(err)) throw (paidAtDesk ? await tillClosedError(db, till!) : null) ?? (await explainRefusal(db, order, plan.tickets));
    throw err;
  }
  if (paidAtDesk && input.refundMethod === 'card_refund') return { id: cancellationId, refundStatus: 'refunded' as const, voucherCode: null };

  const refund = input.refundMethod === 'card_refund' && plan.refundAmount > 0 && charge ? await refundToCard(deps, shop.id, order, cancellationId, plan.refundAmount, charge) : null;
  return { id: cancellationId, refundStatus: refund?.status ?? null, voucherCode: voucher?.row.code ?? null };
}
