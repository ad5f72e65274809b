import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventTextsIn } from '../../worker/src/domain/event-texts.js';
import { createTestShop, sf, type TestShop } from './harness.js';

let shop: TestShop;
beforeEach(async () => {
  shop = await createTestShop();
});
afterEach(() => shop.close());

describe('an event in the shop’s languages', () => {
  it('keeps the texts per language and serves buyers theirs, the default language’s where one is missing', async () => {
    const venues = await shop.org('GET', '/api/org/venues');
    const created = await shop.org('POST', '/api/org/events', {
      venueId: venues.body.venues[0].id,
      title: 'La Cerisaie',
      subtitle: 'Tchekhov',
      description: 'Une famille ruinée.',
      status: 'published',
      translations: { de: { title: 'Der Kirschgarten', description: 'Eine ruinierte Familie.' }, en: { title: 'The Cherry Orchard', subtitle: '', description: '' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.translations).toEqual({ de: { title: 'Der Kirschgarten', description: 'Eine ruinierte Familie.' }, en: { title: 'The Cherry Orchard', subtitle: '', description: '' } });
    const id = created.body.id;
    const performance = await shop.org('POST', `/api/org/events/${id}/performances`, { startsAt: shop.clock.now() + 86_400_000, capacity: 10 });

    const inLanguage = async (lang?: string) => (await shop.call('GET', sf(`/events${lang ? `?lang=${lang}` : ''}`))).body.events.find((e: any) => e.id === id);
    expect(await inLanguage('de')).toMatchObject({ title: 'Der Kirschgarten', subtitle: 'Tchekhov', description: 'Eine ruinierte Familie.' });
    expect(await inLanguage('en')).toMatchObject({ title: 'The Cherry Orchard', subtitle: 'Tchekhov', description: 'Une famille ruinée.' });
    expect(await inLanguage('it')).toMatchObject({ title: 'La Cerisaie' });
    expect(await inLanguage()).toMatchObject({ title: 'La Cerisaie' });
    expect((await shop.call('GET', sf(`/events/${id}?lang=de`))).body.title).toBe('Der Kirschgarten');
    expect((await shop.call('GET', sf(`/performances/${performance.body.id}?lang=de`))).body.event.title).toBe('Der Kirschgarten');
    const wrong = await shop.call('GET', sf('/events?lang=es'));
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details.issues[0].path]).toEqual([400, 'invalid_request', 'lang']);

    // A change replaces the translations as a whole.
    const patched = await shop.org('PATCH', `/api/org/events/${id}`, { translations: { it: { title: 'Il giardino dei ciliegi' } } });
    expect(patched.body.translations).toEqual({ it: { title: 'Il giardino dei ciliegi' } });
    expect(await inLanguage('it')).toMatchObject({ title: 'Il giardino dei ciliegi' });
    expect(await inLanguage('de')).toMatchObject({ title: 'La Cerisaie' });
    expect((await shop.org('GET', `/api/org/events/${id}`)).body.translations).toEqual({ it: { title: 'Il giardino dei ciliegi' } });
  });

  it('refuses a language the product does not speak and texts too long', async () => {
    const venues = await shop.org('GET', '/api/org/venues');
    const bad = await shop.org('POST', '/api/org/events', { venueId: venues.body.venues[0].id, title: 'X', translations: { es: { title: 'Y' } } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_request']);
    const long = await shop.org('POST', '/api/org/events', { venueId: venues.body.venues[0].id, title: 'X', translations: { de: { title: 'Y'.repeat(201) } } });
    expect(long.body.error.details.issues[0].path).toBe('translations.de.title');
  });
});

describe('eventTextsIn', () => {
  it('takes each translated text and falls back text by text', () => {
    const event = { title: 'T', subtitle: 'S', description: 'D', translations: { de: { title: 'T-de', subtitle: '' } } };
    expect(eventTextsIn(event, 'de')).toEqual({ title: 'T-de', subtitle: 'S', description: 'D' });
    expect(eventTextsIn(event, 'fr')).toEqual({ title: 'T', subtitle: 'S', description: 'D' });
    expect(eventTextsIn(event, undefined)).toEqual({ title: 'T', subtitle: 'S', description: 'D' });
  });
});
