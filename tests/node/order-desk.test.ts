import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../worker/src/email/smtp-transport.js';
import { deliverOutbox } from '../../worker/src/jobs/deliver-outbox.js';
import { buyer, checkoutHold, createTestShop, MINUTE, type PerformanceInfo, performanceInfo, seatsByZone, sf, tariffOf, type TestShop } from './harness.js';
import { farPerformance, messagesOf, orderByInvoice, useMail } from './invoice-helpers.js';
import { startSmtpServer, type TestSmtpServer } from './mail-helpers.js';

/**
 * The box office's order desk on a real libSQL file: the search box reads a number, a ticket
 * number, an e-mail address or a name, in that order; an order's confirmation or invoice is
 * sent to its buyer again over real SMTP, as the order stands now.
 */
let shop: TestShop;
let smtp: TestSmtpServer;
let transport: ReturnType<typeof smtpTransport>;
let concert: string;
let concertInfo: PerformanceInfo;

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = smtpTransport(smtp.url);
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});
beforeEach(async () => {
  shop = await createTestShop();
  useMail(shop, transport);
  smtp.received.length = 0;
  concert = shop.demo.concertPerformanceIds[0]!;
  concertInfo = await performanceInfo(shop, concert);
});
afterEach(() => shop.close());

interface Bought {
  number: string;
  tickets: { number: string; status: string }[];
}

async function buy(quantity: number, who: Partial<Omit<typeof buyer, 'language'> & { language: 'fr' | 'de' | 'it' | 'en' }> = {}): Promise<Bought> {
  const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariffOf(concertInfo, null, 'Plein tarif').id, quantity }] });
  expect(hold.status).toBe(201);
  const res = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer: { ...buyer, ...who }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
  expect(res.status).toBe(201);
  shop.clock.advance(MINUTE);
  return res.body;
}

async function search(query: string): Promise<{ numbers: string[]; matchedBy: string | null; nextCursor: string | null }> {
  const res = await shop.org('GET', `/api/org/orders?${query}`);
  expect(res.status).toBe(200);
  return { numbers: res.body.orders.map((o: { number: string }) => o.number), matchedBy: res.body.matchedBy, nextCursor: res.body.nextCursor };
}
const q = (text: string, more = '') => search(`q=${encodeURIComponent(text)}${more}`);

