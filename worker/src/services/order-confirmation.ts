import type { SeatPlace } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { Shop } from '../env.js';
import { insurerFacts, orderFacts, type PerformanceContext, recipientOf, ticketConditionsIn, ticketFacts } from './message-facts.js';
import { dedupeKeys, queueMessageBound } from './outbox.js';
import type { TicketRow } from './ticket-issuing.js';

/**
 * The confirmation with the tickets, queued in the same batch as the sale that issues them
 * (card or free checkout, or an invoice marked paid). Its dedupe key makes it once per order.
 * `places` are the sold seats' parts by seat id (the hold's items carry them); insured
 * tickets bring the insurer's name and contact.
 */
export function queueOrderConfirmation(
  db: Db,
  shop: Shop,
  order: Parameters<typeof orderFacts>[1] & Parameters<typeof recipientOf>[0] & { id: string },
  context: PerformanceContext,
  ticketRows: TicketRow[],
  places: ReadonlyMap<number, SeatPlace>,
  now: number,
) {
  const tickets = ticketFacts(ticketRows, places);
  return queueMessageBound(
    db,
    {
      shopId: shop.id,
      orderId: order.id,
      kind: 'order_confirmation',
      dedupeKey: dedupeKeys.confirmation(order.id),
      ...recipientOf(order),
      payload: {
        order: orderFacts(shop, order, context),
        tickets,
        insurer: tickets.some((t) => t.insured) ? insurerFacts(shop) : null,
        ticketConditions: ticketConditionsIn(shop, order.buyerLanguage),
      },
    },
    now,
  );
}
