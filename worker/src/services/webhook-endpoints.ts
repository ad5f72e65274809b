import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { shops } from '../../../db/schema/catalog.js';
import { batchGuard } from '../../../db/schema/inventory.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../../db/schema/webhooks.js';
import { type CreateWebhookBody, type UpdateWebhookBody, type WebhookDeliveriesQuery, webhookEventTypes } from '../../../contract/webhooks.js';
import { type Db, isGuardFailure } from '../db.js';
import { newId } from '../domain/ids.js';
import { assertEndpointUrl } from '../domain/webhook-url.js';
import { newWebhookSecret, WEBHOOK_SECRET_OVERLAP_MS } from '../domain/webhook-signature.js';
import type { Deps } from '../env.js';
import { ApiError } from '../errors.js';
import { emitEvents } from './webhook-events.js';
import { type BatchStatement, runBatch } from '../bound-statements.js';

type Statement = BatchStatement;
type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/**
 * The organizer's webhook endpoints. Every query names the shop of the token next to the id,
 * so a token of one shop neither sees nor changes another shop's endpoints or deliveries (they
 * answer 404, as if they did not exist).
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function endpointView(row: EndpointRow, now: number) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.eventTypes,
    enabled: row.enabled,
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    failingSince: iso(row.failingSince),
    previousSecretExpiresAt: row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now ? iso(row.previousSecretExpiresAt) : null,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

const notFound = () => new ApiError(404, 'webhook_not_found', 'There is no webhook endpoint with this id in this shop.');

async function shopOf(db: Db, shopId: string) {
  const [shop] = await db.select({ testMode: shops.testMode }).from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
  return shop;
}

export async function listEndpoints(deps: Deps, shopId: string) {
  const now = deps.now();
  const rows = await deps.storage.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.shopId, shopId)).orderBy(asc(webhookEndpoints.createdAt));
  return { webhooks: rows.map((row) => endpointView(row, now)) };
}

export async function getEndpoint(db: Db, shopId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.shopId, shopId)));
  if (!row) throw notFound();
  return row;
}

/** A new endpoint; the answer carries its secret, the only time it is shown. */
export async function createEndpoint(deps: Deps, shopId: string, body: v.InferOutput<typeof CreateWebhookBody>) {
  const { db } = deps.storage;
  const shop = await shopOf(db, shopId);
  assertEndpointUrl(body.url, shop.testMode, deps.webhooks?.allowPrivateTargets === true);
  const now = deps.now();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id: newId('whk'),
      shopId,
      url: body.url,
      secret: newWebhookSecret(),
      eventTypes: body.events ? [...new Set(body.events)] : [...webhookEventTypes],
      description: body.description,
      enabled: body.enabled,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { ...endpointView(row!, now), secret: row!.secret };
}

/** URL, events, description, enabled. Enabling an endpoint again starts its failure count afresh. */
export async function updateEndpoint(deps: Deps, shopId: string, id: string, patch: v.InferOutput<typeof UpdateWebhookBody>) {
  const { db } = deps.storage;
  if (patch.url !== undefined) assertEndpointUrl(patch.url, (await shopOf(db, shopId)).testMode, deps.webhooks?.allowPrivateTargets === true);
  const set: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: deps.now() };
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.events !== undefined) set.eventTypes = [...new Set(patch.events)];
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.enabled === true) Object.assign(set, { enabled: true, failingSince: null, disabledAt: null, disabledReason: null });
  if (patch.enabled === false) Object.assign(set, { enabled: false, disabledAt: deps.now(), disabledReason: 'disabled by the organizer' });
  const [row] = await db
    .update(webhookEndpoints)
    .set(set)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.shopId, shopId)))
    .returning();
  if (!row) throw notFound();
  return endpointView(row, deps.now());
}

/** The endpoint, its deliveries and their attempts, in one batch. */
export async function deleteEndpoint(db: Db, shopId: string, id: string) {
  const ofEndpoint = sql`(SELECT ${webhookDeliveries.id} FROM ${webhookDeliveries} WHERE ${webhookDeliveries.endpointId} = ${id} AND ${webhookDeliveries.shopId} = ${shopId})`;
  const results = await db.batch([
    db.delete(webhookAttempts).where(sql`${webhookAttempts.deliveryId} IN ${ofEndpoint}`),
    db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.shopId, shopId))),
    db
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.shopId, shopId)))
      .returning({ id: webhookEndpoints.id }),
  ]);
  if ((results[2] as unknown[]).length === 0) throw notFound();
}

/**
 * A new secret, answered once. The one it replaces keeps signing next to it for 24 hours, so a
 * receiver can switch without refusing events; a second rotation within them drops the oldest.
 * One UPDATE: SQLite evaluates every SET against the row as it was, so `previous_secret` gets the
 * secret being replaced even when two rotations race (each then replaces the other's).
 */
