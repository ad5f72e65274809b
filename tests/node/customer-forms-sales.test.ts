import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type StripeSettings, stripeSettingsFrom } from '../../worker/src/payments/stripe/settings.js';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { type RunningStripeStandIn, startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { farPerformance } from './invoice-helpers.js';
import { buyer, createTestShop, GOOD_CARD, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

/** Answers through the slower sales: Stripe (settled in another request), invoices (paid later), exchanges, and the order CSV. */

let stripeServer: RunningStripeStandIn;
let shop: TestShop;

beforeAll(async () => {
  stripeServer = await startStripeStandIn();
});
afterAll(() => stripeServer.close());
afterEach(async () => {
  await assertLedgerIntact(shop.sql);
  shop.close();
  stripeServer.standIn.reset();
});

const stripeSettings = (): StripeSettings =>
  stripeSettingsFrom(
    {
      STRIPE_SECRET_KEY: 'sk_test_platform',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_platform',
      STRIPE_WEBHOOK_SECRET: 'whsec_test_platform',
      STRIPE_API_HOST: stripeServer.host,
      STRIPE_API_PORT: String(stripeServer.port),
      STRIPE_API_PROTOCOL: 'http',
    },
    'node',
  )!;

async function theatreShop() {
  shop = await createTestShop({ stripe: stripeSettings() });
  const performanceId = shop.demo.theatrePerformanceIds[0]!;
  const info = await performanceInfo(shop, performanceId);
  const seats = (await seatsByZone(shop, info.planId!)).C2!;
  const eventId = shop.demo.theatreEventId;
  const name = (await shop.org('POST', `/api/org/events/${eventId}/questions`, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom du spectateur', en: 'Name' } })).body.id as string;
  const diet = (
    await shop.org('POST', `/api/org/events/${eventId}/questions`, {
      scope: 'order',
      kind: 'choice',
      label: { fr: 'Régime, "entracte"' },
      options: [{ id: 'none', label: { fr: 'Aucun' } }, { id: 'vegan', label: { fr: '=Végane' } }],
    })
  ).body.id as string;
  return { performanceId, seats, name, diet };
}

const hold = async (performanceId: string, seatIds: number[]) => {
  const res = await shop.call('POST', sf('/holds'), { performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const staffAnswers = async (number: string) => (await shop.org('GET', `/api/org/orders/${number}`)).body.answers as {
  order: { text: string }[];
  tickets: { slot: string; ticketId: string | null; ticketNumber: string | null; answers: { text: string }[] }[];
};

describe('answers through every way a sale completes', () => {
  it('Stripe: stored with the pending order (a retried checkout replaces them), linked to the tickets when the payment settles', async () => {
    const { performanceId, seats, name, diet } = await theatreShop();
    const [a, b] = [seats[0]!, seats[1]!];
    const holdId = await hold(performanceId, [a, b]);
    const answers = (first: string) => ({ order: { [diet]: 'vegan' }, tickets: [{ slot: `seat:${a}`, answers: { [name]: first } }, { slot: `seat:${b}`, answers: { [name]: 'Bruno' } }] });
    const first = await shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer, payment: { method: 'stripe' }, answers: answers('Anna') });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const pending = await staffAnswers(first.body.number);
    expect(pending.tickets.map((t) => [t.slot, t.ticketId, t.answers[0]!.text])).toEqual([
      [`seat:${a}`, null, 'Anna'],
      [`seat:${b}`, null, 'Bruno'],
    ]);
    // The buyer corrects a name and checks out again: the order's answers are the new ones.
    const again = await shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer, payment: { method: 'stripe' }, answers: answers('Anne') });
    expect(again.body.number).toBe(first.body.number);
    expect((await staffAnswers(first.body.number)).tickets[0]!.answers[0]!.text).toBe('Anne');

    const pi = again.body.stripe.paymentIntentId as string;
    stripeServer.standIn.pay(pi, { method: 'card' });
    const back = await shop.call('POST', sf(`/orders/${first.body.number}/stripe-return`), { paymentIntentId: pi }, { 'X-Order-Secret': first.body.secret });
    expect(back.body.status).toBe('paid');
    const settled = await staffAnswers(first.body.number);
    const ticketSeats = await shop.sql(`SELECT id, number, seat_id FROM tickets WHERE order_id = (SELECT id FROM orders WHERE number = '${first.body.number}')`);
    for (const t of settled.tickets) {
      const ticket = ticketSeats.find((row) => row.id === t.ticketId)!;
      expect(`seat:${ticket.seat_id}`).toBe(t.slot);
      expect(t.ticketNumber).toBe(ticket.number);
    }
    expect(settled.order.map((x) => x.text)).toEqual(['=Végane']);
  });

  it('invoice: answers wait for the tickets and join them when the payment is recorded; an exchange keeps them', async () => {
    const { seats, name, diet } = await theatreShop();
    const far = await farPerformance(shop);
    const holdId = await hold(far.performanceId, [far.seats[4]!]);
    const placed = await shop.call('POST', sf(`/holds/${holdId}/checkout`), {
      buyer,
      payment: { method: 'invoice' },
      answers: { order: { [diet]: 'none' }, tickets: [{ slot: `seat:${far.seats[4]}`, answers: { [name]: 'Inès' } }] },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.status).toBe('invoiced');
    expect((await staffAnswers(placed.body.number)).tickets[0]).toMatchObject({ ticketId: null, answers: [{ text: 'Inès' }] });

    // The CSV lists the unpaid order's ticket-to-be with its answers.
    const beforePaid = await csvOf(`/api/org/orders.csv?eventId=${shop.demo.theatreEventId}`);
    expect(beforePaid[1]).toMatchObject({ order_number: placed.body.number, order_status: 'invoiced', ticket_number: '', 'Nom du spectateur': 'Inès', 'Régime, "entracte"': 'Aucun' });

    const paid = await shop.org('POST', `/api/org/orders/${placed.body.number}/payments`, { method: 'bank_transfer', amount: placed.body.total });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const linked = (await staffAnswers(placed.body.number)).tickets[0]!;
    expect(linked.ticketNumber).toMatch(/^T/);

    // Staff exchange the ticket for a seat of another date: the new ticket has the answers.
    const to = shop.demo.theatrePerformanceIds[1]!;
    const quote = await shop.org('GET', `/api/org/orders/${placed.body.number}/exchange/quote?ticketNumber=${linked.ticketNumber}&performanceId=${to}&seatId=${seats[7]}&ignoreDeadline=true&waiveFee=true`);
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    const exchanged = await shop.org('POST', `/api/org/orders/${placed.body.number}/exchanges`, {
      ticketNumber: linked.ticketNumber,
      performanceId: to,
      seatId: seats[7],
      expectedAmount: quote.body.amountToPay,
      payment: { method: 'cash' },
      ignoreDeadline: true,
      waiveFee: true,
    });
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(201);
    const moved = (await staffAnswers(placed.body.number)).tickets[0]!;
    expect(moved.ticketNumber).not.toBe(linked.ticketNumber);
    expect(moved.answers.map((x) => x.text)).toEqual(['Inès']);
    const [newTicket] = await shop.sql(`SELECT status, replaces_ticket_id FROM tickets WHERE number = '${moved.ticketNumber}'`);
    expect(newTicket).toEqual({ status: 'valid', replaces_ticket_id: linked.ticketId });
  });

  it('the order CSV: one row per ticket, a column per question, formulas neutralized, filtered like the search', async () => {
    const { performanceId, seats, name, diet } = await theatreShop();
    const holdId = await hold(performanceId, [seats[2]!, seats[3]!]);
    const order = await shop.call('POST', sf(`/holds/${holdId}/checkout`), {
      buyer: { ...buyer, name: '=cmd|calc' },
      payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
      answers: { order: { [diet]: 'vegan' }, tickets: [{ slot: `seat:${seats[2]}`, answers: { [name]: 'Léa, "la grande"' } }, { slot: `seat:${seats[3]}`, answers: { [name]: '+41 Tom' } }] },
    });
    expect(order.status).toBe(201);
    // An order of another event, without questions.
    const concert = shop.demo.concertPerformanceIds[0]!;
    const info = await performanceInfo(shop, concert);
    const ga = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: info.tariffs[0]!.id, quantity: 1 }] });
    const other = await shop.call('POST', sf(`/holds/${ga.body.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(other.status).toBe(201);

    const res = await shop.org('GET', `/api/org/orders.csv?eventId=${shop.demo.theatreEventId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await textOf(`/api/org/orders.csv?eventId=${shop.demo.theatreEventId}`);
    const [head, ...lines] = text.split('\r\n').filter((l) => l !== '');
    expect(head).toBe(
      'order_number,order_status,channel,buyer_name,buyer_email,event,performance_starts_at,ticket_number,ticket_status,tariff,seat,price,currency,Nom du spectateur,"Régime, ""entracte"""',
    );
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith(`${order.body.number},paid,online,'=cmd|calc,alice.martin@example.ch,`))).toBe(true);
    expect(lines.some((l) => l.endsWith(',CHF,"Léa, ""la grande""",\'=Végane'))).toBe(true);
    expect(lines.some((l) => l.endsWith(",CHF,'+41 Tom,'=Végane"))).toBe(true);

    // Every order of the shop: both events' questions, prefixed by the event; the concert's row leaves them empty.
    const all = await csvOf('/api/org/orders.csv');
    expect(all).toHaveLength(4);
    const play = all.find((r) => r.order_number === order.body.number)!.event!;
    expect(Object.keys(all[0]!).slice(13)).toEqual([`${play}: Nom du spectateur`, `${play}: Régime, "entracte"`]);
    const concertRow = all.slice(1).find((r) => r.order_number === other.body.number)!;
    expect(concertRow.ticket_number).toMatch(/^T/);
    expect(Object.values(concertRow).slice(13)).toEqual(['', '']);

    // The search's filters apply: by buyer name, by status.
    expect(await csvOf(`/api/org/orders.csv?q=${encodeURIComponent(order.body.number)}`)).toHaveLength(3);
    expect(await csvOf('/api/org/orders.csv?status=cancelled')).toHaveLength(1);
  });
});

async function textOf(path: string) {
  const res = await shop.org('GET', path);
  expect(res.status).toBe(200);
  return String(res.body).replace(/^\uFEFF/, '');
}

/** A small RFC 4180 reader: the header row, then each row as an object by header (the header itself first, as a row). */
async function csvOf(path: string): Promise<Record<string, string>[]> {
  const text = await textOf(path);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  const [header, ...body] = rows;
  return [Object.fromEntries(header!.map((h) => [h, h])), ...body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])))];
}
