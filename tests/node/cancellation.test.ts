import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, codeUses, giftVouchers } from '../../db/schema/codes.js';
import { outboxMessages } from '../../db/schema/messaging.js';
import { orderCancellations, payments, tickets } from '../../db/schema/orders.js';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import type { Language, OrderFacts } from '../../worker/src/email/messages.js';
import { renderMessage } from '../../worker/src/email/render.js';
import { smtpTransport } from '../../worker/src/email/smtp-transport.js';
import { deliverOutbox } from '../../worker/src/jobs/deliver-outbox.js';
import { simulatedCard } from '../../worker/src/payments/simulated-card.js';
import { availability, checkoutHold, createTestShop, seatsByZone, performanceInfo, sf, type TestShop } from './harness.js';
import { farPerformance, orderByInvoice, orderRow, useMail } from './invoice-helpers.js';
import { plainSpaces, startSmtpServer, type TestSmtpServer } from './mail-helpers.js';

/**
 * Staff cancelling orders and tickets through the organizer API, on a real libSQL file:
 * seats back on sale, tickets refused at the door, refunds within what was paid, the
 * buyer's notice sent once over real SMTP, and the records kept for accounting.
 */
let shop: TestShop;
let smtp: TestSmtpServer;
let transport: ReturnType<typeof smtpTransport>;
let theatre: string;
let seats: number[];
let nextSeat = 0;

beforeAll(async () => {
  smtp = await startSmtpServer();
  shop = await createTestShop();
  transport = smtpTransport(smtp.url);
  useMail(shop, transport);
  theatre = shop.demo.theatrePerformanceIds[1]!;
  const info = await performanceInfo(shop, theatre);
  seats = (await seatsByZone(shop, info.planId!)).C2!;
});
afterAll(async () => {
  transport.close();
  shop.close();
  await smtp.close();
});

interface OrderView {
  number: string;
  status: string;
  total: number;
  tickets: { number: string; seatId: number; status: string; qrPayload: string; price: number }[];
}

/** A paid card order of `count` fresh seats of the theatre performance. */
async function paidOrder(count: number): Promise<OrderView> {
  const chosen = seats.slice(nextSeat, nextSeat + count);
  nextSeat += count;
  const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: chosen.map((seatId) => ({ seatId })) });
  expect(hold.status).toBe(201);
  const order = await checkoutHold(shop, hold.body.id);
  expect(order.status).toBe(201);
  return order.body;
}

