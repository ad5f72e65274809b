import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import type { Db } from '../../db.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { CancelOrderBody, InvoicePaymentBody, OrderNumberParams } from '../../../../contract/organizer.js';
import { invoicePdfForOrder, pdfResponse } from '../../services/invoice-document.js';
import { loadShopOrder, recordInvoicePayment } from '../../services/invoice-orders.js';
import { cancelOrderByOrganizer } from '../../services/order-cancellation.js';
import { getOrderView } from '../../services/orders.js';
import { validate } from '../../validation.js';
import { tillOf } from '../../services/tills.js';

async function shopOf(db: Db, shopId: string) {
  const [shop] = await db.select().from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
  return shop;
}

/** Box office for invoice orders: record a payment (tickets go out), cancel an unpaid one, print the invoice. */
export const organizerInvoiceRoutes = new Hono<AppEnv>()
  .post('/orders/:number/payments', validate('param', OrderNumberParams), validate('json', InvoicePaymentBody), async (c) => {
    const deps = c.get('deps');
    const shop = await shopOf(deps.storage.db, c.get('orgShopId'));
    const { number } = c.req.valid('param');
    await recordInvoicePayment(deps, shop, number, c.req.valid('json'), await tillOf(shop, c.get('orgActor'), deps.now()));
    return c.json(await getOrderView(deps.storage.db, shop, number, deps.now()), 201);
  })
  .post('/orders/:number/cancel', validate('param', OrderNumberParams), validate('json', CancelOrderBody), async (c) => {
    const deps = c.get('deps');
    const shop = await shopOf(deps.storage.db, c.get('orgShopId'));
    const { number } = c.req.valid('param');
    await cancelOrderByOrganizer(deps, shop, number, c.req.valid('json'), c.get('orgTokenId'));
    return c.json(await getOrderView(deps.storage.db, shop, number, deps.now()), 200);
  })
  .get('/orders/:number/invoice.pdf', validate('param', OrderNumberParams), async (c) => {
    const { storage } = c.get('deps');
    const shop = await shopOf(storage.db, c.get('orgShopId'));
    const order = await loadShopOrder(storage.db, shop.id, c.req.valid('param').number);
    return pdfResponse(await invoicePdfForOrder(storage.db, shop, order), order.number);
  });
