import type { Db } from '../db.js';
import type { Shop } from '../env.js';
import type { StaffOrderView } from '../../../contract/responses/organizer/orders.js';
import { staffOrderDetails } from './cancellation-reports.js';
import { loadShopOrder } from './invoice-orders.js';
import { orderExchanges } from './order-exchanges.js';
import { orderMoney } from './order-money.js';
import { getOrderView, sellerOf } from './orders.js';
import { orderMessages } from './outbox.js';
import { actorNames } from './tills.js';
import { orderAnswersView } from './questions/answer-views.js';

/**
 * An order as staff read it (getStaffOrder, and the answer of a desk sale): the buyer's view
 * plus per ticket the premium and commission, the cancellations, exchanges, e-mails, money,
 * where it was sold and by whom.
 */
export async function staffOrderView(db: Db, shop: Shop, number: string, now: number): Promise<StaffOrderView> {
  const view = await getOrderView(db, shop, number, now);
  const order = await loadShopOrder(db, shop.id, view.number);
  const { ticketDetails, ...details } = await staffOrderDetails(db, shop.id, order);
  const tickets = view.tickets.map((t) => ({ ...t, ...ticketDetails.get(t.number)! }));
  const sellers = await actorNames(db, shop.id, order.soldBy ? [order.soldBy] : []);
  return {
    ...view,
    ...details,
    channel: order.channel,
    soldBy: sellerOf(order, sellers),
    tickets,
    messages: await orderMessages(db, shop.id, order.id),
    exchanges: await orderExchanges(db, order.id),
    ...(await orderMoney(db, order.id)),
    answers: await orderAnswersView(db, shop, order.id),
    personalDataErasedAt: order.personalDataErasedAt === null ? null : new Date(order.personalDataErasedAt).toISOString(),
  };
}
