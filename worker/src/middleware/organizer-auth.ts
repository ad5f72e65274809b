import { and, eq, isNull } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { shopTokens } from '../../../db/schema/catalog.js';
import { sha256Hex } from '../crypto.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { invalidateCatalogCache } from '../services/catalog-cache.js';

/** Bearer-token auth for organizer routes; the token decides the shop, never a parameter. */
export function organizerAuth(): MiddlewareHandler<AppEnv> {
  return async function organizerAuth(c, next) {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(tsk_[a-z0-9]{20,80})$/.exec(header);
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer realm="organizer"');
      throw new ApiError(401, 'unauthorized', 'An organizer API token is required: send "Authorization: Bearer tsk_…".');
    }
    const tokenHash = await sha256Hex(match[1]!);
    const [token] = await c
      .get('deps')
      .storage.db.select({ id: shopTokens.id, shopId: shopTokens.shopId })
      .from(shopTokens)
      .where(and(eq(shopTokens.tokenHash, tokenHash), isNull(shopTokens.revokedAt)));
    if (!token) {
      c.header('WWW-Authenticate', 'Bearer realm="organizer", error="invalid_token"');
      throw new ApiError(401, 'unauthorized', 'This API token is unknown or has been revoked.');
    }
    c.set('orgShopId', token.shopId);
    c.set('orgTokenId', token.id);
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    try {
      await next();
    } finally {
      // Any organizer write may change a shop, performance or event: this process forgets its cached catalogue at once.
      invalidateCatalogCache(c.get('deps').storage.db);
    }
  };
}
