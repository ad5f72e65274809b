import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../worker/src/seed/demo.js';
import { buyer, checkoutHold, createTestShop, GOOD_CARD, performanceInfo, seatsByZone, sf, type TestShop, tariffOf } from './harness.js';

/**
 * The organizer's reports over known sales, around the end of daylight-saving time in Zurich
 * (Sunday 25 October 2026, 03:00 CEST → 02:00 CET). The shop charges a service fee of 2.00
 * per ticket that costs something; the platform takes 0.50 + 1 % of each ticket's net price.
 *
 *  A  Sat 24.10 10:00 CEST  play, 1st date, 2 × C1 Plein tarif 68.00, promo BIENVENUE (−10 %), insured, card
 *  B  Sat 24.10 23:30 CEST  concert, 2 × Plein tarif 35.00 + 1 × Enfant 0.00, card
 *  C  Sun 25.10 00:30 CEST  play, 1st date, 1 × C2 AVS 42.00, paid by the gift voucher CADEAU-100-DEMO (method free)
 *  D  Sun 25.10 23:30 CET   play, 2nd date, 1 × C3 Plein tarif 35.00 booked with PASS-DEMO-2026 (free)
 *  E  Sun 25.10 20:00 CET   play, 2nd date, 1 × C2 Plein tarif 52.00 by invoice, paid Mon 26.10 10:00 CET
 *  F  Sun 25.10 21:00 CET   play, 2nd date, 1 × C3 AVS 28.00 by invoice, never paid
 *  G  Mon 26.10 12:00       one of A's tickets cancelled, 61.20 refunded in cash
 *  H  Mon 26.10 14:00       C's ticket exchanged at the box office for C1 AVS 54.00 on the 2nd date: 12.00 + fee 5.00, cash
 *  I  Wed 28.10 09:00       concert, 1 × Étudiant 25.00, card (the dashboard's "today")
 * and, in another shop, a sale on Saturday that no report of this shop may show.
 */
let shop: TestShop;
let play1: string;
let play2: string;
let concert: string;
let orderA: { number: string; tickets: { number: string }[] };
let orderF: { number: string };
let orderI: { number: string };
let zoneIds: Record<'C1' | 'C2' | 'C3', string>;
let tariffIds: Record<'C1Plein' | 'C1Avs' | 'C2Avs' | 'C2Plein' | 'C3Plein' | 'C3Avs' | 'gigPlein' | 'gigEnfant' | 'gigEtudiant', string>;

const at = (iso: string) => {
  shop.clock.current = Date.parse(iso);
};

