import type { LookupAddress } from 'node:dns';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { events } from '../../db/schema/catalog.js';
import { outboxMessages } from '../../db/schema/messaging.js';
import { WebhookDeliveryList, WebhookEndpoint, WebhookEndpointList, WebhookEndpointWithSecret, webhookEventPayloads } from '../../contract/webhooks.js';
import { WEBHOOK_RETRY_WINDOW_MS } from '../../worker/src/domain/webhook-retry.js';
import { newWebhookSecret, WEBHOOK_SECRET_OVERLAP_MS } from '../../worker/src/domain/webhook-signature.js';
import { renderMessage } from '../../worker/src/email/render.js';
import type { Message } from '../../worker/src/email/messages.js';
import { deliverWebhooks } from '../../worker/src/jobs/deliver-webhooks.js';
import { runInvoiceDeadlines } from '../../worker/src/jobs/invoice-deadlines.js';
import { purgeWebhookHistory, WEBHOOK_RETENTION_MS } from '../../worker/src/jobs/purge-webhook-history.js';
import { nodeWebhookSender } from '../../worker/src/node/webhook-sender.js';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import { createShop } from '../../worker/src/services/shops.js';
import { checkoutHold, createTestShop, GOOD_CARD, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';
import { DAY, farPerformance, orderByInvoice, zurichDayAt } from './invoice-helpers.js';
import { startReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver.js';

let shop: TestShop;
let receiver: WebhookReceiver;
let seats: number[];
let theatre: string;
let nextSeat: number;

beforeEach(async () => {
  shop = await createTestShop();
  // Only tests may reach 127.0.0.1, and only through this dependency option.
  // Node's sender (as in production), which lets the test option reach 127.0.0.1.
  shop.deps.webhooks = { allowPrivateTargets: true, timeoutMs: 1_000, random: () => 0.5, send: nodeWebhookSender() };
  receiver = await startReceiver();
  theatre = shop.demo.theatrePerformanceIds[0]!;
  const info = await performanceInfo(shop, theatre);
  seats = (await seatsByZone(shop, info.planId!)).C2!;
  nextSeat = 0;
});
afterEach(async () => {
  await receiver.close();
  shop.close();
});

const deliver = () => deliverWebhooks(shop.deps.storage.db, { ...shop.deps.webhooks, now: shop.deps.now });
const types = (list: ReceivedWebhook[] = receiver.received) => list.map((r) => r.event.type);

async function createEndpoint(body: Record<string, unknown> = {}) {
  const res = await shop.org('POST', '/api/org/webhooks', { url: receiver.url, ...body });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

async function paidOrder(count = 2) {
  const chosen = seats.slice(nextSeat, nextSeat + count);
  nextSeat += count;
  const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: chosen.map((seatId) => ({ seatId })) });
  expect(hold.status).toBe(201);
  const order = await checkoutHold(shop, hold.body.id);
  expect(order.status).toBe(201);
  return order.body as { number: string; secret: string; total: number; tickets: { number: string; qrPayload: string; price: number; seatId: number }[] };
}

/** Signature checked with the standardwebhooks package (not our signer); its 5-minute tolerance needs the real time, so a moved clock is checked with its sign(). */
function assertSigned(secret: string, r: ReceivedWebhook) {
  const headers = r.headers as Record<string, string>;
  const timestamp = Number(headers['webhook-timestamp']);
  const wh = new Webhook(secret);
  if (Math.abs(timestamp * 1000 - Date.now()) < 60_000) wh.verify(r.body, headers);
  expect(headers['webhook-signature']).toBe(wh.sign(headers['webhook-id']!, new Date(timestamp * 1000), r.body));
}

/** Whether a receiver holding `secret` accepts the webhook (standardwebhooks), its clock set to the webhook's timestamp so that only the signature decides. */
function verifies(secret: string, r: ReceivedWebhook): boolean {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Number(r.headers['webhook-timestamp']) * 1000);
  try {
    new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  } finally {
    vi.useRealTimers();
  }
}

