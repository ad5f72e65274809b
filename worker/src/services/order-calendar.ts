import { and, eq } from 'drizzle-orm';
import { type orders, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import { orderCalendarIcs, type CalendarPerformance } from '../domain/order-calendar.js';
import { orderPageLink } from '../email/messages.js';
import { emailStrings } from '../email/translations.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { seatPlaces } from './seat-places.js';
import { performancesOnPaper } from './ticket-documents.js';
import { issueOrder } from './ticket-order.js';

type OrderRow = typeof orders.$inferSelect;

/**
 * The calendar file of an order, in its buyer's language: one event per performance the order
 * holds valid tickets for today (an exchange onto another date moves its ticket to that date's
 * event; cancelled and exchanged tickets are left out). `publicUrl` names the UIDs' host and
 * places an order page given as a path.
 */
export async function orderCalendarFile(db: Db, shop: Pick<Shop, 'orderPageUrl'>, order: OrderRow, publicUrl: string, now: number): Promise<string> {
  if (order.status !== 'paid') {
    throw new ApiError(409, 'order_not_paid', order.status === 'invoiced' ? 'This invoice is not paid yet: its tickets, and their dates, come with the payment.' : `This order is ${order.status}: it has no tickets to put in a calendar.`);
  }
  const valid = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.orderId, order.id), eq(tickets.status, 'valid')))
    .orderBy(...issueOrder);
  if (valid.length === 0) throw new ApiError(409, 'ticket_not_valid', 'No ticket of this order is valid any more: there is no date to add.', { status: 'cancelled' });
  const language = order.buyerLanguage;
  const s = emailStrings[language];
  const [places, shows] = await Promise.all([
    seatPlaces(db, valid.map((t) => t.seatId)),
    performancesOnPaper(
      db,
      valid.map((t) => t.performanceId),
      language,
    ),
  ]);
  const performancesOfOrder: CalendarPerformance[] = [...shows].map(([performanceId, show]) => ({
    performanceId,
    startsAt: show.startsAt,
    // The schema keeps no end or length of a performance: the domain's default length applies.
    endsAt: null,
    title: show.eventTitle,
    venueName: show.venueName,
    venueAddress: show.venueAddress,
    ticketLines: valid
      .filter((t) => t.performanceId === performanceId)
      .map((t) => {
        const seat = t.seatId === null ? null : places.get(t.seatId);
        const where = seat ? s.seatPlace(seat) : t.seatLabel;
        return `${s.ticket} ${t.number}: ${where ? `${where} · ` : ''}${t.tariffName}`;
      }),
  }));
  const base = publicUrl.replace(/\/$/, '');
  return orderCalendarIcs({
    orderNumber: order.number,
    host: new URL(base).hostname,
    stampedAt: now,
    orderPageUrl: orderPageLink({ orderPageUrl: shop.orderPageUrl, orderNumber: order.number, orderSecret: order.secret }, { publicUrl: base }),
    orderPageLabel: s.orderLink,
    performances: performancesOfOrder,
  });
}

/** The calendar as an HTTP answer: a download, private, never cached. */
export function calendarResponse(ics: string, orderNumber: string): Response {
  return new Response(ics, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="order-${orderNumber}.ics"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
