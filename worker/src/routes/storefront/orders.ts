import { Hono } from 'hono';
import { constantTimeEqual } from '../../crypto.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { OrderParams, OrderSecretQuery } from '../../schemas/storefront.js';
import { getOrderView } from '../../services/orders.js';
import { validate } from '../../validation.js';

/**
 * The buyer's order page. The secret comes from the confirmation link (?secret=) or the
 * X-Order-Secret header; without the right one the order does not exist for the caller.
 */
export const orderRoutes = new Hono<AppEnv>().get('/:shopId/orders/:number', validate('param', OrderParams), validate('query', OrderSecretQuery), async (c) => {
  const { storage, now } = c.get('deps');
  const secret = c.req.valid('query').secret ?? c.req.header('X-Order-Secret') ?? '';
  const order = await getOrderView(storage.db, c.get('shop'), c.req.valid('param').number, now()).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });
  if (!order || !constantTimeEqual(order.secret, secret)) {
    throw new ApiError(404, 'order_not_found', 'There is no order with this number and secret. Use the link from your confirmation.');
  }
  c.header('Cache-Control', 'private, no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.json(order, 200);
});