function assertPayload(r: ReceivedWebhook) {
  const schema = webhookEventPayloads[r.event.type as keyof typeof webhookEventPayloads];
  const parsed = v.safeParse(schema, r.event);
  expect(parsed.success, `${r.event.type}: ${JSON.stringify(parsed.issues?.map((i) => [v.getDotPath(i), i.message]))}`).toBe(true);
}

const countRows = async (table: string) => Number((await shop.sql(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('webhook events', () => {
  it('delivers every event type once per change, signed, with its documented payload', async () => {
    const endpoint = await createEndpoint();
    // Card sale: placed, paid.
    const sale = await paidOrder(3);
    // Check-in of one ticket, and a second scan that fires nothing.
    expect((await shop.org('POST', '/api/org/checkins', { code: sale.tickets[0]!.qrPayload })).status).toBe(200);
    expect((await shop.org('POST', '/api/org/checkins', { code: sale.tickets[0]!.qrPayload })).status).toBe(409);
    // Exchange of another ticket (by the buyer, to the second performance).
    await shop.deps.storage.db.update(events).set({ exchangeEnabled: true, exchangeDeadlineHours: 24, exchangeFee: 0 }).where(eq(events.id, shop.demo.theatreEventId));
    const to = shop.demo.theatrePerformanceIds[1]!;
    const target = (await seatsByZone(shop, (await performanceInfo(shop, to)).planId!)).C2![0]!;
    const q = await shop.call('GET', `${sf(`/orders/${sale.number}/exchange/quote`)}?secret=${sale.secret}&ticketNumber=${sale.tickets[1]!.number}&performanceId=${to}&seatId=${target}`);
    expect(q.status).toBe(200);
    const exchanged = await shop.call('POST', `${sf(`/orders/${sale.number}/exchanges`)}?secret=${sale.secret}`, {
      ticketNumber: sale.tickets[1]!.number,
      performanceId: to,
      seatId: target,
      expectedAmount: q.body.amountToPay,
      payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
    });
    expect(exchanged.status).toBe(201);
    // Staff cancel the third ticket with a cash refund: tickets.cancelled and refund.recorded, the order stays paid.
    const third = sale.tickets[2]!;
    const partial = await shop.org('POST', `/api/org/orders/${sale.number}/cancellations`, { reason: 'ill', scope: 'tickets', ticketNumbers: [third.number], refundMethod: 'cash' });
    expect(partial.status).toBe(201);
    // A second order cancelled whole by card: tickets.cancelled, order.cancelled, then refund.recorded once the provider refunded.
    const whole = await paidOrder(1);
    expect((await shop.org('POST', `/api/org/orders/${whole.number}/cancellations`, { reason: 'ill', scope: 'order', refundMethod: 'card_refund' })).status).toBe(201);

    // Invoice: placed; a reminder from the job; then a second invoice order cancelled by the job.
    const far = await farPerformance(shop, 120);
    const invoiced = await orderByInvoice(shop, far.performanceId, far.seats.slice(0, 1));
    const unpaid = await orderByInvoice(shop, far.performanceId, far.seats.slice(1, 2));
    const orderedAt = shop.clock.now();
    const jobAt = async (day: number) => {
      shop.clock.current = zurichDayAt(orderedAt, day, 9);
      await runInvoiceDeadlines(shop.deps.storage.db, shop.clock.now());
    };
    await jobAt(10);
    // The first is paid: order.paid with its tickets.
    shop.clock.advance(60 * 60_000);
    expect((await shop.org('POST', `/api/org/orders/${invoiced.number}/payments`, { method: 'bank_transfer', amount: invoiced.total })).status).toBe(201);
    await jobAt(20);
    await jobAt(30);

    await deliver();
    await deliver(); // nothing twice
    const byOrder = (number: string) => types(receiver.received.filter((r) => r.event.data.order?.number === number));
    expect(byOrder(sale.number)).toEqual(['order.placed', 'order.paid', 'ticket.checked_in', 'ticket.exchanged', 'tickets.cancelled', 'refund.recorded']);
    expect(byOrder(whole.number)).toEqual(['order.placed', 'order.paid', 'tickets.cancelled', 'order.cancelled', 'refund.recorded']);
    expect(byOrder(invoiced.number)).toEqual(['order.placed', 'invoice.reminder_sent', 'order.paid']);
    expect(byOrder(unpaid.number)).toEqual(['order.placed', 'invoice.reminder_sent', 'invoice.reminder_sent', 'order.cancelled']);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of receiver.received) {
      assertSigned(endpoint.secret, r);
      assertPayload(r);
    }
    const find = (type: string, number: string) => receiver.received.find((r) => r.event.type === type && r.event.data.order.number === number)!.event.data;
    expect(find('order.paid', sale.number).payment).toEqual({ method: 'simulated_card', amount: sale.total, currency: 'CHF' });
    expect(find('order.paid', sale.number).order.buyer).toEqual({ name: 'Alice Martin', email: 'alice.martin@example.ch', language: 'fr' });
    expect(find('ticket.checked_in', sale.number).ticket.number).toBe(sale.tickets[0]!.number);
    expect(find('tickets.cancelled', sale.number)).toMatchObject({ wholeOrder: false, tickets: [{ number: third.number, status: 'cancelled' }], refund: { method: 'cash', amount: third.price } });
    expect(find('refund.recorded', whole.number)).toMatchObject({ method: 'card_refund', amount: whole.tickets[0]!.price, providerReference: expect.stringMatching(/^simr_/) });
    expect(find('order.cancelled', unpaid.number)).toMatchObject({ reason: 'invoice_unpaid', cancellationId: expect.stringMatching(/^ocx_/), order: { status: 'cancelled' } });
    expect(find('order.cancelled', whole.number)).toMatchObject({ reason: 'organizer', order: { status: 'cancelled' } });
    expect(find('invoice.reminder_sent', invoiced.number)).toMatchObject({ reminderNumber: 1, amountDue: invoiced.total });
    expect(find('order.placed', invoiced.number)).toMatchObject({ order: { status: 'invoiced' }, tickets: [] });
    expect(find('order.paid', invoiced.number).tickets).toHaveLength(1);
  });

  it('sends only the subscribed events, and nothing to a disabled endpoint or another shop', async () => {
    await createEndpoint({ events: ['order.paid'] });
    const off = await createEndpoint({ enabled: false });
    const other = await createShop(
      shop.deps.storage.db,
      { name: 'Autre', currency: 'EUR', locales: ['de'], defaultLocale: 'de', timeZone: 'Europe/Berlin', testMode: true, allowedOrigins: ['*'] },
      shop.clock.now(),
    );
    await shop.call('POST', '/api/org/webhooks', { url: `${receiver.url}?other` }, { Authorization: `Bearer ${other.token}` });
    await paidOrder();
    await deliver();
    expect(types()).toEqual(['order.paid']);
    expect(Number((await shop.sql(`SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = '${off.id}'`))[0]!.n)).toBe(0);
  });

  it('writes no event that no enabled endpoint of the shop subscribes to', async () => {
    await paidOrder();
    expect(await countRows('webhook_events')).toBe(0);
    await createEndpoint({ events: ['ticket.checked_in'] });
    await createEndpoint({ events: ['order.placed'], enabled: false });
    await paidOrder();
    expect(await countRows('webhook_events')).toBe(0);
    await createEndpoint({ events: ['order.paid'] });
    await paidOrder();
    expect((await shop.sql('SELECT type FROM webhook_events')).map((r) => r.type)).toEqual(['order.paid']);
    expect(await countRows('webhook_deliveries')).toBe(1);
  });

  it('a change that rolls back leaves no event and no delivery', async () => {
    await createEndpoint();
    await shop.sql(`CREATE TRIGGER no_tickets BEFORE INSERT ON tickets BEGIN SELECT RAISE(ABORT, 'broken on purpose'); END`);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[0]! }] });
    const failed = await checkoutHold(shop, hold.body.id);
    expect(failed.status).toBe(500);
    expect(await countRows('webhook_events')).toBe(0);
    expect(await countRows('webhook_deliveries')).toBe(0);
    await shop.sql('DROP TRIGGER no_tickets');
    expect((await checkoutHold(shop, hold.body.id)).status).toBe(201);
    expect(await countRows('webhook_events')).toBe(2);
  });
});

