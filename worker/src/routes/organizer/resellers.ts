import { Hono } from 'hono';
import { ResellerBody, ResellerParams, ResellerPatch, ResellerQuotaBody, ResellerQuotaParams, TicketImportBody } from '../../../../contract/resellers.js';
import { shops } from '../../../../db/schema/catalog.js';
import { importTickets } from '../../services/resellers/ticket-import.js';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { quotaViews, setResellerQuota } from '../../services/resellers/reseller-quotas.js';
import { createReseller, listResellers, loadReseller, updateReseller } from '../../services/resellers/resellers.js';
import { validate } from '../../validation.js';

/** Resellers and their quotas (managers), and a reseller's own quotas (its token). */
export const organizerResellerRoutes = new Hono<AppEnv>()
  .get('/resellers', async (c) => c.json({ resellers: await listResellers(c.get('deps').storage.db, c.get('orgShopId')) }, 200))
  .post('/resellers', validate('json', ResellerBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await createReseller(storage.db, c.get('orgShopId'), c.req.valid('json'), now()), 201);
  })
  .patch('/resellers/:resellerId', validate('param', ResellerParams), validate('json', ResellerPatch), async (c) => {
    return c.json(await updateReseller(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').resellerId, c.req.valid('json')), 200);
  })
  .put('/resellers/:resellerId/quotas/:performanceId', validate('param', ResellerQuotaParams), validate('json', ResellerQuotaBody), async (c) => {
    const { storage, now } = c.get('deps');
    const { resellerId, performanceId } = c.req.valid('param');
    return c.json(await setResellerQuota(storage.db, c.get('orgShopId'), resellerId, performanceId, c.req.valid('json'), now()), 200);
  })
  .get('/resellers/:resellerId/quotas', validate('param', ResellerParams), async (c) => {
    const { storage, now } = c.get('deps');
    const reseller = await loadReseller(storage.db, c.get('orgShopId'), c.req.valid('param').resellerId);
    return c.json({ quotas: await quotaViews(storage.db, c.get('orgShopId'), { resellerId: reseller.id }, now()) }, 200);
  })
  .get('/reseller/quotas', async (c) => {
    const { storage, now } = c.get('deps');
    const { resellerId } = c.get('orgActor');
    // Only reseller tokens reach here (the role matrix), and every one names its reseller.
    if (resellerId === null) throw new ApiError(404, 'reseller_not_found', 'This token is not a reseller’s.');
    const reseller = await loadReseller(storage.db, c.get('orgShopId'), resellerId);
    return c.json({ quotas: await quotaViews(storage.db, c.get('orgShopId'), { resellerId: reseller.id }, now()) }, 200);
  })
  .post('/ticket-imports', validate('json', TicketImportBody), async (c) => {
    const { storage, now } = c.get('deps');
    // Fresh, not cached: the shop's signing key signs every imported ticket.
    const [shop] = await storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    return c.json(await importTickets(storage.db, shop, c.req.valid('json').csv, c.get('orgActor'), storage.maxParams, now), 200);
  });
