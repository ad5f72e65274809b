import type { Db } from '../db.js';
import type { Shop } from '../env.js';
import { orderFacts, type PerformanceContext, recipientOf, ticketFacts } from './message-facts.js';
import { dedupeKeys, queueMessage } from './outbox.js';
import type { TicketRow } from './ticket-issuing.js';

/**
 * The confirmation with the tickets, queued in the same batch as the sale that issues them
 * (card or free checkout, or an invoice marked paid). Its dedupe key makes it once per order.
 */
export function queueOrderConfirmation(
  db: Db,
  shop: Shop,
  order: Parameters<typeof orderFacts>[1] & Parameters<typeof recipientOf>[0] & { id: string },
  context: PerformanceContext,
  ticketRows: TicketRow[],
  now: number,
) {
  return queueMessage(
    db,
    {
      shopId: shop.id,
      orderId: order.id,
      kind: 'order_confirmation',
      dedupeKey: dedupeKeys.confirmation(order.id),
      ...recipientOf(order),
      payload: { order: orderFacts(shop, order, context), tickets: ticketFacts(ticketRows) },
    },
    now,
  );
}
