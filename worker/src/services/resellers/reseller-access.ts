import { and, eq } from 'drizzle-orm';
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
 * The storefront is public; a request whose `Authorization: Bearer tsk_…` is a reseller-role
 * token of this shop is that reseller selling. Such a token must still be active and its
 * reseller active: a revoked or archived one is refused, never quietly turned into a public
 * sale. Any other header (an organizer's own token, which integrations send to the storefront
 * too) leaves the request public, as it always was.
 */
export async function resellerOfRequest(db: Db, shopId: string, authorization: string | undefined): Promise<ResellerSeller | null> {
  const match = authorization === undefined ? null : /^Bearer\s+(tsk_[a-z0-9]{20,80})$/.exec(authorization);
  if (!match) return null;
  const [row] = await db
    .select({ tokenId: shopTokens.id, revokedAt: shopTokens.revokedAt, resellerId: shopTokens.resellerId, resellerStatus: resellers.status, resellerShop: resellers.shopId })
    .from(shopTokens)
    .leftJoin(resellers, eq(resellers.id, shopTokens.resellerId))
    .where(and(eq(shopTokens.tokenHash, await sha256Hex(match[1]!)), eq(shopTokens.role, 'reseller'), eq(shopTokens.shopId, shopId)));
  if (!row) return null;
  if (row.revokedAt !== null || row.resellerId === null || row.resellerShop !== shopId || row.resellerStatus !== 'active') throw resellerTokenInvalid();
  return { tokenId: row.tokenId, resellerId: row.resellerId };
}
