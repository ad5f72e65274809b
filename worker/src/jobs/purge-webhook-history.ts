import { and, asc, inArray, lt, lte, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../../db/schema/webhooks.js';
import type { Db } from '../db.js';

const DAY = 86_400_000;

/**
 * How long an event, its deliveries and their attempts are kept: 30 days after the event was
 * written. Long enough for an organizer to look up a delivery and redeliver it after an outage
 * of their own (retries stop after 3 days), short enough that buyers' names and e-mails in the
 * payloads do not pile up forever.
 */
export const WEBHOOK_RETENTION_MS = 30 * DAY;

export interface PurgeLimits {
  /** Events per batch (with their deliveries and attempts). */
  chunk: number;
  /** Batches per run; the rest waits for the next run. */
  maxChunks: number;
}

/** Small enough for D1's 100 bound parameters (the chunk's ids are bound in each statement). */
const DEFAULT_LIMITS: PurgeLimits = { chunk: 50, maxChunks: 20 };

/**
 * Deletes events older than the retention period with their deliveries and attempts, a chunk
 * per batch. An event with a delivery still pending or being sent (a redelivery asked for, or
 * one of an endpoint the organizer switched off) is kept whole, and so are that delivery and
 * its attempts: the delivery job still needs the event's body. The chunk is only a list of
 * candidates: each statement of the batch checks again that what it deletes is finished, and a
 * batch is one transaction, so a redelivery racing the purge either keeps its event or finds its
 * delivery gone. Two runs at once pick the same candidates and the second deletes nothing.
 * Previous secrets whose rotation overlap is over are cleared on the way.
 */
export async function purgeWebhookHistory(db: Db, now: number, limits: PurgeLimits = DEFAULT_LIMITS) {
  const cutoff = now - WEBHOOK_RETENTION_MS;
  // A rotated-out secret signs for 24 h (domain/webhook-signature.ts); after that it must not linger.
  await db
    .update(webhookEndpoints)
    .set({ previousSecret: null, previousSecretExpiresAt: null })
    .where(lte(webhookEndpoints.previousSecretExpiresAt, now));
  let events = 0;
  for (let round = 0; round < limits.maxChunks; round++) {
    const candidates = await db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(and(lt(webhookEvents.createdAt, cutoff), sql`${webhookEvents.fanoutPending} = 0`, sql`NOT EXISTS ${unfinished(sql`${webhookEvents.id}`)}`))
      .orderBy(asc(webhookEvents.createdAt))
      .limit(limits.chunk);
    if (candidates.length === 0) break;
    const ids = candidates.map((c) => c.id);
    const finished = and(inArray(webhookDeliveries.eventId, ids), inArray(webhookDeliveries.status, ['delivered', 'failed']));
    const [, , deleted] = await db.batch([
      db.delete(webhookAttempts).where(sql`${webhookAttempts.deliveryId} IN (SELECT ${webhookDeliveries.id} FROM ${webhookDeliveries} WHERE ${finished})`),
      db.delete(webhookDeliveries).where(finished),
      db
        .delete(webhookEvents)
        .where(and(inArray(webhookEvents.id, ids), sql`NOT EXISTS (SELECT 1 FROM ${webhookDeliveries} WHERE ${webhookDeliveries.eventId} = ${webhookEvents.id})`))
        .returning({ id: webhookEvents.id }),
    ]);
    events += deleted.length;
    if (candidates.length < limits.chunk) break;
  }
  return { events };
}

/** A delivery of the event that is not finished yet. */
const unfinished = (eventId: ReturnType<typeof sql>) =>
  sql`(SELECT 1 FROM ${webhookDeliveries} WHERE ${webhookDeliveries.eventId} = ${eventId} AND ${webhookDeliveries.status} IN ('pending', 'sending'))`;
