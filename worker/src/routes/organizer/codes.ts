import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import type { Db } from '../../db.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import {
  CodeListQuery,
  IssuePassBody,
  IssueVoucherBody,
  PassListQuery,
  PassPatch,
  PassProductBody,
  PassProductPatch,
  ProductOrderListQuery,
  PromoCodeBody,
  PromoCodePatch,
  VoucherPatch,
} from '../../../../contract/codes.js';
import { IdParams } from '../../../../contract/organizer.js';
import { createPassProduct, issuePass, listPassProducts, listPasses, updatePass, updatePassProduct } from '../../services/code-admin/pass-products.js';
import { createPromoCode, getPromoCode, listPromoCodes, updatePromoCode } from '../../services/code-admin/promo-codes.js';
import { getVoucher, issueVoucher, listVouchers, updateVoucher } from '../../services/code-admin/vouchers.js';
import { listProductOrders } from '../../services/product-sales.js';
import { validate } from '../../validation.js';

async function shopOf(db: Db, shopId: string) {
  const [shop] = await db.select().from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
  return shop;
}

/** Codes of the token's shop: promo codes, pass products and their passes, gift vouchers, and the purchases of passes and vouchers. */
export const organizerCodeRoutes = new Hono<AppEnv>()
  .get('/promo-codes', validate('query', CodeListQuery), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await listPromoCodes(storage.db, c.get('orgShopId'), c.req.valid('query'), now()), 200);
  })
  .post('/promo-codes', validate('json', PromoCodeBody), async (c) => {
    const { storage, now } = c.get('deps');
    const shop = await shopOf(storage.db, c.get('orgShopId'));
    return c.json(await createPromoCode(storage.db, shop, c.req.valid('json'), now()), 201);
  })
  .get('/promo-codes/:id', validate('param', IdParams), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await getPromoCode(storage.db, c.get('orgShopId'), c.req.valid('param').id, now()), 200);
  })
  .patch('/promo-codes/:id', validate('param', IdParams), validate('json', PromoCodePatch), async (c) => {
    const { storage, now } = c.get('deps');
    const shop = await shopOf(storage.db, c.get('orgShopId'));
    return c.json(await updatePromoCode(storage.db, shop, c.req.valid('param').id, c.req.valid('json'), now()), 200);
  })
  .get('/pass-products', async (c) => {
    return c.json(await listPassProducts(c.get('deps').storage.db, c.get('orgShopId')), 200);
  })
  .post('/pass-products', validate('json', PassProductBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await createPassProduct(storage.db, c.get('orgShopId'), c.req.valid('json'), now()), 201);
  })
  .patch('/pass-products/:id', validate('param', IdParams), validate('json', PassProductPatch), async (c) => {
    return c.json(await updatePassProduct(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .get('/passes', validate('query', PassListQuery), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await listPasses(storage.db, c.get('orgShopId'), c.req.valid('query'), now()), 200);
  })
  .post('/passes', validate('json', IssuePassBody), async (c) => {
    const { storage, now } = c.get('deps');
    const shop = await shopOf(storage.db, c.get('orgShopId'));
    return c.json(await issuePass(storage.db, shop, c.req.valid('json'), now()), 201);
  })
  .patch('/passes/:id', validate('param', IdParams), validate('json', PassPatch), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await updatePass(storage.db, c.get('orgShopId'), c.req.valid('param').id, c.req.valid('json'), now()), 200);
  })
  .get('/vouchers', validate('query', CodeListQuery), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await listVouchers(storage.db, c.get('orgShopId'), c.req.valid('query'), now()), 200);
  })
  .post('/vouchers', validate('json', IssueVoucherBody), async (c) => {
    const { storage, now } = c.get('deps');
    const shop = await shopOf(storage.db, c.get('orgShopId'));
    return c.json(await issueVoucher(storage.db, shop, c.req.valid('json'), now()), 201);
  })
  .get('/vouchers/:id', validate('param', IdParams), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await getVoucher(storage.db, c.get('orgShopId'), c.req.valid('param').id, now()), 200);
  })
  .patch('/vouchers/:id', validate('param', IdParams), validate('json', VoucherPatch), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await updateVoucher(storage.db, c.get('orgShopId'), c.req.valid('param').id, c.req.valid('json'), now()), 200);
  })
  .get('/product-orders', validate('query', ProductOrderListQuery), async (c) => {
    return c.json(await listProductOrders(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('query')), 200);
  });
