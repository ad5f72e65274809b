import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { orders, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { OrderSearchResult } from '../../../contract/responses/orders.js';
import { orderSummary } from './orders.js';
import { actorNames } from './tills.js';

type OrderRow = typeof orders.$inferSelect;
type Match = NonNullable<OrderSearchResult['matchedBy']>;

export interface OrderSearch {
  q?: string | undefined;
  status?: OrderRow['status'] | undefined;
  performanceId?: string | undefined;
  channel?: OrderRow['channel'] | undefined;
  limit: number;
  cursor?: string | undefined;
}

const ORDER_NUMBER = /^[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const TICKET_NUMBER = /^T[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
/** A whole address (something@domain.tld), not a fragment: only then is an exact match tried. */
const WHOLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The ways the search text is read, most precise first: each is tried only when the ones
 * before it found nothing, so a number typed at the counter never brings a buyer whose e-mail
 * happens to contain it. Each precise reading is one lookup on a unique or expression index
 * (orders_number_uq, tickets_number_uq, orders_shop_email_lower_idx); the fragment reading
 * walks the shop's orders newest first (orders_shop_created_idx) and stops at the page.
 */
function readings(q: string): { match: Match; where: SQL }[] {
  const upper = q.toUpperCase();
  const list: { match: Match; where: SQL }[] = [];
  if (ORDER_NUMBER.test(upper)) list.push({ match: 'order_number', where: eq(orders.number, upper) });
  if (TICKET_NUMBER.test(upper)) {
    list.push({ match: 'ticket_number', where: sql`${orders.id} = (SELECT ${tickets.orderId} FROM ${tickets} WHERE ${tickets.number} = ${upper})` });
  }
  // lower() folds ASCII only, on both sides, like the index it uses.
  if (WHOLE_EMAIL.test(q)) list.push({ match: 'email', where: sql`lower(${orders.buyerEmail}) = lower(${q})` });
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  list.push({ match: 'name_or_email', where: or(sql`${orders.buyerEmail} LIKE ${pattern} ESCAPE '\\'`, sql`${orders.buyerName} LIKE ${pattern} ESCAPE '\\'`)! });
  return list;
}

/** After the last order of the previous page: (createdAt, id), so orders of the same millisecond are neither skipped nor repeated. */
export function afterCursor(cursor: string): SQL {
  const [createdAt, id] = cursor.split('.') as [string, string];
  return or(lt(orders.createdAt, Number(createdAt)), and(eq(orders.createdAt, Number(createdAt)), lt(orders.id, id)))!;
}

/**
 * The conditions of a search (its filters and the reading of `q` that finds something), for
 * the search's pages and the CSV export alike.
 */
export async function orderSearchFilters(db: Db, shopId: string, query: Omit<OrderSearch, 'limit' | 'cursor'>): Promise<{ filters: SQL[]; matchedBy: Match | null }> {
  const filters: SQL[] = [eq(orders.shopId, shopId)];
  if (query.status) filters.push(eq(orders.status, query.status));
  if (query.performanceId) filters.push(eq(orders.performanceId, query.performanceId));
  if (query.channel) filters.push(eq(orders.channel, query.channel));

  let matchedBy: Match | null = null;
  if (query.q) {
    const tried = readings(query.q);
    // The reading is chosen without the cursor, so that every page of one search reads q the same way.
    for (const reading of tried) {
      // The last reading is taken when the others found nothing: no need to probe it first.
      const last = reading === tried[tried.length - 1];
      const [hit] = last ? [] : await db.select({ id: orders.id }).from(orders).where(and(...filters, reading.where)).limit(1);
      if (hit || last) {
        matchedBy = reading.match;
        filters.push(reading.where);
        break;
      }
    }
  }
  return { filters, matchedBy };
}

/** Organizer search: by order number, ticket number, e-mail, name; filtered by status and performance; newest first, paged with a cursor. */
export async function searchOrders(db: Db, shopId: string, query: OrderSearch): Promise<OrderSearchResult> {
  const { filters, matchedBy } = await orderSearchFilters(db, shopId, query);
  const rows = await db
    .select()
    .from(orders)
    .where(and(...filters, query.cursor === undefined ? undefined : afterCursor(query.cursor)))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const sellers = await actorNames(db, shopId, page.flatMap((o) => (o.soldBy ? [o.soldBy] : [])));
  return {
    orders: page.map((o) => orderSummary(o, sellers)),
    nextCursor: rows.length > query.limit && last ? `${last.createdAt}.${last.id}` : null,
    matchedBy,
  };
}
