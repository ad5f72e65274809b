import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { shops, shopTokens } from '../../../../db/schema/catalog.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { CreateTokenBody, ShopSettings, TokenParams } from '../../../../contract/organizer.js';
import { createToken } from '../../services/shops.js';
import type { ShopSettingsView } from '../../../../contract/responses/organizer/shop.js';
import { validate } from '../../validation.js';
import { type StripeSettings, stripeStatus } from '../../payments/stripe/settings.js';

function shopSettingsView(shop: typeof shops.$inferSelect, stripe: StripeSettings | undefined): ShopSettingsView {
  const { signingPrivateKey: _secret, createdAt, ...settings } = shop;
  return { ...settings, stripe: stripeStatus(shop, stripe), createdAt: new Date(createdAt).toISOString() };
}

/** The organizer's own shop settings and API tokens. */
export const shopRoutes = new Hono<AppEnv>()
  .get('/shop', async (c) => {
    const [shop] = await c.get('deps').storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    return c.json(shopSettingsView(shop, c.get('deps').stripe), 200);
  })
  .patch('/shop', validate('json', ShopSettings), async (c) => {
    const patch = c.req.valid('json');
    const db = c.get('deps').storage.db;
    const [current] = await db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!current) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    const next = { ...current, ...patch };
    if (!next.locales.includes(next.defaultLocale)) throw new ApiError(400, 'invalid_request', 'The default locale must be one of the shop locales.');
    if (next.holdMaxMinutes < next.holdMinutes) throw new ApiError(400, 'invalid_request', 'holdMaxMinutes must be at least holdMinutes.');
    if (next.invoiceEnabled && !next.invoiceCreditor) throw new ApiError(400, 'invalid_request', 'Pay by invoice needs invoiceCreditor: who is paid, with the IBAN or QR-IBAN.');
    if (next.insuranceEnabled && (!next.insurerName || !next.insurerContact)) {
      throw new ApiError(400, 'invalid_request', 'Cancellation insurance needs insurerName and insurerContact: buyers must know who insures them and how to claim.');
    }
    if (next.voucherMinAmount !== null && next.voucherMaxAmount !== null && next.voucherMinAmount > next.voucherMaxAmount) {
      throw new ApiError(400, 'invalid_request', 'voucherMinAmount must not be above voucherMaxAmount.');
    }
    if ((next.voucherMinAmount === null) !== (next.voucherMaxAmount === null)) {
      throw new ApiError(400, 'invalid_request', 'Give both voucherMinAmount and voucherMaxAmount for a free amount, or neither.');
    }
    if (next.voucherSaleEnabled && next.voucherAmounts.length === 0 && next.voucherMinAmount === null) {
      throw new ApiError(400, 'invalid_request', 'Selling vouchers needs voucherAmounts or a free amount range (voucherMinAmount and voucherMaxAmount).');
    }
    const [updated] = Object.keys(patch).length ? await db.update(shops).set(patch).where(eq(shops.id, current.id)).returning() : [current];
    return c.json(shopSettingsView(updated!, c.get('deps').stripe), 200);
  })
  .get('/tokens', async (c) => {
    const rows = await c
      .get('deps')
      .storage.db.select({ id: shopTokens.id, label: shopTokens.label, role: shopTokens.role, resellerId: shopTokens.resellerId, createdBy: shopTokens.createdBy, createdAt: shopTokens.createdAt })
      .from(shopTokens)
      .where(and(eq(shopTokens.shopId, c.get('orgShopId')), isNull(shopTokens.revokedAt)))
      .orderBy(asc(shopTokens.createdAt));
    return c.json({ tokens: rows.map((t) => ({ ...t, createdAt: new Date(t.createdAt).toISOString() })) }, 200);
  })
  .post('/tokens', validate('json', CreateTokenBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await createToken(storage.db, c.get('orgShopId'), c.req.valid('json'), c.get('orgActor').id, now()), 201);
  })
  .delete('/tokens/:tokenId', validate('param', TokenParams), async (c) => {
    const { storage, now } = c.get('deps');
    const revoked = await storage.db
      .update(shopTokens)
      .set({ revokedAt: now() })
      .where(and(eq(shopTokens.id, c.req.valid('param').tokenId), eq(shopTokens.shopId, c.get('orgShopId')), isNull(shopTokens.revokedAt)))
      .returning({ id: shopTokens.id });
    if (revoked.length === 0) throw new ApiError(404, 'token_not_found', 'There is no active token with this id in this shop.');
    return c.json({ id: revoked[0]!.id, revoked: true }, 200);
  });
