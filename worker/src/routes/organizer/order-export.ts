import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { OrderExportQuery } from '../../../../contract/organizer.js';
import { shops } from '../../../../db/schema/catalog.js';
import type { AppEnv } from '../../env.js';
import { exportOrdersCsv } from '../../services/order-export.js';
import { validate } from '../../validation.js';
import { csvResponse } from './csv-response.js';

/** The orders a search finds, with the buyers' answers, for a spreadsheet (an attendee list with `eventId`). */
export const organizerOrderExportRoutes = new Hono<AppEnv>().get('/orders.csv', validate('query', OrderExportQuery), async (c) => {
  const { db } = c.get('deps').storage;
  const [shop] = await db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
  const query = c.req.valid('query');
  const stamp = new Date(c.get('deps').now()).toISOString().slice(0, 10);
  return csvResponse(await exportOrdersCsv(db, shop!, query), `orders-${query.eventId ? `${query.eventId}-` : ''}${stamp}.csv`);
});
