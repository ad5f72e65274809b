import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCancellations } from '../../db/schema/orders.js';
import { verifyTicketPayload } from '../../worker/src/domain/ticket-signature.js';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { createShop } from '../../worker/src/services/shops.js';
import { availability, createTestShop, sf, type TestShop } from './harness.js';
import { farPerformance, messagesOf, orderByInvoice, orderRow, useMail } from './invoice-helpers.js';

describe('pay by invoice: checkout, payment and cancellation by the organizer', () => {
  let shop: TestShop;
  let performance: { performanceId: string; seats: number[] };
  beforeAll(async () => {
    shop = await createTestShop();
    useMail(shop);
    performance = await farPerformance(shop, 90);
  });
  afterAll(() => shop.close());

  it('lists invoice for the shop and for a performance far enough away, not for one too close', async () => {
    expect((await shop.call('GET', sf(''))).body.paymentMethods).toContain('invoice');
    expect((await shop.call('GET', sf(`/performances/${performance.performanceId}`))).body.paymentMethods).toEqual(['free', 'simulated_card', 'invoice']);
    await shop.org('PATCH', '/api/org/shop', { invoiceCutoffDays: 30 });
    const soon = shop.demo.theatrePerformanceIds[0]!; // seven days ahead
    expect((await shop.call('GET', sf(`/performances/${soon}`))).body.paymentMethods).toEqual(['free', 'simulated_card']);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: soon, seats: [{ seatId: performance.seats[0]! }] });
    const refused = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer: { name: 'Léa', email: 'lea@example.ch', language: 'fr' }, payment: { method: 'invoice' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invoice_not_offered', details: { cutoffDays: 30 } });
    // The hold is untouched: the buyer can pay another way.
    expect((await shop.call('GET', sf(`/holds/${hold.body.id}`))).body.status).toBe('active');
  });

  it('keeps the seats for the buyer, issues no ticket yet and queues the invoice e-mail, in one step', async () => {
    const seats = performance.seats.slice(10, 12);
    const order = await orderByInvoice(shop, performance.performanceId, seats);
    expect(order.status).toBe('invoiced');
    expect(order.tickets).toEqual([]);
    expect(order.invoice.reference).toMatch(/^\d{27}$/); // QR reference: the demo account is a QR-IBAN
    expect(decodeSeatRanges((await availability(shop, performance.performanceId)).sold ?? '')).toEqual(expect.arrayContaining(seats));
    const messages = await messagesOf(shop, order.number);
    expect(messages.map((m) => [m.kind, m.status, m.recipient, m.language])).toEqual([['invoice', 'pending', 'alice.martin@example.ch', 'fr']]);
    const row = await orderRow(shop, order.number);
    expect(row.invoice).toMatchObject({ reminderIntervalDays: 10, reminderCount: 2, timeZone: 'Europe/Zurich', creditor: { account: 'CH4431999123000889012' } });
    expect(row.invoiceDueAt).toBe(Date.parse(order.invoice.dueAt));
  });

  it('serves the invoice PDF to whoever has the link with the secret, and to the organizer', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[20]!]);
    const pdf = await shop.app.request(sf(`/orders/${order.number}/invoice.pdf?secret=${order.secret}`));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(pdf.headers.get('Cache-Control')).toBe('private, no-store');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const wrong = await shop.call('GET', sf(`/orders/${order.number}/invoice.pdf?secret=${'a'.repeat(26)}`));
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'order_not_found']);
    const missing = await shop.call('GET', sf(`/orders/${order.number}/invoice.pdf`));
    expect([missing.status, missing.body.error.code]).toEqual([400, 'invalid_request']);
    const org = await shop.app.request(`/api/org/orders/${order.number}/invoice.pdf`, { headers: { Authorization: `Bearer ${shop.demo.token}` } });
    expect([org.status, org.headers.get('Content-Type')]).toEqual([200, 'application/pdf']);
  });

  it('issues signed tickets and queues the confirmation once the organizer records the payment', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, performance.seats.slice(30, 33));
    const short = await shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total - 100 });
    expect([short.status, short.body.error.code, short.body.error.details.expected]).toEqual([422, 'amount_mismatch', order.total]);

    const paid = await shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total, reference: 'camt 2026-05-04 #17' });
    expect(paid.status).toBe(201);
    expect(paid.body.status).toBe('paid');
    expect(paid.body.tickets).toHaveLength(3);
    const { body: key } = await shop.call('GET', sf('/public-key'));
    for (const ticket of paid.body.tickets) {
      expect(ticket.status).toBe('valid');
      expect(await verifyTicketPayload(key.publicKey, ticket.qrPayload)).toMatchObject({ ticketNumber: ticket.number, performanceId: performance.performanceId });
    }
    // Ticket prices are the invoice's, seat by seat.
    expect(paid.body.tickets.reduce((n: number, t: { price: number }) => n + t.price, 0)).toBe(order.total);
    expect((await messagesOf(shop, order.number)).map((m) => m.kind)).toEqual(['invoice', 'order_confirmation']);

    const again = await shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total });
    expect([again.status, again.body.error.code]).toEqual([409, 'order_not_awaiting_payment']);
    const card = await shop.org('POST', `/api/org/orders/${order.number}/cancel`, { reason: 'Buyer asked' });
    expect([card.status, card.body.error.code]).toEqual([409, 'order_not_cancellable']);
  });

  it('two payments recorded at once issue one set of tickets', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, performance.seats.slice(40, 42));
    const results = await Promise.all([1, 2].map(() => shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const view = await shop.org('GET', `/api/org/orders/${order.number}`);
    expect(view.body.tickets).toHaveLength(2);
    expect(view.body.messages.filter((m: { kind: string }) => m.kind === 'order_confirmation')).toHaveLength(1);
  });

  it('lets the organizer cancel an unpaid invoice order whole: seats freed, reason kept, buyer told', async () => {
    const seats = performance.seats.slice(50, 52);
    const order = await orderByInvoice(shop, performance.performanceId, seats);
    const refund = await shop.org('POST', `/api/org/orders/${order.number}/cancel`, { reason: 'Double booking', refundMethod: 'cash' });
    expect([refund.status, refund.body.error.code]).toEqual([409, 'refund_not_possible']);

    const cancelled = await shop.org('POST', `/api/org/orders/${order.number}/cancel`, { reason: 'Double booking', messageToBuyer: 'Vous avez déjà commandé ces places.' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.invoice.dueAt).toBeNull();
    expect(decodeSeatRanges((await availability(shop, performance.performanceId)).sold ?? '')).not.toEqual(expect.arrayContaining([seats[0]]));
    const rebuy = await shop.call('POST', sf('/holds'), { performanceId: performance.performanceId, seats: seats.map((seatId) => ({ seatId })) });
    expect(rebuy.status).toBe(201);

    const row = await orderRow(shop, order.number);
    const [record] = await shop.deps.storage.db.select().from(orderCancellations).where(eq(orderCancellations.orderId, row.id));
    expect(record).toMatchObject({ scope: 'order', reason: 'Double booking', refundMethod: 'none', refundAmount: 0, actor: 'organizer' });
    expect(record!.actorTokenId).toMatch(/^tok_/);
    const notice = (await messagesOf(shop, order.number)).find((m) => m.kind === 'order_cancelled');
    expect(notice?.payload).toMatchObject({ reason: 'organizer', note: 'Vous avez déjà commandé ces places.' });

    const twice = await shop.org('POST', `/api/org/orders/${order.number}/cancel`, { reason: 'Double booking' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'order_not_cancellable']);
    const pay = await shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total });
    expect([pay.status, pay.body.error.code]).toEqual([409, 'order_not_awaiting_payment']);
  });

  it('general admission: places stay counted while unpaid, come back on cancellation, become tickets on payment', async () => {
    const performanceId = shop.demo.concertPerformanceIds[1]!; // 17 days ahead
    await shop.org('PATCH', '/api/org/shop', { invoiceCutoffDays: 3 });
    const info = await shop.call('GET', sf(`/performances/${performanceId}`));
    expect(info.body.paymentMethods).toContain('invoice');
    const tariffId = info.body.tariffs[0].id;
    const place = async (quantity: number) => {
      const hold = await shop.call('POST', sf('/holds'), { performanceId, quantities: [{ tariffId, quantity }] });
      const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer: { name: 'Noé', email: 'noe@example.ch', language: 'fr' }, payment: { method: 'invoice' } });
      expect(order.status).toBe(201);
      return order.body;
    };
    const unpaid = await place(4);
    const paidLater = await place(2);
    expect((await availability(shop, performanceId)).remaining).toBe(294);
    // The hold lapses long after; the places stay sold to the invoice orders.
    shop.clock.advance(60 * 60_000);
    expect((await availability(shop, performanceId)).remaining).toBe(294);
    expect((await shop.org('POST', `/api/org/orders/${unpaid.number}/cancel`, { reason: 'Group cancelled' })).status).toBe(200);
    expect((await availability(shop, performanceId)).remaining).toBe(298);
    const paid = await shop.org('POST', `/api/org/orders/${paidLater.number}/payments`, { method: 'bank_transfer', amount: paidLater.total });
    expect(paid.body.tickets.map((t: { seatId: number | null }) => t.seatId)).toEqual([null, null]);
    expect((await availability(shop, performanceId)).remaining).toBe(298);
  });

  it('a payment and a cancellation racing: exactly one wins', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[60]!]);
    const [pay, cancel] = await Promise.all([
      shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total }),
      shop.org('POST', `/api/org/orders/${order.number}/cancel`, { reason: 'No longer wanted' }),
    ]);
    expect([pay.status, cancel.status].filter((s) => s < 300)).toHaveLength(1);
    const row = await orderRow(shop, order.number);
    expect(row.status).toBe(pay.status === 201 ? 'paid' : 'cancelled');
  });

  it('another shop cannot see, pay, cancel or print the order', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[70]!]);
    const other = await createShop(shop.deps.storage.db, { name: 'Autre salle', currency: 'CHF', locales: ['fr'], defaultLocale: 'fr', timeZone: 'Europe/Zurich', testMode: true, allowedOrigins: [] }, shop.clock.now());
    const as = { Authorization: `Bearer ${other.token}` };
    for (const [method, path, body] of [
      ['GET', `/api/org/orders/${order.number}`, undefined],
      ['POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total }],
      ['POST', `/api/org/orders/${order.number}/cancel`, { reason: 'not mine' }],
      ['GET', `/api/org/orders/${order.number}/invoice.pdf`, undefined],
    ] as const) {
      const res = await shop.call(method, path, body, as);
      expect([res.status, res.body.error.code]).toEqual([404, 'order_not_found']);
    }
    expect((await orderRow(shop, order.number)).status).toBe('invoiced');
    const pdf = await shop.call('GET', `/api/shops/${other.shopId}/orders/${order.number}/invoice.pdf?secret=${order.secret}`);
    expect(pdf.status).toBe(404);
  });

  it('refuses invoice settings that could not produce a valid invoice', async () => {
    const badIban = await shop.org('PATCH', '/api/org/shop', { invoiceCreditor: { name: 'X', address: 'Rue 1', zip: '1000', city: 'Lausanne', country: 'CH', account: 'CH44 3199 9123 0008 8901 3' } });
    expect([badIban.status, badIban.body.error.code]).toEqual([400, 'invalid_request']);
    const noD = await shop.org('PATCH', '/api/org/shop', { invoiceReminderIntervalDays: 0 });
    expect(noD.status).toBe(400);
    const noCreditor = await shop.org('PATCH', '/api/org/shop', { invoiceCreditor: null });
    expect([noCreditor.status, noCreditor.body.error.message]).toEqual([400, expect.stringContaining('invoiceCreditor')]);
    const ok = await shop.org('PATCH', '/api/org/shop', { invoiceReminderIntervalDays: 7, invoiceReminderCount: 3, invoiceSendHour: 8, senderEmail: 'billets@theatre.example' });
    expect(ok.body).toMatchObject({ invoiceEnabled: true, invoiceReminderIntervalDays: 7, invoiceReminderCount: 3, invoiceSendHour: 8, senderEmail: 'billets@theatre.example' });
    expect(ok.body.signingPrivateKey).toBeUndefined();
  });
});
