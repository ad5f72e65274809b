import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { shops } from '../../../db/schema/catalog.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../../db/schema/webhooks.js';
import { insertWhere } from '../conditional-insert.js';
import type { Db } from '../db.js';
import { newId, newSecret } from '../domain/ids.js';
import { type EndpointUrlProblem, endpointUrlProblem } from '../domain/webhook-url.js';
import { nextWebhookAttempt, WEBHOOK_RETRY_WINDOW_MS } from '../domain/webhook-retry.js';
import { signWebhookWithAll } from '../domain/webhook-signature.js';
import type { WebhookDeps } from '../env.js';
import { queueMessageWhere } from '../services/outbox.js';
import { fetchSender } from './webhook-send.js';

type Statement = BatchItem<'sqlite'>;

export interface WebhookDeliveryOptions extends WebhookDeps {
  now: () => number;
  limits?: { chunk: number; maxChunks: number };
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
type Outcome = { ok: true; status: number; excerpt: string | null } | { ok: false; status: number | null; error: string; excerpt: string | null };

/**
 * Sends due webhook deliveries. Like the outbox: a conditional UPDATE claims due rows with this
 * run's lease token (two runs at once never claim the same delivery; a claim whose runner died
 * is taken over once the lease runs out), and only the lease holder records the outcome. The
 * claim skips a delivery while an earlier event about the same order is still pending or in
 * flight for the same endpoint, so one endpoint sees one order's events in order. Deliveries
 * of one claim go out in parallel (none of them can be about the same order and endpoint).
 */
export async function deliverWebhooks(db: Db, options: WebhookDeliveryOptions) {
  const limits = options.limits ?? { chunk: 20, maxChunks: 10 };
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const leaseMs = timeoutMs + 60_000;
  let delivered = 0;
  let failed = 0;
  let retrying = 0;
  let disabled = 0;
  for (let round = 0; round < limits.maxChunks; round++) {
    const now = options.now();
    const token = newSecret();
    const d = sql.raw('d');
    const p = sql.raw('p');
    const due = sql`SELECT ${d}.id FROM ${webhookDeliveries} AS ${d} JOIN ${webhookEndpoints} AS e ON e.id = ${d}.endpoint_id AND e.enabled = 1
      WHERE ${d}.status IN ('pending', 'sending') AND ${d}.next_attempt_at <= ${now}
        AND (${d}.order_id IS NULL OR NOT EXISTS (SELECT 1 FROM ${webhookDeliveries} AS ${p} WHERE ${p}.endpoint_id = ${d}.endpoint_id
          AND ${p}.order_id = ${d}.order_id AND ${p}.event_seq < ${d}.event_seq AND ${p}.status IN ('pending', 'sending')))
      ORDER BY ${d}.next_attempt_at LIMIT ${limits.chunk}`;
    const claimed = await db
      .update(webhookDeliveries)
      .set({
        status: 'sending',
        leaseToken: token,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: now + leaseMs,
        scheduleStartedAt: sql`coalesce(${webhookDeliveries.scheduleStartedAt}, ${now})`,
        lastAttemptAt: now,
      })
      .where(and(sql`${webhookDeliveries.id} IN (${due})`, inArray(webhookDeliveries.status, ['pending', 'sending']), sql`${webhookDeliveries.nextAttemptAt} <= ${now}`))
      .returning();
    if (claimed.length === 0) break;
    const [events, endpoints] = await Promise.all([
      db
        .select({ id: webhookEvents.id, payload: webhookEvents.payload })
        .from(webhookEvents)
        .where(inArray(webhookEvents.id, [...new Set(claimed.map((c) => c.eventId))])),
      db
        .select({ endpoint: webhookEndpoints, shop: shops })
        .from(webhookEndpoints)
        .innerJoin(shops, eq(shops.id, webhookEndpoints.shopId))
        .where(inArray(webhookEndpoints.id, [...new Set(claimed.map((c) => c.endpointId))])),
    ]);
    const outcomes = await Promise.all(
      claimed.map(async (delivery) => {
        const event = events.find((e) => e.id === delivery.eventId);
        const target = endpoints.find((e) => e.endpoint.id === delivery.endpointId);
        // Deleted since the claim (the endpoint's deletion takes its deliveries with it): nothing to send or record.
        if (!event || !target) return null;
        const started = Date.now();
        const outcome = await attempt(target.endpoint, target.shop.testMode, delivery.eventId, event.payload, options, timeoutMs);
        return { delivery, target, outcome, durationMs: Date.now() - started };
      }),
    );
    for (const sent of outcomes) {
      if (!sent) continue;
      const { delivery, target, outcome, durationMs } = sent;
      const result = await record(db, delivery, target, outcome, durationMs, token, options);
      if (result.status === 'delivered') delivered++;
      else if (result.status === 'failed') failed++;
      else if (result.status === 'pending') retrying++;
      if (result.disabled) disabled++;
    }
    // No early stop on a short claim: a delivery just made may have unblocked the next event of its order.
  }
  return { delivered, failed, retrying, disabled };
}

/** What the delivery log says of an attempt refused before it was sent. */
const refusals: Record<EndpointUrlProblem, string> = {
  not_https: 'refused: a live shop sends over https only',
  private_host: 'refused: the host is a private address',
};

/** One POST, signed, with a timeout and no redirects followed (a redirect could lead past the private-address check). */
async function attempt(
  endpoint: typeof webhookEndpoints.$inferSelect,
  testMode: boolean,
  eventId: string,
  body: string,
  options: WebhookDeliveryOptions,
  timeoutMs: number,
): Promise<Outcome> {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return { ok: false, status: null, error: 'invalid URL', excerpt: null };
  }
  // Names are checked by the sender on the address it connects to (Node), or cannot reach this network (Workers).
  const problem = endpointUrlProblem(url, testMode, options.allowPrivateTargets === true);
  if (problem) return { ok: false, status: null, error: refusals[problem], excerpt: null };
  const timestamp = Math.floor(options.now() / 1000);
  // While a rotation's overlap lasts, the previous secret signs too (either verifies).
  const overlap = endpoint.previousSecret !== null && endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > options.now();
  const signature = await signWebhookWithAll(overlap ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret], eventId, timestamp, body);
  const send = options.send ?? fetchSender(options.fetch ?? fetch);
  const response = await send({
    url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'ticket-shop-webhooks/1',
      'webhook-id': eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
    body,
    timeoutMs,
    allowPrivateTargets: options.allowPrivateTargets === true,
  });
  if (response.status === null) return { ok: false, status: null, error: response.error, excerpt: null };
  const { status, excerpt } = response;
  if (status >= 200 && status < 300) return { ok: true, status, excerpt };
  const error = status >= 300 && status < 400 ? `redirect not followed (HTTP ${status})` : `HTTP ${status}`;
  return { ok: false, status, error, excerpt };
}

