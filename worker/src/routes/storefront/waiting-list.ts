import { Hono } from 'hono';
import { PerformanceParams } from '../../../../contract/storefront.js';
import { JoinWaitingListBody, WaitingListEntryParams, WithdrawWaitingListBody } from '../../../../contract/waiting-list.js';
import type { AppEnv } from '../../env.js';
import { joinWaitingList, withdrawFromWaitingList } from '../../services/waiting-list/join.js';
import { validate } from '../../validation.js';

/** A buyer joins a sold-out performance's waiting list, and leaves it with the link of their e-mail. */
export const waitingListRoutes = new Hono<AppEnv>()
  .post('/:shopId/performances/:performanceId/waiting-list', validate('param', PerformanceParams), validate('json', JoinWaitingListBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await joinWaitingList(storage.db, c.get('shop'), c.req.valid('param').performanceId, c.req.valid('json'), now()), 201);
  })
  .post('/:shopId/waiting-list/:entryId/withdraw', validate('param', WaitingListEntryParams), validate('json', WithdrawWaitingListBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await withdrawFromWaitingList(storage.db, c.get('shop'), c.req.valid('param').entryId, c.req.valid('json').token, now()), 200);
  });
