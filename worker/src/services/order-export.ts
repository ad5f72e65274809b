import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { events, performances } from '../../../db/schema/catalog.js';
import { orders, tickets } from '../../../db/schema/orders.js';
import { eventQuestions } from '../../../db/schema/questions.js';
import type { Db } from '../db.js';
import { type CsvValue, decimalAmount, toCsv } from '../domain/csv.js';
import { answerText, textIn } from '../domain/question-texts.js';
import type { Shop } from '../env.js';
import { afterCursor, type OrderSearch, orderSearchFilters } from './order-search.js';
import { answerRowsOfOrders, slotOrder } from './questions/answer-views.js';
import { localStamp } from './reports/csv.js';
import { issueOrder } from './ticket-order.js';

/** A spreadsheet's worth: beyond it, narrow the search (by performance, status or event). */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 500;

export type OrderExportQuery = Omit<OrderSearch, 'limit' | 'cursor'> & { eventId?: string | undefined };

type OrderRow = typeof orders.$inferSelect;
type TicketRow = typeof tickets.$inferSelect;
type AnswerRow = Awaited<ReturnType<typeof answerRowsOfOrders>>[number];

const inJson = (column: SQL | typeof orders.id | typeof tickets.orderId | typeof performances.id | typeof eventQuestions.eventId, ids: readonly string[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/**
 * The orders a search finds as CSV, one row per ticket, then one column per question of their
 * events with the answers as a person reads them (the shop's default language). Orders are read
 * a page at a time, newest first, up to EXPORT_MAX_ROWS rows.
 */
export async function exportOrdersCsv(db: Db, shop: Shop, query: OrderExportQuery): Promise<string> {
  const { filters } = await orderSearchFilters(db, shop.id, query);
  if (query.eventId) filters.push(sql`${orders.performanceId} IN (SELECT ${performances.id} FROM ${performances} WHERE ${performances.eventId} = ${query.eventId} AND ${performances.shopId} = ${shop.id})`);

  const lines: { order: OrderRow; ticket: TicketRow | null; slot: string | null }[] = [];
  const ticketsByOrder = new Map<string, TicketRow[]>();
  const answersByOrder = new Map<string, AnswerRow[]>();
  let cursor: string | undefined;
  while (lines.length < EXPORT_MAX_ROWS) {
    const page = await db
      .select()
      .from(orders)
      .where(and(...filters, cursor === undefined ? undefined : afterCursor(cursor)))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(PAGE);
    if (page.length === 0) break;
    const ids = page.map((o) => o.id);
    for (const t of await db.select().from(tickets).where(inJson(tickets.orderId, ids)).orderBy(...issueOrder)) {
      const list = ticketsByOrder.get(t.orderId) ?? [];
      list.push(t);
      ticketsByOrder.set(t.orderId, list);
    }
    for (const a of await answerRowsOfOrders(db, ids)) {
      const list = answersByOrder.get(a.orderId) ?? [];
      list.push(a);
      answersByOrder.set(a.orderId, list);
    }
    for (const order of page) {
      const issued = ticketsByOrder.get(order.id) ?? [];
      if (issued.length > 0) for (const ticket of issued) lines.push({ order, ticket, slot: null });
      else {
        // Not issued yet (an unpaid invoice): a row per ticket someone answered for, else one row.
        const slots = [...new Set((answersByOrder.get(order.id) ?? []).filter((a) => a.slot !== '').map((a) => a.slot))].sort(slotOrder);
        if (slots.length > 0) for (const slot of slots) lines.push({ order, ticket: null, slot });
        else lines.push({ order, ticket: null, slot: null });
      }
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    cursor = `${last.createdAt}.${last.id}`;
  }
  lines.splice(EXPORT_MAX_ROWS);

  const performanceIds = [...new Set(lines.map((l) => l.order.performanceId))];
  const shows = performanceIds.length === 0
    ? []
    : await db
        .select({ id: performances.id, startsAt: performances.startsAt, eventId: events.id, title: events.title })
        .from(performances)
        .innerJoin(events, eq(events.id, performances.eventId))
        .where(inJson(performances.id, performanceIds));
  const showOf = new Map(shows.map((s) => [s.id, s]));
  const eventIds = [...new Set(shows.map((s) => s.eventId))];
  const questions = eventIds.length === 0
    ? []
    : await db
        .select()
        .from(eventQuestions)
        .where(inJson(eventQuestions.eventId, eventIds))
        .orderBy(asc(eventQuestions.eventId), sql`${eventQuestions.archivedAt} IS NOT NULL`, asc(eventQuestions.position), asc(eventQuestions.createdAt));
  const titleOf = new Map(shows.map((s) => [s.eventId, s.title]));
  const label = (q: (typeof questions)[number]) => {
    const text = textIn(q.label, shop.defaultLocale, shop.defaultLocale);
    return eventIds.length > 1 ? `${titleOf.get(q.eventId)}: ${text}` : text;
  };

  const header = ['order_number', 'order_status', 'channel', 'buyer_name', 'buyer_email', 'event', 'performance_starts_at', 'ticket_number', 'ticket_status', 'tariff', 'seat', 'price', 'currency', ...questions.map(label)];
  const rows = lines.map(({ order, ticket, slot }): CsvValue[] => {
    const show = showOf.get(order.performanceId);
    const answers = answersByOrder.get(order.id) ?? [];
    const cellOf = (q: (typeof questions)[number]): CsvValue => {
      if (show?.eventId !== q.eventId) return null;
      const found = answers.find(
        (a) => a.question.id === q.id && (q.scope === 'order' ? a.slot === '' : ticket ? a.ticketId === ticket.id : slot !== null && a.slot === slot && a.ticketId === null),
      );
      return found ? answerText(found.question, found.value, shop.defaultLocale) : null;
    };
    return [
      order.number,
      order.status,
      order.channel,
      order.buyerName,
      order.buyerEmail,
      show?.title ?? null,
      show ? localStamp(new Date(show.startsAt).toISOString(), shop.timeZone) : null,
      ticket?.number ?? null,
      ticket?.status ?? null,
      ticket?.tariffName ?? null,
      ticket?.seatLabel ?? null,
      ticket ? decimalAmount(ticket.price - ticket.discount) : null,
      order.currency,
      ...questions.map(cellOf),
    ];
  });
  return toCsv(header, rows);
}