/**
 * The outcome, in one batch, only if this run still holds the lease: the attempt in the log,
 * the delivery's new state, the endpoint's run of failures (cleared by a success). A failure
 * that makes 3 days of failures disables the endpoint, gives up its pending deliveries and
 * queues the e-mail to the shop's contact, all under the condition that this batch disabled it.
 */
async function record(
  db: Db,
  delivery: typeof webhookDeliveries.$inferSelect,
  target: { endpoint: typeof webhookEndpoints.$inferSelect; shop: typeof shops.$inferSelect },
  outcome: Outcome,
  durationMs: number,
  token: string,
  options: WebhookDeliveryOptions,
): Promise<{ status: 'delivered' | 'pending' | 'failed' | 'lost'; disabled: boolean }> {
  const startedAt = delivery.lastAttemptAt!;
  const now = options.now();
  const mine = sql`EXISTS (SELECT 1 FROM ${webhookDeliveries} WHERE ${webhookDeliveries.id} = ${delivery.id} AND ${webhookDeliveries.leaseToken} = ${token})`;
  const error = outcome.ok ? null : outcome.error;
  const statements: Statement[] = [
    insertWhere(
      db,
      webhookAttempts,
      { id: newId('wha'), deliveryId: delivery.id, attempt: delivery.attempts, startedAt, durationMs, responseStatus: outcome.status, ok: outcome.ok, error, responseExcerpt: outcome.excerpt },
      mine,
    ),
    db
      .update(webhookEndpoints)
      .set({ failingSince: outcome.ok ? null : sql`coalesce(${webhookEndpoints.failingSince}, ${startedAt})` })
      .where(and(eq(webhookEndpoints.id, delivery.endpointId), mine)),
  ];
  const next = outcome.ok ? null : nextWebhookAttempt(delivery.attempts, delivery.scheduleStartedAt ?? startedAt, startedAt, (options.random ?? Math.random)());
  let disableAt = -1;
  if (!outcome.ok) {
    const failingSince = target.endpoint.failingSince ?? startedAt;
    if (startedAt - failingSince >= WEBHOOK_RETRY_WINDOW_MS) {
      disableAt = statements.length;
      statements.push(...disableStatements(db, target, failingSince, startedAt, error, now, mine));
    }
  }
  const status = outcome.ok ? 'delivered' : next!.status;
  statements.push(
    db
      .update(webhookDeliveries)
      .set({
        lastDurationMs: durationMs,
        lastResponseStatus: outcome.status,
        lastError: error,
        leaseToken: null,
        // A retry whose endpoint this batch disabled is given up with the others.
        status:
          disableAt < 0
            ? status
            : sql`CASE WHEN (SELECT ${webhookEndpoints.disabledAt} FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${delivery.endpointId}) = ${now} THEN 'failed' ELSE ${status} END`,
        deliveredAt: outcome.ok ? now : null,
        nextAttemptAt: next?.status === 'pending' ? next.nextAttemptAt : startedAt,
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseToken, token)))
      .returning({ status: webhookDeliveries.status }),
  );
  const results = await db.batch(statements as [Statement, ...Statement[]]);
  const [mineStill] = results[results.length - 1] as { status: 'delivered' | 'pending' | 'failed' }[];
  const disabled = disableAt >= 0 && (results[disableAt] as unknown[]).length > 0;
  // No row: another run took the delivery over after our lease ran out, and records its own outcome.
  return { status: mineStill?.status ?? 'lost', disabled };
}

