import { and, asc, eq, gt, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import { events, performances } from '../../../db/schema/catalog.js';
import { orders, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import { type CsvValue, decimalAmount, toCsv } from '../domain/csv.js';
import type { Language } from '../email/messages.js';
import { emailStrings } from '../email/translations.js';
import type { Period } from './cancellation-reports.js';
import { seatPlaces } from './seat-places.js';

const PAGE = 500;
const iso = (ms: number) => new Date(ms).toISOString();

export const insuredTicketsHeader = [
  'policy_reference',
  'sold_at',
  'event',
  'performance_starts_at',
  'seat',
  'section',
  'row',
  'seat_number',
  'tariff',
  'buyer_name',
  'buyer_email',
  'ticket_price',
  'premium',
  'currency',
  'status',
  'order_number',
] as const;

/**
 * The insurer's list: every insured ticket sold in the period (by sale date, UTC), the ticket
 * number being the policy reference, with what the insurer needs to handle a claim and the
 * ticket's state now (a cancelled or exchanged ticket is no longer usable). Read through the
 * partial index of insured tickets, in pages. The seat is written in `language` and, for
 * matching, in its parts (section, row, number).
 */
export async function insuredTicketsCsv(db: Db, shopId: string, period: Period, language: Language): Promise<string> {
  const s = emailStrings[language];
  const rows: CsvValue[][] = [];
  let after: { createdAt: number; id: string } | null = null;
  for (;;) {
    const filters: (SQL | undefined)[] = [eq(tickets.shopId, shopId), sql`${tickets.insurancePremium} > 0`];
    if (period.from !== undefined) filters.push(gte(tickets.createdAt, period.from));
    if (period.to !== undefined) filters.push(lt(tickets.createdAt, period.to));
    if (after) filters.push(or(gt(tickets.createdAt, after.createdAt), and(eq(tickets.createdAt, after.createdAt), gt(tickets.id, after.id))));
    const page = await db
      .select({ ticket: tickets, startsAt: performances.startsAt, eventTitle: events.title, buyerName: orders.buyerName, buyerEmail: orders.buyerEmail, orderNumber: orders.number, currency: orders.currency })
      .from(tickets)
      .innerJoin(orders, eq(orders.id, tickets.orderId))
      .innerJoin(performances, eq(performances.id, tickets.performanceId))
      .innerJoin(events, eq(events.id, performances.eventId))
      .where(and(...filters))
      .orderBy(asc(tickets.createdAt), asc(tickets.id))
      .limit(PAGE);
    const places = await seatPlaces(db, page.map((r) => r.ticket.seatId));
    for (const r of page) {
      const place = r.ticket.seatId === null ? undefined : places.get(r.ticket.seatId);
      rows.push([
        r.ticket.number,
        iso(r.ticket.createdAt),
        r.eventTitle,
        iso(r.startsAt),
        place ? s.seatPlace(place) : r.ticket.seatLabel,
        place?.section ?? null,
        place?.row ?? null,
        place?.number ?? null,
        r.ticket.tariffName,
        r.buyerName,
        r.buyerEmail,
        decimalAmount(r.ticket.price - r.ticket.discount),
        decimalAmount(r.ticket.insurancePremium),
        r.currency,
        r.ticket.status,
        r.orderNumber,
      ]);
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!.ticket;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return toCsv(insuredTicketsHeader, rows);
}
