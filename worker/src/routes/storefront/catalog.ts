import { type Context, Hono, type TypedResponse } from 'hono';
import type { Availability } from '../../../../contract/responses/catalog.js';
import { validate } from '../../validation.js';
import type { AppEnv } from '../../env.js';
import { AvailabilityQuery, CatalogQuery, EventParams, PerformanceParams, PlanParams } from '../../../../contract/storefront.js';
import { ShopParams } from '../../../../contract/common.js';
import { availabilityVersion, getAvailability, getPerformanceView, getPlanGeometry, getPlanGeometryRuns, getPublishedEvent, listPublishedEvents, loadPerformance } from '../../services/catalog.js';
import { offeredMethods, performancePaymentMethods } from '../../services/checkout.js';
import { walletsOffered } from '../../wallet/settings.js';
import { ApiError } from '../../errors.js';
import { nodeEventSink, nodeOutgoing } from '../../services/availability-node-sink.js';
import { etagMatches } from './etag.js';

/**
 * A plan's geometry (as columns or as runs) with its ETag: cached for 5 minutes, then
 * revalidated; 304 when the browser has this version.
 */
function planAnswer<G extends { etag: string }>(c: Context<AppEnv>, geometry: G) {
  c.header('ETag', geometry.etag);
  c.header('Cache-Control', 'public, max-age=300, must-revalidate');
  if (etagMatches(c.req.header('If-None-Match'), geometry.etag)) return c.body(null, 304);
  const { etag: _etag, ...body } = geometry;
  return c.json(body, 200);
}

/** Public catalogue reads: the shop, its events and performances, seat maps and availability. */
export const catalogRoutes = new Hono<AppEnv>()
  .get('/:shopId', validate('param', ShopParams), (c) => {
    const shop = c.get('shop');
    return c.json(
      {
        id: shop.id,
        name: shop.name,
        currency: shop.currency,
        locales: shop.locales,
        defaultLocale: shop.defaultLocale,
        timeZone: shop.timeZone,
        testMode: shop.testMode,
        paymentMethods: ['free', ...offeredMethods(shop, c.get('deps').payments, c.get('deps').stripe)],
        holdMinutes: shop.holdMinutes,
        maxTicketsPerOrder: shop.maxTicketsPerOrder,
        wallets: walletsOffered(c.get('deps').wallets),
      },
      200,
    );
  })
  .get('/:shopId/public-key', validate('param', ShopParams), (c) => {
    const shop = c.get('shop');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json({ shopId: shop.id, algorithm: 'Ed25519' as const, publicKey: shop.signingPublicKey, format: 'raw, base64url' as const }, 200);
  })
  .get('/:shopId/events', validate('param', ShopParams), validate('query', CatalogQuery), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json({ events: await listPublishedEvents(storage.db, c.get('shop').id, now(), c.req.valid('query').lang) }, 200);
  })
  .get('/:shopId/events/:eventId', validate('param', EventParams), validate('query', CatalogQuery), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await getPublishedEvent(storage.db, c.get('shop').id, c.req.valid('param').eventId, now(), c.req.valid('query').lang), 200);
  })
  .get('/:shopId/performances/:performanceId', validate('param', PerformanceParams), validate('query', CatalogQuery), async (c) => {
    const { storage, now, payments } = c.get('deps');
    const at = now();
    const view = await getPerformanceView(storage.db, c.get('shop'), c.req.valid('param').performanceId, at, c.req.valid('query').lang);
    return c.json({ ...view, paymentMethods: performancePaymentMethods(c.get('shop'), payments, Date.parse(view.startsAt), at, c.get('deps').stripe) }, 200);
  })
  .get('/:shopId/plans/:planId', validate('param', PlanParams), async (c) =>
    planAnswer(c, await getPlanGeometry(c.get('deps').storage.db, c.get('shop').id, c.req.valid('param').planId)),
  )
  .get('/:shopId/plans/:planId/runs', validate('param', PlanParams), async (c) =>
    planAnswer(c, await getPlanGeometryRuns(c.get('deps').storage.db, c.get('shop').id, c.req.valid('param').planId)),
  )
  .get('/:shopId/performances/:performanceId/availability', validate('param', PerformanceParams), validate('query', AvailabilityQuery), async (c) => {
    const { storage, now, availability } = c.get('deps');
    const db = storage.db;
    const shopId = c.get('shop').id;
    const { performanceId } = c.req.valid('param');
    const at = now();
    c.header('Cache-Control', 'no-cache');
    if (availability) {
      // Shared: the version read once per window, the answer encoded once per version (availability-feed.ts).
      const { feed } = availability;
      feed.polled(shopId, performanceId);
      const version = await feed.version(db, shopId, performanceId, at);
      const etag = `"${version}"`;
      c.header('ETag', etag);
      if (etagMatches(c.req.header('If-None-Match'), etag) || c.req.valid('query').since === version) return c.body(null, 304);
      const snapshot = await feed.snapshot(db, shopId, performanceId, version, at);
      c.header('Content-Type', 'application/json');
      // The body is the contract's Availability, encoded once (the fallback below builds the same).
      return c.body(snapshot.body, 200) as unknown as TypedResponse<Availability, 200, 'json'>;
    }
    // The version is two indexed counts; only when it moved is the full state read.
    const version = await availabilityVersion(db, shopId, performanceId, at);
    const etag = `"${version}"`;
    c.header('ETag', etag);
    if (etagMatches(c.req.header('If-None-Match'), etag) || c.req.valid('query').since === version) return c.body(null, 304);
    const { performance } = await loadPerformance(db, shopId, performanceId);
    return c.json({ performanceId, version, at: new Date(at).toISOString(), pollAfterMs: 3000, ...(await getAvailability(db, performance, at)) }, 200);
  })
  .get('/:shopId/performances/:performanceId/availability/stream', validate('param', PerformanceParams), validate('query', AvailabilityQuery), async (c) => {
    const { storage, now, availability } = c.get('deps');
    const hub = availability?.hub;
    if (!hub) throw new ApiError(404, 'route_not_found', 'This server does not push availability: poll …/availability at its pollAfterMs.');
    // EventSource sends the last id it saw when it reconnects by itself.
    const since = c.req.valid('query').since ?? lastEventId(c.req.header('Last-Event-ID'));
    const { performanceId } = c.req.valid('param');
    const headers = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' };
    const outgoing = nodeOutgoing(c.env);
    if (outgoing) {
      // Node: events written straight to the socket (availability-node-sink.ts).
      const join = await hub.prepare(storage.db, c.get('shop').id, performanceId, now);
      let leave: (() => void) | undefined;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => {
          leave = join(nodeEventSink(outgoing, controller, 1 << 20), since);
        },
        cancel: () => leave?.(),
      });
      return new Response(body, { status: 200, headers });
    }
    const stream = await hub.subscribe(storage.db, c.get('shop').id, performanceId, now, since);
    return new Response(stream, { status: 200, headers });
  });

/** A version as the stream's ids have them, or nothing. */
function lastEventId(header: string | undefined): string | undefined {
  return header && /^\d{1,19}\.\d{1,19}$/.test(header) ? header : undefined;
}