/**
 * The endpoint has failed for 3 days: disabled (only if still enabled and still failing since
 * then: a success meanwhile cleared failing_since, and only while we hold the lease), its
 * pending deliveries given up, and the shop's contact told (contact e-mail, else the sender
 * address; neither: no e-mail), once per disabling (the dedupe key names the instant).
 */
function disableStatements(
  db: Db,
  target: { endpoint: typeof webhookEndpoints.$inferSelect; shop: typeof shops.$inferSelect },
  failingSince: number,
  startedAt: number,
  lastError: string | null,
  now: number,
  mine: ReturnType<typeof sql>,
): Statement[] {
  const { endpoint, shop } = target;
  const disabledByUs = sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${endpoint.id} AND ${webhookEndpoints.enabled} = 0 AND ${webhookEndpoints.disabledAt} = ${now})`;
  const statements: Statement[] = [
    db
      .update(webhookEndpoints)
      .set({ enabled: false, disabledAt: now, disabledReason: 'failing for 3 days', updatedAt: now })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true), sql`${webhookEndpoints.failingSince} <= ${startedAt - WEBHOOK_RETRY_WINDOW_MS}`, mine))
      .returning({ id: webhookEndpoints.id }),
    db
      .update(webhookDeliveries)
      .set({ status: 'failed', lastError: 'endpoint disabled after 3 days of failures' })
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending'), disabledByUs)),
  ];
  const recipient = shop.contactEmail ?? shop.senderEmail;
  if (recipient) {
    statements.push(
      queueMessageWhere(
        db,
        {
          shopId: shop.id,
          orderId: null,
          kind: 'webhook_endpoint_disabled',
          dedupeKey: `webhook_endpoint_disabled:${endpoint.id}:${now}`,
          recipient,
          recipientName: shop.name,
          language: shop.defaultLocale,
          payload: {
            shop: { shopName: shop.name, brandColor: shop.brandColor, timeZone: shop.timeZone, currency: shop.currency },
            endpoint: { id: endpoint.id, url: endpoint.url, description: endpoint.description },
            days: Math.round(WEBHOOK_RETRY_WINDOW_MS / 86_400_000),
            failingSince,
            disabledAt: now,
            lastError,
          },
        },
        now,
        disabledByUs,
      ),
    );
  }
  return statements;
}
