import { and, eq, lte, lt } from 'drizzle-orm';
import { holds } from '../../../db/schema/inventory.js';
import { idempotencyKeys } from '../../../db/schema/platform.js';
import { runBatch } from '../bound-statements.js';
import type { Db } from '../db.js';
import { releaseHoldStatements } from '../services/holds.js';

const CHUNK = 100;
const DAY = 86_400_000;

/**
 * Tidies lapsed holds: buyers never wait for it (a lapsed claim is free to the next writer
 * already), it only gives general-admission units back, closes pending orders and keeps
 * tables small. Each hold is released by statements that are no-ops the second time, so
 * overlapping runs are harmless. Works in chunks and stops after maxChunks.
 */
export async function sweepLapsedHolds(db: Db, now: number, maxChunks = 50): Promise<{ released: number }> {
  let released = 0;
  for (let chunk = 0; chunk < maxChunks; chunk++) {
    const lapsed = await db
      .select({ id: holds.id, performanceId: holds.performanceId })
      .from(holds)
      .where(and(eq(holds.status, 'active'), lte(holds.expiresAt, now)))
      .limit(CHUNK);
    if (lapsed.length === 0) break;
    const statements = lapsed.flatMap((hold) => releaseHoldStatements(db, hold, 'expired', now, now));
    await runBatch(db, statements);
    released += lapsed.length;
    if (lapsed.length < CHUNK) break;
  }
  return { released };
}

/** Idempotency keys are kept for a day, as long as any client sensibly retries. */
export async function purgeIdempotencyKeys(db: Db, now: number) {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - DAY));
}
