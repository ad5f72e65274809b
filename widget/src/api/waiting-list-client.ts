import { hc } from 'hono/client';
import type { AppType } from '../../../worker/src/app.js';
import { changing, read } from './client.js';
import type { WaitingListJoin, WaitingListJoined } from './types.js';

/*
 * A performance's waiting list, typed by the API's routes like the shop client (api/client.ts)
 * and kept apart so that only a page that needs it loads it: the join form of a sold-out date,
 * or a page opened from the "leave the list" link of the e-mail.
 */

/** Joins a sold-out performance's waiting list; the buyer gets an e-mail with a link to leave it. */
export function joinWaitingList(apiBase: string, shopId: string, performanceId: string, join: WaitingListJoin): Promise<WaitingListJoined> {
  const list = hc<AppType>(apiBase).api.shops[':shopId'].performances[':performanceId']['waiting-list'];
  return read(() => list.$post({ param: { shopId, performanceId }, json: join }, changing()));
}

/** Leaves a waiting list with the token of the link in the buyer's e-mail (?waitlist=…&token=…). */
export function leaveWaitingList(apiBase: string, shopId: string, entryId: string, token: string): Promise<{ id: string; status: string }> {
  const entry = hc<AppType>(apiBase).api.shops[':shopId']['waiting-list'][':entryId'];
  return read(() => entry.withdraw.$post({ param: { shopId, entryId }, json: { token } }, changing()));
}
