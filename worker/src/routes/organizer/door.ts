import { Hono } from 'hono';
import { CheckinBody, DoorListParams, DoorListQuery, DoorOverviewQuery, SyncAdmissionsBody } from '../../../../contract/door.js';
import type { AppEnv } from '../../env.js';
import { limitCheckinForgeries } from '../../rate-limit/middleware.js';
import { checkIn } from '../../services/checkin.js';
import { syncAdmissions } from '../../services/door/admission-sync.js';
import { doorList } from '../../services/door/door-list.js';
import { doorDuplicates, doorOverview } from '../../services/door/door-overview.js';
import { validate } from '../../validation.js';

/** The door: admitting online, syncing a scanner's offline admissions, its ticket list, the overview and the duplicates. */
export const organizerDoorRoutes = new Hono<AppEnv>()
  .post('/checkins', limitCheckinForgeries(), validate('json', CheckinBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await checkIn(storage.db, c.get('orgShopId'), c.req.valid('json'), now()), 200);
  })
  .post('/checkins/sync', validate('json', SyncAdmissionsBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await syncAdmissions(storage.db, c.get('orgShopId'), c.req.valid('json'), now()), 200);
  })
  .get('/performances/:performanceId/door-list', validate('param', DoorListParams), validate('query', DoorListQuery), async (c) => {
    const { storage } = c.get('deps');
    return c.json(await doorList(storage.db, c.get('orgShopId'), c.req.valid('param').performanceId, c.req.valid('query').since), 200);
  })
  .get('/door/overview', validate('query', DoorOverviewQuery), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await doorOverview(storage.db, c.get('orgShopId'), c.req.valid('query').date, now()), 200);
  })
  .get('/performances/:performanceId/door-duplicates', validate('param', DoorListParams), async (c) => {
    const { storage } = c.get('deps');
    return c.json(await doorDuplicates(storage.db, c.get('orgShopId'), c.req.valid('param').performanceId), 200);
  });
