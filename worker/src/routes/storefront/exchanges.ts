import { Hono } from 'hono';
import { constantTimeEqual } from '../../crypto.js';
import type { AppEnv, Shop } from '../../env.js';
import type { Db } from '../../db.js';
import { ApiError } from '../../errors.js';
import { BuyerExchangeBody, ExchangeOrderParams, ExchangeQuoteQuery, ExchangeSecretQuery } from '../../schemas/exchange.js';
import { loadShopOrder } from '../../services/invoice-orders.js';
import { exchangeTicket, getExchangeOptions, quoteTicketExchange } from '../../services/ticket-exchange.js';
import { validate } from '../../validation.js';

/** The order, if the caller holds its secret; otherwise it does not exist for them. */
async function buyerOrder(db: Db, shop: Shop, number: string, secret: string) {
  const order = await loadShopOrder(db, shop.id, number).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });
  if (!order || !constantTimeEqual(order.secret, secret)) {
    throw new ApiError(404, 'order_not_found', 'There is no order with this number and secret. Use the link from your confirmation.');
  }
  return order;
}

/**
 * The buyer exchanges a ticket for another performance of the same event, from the link of
 * their confirmation (?secret=): what can be exchanged, what a choice costs, and the exchange.
 */
export const exchangeRoutes = new Hono<AppEnv>()
  .get('/:shopId/orders/:number/exchange', validate('param', ExchangeOrderParams), validate('query', ExchangeSecretQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const order = await buyerOrder(storage.db, c.get('shop'), c.req.valid('param').number, c.req.valid('query').secret);
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(await getExchangeOptions(storage.db, c.get('shop'), order, now()), 200);
  })
  .get('/:shopId/orders/:number/exchange/quote', validate('param', ExchangeOrderParams), validate('query', ExchangeQuoteQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const { secret, ...choice } = c.req.valid('query');
    const order = await buyerOrder(storage.db, c.get('shop'), c.req.valid('param').number, secret);
    c.header('Cache-Control', 'private, no-store');
    return c.json(await quoteTicketExchange(storage.db, order, choice, { kind: 'buyer' }, now()), 200);
  })
  .post('/:shopId/orders/:number/exchanges', validate('param', ExchangeOrderParams), validate('query', ExchangeSecretQuery), validate('json', BuyerExchangeBody), async (c) => {
    const deps = c.get('deps');
    const order = await buyerOrder(deps.storage.db, c.get('shop'), c.req.valid('param').number, c.req.valid('query').secret);
    c.header('Cache-Control', 'private, no-store');
    return c.json(await exchangeTicket(deps, c.get('shop'), order, c.req.valid('json'), { kind: 'buyer' }), 201);
  });
