import { Hono } from 'hono';
import type { AppEnv } from '../../env.js';
import { limitOrderSecretGuesses } from '../../rate-limit/middleware.js';
import { BuyerExchangeBody, ExchangeOrderParams, ExchangeQuoteQuery, ExchangeSecretQuery } from '../../../../contract/exchange.js';
import { orderForBuyer } from '../../services/orders.js';
import { exchangeTicket, getExchangeOptions, quoteTicketExchange } from '../../services/ticket-exchange.js';
import { validate } from '../../validation.js';

/**
 * The buyer exchanges a ticket for another performance of the same event, from the link of
 * their confirmation (?secret=): what can be exchanged, what a choice costs, and the exchange.
 */
export const exchangeRoutes = new Hono<AppEnv>()
  .get('/:shopId/orders/:number/exchange', validate('param', ExchangeOrderParams), limitOrderSecretGuesses(), validate('query', ExchangeSecretQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const order = await orderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, c.req.valid('query').secret);
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(await getExchangeOptions(storage.db, c.get('shop'), order, now()), 200);
  })
  .get('/:shopId/orders/:number/exchange/quote', validate('param', ExchangeOrderParams), limitOrderSecretGuesses(), validate('query', ExchangeQuoteQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const { secret, ...choice } = c.req.valid('query');
    const order = await orderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, secret);
    c.header('Cache-Control', 'private, no-store');
    return c.json(await quoteTicketExchange(storage.db, order, choice, { kind: 'buyer' }, now()), 200);
  })
  .post('/:shopId/orders/:number/exchanges', validate('param', ExchangeOrderParams), limitOrderSecretGuesses(), validate('query', ExchangeSecretQuery), validate('json', BuyerExchangeBody), async (c) => {
    const deps = c.get('deps');
    const order = await orderForBuyer(deps.storage.db, c.get('shop').id, c.req.valid('param').number, c.req.valid('query').secret);
    c.header('Cache-Control', 'private, no-store');
    return c.json(await exchangeTicket(deps, c.get('shop'), order, c.req.valid('json'), { kind: 'buyer' }), 201);
  });
