import { describe, expect, it } from 'vitest';
import { call, SHOP, seedDemoShop } from './helpers';

describe('a series of performances in workerd (D1)', () => {
  it('creates a long general-admission series in one batch under D1’s limits, and buyers see it in their language', async () => {
    const demo = await seedDemoShop();
    const venues = await demo.org('GET', '/api/org/venues');
    const event = await demo.org('POST', '/api/org/events', { venueId: venues.body.venues[0].id, title: 'La Cerisaie', status: 'published', translations: { de: { title: 'Der Kirschgarten' } } });
    expect(event.status).toBe(201);
    // Every day but Monday for 40 weeks, twice on Sundays: 280 dates, many statements' worth of rows.
    const first = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const body = { firstDate: first, weeks: 40, weekdays: ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['20:00'], timesByWeekday: { sun: ['11:00', '17:00'] }, capacity: 80 };
    const preview = await demo.org('POST', `/api/org/events/${event.body.id}/performances/series`, { ...body, dryRun: true });
    expect(preview.body.count).toBe(280);
    const created = await demo.org('POST', `/api/org/events/${event.body.id}/performances/series`, body);
    expect(created.status).toBe(201);
    expect(created.body.count).toBe(280);
    expect(created.body.performances.map((p: { startsAt: string }) => p.startsAt)).toEqual(preview.body.dates.map((d: { startsAt: string }) => d.startsAt));
    const listed = await call('GET', `${SHOP}/events/${event.body.id}?lang=de`);
    expect(listed.body.title).toBe('Der Kirschgarten');
    expect(listed.body.performances).toHaveLength(280);
    const ga = await call('GET', `${SHOP}/performances/${created.body.performances[279].id}/availability`);
    expect(ga.body).toMatchObject({ seating: 'general_admission', capacity: 80, remaining: 80 });
  });
});
