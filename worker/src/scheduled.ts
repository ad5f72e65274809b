import type { Deps } from './env.js';
import { purgeIdempotencyKeys, sweepLapsedHolds } from './jobs/sweep-holds.js';

/**
 * The one scheduled entry point. The schedule itself lives in wrangler.toml ([triggers]
 * crons); every job is idempotent and cheap when there is nothing to do, so each tick runs
 * all of them whatever the cron expression.
 */
export async function runScheduledJobs(deps: Deps, cron: string) {
  const { db } = deps.storage;
  const now = deps.now();
  const holds = await sweepLapsedHolds(db, now);
  await purgeIdempotencyKeys(db, now);
  return { cron, at: new Date(now).toISOString(), holdsReleased: holds.released };
}
