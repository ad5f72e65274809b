import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { BoxOfficeSaleBody, CloseTillBody, CreateBoxOfficeHoldBody, TillExportQuery, TillListQuery, TillParams } from '../../../../contract/box-office.js';
import { createHold } from '../../services/holds.js';
import { sellAtBoxOffice } from '../../services/box-office-sales.js';
import { closeTill, currentTill, listTills } from '../../services/tills.js';
import { tillsCsv } from '../../services/reports/tills-csv.js';
import { validate } from '../../validation.js';
import { csvResponse } from './csv-response.js';

async function orgShop(c: Context<AppEnv>) {
  const [shop] = await c.get('deps').storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
  if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
  return shop;
}

/**
 * The box office: desk holds (then changed with the storefront's hold operations by id), desk
 * sales, and each seller's till of the day.
 */
export const organizerBoxOfficeRoutes = new Hono<AppEnv>()
  .post('/box-office/holds', validate('json', CreateBoxOfficeHoldBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await createHold(storage.db, await orgShop(c), c.req.valid('json'), now(), undefined, 'box_office'), 201);
  })
  .post('/box-office/sales', validate('json', BoxOfficeSaleBody), async (c) => {
    return c.json(await sellAtBoxOffice(c.get('deps'), await orgShop(c), c.get('orgActor'), c.req.valid('json')), 201);
  })
  .get('/tills/current', async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await currentTill(storage.db, await orgShop(c), c.get('orgActor'), now()), 200);
  })
  .get('/tills', validate('query', TillListQuery), async (c) => {
    const actor = c.get('orgActor');
    const query = c.req.valid('query');
    // The box office sees its own tills only; the others everyone's (or the one actor asked for).
    const actorId = actor.role === 'box_office' ? actor.id : query.actorId;
    return c.json({ tills: await listTills(c.get('deps').storage.db, await orgShop(c), { ...query, actorId }) }, 200);
  })
  .post('/tills/:tillId/close', validate('param', TillParams), validate('json', CloseTillBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await closeTill(storage.db, await orgShop(c), c.get('orgActor'), c.req.valid('param').tillId, c.req.valid('json'), now()), 200);
  })
  .get('/reports/tills.csv', validate('query', TillExportQuery), async (c) => {
    const query = c.req.valid('query');
    const tills = await listTills(c.get('deps').storage.db, await orgShop(c), query);
    return csvResponse(tillsCsv(tills), `tills-${query.from}-${query.to}.csv`);
  });
