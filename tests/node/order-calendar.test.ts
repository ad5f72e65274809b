import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, performances, venues } from '../../db/schema/catalog.js';
import { orders } from '../../db/schema/orders.js';
import { calendarUtcTime, defaultPerformanceLengthMs, escapeCalendarText, foldCalendarLine, orderCalendarIcs, type OrderCalendar } from '../../worker/src/domain/order-calendar.js';
import { checkoutHold, createTestShop, GOOD_CARD, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

const HOUR = 3_600_000;
const octets = (line: string) => new TextEncoder().encode(line).length;

/** The file's events as an independent parser reads them. */
function parsedEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      start: event.startDate.toJSDate().getTime(),
      end: event.endDate.toJSDate().getTime(),
      startZone: event.startDate.zone?.tzid,
      url: vevent.getFirstPropertyValue('url'),
    };
  });
}

const calendar = (over: Partial<OrderCalendar['performances'][number]> = {}): OrderCalendar => ({
  orderNumber: 'ORD-1',
  host: 'tickets.example',
  stampedAt: Date.UTC(2027, 0, 1, 12),
  orderPageUrl: 'https://theatre.example/billets?order=ORD-1&secret=abc',
  orderPageLabel: 'View my order',
  performances: [
    { performanceId: 'prf_1', startsAt: Date.UTC(2027, 1, 3, 19, 30), endsAt: null, title: 'Hamlet', venueName: 'Théâtre', venueAddress: 'Quai 1, Lausanne', ticketLines: ['Ticket 1: A, row 1, seat 2 · Adult'], ...over },
  ],
});

describe('the calendar file (pure)', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeCalendarText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(calendarUtcTime(Date.UTC(2027, 1, 3, 19, 30, 5))).toBe('20270203T193005Z');
  });

  it('folds at 75 octets without cutting a UTF-8 character, continuation lines starting with a space', () => {
    const line = `SUMMARY:${'é'.repeat(40)}${'€'.repeat(30)}😀😀😀${'x'.repeat(100)}`;
    const folded = foldCalendarLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const [i, part] of parts.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      // A lone surrogate or a split multi-byte sequence would not survive the round trip.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(part))).toBe(part);
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldCalendarLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes one event per performance, CRLF line ends, a stable UID, UTC times and a 2-hour default length', () => {
    const ics = orderCalendarIcs(calendar());
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [event] = parsedEvents(ics);
    expect(event).toMatchObject({ uid: 'prf_1.ORD-1@tickets.example', summary: 'Hamlet', location: 'Théâtre, Quai 1, Lausanne', url: 'https://theatre.example/billets?order=ORD-1&secret=abc' });
    expect(event!.start).toBe(Date.UTC(2027, 1, 3, 19, 30));
    expect(event!.end).toBe(Date.UTC(2027, 1, 3, 19, 30) + defaultPerformanceLengthMs);
    expect(ics).toContain('DTSTART:20270203T193000Z');
    expect(event!.description).toBe('Ticket 1: A, row 1, seat 2 · Adult\n\nView my order: https://theatre.example/billets?order=ORD-1&secret=abc');
    expect(orderCalendarIcs(calendar())).toBe(ics);
  });

  it('reads back a title with , ; \\ and a long accented title exactly', () => {
    const tricky = 'Rock, Pop; and \\ Back\nagain';
    expect(parsedEvents(orderCalendarIcs(calendar({ title: tricky })))[0]!.summary).toBe(tricky);
    const long = 'Théâtre — «Les Misérables», œuvre complète en 5 actes ✨ '.repeat(4);
    const ics = orderCalendarIcs(calendar({ title: long }));
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(parsedEvents(ics)[0]!.summary).toBe(long);
  });
});

