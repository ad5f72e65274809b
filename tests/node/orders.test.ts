import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orders } from '../../db/schema/orders.js';
import { buyer, checkoutHold, createTestShop, MINUTE, type PerformanceInfo, performanceInfo, seatsByZone, sf, tariffOf, type TestShop } from './harness.js';

let shop: TestShop;
let concert: string;
let concertInfo: PerformanceInfo;

beforeEach(async () => {
  shop = await createTestShop();
  concert = shop.demo.concertPerformanceIds[0]!;
  concertInfo = await performanceInfo(shop, concert);
});
afterEach(() => shop.close());

/** Buys `quantity` full-price concert tickets for a buyer; returns the order view. */
async function buy(quantity = 1, who: Partial<typeof buyer> = {}) {
  const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariffOf(concertInfo, null, 'Plein tarif').id, quantity }] });
  expect(hold.status).toBe(201);
  const res = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), {
    buyer: { ...buyer, ...who },
    payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
  });
  expect(res.status).toBe(201);
  return res.body as { number: string; secret: string; tickets: unknown[] };
}

describe("the buyer's order page", () => {
  it('shows the order with the secret from the link or the X-Order-Secret header', async () => {
    const order = await buy(2);
    const byQuery = await shop.call('GET', sf(`/orders/${order.number}?secret=${order.secret}`));
    expect(byQuery.status).toBe(200);
    expect(byQuery.body).toMatchObject({ number: order.number, status: 'paid', total: 7000, buyer });
    expect(byQuery.body.tickets).toHaveLength(2);
    expect(byQuery.headers.get('Cache-Control')).toBe('private, no-store');
    expect(byQuery.headers.get('Referrer-Policy')).toBe('no-referrer');

    const byHeader = await shop.call('GET', sf(`/orders/${order.number}`), undefined, { 'X-Order-Secret': order.secret });
    expect(byHeader.status).toBe(200);
    expect(byHeader.body).toEqual(byQuery.body);
  });

  it('names each seat by section, row and number for the buyer’s language, orders written before the parts included', async () => {
    const theatre = shop.demo.theatrePerformanceIds[0]!;
    const { planId } = await performanceInfo(shop, theatre);
    const plan = (await shop.call('GET', sf(`/plans/${planId}`))).body as { sections: { name: string }[]; seats: { id: number[]; section: number[]; row: string[]; number: string[] } };
    const seatId = (await seatsByZone(shop, planId!)).C1![0]!;
    const i = plan.seats.id.indexOf(seatId);
    const seat = { section: plan.sections[plan.seats.section[i]!]!.name, row: plan.seats.row[i]!, number: plan.seats.number[i]! };
    const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId }] });
    expect(hold.body.seats[0]).toMatchObject({ seatId, seat });
    const order = await checkoutHold(shop, hold.body.id);
    expect(order.status).toBe(201);
    expect(order.body.tickets[0]).toMatchObject({ seatId, seat, seatLabel: `${seat.section}, row ${seat.row}, seat ${seat.number}` });
    expect(order.body.lines[0]).toMatchObject({ kind: 'ticket', tariffName: 'Plein tarif', seat });
    // An order stored before lines kept their parts: the plan gives them.
    const [row] = await shop.deps.storage.db.select().from(orders).where(eq(orders.number, order.body.number));
    await shop.deps.storage.db
      .update(orders)
      .set({ lines: row!.lines.map(({ seat: _seat, tariffName: _tariff, ...line }) => line) })
      .where(eq(orders.id, row!.id));
    const old = await shop.call('GET', sf(`/orders/${order.body.number}?secret=${order.body.secret}`));
    expect(old.body.lines[0]).toMatchObject({ kind: 'ticket', seat });
    expect(old.body.tickets[0]).toMatchObject({ seat });
  });

  it('answers the same 404 for a wrong or missing secret as for an unknown number', async () => {
    const order = await buy();
    const other = await buy();
    const unknown = await shop.call('GET', sf(`/orders/ZZZZ-ZZZZ?secret=${order.secret}`));
    expect(unknown.status).toBe(404);
    const attempts = [
      await shop.call('GET', sf(`/orders/${order.number}`)),
      await shop.call('GET', sf(`/orders/${order.number}?secret=${'a'.repeat(26)}`)),
      await shop.call('GET', sf(`/orders/${order.number}?secret=${other.secret}`)),
      await shop.call('GET', sf(`/orders/${order.number}`), undefined, { 'X-Order-Secret': other.secret }),
      await shop.call('GET', sf(`/orders/${order.number}`), undefined, { 'X-Order-Secret': '' }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
      expect(JSON.stringify(res.body)).not.toContain(order.number);
    }
    expect(unknown.body.error.code).toBe('order_not_found');
  });

  it('refuses a malformed order number or secret as a bad request', async () => {
    const order = await buy();
    expect((await shop.call('GET', sf(`/orders/not-a-number?secret=${order.secret}`))).status).toBe(400);
    expect((await shop.call('GET', sf(`/orders/${order.number}?secret=UPPER-CASE`))).status).toBe(400);
  });
});

