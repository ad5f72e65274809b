import { and, eq, isNull, sql } from 'drizzle-orm';
import { shops } from '../../../db/schema/catalog.js';
import { orders, ticketExchanges, tickets } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import { parseTicketPayload, verifyTicketPayload } from '../domain/ticket-signature.js';
import { ApiError } from '../errors.js';
import { dedupe, eventStatement, fanOutStatements, orderRef, ticketData } from './webhook-events.js';
import type { CheckinResult } from '../../../contract/responses/orders.js';

/**
 * Admits a ticket at the door. The signature is checked first (a forged code never reaches
 * the database); the admission itself is one conditional UPDATE, so of two scanners reading
 * the same ticket at the same moment exactly one admits it. Its batch writes the
 * ticket.checked_in webhook only if this UPDATE admitted the ticket (admitted_at is now this
 * batch's instant; a second scan in the same millisecond is dropped by the dedupe key).
 */
export async function checkIn(db: Db, shopId: string, code: string, performanceId: string | undefined, now: number): Promise<CheckinResult> {
  const parsed = parseTicketPayload(code.trim());
  if (!parsed) {
    // Shaped like this shop's code (TS1.<shop>.<ticket>.<performance>.<sig>) but the signature is cut or mangled: altered, not unreadable.
    const parts = code.trim().split('.');
    if (parts.length === 5 && parts[0] === 'TS1' && parts[1] === shopId) throw new ApiError(422, 'ticket_forged', 'The signature of this ticket is not valid: it was altered or forged.');
    throw new ApiError(422, 'ticket_unreadable', 'This is not a ticket code of ours.');
  }
  if (parsed.shopId !== shopId) throw new ApiError(422, 'ticket_other_shop', 'This ticket belongs to another organizer.');
  const [shop] = await db.select({ publicKey: shops.signingPublicKey }).from(shops).where(eq(shops.id, shopId));
  const claims = shop ? await verifyTicketPayload(shop.publicKey, code.trim()) : null;
  if (!claims) throw new ApiError(422, 'ticket_forged', 'The signature of this ticket is not valid: it was altered or forged.');
  if (performanceId && claims.performanceId !== performanceId) {
    throw new ApiError(409, 'ticket_wrong_performance', 'This ticket is for another performance.', { performanceId: claims.performanceId });
  }

  // The ticket and its order, for the webhook's payload only: the UPDATE decides.
  const [found] = await db
    .select({ ticket: tickets, order: { id: orders.id, number: orders.number, currency: orders.currency } })
    .from(tickets)
    .innerJoin(orders, eq(orders.id, tickets.orderId))
    .where(and(eq(tickets.shopId, shopId), eq(tickets.number, claims.ticketNumber)));
  const admit = db
    .update(tickets)
    .set({ admittedAt: now })
    .where(and(eq(tickets.shopId, shopId), eq(tickets.number, claims.ticketNumber), eq(tickets.status, 'valid'), isNull(tickets.admittedAt)))
    .returning();
  const [admitted] = found
    ? (
        await db.batch([
          admit,
          eventStatement(
            db,
            {
              shopId,
              type: 'ticket.checked_in',
              orderId: found.order.id,
              dedupeKey: dedupe.checkedIn(found.ticket.id),
              data: { order: orderRef(found.order), ticket: ticketData(found.ticket, 'valid'), admittedAt: new Date(now).toISOString() },
            },
            now,
            sql`EXISTS (SELECT 1 FROM ${tickets} WHERE ${tickets.id} = ${found.ticket.id} AND ${tickets.admittedAt} = ${now})`,
          ),
          ...fanOutStatements(db, now),
        ])
      )[0]
    : await admit;
  if (admitted) {
    return { result: 'admitted' as const, ticket: { number: admitted.number, seatLabel: admitted.seatLabel, tariffName: admitted.tariffName, performanceId: admitted.performanceId } };
  }
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, shopId), eq(tickets.number, claims.ticketNumber)));
  if (!ticket) throw new ApiError(404, 'ticket_unknown', 'This ticket is correctly signed but unknown to the box office.');
  if (ticket.status === 'cancelled') throw new ApiError(409, 'ticket_cancelled', 'This ticket was cancelled and is not valid.');
  if (ticket.status === 'exchanged') {
    // The buyer swapped it for another ticket (ticket_exchanges); only the new one gets in.
    const [exchange] = await db.select({ newTicketId: ticketExchanges.newTicketId }).from(ticketExchanges).where(eq(ticketExchanges.oldTicketId, ticket.id));
    const [replacement] = exchange ? await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, exchange.newTicketId)) : [];
    throw new ApiError(409, 'ticket_exchanged', 'This ticket was exchanged for another one and is not valid.', replacement ? { replacedBy: replacement.number } : undefined);
  }
  throw new ApiError(409, 'ticket_already_admitted', `This ticket was already admitted at ${new Date(ticket.admittedAt!).toISOString()}.`, {
    admittedAt: new Date(ticket.admittedAt!).toISOString(),
  });
}
