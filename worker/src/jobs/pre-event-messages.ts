import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { events, performances, shops, venues } from '../../../db/schema/catalog.js';
import { orders, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import { qualified } from '../sql-columns.js';
import { MAX_PRE_EVENT_DAYS, preEventDue } from '../domain/pre-event.js';
import { orderFacts, performanceContextColumns, recipientOf } from '../services/message-facts.js';
import { outboxMessages } from '../../../db/schema/messaging.js';
import { dedupeKeys, queueMessageWhere } from '../services/outbox.js';
import type { JobLimits } from './invoice-deadlines.js';

type Statement = BatchItem<'sqlite'>;
const DAY = 86_400_000;

/** The order's valid tickets for the order's own performance (an exchange may have moved some to another date). */
const validTickets = sql<number>`(SELECT count(*) FROM ${tickets} WHERE ${qualified(tickets.orderId)} = ${qualified(orders.id)} AND ${qualified(tickets.status)} = 'valid'
  AND ${qualified(tickets.performanceId)} = ${qualified(orders.performanceId)})`;

/**
 * The message before each performance, to every paid order. The performances that could be
 * due are few (those starting within MAX_PRE_EVENT_DAYS, found by the starts_at index); for
 * each one that is due, paid orders not yet messaged are taken in chunks. The message and
 * the order's mark (pre_event_queued_at) are written in one batch, both conditional on the
 * mark being unset, and the message's dedupe key is unique: overlapping runs queue it once.
 */
export async function queuePreEventMessages(db: Db, now: number, limits: JobLimits = { chunk: 100, maxChunks: 20 }) {
  const upcoming = await db
    .select({
      performanceId: performances.id,
      shop: { id: shops.id, name: shops.name, brandColor: shops.brandColor, timeZone: shops.timeZone, orderPageUrl: shops.orderPageUrl, defaultLocale: shops.defaultLocale },
      timing: { daysBefore: events.preEventDaysBefore, sendHour: events.preEventSendHour },
      text: events.preEventMessageText,
      context: performanceContextColumns,
    })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .innerJoin(shops, eq(shops.id, performances.shopId))
    .where(and(gt(performances.startsAt, now), lte(performances.startsAt, now + (MAX_PRE_EVENT_DAYS + 1) * DAY), eq(performances.status, 'scheduled'), eq(events.preEventMessageEnabled, true)))
    .orderBy(asc(performances.startsAt));
  const due = upcoming.filter((p) => preEventDue(p.context.startsAt, p.timing, p.shop.timeZone, now));


  let queued = 0;
  let rounds = 0;
  for (const performance of due) {
    while (rounds < limits.maxChunks) {
      rounds++;
      const waiting = await db
        .select({ order: orders, ticketCount: validTickets })
        .from(orders)
        .where(and(eq(orders.performanceId, performance.performanceId), eq(orders.status, 'paid'), isNull(orders.preEventQueuedAt)))
        .limit(limits.chunk);
      if (waiting.length === 0) break;
      const statements: Statement[] = [];
      // Where the mark of each messaged order is in the batch: its RETURNING says whether this run queued the message.
      const marks: number[] = [];
      for (const { order, ticketCount } of waiting) {
        const unmarked = and(eq(orders.id, order.id), eq(orders.status, 'paid'), isNull(orders.preEventQueuedAt))!;
        // An order whose tickets were all cancelled, or whose buyer's data was erased, is marked without a message.
        if (Number(ticketCount) > 0 && order.personalDataErasedAt === null) {
          const text = performance.text[order.buyerLanguage] ?? performance.text[performance.shop.defaultLocale] ?? null;
          statements.push(
            queueMessageWhere(
              db,
              {
                shopId: performance.shop.id,
                orderId: order.id,
                kind: 'pre_event',
                dedupeKey: dedupeKeys.preEvent(order.id),
                ...recipientOf(order),
                payload: { order: orderFacts(performance.shop, order, performance.context), ticketCount: Number(ticketCount), text },
              },
              now,
              sql`EXISTS (SELECT 1 FROM ${orders} WHERE ${unmarked})`,
            ),
          );
          marks.push(statements.length);
        }
        statements.push(db.update(orders).set({ preEventQueuedAt: now }).where(unmarked).returning({ id: orders.id }));
      }
      const results = await db.batch(statements as [Statement, ...Statement[]]);
      queued += marks.filter((at) => (results[at] as unknown[]).length > 0).length;
      if (waiting.length < limits.chunk) break;
    }
    if (rounds < limits.maxChunks) {
      rounds++;
      queued += await queueForExchangedTickets(db, performance, now);
    }
  }
  return { queued };
}

type DuePerformance = { performanceId: string; shop: Parameters<typeof orderFacts>[0] & { id: string; defaultLocale: string }; text: Record<string, string | undefined>; context: Parameters<typeof orderFacts>[2] };

/**
 * Buyers who exchanged tickets onto this performance from another date of the event: their
 * order names its first date, so the loop above does not find them. Exchanges are few, so
 * they are found through their tickets each run; the dedupe key, one per order and
 * performance, lets only the first run queue the message.
 */
async function queueForExchangedTickets(db: Db, performance: DuePerformance, now: number): Promise<number> {
  const rows = await db
    .select({ order: orders, ticketCount: sql<number>`count(*)` })
    .from(tickets)
    .innerJoin(orders, eq(orders.id, tickets.orderId))
    .where(and(eq(tickets.performanceId, performance.performanceId), eq(tickets.status, 'valid'), sql`${orders.performanceId} <> ${performance.performanceId}`, eq(orders.status, 'paid')))
    .groupBy(orders.id)
    .limit(500);
  if (rows.length === 0) return 0;
  const statements = rows.map(({ order, ticketCount }) =>
    queueMessageWhere(
      db,
      {
        shopId: performance.shop.id,
        orderId: order.id,
        kind: 'pre_event',
        dedupeKey: dedupeKeys.preEventOf(order.id, performance.performanceId),
        ...recipientOf(order),
        payload: {
          order: orderFacts(performance.shop, order, performance.context),
          ticketCount: Number(ticketCount),
          text: performance.text[order.buyerLanguage] ?? performance.text[performance.shop.defaultLocale] ?? null,
        },
      },
      now,
      sql`1`,
    ).returning({ id: outboxMessages.id }),
  );
  const results = await db.batch(statements as unknown as [Statement, ...Statement[]]);
  return results.filter((r) => (r as unknown[]).length > 0).length;
}
