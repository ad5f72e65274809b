import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, startConsoleRig, tokenWithRole } from './harness.js';
import { api, unexpected } from './shop-api.js';

/**
 * Erasing a buyer's personal data from the order page, on their request: an order of the
 * concert whose form asks a meal and each attendee's name; the box office does not see the
 * action, the owner confirms a step that says what stays, and afterwards the order keeps its
 * money, payments and valid tickets while the name, address and answers are gone.
 */
describe('erasing a buyer’s personal data', () => {
  let rig: ConsoleRig;
  let number: string;

  beforeAll(async () => {
    rig = await startConsoleRig();
    const eventId = rig.server.demo.concertEventId;
    const performanceId = rig.server.demo.concertPerformanceIds[0]!;
    const meal = await api(rig, 'POST', `/api/org/events/${eventId}/questions`, {
      scope: 'order',
      kind: 'choice',
      required: true,
      label: { fr: 'Repas', de: 'Essen' },
      options: [
        { id: 'vegetarien', label: { fr: 'Végétarien', de: 'Vegetarisch' } },
        { id: 'viande', label: { fr: 'Viande', de: 'Fleisch' } },
      ],
    });
    expect(meal.status, JSON.stringify(meal.body)).toBe(201);
    const name = await api(rig, 'POST', `/api/org/events/${eventId}/questions`, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom du participant', de: 'Name' } });
    expect(name.status).toBe(201);
    const shop = (path: string) => `/api/shops/${rig.server.demo.shopId}${path}`;
    const info = await api(rig, 'GET', shop(`/performances/${performanceId}`), undefined, null);
    const tariff = (info.body.tariffs as { id: string; name: string }[]).find((t) => t.name === 'Plein tarif')!;
    const hold = await api(rig, 'POST', shop('/holds'), { performanceId, quantities: [{ tariffId: tariff.id, quantity: 2 }] }, null);
    expect(hold.status).toBe(201);
    const order = await api(
      rig,
      'POST',
      shop(`/holds/${hold.body.id}/checkout`),
      {
        buyer: { name: 'Ida Efface', email: 'ida.efface@example.ch', language: 'fr' },
        payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
        answers: {
          order: { [meal.body.id]: 'vegetarien' },
          tickets: [1, 2].map((n) => ({ slot: `ga:${tariff.id}:${n}`, answers: { [name.body.id]: n === 1 ? 'Ida Efface' : 'Max Efface' } })),
        },
      },
      null,
    );
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    number = order.body.number;
  });
  afterAll(() => rig?.stop());

  it('is not offered to the box office', async () => {
    const desk = await openConsole(rig, `/orders/${number}`, { token: await tokenWithRole(rig, 'box_office') });
    await expect.poll(() => desk.page.getByRole('heading', { name: 'Answers to the questions' }).count()).toBe(1);
    expect(await desk.page.getByRole('button', { name: 'Erase this buyer’s personal data' }).count()).toBe(0);
    expect(unexpected(desk.problems)).toEqual([]);
    await desk.close();
  });

  it('erases the name, address and answers after a confirmation that says what stays, and keeps the accounting', async () => {
    const before = (await api(rig, 'GET', `/api/org/orders/${number}`)).body;
    expect(before.answers.order.map((a: { text: string }) => a.text)).toEqual(['Végétarien']);

    const { page, problems, close } = await openConsole(rig, `/orders/${number}`, { locale: 'de' });
    const answers = page.locator('tk-order-answers');
    await expect.poll(() => answers.locator('dd').allInnerTexts()).toEqual(['Vegetarisch', 'Ida Efface', 'Max Efface']);

    // Asked, then kept: nothing changes.
    await page.getByRole('button', { name: 'Personendaten dieses Käufers löschen' }).click();
    const confirm = page.locator('#confirm-erase');
    await expect.poll(() => confirm.textContent()).toContain('Die Personendaten von Ida Efface (ida.efface@example.ch) löschen: Name, E-Mail-Adresse, Antworten auf die Fragen');
    expect(await confirm.textContent()).toContain('Was für die Buchhaltung bleibt: die Bestellung, ihre Positionen, Zahlungen, Rückerstattungen, Tickets und Rechnungsnummern mit den Beträgen. Die Tickets bleiben gültig.');
    await expectNoAxeViolations(page);
    await page.getByRole('group').getByRole('button', { name: 'Abbrechen' }).click();
    expect(await confirm.count()).toBe(0);
    expect((await api(rig, 'GET', `/api/org/orders/${number}`)).body.personalDataErasedAt).toBeNull();

    await page.getByRole('button', { name: 'Personendaten dieses Käufers löschen' }).click();
    await page.getByRole('button', { name: 'Personendaten löschen', exact: true }).click();
    await expect.poll(() => page.locator('tk-order-screen .action-notice').textContent()).toBe('Die Personendaten des Käufers wurden gelöscht; die Buchungen bleiben.');
    await expect.poll(() => answers.locator('p').textContent()).toBe('Die Antworten wurden mit den Personendaten des Käufers gelöscht.');
    expect(await page.getByRole('button', { name: 'Personendaten dieses Käufers löschen' }).count()).toBe(0);
    const buyer = await page.locator('tk-order-screen .erased').textContent();
    expect(buyer).toMatch(/^Die Personendaten des Käufers wurden am .+ gelöscht\./);
    expect(await page.locator('tk-order-screen').evaluate((el) => (el.shadowRoot!.textContent ?? '').includes('ida.efface'))).toBe(false);

    const after = (await api(rig, 'GET', `/api/org/orders/${number}`)).body;
    expect(after.personalDataErasedAt).not.toBeNull();
    expect(after.answers).toEqual({ order: [], tickets: [] });
    expect(JSON.stringify(after)).not.toMatch(/ida\.efface|Efface/);
    const accounting = (order: any) => ({
      status: order.status,
      total: order.total,
      lines: order.lines,
      payments: order.payments,
      tickets: order.tickets.map((t: { number: string; status: string; price: number }) => [t.number, t.status, t.price]),
    });
    expect(accounting(after)).toEqual(accounting(before));
    expect(after.tickets.every((t: { status: string }) => t.status === 'valid')).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });
});
