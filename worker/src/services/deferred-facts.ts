import { eq, inArray } from 'drizzle-orm';
import { events, performances, shops, venues } from '../../../db/schema/catalog.js';
import type { outboxMessages } from '../../../db/schema/messaging.js';
import { orders } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { MessagePayloads } from '../email/messages.js';
import { invoiceFacts, orderFacts, type PerformanceContext, performanceContextColumns } from './message-facts.js';

/**
 * The e-mails the invoice deadline job queues keep only what the step decided: the reminder's
 * number and new deadline, or the reason of the cancellation. The order's facts (lines, buyer,
 * performance, shop) are read when the e-mail is sent, by withOrderFacts.
 *
 * Why: the job queues tens of thousands of e-mails in one pass. Building each order's facts
 * (about 1.2 KB of JSON) meant reading the order's lines and invoice, assembling and
 * serialising them, and writing them into the outbox, most of the pass's work in JavaScript
 * (bench scenario cron-at-scale). The deliverer sends a few at a time and reads them in one
 * query per chunk. What such an e-mail says of the order does not change in between: an unpaid
 * invoice order's lines and amounts are fixed, and it can only be cancelled whole.
 * Messages queued with their facts (every other kind, staff cancellations) are sent as stored.
 */
export interface DeferredPayloads {
  invoice_reminder: { reminderNumber: number; deadline: number };
  order_cancelled: { reason: 'invoice_unpaid'; note: null };
}

export const deferredReminder = (reminderNumber: number, deadline: number): string => JSON.stringify({ reminderNumber, deadline } satisfies DeferredPayloads['invoice_reminder']);

export const deferredCancellation: string = JSON.stringify({ reason: 'invoice_unpaid', note: null } satisfies DeferredPayloads['order_cancelled']);

type Row = Pick<typeof outboxMessages.$inferSelect, 'kind' | 'orderId' | 'payload'>;

/** A message of the order whose payload still lacks the order's facts. */
function isDeferred(row: Row): row is Row & { kind: keyof DeferredPayloads; orderId: string } {
  return (row.kind === 'invoice_reminder' || row.kind === 'order_cancelled') && row.orderId !== null && !('order' in row.payload);
}

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_QUERY = 90;

async function inSlices<T>(ids: string[], load: (slice: string[]) => PromiseLike<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let at = 0; at < ids.length; at += IDS_PER_QUERY) rows.push(...(await load(ids.slice(at, at + IDS_PER_QUERY))));
  return rows;
}

/**
 * The rows with every deferred payload completed into what the templates take (the same facts
 * the invoice e-mail was queued with); other rows as they are. One query each for the orders,
 * shops and performances of the rows. A row whose order is gone keeps its payload (rendering
 * it then fails, and the deliverer records that).
 */
export async function withOrderFacts<R extends Row>(db: Db, rows: R[]): Promise<R[]> {
  const orderIds = new Set<string>();
  for (const row of rows) if (isDeferred(row)) orderIds.add(row.orderId);
  if (orderIds.size === 0) return rows;
  const orderRows = await inSlices([...orderIds], (ids) =>
    db
      .select({
        id: orders.id,
        shopId: orders.shopId,
        performanceId: orders.performanceId,
        number: orders.number,
        secret: orders.secret,
        buyerName: orders.buyerName,
        currency: orders.currency,
        total: orders.total,
        paidByVouchers: orders.paidByVouchers,
        lines: orders.lines,
        invoice: orders.invoice,
      })
      .from(orders)
      .where(inArray(orders.id, ids)),
  );
  const shopRows = await inSlices([...new Set(orderRows.map((o) => o.shopId))], (ids) =>
    db.select({ id: shops.id, name: shops.name, brandColor: shops.brandColor, timeZone: shops.timeZone, orderPageUrl: shops.orderPageUrl }).from(shops).where(inArray(shops.id, ids)),
  );
  const contextRows = await inSlices([...new Set(orderRows.map((o) => o.performanceId))], (ids) =>
    db
      .select({ id: performances.id, ...performanceContextColumns })
      .from(performances)
      .innerJoin(events, eq(events.id, performances.eventId))
      .innerJoin(venues, eq(venues.id, events.venueId))
      .where(inArray(performances.id, ids)),
  );
  const ordersById = new Map(orderRows.map((o) => [o.id, o]));
  const shopsById = new Map(shopRows.map((s) => [s.id, s]));
  const contexts = new Map<string, PerformanceContext>(contextRows.map(({ id, ...context }) => [id, context]));

  return rows.map((row) => {
    if (!isDeferred(row)) return row;
    const order = ordersById.get(row.orderId);
    const shop = order && shopsById.get(order.shopId);
    const context = order && contexts.get(order.performanceId);
    if (!order || !shop || !context || !order.invoice) return row;
    const facts = orderFacts(shop, order, context);
    let payload: MessagePayloads['invoice_reminder'] | MessagePayloads['order_cancelled'];
    if (row.kind === 'invoice_reminder') {
      const step = row.payload as unknown as DeferredPayloads['invoice_reminder'];
      payload = { order: facts, invoice: invoiceFacts(order.invoice, step.deadline), reminderNumber: step.reminderNumber, reminderCount: order.invoice.reminderCount };
    } else {
      const { reason, note } = row.payload as unknown as DeferredPayloads['order_cancelled'];
      payload = { order: facts, reason, note };
    }
    return { ...row, payload: payload as unknown as Record<string, unknown> };
  });
}
