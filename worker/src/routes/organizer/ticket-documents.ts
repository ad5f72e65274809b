import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import type { Db } from '../../db.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { OrderNumberParams } from '../../../../contract/organizer.js';
import { StaffTicketPdfParams, StaffTicketsPdfQuery } from '../../../../contract/ticket-documents.js';
import { loadShopOrder } from '../../services/invoice-orders.js';
import { ticketsPdfForOrder, ticketsPdfResponse } from '../../services/ticket-documents.js';
import { validate } from '../../validation.js';

/** Staff print an order's tickets: on the box office's 80 mm printer, or on A4 to hand over. */
export const organizerTicketDocumentRoutes = new Hono<AppEnv>()
  .get('/orders/:number/tickets.pdf', validate('param', OrderNumberParams), validate('query', StaffTicketsPdfQuery), async (c) => {
    const { storage } = c.get('deps');
    const shop = await shopOf(storage.db, c.get('orgShopId'));
    const order = await loadShopOrder(storage.db, shop.id, c.req.valid('param').number);
    const { layout, lang } = c.req.valid('query');
    return ticketsPdfResponse(await ticketsPdfForOrder(storage.db, shop, order, { layout, language: lang }), order.number);
  })
  .get('/orders/:number/tickets/:ticketNumber/pdf', validate('param', StaffTicketPdfParams), validate('query', StaffTicketsPdfQuery), async (c) => {
    const { storage } = c.get('deps');
    const shop = await shopOf(storage.db, c.get('orgShopId'));
    const { number, ticketNumber } = c.req.valid('param');
    const order = await loadShopOrder(storage.db, shop.id, number);
    const { layout, lang } = c.req.valid('query');
    return ticketsPdfResponse(await ticketsPdfForOrder(storage.db, shop, order, { layout, language: lang, ticketNumber }), order.number, ticketNumber);
  });

async function shopOf(db: Db, shopId: string) {
  const [shop] = await db.select().from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
  return shop;
}
