import { asc, eq, inArray } from 'drizzle-orm';
import { ticketExchanges, tickets } from '../../../db/schema/orders.js';
import type { StaffExchangeView } from '../../../contract/responses/organizer/orders.js';
import type { Db } from '../db.js';

/** The exchanges of an order, oldest first, with the printed numbers of the tickets swapped, for its history at the counter. */
export async function orderExchanges(db: Db, orderId: string): Promise<StaffExchangeView[]> {
  const rows = await db.select().from(ticketExchanges).where(eq(ticketExchanges.orderId, orderId)).orderBy(asc(ticketExchanges.createdAt));
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.oldTicketId, r.newTicketId]))];
  const numbers = new Map<string, string>();
  // An order has at most a few hundred tickets; D1 binds at most 100 parameters a statement.
  for (let i = 0; i < ids.length; i += 90) {
    for (const t of await db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.id, ids.slice(i, i + 90)))) numbers.set(t.id, t.number);
  }
  return rows.map((r) => ({
    id: r.id,
    oldTicketNumber: numbers.get(r.oldTicketId)!,
    newTicketNumber: numbers.get(r.newTicketId)!,
    fromPerformanceId: r.fromPerformanceId,
    toPerformanceId: r.toPerformanceId,
    difference: r.priceDifference,
    fee: r.fee,
    amountCharged: r.amountCharged,
    refundDue: r.refundDue,
    paymentMethod: r.paymentMethod,
    actor: r.actor,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}