describe('webhook delivery', () => {
  it('keeps one order’s events in order: order.paid waits while order.placed is retried', async () => {
    await createEndpoint();
    receiver.answers = [500];
    await paidOrder();
    const first = await deliver();
    expect(first).toMatchObject({ delivered: 0, retrying: 1 });
    expect(types()).toEqual(['order.placed']);
    // Due again 5 s (± jitter) later; until then order.paid is not attempted either.
    shop.clock.advance(1_000);
    await deliver();
    expect(types()).toEqual(['order.placed']);
    shop.clock.advance(10_000);
    await deliver();
    expect(types()).toEqual(['order.placed', 'order.placed', 'order.paid']);
    expect(receiver.received[0]!.headers['webhook-id']).toBe(receiver.received[1]!.headers['webhook-id']);
  });

  it('retries after a 500 and after a timeout with the same webhook-id, and logs each attempt', async () => {
    const endpoint = await createEndpoint({ events: ['order.paid'] });
    shop.deps.webhooks!.timeoutMs = 300;
    receiver.answers = [500, 'hang'];
    await paidOrder();
    expect(await deliver()).toMatchObject({ retrying: 1 });
    shop.clock.advance(6_000);
    expect(await deliver()).toMatchObject({ retrying: 1 });
    shop.clock.advance(6 * 60_000);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of receiver.received) assertSigned(endpoint.secret, r);

    const log = await shop.org('GET', `/api/org/webhooks/${endpoint.id}/deliveries`);
    expect(log.status).toBe(200);
    v.parse(WebhookDeliveryList, log.body);
    const [delivery] = log.body.deliveries;
    expect(delivery).toMatchObject({ eventType: 'order.paid', status: 'delivered', attempts: 3, lastResponseStatus: 200, lastError: null, nextAttemptAt: null });
    expect(delivery.eventId).toBe(receiver.received[0]!.headers['webhook-id']);
    expect(delivery.log.map((a: { responseStatus: number | null; ok: boolean; error: string | null }) => [a.responseStatus, a.ok, a.error])).toEqual([
      [500, false, 'HTTP 500'],
      [null, false, 'timeout after 300 ms'],
      [200, true, null],
    ]);
    expect(delivery.log[0].responseExcerpt.length).toBeLessThanOrEqual(200);
    expect(delivery.log[1].durationMs).toBeGreaterThanOrEqual(250);
  });

  it('redelivers a delivered event with the same webhook-id; a pending one is refused', async () => {
    const endpoint = await createEndpoint({ events: ['order.paid'] });
    await paidOrder();
    const ping = await shop.org('POST', `/api/org/webhooks/${endpoint.id}/test`);
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ eventType: 'webhook.ping', status: 'pending' });
    const pending = await shop.org('POST', `/api/org/webhooks/${endpoint.id}/deliveries/${ping.body.id}/redeliver`);
    expect([pending.status, pending.body.error.code]).toEqual([409, 'webhook_delivery_in_progress']);
    await deliver();
    // The ping is about no order: it may reach the receiver before or after the sale's event.
    expect([...types()].sort()).toEqual(['order.paid', 'webhook.ping']);
    const log = await shop.org('GET', `/api/org/webhooks/${endpoint.id}/deliveries?status=delivered`);
    const paid = log.body.deliveries.find((d: { eventType: string }) => d.eventType === 'order.paid');
    const again = await shop.org('POST', `/api/org/webhooks/${endpoint.id}/deliveries/${paid.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body.status).toBe('pending');
    await deliver();
    expect(types()[2]).toBe('order.paid');
    const first = receiver.received.find((r) => r.event.type === 'order.paid')!;
    expect(receiver.received[2]!.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(receiver.received[2]!.body).toBe(first.body);
  });

  it('two delivery runs at once deliver each event once', async () => {
    await createEndpoint();
    for (let i = 0; i < 4; i++) await paidOrder(1);
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a.delivered + b.delivered).toBe(8);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });

  it('disables an endpoint failing for 3 days and e-mails the shop’s contact', async () => {
    expect((await shop.org('PATCH', '/api/org/shop', { contactEmail: 'owner@theatre.example' })).status).toBe(200);
    const endpoint = await createEndpoint({ events: ['order.paid'], description: 'CRM' });
    receiver.fallback = 503;
    await paidOrder();
    const start = shop.clock.now();
    let runs = 0;
    let disabled = 0;
    while (shop.clock.now() <= start + WEBHOOK_RETRY_WINDOW_MS + DAY && runs < 120) {
      disabled += (await deliver()).disabled;
      shop.clock.advance(60 * 60_000);
      runs++;
    }
    expect(disabled).toBe(1);
    // 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 20 h, then the last attempt at 3 days; the runs here are an hour apart.
    expect(receiver.received.length).toBeGreaterThanOrEqual(8);
    expect(receiver.received.length).toBeLessThanOrEqual(11);
    const view = await shop.org('GET', `/api/org/webhooks/${endpoint.id}`);
    expect(view.body).toMatchObject({ enabled: false, disabledReason: 'failing for 3 days' });
    const log = await shop.org('GET', `/api/org/webhooks/${endpoint.id}/deliveries`);
    expect(log.body.deliveries[0]).toMatchObject({ status: 'failed', lastResponseStatus: 503 });
    const mails = await shop.deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'webhook_endpoint_disabled'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: 'owner@theatre.example', orderId: null, language: 'fr', status: 'pending' });
    const subjects = { fr: 'un webhook a été désactivé', de: 'ein Webhook wurde deaktiviert', it: 'un webhook è stato disattivato', en: 'a webhook was disabled' };
    for (const [language, subject] of Object.entries(subjects)) {
      const rendered = renderMessage({ kind: mails[0]!.kind, language, payload: mails[0]!.payload } as unknown as Message, { publicUrl: 'https://x.example' });
      expect(rendered.subject).toContain(subject);
      expect(rendered.text).toContain(receiver.url);
      expect(rendered.text).toContain('HTTP 503');
      expect(rendered.html).toContain('CRM');
    }
    // Nothing more is attempted, and enabling it again clears the failure count.
    await paidOrder();
    await deliver();
    const count = receiver.received.length;
    const enabled = await shop.org('PATCH', `/api/org/webhooks/${endpoint.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, failingSince: null, disabledAt: null });
    receiver.fallback = 200;
    await paidOrder();
    await deliver();
    expect(receiver.received.length).toBe(count + 1);
  });
});

