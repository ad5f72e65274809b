import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';

/** A Tuesday at least two weeks ahead, as the shop's calendar writes it (YYYY-MM-DD). */
function tuesdayAhead(): string {
  const day = new Date(Date.now() + 14 * 86_400_000);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** The element that has the focus, through shadow roots: its id, or its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? el.id || el.textContent?.trim() || el.tagName : null;
  });

/** Tabs forward until the focus is on what `target` names (an id or a text); the keyboard alone. */
async function tabTo(page: Page, target: string, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target} (last: ${await focused(page)})`);
}

async function api(rig: ConsoleRig, path: string) {
  const response = await fetch(`${rig.server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${rig.server.demo.token}` } });
  return (await response.json()) as any;
}

describe('the events screens', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('creates an event with its texts in every language, a series of dates and prices, publishes it, and buyers see it', async () => {
    const { page, problems, close } = await openConsole(rig, '/events', { locale: 'fr', as: 'manager' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Événements');
    await expectNoAxeViolations(page);

    // The event, in French (the shop's default) and German; Italian and English left to fall back.
    await page.getByRole('button', { name: 'Nouvel événement' }).click();
    const venues = await api(rig, '/api/org/venues');
    await page.locator('#venue').selectOption(venues.venues[0].id);
    await page.locator('#title-fr').fill('La Cerisaie');
    await page.locator('#subtitle-fr').fill('Tchekhov');
    await page.locator('#description-fr').fill('Une famille ruinée et son verger.');
    await page.locator('#title-de').fill('Der Kirschgarten');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Créer l’événement' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/events\/evt_[a-z0-9]+$/);
    const eventId = (await page.evaluate(() => location.hash)).match(/evt_[a-z0-9]+/)![0];
    await expect.poll(() => screenHeading(page).textContent()).toBe('La Cerisaie');
    await expect(page.locator('.notice.success').textContent()).resolves.toContain('créé comme brouillon');

    // Tuesday to Sunday for three weeks at 20:00, Sundays at 15:00, general admission.
    await page.getByRole('button', { name: 'Ajouter une série de dates' }).click();
    const first = tuesdayAhead();
    await page.locator('#series-first').fill(first);
    await page.locator('#series-weeks').fill('3');
    for (const day of ['tue', 'wed', 'thu', 'fri', 'sat', 'sun']) await page.locator(`#series-day-${day}`).check();
    await page.locator('#series-own-sun').fill('15:00');
    await page.getByRole('radio', { name: 'Placement libre (un nombre de places)' }).check();
    await page.locator('#series-capacity').fill('120');
    await page.locator('#series-close').fill('30');
    await page.getByRole('button', { name: 'Voir les dates' }).click();
    await expect.poll(() => page.locator('#series-preview').textContent()).toBe('18 représentations seront créées :');
    expect(await page.locator('ol.dates li').count()).toBe(18);
    await expect(page.locator('ol.dates li').first().textContent()).resolves.toContain('20:00');
    await expect(page.locator('ol.dates li').nth(5).textContent()).resolves.toContain('15:00');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Créer 18 représentations' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('18 représentations ont été ajoutées.');
    expect(await page.locator('section[aria-labelledby="performances"] tbody tr').count()).toBe(18);
    await expect(page.locator('section[aria-labelledby="performances"] tbody tr').first().textContent()).resolves.toContain('0 / 120');

    // A price the buyer sees, typed with the keyboard alone, and a hidden one.
    await tabTo(page, 'Ajouter un tarif', 250);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#tariff-zone').count()).toBe(1);
    await tabTo(page, 'tariff-zone');
    await page.keyboard.press('End'); // general admission, the last choice
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('tariff-name');
    await page.keyboard.type('Plein tarif');
    await page.keyboard.press('Tab');
    await page.keyboard.type('35,5O'); // a typo first: refused before anything is sent
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#tariff-price-error').textContent()).toBe('Saisissez un prix comme 35 ou 35.50.');
    expect(await focused(page)).toBe('tariff-price');
    await expect(page.locator('#tariff-price').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Le tarif a été ajouté.');

    await page.getByRole('button', { name: 'Ajouter un tarif' }).click();
    await page.locator('#tariff-zone').selectOption('');
    await page.locator('#tariff-name').fill('Membre');
    await page.locator('#tariff-price').fill('25');
    await page.locator('#tariff-hidden').check();
    await page.getByRole('button', { name: 'Enregistrer le tarif' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Le tarif a été ajouté.');
    const prices = await page.locator('.tariffs tbody tr').allTextContents();
    expect(prices).toHaveLength(2);
    expect(prices.find((row) => row.includes('Plein tarif'))).toMatch(/35\.50\s*CHF/);
    expect(prices.find((row) => row.includes('Membre'))).toContain('Masqué : seulement avec un code promo');
    // And at a glance: tariffs down (in the buyers' order: list order, then price), zones across.
    expect(await page.locator('.matrix thead th').allTextContents()).toEqual(['Tarif', 'Placement libre']);
    expect((await page.locator('.matrix tbody tr').allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'Membre 25.00 CHF Masqué : seulement avec un code promo',
      'Plein tarif 35.50 CHF',
    ]);

    // Published, it is in the public catalogue, in the buyer's language, with its 18 dates and public price.
    await page.getByRole('button', { name: 'Publier' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('« La Cerisaie » est en vente dans la boutique.');
    const catalogue: any = await (await fetch(`${rig.server.baseUrl}/api/shops/${rig.server.demo.shopId}/events?lang=de`)).json();
    const published = catalogue.events.find((e: any) => e.id === eventId);
    expect(published).toMatchObject({ title: 'Der Kirschgarten', subtitle: 'Tchekhov' });
    expect(published.performances).toHaveLength(18);
    expect(published.performances.every((p: any) => p.onSale)).toBe(true);
    const performance: any = await (await fetch(`${rig.server.baseUrl}/api/shops/${rig.server.demo.shopId}/performances/${published.performances[0].id}?lang=it`)).json();
    expect(performance.event.title).toBe('La Cerisaie');
    expect(performance.tariffs.map((t: any) => [t.name, t.price])).toEqual([['Plein tarif', 3550]]);

    // The organizer's list says it is published, with its next date.
    await page.getByRole('link', { name: '← Tous les événements' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Événements');
    const row = page.locator('tbody tr', { hasText: 'La Cerisaie' });
    await expect.poll(() => row.textContent()).toContain('Publié');
    expect(await row.locator('td.number').textContent()).toBe('18');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('in German: a single performance, refusals from the API next to their field, cancelling and deleting a date', async () => {
    const venues = await api(rig, '/api/org/venues');
    const created = await fetch(`${rig.server.baseUrl}/api/org/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rig.server.demo.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ venueId: venues.venues[0].id, title: 'Woyzeck' }),
    });
    const event = (await created.json()) as { id: string };
    const { page, problems, close } = await openConsole(rig, `/events/${event.id}`, { locale: 'de' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Woyzeck');

    // A series whose first date is past: the API refuses, and says so at the first date, in German.
    await page.getByRole('button', { name: 'Serie von Terminen hinzufügen' }).click();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.locator('#series-first').fill(yesterday);
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) await page.locator(`#series-day-${day}`).check();
    await page.getByRole('radio', { name: 'Freie Platzwahl (eine Anzahl Plätze)' }).check();
    await page.locator('#series-capacity').fill('50');
    await page.getByRole('button', { name: 'Termine anzeigen' }).click();
    await expect.poll(() => page.locator('#series-first-error').textContent()).toBe('Ein Termin der Serie ist bereits vorbei: Beginnen Sie die Serie später.');
    await expect(page.locator('#series-first').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#series-first').getAttribute('aria-describedby')).resolves.toBe('series-first-error');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Abbrechen' }).click();

    // One performance on the venue's seating plan, with a sales opening date.
    await page.getByRole('button', { name: 'Vorstellung hinzufügen' }).click();
    const day = tuesdayAhead();
    await page.locator('#perf-date').fill(day);
    await page.locator('#perf-time').fill('19:30');
    await page.locator('#perf-doors').fill('18:45');
    await page.getByRole('radio', { name: 'An einem Datum' }).first().check();
    await page.locator('#perf-open-date').fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
    await page.locator('#perf-open-time').fill('10:00');
    await page.getByRole('button', { name: 'Vorstellung speichern' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Die Vorstellung wurde hinzugefügt.');
    const detail = await api(rig, `/api/org/events/${event.id}`);
    expect(detail.performances).toHaveLength(1);
    const [performance] = detail.performances;
    expect(performance.planId).toBe(venues.venues[0].plans[0].id);
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(performance.startsAt));
    expect(local).toBe(`${day}, 19:30`);
    expect(Date.parse(performance.startsAt) - Date.parse(performance.doorsAt)).toBe(45 * 60_000);
    const row = page.locator('section[aria-labelledby="performances"] tbody tr').first();
    await expect(row.textContent()).resolves.toContain(venues.venues[0].plans[0].name);
    await expect(row.textContent()).resolves.toContain('Türöffnung 18:45');

    // Cancelled after a confirmation step, scheduled again, then deleted (nothing sold).
    await page.getByRole('button', { name: /^Vorstellung absagen:/ }).click();
    await page.locator('.confirm').getByRole('button', { name: 'Vorstellung absagen' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Die Vorstellung wurde abgesagt.');
    expect((await api(rig, `/api/org/events/${event.id}`)).performances[0].status).toBe('cancelled');
    await page.getByRole('button', { name: /^Wieder ansetzen:/ }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Die Vorstellung ist wieder angesetzt.');
    await page.getByRole('button', { name: /^Löschen:/ }).click();
    await page.locator('.confirm').getByRole('button', { name: 'Löschen' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Die Vorstellung wurde gelöscht.');
    expect((await api(rig, `/api/org/events/${event.id}`)).performances).toEqual([]);

    // Its texts edited: the German title, which the API then serves to German buyers.
    await page.getByRole('button', { name: 'Angaben bearbeiten' }).click();
    expect(await page.locator('#title-fr').inputValue()).toBe('Woyzeck');
    await page.locator('#title-de').fill('Woyzeck (Büchner)');
    await page.locator('#title-fr').fill('');
    await page.getByRole('button', { name: 'Veranstaltung speichern' }).click();
    await expect.poll(() => page.locator('#title-fr-error').textContent()).toBe('Geben Sie der Veranstaltung einen Titel.');
    expect(await focused(page)).toBe('title-fr');
    await page.keyboard.type('Woyzeck');
    // Its exchange rules and the message before each performance, with words in German.
    await page.locator('#exchange-enabled').check();
    await page.locator('#exchange-fee').fill('2.50');
    await page.locator('#exchange-deadline').fill('48');
    await page.locator('#message-days').fill('2');
    await page.locator('#message-text-de').fill('Parkplätze hinter dem Theater.');
    await page.getByRole('button', { name: 'Veranstaltung speichern' }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe('Die Veranstaltung wurde gespeichert.');
    expect(await api(rig, `/api/org/events/${event.id}`)).toMatchObject({
      title: 'Woyzeck',
      translations: { de: { title: 'Woyzeck (Büchner)' } },
      exchangeEnabled: true,
      exchangeFee: 250,
      exchangeDeadlineHours: 48,
      preEventMessageEnabled: true,
      preEventDaysBefore: 2,
      preEventSendHour: 10,
      preEventMessageText: { de: 'Parkplätze hinter dem Theater.' },
    });
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // On a phone, too, the page itself never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Serie von Terminen hinzufügen' }).click();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the accountant the events and their dates and prices, without the means to change them', async () => {
    const { page, problems, close } = await openConsole(rig, `/events/${rig.server.demo.theatreEventId}`, { as: 'accountant' });
    await expect.poll(() => page.locator('section[aria-labelledby="performances"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.tariffs tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('tk-event-screen').getByRole('button').count()).toBe(0);
    await page.evaluate(() => (location.hash = '#/events'));
    await expect.poll(() => screenHeading(page).textContent()).toBe('Events');
    expect(await page.locator('tk-events-screen').getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });
});
