import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tickets as ticketTable } from '../../db/schema/orders.js';
import { checkoutHold, createTestShop, MINUTE, type PerformanceInfo, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

/**
 * The door beyond a plain scan: imported barcodes and typed numbers, what a refusal tells the
 * scanner, the ticket list by version, offline syncs, the overview and the duplicates.
 */

let shop: TestShop;
let theatre: string;
let info: PerformanceInfo;
let seats: Record<string, number[]>;
let order: { number: string; tickets: { number: string; seatLabel: string | null; qrPayload: string; seatId: number | null }[] };

/** The performance's start as the storefront answers it (ISO). */
const startsOf = (performance: PerformanceInfo) => (performance as PerformanceInfo & { startsAt: string }).startsAt;

const DEVICE_A = 'scanner-north-01';
const DEVICE_B = 'scanner-south-02';

async function buySeats(performanceId: string, seatIds: number[]) {
  const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
  expect(hold.status).toBe(201);
  const res = await checkoutHold(shop, hold.body.id);
  expect(res.status).toBe(201);
  return res.body as typeof order;
}

beforeEach(async () => {
  shop = await createTestShop();
  theatre = shop.demo.theatrePerformanceIds[0]!;
  info = await performanceInfo(shop, theatre);
  seats = await seatsByZone(shop, info.planId!);
  order = await buySeats(theatre, seats.C2!.slice(0, 4));
});
afterEach(() => shop.close());

const scan = (body: Record<string, unknown>) => shop.org('POST', '/api/org/checkins', body);
const sync = (body: Record<string, unknown>) => shop.org('POST', '/api/org/checkins/sync', body);
const doorList = (performanceId: string, since?: number) => shop.org('GET', `/api/org/performances/${performanceId}/door-list${since === undefined ? '' : `?since=${since}`}`);
const ticketRow = async (number: string) => (await shop.deps.storage.db.select().from(ticketTable).where(eq(ticketTable.number, number)))[0]!;

describe('check-in: what the scanner is told', () => {
  it('records the device and door of an admission and names them on the second scan', async () => {
    const ticket = order.tickets[0]!;
    const first = await scan({ code: ticket.qrPayload, performanceId: theatre, deviceId: DEVICE_A, door: 'Entrée nord' });
    expect(first.status).toBe(200);
    const at = new Date(shop.clock.now()).toISOString();
    expect(first.body).toMatchObject({ result: 'admitted', ticket: { number: ticket.number, tariffName: 'Plein tarif', seatLabel: ticket.seatLabel }, admittedAt: at });
    shop.clock.advance(3 * MINUTE);
    const second = await scan({ code: ticket.qrPayload, performanceId: theatre, deviceId: DEVICE_B, door: 'Entrée sud' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'ticket_already_admitted',
      details: { admittedAt: at, deviceId: DEVICE_A, door: 'Entrée nord', ticketNumber: ticket.number, tariffName: 'Plein tarif', seatLabel: ticket.seatLabel },
    });
    expect(second.body.error.message).toContain('Entrée nord');
  });

  it('names the performance a ticket is for: event title and start', async () => {
    const other = shop.demo.theatrePerformanceIds[1]!;
    const res = await scan({ code: order.tickets[1]!.qrPayload, performanceId: other });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ticket_wrong_performance', details: { performanceId: theatre, startsAt: startsOf(info), ticketNumber: order.tickets[1]!.number } });
    expect(res.body.error.details.eventTitle.length).toBeGreaterThan(0);
    expect(res.body.error.message).toContain(res.body.error.details.eventTitle);
  });

  it('says cancelled, and names the ticket an exchanged one was replaced by', async () => {
    const [cancelled, exchanged] = order.tickets;
    const cancel = await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'tickets', ticketNumbers: [cancelled!.number], reason: 'door test', refundMethod: 'none' });
    expect(cancel.status).toBe(201);
    const replacement = await exchangeAtDesk(exchanged!.number);
    const refusedCancel = await scan({ code: cancelled!.qrPayload });
    expect(refusedCancel.status).toBe(409);
    expect(refusedCancel.body.error).toMatchObject({ code: 'ticket_cancelled', details: { ticketNumber: cancelled!.number } });
    const refusedExchange = await scan({ code: exchanged!.qrPayload, performanceId: theatre });
    expect(refusedExchange.status).toBe(409);
    expect(refusedExchange.body.error).toMatchObject({ code: 'ticket_exchanged', details: { replacedBy: replacement, ticketNumber: exchanged!.number } });
  });

  it('admits an imported ticket by the barcode another system printed, and by its typed number', async () => {
    const [imported, damaged] = order.tickets.slice(2);
    // The import (another part of issue 17) stores the foreign barcode on the ticket.
    await shop.deps.storage.db.update(ticketTable).set({ externalCode: 'EXT-0042-9917' }).where(eq(ticketTable.number, imported!.number));
    const byBarcode = await scan({ code: ' EXT-0042-9917 ', performanceId: theatre, deviceId: DEVICE_A });
    expect(byBarcode.status).toBe(200);
    expect(byBarcode.body.ticket.number).toBe(imported!.number);
    expect((await scan({ code: 'EXT-0042-9917' })).body.error.code).toBe('ticket_already_admitted');
    expect((await scan({ code: 'EXT-0000-0000' })).body.error.code).toBe('ticket_unreadable');

    // Typed from a damaged ticket: any case, without dashes.
    const typed = damaged!.number.replace(/-/g, ' ').toLowerCase();
    const byNumber = await scan({ ticketNumber: typed, performanceId: theatre });
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.ticket.number).toBe(damaged!.number);
    expect((await scan({ ticketNumber: damaged!.number })).body.error.code).toBe('ticket_already_admitted');
    // A typed barcode of an imported ticket works too; an unknown number is unknown.
    expect((await scan({ ticketNumber: 'EXT-0042-9917' })).body.error.code).toBe('ticket_already_admitted');
    const unknown = await scan({ ticketNumber: 'TZZZ-ZZZZ-ZZZZ' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ticket_unknown');
  });

  it('wants a code or a typed number, not both, and a well-formed device id', async () => {
    for (const body of [{}, { code: order.tickets[0]!.qrPayload, ticketNumber: order.tickets[0]!.number }, { code: order.tickets[0]!.qrPayload, deviceId: 'short' }, { code: 'x', door: 'd'.repeat(61) }]) {
      const res = await scan(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect((await ticketRow(order.tickets[0]!.number)).admittedAt).toBeNull();
  });
});

/** Exchanges a ticket at the desk to the same seat of the next performance; answers the new ticket's number. */
async function exchangeAtDesk(ticketNumber: string): Promise<string> {
  const to = shop.demo.theatrePerformanceIds[1]!;
  const seatId = seats.C2![20]!;
  const quote = await shop.org('GET', `/api/org/orders/${order.number}/exchange/quote?ticketNumber=${ticketNumber}&performanceId=${to}&seatId=${seatId}&ignoreDeadline=true`);
  expect(quote.status, JSON.stringify(quote.body)).toBe(200);
  const res = await shop.org('POST', `/api/org/orders/${order.number}/exchanges`, {
    ticketNumber,
    performanceId: to,
    seatId,
    expectedAmount: quote.body.amountToPay - quote.body.refundDue,
    ignoreDeadline: true,
    payment: { method: 'cash' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const [replacement] = (await shop.deps.storage.db.select().from(ticketTable).where(eq(ticketTable.performanceId, to))).filter((t) => t.status === 'valid');
  return replacement!.number;
}

describe('door list by version', () => {
  it('answers every ticket without since, and only the changed ones after a cancel, an exchange, an admission and a sale', async () => {
    const full = await doorList(theatre);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ shopId: 'shp_demo', full: true, performance: { id: theatre, startsAt: startsOf(info) } });
    const key = await shop.call('GET', sf('/public-key'));
    expect(full.body.publicKey).toBe(key.body.publicKey);
    expect(full.body.tickets.map((t: { number: string }) => t.number).sort()).toEqual(order.tickets.map((t) => t.number).sort());
    expect(full.body.tickets[0]).toMatchObject({ status: 'valid', tariffName: 'Plein tarif', admittedAt: null, replacedBy: null, externalCode: null });
    const v0 = full.body.version as number;
    expect(Number.isInteger(v0) && v0 > 0).toBe(true);

    // Nothing changed: an empty delta at the same version.
    const none = await doorList(theatre, v0);
    expect(none.body).toMatchObject({ full: false, version: v0, tickets: [] });

    const [cancelled, exchanged, admitted, untouched] = order.tickets;
    expect((await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'tickets', ticketNumbers: [cancelled!.number], reason: 'delta', refundMethod: 'none' })).status).toBe(201);
    const replacement = await exchangeAtDesk(exchanged!.number);
    expect((await scan({ code: admitted!.qrPayload })).status).toBe(200);
    const sale = await buySeats(theatre, seats.C2!.slice(30, 32));
    // A change on another performance does not show here.
    await buySeats(shop.demo.theatrePerformanceIds[2]!, seats.C2!.slice(0, 1));

    const delta = await doorList(theatre, v0);
    expect(delta.status).toBe(200);
    expect(delta.body.full).toBe(false);
    expect(delta.body.version).toBeGreaterThan(v0);
    const byNumber = new Map((delta.body.tickets as { number: string }[]).map((t) => [t.number, t]));
    expect([...byNumber.keys()].sort()).toEqual([cancelled!.number, exchanged!.number, admitted!.number, ...sale.tickets.map((t) => t.number)].sort());
    expect(byNumber.has(untouched!.number)).toBe(false);
    expect(byNumber.get(cancelled!.number)).toMatchObject({ status: 'cancelled' });
    expect(byNumber.get(exchanged!.number)).toMatchObject({ status: 'exchanged', replacedBy: replacement });
    expect(byNumber.get(admitted!.number)).toMatchObject({ status: 'valid', admittedAt: new Date(shop.clock.now()).toISOString() });

    // From the new version on, nothing again; the full list still has them all.
    expect((await doorList(theatre, delta.body.version)).body.tickets).toEqual([]);
    const again = await doorList(theatre);
    expect(again.body.full).toBe(true);
    expect(again.body.tickets).toHaveLength(order.tickets.length + sale.tickets.length);
    // A version from the future (another database) gets the full list.
    const ahead = await doorList(theatre, delta.body.version + 1000);
    expect(ahead.body).toMatchObject({ full: true });
    expect(ahead.body.tickets).toHaveLength(order.tickets.length + sale.tickets.length);
  });

  it('refuses an unknown performance and a version that is not a number', async () => {
    const res = await doorList('prf_doesnotexist');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('performance_not_found');
    expect((await shop.org('GET', `/api/org/performances/${theatre}/door-list?since=abc`)).status).toBe(400);
  });
});

describe('offline sync', () => {
  it('keeps the earliest scan, reports later ones as duplicates, records each scan once and cancelled tickets too', async () => {
    const [t1, t2, t3, t4] = order.tickets;
    const now = shop.clock.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
    // Online first: t1 at now.
    expect((await scan({ code: t1!.qrPayload, deviceId: DEVICE_B, door: 'Sud' })).status).toBe(200);
    // t4 is cancelled after the device went offline: the holder still went in.
    expect((await shop.org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'tickets', ticketNumbers: [t4!.number], reason: 'late', refundMethod: 'none' })).status).toBe(201);

    const body = {
      deviceId: DEVICE_A,
      door: 'Nord',
      admissions: [
        { code: t1!.qrPayload, scannedAt: at(10) }, // earlier than the online scan: it stands
        { code: t2!.qrPayload, scannedAt: at(9) },
        { ticketNumber: t3!.number.toLowerCase(), scannedAt: at(8) },
        { code: t4!.qrPayload, scannedAt: at(7) },
        { code: t2!.qrPayload, scannedAt: at(6) }, // the same device read it again
        { code: `${t2!.qrPayload.slice(0, -4)}AAAA`, scannedAt: at(5) },
        { code: 'not-a-ticket', scannedAt: at(5) },
      ],
    };
    const first = await sync(body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.results).toEqual([
      { index: 0, ticketNumber: t1!.number, outcome: 'admitted' },
      { index: 1, ticketNumber: t2!.number, outcome: 'admitted' },
      { index: 2, ticketNumber: t3!.number, outcome: 'admitted' },
      { index: 3, ticketNumber: t4!.number, outcome: 'cancelled' },
      { index: 4, ticketNumber: t2!.number, outcome: 'duplicate', firstAdmission: { deviceId: DEVICE_A, door: 'Nord', scannedAt: at(9) } },
      { index: 5, ticketNumber: null, outcome: 'forged' },
      { index: 6, ticketNumber: null, outcome: 'unknown' },
    ]);
    expect((await ticketRow(t1!.number)).admittedAt).toBe(now - 10 * MINUTE);
    expect((await ticketRow(t4!.number)).admittedAt).toBe(now - 7 * MINUTE);

    // Sent again (the answer was lost): nothing recorded twice.
    const again = await sync(body);
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['already_synced', 'already_synced', 'already_synced', 'cancelled', 'already_synced', 'forged', 'unknown']);
    expect(again.body.results[4].firstAdmission).toEqual({ deviceId: DEVICE_A, door: 'Nord', scannedAt: at(9) });

    // The online scan of t1 (later) and the second read of t2 are the duplicates.
    const dups = await shop.org('GET', `/api/org/performances/${theatre}/door-duplicates`);
    expect(dups.status).toBe(200);
    const list = dups.body.duplicates as { ticketNumber: string; first: { deviceId: string; mode: string; scannedAt: string }; duplicate: { deviceId: string; mode: string; scannedAt: string; recordedAt: string } }[];
    expect(list.map((d) => [d.ticketNumber, d.first.deviceId, d.first.mode, d.duplicate.deviceId, d.duplicate.mode])).toEqual([
      [t1!.number, DEVICE_A, 'offline', DEVICE_B, 'online'],
      [t2!.number, DEVICE_A, 'offline', DEVICE_A, 'offline'],
    ]);
    expect(list[0]!.first.scannedAt).toBe(at(10));
    expect(list[0]!.duplicate.scannedAt).toBe(new Date(now).toISOString());

    // Online, t1 now names the offline admission.
    const rescan = await scan({ code: t1!.qrPayload });
    expect(rescan.body.error.details).toMatchObject({ admittedAt: at(10), deviceId: DEVICE_A, door: 'Nord' });

    // The overview of today.
    const overview = await shop.org('GET', `/api/org/door/overview?date=${startsOf(info).slice(0, 10)}`);
    expect(overview.status).toBe(200);
    const line = overview.body.performances.find((p: { id: string }) => p.id === theatre);
    expect(line).toMatchObject({ expected: 3, admitted: 4, duplicates: 2, lastAdmissionAt: new Date(now).toISOString() });
  });

  it('takes a full queue of 500 scans in one request (about 100 KB): one admission, 499 duplicates, each recorded once', async () => {
    const ticket = order.tickets[0]!;
    const start = shop.clock.now() - 600 * 1000;
    const admissions = Array.from({ length: 500 }, (_, i) => ({ code: ticket.qrPayload, scannedAt: new Date(start + i * 1000).toISOString() }));
    expect(JSON.stringify({ deviceId: DEVICE_A, admissions }).length).toBeGreaterThan(64 * 1024);
    const res = await sync({ deviceId: DEVICE_A, door: 'Nord', admissions });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const outcomes = (res.body.results as { outcome: string }[]).map((r) => r.outcome);
    expect(outcomes[0]).toBe('admitted');
    expect(outcomes.slice(1).every((o) => o === 'duplicate')).toBe(true);
    expect((await ticketRow(ticket.number)).admittedAt).toBe(start);
    const dups = await shop.org('GET', `/api/org/performances/${theatre}/door-duplicates`);
    expect(dups.body.duplicates).toHaveLength(499);
  });

  it("refuses another shop's code, and validates the request", async () => {
    const foreign = order.tickets[0]!.qrPayload.replace('shp_demo', 'shp_other');
    const res = await sync({ deviceId: DEVICE_A, admissions: [{ code: foreign, scannedAt: new Date(shop.clock.now()).toISOString() }] });
    expect(res.body.results).toEqual([{ index: 0, ticketNumber: null, outcome: 'wrong_shop' }]);
    for (const body of [
      { deviceId: DEVICE_A, admissions: [] },
      { deviceId: 'x', admissions: [{ code: 'a', scannedAt: new Date().toISOString() }] },
      { deviceId: DEVICE_A, admissions: [{ code: 'a', scannedAt: 'yesterday' }] },
      { deviceId: DEVICE_A, admissions: Array.from({ length: 501 }, () => ({ code: 'a', scannedAt: new Date().toISOString() })) },
    ]) {
      expect((await sync(body)).status).toBe(400);
    }
  });
});

