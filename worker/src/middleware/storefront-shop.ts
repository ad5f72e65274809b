import { eq, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { shops } from '../../../db/schema/catalog.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { RecordId } from '../../../contract/common.js';
import { cachedCatalogRead } from '../services/catalog-cache.js';
import { perShape } from '../bound-statements.js';
import { originAllowed } from '../../../contract/embedding-origins.js';

/** The storefront paths whose shop row may come from the catalogue cache: catalogue and holds, not checkout, codes, orders or exchanges. */
const CACHEABLE_PATH = /^\/api\/shops\/[^/]+(?:\/events(?:\/[^/]+)?|\/performances\/[^/]+(?:\/availability(?:\/stream)?)?|\/plans\/[^/]+|\/holds(?:\/[^/]+(?:\/extend)?)?)?$/;

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Order-Secret, If-None-Match, Last-Event-ID';
const EXPOSED_HEADERS = 'ETag, Idempotent-Replayed, Retry-After';

export { originAllowed };

/** The shop row, by a statement prepared once per database: every storefront request reads it (checkout and orders fresh, the others through the cache). */
const shopQuery = perShape((db) => db.select().from(shops).where(eq(shops.id, sql.placeholder('shopId'))).prepare());

/**
 * Loads the shop named in a storefront path and answers CORS for it: only the shop's allowed
 * embedding origins may call its storefront from a browser. Credentials are never allowed;
 * the widget carries its hold id itself, so blocked third-party cookies change nothing.
 */
export function storefrontShop(): MiddlewareHandler<AppEnv> {
  return async function storefrontShop(c, next) {
    const shopId = c.req.param('shopId');
    if (!v.is(RecordId, shopId)) throw new ApiError(404, 'shop_not_found', 'There is no shop with this id.');
    const db = c.get('deps').storage.db;
    const load = async () => (await shopQuery(db).all({ shopId }))[0];
    // Catalogue reads and hold requests may use the shop row of a few seconds ago (see
    // catalog-cache.ts); anything that takes money or shows an order reads it fresh.
    const shop = CACHEABLE_PATH.test(c.req.path) ? await cachedCatalogRead(db, `shop:${shopId}`, load, (row) => row && { ...row }) : await load();
    if (!shop) throw new ApiError(404, 'shop_not_found', 'There is no shop with this id.');
    c.set('shop', shop);

    const origin = c.req.header('Origin');
    const crossOrigin = origin !== undefined && origin !== new URL(c.req.url).origin;
    const allowed = crossOrigin && originAllowed(origin, shop.allowedOrigins);
    if (c.req.method === 'OPTIONS') {
      if (crossOrigin && !allowed) {
        throw new ApiError(403, 'origin_not_allowed', `This shop does not accept requests from ${origin}. Add it to the shop's allowed origins.`);
      }
      return new Response(null, {
        status: 204,
        headers: {
          ...(allowed ? { 'Access-Control-Allow-Origin': origin!, Vary: 'Origin' } : {}),
          'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
        },
      });
    }
    await next();
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin!);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