describe('the calendar of an order (GET …/calendar.ics)', () => {
  let shop: TestShop;
  let from: string;
  let to: string;
  let order: { number: string; secret: string; tickets: { number: string }[] };
  const db = () => shop.deps.storage.db;
  const ics = (secret = order.secret) => shop.app.request(sf(`/orders/${order.number}/calendar.ics?secret=${secret}`));

  beforeAll(async () => {
    shop = await createTestShop();
    [from, to] = shop.demo.theatrePerformanceIds as [string, string];
    const info = await performanceInfo(shop, from);
    const seats = await seatsByZone(shop, info.planId!);
    await db().update(events).set({ exchangeEnabled: true, exchangeDeadlineHours: 24, exchangeFee: 0, translations: { de: { title: 'Der Sturm, Teil 1; \\ Probe' } } }).where(eq(events.id, shop.demo.theatreEventId));
    const hold = await shop.call('POST', sf('/holds'), { performanceId: from, seats: [seats.C2![0]!, seats.C2![1]!].map((seatId) => ({ seatId })) });
    const paid = await checkoutHold(shop, hold.body.id);
    expect(paid.status).toBe(201);
    order = paid.body;
    await db().update(orders).set({ buyerLanguage: 'de' }).where(eq(orders.number, order.number));
    // The second ticket moves to another date.
    const quote = await shop.call('GET', sf(`/orders/${order.number}/exchange/quote?secret=${order.secret}&ticketNumber=${order.tickets[1]!.number}&performanceId=${to}&seatId=${seats.C2![5]!}`));
    expect(quote.status).toBe(200);
    const moved = await shop.call('POST', sf(`/orders/${order.number}/exchanges?secret=${order.secret}`), {
      ticketNumber: order.tickets[1]!.number,
      performanceId: to,
      seatId: seats.C2![5]!,
      expectedAmount: quote.body.amountToPay,
      payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
    });
    expect(moved.status).toBe(201);
  });
  afterAll(() => shop.close());

  it('answers a download with one event per date of the valid tickets, in the buyer’s language, times in UTC', async () => {
    const res = await ics();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="order-${order.number}.ics"`);
    const text = await res.text();
    const found = parsedEvents(text).sort((a, b) => a.start - b.start);
    const starts = await db().select({ id: performances.id, startsAt: performances.startsAt }).from(performances);
    const startOf = (id: string) => starts.find((p) => p.id === id)!.startsAt;
    expect(found.map((e) => e.uid).sort()).toEqual([`${from}.${order.number}@localhost`, `${to}.${order.number}@localhost`].sort());
    const [venue] = await db().select({ name: venues.name, address: venues.address }).from(venues).innerJoin(events, eq(events.venueId, venues.id)).where(eq(events.id, shop.demo.theatreEventId));
    for (const event of found) {
      const id = event.uid.split('.')[0]!;
      expect(event.start).toBe(startOf(id));
      expect(event.end).toBe(startOf(id) + 2 * HOUR);
      expect(event.summary).toBe('Der Sturm, Teil 1; \\ Probe');
      expect(event.location).toBe([venue!.name, venue!.address].filter(Boolean).join(', '));
      expect(event.url).toBe(`http://localhost/order.html?order=${order.number}&secret=${order.secret}`);
      expect(event.description).toContain('Bestellung ansehen: http://localhost/order.html?order=');
    }
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    // The first ticket stays on its date; the exchanged one is only on its new date, as its new ticket.
    const onFrom = found.find((e) => e.uid.startsWith(from))!;
    const onTo = found.find((e) => e.uid.startsWith(to))!;
    expect(onFrom.description).toContain(order.tickets[0]!.number);
    expect(onFrom.description).not.toContain(order.tickets[1]!.number);
    expect(onFrom.description).toMatch(/Reihe .*, Platz /);
    expect(onTo.description.split('\n').filter((l: string) => l.startsWith('Ticket'))).toHaveLength(1);
    expect(onTo.description).not.toContain(order.tickets[1]!.number);
  });

  it('answers 404 to a wrong secret, like the order page', async () => {
    const res = await ics('x'.repeat(order.secret.length));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('order_not_found');
  });
});
