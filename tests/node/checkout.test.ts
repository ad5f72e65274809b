import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gaInventory } from '../../db/schema/inventory.js';
import { payments } from '../../db/schema/orders.js';
import { verifyTicketPayload } from '../../worker/src/domain/ticket-signature.js';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import {
  availability,
  buyer,
  checkoutHold,
  demoPerformances,
  DECLINED_CARD,
  GOOD_CARD,
  MINUTE,
  type PerformanceInfo,
  sf,
  tariffOf,
  type TestShop,
} from './harness.js';

let shop: TestShop;
let theatre: string;
let concert: string;
let theatreInfo: PerformanceInfo;
let concertInfo: PerformanceInfo;
let seats: Record<string, number[]>;

beforeEach(async () => {
  ({ shop, theatre, concert, theatreInfo, concertInfo, seats } = await demoPerformances(1));
});
afterEach(() => shop.close());

const holdSeats = async (seatIds: number[], tariffName?: string) => {
  const res = await shop.call('POST', sf('/holds'), {
    performanceId: theatre,
    seats: seatIds.map((seatId) => ({ seatId, ...(tariffName ? { tariffId: tariffOf(theatreInfo, 'C1', tariffName).id } : {}) })),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const holdQuantities = async (quantities: [string, number][]) => {
  const res = await shop.call('POST', sf('/holds'), {
    performanceId: concert,
    quantities: quantities.map(([name, quantity]) => ({ tariffId: tariffOf(concertInfo, null, name).id, quantity })),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const card = (cardNumber: string) => ({ method: 'simulated_card', cardNumber });
const orderOf = (number: string, secret: string) => shop.call('GET', sf(`/orders/${number}?secret=${secret}`));
const searchOrders = async (query: string) => {
  const res = await shop.org('GET', `/api/org/orders?${query}`);
  expect(res.status).toBe(200);
  return res.body.orders as { number: string; status: string }[];
};
const gaTaken = async (performanceId: string) => {
  const [row] = await shop.deps.storage.db.select().from(gaInventory).where(eq(gaInventory.performanceId, performanceId));
  return row!.taken;
};

describe('checkout', () => {
  it('sells held seats for a card payment and issues signed tickets', async () => {
    const wanted = seats.C1!.slice(0, 2);
    const holdId = await holdSeats(wanted, 'AVS / étudiant');
    const res = await checkoutHold(shop, holdId);
    expect(res.status).toBe(201);
    const order = res.body;
    expect(order.number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(order.secret).toMatch(/^[a-z0-9]{26}$/);
    expect(order).toMatchObject({
      status: 'paid',
      holdId: null,
      currency: 'CHF',
      subtotal: 10800,
      total: 10800,
      paymentMethod: 'simulated_card',
      buyer,
      performance: { id: theatre },
      event: { id: shop.demo.theatreEventId, title: 'Le Malade imaginaire' },
    });
    expect(order.tickets).toHaveLength(2);
    expect(order.tickets.map((t: any) => t.seatId).sort()).toEqual(wanted);
    expect(order.tickets.map((t: any) => t.seatLabel).sort()).toEqual(['Parterre, row A, seat 1', 'Parterre, row A, seat 2']);
    expect(order.lines.map((l: any) => l.label).sort()).toEqual(['AVS / étudiant · Parterre, row A, seat 1', 'AVS / étudiant · Parterre, row A, seat 2']);

    const { publicKey } = (await shop.call('GET', sf('/public-key'))).body;
    for (const ticket of order.tickets) {
      expect(ticket).toMatchObject({ status: 'valid', price: 5400, tariffName: 'AVS / étudiant', admittedAt: null });
      expect(ticket.number).toMatch(/^T[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await verifyTicketPayload(publicKey, ticket.qrPayload)).toEqual({ shopId: 'shp_demo', ticketNumber: ticket.number, performanceId: theatre });
    }

    const after = await availability(shop, theatre);
    expect(after.sold).toBe(`${wanted[0]}-${wanted[1]}`);
    expect(after.held).toBe('');
    expect((await shop.call('GET', sf(`/holds/${holdId}`))).body.status).toBe('converted');
    expect((await orderOf(order.number, order.secret)).body.status).toBe('paid');
    // Sold seats stay sold when the clock moves on.
    shop.clock.advance(60 * MINUTE);
    expect((await availability(shop, theatre)).sold).toBe(after.sold);
    const again = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: wanted[0] }] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('seats_taken');
  });

  it('issues a free general-admission order with the method "free"', async () => {
    const holdId = await holdQuantities([['Enfant (-12 ans), gratuit', 2]]);
    const paid = await checkoutHold(shop, holdId, card(GOOD_CARD));
    expect(paid.status).toBe(400);
    expect(paid.body.error.code).toBe('payment_not_needed');
    const res = await checkoutHold(shop, holdId, { method: 'free' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'paid', total: 0, paymentMethod: 'free' });
    expect(res.body.tickets).toHaveLength(2);
    expect(res.body.tickets.every((t: any) => t.seatId === null && t.seatLabel === null && t.price === 0)).toBe(true);
    expect(await availability(shop, concert)).toMatchObject({ remaining: 298 });
    expect(await gaTaken(concert)).toBe(2);
  });

  it('refuses the method "free" for an order that costs something', async () => {
    const holdId = await holdQuantities([['Étudiant', 1], ['Enfant (-12 ans), gratuit', 1]]);
    const res = await checkoutHold(shop, holdId, { method: 'free' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('payment_required');
    expect(await searchOrders('')).toEqual([]);
    const ok = await checkoutHold(shop, holdId);
    expect(ok.status).toBe(201);
    expect(ok.body.total).toBe(2500);
    expect(ok.body.tickets).toHaveLength(2);
  });

  it('keeps the order pending and the seats held after a declined card, and sells on retry under the same number', async () => {
    const wanted = seats.C1!.slice(3, 5);
    const holdId = await holdSeats(wanted);
    const declined = await checkoutHold(shop, holdId, card(DECLINED_CARD));
    expect(declined.status).toBe(402);
    expect(declined.body.error.code).toBe('payment_declined');
    expect(declined.body.error.details.declineCode).toBe('card_declined');
    const { orderNumber, orderSecret } = declined.body.error.details;

    const pending = await orderOf(orderNumber, orderSecret);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ status: 'pending', holdId, lastDeclineCode: 'card_declined', tickets: [] });
    expect((await availability(shop, theatre)).held).toBe(`${wanted[0]}-${wanted[1]}`);
    expect((await shop.call('GET', sf(`/holds/${holdId}`))).body.status).toBe('active');

    const funds = await checkoutHold(shop, holdId, card('4000000000009995'));
    expect(funds.status).toBe(402);
    expect(funds.body.error.details).toMatchObject({ declineCode: 'insufficient_funds', orderNumber });

    const retry = await checkoutHold(shop, holdId, card(GOOD_CARD));
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ number: orderNumber, secret: orderSecret, status: 'paid', lastDeclineCode: null, total: 13600 });
    expect(retry.body.tickets).toHaveLength(2);
    expect((await availability(shop, theatre)).sold).toBe(`${wanted[0]}-${wanted[1]}`);
    expect((await searchOrders('')).map((o) => o.number)).toEqual([orderNumber]);
    const attempts = await shop.deps.storage.db.select().from(payments);
    expect(attempts.map((p) => p.status).sort()).toEqual(['captured', 'declined', 'declined']);
  });

  it('refuses to check out a lapsed hold and sells nothing', async () => {
    const wanted = [seats.C2![0]!];
    const holdId = await holdSeats(wanted);
    shop.clock.advance(10 * MINUTE);
    const res = await checkoutHold(shop, holdId);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('hold_expired');
    const after = await availability(shop, theatre);
    expect(after.sold).toBe('');
    expect(after.held).toBe('');
    expect(await searchOrders('')).toEqual([]);
  });

  it('refuses a second checkout of a converted hold, and its release', async () => {
    const holdId = await holdQuantities([['Plein tarif', 2]]);
    const first = await checkoutHold(shop, holdId);
    expect(first.status).toBe(201);
    const second = await checkoutHold(shop, holdId, card('5555555555554444'));
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'hold_converted', details: { orderNumber: first.body.number } });
    const release = await shop.call('DELETE', sf(`/holds/${holdId}`));
    expect(release.status).toBe(409);
    expect(release.body.error.code).toBe('hold_converted');
    const change = await shop.call('PATCH', sf(`/holds/${holdId}`), { quantities: [{ tariffId: tariffOf(concertInfo, null, 'Plein tarif').id, quantity: 0 }] });
    expect(change.status).toBe(409);
    expect(await availability(shop, concert)).toMatchObject({ remaining: 298 });
    const orders = await searchOrders('');
    expect(orders).toHaveLength(1);
    expect((await orderOf(first.body.number, first.body.secret)).body.tickets).toHaveLength(2);
  });

  it('sells a hold once when two checkouts of it run at the same moment', async () => {
    const holdId = await holdSeats(seats.C1!.slice(20, 23));
    const results = await Promise.all([checkoutHold(shop, holdId), checkoutHold(shop, holdId, card('5555555555554444'))]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    const won = results.find((r) => r.status === 201)!;
    const lost = results.find((r) => r.status === 409)!;
    expect(['hold_converted', 'hold_changed']).toContain(lost.body.error.code);
    expect(won.body.tickets).toHaveLength(3);
    const orders = await searchOrders('');
    expect(orders).toEqual([expect.objectContaining({ number: won.body.number, status: 'paid' })]);
    const attempts = await shop.deps.storage.db.select().from(payments);
    expect(attempts.filter((p) => p.status === 'captured')).toHaveLength(1);
    expect((await orderOf(won.body.number, won.body.secret)).body.tickets).toHaveLength(3);
  });

  it('refuses to check out an emptied hold', async () => {
    const holdId = await holdSeats([seats.C1![9]!]);
    expect((await shop.call('PATCH', sf(`/holds/${holdId}`), { removeSeats: [seats.C1![9]] })).status).toBe(200);
    const res = await checkoutHold(shop, holdId);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('hold_empty');
  });

  it('declines a card number that is not 16 digits, and refuses unknown payment methods', async () => {
    const holdId = await holdSeats([seats.C1![10]!]);
    const short = await checkoutHold(shop, holdId, card('4242 4242 4242'));
    expect(short.status).toBe(402);
    expect(short.body.error.details.declineCode).toBe('invalid_number');
    const unknown = await checkoutHold(shop, holdId, { method: 'bitcoin' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_request');
    const noBuyer = await shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer: { ...buyer, email: 'not-an-email' }, payment: card(GOOD_CARD) });
    expect(noBuyer.status).toBe(400);
    expect(noBuyer.body.error.code).toBe('invalid_request');
  });
});

describe('sweep of lapsed holds', () => {
  it('expires lapsed holds and their pending orders, returns general-admission units, and is idempotent', async () => {
    const seatHold = await holdSeats([seats.C1![0]!]);
    const declined = await checkoutHold(shop, seatHold, card(DECLINED_CARD));
    expect(declined.status).toBe(402);
    const { orderNumber, orderSecret } = declined.body.error.details;
    const gaHold = await holdQuantities([['Plein tarif', 3]]);
    const keptHold = await holdQuantities([['Étudiant', 1]]);
    expect(await gaTaken(concert)).toBe(4);

    shop.clock.advance(10 * MINUTE);
    // Refresh the third hold so that it is still alive when the others lapse.
    shop.clock.advance(-MINUTE);
    expect((await shop.call('POST', sf(`/holds/${keptHold}/extend`))).status).toBe(200);
    shop.clock.advance(MINUTE);

    // Buyers already see the lapsed units as free; the counter still has them until the sweep.
    expect(await availability(shop, concert)).toMatchObject({ remaining: 299 });
    expect(await gaTaken(concert)).toBe(4);
    expect(await searchOrders('status=pending')).toHaveLength(1);

    const first = await runScheduledJobs(shop.deps, '*/5 * * * *');
    expect(first.holdsReleased).toBe(2);
    expect(await gaTaken(concert)).toBe(1);
    expect((await shop.call('GET', sf(`/holds/${seatHold}`))).body.status).toBe('expired');
    expect((await shop.call('GET', sf(`/holds/${gaHold}`))).body.status).toBe('expired');
    expect((await shop.call('GET', sf(`/holds/${keptHold}`))).body.status).toBe('active');
    expect((await searchOrders('status=expired')).map((o) => o.number)).toEqual([orderNumber]);
    expect(await searchOrders('status=pending')).toEqual([]);
    expect((await orderOf(orderNumber, orderSecret)).body).toMatchObject({ status: 'expired', holdId: null });
    expect(await availability(shop, concert)).toMatchObject({ remaining: 299 });
    expect((await availability(shop, theatre)).held).toBe('');

    const versions = [(await availability(shop, theatre)).version, (await availability(shop, concert)).version];
    const second = await runScheduledJobs(shop.deps, '*/5 * * * *');
    expect(second.holdsReleased).toBe(0);
    expect(await gaTaken(concert)).toBe(1);
    expect([(await availability(shop, theatre)).version, (await availability(shop, concert)).version]).toEqual(versions);
    expect((await searchOrders('status=expired')).map((o) => o.number)).toEqual([orderNumber]);

    // A checkout of the swept hold is refused and nothing is sold.
    const late = await checkoutHold(shop, seatHold, card(GOOD_CARD));
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('hold_expired');
    expect((await availability(shop, theatre)).sold).toBe('');
  });
});
