import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { OrderNumberParams, OrderSearchQuery, ResendOrderMessageBody } from '../../../../contract/organizer.js';
import { searchOrders } from '../../services/order-search.js';
import { resendOrderMessage } from '../../services/order-resend.js';
import { validate } from '../../validation.js';
import { staffOrderView } from '../../services/staff-order-view.js';

/** Box office: find orders, read one, send its e-mails again. */
export const organizerOrderRoutes = new Hono<AppEnv>()
  .get('/orders', validate('query', OrderSearchQuery), async (c) => {
    return c.json(await searchOrders(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('query')), 200);
  })
  .get('/orders/:number', validate('param', OrderNumberParams), async (c) => {
    const { storage, now } = c.get('deps');
    const [shop] = await storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    return c.json(await staffOrderView(storage.db, shop, c.req.valid('param').number, now()), 200);
  })
  .post('/orders/:number/resend', validate('param', OrderNumberParams), validate('json', ResendOrderMessageBody), async (c) => {
    const { storage, now } = c.get('deps');
    const [shop] = await storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    return c.json(await resendOrderMessage(storage.db, shop, c.req.valid('param').number, c.req.valid('json').kind, now()), 201);
  });
