import { Webhook } from 'standardwebhooks';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookEventPayloads } from '../../contract/webhooks.js';
import { deliverWebhooks } from '../../worker/src/jobs/deliver-webhooks.js';
import { checkoutHold, createTestShop, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';
import { startReceiver, type WebhookReceiver } from './webhook-receiver.js';

let shop: TestShop;
let receiver: WebhookReceiver;
let seats: number[];
let theatre: string;

beforeEach(async () => {
  shop = await createTestShop();
  shop.deps.webhooks = { allowPrivateTargets: true, timeoutMs: 1_000, random: () => 0.5 };
  receiver = await startReceiver();
  theatre = shop.demo.theatrePerformanceIds[0]!;
  const info = await performanceInfo(shop, theatre);
  seats = (await seatsByZone(shop, info.planId!)).C2!;
});
afterEach(async () => {
  await receiver.close();
  shop.close();
});

const deliver = () => deliverWebhooks(shop.deps.storage.db, { ...shop.deps.webhooks, now: shop.deps.now });

async function createEndpoint(body: Record<string, unknown> = {}) {
  const res = await shop.org('POST', '/api/org/webhooks', { url: receiver.url, ...body });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

let nextSeat = 0;
async function paidOrder(count = 2) {
  const chosen = seats.slice(nextSeat, nextSeat + count);
  nextSeat += count;
  const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: chosen.map((seatId) => ({ seatId })) });
  expect(hold.status).toBe(201);
  const order = await checkoutHold(shop, hold.body.id);
  expect(order.status).toBe(201);
  return order.body as { number: string; tickets: { number: string; qrPayload: string }[] };
}

describe('webhooks', () => {
  it('delivers a card sale as order.placed then order.paid, signed as Standard Webhooks says', async () => {
    const endpoint = await createEndpoint();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const order = await paidOrder();
    const result = await deliver();
    expect(result.delivered).toBe(2);
    expect(receiver.received.map((r) => r.event.type)).toEqual(['order.placed', 'order.paid']);
    const wh = new Webhook(endpoint.secret);
    for (const r of receiver.received) {
      wh.verify(r.body, r.headers as Record<string, string>);
      const schema = webhookEventPayloads[r.event.type as keyof typeof webhookEventPayloads];
      expect(v.safeParse(schema, r.event).success).toBe(true);
    }
    expect(receiver.received[1]!.event.data.order.number).toBe(order.number);
  });
});
