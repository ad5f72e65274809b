import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, openPage, shopIn, startE2E } from './browser.js';

/**
 * Customer forms through the built widget on the demo pages, against the production server:
 * the organizer asks questions through the organizer API, the buyer answers them in Chromium,
 * and the answers are read back from the order (the staff order view).
 */

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

async function org(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${e2e.server.baseUrl}/api/org${path}`, {
    method,
    headers: { Authorization: `Bearer ${e2e.server.demo.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function ask(eventId: string, question: Record<string, unknown>): Promise<string> {
  const made = await org('POST', `/events/${eventId}/questions`, question);
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id as string;
}

async function tariffsOf(performanceId: string): Promise<Record<string, string>> {
  const response = await fetch(`${e2e.server.baseUrl}/api/shops/${e2e.server.demo.shopId}/performances/${performanceId}`);
  const detail = (await response.json()) as { tariffs: { id: string; name: string }[] };
  return Object.fromEntries(detail.tariffs.map((t) => [t.name, t.id]));
}

type AnswerView = { questionId: string; value: unknown; text: string };
type StaffOrder = { status: string; answers: { order: AnswerView[]; tickets: { slot: string; ticketNumber: string | null; answers: AnswerView[] }[] } };
const values = (answers: AnswerView[]) => Object.fromEntries(answers.map((a) => [a.questionId, a.value]));

/** The error text tied to a field through aria-describedby. */
const describedError = (field: Locator) =>
  field.evaluate((el) => {
    const root = el.getRootNode() as ShadowRoot;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return ids.map((id) => root.getElementById(id)).find((node) => node?.classList.contains('error'))?.textContent?.trim() ?? null;
  });

/** Whether the element focused inside the widget is this field. */
const hasFocus = (field: Locator) => field.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el);

/** The concert's first date, one ticket per named tariff in the cart, then the checkout. */
async function concertCheckout(page: Page, steppers: number[]) {
  const shop = shopIn(page);
  await shop.locator('[part="event-card"]', { hasText: 'Nuit du Jazz' }).click();
  await shop.locator('button.performance').first().click();
  for (const [i, stepper] of steppers.entries()) {
    await shop.locator('[part="stepper"]').nth(stepper).locator('button').last().click();
    await shop.locator('[part="line"]').nth(i).waitFor();
  }
  await shop.locator('[part="checkout-button"]').click();
  await shop.locator('#name').fill('Anna Muster');
  await shop.locator('#email').fill('anna@example.ch');
}

describe('customer forms in the widget', () => {
  it('asks every kind per order and per ticket (the student card only for the student ticket), refuses bad answers at their field in French, keeps them back from the cart and after a declined card, and stores them with the order', async () => {
    const { concertEventId, concertPerformanceIds } = e2e.server.demo;
    const tariffs = await tariffsOf(concertPerformanceIds[0]!);
    const full = tariffs['Plein tarif']!;
    const student = tariffs['Étudiant']!;
    const id = {
      phone: await ask(concertEventId, { scope: 'order', kind: 'phone', required: true, label: { fr: 'Téléphone', de: 'Telefon' }, help: { fr: 'Pour vous joindre le soir même' } }),
      meal: await ask(concertEventId, { scope: 'order', kind: 'choice', label: { fr: 'Repas' }, options: [{ id: 'meat', label: { fr: 'Viande' } }, { id: 'veggie', label: { fr: 'Végétarien' } }] }),
      topics: await ask(concertEventId, { scope: 'order', kind: 'choices', label: { fr: 'Styles préférés' }, options: ['swing', 'bebop', 'fusion'].map((o) => ({ id: o, label: { fr: o } })) }),
      access: await ask(concertEventId, { scope: 'order', kind: 'yes_no', label: { fr: 'Accès en fauteuil roulant ?' } }),
      note: await ask(concertEventId, { scope: 'order', kind: 'text', label: { fr: 'Remarques' } }),
      terms: await ask(concertEventId, { scope: 'order', kind: 'consent', label: { fr: 'J’accepte le règlement du festival' }, consentUrl: 'https://example.ch/reglement' }),
      name: await ask(concertEventId, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom du participant' } }),
      mail: await ask(concertEventId, { scope: 'ticket', kind: 'email', label: { fr: 'E-mail du participant' } }),
      born: await ask(concertEventId, { scope: 'ticket', kind: 'date_of_birth', label: { fr: 'Date de naissance' } }),
      card: await ask(concertEventId, { scope: 'ticket', kind: 'text', required: true, label: { fr: 'Numéro de carte d’étudiant' }, tariffIds: [student] }),
    };

    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 812 } });
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/`);
    await concertCheckout(page, [0, 1]);
    const shop = shopIn(page);
    const field = (question: string, slot: string | null, suffix = '') => shop.locator(`#q-${question}-${slot === null ? 'order' : slot.replace(/:/g, '-')}${suffix}`);
    const fullSlot = `ga:${full}:1`;
    const studentSlot = `ga:${student}:1`;

    const headings = shop.locator('[part="ticket-questions"] > legend');
    await expect.poll(() => headings.allTextContents()).toEqual(['Billet 1 · Plein tarif', 'Billet 2 · Étudiant']);
    expect(await field(id.card, fullSlot).count()).toBe(0);
    expect(await field(id.card, studentSlot).getAttribute('aria-required')).toBe('true');
    expect(await field(id.phone, null).getAttribute('type')).toBe('tel');

    await field(id.phone, null).fill('+41 79 555 12 34');
    await field(id.meal, null, '-1').check();
    await field(id.topics, null, '-0').check();
    await field(id.topics, null, '-2').check();
    await field(id.access, null, '-0').check();
    await field(id.note, null).fill('Nous arriverons à 19 h 45.');
    await field(id.terms, null).check();
    await field(id.name, fullSlot).fill('Anna Muster');
    await field(id.name, studentSlot).fill('Léo Muster');
    await field(id.card, studentSlot).fill('UNIL-20931');
    await field(id.mail, fullSlot).fill('anna@example');
    const nextYear = String(new Date().getUTCFullYear() + 1);
    await field(id.born, studentSlot, '-day').fill('14');
    await field(id.born, studentSlot, '-month').fill('7');
    await field(id.born, studentSlot, '-year').fill(nextYear);

    // Refused at the fields, in French, before anything is sent; focus on the first.
    await shop.locator('#cardNumber').fill('4000 0000 0000 0002');
    await shop.locator('tk-checkout-form [part="submit"]').click();
    await expect.poll(() => describedError(field(id.mail, fullSlot))).toBe('Veuillez saisir une adresse e-mail valable, par exemple ana@example.ch.');
    expect(await field(id.mail, fullSlot).getAttribute('aria-invalid')).toBe('true');
    expect(await hasFocus(field(id.mail, fullSlot))).toBe(true);
    expect(await describedError(field(id.born, studentSlot, '-year'))).toBe('La date de naissance ne peut pas être dans le futur.');
    expect(await shop.locator('tk-checkout-form [role="alert"]').count()).toBe(0);

    await field(id.mail, fullSlot).fill('anna@example.ch');
    await field(id.born, studentSlot, '-year').fill('2004');

    // Back to the cart and back: every answer is still there.
    await shop.locator('button', { hasText: 'Retour aux billets' }).click();
    await shop.locator('[part="checkout-button"]').click();
    await expect.poll(() => field(id.card, studentSlot).inputValue()).toBe('UNIL-20931');
    expect(await field(id.topics, null, '-2').isChecked()).toBe(true);
    expect(await field(id.born, studentSlot, '-month').inputValue()).toBe('7');

    // A declined card keeps the answers for the retry.
    await shop.locator('#cardNumber').fill('4000 0000 0000 0002');
    await shop.locator('tk-checkout-form [part="submit"]').click();
    await shop.locator('tk-checkout-form [role="alert"]').waitFor();
    expect(await field(id.note, null).inputValue()).toBe('Nous arriverons à 19 h 45.');
    expect(await field(id.terms, null).isChecked()).toBe(true);
    await shop.locator('#cardNumber').fill('4242 4242 4242 4242');
    await shop.locator('tk-checkout-form [part="submit"]').click();
    await shop.locator('svg[part="qr"]').first().waitFor();
    const number = (await shop.locator('tk-order-confirmation .number').textContent())!.trim();

    const order = (await org('GET', `/orders/${number}`)).body as StaffOrder;
    expect(order.status).toBe('paid');
    expect(values(order.answers.order)).toEqual({
      [id.phone]: '+41 79 555 12 34',
      [id.meal]: 'veggie',
      [id.topics]: ['swing', 'fusion'],
      [id.access]: true,
      [id.note]: 'Nous arriverons à 19 h 45.',
      [id.terms]: true,
    });
    const bySlot = Object.fromEntries(order.answers.tickets.map((t) => [t.slot, t]));
    expect(values(bySlot[fullSlot]!.answers)).toEqual({ [id.name]: 'Anna Muster', [id.mail]: 'anna@example.ch' });
    expect(values(bySlot[studentSlot]!.answers)).toEqual({ [id.name]: 'Léo Muster', [id.born]: '2004-07-14', [id.card]: 'UNIL-20931' });
    expect(bySlot[studentSlot]!.ticketNumber).not.toBeNull();
    expect(problems).toEqual([]);
    await context.close();
    // The next test buys on the theatre: these questions stay with the concert.
    for (const questionId of Object.values(id)) expect((await org('DELETE', `/events/${concertEventId}/questions/${questionId}`)).status).toBe(200);
  });

  it('under the strict CSP, maps the API’s refusal of questions the widget did not know to their fields, under the seat’s heading, and buys with the keyboard', async () => {
    const { theatreEventId } = e2e.server.demo;
    const context = await e2e.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${e2e.server.baseUrl}/csp.html`);
    const shop = shopIn(page);
    await shop.locator('[part="event-card"]', { hasText: 'Le Malade imaginaire' }).click();
    await shop.locator('button.performance').first().click();
    await shop.locator('tk-seat-map button[aria-pressed]').first().click();
    await shop.locator('.list-seat').first().waitFor();
    await shop.locator('.list-seat[aria-pressed="false"][aria-disabled="false"]').nth(2).click();
    await expect.poll(() => shop.locator('[part="line"]').count()).toBe(1);
    await shop.locator('[part="checkout-button"]').click();
    await shop.locator('#name').fill('Anna Muster');
    await shop.locator('#email').fill('anna@example.ch');
    if (await shop.locator('#cardNumber').count()) await shop.locator('#cardNumber').fill('4242 4242 4242 4242');
    expect(await shop.locator('[part="questions"]').count()).toBe(0);

    // The organizer adds questions while the buyer is at checkout: the widget sends none.
    const newsletter = await ask(theatreEventId, { scope: 'order', kind: 'yes_no', required: true, label: { fr: 'Newsletter ?', de: 'Newsletter?' } });
    const attendee = await ask(theatreEventId, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom du spectateur', de: 'Name der Zuschauerin / des Zuschauers' } });
    await shop.locator('tk-checkout-form [part="submit"]').click();
    const yes = shop.locator(`#q-${newsletter}-order-0`);
    await yes.waitFor();
    expect(await describedError(yes)).toBe('Bitte wählen Sie eine Antwort.');
    await expect.poll(() => hasFocus(yes)).toBe(true);
    const heading = await shop.locator('[part="ticket-questions"] > legend').textContent();
    expect(heading).toMatch(/Reihe .+, Platz .+ · /);
    const name = shop.locator(`[part="ticket-questions"] input[id^="q-${attendee}-seat-"]`);
    expect(await describedError(name)).toBe('Bitte beantworten Sie diese Frage.');
    expect(await shop.locator('tk-checkout-form [role="alert"]').textContent()).toContain('Einige Antworten');

    // With the keyboard alone: Space chooses "Ja", Tab reaches the name, Enter submits.
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await hasFocus(name)).toBe(true);
    await page.keyboard.type('Zoé Muster');
    await page.keyboard.press('Enter');
    await shop.locator('svg[part="qr"]').first().waitFor();
    const number = (await shop.locator('tk-order-confirmation .number').textContent())!.trim();
    const order = (await org('GET', `/orders/${number}`)).body as StaffOrder;
    expect(values(order.answers.order)).toEqual({ [newsletter]: true });
    expect(order.answers.tickets).toHaveLength(1);
    expect(order.answers.tickets[0]!.slot).toMatch(/^seat:\d+$/);
    expect(values(order.answers.tickets[0]!.answers)).toEqual({ [attendee]: 'Zoé Muster' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
