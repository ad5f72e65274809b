import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { BoxOfficeExchangeBody, BoxOfficeOrderParams, BoxOfficeQuoteQuery, BoxOfficeSeatsQuery } from '../../../../contract/exchange.js';
import { exchangeSeats } from '../../services/exchange-seats.js';
import { loadShopOrder } from '../../services/invoice-orders.js';
import { exchangeTicket, getExchangeOptions, quoteTicketExchange } from '../../services/ticket-exchange.js';
import { validate } from '../../validation.js';
import { tillOf } from '../../services/tills.js';

/**
 * Box office: the same exchange as online, with the payment taken at the counter (recorded,
 * no provider), the deadline passable and the fee waivable by staff. Online exchange need not
 * be enabled for the event.
 */
export const organizerExchangeRoutes = new Hono<AppEnv>()
  .get('/orders/:number/exchange', validate('param', BoxOfficeOrderParams), async (c) => {
    const { storage, now } = c.get('deps');
    const [shop] = await storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    const order = await loadShopOrder(storage.db, shop.id, c.req.valid('param').number);
    return c.json(await getExchangeOptions(storage.db, shop, order, now()), 200);
  })
  .get('/orders/:number/exchange/seats', validate('param', BoxOfficeOrderParams), validate('query', BoxOfficeSeatsQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const order = await loadShopOrder(storage.db, c.get('orgShopId'), c.req.valid('param').number);
    const { performanceId, zoneId } = c.req.valid('query');
    return c.json(await exchangeSeats(storage.db, order, performanceId, zoneId, now()), 200);
  })
  .get('/orders/:number/exchange/quote', validate('param', BoxOfficeOrderParams), validate('query', BoxOfficeQuoteQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const order = await loadShopOrder(storage.db, c.get('orgShopId'), c.req.valid('param').number);
    const { ignoreDeadline, waiveFee, ...choice } = c.req.valid('query');
    return c.json(await quoteTicketExchange(storage.db, order, choice, { kind: 'organizer', ignoreDeadline, waiveFee }, now()), 200);
  })
  .post('/orders/:number/exchanges', validate('param', BoxOfficeOrderParams), validate('json', BoxOfficeExchangeBody), async (c) => {
    const deps = c.get('deps');
    const [shop] = await deps.storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    const order = await loadShopOrder(deps.storage.db, shop.id, c.req.valid('param').number);
    const { ignoreDeadline, waiveFee, ...request } = c.req.valid('json');
    const till = await tillOf(shop, c.get('orgActor'), deps.now());
    return c.json(await exchangeTicket(deps, shop, order, request, { kind: 'organizer', ignoreDeadline, waiveFee, tokenId: c.get('orgTokenId'), till }), 201);
  });
