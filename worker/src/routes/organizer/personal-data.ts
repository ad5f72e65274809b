import { Hono } from 'hono';
import { OrderNumberParams } from '../../../../contract/organizer.js';
import type { AppEnv } from '../../env.js';
import { erasePersonalData } from '../../services/questions/personal-data.js';
import { validate } from '../../validation.js';

/** A buyer's right to erasure: their name, address, answers and e-mails leave the order; the books stay. */
export const organizerPersonalDataRoutes = new Hono<AppEnv>().post('/orders/:number/erase-personal-data', validate('param', OrderNumberParams), async (c) => {
  const { storage, now } = c.get('deps');
  return c.json(await erasePersonalData(storage.db, c.get('orgShopId'), c.req.valid('param').number, c.get('orgTokenId'), now()), 200);
});
