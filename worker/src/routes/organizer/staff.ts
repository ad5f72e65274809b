import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ActivityQuery, InviteStaffBody, StaffParams, StaffPatch } from '../../../../contract/staff.js';
import { shops } from '../../../../db/schema/catalog.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { forbidden } from '../../middleware/organizer-auth.js';
import { inviteStaff, listStaff, revokeSessionsOf, revokeStaff, updateStaff } from '../../services/staff-accounts.js';
import { listActivity } from '../../services/staff-activity.js';
import { validate } from '../../validation.js';

const shopGone = () => new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');

/** Who is calling, the shop's staff (owner only) and the activity log. */
export const organizerStaffRoutes = new Hono<AppEnv>()
  .get('/me', async (c) => {
    const [shop] = await c.get('deps').storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw shopGone();
    const actor = c.get('orgActor');
    return c.json(
      {
        actor: { kind: actor.kind, id: actor.id, name: actor.label, email: actor.email, role: actor.role },
        shop: {
          id: shop.id,
          name: shop.name,
          currency: shop.currency,
          locales: shop.locales,
          defaultLocale: shop.defaultLocale,
          timeZone: shop.timeZone,
          testMode: shop.testMode,
          boxOfficeRefundLimit: shop.boxOfficeRefundLimit,
        },
      },
      200,
    );
  })
  .get('/staff', async (c) => c.json({ staff: await listStaff(c.get('deps').storage.db, c.get('orgShopId')) }, 200))
  .post('/staff', validate('json', InviteStaffBody), async (c) => {
    const deps = c.get('deps');
    const [shop] = await deps.storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw shopGone();
    return c.json(await inviteStaff(deps, shop, c.req.valid('json'), c.get('orgActor')), 201);
  })
  .patch('/staff/:id', validate('param', StaffParams), validate('json', StaffPatch), async (c) => {
    return c.json(await updateStaff(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .delete('/staff/:id', validate('param', StaffParams), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await revokeStaff(storage.db, c.get('orgShopId'), c.req.valid('param').id, now()), 200);
  })
  .delete('/staff/:id/sessions', validate('param', StaffParams), async (c) => {
    const { id } = c.req.valid('param');
    const actor = c.get('orgActor');
    // The owner signs anyone out; everyone else only themselves.
    if (actor.role !== 'owner' && !(actor.kind === 'staff' && actor.id === id)) throw forbidden(actor.role, 'revokeStaffSessions');
    const { storage, now } = c.get('deps');
    return c.json({ revoked: await revokeSessionsOf(storage.db, c.get('orgShopId'), id, now()) }, 200);
  })
  .get('/activity', validate('query', ActivityQuery), async (c) => c.json(await listActivity(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('query')), 200));