async function hold(performanceId: string, body: Record<string, unknown>, codes: string[] = []) {
  const res = await shop.call('POST', sf('/holds'), { performanceId, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  for (const code of codes) {
    const applied = await shop.call('POST', sf(`/holds/${res.body.id}/codes`), { code });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  }
  return res.body.id as string;
}

async function checkout(holdId: string, payment: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer, payment, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  shop = await createTestShop();
  [play1, play2] = shop.demo.theatrePerformanceIds as [string, string];
  concert = shop.demo.concertPerformanceIds[0]!;
  expect((await shop.org('PATCH', '/api/org/shop', { serviceFeePerTicket: 200, commissionPerTicket: 50, commissionBasisPoints: 100 })).status).toBe(200);
  // Names a spreadsheet would run as formulas, and one that needs quoting.
  expect((await shop.org('PATCH', `/api/org/events/${shop.demo.concertEventId}`, { title: '=HYPERLINK("http://evil.example","Jazz")' })).status).toBe(200);
  expect((await shop.org('PATCH', `/api/org/promo-codes/${shop.demo.codes.promoCodeIds.BIENVENUE}`, { name: '@Bienvenue, "amis"' })).status).toBe(200);

  const play = await performanceInfo(shop, play1);
  const seats = await seatsByZone(shop, play.planId!);
  zoneIds = Object.fromEntries(play.zones.map((z) => [z.code, z.id])) as typeof zoneIds;
  const gig = await performanceInfo(shop, concert);
  tariffIds = {
    C1Plein: tariffOf(play, 'C1', 'Plein tarif').id,
    C1Avs: tariffOf(play, 'C1', 'AVS / étudiant').id,
    C2Avs: tariffOf(play, 'C2', 'AVS / étudiant').id,
    C2Plein: tariffOf(play, 'C2', 'Plein tarif').id,
    C3Plein: tariffOf(play, 'C3', 'Plein tarif').id,
    C3Avs: tariffOf(play, 'C3', 'AVS / étudiant').id,
    gigPlein: tariffOf(gig, null, 'Plein tarif').id,
    gigEnfant: tariffOf(gig, null, 'Enfant (-12 ans), gratuit').id,
    gigEtudiant: tariffOf(gig, null, 'Étudiant').id,
  };
  const card = { method: 'simulated_card', cardNumber: GOOD_CARD };

  at('2026-10-24T08:00:00Z');
  orderA = await checkout(await hold(play1, { seats: seats.C1!.slice(0, 2).map((seatId) => ({ seatId, tariffId: tariffIds.C1Plein })) }, ['BIENVENUE']), card, { insured: true });
  at('2026-10-24T21:30:00Z');
  await checkout(await hold(concert, { quantities: [{ tariffId: tariffIds.gigPlein, quantity: 2 }, { tariffId: tariffIds.gigEnfant, quantity: 1 }] }), card);
  at('2026-10-24T22:30:00Z');
  const orderC = await checkout(await hold(play1, { seats: [{ seatId: seats.C2![0]!, tariffId: tariffIds.C2Avs }] }, ['CADEAU-100-DEMO']), { method: 'free' });
  at('2026-10-25T19:00:00Z');
  const orderE = await checkout(await hold(play2, { seats: [{ seatId: seats.C2![1]!, tariffId: tariffIds.C2Plein }] }), { method: 'invoice' });
  at('2026-10-25T20:00:00Z');
  orderF = await checkout(await hold(play2, { seats: [{ seatId: seats.C3![1]!, tariffId: tariffIds.C3Avs }] }), { method: 'invoice' });
  at('2026-10-25T22:30:00Z');
  await checkout(await hold(play2, { seats: [{ seatId: seats.C3![0]!, tariffId: tariffIds.C3Plein }] }, ['PASS-DEMO-2026']), { method: 'free' });

  at('2026-10-26T09:00:00Z');
  const paid = await shop.org('POST', `/api/org/orders/${orderE.number}/payments`, { method: 'bank_transfer', amount: 5400 });
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  at('2026-10-26T11:00:00Z');
  const cancelled = await shop.org('POST', `/api/org/orders/${orderA.number}/cancellations`, { scope: 'tickets', ticketNumbers: [orderA.tickets[1]!.number], reason: 'Ill', refundMethod: 'cash' });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);
  expect(cancelled.body.cancellation.refund.amount).toBe(6120);
  at('2026-10-26T13:00:00Z');
  const exchanged = await shop.org('POST', `/api/org/orders/${orderC.number}/exchanges`, {
    ticketNumber: orderC.tickets[0].number,
    performanceId: play2,
    seatId: seats.C1![5]!,
    tariffId: tariffIds.C1Avs,
    expectedAmount: 1700,
    payment: { method: 'cash' },
  });
  expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(201);
  at('2026-10-28T08:00:00Z');
  orderI = await checkout(await hold(concert, { quantities: [{ tariffId: tariffIds.gigEtudiant, quantity: 1 }] }), card);

  // Another shop on the same database sells on the same Saturday.
  const other = await seedDemo(shop.deps.storage, Date.parse('2026-10-24T09:00:00Z'), { shopId: 'shp_other', arena: false });
  at('2026-10-24T09:00:00Z');
  const otherInfo = await performanceInfo(shop, other.concertPerformanceIds[0]!, 'shp_other');
  const otherHold = await shop.call('POST', sf('/holds', 'shp_other'), { performanceId: other.concertPerformanceIds[0]!, quantities: [{ tariffId: otherInfo.tariffs[0]!.id, quantity: 4 }] });
  expect((await checkoutHold(shop, otherHold.body.id, undefined, 'shp_other')).status).toBe(201);
  at('2026-10-28T10:00:00Z');
});
afterAll(() => shop.close());

