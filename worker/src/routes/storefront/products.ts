import { Hono } from 'hono';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { ProductOrderBody, ProductOrderParams, ProductOrderQuery, ProductPaymentRetryBody, ProductStripeReturnBody } from '../../../../contract/codes.js';
import { ShopParams } from '../../../../contract/common.js';
import { limitOrderSecretGuesses } from '../../rate-limit/middleware.js';
import { listProducts, payProductOrder, placeProductOrder, productOrderForBuyer, productOrderView } from '../../services/product-sales.js';
import { answerProductStripeReturn } from '../../services/stripe-product-sales.js';
import { withStripePayment } from '../../services/stripe-payments.js';
import { validate } from '../../validation.js';

/** Passes and gift vouchers: what the shop sells besides seats, buying one, and the purchase page. */
export const productRoutes = new Hono<AppEnv>()
  .get('/:shopId/products', validate('param', ShopParams), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await listProducts(storage.db, c.get('shop'), now()), 200);
  })
  .post('/:shopId/product-orders', validate('param', ShopParams), validate('json', ProductOrderBody), async (c) => {
    return c.json(await placeProductOrder(c.get('deps'), c.get('shop'), c.req.valid('json')), 201);
  })
  .post('/:shopId/product-orders/:number/payment', validate('param', ProductOrderParams), limitOrderSecretGuesses(), validate('json', ProductPaymentRetryBody), async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const order = await productOrderForBuyer(deps.storage.db, c.get('shop').id, c.req.valid('param').number, body.secret);
    return c.json(await payProductOrder(deps, c.get('shop'), order, body.payment), 200);
  })
  .get('/:shopId/product-orders/:number', validate('param', ProductOrderParams), limitOrderSecretGuesses(), validate('query', ProductOrderQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const secret = c.req.valid('query').secret ?? c.req.header('X-Order-Secret') ?? '';
    if (!secret) throw new ApiError(404, 'order_not_found', 'There is no purchase with this number and secret. Use the link from your confirmation.');
    const order = await productOrderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, secret);
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(await withStripePayment(storage.db, c.get('deps').stripe, { productOrderId: order.id }, await productOrderView(storage.db, c.get('shop'), order, now())), 200);
  })
  // Back from Stripe (services/stripe-product-sales.ts): the pass or voucher is issued with this payment, once.
  .post('/:shopId/product-orders/:number/stripe-return', validate('param', ProductOrderParams), limitOrderSecretGuesses(), validate('json', ProductStripeReturnBody), async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const order = await productOrderForBuyer(deps.storage.db, c.get('shop').id, c.req.valid('param').number, body.secret);
    c.header('Cache-Control', 'private, no-store');
    return c.json(await answerProductStripeReturn(deps, c.get('shop'), order, body.paymentIntentId), 200);
  });
