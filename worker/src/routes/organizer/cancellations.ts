import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { shops } from '../../../../db/schema/catalog.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { CancellationListQuery, CancellationParams, InsuredTicketsQuery, PeriodQuery, StaffCancellationBody } from '../../../../contract/cancellations.js';
import { OrderNumberParams } from '../../../../contract/organizer.js';
import { cancellationsCsv, listCancellations } from '../../services/cancellation-reports.js';
import { insuredTicketsCsv } from '../../services/insurance-export.js';
import { cancelByStaff } from '../../services/order-cancellation.js';
import { getOrderView } from '../../services/orders.js';
import { retryCardRefund } from '../../services/refunds.js';
import { validate } from '../../validation.js';
import { refundLimitOf } from '../../domain/staff-access.js';
import { csvResponse } from './csv-response.js';
import { tillOf } from '../../services/tills.js';


const day = (ms: number | undefined) => (ms === undefined ? 'all' : new Date(ms).toISOString().slice(0, 10));

/** Box office and accounting: cancel orders or tickets, retry a card refund, and the reports for accountants and the insurer. */
export const organizerCancellationRoutes = new Hono<AppEnv>()
  .post('/orders/:number/cancellations', validate('param', OrderNumberParams), validate('json', StaffCancellationBody), async (c) => {
    const deps = c.get('deps');
    const [shop] = await deps.storage.db.select().from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    const { number } = c.req.valid('param');
    const refundLimit = refundLimitOf(c.get('orgActor').role, shop.boxOfficeRefundLimit);
    const till = await tillOf(shop, c.get('orgActor'), deps.now());
    const cancellation = await cancelByStaff(deps, shop, number, c.req.valid('json'), c.get('orgTokenId'), 'organizer', refundLimit, till);
    const { cancellations } = await listCancellations(deps.storage.db, shop.id, { limit: 1, id: cancellation.id });
    return c.json({ cancellation: cancellations[0]!, order: await getOrderView(deps.storage.db, shop, number, deps.now()) }, 201);
  })
  .post('/cancellations/:id/refund', validate('param', CancellationParams), async (c) => {
    const deps = c.get('deps');
    const result = await retryCardRefund(deps, c.get('orgShopId'), c.req.valid('param').id);
    // Like a declined payment at checkout: the provider said no, nothing is broken on our side.
    if (result.status === 'failed') throw new ApiError(402, 'refund_failed', `The payment provider refused the refund (${result.code}): ${result.message} The cancellation stands; retry later.`, { code: result.code });
    return c.json({ status: result.status, reference: result.reference }, 200);
  })
  .get('/cancellations', validate('query', CancellationListQuery), async (c) => {
    return c.json(await listCancellations(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('query')), 200);
  })
  .get('/cancellations.csv', validate('query', PeriodQuery), async (c) => {
    const period = c.req.valid('query');
    return csvResponse(await cancellationsCsv(c.get('deps').storage.db, c.get('orgShopId'), period), `cancellations-${day(period.from)}-${day(period.to)}.csv`);
  })
  .get('/reports/insured-tickets.csv', validate('query', InsuredTicketsQuery), async (c) => {
    const { lang, ...period } = c.req.valid('query');
    const db = c.get('deps').storage.db;
    const [shop] = await db.select({ defaultLocale: shops.defaultLocale }).from(shops).where(eq(shops.id, c.get('orgShopId')));
    if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
    return csvResponse(await insuredTicketsCsv(db, c.get('orgShopId'), period, lang ?? shop.defaultLocale), `insured-tickets-${day(period.from)}-${day(period.to)}.csv`);
  });