const PERIOD = 'from=2026-10-24&to=2026-10-26';
const zero = { tickets: 0, gross: 0, discounts: 0, passes: 0, net: 0, fees: 0, insurance: 0, exchanges: 0, exchangeDifference: 0, exchangeFees: 0, total: 0, cancelledSince: 0 };
/** A: 2 × 68.00 − 10 % = 122.40, fees 4.00, premiums 2 × 3.67 (6 % of 61.20); one ticket cancelled since. */
const saleA = { tickets: 2, gross: 13600, discounts: 1360, net: 12240, fees: 400, insurance: 734, total: 13374, cancelledSince: 1 };
/** B: 2 × 35.00 and a free child's ticket (no fee on it). */
const saleB = { tickets: 3, gross: 7000, net: 7000, fees: 400, total: 7400 };
/** C: 42.00 + fee 2.00, all paid by the voucher. */
const saleC = { tickets: 1, gross: 4200, net: 4200, fees: 200, total: 4400 };
/** D: 35.00 booked by the pass: costs nothing, no fee. */
const saleD = { tickets: 1, gross: 3500, passes: 3500, net: 0, total: 0 };
/** E: 52.00 + fee 2.00, by invoice. */
const saleE = { tickets: 1, gross: 5200, net: 5200, fees: 200, total: 5400 };
/** H: 54.00 for a ticket that cost 42.00: 12.00 more and the fee of 5.00. */
const exchangeH = { exchanges: 1, exchangeDifference: 1200, exchangeFees: 500, total: 1700 };

function add(...parts: Partial<typeof zero>[]) {
  const sum = { ...zero };
  for (const p of parts) for (const [k, v] of Object.entries(p)) sum[k as keyof typeof zero] += v;
  return sum;
}

