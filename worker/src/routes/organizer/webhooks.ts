import { Hono } from 'hono';
import { CreateWebhookBody, UpdateWebhookBody, WebhookDeliveriesQuery, WebhookDeliveryParams, WebhookParams } from '../../../../contract/webhooks.js';
import type { AppEnv } from '../../env.js';
import {
  createEndpoint,
  deleteEndpoint,
  endpointView,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  queuePing,
  redeliver,
  rotateSecret,
  updateEndpoint,
} from '../../services/webhook-endpoints.js';
import { validate } from '../../validation.js';

/** The shop's webhook endpoints and their delivery log (contract/operations/webhooks.ts). */
export const organizerWebhookRoutes = new Hono<AppEnv>()
  .get('/webhooks', async (c) => c.json(await listEndpoints(c.get('deps'), c.get('orgShopId')), 200))
  .post('/webhooks', validate('json', CreateWebhookBody), async (c) => c.json(await createEndpoint(c.get('deps'), c.get('orgShopId'), c.req.valid('json')), 201))
  .get('/webhooks/:id', validate('param', WebhookParams), async (c) =>
    c.json(endpointView(await getEndpoint(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').id), c.get('deps').now()), 200),
  )
  .patch('/webhooks/:id', validate('param', WebhookParams), validate('json', UpdateWebhookBody), async (c) =>
    c.json(await updateEndpoint(c.get('deps'), c.get('orgShopId'), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .delete('/webhooks/:id', validate('param', WebhookParams), async (c) => {
    await deleteEndpoint(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .post('/webhooks/:id/rotate-secret', validate('param', WebhookParams), async (c) => c.json(await rotateSecret(c.get('deps'), c.get('orgShopId'), c.req.valid('param').id), 200))
  .get('/webhooks/:id/deliveries', validate('param', WebhookParams), validate('query', WebhookDeliveriesQuery), async (c) =>
    c.json(await listDeliveries(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .post('/webhooks/:id/deliveries/:deliveryId/redeliver', validate('param', WebhookDeliveryParams), async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    return c.json(await redeliver(c.get('deps'), c.get('orgShopId'), id, deliveryId), 202);
  })
  .post('/webhooks/:id/test', validate('param', WebhookParams), async (c) => c.json(await queuePing(c.get('deps'), c.get('orgShopId'), c.req.valid('param').id), 202));
