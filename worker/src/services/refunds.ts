import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { codes, giftVouchers } from '../../../db/schema/codes.js';
import { batchGuard } from '../../../db/schema/inventory.js';
import { orderCancellations, orders, payments } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { EarlierRefunds } from '../domain/cancellation.js';
import { generateCode, normalizeCode } from '../../../contract/code-format.js';
import { newId } from '../domain/ids.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { PaymentProvider } from '../payments/provider.js';
import { stripeRefunder } from './stripe-refunds.js';
import { qualified } from '../sql-columns.js';
import { dedupe, emitEvents, orderRef } from './webhook-events.js';
import { runBatch } from '../bound-statements.js';

type Statement = BatchItem<'sqlite'>;
type OrderRow = typeof orders.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;

const DAY = 86_400_000;

/**
 * Refunds, as the organizer decides them. The system records every refund with its
 * cancellation; it moves money only for a card refund, through the provider that took the
 * payment, and issues a voucher when that is the refund. Cash and bank transfers are paid
 * by the organizer and only recorded here.
 */

/** What earlier cancellations of the order promised back, for the limits of the next one. */
export async function earlierRefunds(db: Db, orderId: string): Promise<EarlierRefunds> {
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(${orderCancellations.refundAmount}), 0)`,
      card: sql<number>`coalesce(sum(CASE WHEN ${orderCancellations.refundMethod} = 'card_refund' THEN ${orderCancellations.refundAmount} ELSE 0 END), 0)`,
    })
    .from(orderCancellations)
    .where(eq(orderCancellations.orderId, orderId));
  return { total: Number(row?.total ?? 0), card: Number(row?.card ?? 0) };
}

/** The order's captured card charge, when its provider can refund it; null otherwise. */
export async function refundableCharge(deps: Deps, order: OrderRow): Promise<PaymentRow | null> {
  const [charge] = await deps.storage.db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, order.id), eq(payments.kind, 'charge'), eq(payments.status, 'captured'), isNull(payments.exchangeId)))
    .orderBy(payments.createdAt);
  if (!charge || !charge.providerReference || !refunderOf(deps, charge)) return null;
  return charge;
}

type Refunder = NonNullable<PaymentProvider['refund']>;

/** Who can pay back this charge: the provider that took it (Stripe's, through its own API; the others through the seam). */
function refunderOf(deps: Deps, charge: PaymentRow): Refunder | undefined {
  if (charge.provider === 'stripe') return deps.stripe ? stripeRefunder(deps, deps.stripe) : undefined;
  return Object.values(deps.payments).find((p) => p.name === charge.provider)?.refund;
}

/**
 * Guards for the cancelling batch, over every cancellation of the order including the one
 * being written: together they never refund more than was paid in money (total − vouchers),
 * nor by card more than the card charge. Two staff refunding at once cannot pass them together.
 */
export function refundLimitGuards(db: Db, orderId: string, cardCharged: number | null): Statement[] {
  const refunded = (method?: SQL) =>
    sql`(SELECT coalesce(sum(${qualified(orderCancellations.refundAmount)}), 0) FROM ${orderCancellations} WHERE ${qualified(orderCancellations.orderId)} = ${orderId}${method ? sql` AND ${method}` : sql``})`;
  const statements: Statement[] = [
    db.insert(batchGuard).values({
      name: 'refund_within_paid',
      ok: sql`${refunded()} <= (SELECT ${qualified(orders.total)} - ${qualified(orders.paidByVouchers)} FROM ${orders} WHERE ${qualified(orders.id)} = ${orderId})`,
    }),
  ];
  statements.push(
    db.insert(batchGuard).values({
      name: 'card_refund_within_charge',
      ok: sql`${refunded(sql`${qualified(orderCancellations.refundMethod)} = 'card_refund'`)} <= ${cardCharged ?? 0}`,
    }),
  );
  return statements;
}

/** A gift voucher worth the refund, with its code in the shop's registry; written in the cancelling batch. */
export function refundVoucher(shop: Shop, order: OrderRow, amount: number, now: number) {
  const row: typeof giftVouchers.$inferInsert = {
    id: newId('gv'),
    shopId: shop.id,
    code: normalizeCode(generateCode('R', 4)),
    initialAmount: amount,
    currency: order.currency as (typeof giftVouchers.$inferInsert)['currency'],
    expiresAt: now + shop.voucherValidityDays * DAY,
    status: 'active',
    source: 'refund',
    refundOfOrderId: order.id,
    note: `Refund of order ${order.number}`,
    createdAt: now,
  };
  return {
    row,
    statements: (db: Db): Statement[] => [db.insert(codes).values({ shopId: shop.id, code: row.code, kind: 'voucher', refId: row.id }), db.insert(giftVouchers).values(row)],
  };
}

/** A desk sale's charge taken on the card terminal (refunded on the terminal by staff, never through a provider); null otherwise. */
export async function terminalCharge(db: Db, orderId: string): Promise<PaymentRow | null> {
  const [charge] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.kind, 'charge'), eq(payments.status, 'captured'), eq(payments.provider, 'box_office'), eq(payments.method, 'terminal'), isNull(payments.exchangeId)))
    .orderBy(payments.createdAt);
  return charge ?? null;
}

/**
 * A refund paid out at the desk, in cash or on the card terminal, written in the cancelling
 * batch with the staff member's till (services/tills.ts): the till's expected cash falls by it.
 */
export function deskRefundStatement(db: Db, order: Pick<OrderRow, 'id' | 'shopId' | 'currency'>, cancellationId: string, method: 'cash' | 'terminal', amount: number, tillId: string, now: number): Statement {
  return db.insert(payments).values({
    id: refundPaymentId(cancellationId),
    shopId: order.shopId,
    orderId: order.id,
    provider: 'box_office',
    method,
    status: 'refunded',
    kind: 'refund',
    cancellationId,
    amount,
    currency: order.currency,
    providerReference: null,
    createdAt: now,
    tillId,
  });
}

/** The id of the one successful refund payment of a cancellation: a second one cannot be recorded. */
const refundPaymentId = (cancellationId: string) => `rfd_${cancellationId.replace(/^ocx_/, '')}`;

/**
 * Asks the provider to refund and records the outcome: a refunded payment row (kind refund,
 * pointing at the cancellation, with the provider's reference) or a declined one with the
 * reason. The cancellation's id is the provider's idempotency key, so a retry after a crash
 * or a timeout never refunds twice.
 */
export async function refundToCard(deps: Deps, shopId: string, order: Pick<OrderRow, 'id' | 'currency' | 'number'>, cancellationId: string, amount: number, charge: PaymentRow) {
  const { db } = deps.storage;
  const refund = refunderOf(deps, charge);
  let result: Awaited<ReturnType<Refunder>>;
  try {
    result = refund
      ? await refund(charge.providerReference!, amount, cancellationId)
      : { status: 'failed', code: 'provider_unavailable', message: 'The payment provider of this order is not available.' };
  } catch {
    result = { status: 'failed', code: 'provider_error', message: 'The payment provider did not answer.' };
  }
  const now = deps.now();
  const base = { shopId, orderId: order.id, provider: charge.provider, method: charge.method, kind: 'refund' as const, cancellationId, amount, currency: order.currency, createdAt: now };
  if (result.status === 'refunded') {
    await runBatch(db, [
      db
        .insert(payments)
        .values({ ...base, id: refundPaymentId(cancellationId), status: 'refunded', providerReference: result.reference })
        .onConflictDoNothing(),
      db.update(orderCancellations).set({ refundReference: result.reference }).where(eq(orderCancellations.id, cancellationId)),
      // Webhooks: the card refund is recorded once the provider made it (once per cancellation: dedupe key).
      ...emitEvents(
        db,
        [
          {
            shopId,
            type: 'refund.recorded',
            orderId: order.id,
            dedupeKey: dedupe.refund(cancellationId),
            data: { cancellationId, order: orderRef(order), method: 'card_refund', amount, currency: orderRef(order).currency, voucherId: null, providerReference: result.reference },
          },
        ],
        now,
      ),
    ]);
    return { status: 'refunded' as const, reference: result.reference };
  }
  await db.insert(payments).values({ ...base, id: newId('pay'), status: 'declined', declineCode: result.code });
  return { status: 'failed' as const, code: result.code, message: result.message };
}

/** Retries the card refund of a cancellation whose refund failed (or never reached the provider). */
export async function retryCardRefund(deps: Deps, shopId: string, cancellationId: string) {
  const { db } = deps.storage;
  const [row] = await db
    .select({ cancellation: orderCancellations, order: orders })
    .from(orderCancellations)
    .innerJoin(orders, eq(orders.id, orderCancellations.orderId))
    .where(and(eq(orderCancellations.id, cancellationId), eq(orderCancellations.shopId, shopId)));
  if (!row) throw new ApiError(404, 'cancellation_not_found', 'There is no cancellation with this id.');
  const { cancellation, order } = row;
  if (cancellation.refundMethod !== 'card_refund' || cancellation.refundAmount === 0) {
    throw new ApiError(409, 'no_card_refund', 'This cancellation has no card refund to retry.', { refundMethod: cancellation.refundMethod });
  }
  const [done] = await db.select({ id: payments.id }).from(payments).where(eq(payments.id, refundPaymentId(cancellation.id)));
  if (done) throw new ApiError(409, 'already_refunded', 'This refund has already been made.');
  const charge = await refundableCharge(deps, order);
  if (!charge) throw new ApiError(409, 'card_refund_not_possible', 'The payment provider of this order cannot refund it any more.');
  return refundToCard(deps, shopId, order, cancellation.id, cancellation.refundAmount, charge);
}