export async function rotateSecret(deps: Deps, shopId: string, id: string) {
  const now = deps.now();
  const [row] = await deps.storage.db
    .update(webhookEndpoints)
    .set({ secret: newWebhookSecret(), previousSecret: sql`${webhookEndpoints.secret}`, previousSecretExpiresAt: now + WEBHOOK_SECRET_OVERLAP_MS, updatedAt: now })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.shopId, shopId)))
    .returning();
  if (!row) throw notFound();
  return { ...endpointView(row, now), secret: row.secret };
}

// ---------------------------------------------------------------------------------------
// The delivery log

async function deliveryViews(db: Db, rows: DeliveryRow[]) {
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.startedAt), asc(webhookAttempts.attempt))
    : [];
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    eventType: r.eventType,
    orderId: r.orderId,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' || r.status === 'sending' ? iso(r.nextAttemptAt) : null,
    lastAttemptAt: iso(r.lastAttemptAt),
    lastDurationMs: r.lastDurationMs,
    lastResponseStatus: r.lastResponseStatus,
    lastError: r.lastError,
    deliveredAt: iso(r.deliveredAt),
    createdAt: iso(r.createdAt)!,
    log: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({ attempt: a.attempt, startedAt: iso(a.startedAt)!, durationMs: a.durationMs, responseStatus: a.responseStatus, ok: a.ok, error: a.error, responseExcerpt: a.responseExcerpt })),
  }));
}

export async function listDeliveries(db: Db, shopId: string, endpointId: string, query: v.InferOutput<typeof WebhookDeliveriesQuery>) {
  await getEndpoint(db, shopId, endpointId);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.shopId, shopId), query.status ? eq(webhookDeliveries.status, query.status) : undefined),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.eventSeq))
    .limit(query.limit);
  return { deliveries: await deliveryViews(db, rows) };
}

async function oneDelivery(db: Db, shopId: string, endpointId: string, deliveryId: string) {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.shopId, shopId)));
  return rows[0] ? (await deliveryViews(db, rows))[0]! : null;
}

/**
 * Sends a delivered or failed event again: the same delivery set pending with a fresh 3-day
 * schedule, so the receiver gets the same `webhook-id`. One conditional UPDATE decides: a
 * delivery already pending or in flight is refused, as is one of a disabled endpoint.
 */
export async function redeliver(deps: Deps, shopId: string, endpointId: string, deliveryId: string) {
  const { db } = deps.storage;
  const now = deps.now();
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: now, scheduleStartedAt: null, leaseToken: null })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.shopId, shopId),
        inArray(webhookDeliveries.status, ['delivered', 'failed']),
        sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${endpointId} AND ${webhookEndpoints.enabled} = 1)`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (!row) {
    // Why not, for the answer only.
    const endpoint = await getEndpoint(db, shopId, endpointId);
    const current = await oneDelivery(db, shopId, endpointId, deliveryId);
    if (!current) throw new ApiError(404, 'webhook_delivery_not_found', 'There is no delivery with this id for this endpoint.');
    if (!endpoint.enabled) throw new ApiError(409, 'webhook_endpoint_disabled', 'This endpoint is disabled: enable it first.');
    throw new ApiError(409, 'webhook_delivery_in_progress', 'This delivery is still pending or being sent; it can be sent again once it has been delivered or has failed.', {
      status: current.status,
    });
  }
  return (await oneDelivery(db, shopId, endpointId, deliveryId))!;
}

/** A `webhook.ping` event for this endpoint only, delivered by the next run like any other. */
export async function queuePing(deps: Deps, shopId: string, endpointId: string) {
  const { db } = deps.storage;
  const now = deps.now();
  const eventId = newId('wev');
  const statements: Statement[] = [
    db.insert(batchGuard).values({
      name: 'webhook_enabled',
      ok: sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${endpointId} AND ${webhookEndpoints.shopId} = ${shopId} AND ${webhookEndpoints.enabled} = 1)`,
    }),
    ...emitEvents(
      db,
      [
        {
          id: eventId,
          shopId,
          type: 'webhook.ping',
          orderId: null,
          dedupeKey: `webhook.ping:${eventId}`,
          onlyEndpointId: endpointId,
          data: { endpointId, message: 'This is a test event.' },
        },
      ],
      now,
    ),
  ];
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (!isGuardFailure(err)) throw err;
    const endpoint = await getEndpoint(db, shopId, endpointId);
    if (!endpoint.enabled) throw new ApiError(409, 'webhook_endpoint_disabled', 'This endpoint is disabled: enable it first.');
    throw err;
  }
  const [delivery] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.endpointId, endpointId)));
  return (await deliveryViews(db, [delivery!]))[0]!;
}
