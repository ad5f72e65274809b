import { eq, sql } from 'drizzle-orm';
import { events, performances, venues } from '../../../db/schema/catalog.js';
import { perShape } from '../bound-statements.js';
import type { InvoiceTerms, OrderLineRecord, orders, SeatPlace, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { InsurerFacts, InvoiceFacts, Language, OrderFacts, OrderLineFacts, TicketFacts } from '../email/messages.js';
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

/** loadPerformanceContext's read, prepared once per database: every sale and e-mail needs it. */
const performanceContextQuery = perShape((db) =>
  db
    .select(performanceContextColumns)
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(performances.id, sql.placeholder('performanceId')))
    .prepare(),
);

export async function loadPerformanceContext(db: Db, performanceId: string): Promise<PerformanceContext> {
  const [row] = await performanceContextQuery(db).all({ performanceId });
  if (!row) throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in this shop.');
  return row;
}

export function orderFacts(
  shop: Pick<Shop, 'id' | 'name' | 'timeZone' | 'orderPageUrl' | 'brandColor'>,
  order: Pick<OrderRow, 'number' | 'secret' | 'buyerName' | 'currency' | 'total' | 'lines'> & { paidByVouchers?: number },
  context: PerformanceContext,
): OrderFacts {
  // Gift vouchers are a payment, not a line of the order: the e-mails and the invoice show them
  // as one line and total what is left to pay (the invoice's QR amount).
  const byVouchers = order.paidByVouchers ?? 0;
  const voucherLines: OrderLineFacts[] = byVouchers > 0 ? [{ kind: 'vouchers', label: 'Paid with gift vouchers', quantity: 1, amount: -byVouchers }] : [];
  return {
    shopId: shop.id,
    shopName: shop.name,
    brandColor: shop.brandColor,
    timeZone: shop.timeZone,
    orderNumber: order.number,
    orderSecret: order.secret,
    buyerName: order.buyerName,
    currency: order.currency,
    total: order.total - byVouchers,
    lines: [...order.lines.map(lineFacts), ...voucherLines],
    ...context,
    orderPageUrl: shop.orderPageUrl,
  };
}

export function invoiceFacts(terms: InvoiceTerms, dueAt: number): InvoiceFacts {
  return { issuedAt: terms.orderedAt, dueAt, reference: terms.reference, creditor: terms.creditor };
}

/** A stored line with the parts it has (lines written before the parts have only their label). */
function lineFacts(line: OrderLineRecord): OrderLineFacts {
  const facts: OrderLineFacts = { kind: line.kind, label: line.label, quantity: line.quantity, amount: line.amount };
  if (line.tariffName !== undefined) facts.tariffName = line.tariffName;
  if (line.seat) facts.seat = line.seat;
  if (line.code) facts.code = line.code;
  return facts;
}

/** The tickets of a message, each seat in parts (`places` by seat id) and whether it is insured. */
export function ticketFacts(
  rows: Pick<typeof tickets.$inferInsert, 'number' | 'seatId' | 'seatLabel' | 'tariffName' | 'qrPayload' | 'insurancePremium' | 'price' | 'discount'>[],
  places: ReadonlyMap<number, SeatPlace>,
): TicketFacts[] {
  return rows.map((t) => ({
    number: t.number,
    seatLabel: t.seatLabel ?? null,
    seat: t.seatId == null ? null : (places.get(t.seatId) ?? null),
    tariffName: t.tariffName,
    qrPayload: t.qrPayload,
    insured: (t.insurancePremium ?? 0) > 0,
    price: t.price - (t.discount ?? 0),
  }));
}

/** Whom insured buyers claim from, for a message about insured tickets. */
export const insurerFacts = (shop: Pick<Shop, 'insurerName' | 'insurerContact'>): InsurerFacts => ({ name: shop.insurerName, contact: shop.insurerContact });

/** The organizer's conditions in a language: its own text, else the shop's default language's, else none. */
export function ticketConditionsIn(shop: Pick<Shop, 'ticketConditions' | 'defaultLocale'>, language: Language): string | null {
  return shop.ticketConditions[language]?.trim() || shop.ticketConditions[shop.defaultLocale]?.trim() || null;
}

/** Who an order's e-mails go to, in which language. */
export const recipientOf = (order: Pick<OrderRow, 'buyerEmail' | 'buyerName' | 'buyerLanguage'>) => ({
  recipient: order.buyerEmail,
  recipientName: order.buyerName,
  language: order.buyerLanguage,
});
