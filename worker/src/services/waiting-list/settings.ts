import { and, eq } from 'drizzle-orm';
import type * as v from 'valibot';
import { performances } from '../../../../db/schema/catalog.js';
import type { WaitingListSettingsBody } from '../../../../contract/waiting-list.js';
import type { Db } from '../../db.js';
import { invalidateCatalogCache } from '../catalog-cache.js';
import { bumpInventoryVersion } from '../hold-statements.js';
import { loadListContext } from './entries.js';

/**
 * On or off, and the offer time. Off, the guard of public holds no longer counts the line (the
 * seats it kept go on sale) and the job makes no offers; live offers run to their end.
 */
export async function updateWaitingListSettings(db: Db, shopId: string, performanceId: string, body: v.InferOutput<typeof WaitingListSettingsBody>) {
  await loadListContext(db, shopId, performanceId);
  await db.batch([
    db
      .update(performances)
      .set({ waitingListEnabled: body.enabled, waitingListOfferHours: body.offerHours })
      .where(and(eq(performances.id, performanceId), eq(performances.shopId, shopId))),
    bumpInventoryVersion(db, performanceId),
  ]);
  invalidateCatalogCache(db);
}
