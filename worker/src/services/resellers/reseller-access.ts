import { and, eq, isNull } from 'drizzle-orm';
import { shopTokens } from '../../../../db/schema/catalog.js';
import { resellers } from '../../../../db/schema/resellers.js';
import { sha256Hex } from '../../crypto.js';
import type { Db } from '../../db.js';
import { ApiError } from '../../errors.js';

/** Who sells when a storefront request carries a reseller's token: the reseller, and the token (the order's sold_by). */
export interface ResellerSeller {
  resellerId: string;
  tokenId: string;
}

export const resellerTokenInvalid = (message = 'This reseller token is unknown, revoked, not a reseller’s, or its reseller is archived.') =>
  new ApiError(401, 'reseller_token_invalid', message);

/**
 * The storefront is public; a request with `Authorization: Bearer tsk_…` is a reseller selling.
 * The header must then be an active reseller-role token of this very shop whose reseller is
 * active; anything else is refused rather than quietly treated as a public sale.
 */
export async function resellerOfRequest(db: Db, shopId: string, authorization: string | undefined): Promise<ResellerSeller | null> {
  if (authorization === undefined) return null;
  const match = /^Bearer\s+(tsk_[a-z0-9]{20,80})$/.exec(authorization);
  if (!match) throw resellerTokenInvalid('Send a reseller’s token as "Authorization: Bearer tsk_…", or no Authorization header for a public sale.');
  const [row] = await db
    .select({ tokenId: shopTokens.id, resellerId: resellers.id })
    .from(shopTokens)
    .innerJoin(resellers, eq(resellers.id, shopTokens.resellerId))
    .where(
      and(
        eq(shopTokens.tokenHash, await sha256Hex(match[1]!)),
        isNull(shopTokens.revokedAt),
        eq(shopTokens.role, 'reseller'),
        eq(shopTokens.shopId, shopId),
        eq(resellers.shopId, shopId),
        eq(resellers.status, 'active'),
      ),
    );
  if (!row) throw resellerTokenInvalid();
  return row;
}