describe('door overview', () => {
  it('lists the day’s performances in the shop’s time zone with expected and admitted', async () => {
    const day = startsOf(info).slice(0, 10);
    const res = await shop.org('GET', `/api/org/door/overview?date=${day}`);
    expect(res.status).toBe(200);
    expect(res.body.date).toBe(day);
    const line = res.body.performances.find((p: { id: string }) => p.id === theatre);
    expect(line).toMatchObject({ startsAt: startsOf(info), expected: 4, admitted: 0, duplicates: 0, lastAdmissionAt: null });
    expect(line.venueName.length).toBeGreaterThan(0);
    // Every performance listed starts on that local day.
    for (const p of res.body.performances) expect(new Date(p.startsAt).toLocaleDateString('en-CA', { timeZone: res.body.timeZone })).toBe(day);
    const next = await shop.org('GET', `/api/org/door/overview?date=${shop.demo.theatrePerformanceIds.length > 1 ? startsOf(await performanceInfo(shop, shop.demo.theatrePerformanceIds[1]!)).slice(0, 10) : day}`);
    expect(next.body.performances.some((p: { id: string }) => p.id === theatre)).toBe(false);
    // Without a date: today, which holds no performance of the demo.
    const today = await shop.org('GET', '/api/org/door/overview');
    expect(today.body.date).toBe(new Date(shop.clock.now()).toLocaleDateString('en-CA', { timeZone: today.body.timeZone }));
    expect((await shop.org('GET', '/api/org/door/overview?date=2026-02-30')).status).toBe(400);
  });
});
