import type { NewShopInput } from '../../../contract/organizer.js';
import { shops, shopTokens } from '../../../db/schema/catalog.js';
import { sha256Hex } from '../crypto.js';
import { type Db, isGuardFailure } from '../db.js';
import { ApiError } from '../errors.js';
import { guard } from './ledger-guards.js';
import { loadReseller, resellerActive } from './resellers/resellers.js';
import { newApiToken, newId } from '../domain/ids.js';
import { generateSigningKeys } from '../domain/ticket-signature.js';
import type { NewToken } from '../../../contract/responses/organizer/shop.js';
import type { StaffRole } from '../../../contract/permissions.js';
import { firstOwnerStatement } from './staff-accounts.js';

/** The validated request, a fixed id for the demo seed and tests, and the first owner to sign in to the console. */
export type NewShop = NewShopInput & { id?: string; owner?: { email: string; name: string } | undefined };

/** Creates a shop with its ticket-signing keys and a first organizer token (returned once, stored hashed). */
export async function createShop(db: Db, input: NewShop, now: number) {
  const keys = await generateSigningKeys();
  const id = input.id ?? newId('shp');
  const token = newApiToken();
  const tokenId = newId('tok');
  await db.batch([
    db.insert(shops).values({
      id,
      name: input.name,
      currency: input.currency,
      locales: input.locales,
      defaultLocale: input.defaultLocale,
      timeZone: input.timeZone,
      testMode: input.testMode,
      allowedOrigins: input.allowedOrigins,
      signingPublicKey: keys.publicKey,
      signingPrivateKey: keys.privateKey,
      createdAt: now,
    }),
    db.insert(shopTokens).values({ id: tokenId, shopId: id, tokenHash: await sha256Hex(token), label: 'first token', role: 'owner', createdAt: now }),
    ...(input.owner ? [firstOwnerStatement(db, id, input.owner, now)] : []),
  ]);
  return { shopId: id, token, tokenId };
}

/**
 * A new token with a role, created by a staff member or a token (`createdBy`, its id). Only
 * owners create tokens (contract/permissions.ts), so none gets more than its creator. A
 * reseller's token is made in one batch with a guard that its reseller is this shop's and active.
 */
export async function createToken(
  db: Db,
  shopId: string,
  input: { label: string; role: StaffRole; resellerId?: string | undefined },
  createdBy: string | null,
  now: number,
): Promise<NewToken> {
  const token = newApiToken();
  const id = newId('tok');
  const resellerId = input.role === 'reseller' ? (input.resellerId ?? null) : null;
  const insert = db.insert(shopTokens).values({ id, shopId, tokenHash: await sha256Hex(token), label: input.label, role: input.role, resellerId, createdBy, createdAt: now });
  if (resellerId === null) await insert;
  else {
    try {
      await db.batch([guard(db, 'reseller_active', resellerActive(shopId, resellerId)), insert]);
    } catch (err) {
      if (!isGuardFailure(err)) throw err;
      const reseller = await loadReseller(db, shopId, resellerId);
      throw new ApiError(409, 'reseller_not_active', `The reseller “${reseller.name}” is archived: make it active again before giving it a token.`);
    }
  }
  return { id, label: input.label, role: input.role, resellerId, token, createdAt: new Date(now).toISOString() };
}
