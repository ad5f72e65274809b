import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { PerformanceSeriesBody } from '../../contract/organizer.js';
import { events } from '../../db/schema/catalog.js';
import { createSeries, planSeries } from '../../worker/src/services/performance-series.js';
import { checkoutHold, createTestShop, sf, type TestShop } from './harness.js';

let shop: TestShop;
beforeEach(async () => {
  shop = await createTestShop();
  // A fixed "now" before the spring change of 2027, so the dates below stay in the future.
  shop.clock.current = Date.parse('2027-03-01T09:00:00Z');
});
afterEach(() => shop.close());

async function draftEvent(title = 'La Cerisaie') {
  const venues = await shop.org('GET', '/api/org/venues');
  const venue = venues.body.venues.find((v: any) => v.plans.length > 0);
  const event = await shop.org('POST', '/api/org/events', { venueId: venue.id, title });
  expect(event.status).toBe(201);
  return { event: event.body, venue, plan: venue.plans[0] };
}

/** Tuesday to Saturday at 20:00 and Sunday at 15:00, three weeks from Tuesday 23 March 2027 (clocks change on the 28th). */
const threeWeeks = { firstDate: '2027-03-23', weeks: 3, weekdays: ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['20:00'], timesByWeekday: { sun: ['15:00'] } };

