import { eq } from 'drizzle-orm';
import { events, performances, venues } from '../../../db/schema/catalog.js';
import type { InvoiceTerms, orders, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { InvoiceFacts, OrderFacts, TicketFacts } from '../email/messages.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';

type OrderRow = typeof orders.$inferSelect;

/** The performance, event and venue an e-mail talks about. */
export interface PerformanceContext {
  startsAt: number;
  doorsAt: number | null;
  eventTitle: string;
  eventSubtitle: string;
  venueName: string;
  venueAddress: string;
}

export const performanceContextColumns = {
  startsAt: performances.startsAt,
  doorsAt: performances.doorsAt,
  eventTitle: events.title,
  eventSubtitle: events.subtitle,
  venueName: venues.name,
  venueAddress: venues.address,
};

export async function loadPerformanceContext(db: Db, performanceId: string): Promise<PerformanceContext> {
  const [row] = await db
    .select(performanceContextColumns)
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(performances.id, performanceId));
  if (!row) throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in this shop.');
  return row;
}

export function orderFacts(
  shop: Pick<Shop, 'id' | 'name' | 'timeZone' | 'orderPageUrl'>,
  order: Pick<OrderRow, 'number' | 'secret' | 'buyerName' | 'currency' | 'total' | 'lines'> & { paidByVouchers?: number },
  context: PerformanceContext,
): OrderFacts {
  // Gift vouchers are a payment, not a line of the order: the e-mails and the invoice show them
  // as one line and total what is left to pay (the invoice's QR amount).
  const byVouchers = order.paidByVouchers ?? 0;
  const voucherLines = byVouchers > 0 ? [{ label: 'Paid with gift vouchers', quantity: 1, amount: -byVouchers }] : [];
  return {
    shopId: shop.id,
    shopName: shop.name,
    timeZone: shop.timeZone,
    orderNumber: order.number,
    orderSecret: order.secret,
    buyerName: order.buyerName,
    currency: order.currency,
    total: order.total - byVouchers,
    lines: [...order.lines.map((line) => ({ label: line.label, quantity: line.quantity, amount: line.amount })), ...voucherLines],
    ...context,
    orderPageUrl: shop.orderPageUrl,
  };
}

export function invoiceFacts(terms: InvoiceTerms, dueAt: number): InvoiceFacts {
  return { issuedAt: terms.orderedAt, dueAt, reference: terms.reference, creditor: terms.creditor };
}

export function ticketFacts(rows: Pick<typeof tickets.$inferInsert, 'number' | 'seatLabel' | 'tariffName' | 'qrPayload'>[]): TicketFacts[] {
  return rows.map((t) => ({ number: t.number, seatLabel: t.seatLabel ?? null, tariffName: t.tariffName, qrPayload: t.qrPayload }));
}

/** Who an order's e-mails go to, in which language. */
export const recipientOf = (order: Pick<OrderRow, 'buyerEmail' | 'buyerName' | 'buyerLanguage'>) => ({
  recipient: order.buyerEmail,
  recipientName: order.buyerName,
  language: order.buyerLanguage,
});