async function sales(query: string) {
  const res = await shop.org('GET', `/api/org/reports/sales?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { period: { from: string; to: string; timeZone: string }; rows: ({ key: string | null; label: string; context: string | null; startsAt: string | null; currency: string } & typeof zero)[]; totals: ({ currency: string } & typeof zero)[] };
}

const figures = (row: Record<string, unknown>) => Object.fromEntries(Object.keys(zero).map((k) => [k, row[k]]));

describe('the sales report', () => {
  const all = add(saleA, saleB, saleC, saleD, saleE, exchangeH);

  it('cuts days at midnight in Zurich, across the end of daylight-saving time, and lists every day', async () => {
    const report = await sales(`${PERIOD}&groupBy=day`);
    // Dates are whole local days: Saturday 00:00 CEST to Tuesday 00:00 CET.
    expect(report.period).toEqual({ from: '2026-10-23T22:00:00.000Z', to: '2026-10-26T23:00:00.000Z', timeZone: 'Europe/Zurich' });
    expect(report.rows.map((r) => [r.key, r.label, r.currency])).toEqual([
      ['2026-10-24', '2026-10-24', 'CHF'],
      ['2026-10-25', '2026-10-25', 'CHF'],
      ['2026-10-26', '2026-10-26', 'CHF'],
    ]);
    // B at 23:30 on Saturday, C at 00:30 on Sunday (both Saturday in UTC); D at 23:30 CET on Sunday (Monday at CEST's offset).
    expect(figures(report.rows[0]!)).toEqual(add(saleA, saleB));
    expect(figures(report.rows[1]!)).toEqual(add(saleC, saleD));
    // The invoice counts the day it was paid, not the day it was placed; the exchange on its own day.
    expect(figures(report.rows[2]!)).toEqual(add(saleE, exchangeH));
    expect(report.totals).toEqual([{ currency: 'CHF', ...all }]);

    const quiet = await sales('from=2026-10-27&to=2026-10-27&groupBy=day');
    expect(quiet.rows).toEqual([{ key: '2026-10-27', label: '2026-10-27', context: null, startsAt: null, currency: 'CHF', ...zero }]);
  });

  it('reads instants as given, `to` excluded', async () => {
    const report = await sales('from=2026-10-24T23:00:00%2B02:00&to=2026-10-25T00:30:00%2B02:00&groupBy=day');
    expect(report.rows.map((r) => [r.key, r.tickets])).toEqual([
      ['2026-10-24', 3],
      ['2026-10-25', 0],
    ]);
  });

  it('groups by event, with the totals of the period', async () => {
    const report = await sales(`${PERIOD}&groupBy=event`);
    expect(report.rows.map((r) => [r.key, r.label])).toEqual([
      [shop.demo.concertEventId, '=HYPERLINK("http://evil.example","Jazz")'],
      [shop.demo.theatreEventId, 'Le Malade imaginaire'],
    ]);
    expect(figures(report.rows[0]!)).toEqual(add(saleB));
    expect(figures(report.rows[1]!)).toEqual(add(saleA, saleC, saleD, saleE, exchangeH));
    expect(report.totals).toEqual([{ currency: 'CHF', ...all }]);
  });

  it('groups by performance, in order of start, and filters by event or performance', async () => {
    const report = await sales(`${PERIOD}&groupBy=performance`);
    expect(report.rows.map((r) => r.key)).toEqual([play1, play2, concert]);
    expect(report.rows[0]!.label).toMatch(/^Le Malade imaginaire, \d{2}\.\d{2}\.2026 \d{2}:\d{2}$/);
    expect(report.rows[0]!.context).toBe('Le Malade imaginaire');
    expect(report.rows[0]!.startsAt).toMatch(/^2026-/);
    expect(figures(report.rows[0]!)).toEqual(add(saleA, saleC));
    expect(figures(report.rows[1]!)).toEqual(add(saleD, saleE, exchangeH));
    expect(figures(report.rows[2]!)).toEqual(add(saleB));

    const onePlay = await sales(`${PERIOD}&groupBy=performance&eventId=${shop.demo.theatreEventId}`);
    expect(onePlay.rows.map((r) => r.key)).toEqual([play1, play2]);
    const oneDate = await sales(`${PERIOD}&groupBy=tariff&performanceId=${play2}`);
    expect(oneDate.totals).toEqual([{ currency: 'CHF', ...add(saleD, saleE, exchangeH) }]);
  });

  it('groups by zone (general admission apart) and by tariff, fees shared over the tickets that cost something', async () => {
    const zones = await sales(`${PERIOD}&groupBy=zone&lang=en`);
    expect(zones.rows.map((r) => [r.key, r.label, r.context])).toEqual([
      [zoneIds.C1, 'Catégorie 1', 'Grande salle'],
      [zoneIds.C2, 'Catégorie 2', 'Grande salle'],
      [zoneIds.C3, 'Catégorie 3', 'Grande salle'],
      [null, 'General admission', null],
    ]);
    expect(figures(zones.rows[0]!)).toEqual(add(saleA, exchangeH));
    expect(figures(zones.rows[1]!)).toEqual(add(saleC, saleE));
    expect(figures(zones.rows[2]!)).toEqual(add(saleD));
    expect(figures(zones.rows[3]!)).toEqual(add(saleB));

    const tariffs = await sales(`${PERIOD}&groupBy=tariff`);
    const byId = new Map(tariffs.rows.map((r) => [r.key, r]));
    expect(figures(byId.get(tariffIds.C1Plein)!)).toEqual(add(saleA));
    expect(byId.get(tariffIds.C1Plein)!.context).toBe('Le Malade imaginaire · Catégorie 1');
    expect(figures(byId.get(tariffIds.C1Avs)!)).toEqual(add(exchangeH));
    expect(figures(byId.get(tariffIds.C2Avs)!)).toEqual(add(saleC));
    expect(figures(byId.get(tariffIds.gigPlein)!)).toEqual(add({ tickets: 2, gross: 7000, net: 7000, fees: 400, total: 7400 }));
    expect(figures(byId.get(tariffIds.gigEnfant)!)).toEqual(add({ tickets: 1 }));
    expect(tariffs.rows).toHaveLength(7);
  });

  it('groups by payment method, labelled in the shop’s language or the one asked', async () => {
    const report = await sales(`${PERIOD}&groupBy=paymentMethod`);
    const byMethod = Object.fromEntries(report.rows.map((r) => [r.key, r]));
    expect(Object.keys(byMethod).sort()).toEqual(['cash', 'free', 'invoice', 'simulated_card']);
    expect(byMethod.simulated_card!.label).toBe('Carte (test)');
    expect(figures(byMethod.simulated_card!)).toEqual(add(saleA, saleB));
    expect(figures(byMethod.free!)).toEqual(add(saleC, saleD));
    expect(figures(byMethod.invoice!)).toEqual(add(saleE));
    expect(figures(byMethod.cash!)).toEqual(add(exchangeH));
    const german = await sales(`${PERIOD}&groupBy=paymentMethod&lang=de`);
    expect(german.rows.find((r) => r.key === 'invoice')!.label).toBe('Rechnung');
  });

  it('never shows another shop’s sales, nor an unpaid invoice', async () => {
    const report = await sales('from=2026-10-01&to=2026-10-31&groupBy=event');
    expect(report.rows.map((r) => r.key).sort()).toEqual([shop.demo.concertEventId, shop.demo.theatreEventId].sort());
    // I (28.10) is in October too; F, unpaid, is in no report of sales.
    expect(report.totals[0]!.tickets).toBe(all.tickets + 1);
  });
});

describe('the other reports', () => {
  it('lists the codes used: discount given, pass value booked, voucher amount paid', async () => {
    const res = await shop.org('GET', `/api/org/reports/codes?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      { kind: 'promo', code: 'BIENVENUE', name: '@Bienvenue, "amis"', currency: 'CHF', uses: 1, tickets: 2, amount: 1360 },
      { kind: 'pass', code: 'PASSDEMO2026', name: 'Pass Molière · Claire Demo', currency: 'CHF', uses: 1, tickets: 1, amount: 3500 },
      { kind: 'voucher', code: 'CADEAU100DEMO', name: 'Bon cadeau de démonstration', currency: 'CHF', uses: 1, tickets: 0, amount: 4400 },
    ]);
    expect(res.body.totals).toHaveLength(3);
  });

  it('counts insurance opt-ins per performance', async () => {
    const res = await shop.org('GET', `/api/org/reports/insurance?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { performanceId: string }) => r.performanceId)).toEqual([play1, play2, concert]);
    expect(res.body.rows[0]).toMatchObject({ eventTitle: 'Le Malade imaginaire', orders: 2, insuredOrders: 1, tickets: 3, insuredTickets: 2, premiums: 734, insuredCancelledSince: 1 });
    expect(res.body.rows[1]).toMatchObject({ orders: 2, insuredOrders: 0, tickets: 2, insuredTickets: 0, premiums: 0 });
    expect(res.body.totals).toEqual([{ currency: 'CHF', orders: 5, insuredOrders: 1, tickets: 8, insuredTickets: 2, premiums: 734, insuredCancelledSince: 1 }]);
  });

  it('counts cancellations and refunds per refund method, on the day of the cancellation', async () => {
    const res = await shop.org('GET', `/api/org/reports/refunds?${PERIOD}&lang=it`);
    expect(res.status).toBe(200);
    // A's cancelled ticket: 68.00 − 10 % = 61.20 back; the commission of 0.50 + 0.61 stays due.
    expect(res.body.rows).toEqual([{ refundMethod: 'cash', label: 'Contanti', currency: 'CHF', cancellations: 1, tickets: 1, amount: 6120, pending: 0, bySystem: 0, commissionKept: 111 }]);
    const before = await shop.org('GET', '/api/org/reports/refunds?from=2026-10-24&to=2026-10-25');
    expect(before.body.rows).toEqual([]);
    expect(before.body.totals).toEqual([]);
  });

  it('adds up the platform commission per event and per performance', async () => {
    const res = await shop.org('GET', `/api/org/reports/commissions?${PERIOD}&groupBy=event`);
    expect(res.status).toBe(200);
    // Play: A 2 × (0.50 + 0.61), C 0.50 + 0.42, D nothing (free), E 0.50 + 0.52. Concert: 2 × (0.50 + 0.35), the free ticket nothing.
    expect(res.body.rows.map((r: Record<string, unknown>) => [r.key, r.tickets, r.net, r.commission, r.cancelledSince])).toEqual([
      [shop.demo.concertEventId, 3, 7000, 170, 0],
      [shop.demo.theatreEventId, 5, 21640, 416, 1],
    ]);
    const perDate = await shop.org('GET', `/api/org/reports/commissions?${PERIOD}`);
    expect(perDate.body.groupBy).toBe('performance');
    expect(perDate.body.rows.map((r: Record<string, unknown>) => [r.key, r.commission])).toEqual([
      [play1, 314],
      [play2, 102],
      [concert, 170],
    ]);
    expect(perDate.body.totals).toEqual([{ currency: 'CHF', tickets: 8, net: 28640, commission: 586, cancelledSince: 1 }]);
  });
});

describe('CSV', () => {
  async function csv(path: string) {
    const res = await shop.app.request(path, { headers: { Authorization: `Bearer ${shop.demo.token}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  }

  it('writes UTF-8 with a byte order mark, quoted per RFC 4180, formulas neutralized, amounts as decimals', async () => {
    const { res, bytes, text } = await csv(`/api/org/reports/sales.csv?${PERIOD}&groupBy=event`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sales-by-event-2026-10-24-2026-10-26.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('event_id,event,currency,tickets,gross,discounts,passes,net,fees,insurance,exchanges,exchange_difference,exchange_fees,total,cancelled_since');
    expect(lines[1]).toBe(`${shop.demo.concertEventId},"'=HYPERLINK(""http://evil.example"",""Jazz"")",CHF,3,70.00,0.00,0.00,70.00,4.00,0.00,0,0.00,0.00,74.00,0`);
    expect(lines[2]).toBe(`${shop.demo.theatreEventId},Le Malade imaginaire,CHF,5,265.00,13.60,35.00,216.40,8.00,7.34,1,12.00,5.00,248.74,1`);
    expect(lines.slice(3)).toEqual(['']);
    // Accents survive as UTF-8.
    const codes = await csv(`/api/org/reports/codes.csv?${PERIOD}`);
    expect(codes.text.slice(1).split('\r\n')).toEqual([
      'kind,code,name,currency,uses,tickets,amount',
      `promo,BIENVENUE,"'@Bienvenue, ""amis""",CHF,1,2,13.60`,
      'pass,PASSDEMO2026,Pass Molière · Claire Demo,CHF,1,1,35.00',
      'voucher,CADEAU100DEMO,Bon cadeau de démonstration,CHF,1,0,44.00',
      '',
    ]);
  });

  it('serves every report as CSV with the same query, the local times of the shop', async () => {
    const byDay = await csv(`/api/org/reports/sales.csv?${PERIOD}&groupBy=day`);
    expect(byDay.text.slice(1).split('\r\n').slice(0, 2)).toEqual([
      'day,currency,tickets,gross,discounts,passes,net,fees,insurance,exchanges,exchange_difference,exchange_fees,total,cancelled_since',
      '2026-10-24,CHF,5,206.00,13.60,0.00,192.40,8.00,7.34,0,0.00,0.00,207.74,1',
    ]);
    const perDate = await csv(`/api/org/reports/sales.csv?${PERIOD}&groupBy=performance`);
    expect(perDate.text.split('\r\n')[1]).toMatch(new RegExp(`^${play1},Le Malade imaginaire,2026-12-\\d{2} \\d{2}:\\d{2},CHF,3,`));
    const insurance = await csv(`/api/org/reports/insurance.csv?${PERIOD}`);
    expect(insurance.text.split('\r\n')[0]).toBe('\uFEFFperformance_id,event,starts_at,currency,orders,insured_orders,tickets,insured_tickets,premiums,insured_cancelled_since');
    const refunds = await csv(`/api/org/reports/refunds.csv?${PERIOD}`);
    expect(refunds.text.split('\r\n')[1]).toBe('cash,Espèces,CHF,1,1,61.20,0.00,0,1.11');
    const commissions = await csv(`/api/org/reports/commissions.csv?${PERIOD}&groupBy=event`);
    expect(commissions.res.headers.get('content-disposition')).toBe('attachment; filename="commissions-by-event-2026-10-24-2026-10-26.csv"');
    expect(commissions.text.split('\r\n')[2]).toBe(`${shop.demo.theatreEventId},Le Malade imaginaire,CHF,5,216.40,4.16,1`);
    // The older exports go through the same writer and response.
    const cancellations = await csv(`/api/org/cancellations.csv?from=2026-10-26&to=2026-10-26`);
    expect([...cancellations.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('periods', () => {
  it('refuses a period that ends before it starts, one too long, and malformed bounds', async () => {
    const backwards = await shop.org('GET', '/api/org/reports/sales?from=2026-10-26&to=2026-10-24');
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'report_period_invalid']);
    const empty = await shop.org('GET', '/api/org/reports/codes?from=2026-10-24T10:00:00Z&to=2026-10-24T10:00:00Z');
    expect([empty.status, empty.body.error.code]).toEqual([400, 'report_period_invalid']);
    // 1 January 2026 to 4 February 2027 is 400 days; one more is too many.
    expect((await shop.org('GET', '/api/org/reports/refunds?from=2026-01-01&to=2027-02-04')).status).toBe(200);
    const long = await shop.org('GET', '/api/org/reports/refunds.csv?from=2026-01-01&to=2027-02-05');
    expect([long.status, long.body.error.code, long.body.error.details]).toEqual([400, 'report_period_too_long', { maxDays: 400 }]);
    for (const query of ['from=2026-02-30&to=2026-03-01', 'from=yesterday&to=2026-10-01', 'to=2026-10-01', 'from=2026-10-01', 'from=2026-10-01&to=2026-10-02&groupBy=week', 'from=2026-10-01&to=2026-10-02&lang=es']) {
      const res = await shop.org('GET', `/api/org/reports/sales?${query}`);
      expect([res.status, res.body.error.code], query).toEqual([400, 'invalid_request']);
    }
    expect((await shop.call('GET', `/api/org/reports/sales?${PERIOD}`)).status).toBe(401);
  });
});

describe('the dashboard', () => {
  it('shows today and this week (from Monday) in the shop’s time zone, fill rates, unpaid invoices and recent orders', async () => {
    const res = await shop.org('GET', '/api/org/reports/today');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ asOf: '2026-10-28T10:00:00.000Z', timeZone: 'Europe/Zurich', currency: 'CHF' });
    // Wednesday: I only; the week from Monday 26.10 also holds E and the exchange, not the weekend.
    expect(d.today).toEqual({ from: '2026-10-27T23:00:00.000Z', to: '2026-10-28T23:00:00.000Z', sales: [{ currency: 'CHF', tickets: 1, net: 2500, total: 2700 }] });
    expect(d.week).toEqual({ from: '2026-10-25T23:00:00.000Z', to: '2026-11-01T23:00:00.000Z', sales: [{ currency: 'CHF', tickets: 2, net: 7700, total: 5400 + 1700 + 2700 }] });

    const byId = new Map(d.upcoming.map((p: { performanceId: string }) => [p.performanceId, p]));
    expect(d.upcoming.length).toBeLessThanOrEqual(10);
    expect(d.upcoming.map((p: { startsAt: string }) => p.startsAt)).toEqual([...d.upcoming.map((p: { startsAt: string }) => p.startsAt)].sort());
    // Play, 1st date: A's remaining seat (C's left by exchange). 2nd date: D, E, F (unpaid, still the buyer's) and the exchanged seat.
    expect(byId.get(play1)).toMatchObject({ seating: 'seated', capacity: 1088, sold: 1, held: 0, blocked: 0 });
    expect(byId.get(play2)).toMatchObject({ sold: 4, fillRate: 4 / 1088 });
    expect(byId.get(concert)).toMatchObject({ seating: 'general_admission', capacity: 300, sold: 4, fillRate: 4 / 300 });
    expect(d.upcoming.every((p: { eventId: string }) => [shop.demo.theatreEventId, shop.demo.concertEventId, shop.demo.arenaEventId].includes(p.eventId))).toBe(true);

    expect(d.unpaidInvoices.count).toBe(1);
    expect(d.unpaidInvoices.amounts).toEqual([{ currency: 'CHF', amount: 3000 }]);
    expect(d.unpaidInvoices.next).toEqual([{ orderNumber: orderF.number, buyerName: buyer.name, amount: 3000, currency: 'CHF', dueAt: expect.stringMatching(/^2026-11-/), overdue: false }]);

    expect(d.recentOrders).toHaveLength(7);
    expect(d.recentOrders[0]).toMatchObject({ number: orderI.number, buyerName: buyer.name, eventTitle: '=HYPERLINK("http://evil.example","Jazz")', total: 2700, status: 'paid', paymentMethod: 'simulated_card', createdAt: '2026-10-28T08:00:00.000Z' });
    expect(d.recentOrders.find((o: { number: string }) => o.number === orderF.number)).toMatchObject({ status: 'invoiced', paymentMethod: 'invoice' });
  });
});
