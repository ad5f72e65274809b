import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookEventPayloads } from '../../contract/webhooks.js';
import { businessDayOf } from '../../worker/src/domain/business-day.js';
import { deliverOutbox } from '../../worker/src/jobs/deliver-outbox.js';
import { auditLedger } from '../shared/ledger-audit.js';
import { buyer, demoPerformances, GOOD_CARD, type PerformanceInfo, sf, tariffOf, type TestShop } from './harness.js';

let shop: TestShop;
let concert: string;
let concertInfo: PerformanceInfo;

beforeEach(async () => {
  ({ shop, concert, concertInfo } = await demoPerformances(1));
});
afterEach(() => shop.close());

const tariff = (name: string) => tariffOf(concertInfo, null, name).id;

/** An order of the concert with an order question and a per-ticket name, paid by card. */
async function answeredOrder() {
  const eventId = shop.demo.concertEventId;
  const name = (await shop.org('POST', `/api/org/events/${eventId}/questions`, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom' } })).body.id as string;
  const phone = (await shop.org('POST', `/api/org/events/${eventId}/questions`, { scope: 'order', kind: 'phone', label: { fr: 'Téléphone' } })).body.id as string;
  const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif'), quantity: 2 }] });
  const slot = (n: number) => `ga:${tariff('Plein tarif')}:${n}`;
  const order = await shop.call(
    'POST',
    sf(`/holds/${hold.body.id}/checkout`),
    {
      buyer,
      payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
      answers: { order: { [phone]: '+41 79 123 45 67' }, tickets: [{ slot: slot(1), answers: { [name]: 'Alice Martin' } }, { slot: slot(2), answers: { [name]: 'Zoé Personne' } }] },
    },
    { 'Idempotency-Key': 'checkout-with-answers-1' },
  );
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  return { number: order.body.number as string, name, phone };
}

/** Everything the books are made of, for an order, and the sales report of today. */
async function books(number: string) {
  const day = businessDayOf(shop.clock.now(), 'Europe/Zurich');
  const report = await shop.org('GET', `/api/org/reports/sales?from=${day}&to=${day}&groupBy=performance`);
  expect(report.status).toBe(200);
  const where = `(SELECT id FROM orders WHERE number = '${number}')`;
  return {
    report: report.body,
    order: await shop.sql(`SELECT id, number, secret, status, currency, subtotal, fees, total, discount, insurance, paid_by_vouchers, lines, paid_at, channel FROM orders WHERE number = '${number}'`),
    tickets: await shop.sql(`SELECT * FROM tickets WHERE order_id = ${where} ORDER BY id`),
    payments: await shop.sql(`SELECT * FROM payments WHERE order_id = ${where} ORDER BY id`),
    claims: await shop.sql(`SELECT * FROM ga_claims WHERE order_id = ${where}`),
    ledger: await auditLedger(shop.sql),
  };
}

describe('erasing a buyer’s personal data', () => {
  it('removes name, address, answers and e-mail texts in one go, keeps the books, and answers a second request with the first', async () => {
    const endpoint = await shop.org('POST', '/api/org/webhooks', { url: 'https://hooks.example.com/tickets' });
    expect(endpoint.status).toBe(201);
    const { number } = await answeredOrder();

    // The webhook events carry the answers, in the contract's shape, with the issued tickets.
    const stored = await shop.sql(`SELECT type, payload FROM webhook_events WHERE order_id = (SELECT id FROM orders WHERE number = '${number}') ORDER BY seq`);
    expect(stored.map((e) => e.type)).toEqual(['order.placed', 'order.paid']);
    const paid = v.parse(webhookEventPayloads['order.paid'], JSON.parse(String(stored[1]!.payload)));
    expect(paid.data.answers!.order.map((a) => a.text)).toEqual(['+41 79 123 45 67']);
    expect(paid.data.answers!.tickets.map((t) => t.answers[0]!.text).sort()).toEqual(['Alice Martin', 'Zoé Personne']);
    expect(new Set(paid.data.answers!.tickets.map((t) => t.ticketNumber))).toEqual(new Set(paid.data.tickets.map((t) => t.number)));

    expect(JSON.stringify(await shop.sql('SELECT response_body FROM idempotency_keys'))).toContain('alice.martin@example.ch');
    const before = await books(number);
    expect(before.ledger).toEqual([]);

    // A box office member may not erase.
    const desk = await shop.org('POST', '/api/org/tokens', { label: 'Desk', role: 'box_office' });
    const refused = await shop.call('POST', `/api/org/orders/${number}/erase-personal-data`, undefined, { Authorization: `Bearer ${desk.body.token}` });
    expect(refused.status).toBe(403);
    expect((await shop.org('GET', `/api/org/orders/${number}`)).body.answers.tickets).toHaveLength(2);

    const erased = await shop.org('POST', `/api/org/orders/${number}/erase-personal-data`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({ number, answersDeleted: 3, messagesScrubbed: 1 });

    const staff = await shop.org('GET', `/api/org/orders/${number}`);
    expect(staff.body.buyer).toMatchObject({ name: '', email: 'erased@erased.invalid' });
    expect(staff.body.answers).toEqual({ order: [], tickets: [] });
    expect(staff.body.personalDataErasedAt).toBe(erased.body.erasedAt);
    expect(staff.body.tickets.every((t: { status: string }) => t.status === 'valid')).toBe(true);

    // Nothing personal is left in the database.
    const everything = JSON.stringify(
      await Promise.all(['orders', 'outbox_messages', 'webhook_events', 'order_answers', 'idempotency_keys'].map((table) => shop.sql(`SELECT * FROM ${table}`))),
    );
    for (const personal of ['alice.martin@example.ch', 'Alice Martin', 'Zoé Personne', '79 123 45 67']) expect(everything).not.toContain(personal);
    const message = (await shop.sql(`SELECT status, recipient, payload, last_error FROM outbox_messages WHERE order_id = (SELECT id FROM orders WHERE number = '${number}')`))[0]!;
    expect(message).toMatchObject({ status: 'failed', recipient: 'erased@erased.invalid', payload: '{}' });
    const scrubbed = v.parse(webhookEventPayloads['order.paid'], JSON.parse(String((await shop.sql(`SELECT payload FROM webhook_events WHERE type = 'order.paid'`))[0]!.payload)));
    expect(scrubbed.data.answers).toBeUndefined();
    expect(scrubbed.data.order.buyer).toEqual({ name: '', email: 'erased@erased.invalid', language: 'fr' });
    expect(scrubbed.data.order.total).toBe(paid.data.order.total);

    // The books: identical.
    expect(await books(number)).toEqual(before);

    // Again: nothing changes, the first erasure is the answer.
    shop.clock.advance(60_000);
    const again = await shop.org('POST', `/api/org/orders/${number}/erase-personal-data`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(erased.body);

    // A message queued for the order afterwards (a resend) is not sent to anyone.
    const resend = await shop.org('POST', `/api/org/orders/${number}/resend`, { kind: 'order_confirmation' });
    expect(resend.status, JSON.stringify(resend.body)).toBe(201);
    expect(resend.body.recipient).toBe('erased@erased.invalid');
    const sent: unknown[] = [];
    const transport = { name: 'mailbox' as const, send: async (mail: unknown) => (sent.push(mail), { providerMessageId: null }) };
    await deliverOutbox(shop.deps.storage.db, { now: shop.clock.now, publicUrl: 'https://tickets.example.ch', mail: { from: { address: 'tickets@example.ch' }, transport } });
    expect(sent).toEqual([]);
    const resent = (await shop.sql(`SELECT status, last_error FROM outbox_messages WHERE id = '${resend.body.id}'`))[0]!;
    expect(resent).toEqual({ status: 'failed', last_error: "not sent: the buyer's personal data was erased" });
  });

  it('answers 404 for an order of another shop or none', async () => {
    const res = await shop.org('POST', '/api/org/orders/ZZZZ-ZZZZ/erase-personal-data');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('order_not_found');
  });
});
