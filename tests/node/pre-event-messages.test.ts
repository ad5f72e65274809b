import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../db/schema/messaging.js';
import { orders, tickets } from '../../db/schema/orders.js';
import { renderMessage } from '../../worker/src/email/render.js';
import { messageOf } from '../../worker/src/jobs/deliver-outbox.js';
import { createTestShop, sf, type TestShop } from './harness.js';
import { farPerformance, orderByInvoice, runJobs, useMail, zurichDayAt } from './invoice-helpers.js';
import { plainSpaces } from './mail-helpers.js';

const NOW = Date.parse('2031-09-01T08:00:00Z');

describe('the message before the performance', () => {
  let shop: TestShop;
  let performance: { performanceId: string; seats: number[] };
  beforeEach(async () => {
    shop = await createTestShop();
    shop.clock.current = NOW;
    useMail(shop);
    performance = await farPerformance(shop, 6); // 7 September, 20:00 in Zurich
  });
  afterEach(() => shop.close());

  const buy = async (seatId: number, language: 'fr' | 'de' | 'it' | 'en') => {
    const hold = await shop.call('POST', sf('/holds'), { performanceId: performance.performanceId, seats: [{ seatId }] });
    const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), {
      buyer: { name: `Buyer ${language}`, email: `${language}@example.ch`, language },
      payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    });
    expect(order.status).toBe(201);
    return order.body.number as string;
  };
  const preEvent = () => shop.deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'pre_event'));
  const at = async (instant: number) => {
    shop.clock.current = instant;
    return runJobs(shop);
  };

  it('goes out the day before at 10:00 local to every paid order, in its language with the organizer text, once', async () => {
    await buy(performance.seats[0]!, 'fr');
    await buy(performance.seats[1]!, 'de');
    await orderByInvoice(shop, performance.performanceId, [performance.seats[2]!]); // unpaid: no tickets, no message
    await at(zurichDayAt(NOW, 5, 9, 59));
    expect(await preEvent()).toEqual([]);
    const run = await at(zurichDayAt(NOW, 5, 10));
    expect(run.preEventMessages).toBe(2);
    await at(zurichDayAt(NOW, 5, 10, 1));
    await at(zurichDayAt(NOW, 6, 12));
    const messages = await preEvent();
    expect(messages.map((m) => [m.recipient, m.status]).sort()).toEqual([
      ['de@example.ch', 'sent'],
      ['fr@example.ch', 'sent'],
    ]);
    const german = messages.find((m) => m.language === 'de')!;
    const rendered = renderMessage(messageOf(german), { publicUrl: 'https://x.example' });
    expect(rendered.subject).toMatch(/^Bis bald: Le Malade imaginaire, Sonntag, 7\. September 2031 um 20:00$/);
    expect(plainSpaces(rendered.text)).toContain('Die Foyerbar öffnet eine Stunde vor der Vorstellung.');
    expect(rendered.text).toContain('Sie haben 1 Ticket.');
  });

  it('reaches a buyer who pays after the send time, but nobody once the performance has started', async () => {
    await at(zurichDayAt(NOW, 5, 10));
    await buy(performance.seats[3]!, 'it');
    await at(zurichDayAt(NOW, 5, 18));
    expect((await preEvent()).map((m) => m.recipient)).toEqual(['it@example.ch']);
    shop.clock.current = zurichDayAt(NOW, 6, 19, 59);
    await buy(performance.seats[4]!, 'en');
    await at(zurichDayAt(NOW, 6, 20, 1));
    expect((await preEvent()).map((m) => m.recipient)).toEqual(['it@example.ch']);
  });

  it('follows the event settings: off, or two days before at 18:00', async () => {
    await buy(performance.seats[5]!, 'fr');
    const off = await shop.org('PATCH', `/api/org/events/${shop.demo.theatreEventId}`, { preEventMessageEnabled: false });
    expect(off.body.preEventMessageEnabled).toBe(false);
    await at(zurichDayAt(NOW, 5, 10));
    expect(await preEvent()).toEqual([]);

    const on = await shop.org('PATCH', `/api/org/events/${shop.demo.theatreEventId}`, { preEventMessageEnabled: true, preEventDaysBefore: 2, preEventSendHour: 18, preEventMessageText: { fr: 'Entrée par la rue du Port.' } });
    expect(on.body).toMatchObject({ preEventDaysBefore: 2, preEventSendHour: 18, preEventMessageText: { fr: 'Entrée par la rue du Port.' } });
    shop.clock.current = zurichDayAt(NOW, 4, 17, 59);
    await runJobs(shop);
    expect(await preEvent()).toEqual([]);
    await at(zurichDayAt(NOW, 4, 18));
    const [message] = await preEvent();
    expect(message?.payload.text).toBe('Entrée par la rue du Port.');
    const bad = await shop.org('PATCH', `/api/org/events/${shop.demo.theatreEventId}`, { preEventSendHour: 24 });
    expect(bad.status).toBe(400);
  });

  it('follows a ticket exchanged onto another date: no message for the old date, one for the new', async () => {
    const later = await farPerformance(shop, 9); // 10 September
    const number = await buy(performance.seats[7]!, 'en');
    const view = await shop.org('GET', `/api/org/orders/${number}`);
    const ticketNumber = view.body.tickets[0].number as string;
    const choice = { ticketNumber, performanceId: later.performanceId, seatId: later.seats[0]! };
    const quote = await shop.org('GET', `/api/org/orders/${number}/exchange/quote?ticketNumber=${ticketNumber}&performanceId=${later.performanceId}&seatId=${later.seats[0]}&waiveFee=true`);
    expect(quote.status).toBe(200);
    const exchanged = await shop.org('POST', `/api/org/orders/${number}/exchanges`, { ...choice, expectedAmount: quote.body.amountToPay, waiveFee: true, payment: { method: 'none' } });
    expect(exchanged.status).toBe(201);

    await at(zurichDayAt(NOW, 5, 10));
    expect(await preEvent()).toEqual([]);
    await at(zurichDayAt(NOW, 8, 10));
    await at(zurichDayAt(NOW, 8, 10, 1));
    const messages = await preEvent();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ recipient: 'en@example.ch', dedupeKey: expect.stringContaining(later.performanceId) });
    expect(renderMessage(messageOf(messages[0]!), { publicUrl: 'https://x.example' }).subject).toContain('10 September 2031');
  });

  it('skips an order whose tickets were all cancelled', async () => {
    const number = await buy(performance.seats[6]!, 'fr');
    // Single-ticket cancellation comes with the exchange issue; the job must already cope with it.
    const [order] = await shop.deps.storage.db.select().from(orders).where(eq(orders.number, number));
    await shop.deps.storage.db.update(tickets).set({ status: 'cancelled' }).where(eq(tickets.orderId, order!.id));
    await at(zurichDayAt(NOW, 5, 10));
    expect(await preEvent()).toEqual([]);
    expect((await shop.deps.storage.db.select().from(orders).where(eq(orders.id, order!.id)))[0]!.preEventQueuedAt).toBe(zurichDayAt(NOW, 5, 10));
  });
});