describe('a series of performances', () => {
  it('previews the dates in the shop’s time zone, creates nothing, then creates them all in one request', async () => {
    const { event } = await draftEvent();
    const body = { ...threeWeeks, capacity: 120, doorsOpenMinutesBefore: 45, salesEndMinutesBefore: 60 };
    const preview = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, { ...body, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, timeZone: 'Europe/Zurich', count: 18 });
    const starts = preview.body.dates.map((d: any) => `${d.date} ${d.weekday} ${d.time} ${d.startsAt}`);
    expect(starts.slice(0, 7)).toEqual([
      '2027-03-23 tue 20:00 2027-03-23T19:00:00.000Z',
      '2027-03-24 wed 20:00 2027-03-24T19:00:00.000Z',
      '2027-03-25 thu 20:00 2027-03-25T19:00:00.000Z',
      '2027-03-26 fri 20:00 2027-03-26T19:00:00.000Z',
      '2027-03-27 sat 20:00 2027-03-27T19:00:00.000Z',
      '2027-03-28 sun 15:00 2027-03-28T13:00:00.000Z',
      '2027-03-30 tue 20:00 2027-03-30T18:00:00.000Z',
    ]);
    expect(preview.body.dates.at(-1)).toMatchObject({
      date: '2027-04-11',
      weekday: 'sun',
      startsAt: '2027-04-11T13:00:00.000Z',
      doorsAt: '2027-04-11T12:15:00.000Z',
      salesEndAt: '2027-04-11T12:00:00.000Z',
      salesStartAt: null,
      existingPerformanceId: null,
    });
    expect((await shop.org('GET', `/api/org/events/${event.id}`)).body.performances).toEqual([]);

    const created = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ dryRun: false, count: 18, skipped: [] });
    expect(created.body.performances.map((p: any) => p.startsAt)).toEqual(preview.body.dates.map((d: any) => d.startsAt));
    expect(created.body.performances[0]).toMatchObject({ capacity: 120, planId: null, doorsAt: '2027-03-23T18:15:00.000Z', salesEndAt: '2027-03-23T18:00:00.000Z', status: 'scheduled' });

    // Each date is a real general-admission performance: once published, it sells.
    const tariff = await shop.org('POST', `/api/org/events/${event.id}/tariffs`, { name: 'Plein tarif', price: 3500 });
    expect((await shop.org('PATCH', `/api/org/events/${event.id}`, { status: 'published' })).status).toBe(200);
    const publicEvent = await shop.call('GET', sf('/events'));
    expect(publicEvent.body.events.find((e: any) => e.id === event.id).performances).toHaveLength(18);
    const first = created.body.performances[0].id;
    const hold = await shop.call('POST', sf('/holds'), { performanceId: first, quantities: [{ tariffId: tariff.body.id, quantity: 2 }] });
    expect(hold.status).toBe(201);
    expect((await checkoutHold(shop, hold.body.id)).body).toMatchObject({ status: 'paid', total: 7000 });

    // The organizer's list and page show what comes next and what sold.
    const list = await shop.org('GET', '/api/org/events');
    expect(list.body.events.find((e: any) => e.id === event.id)).toMatchObject({ nextPerformanceAt: '2027-03-23T19:00:00.000Z', upcomingPerformances: 18, status: 'published' });
    const page = await shop.org('GET', `/api/org/events/${event.id}`);
    expect(page.body.performances.map((p: any) => p.sold)).toEqual([2, ...Array(17).fill(0)]);
  });

  it('never doubles a date the event already has: the preview names it and the series skips it', async () => {
    const { event } = await draftEvent();
    const existing = await shop.org('POST', `/api/org/events/${event.id}/performances`, { startsAt: Date.parse('2027-03-25T19:00:00Z'), capacity: 50 });
    const preview = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, { ...threeWeeks, capacity: 80, dryRun: true });
    expect(preview.body.count).toBe(17);
    expect(preview.body.dates.filter((d: any) => d.existingPerformanceId).map((d: any) => [d.date, d.existingPerformanceId])).toEqual([['2027-03-25', existing.body.id]]);
    const created = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, { ...threeWeeks, capacity: 80 });
    expect(created.body.count).toBe(17);
    expect(created.body.skipped.map((d: any) => d.date)).toEqual(['2027-03-25']);
    const again = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, { ...threeWeeks, capacity: 80 });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ count: 0, performances: [] });
    expect(again.body.skipped).toHaveLength(18);
    expect((await shop.org('GET', `/api/org/events/${event.id}`)).body.performances).toHaveLength(18);
  });

  it('seats every date on the plan, with days left out and a sales opening date', async () => {
    const { event, plan } = await draftEvent();
    const opens = Date.parse('2027-03-10T08:00:00Z');
    const res = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, {
      firstDate: '2027-04-01',
      lastDate: '2027-04-30',
      weekdays: ['fri', 'sat'],
      times: ['19:30'],
      exceptDates: ['2027-04-02', '2027-04-17'],
      planId: plan.id,
      salesStartAt: opens,
    });
    expect(res.status).toBe(201);
    expect(res.body.performances.map((p: any) => p.startsAt.slice(0, 10))).toEqual(['2027-04-03', '2027-04-09', '2027-04-10', '2027-04-16', '2027-04-23', '2027-04-24', '2027-04-30']);
    for (const p of res.body.performances) expect(p).toMatchObject({ planId: plan.id, capacity: null, salesStartAt: new Date(opens).toISOString(), salesEndAt: null });
    expect(await shop.sql(`SELECT count(*) AS n FROM ga_inventory WHERE performance_id IN (SELECT id FROM performances WHERE event_id = '${event.id}')`)).toEqual([{ n: 0 }]);
  });

  it('creates all the dates or none', async () => {
    const { event } = await draftEvent();
    // Sabotage the batch's last statement on purpose: the counter of the 5th date cannot be written.
    await shop.sql(
      `CREATE TRIGGER refuse_one BEFORE INSERT ON ga_inventory WHEN NEW.performance_id IN (SELECT id FROM performances WHERE starts_at = ${Date.parse('2027-03-27T19:00:00Z')}) BEGIN SELECT RAISE(ABORT, 'sabotage'); END`,
    );
    const res = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, { ...threeWeeks, capacity: 80 });
    expect(res.status).toBe(500);
    expect(await shop.sql(`SELECT count(*) AS n FROM performances WHERE event_id = '${event.id}'`)).toEqual([{ n: 0 }]);
    expect(await shop.sql(`SELECT count(*) AS n FROM ga_inventory WHERE performance_id NOT IN (SELECT id FROM performances)`)).toEqual([{ n: 0 }]);
  });

  it('splits a long series over several statements of one batch under D1’s parameter limit', async () => {
    const { event } = await draftEvent();
    const body = v.parse(PerformanceSeriesBody, { firstDate: '2027-03-02', weeks: 20, weekdays: ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['20:00'], timesByWeekday: { sun: ['11:00', '17:00'] }, capacity: 90 });
    const [row] = await shop.deps.storage.db.select().from(events).where(eq(events.id, event.id));
    const planned = await planSeries(shop.deps.storage.db, row!, body, shop.clock.now());
    expect(planned.dates).toHaveLength(140);
    const created = await createSeries(shop.deps.storage.db, 100, row!, body, planned, shop.clock.now());
    expect(created).toHaveLength(140);
    expect(created.map((p) => p.startsAt)).toEqual(planned.dates.map((d) => d.startsAt));
    expect(await shop.sql(`SELECT count(*) AS n, min(capacity) AS lo, max(capacity) AS hi FROM ga_inventory WHERE performance_id IN (SELECT id FROM performances WHERE event_id = '${event.id}')`)).toEqual([
      { n: 140, lo: 90, hi: 90 },
    ]);
  });

  it('refuses series that are empty, too long, in the past, or ill-formed, naming the field', async () => {
    const { event, plan } = await draftEvent();
    const post = (body: object) => shop.org('POST', `/api/org/events/${event.id}/performances/series`, body);

    const empty = await post({ firstDate: '2027-03-23', lastDate: '2027-03-27', weekdays: ['mon', 'sun'], times: ['20:00'], capacity: 10 });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'series_empty']);

    const tooLong = await post({ firstDate: '2027-03-02', weeks: 104, weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['20:00'], capacity: 10 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'series_too_long', details: { count: 728, max: 400 } });

    const past = await post({ firstDate: '2027-03-01', weeks: 1, weekdays: ['mon'], times: ['09:00'], capacity: 10 });
    expect(past.body.error).toMatchObject({ code: 'series_in_past', details: { startsAt: '2027-03-01T08:00:00.000Z' } });

    const lateOpening = await post({ firstDate: '2027-03-23', weeks: 2, weekdays: ['tue'], times: ['20:00'], capacity: 10, salesStartAt: Date.parse('2027-03-30T10:00:00Z'), salesEndMinutesBefore: 60 });
    expect(lateOpening.body.error).toMatchObject({ code: 'series_sales_window_empty', details: { startsAt: '2027-03-23T19:00:00.000Z' } });

    const cases: [object, string][] = [
      [{ firstDate: '2027-03-23', weeks: 2, lastDate: '2027-04-01', weekdays: ['tue'], times: ['20:00'], capacity: 10 }, 'lastDate'],
      [{ firstDate: '2027-03-23', weekdays: ['tue'], times: ['20:00'], capacity: 10 }, 'lastDate'],
      [{ firstDate: '2027-03-23', lastDate: '2027-03-01', weekdays: ['tue'], times: ['20:00'], capacity: 10 }, 'lastDate'],
      [{ firstDate: '2027-02-30', weeks: 1, weekdays: ['tue'], times: ['20:00'], capacity: 10 }, 'firstDate'],
      [{ firstDate: '2027-03-23', weeks: 1, weekdays: ['tue'], times: ['24:00'], capacity: 10 }, 'times.0'],
      [{ firstDate: '2027-03-23', weeks: 1, weekdays: ['tue'], times: ['20:00', '20:00'], capacity: 10 }, 'times'],
      [{ firstDate: '2027-03-23', weeks: 1, weekdays: [], times: ['20:00'], capacity: 10 }, 'weekdays'],
      [{ firstDate: '2027-03-23', weeks: 1, weekdays: ['tuesday'], times: ['20:00'], capacity: 10 }, 'weekdays.0'],
      [{ firstDate: '2027-03-23', weeks: 1, weekdays: ['tue'], times: ['20:00'] }, 'capacity'],
      [{ firstDate: '2027-03-23', weeks: 1, weekdays: ['tue'], times: ['20:00'], capacity: 10, planId: plan.id }, 'capacity'],
      [{ firstDate: '2027-03-23', weeks: 1, weekdays: ['tue'], times: ['20:00'], capacity: 10, timesByWeekday: { sun: [] } }, 'timesByWeekday.sun'],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.details.issues[0].path, JSON.stringify(body)).toBe(path);
    }
    expect((await shop.org('GET', `/api/org/events/${event.id}`)).body.performances).toEqual([]);
  });

  it('refuses a plan of another venue and an event of another shop', async () => {
    const { event } = await draftEvent();
    const other = await shop.org('POST', '/api/org/venues', { name: 'Grange' });
    const otherEvent = await shop.org('POST', '/api/org/events', { venueId: other.body.id, title: 'Ailleurs' });
    const venues = await shop.org('GET', '/api/org/venues');
    const planElsewhere = venues.body.venues.find((v: any) => v.plans.length > 0).plans[0].id;
    const res = await shop.org('POST', `/api/org/events/${otherEvent.body.id}/performances/series`, { ...threeWeeks, planId: planElsewhere });
    expect([res.status, res.body.error.code]).toEqual([400, 'plan_not_in_venue']);
    const missing = await shop.org('POST', '/api/org/events/evt_doesnotexist/performances/series', { ...threeWeeks, capacity: 5 });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'event_not_found']);
    expect(event.id).not.toBe(otherEvent.body.id);
  });
});

