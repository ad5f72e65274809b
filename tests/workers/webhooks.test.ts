import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../db/schema/orders';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../../db/schema/webhooks';
import { deliverWebhooks } from '../../worker/src/jobs/deliver-webhooks';
import { purgeWebhookHistory } from '../../worker/src/jobs/purge-webhook-history';
import { workerDeps } from '../../worker/src/index';
import { buyer, call, expectOk, GOOD_CARD, SHOP, seatedPerformance, seedDemoShop } from './helpers';

describe('webhooks in workerd with D1', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let secret: string;
  let orderNumber: string;
  const db = () => workerDeps(env).storage.db;

  beforeAll(async () => {
    demo = await seedDemoShop();
    const created = expectOk(await demo.org('POST', '/api/org/webhooks', { url: 'https://hooks.test/webhook', events: ['order.paid', 'order.placed'] }), 201);
    secret = created.body.secret;
    // A private host is refused here too (no test option in the Worker's deps).
    expect((await demo.org('POST', '/api/org/webhooks', { url: 'http://169.254.169.254/latest' })).body.error.code).toBe('webhook_url_private');
    const theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: theatre.seatIds.slice(0, 2).map((seatId) => ({ seatId })) }), 201);
    const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }), 201);
    orderNumber = order.body.number;
  });

  it('writes the sale’s events and their deliveries in the sale’s batch', async () => {
    const [order] = await db().select().from(orders).where(eq(orders.number, orderNumber));
    const rows = await db().select().from(webhookEvents).where(eq(webhookEvents.orderId, order!.id)).orderBy(webhookEvents.seq);
    expect(rows.map((e) => [e.type, e.fanoutPending])).toEqual([
      ['order.placed', 0],
      ['order.paid', 0],
    ]);
    const deliveries = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.orderId, order!.id)).orderBy(webhookDeliveries.eventSeq);
    expect(deliveries.map((d) => [d.eventType, d.status, d.eventId])).toEqual([
      ['order.placed', 'pending', rows[0]!.id],
      ['order.paid', 'pending', rows[1]!.id],
    ]);
  });

  it('signs and sends them in order with Web Crypto inside workerd', async () => {
    const sent: { url: string; headers: Headers; body: string }[] = [];
    const fetchStub: typeof fetch = async (input, init) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
      return new Response('ok', { status: 200 });
    };
    const result = await deliverWebhooks(db(), { now: Date.now, fetch: fetchStub });
    expect(result).toMatchObject({ delivered: 2, failed: 0, retrying: 0 });
    expect(sent.map((s) => JSON.parse(s.body).type)).toEqual(['order.placed', 'order.paid']);
    expect(sent[0]!.url).toBe('https://hooks.test/webhook');
    const wh = new Webhook(secret);
    for (const s of sent) {
      const headers = Object.fromEntries(s.headers.entries());
      expect(() => wh.verify(s.body, headers)).not.toThrow();
    }
    // A second run finds nothing left to send.
    expect(await deliverWebhooks(db(), { now: Date.now, fetch: fetchStub })).toMatchObject({ delivered: 0 });
    expect(sent).toHaveLength(2);
  });

  it('signs with both secrets after a rotation, and purges old history on D1', async () => {
    const [endpoint] = (await demo.org('GET', '/api/org/webhooks')).body.webhooks;
    const rotated = expectOk(await demo.org('POST', `/api/org/webhooks/${endpoint.id}/rotate-secret`), 200);
    expectOk(await demo.org('POST', `/api/org/webhooks/${endpoint.id}/test`), 202);
    const sent: { headers: Headers; body: string }[] = [];
    const fetchStub: typeof fetch = async (_input, init) => {
      sent.push({ headers: new Headers(init?.headers), body: String(init?.body) });
      return new Response('ok', { status: 200 });
    };
    expect(await deliverWebhooks(db(), { now: Date.now, fetch: fetchStub })).toMatchObject({ delivered: 1 });
    const headers = Object.fromEntries(sent[0]!.headers.entries());
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    for (const key of [secret, rotated.body.secret]) expect(() => new Webhook(key).verify(sent[0]!.body, headers)).not.toThrow();
    // 31 days on: every event is delivered, so all of it goes, and the old secret is cleared.
    expect(await purgeWebhookHistory(db(), Date.now() + 31 * 86_400_000, { chunk: 2, maxChunks: 10 })).toEqual({ events: 3 });
    expect(await db().select().from(webhookDeliveries)).toEqual([]);
    const [row] = await db().select().from(webhookEndpoints);
    expect([row!.previousSecret, row!.previousSecretExpiresAt]).toEqual([null, null]);
  });
});