describe('the order search box', () => {
  it('finds the order of a ticket number, typed in any case, cancelled tickets included', async () => {
    const order = await buy(2, { email: 'tickets@example.ch' });
    await buy(1, { email: 'other@example.ch' });
    const [first, second] = order.tickets;
    expect(await q(second!.number)).toEqual({ numbers: [order.number], matchedBy: 'ticket_number', nextCursor: null });
    expect((await q(` ${first!.number.toLowerCase()} `)).numbers).toEqual([order.number]);
    const cancelled = await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'tickets', reason: 'Changed plans', ticketNumbers: [first!.number], refundMethod: 'cash' });
    expect(cancelled.status).toBe(201);
    expect((await q(first!.number)).numbers).toEqual([order.number]);
    // The filters still apply to what the number finds.
    expect((await q(first!.number, '&status=cancelled')).numbers).toEqual([]);
    expect((await q('TZZZ-ZZZZ-ZZZZ')).numbers).toEqual([]);
  });

  it('takes a whole e-mail address in any case as that buyer only, not every address containing it', async () => {
    const al = [await buy(1, { name: 'Al Dupont', email: 'Al@Example.ch' }), await buy(1, { name: 'Al Dupont', email: 'al@example.ch' })];
    const hal = await buy(1, { name: 'Hal Meier', email: 'hal@example.ch' });
    expect(await q('AL@EXAMPLE.CH')).toEqual({ numbers: [al[1]!.number, al[0]!.number], matchedBy: 'email', nextCursor: null });
    // A fragment is still a fragment: every address that contains it.
    expect(await q('l@example.ch'.slice(1))).toMatchObject({ numbers: [hal.number, al[1]!.number, al[0]!.number], matchedBy: 'name_or_email' });
    // A whole address nobody ordered with falls back to the fragment reading (and finds nothing here).
    expect(await q('nobody@example.ch')).toEqual({ numbers: [], matchedBy: 'name_or_email', nextCursor: null });
    expect(await q('dupont')).toMatchObject({ numbers: [al[1]!.number, al[0]!.number], matchedBy: 'name_or_email' });
  });

  it('pages through one buyer’s orders by e-mail without the fragment matches leaking into later pages', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.unshift((await buy(1, { email: 'sam@example.ch' })).number);
    await buy(1, { email: 'xsam@example.ch' });
    const first = await q('Sam@example.ch', '&limit=2');
    expect(first).toMatchObject({ numbers: mine.slice(0, 2), matchedBy: 'email' });
    const second = await q('Sam@example.ch', `&limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({ numbers: mine.slice(2), matchedBy: 'email', nextCursor: null });
  });

  it('reads an order number before anything else, even one that is also part of an address', async () => {
    const target = await buy(1);
    const lookalike = await buy(1, { email: `${target.number.toLowerCase()}@example.ch` });
    expect(await q(target.number.toLowerCase())).toEqual({ numbers: [target.number], matchedBy: 'order_number', nextCursor: null });
    expect((await q(`${target.number}@example.ch`)).numbers).toEqual([lookalike.number]);
    expect((await search('')).matchedBy).toBeNull();
  });

  it('looks numbers and addresses up by index, not by reading every order', async () => {
    const plan = async (where: string) => (await shop.sql(`EXPLAIN QUERY PLAN SELECT id FROM orders WHERE ${where}`)).map((r) => String(r.detail)).join(' | ');
    expect(await plan(`shop_id = 'shp_demo' AND lower("orders"."buyer_email") = lower('A@B.CH')`)).toContain('orders_shop_email_lower_idx');
    expect(await plan(`number = 'ABCD-EFGH'`)).toContain('orders_number_uq');
    expect(await plan(`id = (SELECT order_id FROM tickets WHERE number = 'TABC-DEFG-HIJK')`)).toContain('tickets_number_uq');
  });
});

const deliver = () => deliverOutbox(shop.deps.storage.db, { mail: shop.deps.mail!, publicUrl: 'https://tickets.theatre.example', now: shop.deps.now });
const resend = (number: string, kind: string, headers: Record<string, string> = {}) => shop.org('POST', `/api/org/orders/${number}/resend`, { kind }, headers);
const ticketFiles = (mail: { attachments: { filename: string }[] }) => mail.attachments.map((a) => a.filename).filter((f) => f.startsWith('ticket-')).sort();

describe('sending an order’s e-mail again', () => {
  it('sends the confirmation again with the tickets still valid, once per Idempotency-Key, and lists it with the order’s e-mails', async () => {
    const order = await buy(3, { email: 'Resend.Me@example.ch', language: 'de' });
    await deliver();
    expect(smtp.received).toHaveLength(1);
    const [kept, gone, alsoKept] = order.tickets;
    expect((await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'tickets', reason: 'One seat too many', ticketNumbers: [gone!.number], refundMethod: 'cash' })).status).toBe(201);
    await deliver();
    smtp.received.length = 0;

    const res = await resend(order.number, 'order_confirmation', { 'Idempotency-Key': 'resend-1' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'order_confirmation', recipient: 'Resend.Me@example.ch', status: 'pending', attempts: 0, sentAt: null });
    const replay = await resend(order.number, 'order_confirmation', { 'Idempotency-Key': 'resend-1' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(res.body);
    expect((await messagesOf(shop, order.number)).filter((m) => m.kind === 'order_confirmation')).toHaveLength(2);

    await deliver();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['Resend.Me@example.ch']);
    expect(mail.subject).toMatch(/Bestellung|Tickets/i);
    expect(ticketFiles(mail)).toEqual([`ticket-${kept!.number}.png`, `ticket-${alsoKept!.number}.png`].sort());

    const view = await shop.org('GET', `/api/org/orders/${order.number}`);
    const confirmations = view.body.messages.filter((m: { kind: string }) => m.kind === 'order_confirmation');
    expect(confirmations.map((m: { id: string; status: string }) => [m.id === res.body.id, m.status])).toEqual([
      [false, 'sent'],
      [true, 'sent'],
    ]);
  });

  it('refuses a second copy while one is still waiting, and a confirmation for an order without valid tickets', async () => {
    const order = await buy(1);
    const waiting = await resend(order.number, 'order_confirmation');
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.code).toBe('message_pending');
    const original = (await messagesOf(shop, order.number)).find((m) => m.kind === 'order_confirmation')!;
    expect(waiting.body.error.details).toEqual({ messageId: original.id });
    await deliver();
    expect((await resend(order.number, 'order_confirmation')).status).toBe(201);
    expect((await resend(order.number, 'order_confirmation')).body.error.code).toBe('message_pending');
    await deliver();

    expect((await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'order', reason: 'Show moved', refundMethod: 'cash' })).status).toBe(201);
    await deliver();
    const refused = await resend(order.number, 'order_confirmation');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'message_not_resendable', details: { kind: 'order_confirmation', status: 'cancelled' } });
    const noInvoice = await resend(order.number, 'invoice');
    expect(noInvoice.body.error).toMatchObject({ code: 'message_not_resendable', details: { kind: 'invoice', status: 'cancelled' } });
  });

  it('sends an unpaid invoice again with its PDF and current deadline, and no more once it is paid', async () => {
    const { performanceId, seats } = await farPerformance(shop);
    const order = await orderByInvoice(shop, performanceId, seats.slice(0, 2), { ...buyer, email: 'billing@example.ch' });
    expect((await resend(order.number, 'order_confirmation')).body.error).toMatchObject({ code: 'message_not_resendable', details: { status: 'invoiced' } });
    await deliver();
    smtp.received.length = 0;
    expect((await resend(order.number, 'invoice')).status).toBe(201);
    await deliver();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.attachments.map((a) => a.filename)).toEqual([`invoice-${order.number}.pdf`]);
    expect(smtp.received[0]!.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');

    const paid = await shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total });
    expect(paid.status).toBe(201);
    await deliver();
    expect((await resend(order.number, 'invoice')).body.error).toMatchObject({ code: 'message_not_resendable', details: { kind: 'invoice', status: 'paid' } });
    expect((await resend(order.number, 'order_confirmation')).status).toBe(201);
  });

  it('refuses an unknown order, another kind of e-mail, and a malformed number', async () => {
    expect((await resend('ZZZZ-ZZZZ', 'order_confirmation')).body.error.code).toBe('order_not_found');
    const order = await buy(1);
    const wrongKind = await resend(order.number, 'pre_event');
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.code).toBe('invalid_request');
    expect((await resend('nope', 'invoice')).status).toBe(400);
  });
});

describe('the seats a ticket can move to at the counter', () => {
  it('lists the free seats of another date of the event: not held, sold or blocked, one zone on request; a lapsed cart’s seat is free again', async () => {
    const [from, to] = shop.demo.theatrePerformanceIds as [string, string];
    const info = await performanceInfo(shop, to);
    const zones = await seatsByZone(shop, info.planId!);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: from, seats: [{ seatId: zones.C2![0]! }] });
    const order = (await checkoutHold(shop, hold.body.id)).body as Bought;
    const list = async (query: string) => {
      const res = await shop.org('GET', `/api/org/orders/${order.number}/exchange/seats?${query}`);
      expect(res.status).toBe(200);
      return res.body as { seats: { id: number; zoneId: string; section: string; row: string; number: string }[]; truncated: boolean };
    };
    const all = Object.values(zones).flat();
    const everything = await list(`performanceId=${to}`);
    expect(everything.truncated).toBe(false);
    expect(everything.seats.map((s) => s.id).sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));

    const [taken, heldSeat, blocked] = zones.C1!;
    const buyTo = await shop.call('POST', sf('/holds'), { performanceId: to, seats: [{ seatId: taken! }] });
    expect((await checkoutHold(shop, buyTo.body.id)).status).toBe(201);
    expect((await shop.call('POST', sf('/holds'), { performanceId: to, seats: [{ seatId: heldSeat! }] })).status).toBe(201);
    expect((await shop.org('POST', `/api/org/performances/${to}/blocks`, { seatIds: [blocked!] })).status).toBe(200);
    const c1 = info.zones.find((z) => z.code === 'C1')!.id;
    const inC1 = await list(`performanceId=${to}&zoneId=${c1}`);
    expect(inC1.seats.every((s) => s.zoneId === c1)).toBe(true);
    expect(inC1.seats.map((s) => s.id)).toEqual(zones.C1!.filter((id) => ![taken, heldSeat, blocked].includes(id)));
    expect(inC1.seats[0]).toMatchObject({ section: expect.any(String), row: expect.any(String), number: expect.any(String), flags: expect.any(Array) });

    shop.clock.advance(60 * MINUTE);
    expect((await list(`performanceId=${to}&zoneId=${c1}`)).seats.map((s) => s.id)).toContain(heldSeat);

    // Moving the ticket there takes the seat off the list.
    const target = inC1.seats[0]!.id;
    const quote = await shop.org('GET', `/api/org/orders/${order.number}/exchange/quote?ticketNumber=${order.tickets[0]!.number}&performanceId=${to}&seatId=${target}&ignoreDeadline=true`);
    expect(quote.status).toBe(200);
    const moved = await shop.org('POST', `/api/org/orders/${order.number}/exchanges`, {
      ticketNumber: order.tickets[0]!.number,
      performanceId: to,
      seatId: target,
      expectedAmount: quote.body.amountToPay,
      payment: { method: quote.body.amountToPay > 0 ? 'cash' : 'none' },
      ignoreDeadline: true,
    });
    expect(moved.status).toBe(201);
    expect((await list(`performanceId=${to}&zoneId=${c1}`)).seats.map((s) => s.id)).not.toContain(target);
    // The order's page at the counter shows the exchange and where each ticket now is.
    const view = (await shop.org('GET', `/api/org/orders/${order.number}`)).body;
    expect(view.exchanges).toEqual([
      expect.objectContaining({ oldTicketNumber: order.tickets[0]!.number, newTicketNumber: moved.body.ticket.number, fromPerformanceId: from, toPerformanceId: to, actor: 'organizer' }),
    ]);
    expect(view.tickets.map((t: { number: string; status: string; performanceId: string }) => [t.number, t.status, t.performanceId])).toEqual([
      [order.tickets[0]!.number, 'exchanged', from],
      [moved.body.ticket.number, 'valid', to],
    ]);
  });

  it('refuses a performance of another event, and a general-admission one', async () => {
    const order = await buy(1);
    const otherEvent = await shop.org('GET', `/api/org/orders/${order.number}/exchange/seats?performanceId=${shop.demo.theatrePerformanceIds[0]}`);
    expect(otherEvent.status).toBe(404);
    expect(otherEvent.body.error.code).toBe('performance_not_found');
    const ga = await shop.org('GET', `/api/org/orders/${order.number}/exchange/seats?performanceId=${shop.demo.concertPerformanceIds[1]}`);
    expect(ga.status).toBe(400);
    expect(ga.body.error.code).toBe('not_seated');
  });
});
