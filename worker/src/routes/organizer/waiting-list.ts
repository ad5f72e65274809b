import { Hono } from 'hono';
import { IdParams } from '../../../../contract/organizer.js';
import { OrgWaitingListEntryParams, WaitingListSettingsBody } from '../../../../contract/waiting-list.js';
import type { AppEnv } from '../../env.js';
import { waitingListView } from '../../services/waiting-list/entries.js';
import { removeWaitingListEntry } from '../../services/waiting-list/join.js';
import { updateWaitingListSettings } from '../../services/waiting-list/settings.js';
import { validate } from '../../validation.js';

/** A performance's waiting list: who waits, who has an offer, on or off (personal data: staff screens only). */
export const organizerWaitingListRoutes = new Hono<AppEnv>()
  .get('/performances/:id/waiting-list', validate('param', IdParams), async (c) => {
    return c.json(await waitingListView(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').id), 200);
  })
  .patch('/performances/:id/waiting-list', validate('param', IdParams), validate('json', WaitingListSettingsBody), async (c) => {
    const db = c.get('deps').storage.db;
    const { id } = c.req.valid('param');
    await updateWaitingListSettings(db, c.get('orgShopId'), id, c.req.valid('json'));
    return c.json(await waitingListView(db, c.get('orgShopId'), id), 200);
  })
  .delete('/performances/:id/waiting-list/:entryId', validate('param', OrgWaitingListEntryParams), async (c) => {
    const { storage, now } = c.get('deps');
    const { id, entryId } = c.req.valid('param');
    await removeWaitingListEntry(storage.db, c.get('orgShopId'), id, entryId, now());
    return c.json(await waitingListView(storage.db, c.get('orgShopId'), id), 200);
  });
