import type { Period } from '../../../contract/cancellations.js';
import { and, asc, desc, eq, gt, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { shopTokens } from '../../../db/schema/catalog.js';
import { staffMembers } from '../../../db/schema/staff.js';
import { giftVouchers } from '../../../db/schema/codes.js';
import { cancelledTickets, orderCancellations, orders, payments, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import { refundStatusOf } from '../domain/cancellation.js';
import { type CsvValue, decimalAmount, toCsv } from '../domain/csv.js';
import type { CancellationList } from '../../../contract/responses/organizer/cancellations.js';

export type { Period };

const iso = (ms: number) => new Date(ms).toISOString();
/** inArray lists stay under D1's 100 bound parameters. */
const ID_CHUNK = 90;

async function inChunks<T>(ids: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) out.push(...(await load(ids.slice(i, i + ID_CHUNK))));
  return out;
}

/**
 * Cancellations and refunds of a shop for accounting: who (the token, or the system for an
 * unpaid invoice), when, which order and tickets, the refund (method, amount, how it
 * stands), why, and the platform commission that stays due on the cancelled tickets.
 * Newest first for the API (cursor paging), oldest first for the CSV.
 */
export async function listCancellations(db: Db, shopId: string, query: Period & { limit: number; cursor?: string | undefined; id?: string | undefined }, direction: 'asc' | 'desc' = 'desc'): Promise<CancellationList> {
  const filters: (SQL | undefined)[] = [eq(orderCancellations.shopId, shopId)];
  if (query.id !== undefined) filters.push(eq(orderCancellations.id, query.id));
  if (query.from !== undefined) filters.push(gte(orderCancellations.createdAt, query.from));
  if (query.to !== undefined) filters.push(lt(orderCancellations.createdAt, query.to));
  if (query.cursor !== undefined) {
    const [createdAt, id] = query.cursor.split('.') as [string, string];
    const beyond = direction === 'desc' ? lt : gt;
    filters.push(or(beyond(orderCancellations.createdAt, Number(createdAt)), and(eq(orderCancellations.createdAt, Number(createdAt)), beyond(orderCancellations.id, id))));
  }
  const order = direction === 'desc' ? desc : asc;
  const rows = await db
    .select({ cancellation: orderCancellations, orderNumber: orders.number, currency: orders.currency, tokenLabel: sql<string | null>`coalesce(${shopTokens.label}, ${staffMembers.name})` })
    .from(orderCancellations)
    .innerJoin(orders, eq(orders.id, orderCancellations.orderId))
    .leftJoin(shopTokens, eq(shopTokens.id, orderCancellations.actorTokenId))
    // A staff member signed in to the console acts under their own id: their name is the label.
    .leftJoin(staffMembers, eq(staffMembers.id, orderCancellations.actorTokenId))
    .where(and(...filters))
    .orderBy(order(orderCancellations.createdAt), order(orderCancellations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.cancellation.id);
  const ticketRows = await inChunks(ids, (chunk) =>
    db
      .select({ cancellationId: cancelledTickets.cancellationId, number: tickets.number, commission: tickets.commission })
      .from(cancelledTickets)
      .innerJoin(tickets, eq(tickets.id, cancelledTickets.ticketId))
      .where(inArray(cancelledTickets.cancellationId, chunk))
      .orderBy(asc(tickets.number)),
  );
  const refundRows = await inChunks(ids, (chunk) =>
    db
      .select({ cancellationId: payments.cancellationId, status: payments.status, providerReference: payments.providerReference, declineCode: payments.declineCode })
      .from(payments)
      .where(and(inArray(payments.cancellationId, chunk), eq(payments.kind, 'refund'))),
  );
  const voucherIds = page.map((r) => r.cancellation.refundVoucherId).filter((id): id is string => id !== null);
  const vouchers = await inChunks(voucherIds, (chunk) => db.select({ id: giftVouchers.id, code: giftVouchers.code }).from(giftVouchers).where(inArray(giftVouchers.id, chunk)));

  const items = page.map(({ cancellation: c, orderNumber, currency, tokenLabel }) => {
    const own = ticketRows.filter((t) => t.cancellationId === c.id);
    const attempts = refundRows.filter((p) => p.cancellationId === c.id);
    const refunded = attempts.find((p) => p.status === 'refunded');
    return {
      id: c.id,
      createdAt: iso(c.createdAt),
      actor: { kind: c.actor, tokenId: c.actorTokenId, tokenLabel: tokenLabel ?? null },
      orderNumber,
      scope: c.scope,
      tickets: own.map((t) => t.number),
      ticketCount: c.ticketCount,
      reason: c.reason,
      currency,
      refund: {
        method: c.refundMethod,
        amount: c.refundAmount,
        status: refundStatusOf(c.refundMethod, c.refundAmount, attempts.map((p) => (p.status === 'refunded' ? 'refunded' : 'declined'))),
        reference: refunded?.providerReference ?? c.refundReference ?? null,
        failure: refunded ? null : (attempts.at(-1)?.declineCode ?? null),
        voucherCode: vouchers.find((v) => v.id === c.refundVoucherId)?.code ?? null,
      },
      /** The platform's commission on the cancelled tickets: it stays due. */
      commission: own.reduce((sum, t) => sum + t.commission, 0),
    };
  });
  const last = page.at(-1);
  return { cancellations: items, nextCursor: rows.length > query.limit && last ? `${last.cancellation.createdAt}.${last.cancellation.id}` : null };
}

export const cancellationCsvHeader = [
  'cancelled_at',
  'cancellation_id',
  'actor',
  'token',
  'order_number',
  'scope',
  'ticket_count',
  'tickets',
  'refund_method',
  'refund_amount',
  'currency',
  'refund_status',
  'refund_reference',
  'voucher_code',
  'commission',
  'reason',
] as const;

/** The whole period as CSV, read in pages so a busy season never loads at once. */
export async function cancellationsCsv(db: Db, shopId: string, period: Period): Promise<string> {
  const rows: CsvValue[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listCancellations(db, shopId, { ...period, limit: 200, cursor }, 'asc');
    for (const c of page.cancellations) {
      rows.push([
        c.createdAt,
        c.id,
        c.actor.kind,
        c.actor.tokenLabel ?? c.actor.tokenId,
        c.orderNumber,
        c.scope,
        c.ticketCount,
        c.tickets.join(' '),
        c.refund.method,
        decimalAmount(c.refund.amount),
        c.currency,
        c.refund.status,
        c.refund.reference,
        c.refund.voucherCode,
        decimalAmount(c.commission),
        c.reason,
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return toCsv(cancellationCsvHeader, rows);
}

/**
 * What staff see of an order beyond the buyer's view: the insurance opt-in and each ticket's
 * premium (the ticket number is the policy reference), discounts and the platform commission,
 * and the order's cancellations with their refunds.
 */
export async function staffOrderDetails(db: Db, shopId: string, order: Pick<typeof orders.$inferSelect, 'id' | 'insured' | 'insurance' | 'discount' | 'paidByVouchers'>) {
  const rows = await db
    .select({ number: tickets.number, insurancePremium: tickets.insurancePremium, discount: tickets.discount, commission: tickets.commission, performanceId: tickets.performanceId })
    .from(tickets)
    .where(eq(tickets.orderId, order.id));
  const ids = await db.select({ id: orderCancellations.id }).from(orderCancellations).where(eq(orderCancellations.orderId, order.id));
  const cancellations = [];
  for (const { id } of ids) cancellations.push(...(await listCancellations(db, shopId, { limit: 1, id })).cancellations);
  return {
    insured: order.insured,
    insurance: order.insurance,
    discount: order.discount,
    paidByVouchers: order.paidByVouchers,
    ticketDetails: new Map(rows.map((r) => [r.number, { insurancePremium: r.insurancePremium, discount: r.discount, commission: r.commission, performanceId: r.performanceId }])),
    cancellations: cancellations.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  };
}