const cancel = (number: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  shop.org('POST', `/api/org/orders/${number}/cancellations`, { reason: 'Buyer is ill', ...body }, headers);
const scan = (code: string) => shop.org('POST', '/api/org/checkins', { code });
const soldSeats = async () => decodeSeatRanges((await availability(shop, theatre)).sold ?? '');
const holdSeats = (seatIds: number[]) => shop.call('POST', sf('/holds'), { performanceId: theatre, seats: seatIds.map((seatId) => ({ seatId })) });
const deliver = () => deliverOutbox(shop.deps.storage.db, { mail: shop.deps.mail!, publicUrl: 'https://tickets.theatre.example', now: shop.deps.now });

describe('cancelling a paid card order', () => {
  it('cancels it whole: tickets refused at the door, seats on sale again, card refunded, commission kept', async () => {
    const order = await paidOrder(2);
    // The platform's commission is written at checkout; it must survive the cancellation.
    await shop.deps.storage.db.update(tickets).set({ commission: 150 }).where(eq(tickets.number, order.tickets[0]!.number));
    const before = await availability(shop, theatre);

    const res = await cancel(order.number, { scope: 'order', refundMethod: 'card_refund' });
    expect(res.status).toBe(201);
    expect(res.body.order.status).toBe('cancelled');
    expect(res.body.order.tickets.map((t: { status: string }) => t.status)).toEqual(['cancelled', 'cancelled']);
    expect(res.body.cancellation).toMatchObject({
      scope: 'order',
      orderNumber: order.number,
      ticketCount: 2,
      reason: 'Buyer is ill',
      actor: { kind: 'organizer', tokenId: expect.stringMatching(/^tok_|^[a-z]+_/) },
      // Default: what the tickets cost (no service fee, no insurance).
      refund: { method: 'card_refund', amount: order.tickets[0]!.price + order.tickets[1]!.price, status: 'refunded', reference: expect.stringMatching(/^simr_/) },
      commission: 150,
    });
    expect(res.body.cancellation.tickets.sort()).toEqual(order.tickets.map((t) => t.number).sort());

    const refunds = await shop.deps.storage.db.select().from(payments).where(eq(payments.cancellationId, res.body.cancellation.id));
    expect(refunds).toMatchObject([{ kind: 'refund', status: 'refunded', amount: res.body.cancellation.refund.amount, provider: 'simulated_card' }]);
    const [ticket] = await shop.deps.storage.db.select().from(tickets).where(eq(tickets.number, order.tickets[0]!.number));
    expect([ticket!.status, ticket!.commission]).toEqual(['cancelled', 150]);

    for (const t of order.tickets) expect((await scan(t.qrPayload)).body.error.code).toBe('ticket_cancelled');
    expect(await soldSeats()).not.toEqual(expect.arrayContaining([order.tickets[0]!.seatId]));
    expect((await availability(shop, theatre)).version).not.toBe(before.version);
    const again = await holdSeats(order.tickets.map((t) => t.seatId));
    expect(again.status).toBe(201);
    await shop.call('DELETE', sf(`/holds/${again.body.id}`));

    const twice = await cancel(order.number, { scope: 'order', refundMethod: 'none' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'order_already_cancelled']);
  });

  it('cancels chosen tickets: the others still admit, the order stays paid, and refunds stay within what was paid', async () => {
    const order = await paidOrder(3);
    const [first, second, third] = order.tickets;
    const res = await cancel(order.number, { scope: 'tickets', ticketNumbers: [second!.number.toLowerCase()], refundMethod: 'cash' });
    expect(res.status).toBe(201);
    expect(res.body.order.status).toBe('paid');
    expect(res.body.order.tickets.map((t: { number: string; status: string }) => [t.number, t.status])).toEqual([
      [first!.number, 'valid'],
      [second!.number, 'cancelled'],
      [third!.number, 'valid'],
    ]);
    expect(res.body.cancellation).toMatchObject({ scope: 'tickets', tickets: [second!.number], refund: { method: 'cash', amount: second!.price, status: 'recorded' } });

    expect((await scan(second!.qrPayload)).body.error.code).toBe('ticket_cancelled');
    expect((await scan(first!.qrPayload)).body.result).toBe('admitted');
    const sold = await soldSeats();
    expect(sold).toEqual(expect.arrayContaining([first!.seatId, third!.seatId]));
    expect(sold).not.toContain(second!.seatId);
    const rebuy = await holdSeats([second!.seatId]);
    expect(rebuy.status).toBe(201);
    await shop.call('DELETE', sf(`/holds/${rebuy.body.id}`));

    // The same ticket again, a ticket of another order, and more money than is left.
    expect((await cancel(order.number, { scope: 'tickets', ticketNumbers: [second!.number], refundMethod: 'none' })).body.error.code).toBe('ticket_not_cancellable');
    const other = await paidOrder(1);
    expect((await cancel(order.number, { scope: 'tickets', ticketNumbers: [other.tickets[0]!.number], refundMethod: 'none' })).body.error.code).toBe('ticket_not_in_order');
    const tooMuch = await cancel(order.number, { scope: 'tickets', ticketNumbers: [third!.number], refundMethod: 'bank_transfer', refundAmount: order.total });
    expect([tooMuch.status, tooMuch.body.error.code, tooMuch.body.error.details.refundable]).toEqual([409, 'refund_exceeds_paid', order.total - second!.price]);
    expect((await cancel(order.number, { scope: 'tickets', refundMethod: 'none' })).body.error.code).toBe('tickets_required');

    // Cancelling the last valid tickets cancels the order.
    const rest = await cancel(order.number, { scope: 'tickets', ticketNumbers: [first!.number, third!.number], refundMethod: 'none' });
    expect(rest.status).toBe(201);
    expect(rest.body.order.status).toBe('cancelled');
    const view = await shop.org('GET', `/api/org/orders/${order.number}`);
    expect(view.body.cancellations.map((c: { scope: string; ticketCount: number }) => [c.scope, c.ticketCount])).toEqual([
      ['tickets', 1],
      ['tickets', 2],
    ]);
  });

  it('lets one of two staff cancelling the same ticket at once win; the other gets a clear 409', async () => {
    const order = await paidOrder(2);
    const ticket = order.tickets[0]!.number;
    const results = await Promise.all([1, 2].map(() => cancel(order.number, { scope: 'tickets', ticketNumbers: [ticket], refundMethod: 'cash' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toMatch(/^ticket_not_cancellable$/);
    const rows = await shop.deps.storage.db.select().from(orderCancellations).where(eq(orderCancellations.orderId, (await orderRow(shop, order.number)).id));
    expect(rows).toHaveLength(1);
  });

  it('never refunds more than was paid, even when two refunds are recorded at once', async () => {
    const order = await paidOrder(2);
    const [a, b] = order.tickets;
    const most = Math.floor(order.total * 0.6);
    const results = await Promise.all([
      cancel(order.number, { scope: 'tickets', ticketNumbers: [a!.number], refundMethod: 'bank_transfer', refundAmount: most }),
      cancel(order.number, { scope: 'tickets', ticketNumbers: [b!.number], refundMethod: 'card_refund', refundAmount: most }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('refund_exceeds_paid');
    const row = await orderRow(shop, order.number);
    const recorded = await shop.deps.storage.db.select().from(orderCancellations).where(eq(orderCancellations.orderId, row.id));
    expect(recorded.reduce((sum, c) => sum + c.refundAmount, 0)).toBe(most);
  });

  it('keeps the cancellation when the card refund fails, and refunds once on retry', async () => {
    const order = await paidOrder(1);
    shop.deps.payments.simulated_card = { ...simulatedCard, refund: async () => ({ status: 'failed', code: 'processor_unavailable', message: 'Try again later.' }) };
    const res = await cancel(order.number, { scope: 'order', refundMethod: 'card_refund' });
    expect(res.status).toBe(201);
    expect(res.body.order.status).toBe('cancelled');
    expect(res.body.cancellation.refund).toMatchObject({ status: 'failed', failure: 'processor_unavailable', reference: null });
    const id = res.body.cancellation.id;
    const stillFailing = await shop.org('POST', `/api/org/cancellations/${id}/refund`);
    expect([stillFailing.status, stillFailing.body.error.code]).toEqual([402, 'refund_failed']);

    shop.deps.payments.simulated_card = simulatedCard;
    const retried = await shop.org('POST', `/api/org/cancellations/${id}/refund`);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ status: 'refunded', reference: expect.stringMatching(/^simr_/) });
    expect((await shop.org('POST', `/api/org/cancellations/${id}/refund`)).body.error.code).toBe('already_refunded');
    const list = await shop.org('GET', '/api/org/cancellations?limit=10');
    expect(list.body.cancellations.find((c: { id: string }) => c.id === id).refund).toMatchObject({ status: 'refunded', failure: null, reference: retried.body.reference });
    const rows = await shop.deps.storage.db.select().from(payments).where(eq(payments.cancellationId, id));
    expect(rows.map((p) => p.status).sort()).toEqual(['declined', 'declined', 'refunded']);
  });

  it('refunds with a voucher the buyer can use in the cart', async () => {
    const order = await paidOrder(1);
    const res = await cancel(order.number, { scope: 'order', refundMethod: 'voucher', refundAmount: 3000 });
    expect(res.status).toBe(201);
    const code = res.body.cancellation.refund.voucherCode as string;
    expect(code).toMatch(/^R[0-9A-Z]{16}$/);
    const [voucher] = await shop.deps.storage.db.select().from(giftVouchers).where(eq(giftVouchers.code, code));
    expect(voucher).toMatchObject({ initialAmount: 3000, source: 'refund', refundOfOrderId: (await orderRow(shop, order.number)).id, status: 'active' });
    expect(await shop.deps.storage.db.select().from(codes).where(eq(codes.code, code))).toMatchObject([{ kind: 'voucher', refId: voucher!.id }]);

    // A new buyer's cart takes it as payment.
    const hold = await holdSeats([seats[nextSeat++]!]);
    const applied = await shop.call('POST', sf(`/holds/${hold.body.id}/codes`), { code });
    expect(applied.status).toBe(200);
    expect(applied.body.paidByVouchers).toBe(3000);
    await shop.call('DELETE', sf(`/holds/${hold.body.id}`));
  });

  it('sends the buyer one notice, in their language, however often the outbox runs', async () => {
    const order = await paidOrder(2);
    const res = await cancel(order.number, { scope: 'tickets', ticketNumbers: [order.tickets[1]!.number], refundMethod: 'voucher', messageToBuyer: 'Nous sommes désolés.' }, { 'Idempotency-Key': 'cancel-once-1' });
    expect(res.status).toBe(201);
    const replay = await cancel(order.number, { scope: 'tickets', ticketNumbers: [order.tickets[1]!.number], refundMethod: 'voucher', messageToBuyer: 'Nous sommes désolés.' }, { 'Idempotency-Key': 'cancel-once-1' });
    expect(replay.body.cancellation.id).toBe(res.body.cancellation.id);
    await deliver();
    await deliver();
    const notices = smtp.received.filter((m) => m.subject === `Billets annulés dans la commande ${order.number}`);
    expect(notices).toHaveLength(1);
    const text = plainSpaces(notices[0]!.text);
    expect(text).toContain('L’organisateur a annulé un billet de votre commande');
    expect(text).toContain(order.tickets[1]!.number);
    expect(text).not.toContain(order.tickets[0]!.number);
    expect(text).toContain('Nous sommes désolés.');
    expect(text).not.toContain('Buyer is ill');
    expect(text).toContain(res.body.cancellation.refund.voucherCode.match(/.{1,4}/g).join('-'));
    const queued = await shop.deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'tickets_cancelled'));
    expect(queued.filter((m) => m.dedupeKey === `tickets_cancelled:${res.body.cancellation.id}`)).toHaveLength(1);
  });

  it('queues nothing when the buyer is not to be told', async () => {
    const order = await paidOrder(1);
    const res = await cancel(order.number, { scope: 'order', refundMethod: 'none', notifyBuyer: false });
    expect(res.status).toBe(201);
    const queued = await shop.deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `tickets_cancelled:${res.body.cancellation.id}`));
    expect(queued).toEqual([]);
  });
});

describe('cancelling an unpaid invoice order', () => {
  it('is whole only and refunds nothing; its seats go back on sale', async () => {
    const far = await farPerformance(shop, 60);
    const order = await orderByInvoice(shop, far.performanceId, far.seats.slice(0, 2));
    const partial = await cancel(order.number, { scope: 'tickets', ticketNumbers: ['TAAA-BBBB-CCCC'], refundMethod: 'none' });
    expect([partial.status, partial.body.error.code]).toEqual([409, 'invoice_order_whole_only']);
    const refund = await cancel(order.number, { scope: 'order', refundMethod: 'cash', refundAmount: 100 });
    expect([refund.status, refund.body.error.code]).toEqual([409, 'refund_not_possible']);

    const res = await cancel(order.number, { scope: 'order', refundMethod: 'none', messageToBuyer: 'Please order again.' });
    expect(res.status).toBe(201);
    expect(res.body.order.status).toBe('cancelled');
    expect(res.body.cancellation).toMatchObject({ scope: 'order', ticketCount: 0, refund: { method: 'none', amount: 0, status: 'none' } });
    const sold = decodeSeatRanges((await availability(shop, far.performanceId)).sold ?? '');
    expect(sold).not.toContain(far.seats[0]);
    const rebuy = await shop.call('POST', sf('/holds'), { performanceId: far.performanceId, seats: far.seats.slice(0, 2).map((seatId) => ({ seatId })) });
    expect(rebuy.status).toBe(201);
    const queued = await shop.deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `tickets_cancelled:${res.body.cancellation.id}`));
    expect(queued).toHaveLength(1);
    await deliver();
    const notice = smtp.received.find((m) => m.subject === `Commande ${order.number} annulée`);
    expect(plainSpaces(notice!.text)).toContain('Vous ne devez rien pour cette commande.');
    expect(plainSpaces(notice!.text)).toContain('Please order again.');
  });
});

