import { and, eq, inArray } from 'drizzle-orm';
import { events, performances, venues } from '../../../db/schema/catalog.js';
import { type orders, tickets } from '../../../db/schema/orders.js';
import type { TicketPdfLayout } from '../../../contract/ticket-documents.js';
import type { Db } from '../db.js';
import { eventTextsIn } from '../domain/event-texts.js';
import type { PerformanceOnPaper, TicketDocument } from '../documents/ticket-pdf.js';
import { ticketsPdf } from '../documents/ticket-pdf.js';
import type { Language } from '../email/messages.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { ticketConditionsIn } from './message-facts.js';
import { seatPlaces } from './seat-places.js';
import { issueOrder } from './ticket-order.js';

type OrderRow = typeof orders.$inferSelect;
type TicketRow = typeof tickets.$inferSelect;

/**
 * The tickets of an order to print, as the buyer may use them today: only valid tickets (an
 * exchange's new ticket yes, the ticket it replaced no). An order not paid has none yet (an
 * invoice's tickets are issued with its payment); `ticketNumber` narrows to that one ticket.
 */
export async function printableTickets(db: Db, order: OrderRow, ticketNumber?: string): Promise<TicketRow[]> {
  if (order.status !== 'paid' && order.status !== 'cancelled') {
    throw new ApiError(409, 'order_not_paid', order.status === 'invoiced' ? 'This invoice is not paid yet: its tickets are issued when it is.' : 'This order was never paid: it has no tickets.');
  }
  const rows = await db
    .select()
    .from(tickets)
    .where(ticketNumber === undefined ? eq(tickets.orderId, order.id) : and(eq(tickets.orderId, order.id), eq(tickets.number, ticketNumber)))
    .orderBy(...issueOrder);
  if (ticketNumber !== undefined) {
    const [ticket] = rows;
    if (!ticket) throw new ApiError(404, 'ticket_not_found', 'This order has no ticket with this number.');
    if (ticket.status !== 'valid') {
      throw new ApiError(409, 'ticket_not_valid', ticket.status === 'exchanged' ? 'This ticket was exchanged: print its new ticket instead.' : 'This ticket was cancelled and is no longer valid.', { status: ticket.status });
    }
  }
  const valid = rows.filter((t) => t.status === 'valid');
  if (valid.length === 0) throw new ApiError(409, 'ticket_not_valid', 'No ticket of this order is valid any more: there is nothing to print.', { status: 'cancelled' });
  return valid;
}

/** The performances of these tickets with the event's texts in `language`. */
export async function performancesOnPaper(db: Db, performanceIds: string[], language: Language): Promise<Map<string, PerformanceOnPaper>> {
  const rows = await db
    .select({
      id: performances.id,
      startsAt: performances.startsAt,
      doorsAt: performances.doorsAt,
      title: events.title,
      subtitle: events.subtitle,
      description: events.description,
      translations: events.translations,
      venueName: venues.name,
      venueAddress: venues.address,
    })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(inArray(performances.id, [...new Set(performanceIds)]));
  return new Map(
    rows.map((row) => {
      const texts = eventTextsIn(row, language);
      return [row.id, { eventTitle: texts.title, eventSubtitle: texts.subtitle, startsAt: row.startsAt, doorsAt: row.doorsAt, venueName: row.venueName, venueAddress: row.venueAddress }];
    }),
  );
}

/** The PDF of an order's valid tickets (or of one of them) in `language`, read from the database. */
export async function ticketsPdfForOrder(db: Db, shop: Shop, order: OrderRow, options: { layout: TicketPdfLayout; language?: Language | undefined; ticketNumber?: string | undefined }): Promise<Uint8Array> {
  const language = options.language ?? order.buyerLanguage;
  const rows = await printableTickets(db, order, options.ticketNumber);
  const [places, shows] = await Promise.all([seatPlaces(db, rows.map((t) => t.seatId)), performancesOnPaper(db, rows.map((t) => t.performanceId), language)]);
  const document: TicketDocument = {
    shopName: shop.name,
    timeZone: shop.timeZone,
    currency: order.currency,
    orderNumber: order.number,
    buyerName: order.buyerName,
    conditions: ticketConditionsIn(shop, language),
    tickets: rows.map((t) => ({
      number: t.number,
      seat: t.seatId === null ? null : (places.get(t.seatId) ?? null),
      seatLabel: t.seatLabel,
      tariffName: t.tariffName,
      price: t.price - t.discount,
      qrPayload: t.qrPayload,
      performance: shows.get(t.performanceId)!,
    })),
  };
  return ticketsPdf(document, options.layout, language);
}

/** A PDF of tickets as an HTTP answer: private, never cached, named after the order (and the ticket). */
export function ticketsPdfResponse(pdf: Uint8Array, orderNumber: string, ticketNumber?: string): Response {
  const name = ticketNumber ? `ticket-${ticketNumber}.pdf` : `tickets-${orderNumber}.pdf`;
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
