import type { NewShopInput } from '../../../contract/organizer.js';
import { shops, shopTokens } from '../../../db/schema/catalog.js';
import { sha256Hex } from '../crypto.js';
import type { Db } from '../db.js';
import { newApiToken, newId } from '../domain/ids.js';
import { generateSigningKeys } from '../domain/ticket-signature.js';
import type { NewToken } from '../../../contract/responses/organizer/shop.js';

/** The validated request, and a fixed id for the demo seed and tests. */
export type NewShop = NewShopInput & { id?: string };

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
    db.insert(shopTokens).values({ id: tokenId, shopId: id, tokenHash: await sha256Hex(token), label: 'first token', createdAt: now }),
  ]);
  return { shopId: id, token, tokenId };
}

export async function createToken(db: Db, shopId: string, label: string, now: number): Promise<NewToken> {
  const token = newApiToken();
  const id = newId('tok');
  await db.insert(shopTokens).values({ id, shopId, tokenHash: await sha256Hex(token), label, createdAt: now });
  return { id, label, token, createdAt: new Date(now).toISOString() };
}
