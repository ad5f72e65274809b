import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { OrderNumberParams, OrderSearchQuery, ResendOrderMessageBody } from '../../../../contract/organizer.js';
import { staffOrderDetails } from '../../services/cancellation-reports.js';
import { getOrderView } from '../../services/orders.js';
import { searchOrders } from '../../services/order-search.js';
import { resendOrderMessage } from '../../services/order-resend.js';
import { loadShopOrder } from '../../services/invoice-orders.js';
import { orderMessages } from '../../services/outbox.js';
import type { StaffOrderView } from '../../../../contract/responses/organizer/orders.js';
import { validate } from '../../validation.js';
import { orderMoney } from '../../services/order-money.js';
import { orderExchanges } from '../../services/order-exchanges.js';

/** Box office: find orders, read one, send its e-mails again. */
export const organizerOrderRoutes = new Hono<AppEnv>()
  .get('/orders', validate('query', OrderSearchQuery), async (c) => {
    return c.json(await searchOrders(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('query')), 200);
  })
  .get('/orders/:number', validate('param', OrderNumberParams), async (c) => {
    const { storage, now } = c.get('deps');
    const [shop] = await storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    const view = await getOrderView(storage.db, shop, c.req.valid('param').number, now());
    // The organizer also sees the order's e-mails: sent, waiting or failed.
    const order = await loadShopOrder(storage.db, shop.id, view.number);
    // Staff also see the insurance opt-in, premiums and commissions per ticket and its date, the cancellations and exchanges.
    const { ticketDetails, ...details } = await staffOrderDetails(storage.db, shop.id, order);
    const tickets = view.tickets.map((t) => ({ ...t, ...ticketDetails.get(t.number)! }));
    const staffView: StaffOrderView = {
      ...view,
      ...details,
      tickets,
      messages: await orderMessages(storage.db, shop.id, order.id),
      exchanges: await orderExchanges(storage.db, order.id),
      ...(await orderMoney(storage.db, order.id)),
    };
    return c.json(staffView, 200);
  })
  .post('/orders/:number/resend', validate('param', OrderNumberParams), validate('json', ResendOrderMessageBody), async (c) => {
    const { storage, now } = c.get('deps');
    const [shop] = await storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    return c.json(await resendOrderMessage(storage.db, shop, c.req.valid('param').number, c.req.valid('json').kind, now()), 201);
  });