describe('cancellations for accounting', () => {
  it('lists them newest first with paging, and exports a period as CSV with quoted fields', async () => {
    const order = await paidOrder(1);
    shop.clock.advance(60_000); // the newest of all
    const res = await cancel(order.number, { scope: 'order', refundMethod: 'bank_transfer', reason: 'Show moved, "late" refund, see mail\nline 2' });
    expect(res.status).toBe(201);

    const first = await shop.org('GET', '/api/org/cancellations?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.cancellations).toHaveLength(1);
    expect(first.body.cancellations[0].id).toBe(res.body.cancellation.id);
    expect(first.body.nextCursor).toMatch(/^\d+\.ocx_/);
    const second = await shop.org('GET', `/api/org/cancellations?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.cancellations[0].id).not.toBe(res.body.cancellation.id);
    expect((await shop.org('GET', '/api/org/cancellations?cursor=nope')).status).toBe(400);

    const today = new Date(shop.clock.now()).toISOString().slice(0, 10);
    const csv = await shop.org('GET', `/api/org/cancellations.csv?from=${today}&to=${today}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="cancellations-${today}-${new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}.csv"`);
    const text = csv.body as string;
    expect(text.startsWith('cancelled_at,cancellation_id,actor,token,order_number,scope,ticket_count,tickets,refund_method,refund_amount,currency,refund_status,refund_reference,voucher_code,commission,reason\r\n')).toBe(true);
    expect(text).toContain(`,${order.number},order,1,${order.tickets[0]!.number},bank_transfer,${(order.tickets[0]!.price / 100).toFixed(2)},CHF,recorded,,,0.00,"Show moved, ""late"" refund, see mail\nline 2"\r\n`);
    const lines = text.trimEnd().split('\r\n');
    expect(lines.length).toBeGreaterThan(5);

    const empty = await shop.org('GET', '/api/org/cancellations.csv?from=2000-01-01&to=2000-01-02');
    expect((empty.body as string).split('\r\n').filter(Boolean)).toHaveLength(1);
    expect((await shop.org('GET', '/api/org/cancellations.csv?from=yesterday')).status).toBe(400);
  });
});

describe('codes given back by a cancellation', () => {
  /** A card order of fresh seats with codes typed into the cart. */
  async function orderWithCodes(count: number, typed: string[], payment?: Record<string, unknown>) {
    const hold = await holdSeats(seats.slice(nextSeat, nextSeat + count));
    nextSeat += count;
    expect(hold.status).toBe(201);
    for (const code of typed) expect((await shop.call('POST', sf(`/holds/${hold.body.id}/codes`), { code })).status).toBe(200);
    const order = await checkoutHold(shop, hold.body.id, payment);
    expect(order.status).toBe(201);
    return { order: order.body as OrderView, row: await orderRow(shop, order.body.number) };
  }
  const usesOf = (orderId: string) => shop.deps.storage.db.select().from(codeUses).where(eq(codeUses.orderId, orderId));

  it('gives a pass its seat back when the ticket it booked is cancelled', async () => {
    const { order, row } = await orderWithCodes(2, ['pass-demo-2026']);
    const [passTicket] = await shop.deps.storage.db.select().from(tickets).where(eq(tickets.passId, shop.demo.codes.passId));
    expect(passTicket!.orderId).toBe(row.id);
    expect(await usesOf(row.id)).toMatchObject([{ kind: 'pass', state: 'used', tickets: 1 }]);

    const res = await cancel(order.number, { scope: 'tickets', ticketNumbers: [passTicket!.number], refundMethod: 'none' });
    expect(res.status).toBe(201);
    // Nothing was paid for the pass-booked seat, so nothing is refunded by default either.
    expect(await usesOf(row.id)).toMatchObject([{ kind: 'pass', state: 'released', tickets: 0 }]);
    // The pass books a seat of this performance again.
    const again = await orderWithCodes(1, ['PASSDEMO2026'], { method: 'free' });
    expect(again.row.total).toBe(0);
    expect(await usesOf(again.row.id)).toMatchObject([{ kind: 'pass', state: 'used', tickets: 1 }]);
  });

  it('gives a gift voucher its balance back when the order it paid is cancelled whole, and refunds only the rest', async () => {
    const { order, row } = await orderWithCodes(3, ['CADEAU100DEMO']);
    expect(row.paidByVouchers).toBe(Math.min(10000, row.total));
    const res = await cancel(order.number, { scope: 'order', refundMethod: 'card_refund' });
    expect(res.status).toBe(201);
    const net = order.tickets.reduce((sum, t) => sum + t.price, 0);
    expect(res.body.cancellation.refund).toMatchObject({ amount: net - row.paidByVouchers, status: 'refunded' });
    expect(await usesOf(row.id)).toMatchObject([{ kind: 'voucher', state: 'released' }]);
    // Its whole value pays another order.
    const again = await orderWithCodes(3, ['CADEAU100DEMO']);
    expect(again.row.paidByVouchers).toBe(10000);
  });
});

describe('the cancellation notice', () => {
  const facts: OrderFacts = {
    shopId: 'shp_demo',
    shopName: 'Théâtre du Lac',
    timeZone: 'Europe/Zurich',
    orderNumber: 'K3F9-7QXM',
    orderSecret: 'v3k9q2m7xh3pa4k9q2m7xh3pa4',
    buyerName: 'Zoé <b>&</b>',
    currency: 'CHF',
    total: 13600,
    lines: [],
    eventTitle: 'Le Malade imaginaire',
    eventSubtitle: '',
    startsAt: Date.parse('2026-12-14T19:00:00Z'),
    doorsAt: null,
    venueName: 'Théâtre du Lac',
    venueAddress: '',
    orderPageUrl: null,
  };
  const expected: Record<Language, [subject: string, refund: string, insurance: RegExp]> = {
    fr: ['Billets annulés dans la commande K3F9-7QXM', 'Vous recevez un bon d’une valeur de 68.00 CHF', /assurance annulation/],
    de: ['Tickets der Bestellung K3F9-7QXM storniert', 'Sie erhalten einen Gutschein über CHF 68.00', /Annullierungsversicherung/],
    it: ['Biglietti annullati nell’ordine K3F9-7QXM', 'Riceve un buono del valore di CHF 68.00', /assicurazione annullamento/],
    en: ['Tickets cancelled in order K3F9-7QXM', 'You receive a voucher worth CHF 68.00', /cancellation insurance/],
  };
  for (const language of ['fr', 'de', 'it', 'en'] as const) {
    it(`names the tickets, the refund voucher and the insurer in ${language}, escaping what staff wrote`, () => {
      const rendered = renderMessage(
        {
          kind: 'tickets_cancelled',
          language,
          payload: {
            order: facts,
            wholeOrder: false,
            tickets: [{ number: 'TAF9-22JT-N7PZ', seatLabel: 'Parterre, rang 3, place 7', tariffName: 'Plein tarif' }],
            note: 'Représentation <annulée>',
            refund: { method: 'voucher', amount: 6800, voucher: { code: 'R7KQMT3WA9CDE4FGH', expiresAt: Date.parse('2028-11-26T12:00:00Z') } },
            insured: true,
            insurer: { name: 'Assurance Annulation Démo SA', contact: 'sinistres@assurance.example' },
          },
        },
        { publicUrl: 'https://tickets.example' },
      );
      const [subject, refund, insurance] = expected[language];
      expect(rendered.subject).toBe(subject);
      const text = plainSpaces(rendered.text);
      expect(text).toContain(plainSpaces(refund));
      expect(text).toContain('R7KQ-MT3W-A9CD-E4FG-H');
      expect(text).toContain('TAF9-22JT-N7PZ');
      expect(text).toMatch(insurance);
      expect(text).toContain('sinistres@assurance.example');
      expect(rendered.html).toContain('Représentation &lt;annulée&gt;');
      expect(rendered.html).not.toContain('<b>&</b>');
    });
  }
});
