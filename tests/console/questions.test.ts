import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig, tokenWithRole } from './harness.js';
import { api, unexpected } from './shop-api.js';

interface Question {
  id: string;
  kind: string;
  scope: string;
  required: boolean;
  label: Record<string, string>;
  help: Record<string, string>;
  options: { id: string; label: Record<string, string> }[];
  consentUrl: string | null;
  tariffIds: string[];
  archivedAt: string | null;
}

/**
 * Customer forms in the console: a manager builds the concert's questions (every kind) through
 * the editor, edits, moves and archives them; then a buyer answers them at checkout through the
 * storefront API, and staff read the answers on the order page in their own language.
 */
describe('the questions for buyers', () => {
  let rig: ConsoleRig;
  let eventId: string;
  let tariffs: { id: string; name: string }[];
  const questionsPath = () => `/api/org/events/${eventId}/questions`;
  const questions = async () => (await api(rig, 'GET', questionsPath())).body.questions as Question[];
  const notice = (page: Page) => page.locator('tk-questions-screen .notice');

  beforeAll(async () => {
    rig = await startConsoleRig();
    eventId = rig.server.demo.concertEventId;
    tariffs = (await api(rig, 'GET', `/api/org/events/${eventId}`)).body.tariffs;
  });
  afterAll(() => rig?.stop());

  /** Fills the form for a new question and saves it; `fill` types what the kind needs beyond the label. */
  async function addQuestion(page: Page, kind: string, labels: Record<string, string>, fill: () => Promise<void> = async () => {}) {
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.locator('#q-kind').selectOption(kind);
    for (const [language, label] of Object.entries(labels)) await page.locator(`#q-label-${language}`).fill(label);
    await fill();
    await page.getByRole('button', { name: 'Save the question' }).click();
    await expect.poll(() => notice(page).textContent()).toBe('The question was added at the end of the form.');
  }

  it('adds a question of every kind in the shop’s languages, and refuses an incomplete choice or consent at its field', async () => {
    const { page, problems, close } = await openConsole(rig, `/events/${eventId}`, { as: 'manager' });
    await page.getByRole('link', { name: 'Questions for buyers' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Questions for buyers');
    await expect.poll(() => page.getByText('This event asks buyers nothing beyond their name and e-mail.').count()).toBe(1);
    await expectNoAxeViolations(page);

    await addQuestion(page, 'attendee_name', { fr: 'Nom du participant', de: 'Name der Person' }, async () => {
      await page.locator('#q-scope-ticket').check();
      await page.locator('#q-required').check();
    });
    await addQuestion(page, 'email', { fr: 'E-mail pour la newsletter' });
    await addQuestion(page, 'phone', { fr: 'Téléphone' }, () => page.locator('#q-help-fr').fill('Pour vous joindre le soir même.'));
    await addQuestion(page, 'date_of_birth', { fr: 'Date de naissance' }, () => page.locator('#q-scope-ticket').check());

    // A choice with one option only is refused next to the options, before anything is sent.
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.locator('#q-kind').selectOption('choice');
    await page.locator('#q-label-fr').fill('Repas');
    await page.locator('#q-label-de').fill('Essen');
    await page.locator('#q-option-0-fr').fill('Végétarien');
    await page.locator('#q-option-0-de').fill('Vegetarisch');
    await page.getByRole('button', { name: 'Save the question' }).click();
    await expect.poll(() => page.locator('#q-option-0-fr-error').textContent()).toBe('Give at least two options, each with a label in the default language.');
    await expectNoAxeViolations(page);
    await page.locator('#q-option-1-fr').fill('Avec viande');
    await page.locator('#q-option-1-de').fill('Mit Fleisch');
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.locator('#q-option-2-fr').fill('Végétalien');
    await page.getByRole('button', { name: 'Save the question' }).click();
    await expect.poll(() => notice(page).textContent()).toBe('The question was added at the end of the form.');

    await addQuestion(page, 'choices', { fr: 'Intérêts' }, async () => {
      await page.locator('#q-option-0-fr').fill('Jazz');
      await page.locator('#q-option-1-fr').fill('Blues');
    });
    await addQuestion(page, 'yes_no', { fr: 'Première visite ?' });
    const student = tariffs.find((t) => t.name === 'Étudiant')!;
    await addQuestion(page, 'text', { fr: 'Numéro de carte d’étudiant', it: 'Numero della tessera' }, async () => {
      await page.locator('#q-scope-ticket').check();
      await page.locator('#q-required').check();
      await page.locator(`#q-tariff-${student.id}`).check();
    });

    // A consent needs its link; it is always required (no checkbox to say otherwise).
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.locator('#q-kind').selectOption('consent');
    expect(await page.locator('#q-required').count()).toBe(0);
    await page.locator('#q-label-fr').fill('J’accepte les conditions');
    await page.getByRole('button', { name: 'Save the question' }).click();
    await expect.poll(() => page.locator('#q-consent-url-error').textContent()).toBe('Enter the address of the page, starting with https://');
    await page.locator('#q-consent-url').fill('https://example.ch/conditions');
    await page.getByRole('button', { name: 'Save the question' }).click();
    await expect.poll(() => notice(page).textContent()).toBe('The question was added at the end of the form.');

    const saved = await questions();
    expect(saved.map((q) => [q.kind, q.scope, q.required])).toEqual([
      ['attendee_name', 'ticket', true],
      ['email', 'order', false],
      ['phone', 'order', false],
      ['date_of_birth', 'ticket', false],
      ['choice', 'order', false],
      ['choices', 'order', false],
      ['yes_no', 'order', false],
      ['text', 'ticket', true],
      ['consent', 'order', true],
    ]);
    expect(saved[0]!.label).toEqual({ fr: 'Nom du participant', de: 'Name der Person' });
    expect(saved[2]!.help).toEqual({ fr: 'Pour vous joindre le soir même.' });
    expect(saved[4]!.options).toEqual([
      { id: 'vegetarien', label: { fr: 'Végétarien', de: 'Vegetarisch' } },
      { id: 'avec-viande', label: { fr: 'Avec viande', de: 'Mit Fleisch' } },
      { id: 'vegetalien', label: { fr: 'Végétalien' } },
    ]);
    expect(saved[7]!.tariffIds).toEqual([student.id]);
    expect(saved[8]!.consentUrl).toBe('https://example.ch/conditions');
    expect(await page.locator('tk-questions-screen tbody tr').count()).toBe(9);
    await expectNoAxeViolations(page);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('edits a question, moves one up, and archives one after a confirmation', async () => {
    const { page, problems, close } = await openConsole(rig, `/events/${eventId}/questions`, { as: 'manager', locale: 'de' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Fragen an Käufer');
    await expect.poll(() => page.locator('tk-questions-screen tbody tr').count()).toBe(9);
    // Labels in the console's language where the question has one.
    expect(await page.locator('tk-questions-screen tbody tr').first().locator('th').innerText()).toContain('Name der Person');

    const before = await questions();
    const text = before.find((q) => q.kind === 'text')!;
    await page.getByRole('button', { name: '«Numéro de carte d’étudiant» bearbeiten' }).click();
    expect(await page.locator('#q-kind').count()).toBe(0);
    await page.locator('#q-label-de').fill('Nummer des Studierendenausweises');
    await page.locator('#q-required').uncheck();
    await page.locator(`#q-tariff-${text.tariffIds[0]}`).uncheck();
    await page.getByRole('button', { name: 'Frage speichern' }).click();
    await expect.poll(() => notice(page).textContent()).toBe('Die Frage wurde gespeichert.');
    const edited = (await questions()).find((q) => q.id === text.id)!;
    expect(edited).toMatchObject({ kind: 'text', scope: 'ticket', required: false, tariffIds: [], label: { fr: 'Numéro de carte d’étudiant', de: 'Nummer des Studierendenausweises', it: 'Numero della tessera' } });

    await page.getByRole('button', { name: '«Essen» nach oben' }).click();
    await expect.poll(() => notice(page).textContent()).toBe('«Essen» ist jetzt Frage 4.');
    // The focus stays on the moved question's button, to move it again from the keyboard.
    const focusedLabel = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('aria-label') ?? null;
      });
    expect(await focusedLabel()).toBe('«Essen» nach oben');
    expect((await questions()).map((q) => q.kind).slice(2, 5)).toEqual(['phone', 'choice', 'date_of_birth']);

    const yesNo = before.find((q) => q.kind === 'yes_no')!;
    await page.getByRole('button', { name: '«Première visite ?» archivieren' }).click();
    await expect.poll(() => page.locator('#confirm-archive').textContent()).toContain('Noch niemand hat sie beantwortet.');
    await page.getByRole('group').getByRole('button', { name: 'Archivieren', exact: true }).click();
    await expect.poll(() => notice(page).textContent()).toBe('«Première visite ?» wird nicht mehr gefragt.');
    expect((await questions()).find((q) => q.id === yesNo.id)!.archivedAt).not.toBeNull();
    await expect.poll(() => page.getByRole('heading', { name: 'Archivierte Fragen' }).count()).toBe(1);
    await expectNoAxeViolations(page);

    // The form fits a phone, a choice's options and the tariffs included.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Frage hinzufügen' }).click();
    await page.locator('#q-kind').selectOption('choices');
    expect(await page.locator('#q-option-1-it').count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await page.locator('tk-question-form').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await close();

    // On a phone, and for the box office, who reads the form without changing it.
    const reader = await openConsole(rig, `/events/${eventId}/questions`, { token: await tokenWithRole(rig, 'box_office'), viewport: { width: 390, height: 844 } });
    await expect.poll(() => reader.page.locator('tk-questions-screen tbody tr').count()).toBe(9);
    expect(await reader.page.getByRole('button', { name: 'Add a question' }).count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await horizontalOverflow(reader.page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(reader.page);
    await reader.close();
  });

  it('shows the answers on the order page in the console’s language, the order’s and each ticket’s, and downloads them as CSV', async () => {
    const performanceId = rig.server.demo.concertPerformanceIds[0]!;
    const shop = (path: string) => `/api/shops/${rig.server.demo.shopId}${path}`;
    const form = await questions();
    const by = (kind: string) => form.find((q) => q.kind === kind && q.archivedAt === null)!;
    const full = tariffs.find((t) => t.name === 'Plein tarif')!;
    const hold = await api(rig, 'POST', shop('/holds'), { performanceId, quantities: [{ tariffId: full.id, quantity: 2 }] }, null);
    expect(hold.status).toBe(201);
    const checkout = await api(
      rig,
      'POST',
      shop(`/holds/${hold.body.id}/checkout`),
      {
        buyer: { name: 'Zoé Réponse', email: 'zoe@example.ch', language: 'fr' },
        payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
        answers: {
          order: { [by('choice').id]: 'vegetarien', [by('choices').id]: ['jazz', 'blues'], [by('phone').id]: '+41 79 123 45 67', [by('consent').id]: true },
          tickets: [
            { slot: `ga:${full.id}:1`, answers: { [by('attendee_name').id]: 'Zoé Réponse', [by('date_of_birth').id]: '1990-04-02' } },
            { slot: `ga:${full.id}:2`, answers: { [by('attendee_name').id]: 'Léo Réponse', [by('text').id]: 'UNI-4711' } },
          ],
        },
      },
      null,
    );
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
    const number = checkout.body.number as string;
    const tickets = checkout.body.tickets as { number: string }[];

    // The box office reads the answers but may not erase them.
    const desk = await openConsole(rig, `/orders/${number}`, { token: await tokenWithRole(rig, 'box_office') });
    await expect.poll(() => desk.page.getByRole('heading', { name: 'Answers to the questions' }).count()).toBe(1);
    expect(await desk.page.getByRole('button', { name: 'Erase this buyer’s personal data' }).count()).toBe(0);
    await desk.close();

    const { page, problems, close } = await openConsole(rig, `/orders/${number}`, { locale: 'de' });
    const answers = page.locator('tk-order-answers');
    await expect.poll(() => answers.locator('h2').count()).toBe(1);
    const pairs = async () => {
      const terms = await answers.locator('dt').allInnerTexts();
      const values = await answers.locator('dd').allInnerTexts();
      return terms.map((term, i) => `${term}: ${values[i]}`);
    };
    await expect.poll(pairs).toContain('Essen: Vegetarisch');
    expect(await pairs()).toEqual(
      expect.arrayContaining([
        'Essen: Vegetarisch',
        'Intérêts: Jazz, Blues',
        'Téléphone: +41 79 123 45 67',
        'J’accepte les conditions: Zugestimmt',
        'Name der Person: Zoé Réponse',
        'Date de naissance: 2. April 1990',
        'Name der Person: Léo Réponse',
        'Nummer des Studierendenausweises: UNI-4711',
      ]),
    );
    // Each ticket's answers under its number, in the order of the tickets' table.
    const staffView = (await api(rig, 'GET', `/api/org/orders/${number}`)).body;
    const ticketOrder = (staffView.tickets as { number: string }[]).map((t) => t.number);
    expect(ticketOrder.sort()).toEqual(tickets.map((t) => t.number).sort());
    expect(await answers.locator('h3').allInnerTexts()).toEqual(['Zur Bestellung', ...(staffView.tickets as { number: string }[]).map((t) => `Ticket ${t.number}`)]);
    const zoe = (staffView.answers.tickets as { ticketNumber: string; answers: { text: string }[] }[]).find((t) => t.answers.some((a) => a.text === 'Zoé Réponse'))!;
    const zoeSection = await answers.locator('h3', { hasText: zoe.ticketNumber }).evaluate((h3) => (h3.nextElementSibling as HTMLElement).innerText);
    expect(zoeSection).toContain('2. April 1990');
    // The owner may erase them (the box office above may not).
    expect(await page.getByRole('button', { name: 'Personendaten dieses Käufers löschen' }).count()).toBe(1);
    await expectNoAxeViolations(page);

    // The event's orders with their answers, from the questions screen and from a search, as CSV downloaded with the session.
    const download = (href: string) => page.evaluate(async (url) => (await fetch(url)).text(), href);
    await page.evaluate((hash) => (location.hash = hash), `#/events/${eventId}/questions`);
    const eventCsv = page.getByRole('link', { name: 'Bestellungen mit ihren Antworten herunterladen (CSV)' });
    const eventRows = (await download((await eventCsv.getAttribute('href'))!)).trim().split(/\r?\n/);
    expect(eventRows[0]).toContain('Repas');
    expect(eventRows.filter((row) => row.includes(number))).toHaveLength(2);
    expect(eventRows.find((row) => row.includes('Léo Réponse'))).toContain('UNI-4711');
    await page.evaluate(() => (location.hash = '#/orders?q=zoe%40example.ch'));
    const searchCsv = page.getByRole('link', { name: 'Diese Bestellungen als CSV herunterladen' });
    await searchCsv.waitFor();
    const searchRows = (await download((await searchCsv.getAttribute('href'))!)).trim().split(/\r?\n/);
    expect(searchRows.slice(1).map((row) => row.includes(number))).toEqual([true, true]);
    await expectNoAxeViolations(page);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });
});