describe('the organizer order desk', () => {
  it('reads any order of the shop by its number, without the secret', async () => {
    const order = await buy(3);
    const res = await shop.org('GET', `/api/org/orders/${order.number}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number: order.number, status: 'paid', total: 10500 });
    expect(res.body.tickets).toHaveLength(3);
    const unknown = await shop.org('GET', '/api/org/orders/ZZZZ-ZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('order_not_found');
  });

  it('finds orders by number, e-mail fragment, name and status', async () => {
    const alice = await buy(1, { name: 'Alice Martin', email: 'alice.martin@example.ch' });
    shop.clock.advance(MINUTE);
    const bruno = await buy(1, { name: 'Bruno Keller', email: 'bruno@keller.example' });
    shop.clock.advance(MINUTE);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariffOf(concertInfo, null, 'Étudiant').id, quantity: 1 }] });
    const declined = await checkoutHold(shop, hold.body.id, { method: 'simulated_card', cardNumber: '4000000000000002' });
    expect(declined.status).toBe(402);
    const pendingNumber = declined.body.error.details.orderNumber as string;

    const search = async (query: string) => {
      const res = await shop.org('GET', `/api/org/orders?${query}`);
      expect(res.status).toBe(200);
      return (res.body.orders as { number: string }[]).map((o) => o.number);
    };
    expect(await search(`q=${alice.number}`)).toEqual([alice.number]);
    expect(await search(`q=${alice.number.toLowerCase()}`)).toEqual([alice.number]);
    expect(await search('q=keller.exa')).toEqual([bruno.number]);
    expect(await search('q=MARTIN')).toEqual([pendingNumber, alice.number]);
    expect(await search('q=%25')).toEqual([]);
    expect(await search('status=paid')).toEqual([bruno.number, alice.number]);
    expect(await search('status=pending')).toEqual([pendingNumber]);
    expect(await search(`performanceId=${shop.demo.concertPerformanceIds[1]}`)).toEqual([]);
    expect(await search('')).toEqual([pendingNumber, bruno.number, alice.number]);

    const summary = (await shop.org('GET', `/api/org/orders?q=${bruno.number}`)).body.orders[0];
    expect(summary).toMatchObject({ status: 'paid', performanceId: concert, total: 3500, buyer: { name: 'Bruno Keller' } });
    expect((await shop.org('GET', '/api/org/orders?status=refunded')).status).toBe(400);
  });

  async function pageAll(limit: number): Promise<{ seen: string[]; pageSizes: number[] }> {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await shop.org('GET', `/api/org/orders?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      pageSizes.push(res.body.orders.length);
      seen.push(...res.body.orders.map((o: any) => o.number));
      cursor = res.body.nextCursor;
    } while (cursor);
    return { seen, pageSizes };
  }

  it('pages through orders newest first with limit and nextCursor', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      numbers.unshift((await buy()).number);
      shop.clock.advance(MINUTE);
    }
    const { seen, pageSizes } = await pageAll(2);
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(numbers);
  });

  it('neither skips nor repeats orders created in the same millisecond', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) numbers.push((await buy()).number);
    const { seen } = await pageAll(2);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(numbers));
    expect((await shop.org('GET', '/api/org/orders?cursor=12.nope')).status).toBe(400);
  });
});
