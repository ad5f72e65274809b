import { Hono } from 'hono';
import { constantTimeEqual } from '../../crypto.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { InvoicePdfQuery, OrderParams, OrderSecretQuery } from '../../schemas/storefront.js';
import { loadShopOrder } from '../../services/invoice-orders.js';
import { invoicePdfForOrder, pdfResponse } from '../../services/invoice-document.js';
import { getOrderView } from '../../services/orders.js';
import { validate } from '../../validation.js';

/**
 * The buyer's order page. The secret comes from the confirmation link (?secret=) or the
 * X-Order-Secret header; without the right one the order does not exist for the caller.
 */
export const orderRoutes = new Hono<AppEnv>()
  .get('/:shopId/orders/:number/invoice.pdf', validate('param', OrderParams), validate('query', InvoicePdfQuery), async (c) => {
    const { storage } = c.get('deps');
    const order = await loadShopOrder(storage.db, c.get('shop').id, c.req.valid('param').number).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    });
    if (!order || !constantTimeEqual(order.secret, c.req.valid('query').secret)) {
      throw new ApiError(404, 'order_not_found', 'There is no order with this number and secret. Use the link from your confirmation.');
    }
    return pdfResponse(await invoicePdfForOrder(storage.db, c.get('shop'), order), order.number);
  })
  .get('/:shopId/orders/:number', validate('param', OrderParams), validate('query', OrderSecretQuery), async (c) => {
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