describe('deleting what nobody uses', () => {
  it('deletes an unused tariff; refuses one that sold or that a promo code unlocks', async () => {
    const { event } = await draftEvent();
    const tariff = await shop.org('POST', `/api/org/events/${event.id}/tariffs`, { name: 'Erreur de saisie', price: 100 });
    const deleted = await shop.org('DELETE', `/api/org/tariffs/${tariff.body.id}`);
    expect(deleted).toMatchObject({ status: 200, body: { id: tariff.body.id, deleted: true } });
    expect((await shop.org('GET', `/api/org/events/${event.id}`)).body.tariffs).toEqual([]);
    expect((await shop.org('DELETE', `/api/org/tariffs/${tariff.body.id}`)).body.error.code).toBe('tariff_not_found');

    const member = shop.demo.codes.memberTariffIds[0]!;
    const unlocked = await shop.org('DELETE', `/api/org/tariffs/${member}`);
    expect([unlocked.status, unlocked.body.error.code]).toEqual([409, 'tariff_in_use']);

    // Sold: a ticket refers to it.
    const series = await shop.org('POST', `/api/org/events/${event.id}/performances/series`, { firstDate: '2027-03-23', weeks: 1, weekdays: ['tue'], times: ['20:00'], capacity: 30 });
    const sold = await shop.org('POST', `/api/org/events/${event.id}/tariffs`, { name: 'Plein tarif', price: 2000 });
    await shop.org('PATCH', `/api/org/events/${event.id}`, { status: 'published' });
    const hold = await shop.call('POST', sf('/holds'), { performanceId: series.body.performances[0].id, quantities: [{ tariffId: sold.body.id, quantity: 1 }] });
    expect(hold.status).toBe(201);
    expect((await shop.org('DELETE', `/api/org/tariffs/${sold.body.id}`)).body.error.code).toBe('tariff_in_use');
    expect((await checkoutHold(shop, hold.body.id)).body.status).toBe('paid');
    expect((await shop.org('DELETE', `/api/org/tariffs/${sold.body.id}`)).status).toBe(409);
    expect((await shop.org('GET', `/api/org/events/${event.id}`)).body.tariffs.map((t: any) => t.id)).toEqual([sold.body.id]);
  });

  it('deletes an unsold performance with its inventory and blocked seats; refuses one with a hold or a ticket', async () => {
    const { event, plan } = await draftEvent();
    const ga = await shop.org('POST', `/api/org/events/${event.id}/performances`, { startsAt: Date.parse('2027-05-01T18:00:00Z'), capacity: 20 });
    const gone = await shop.org('DELETE', `/api/org/performances/${ga.body.id}`);
    expect(gone).toMatchObject({ status: 200, body: { id: ga.body.id, deleted: true } });
    expect(await shop.sql(`SELECT count(*) AS n FROM ga_inventory WHERE performance_id = '${ga.body.id}'`)).toEqual([{ n: 0 }]);

    const seated = await shop.org('POST', `/api/org/events/${event.id}/performances`, { startsAt: Date.parse('2027-05-02T18:00:00Z'), planId: plan.id });
    const geometry = await shop.call('GET', sf(`/plans/${plan.id}`));
    const block = await shop.org('POST', `/api/org/performances/${seated.body.id}/blocks`, { seatIds: geometry.body.seats.id.slice(0, 3) });
    expect(block.body.blocked).toHaveLength(3);
    expect((await shop.org('DELETE', `/api/org/performances/${seated.body.id}`)).status).toBe(200);

    // A demo performance with sales, and a fresh one with a live hold, stay.
    const kept = await shop.org('POST', `/api/org/events/${event.id}/performances`, { startsAt: Date.parse('2027-05-03T18:00:00Z'), capacity: 20 });
    const tariff = await shop.org('POST', `/api/org/events/${event.id}/tariffs`, { name: 'Plein tarif', price: 2000 });
    await shop.org('PATCH', `/api/org/events/${event.id}`, { status: 'published' });
    const hold = await shop.call('POST', sf('/holds'), { performanceId: kept.body.id, quantities: [{ tariffId: tariff.body.id, quantity: 1 }] });
    expect(hold.status).toBe(201);
    const refused = await shop.org('DELETE', `/api/org/performances/${kept.body.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'performance_in_use']);
    expect(await shop.sql(`SELECT capacity, taken FROM ga_inventory WHERE performance_id = '${kept.body.id}'`)).toEqual([{ capacity: 20, taken: 1 }]);
    expect((await shop.org('GET', `/api/org/events/${event.id}`)).body.performances.map((p: any) => p.id)).toEqual([kept.body.id]);
  });
});