describe('webhook endpoints', () => {
  it('answers the secret once, and a token of another shop can neither see nor change them', async () => {
    const endpoint = await createEndpoint({ description: 'Mailchimp sync' });
    v.parse(WebhookEndpointWithSecret, endpoint);
    const list = await shop.org('GET', '/api/org/webhooks');
    v.parse(WebhookEndpointList, list.body);
    v.parse(WebhookEndpoint, (await shop.org('GET', `/api/org/webhooks/${endpoint.id}`)).body);
    expect(list.body.webhooks).toHaveLength(1);
    expect(list.body.webhooks[0].secret).toBeUndefined();
    expect((await shop.org('GET', `/api/org/webhooks/${endpoint.id}`)).body.secret).toBeUndefined();
    const rotated = await shop.org('POST', `/api/org/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);

    const other = await createShop(
      shop.deps.storage.db,
      { name: 'Autre', currency: 'EUR', locales: ['de'], defaultLocale: 'de', timeZone: 'Europe/Berlin', testMode: true, allowedOrigins: ['*'] },
      shop.clock.now(),
    );
    const as2 = (method: string, path: string, body?: unknown) => shop.call(method, path, body, { Authorization: `Bearer ${other.token}` });
    expect((await as2('GET', '/api/org/webhooks')).body.webhooks).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `/api/org/webhooks/${endpoint.id}`],
      ['PATCH', `/api/org/webhooks/${endpoint.id}`, { url: 'https://evil.example/hook' }],
      ['DELETE', `/api/org/webhooks/${endpoint.id}`],
      ['POST', `/api/org/webhooks/${endpoint.id}/rotate-secret`],
      ['POST', `/api/org/webhooks/${endpoint.id}/test`],
      ['GET', `/api/org/webhooks/${endpoint.id}/deliveries`],
    ] as [string, string, unknown?][]) {
      const res = await as2(method, path, body);
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 404, 'webhook_not_found']);
    }
    await paidOrder();
    const [delivery] = (await shop.sql(`SELECT id FROM webhook_deliveries`)) as { id: string }[];
    await deliver();
    expect((await as2('POST', `/api/org/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`)).status).toBe(404);
    expect((await shop.org('GET', `/api/org/webhooks/${endpoint.id}`)).body.url).toBe(receiver.url);
    expect((await shop.org('DELETE', `/api/org/webhooks/${endpoint.id}`)).status).toBe(204);
    expect(await countRows('webhook_deliveries')).toBe(0);
  });

  it('signs with the previous secret too for 24 hours after a rotation, then with the new one only', async () => {
    const endpoint = await createEndpoint({ events: ['order.paid'] });
    const rotatedAt = shop.clock.now();
    const rotated = await shop.org('POST', `/api/org/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const overlapEnds = new Date(rotatedAt + WEBHOOK_SECRET_OVERLAP_MS).toISOString();
    expect(rotated.body.previousSecretExpiresAt).toBe(overlapEnds);
    expect((await shop.org('GET', `/api/org/webhooks/${endpoint.id}`)).body.previousSecretExpiresAt).toBe(overlapEnds);
    const { secret } = rotated.body as { secret: string };
    await paidOrder();
    await deliver();
    const [first] = receiver.received;
    expect(first!.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect([verifies(endpoint.secret, first!), verifies(secret, first!)]).toEqual([true, true]);
    expect(verifies(newWebhookSecret(), first!)).toBe(false); // the check can fail
    const [delivery] = (await shop.org('GET', `/api/org/webhooks/${endpoint.id}/deliveries`)).body.deliveries;
    const again = async () => {
      expect((await shop.org('POST', `/api/org/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`)).status).toBe(202);
      await deliver();
      return receiver.received.at(-1)!;
    };
    // A minute before the 24 hours end, a receiver on the old secret still accepts.
    shop.clock.current = rotatedAt + WEBHOOK_SECRET_OVERLAP_MS - 60_000;
    const late = await again();
    expect([verifies(endpoint.secret, late), verifies(secret, late)]).toEqual([true, true]);
    // Once they are over, only the new secret signs.
    shop.clock.current = rotatedAt + WEBHOOK_SECRET_OVERLAP_MS + 60_000;
    const after = await again();
    expect(after.headers['webhook-signature']).toMatch(/^v1,\S+$/);
    expect([verifies(endpoint.secret, after), verifies(secret, after)]).toEqual([false, true]);
    expect((await shop.org('GET', `/api/org/webhooks/${endpoint.id}`)).body.previousSecretExpiresAt).toBeNull();
    // The purge clears the old secret from the database.
    expect(await shop.sql(`SELECT previous_secret FROM webhook_endpoints`)).toEqual([{ previous_secret: endpoint.secret }]);
    await purgeWebhookHistory(shop.deps.storage.db, shop.clock.now());
    expect(await shop.sql(`SELECT previous_secret FROM webhook_endpoints`)).toEqual([{ previous_secret: null }]);
  });

  it('refuses private hosts at creation and update without the test option, and http in a live shop', async () => {
    shop.deps.webhooks = { timeoutMs: 1_000 };
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://api.localhost/x',
      'http://10.1.2.3/x',
      'http://172.20.0.1/x',
      'http://192.168.1.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/x',
      'http://0.0.0.0/x',
      'http://0x7f.1/x',
      'http://2130706433/x',
      'http://224.0.0.1/x',
      'http://[::1]/x',
      'http://[::]/x',
      'http://[fd00::1]/x',
      'http://[fe80::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::ffff:a9fe:a9fe]/x',
      'http://[ff02::1]/x',
    ]) {
      const res = await shop.org('POST', '/api/org/webhooks', { url });
      expect([url, res.status, res.body.error?.code]).toEqual([url, 422, 'webhook_url_private']);
    }
    expect((await shop.org('POST', '/api/org/webhooks', { url: 'http://user:pw@hooks.example/x' })).body.error.code).toBe('invalid_request');
    const ok = await shop.org('POST', '/api/org/webhooks', { url: 'http://hooks.example/x' });
    expect(ok.status).toBe(201);
    expect((await shop.org('PATCH', `/api/org/webhooks/${ok.body.id}`, { url: 'http://[::ffff:10.0.0.1]/x' })).body.error.code).toBe('webhook_url_private');
    // A live shop: https only.
    await shop.org('PATCH', '/api/org/shop', {});
    await shop.sql(`UPDATE shops SET test_mode = 0 WHERE id = '${shop.demo.shopId}'`);
    expect((await shop.org('POST', '/api/org/webhooks', { url: 'http://hooks.example/x' })).body.error.code).toBe('webhook_url_not_https');
    expect((await shop.org('POST', '/api/org/webhooks', { url: 'https://hooks.example/x' })).status).toBe(201);
  });

  it('refuses at delivery an http endpoint of a shop that went live after it was saved', async () => {
    const endpoint = await createEndpoint({ events: ['order.paid'] }); // http, allowed in test mode
    await paidOrder();
    await shop.sql(`UPDATE shops SET test_mode = 0 WHERE id = '${shop.demo.shopId}'`);
    expect(await deliver()).toMatchObject({ delivered: 0, retrying: 1 });
    expect(receiver.received).toEqual([]);
    const log = (await shop.org('GET', `/api/org/webhooks/${endpoint.id}/deliveries`)).body.deliveries[0].log;
    expect(log[0]).toMatchObject({ ok: false, responseStatus: null, error: 'refused: a live shop sends over https only' });
  });

  it('refuses at connect time a name whose lookup answers a private address, and an IP literal before any lookup, without the test option', async () => {
    const port = new URL(receiver.url).port;
    // Names pass every check made without DNS; rebind.example's lookup answers the receiver's own address.
    const rebind = await createEndpoint({ url: `http://rebind.example:${port}/hooks`, events: ['order.paid'] });
    const mixed = await createEndpoint({ url: 'http://mixed.example/x', events: ['order.paid'] });
    const literal = await createEndpoint({ events: ['order.paid'] }); // 127.0.0.1, allowed while the option is on
    const answers: Record<string, LookupAddress[]> = {
      'rebind.example': [{ address: '127.0.0.1', family: 4 }],
      'mixed.example': [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    };
    const resolved: string[] = [];
    const resolve = async (host: string) => {
      resolved.push(host);
      return answers[host] ?? [];
    };
    shop.deps.webhooks = { timeoutMs: 1_000, random: () => 0.5, send: nodeWebhookSender({ resolve }) };
    await paidOrder();
    expect(await deliver()).toMatchObject({ delivered: 0, retrying: 3 });
    expect(receiver.received).toEqual([]);
    // Each name was looked up once, by the connection itself (no check before it).
    expect(resolved.sort()).toEqual(['mixed.example', 'rebind.example']);
    const errorOf = async (id: string) => (await shop.org('GET', `/api/org/webhooks/${id}/deliveries`)).body.deliveries[0].log[0];
    expect(await errorOf(rebind.id)).toMatchObject({ ok: false, responseStatus: null, error: 'refused: the host resolves to a private address' });
    expect(await errorOf(mixed.id)).toMatchObject({ ok: false, responseStatus: null, error: 'refused: the host resolves to a private address' });
    expect(await errorOf(literal.id)).toMatchObject({ ok: false, responseStatus: null, error: 'refused: the host is a private address' });
    // The same sender with the test option reaches the receiver at 127.0.0.1.
    shop.deps.webhooks = { allowPrivateTargets: true, timeoutMs: 1_000, random: () => 0.5, send: nodeWebhookSender({ resolve }) };
    await shop.org('DELETE', `/api/org/webhooks/${rebind.id}`);
    await shop.org('DELETE', `/api/org/webhooks/${mixed.id}`);
    shop.clock.advance(10_000);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(types()).toEqual(['order.paid']);
  });
});

describe('webhook history retention', () => {
  const purge = (limits?: { chunk: number; maxChunks: number }) => purgeWebhookHistory(shop.deps.storage.db, shop.clock.now(), limits);
  const eventsOf = async () => ((await shop.sql(`SELECT type FROM webhook_events ORDER BY seq`)) as { type: string }[]).map((r) => r.type);

  it('deletes events, deliveries and attempts 30 days after the event, in chunks, never a pending delivery', async () => {
    const endpoint = await createEndpoint();
    receiver.answers = [500];
    // The first order's order.placed fails once, then both of its events are delivered. It is
    // sent alone: one endpoint gets one order's events in order, but different orders' events
    // go out in parallel, so with both orders waiting the 500 could answer either order.placed.
    await paidOrder();
    expect(await deliver()).toMatchObject({ delivered: 0, retrying: 1 });
    await paidOrder(); // told to be 10 days younger below: kept longer
    await shop.sql(`UPDATE webhook_events SET created_at = created_at + ${10 * DAY} WHERE seq > 2`);
    await deliver();
    shop.clock.advance(10_000);
    await deliver();
    expect(await countRows('webhook_attempts')).toBe(5);
    expect(await countRows('webhook_events')).toBe(4);

    // Just before 30 days nothing goes.
    shop.clock.advance(WEBHOOK_RETENTION_MS - 30_000);
    expect(await purge()).toEqual({ events: 0 });
    shop.clock.advance(30_000);
    // The first order's order.paid is sent again: pending, so it, its event and its attempts stay.
    const log = (await shop.org('GET', `/api/org/webhooks/${endpoint.id}/deliveries`)).body.deliveries as { id: string; eventType: string; eventId: string }[];
    const oldPaid = log.filter((d) => d.eventType === 'order.paid').at(-1)!;
    expect((await shop.org('POST', `/api/org/webhooks/${endpoint.id}/deliveries/${oldPaid.id}/redeliver`)).status).toBe(202);
    expect(await purge({ chunk: 1, maxChunks: 1 })).toEqual({ events: 1 }); // bounded: one chunk a run
    expect(await purge({ chunk: 1, maxChunks: 5 })).toEqual({ events: 0 });
    expect(await eventsOf()).toEqual(['order.paid', 'order.placed', 'order.paid']);
    expect(await countRows('webhook_deliveries')).toBe(3);
    expect(await countRows('webhook_attempts')).toBe(3); // order.placed's two attempts went
    // The pending delivery is still sent with its body, then goes with its event.
    await deliver();
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(oldPaid.eventId);
    expect(await purge()).toEqual({ events: 1 });
    expect(await countRows('webhook_attempts')).toBe(2);
    // The second order's events go 10 days later; what is left answers in the log as before.
    shop.clock.advance(10 * DAY);
    expect(await purge()).toEqual({ events: 2 });
    expect(await countRows('webhook_events')).toBe(0);
    expect(await countRows('webhook_deliveries')).toBe(0);
    expect(await countRows('webhook_attempts')).toBe(0);
    expect((await shop.org('GET', `/api/org/webhooks/${endpoint.id}/deliveries`)).body.deliveries).toEqual([]);
  });

  it('two purges at once delete each event once, and the scheduled tick runs it', async () => {
    await createEndpoint();
    for (let i = 0; i < 6; i++) await paidOrder(1);
    await shop.sql(`UPDATE webhook_events SET created_at = created_at + ${DAY} WHERE seq > 10`);
    await deliver();
    shop.clock.advance(WEBHOOK_RETENTION_MS + 1);
    const [a, b] = await Promise.all([purge({ chunk: 2, maxChunks: 10 }), purge({ chunk: 2, maxChunks: 10 })]);
    expect(a.events + b.events).toBe(10);
    expect(await countRows('webhook_events')).toBe(2);
    shop.clock.advance(DAY);
    expect(await runScheduledJobs(shop.deps, '* * * * *')).toMatchObject({ webhookEventsPurged: 2, errors: [] });
    expect(await countRows('webhook_deliveries')).toBe(0);
  });
});
