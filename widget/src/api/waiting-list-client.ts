import { hc } from 'hono/client';
import type { AppType } from '../../../worker/src/app.js';
import { changing, read } from './client.js';

/**
 * Leaves a waiting list with the token of the link in the buyer's e-mail (?waitlist=…&token=…).
 * Typed by the API's routes like the shop client (api/client.ts), and kept apart so that only a
 * page opened from that link loads it.
 */
export function leaveWaitingList(apiBase: string, shopId: string, entryId: string, token: string): Promise<{ id: string; status: string }> {
  const entry = hc<AppType>(apiBase).api.shops[':shopId']['waiting-list'][':entryId'];
  return read(() => entry.withdraw.$post({ param: { shopId, entryId }, json: { token } }, changing()));
}
