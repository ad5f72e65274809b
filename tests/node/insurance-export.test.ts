import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutHold, createTestShop, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

/**
 * The insurer's export and the opt-in as staff see it. Buyers opt in at checkout
 * (`insured: true`); the demo shop's insurer charges 6 % of the ticket price, at least 2.00.
 */
let shop: TestShop;
let theatre: string;
let seats: number[];
const DAY = 86_400_000;

beforeAll(async () => {
  shop = await createTestShop();
  theatre = shop.demo.theatrePerformanceIds[2]!;
  const info = await performanceInfo(shop, theatre);
  seats = (await seatsByZone(shop, info.planId!)).C1!;
});
afterAll(() => shop.close());

async function insuredOrder(seatIds: number[], buyer: { name: string; email: string }) {
  const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: seatIds.map((seatId) => ({ seatId })) });
  const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), {
    buyer: { ...buyer, language: 'de' },
    payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    insured: true,
  });
  expect(order.status).toBe(201);
  return order.body as { number: string; tickets: { number: string; seatLabel: string; seat: { section: string; row: string; number: string }; price: number; qrPayload: string }[] };
}

/** 6 % of 68.00 is 4.08. */
const PREMIUM = 408;

const csvLines = (text: string) => text.split('\r\n').filter(Boolean);

describe('insured tickets', () => {
  it('shows the opt-in and each premium to staff', async () => {
    const order = await insuredOrder(seats.slice(0, 2), { name: 'Jonas Keller', email: 'jonas@example.ch' });
    expect(order.tickets.map((t) => t.price)).toEqual([6800, 6800]);
    const view = await shop.org('GET', `/api/org/orders/${order.number}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ insured: true, insurance: 2 * PREMIUM });
    expect(view.body.tickets.map((t: { insurancePremium: number }) => t.insurancePremium)).toEqual([PREMIUM, PREMIUM]);
    // The buyer's own view is unchanged by the staff fields.
    const own = await shop.call('GET', sf(`/orders/${order.number}?secret=${(await shop.org('GET', `/api/org/orders/${order.number}`)).body.secret}`));
    expect(own.body.cancellations).toBeUndefined();
  });

  it('exports the insured tickets of a period as CSV, with their status now and each seat in the shop’s language and in parts', async () => {
    const sold = await insuredOrder(seats.slice(2, 4), { name: 'Müller, "Anna"', email: 'anna@example.ch' });
    // An uninsured order in the same period is not listed.
    const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats[4]! }] });
    const plain = await checkoutHold(shop, hold.body.id);
    expect(plain.status).toBe(201);
    const cancelled = await shop.org('POST', `/api/org/orders/${sold.number}/cancellations`, { scope: 'tickets', ticketNumbers: [sold.tickets[1]!.number], reason: 'Ill', refundMethod: 'none' });
    expect(cancelled.status).toBe(201);

    const today = new Date(shop.clock.now()).toISOString().slice(0, 10);
    const res = await shop.org('GET', `/api/org/reports/insured-tickets.csv?from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="insured-tickets-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csvLines(res.body as string);
    expect(lines[0]).toBe('policy_reference,sold_at,event,performance_starts_at,seat,section,row,seat_number,tariff,buyer_name,buyer_email,ticket_price,premium,currency,status,order_number');
    expect(lines).toHaveLength(1 + 4);
    const startsAt = new Date((await shop.call('GET', sf(`/performances/${theatre}`))).body.startsAt).toISOString();
    const soldAt = new Date(shop.clock.now()).toISOString();
    const price = (sold.tickets[0]!.price / 100).toFixed(2);
    const { section, row, number } = sold.tickets[0]!.seat;
    // The demo shop writes French by default; an organizer may ask for another language.
    expect(lines).toContain(
      `${sold.tickets[0]!.number},${soldAt},Le Malade imaginaire,${startsAt},"${section}, rang ${row}, place ${number}",${section},${row},${number},Plein tarif,"Müller, ""Anna""",anna@example.ch,${price},4.08,CHF,valid,${sold.number}`,
    );
    expect(lines.join('\n')).not.toMatch(/, row |, seat /);
    const german = csvLines((await shop.org('GET', `/api/org/reports/insured-tickets.csv?from=${today}&to=${today}&lang=de`)).body as string);
    expect(german.find((l) => l.startsWith(sold.tickets[0]!.number))).toContain(`"${section}, Reihe ${row}, Platz ${number}"`);
    expect(lines.find((l) => l.startsWith(sold.tickets[1]!.number))).toMatch(/,cancelled,/);
    expect(lines.some((l) => l.includes(plain.body.tickets[0].number))).toBe(false);

    const before = await shop.org('GET', `/api/org/reports/insured-tickets.csv?to=${new Date(shop.clock.now() - DAY).toISOString()}`);
    expect(csvLines(before.body as string)).toHaveLength(1);
    const bad = await shop.org('GET', '/api/org/reports/insured-tickets.csv?from=2026-13-45');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_request']);
    expect((await shop.call('GET', '/api/org/reports/insured-tickets.csv')).status).toBe(401);
  });

  it('neutralizes spreadsheet formulas in buyer names', async () => {
    await insuredOrder(seats.slice(6, 7), { name: '=HYPERLINK("http://evil")', email: 'eve@example.ch' });
    const res = await shop.org('GET', '/api/org/reports/insured-tickets.csv');
    expect(res.body as string).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
