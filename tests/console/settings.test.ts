import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';
import { orgApi } from './storefront.js';

// Screens load through the real API and server on a machine that may be busy: a poll waits for them as staff would, up to 15 s.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

describe('the settings screen', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('saves one section in French, seen through the API, and leaves the others alone', async () => {
    const { page, problems, close } = await openConsole(rig, '/settings', { locale: 'fr' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Réglages');
    const before = (await orgApi(rig, 'GET', '/api/org/shop')).body;
    const screen = page.locator('tk-settings-screen');
    await expect(screen.locator('#creditor-account').inputValue()).resolves.toBe(before.invoiceCreditor.account);

    await screen.locator('#invoiceReminderIntervalDays').fill('7');
    await screen.locator('#invoiceReminderCount').fill('3');
    // Typed in another section but not saved: must not travel with the invoice section.
    await screen.locator('#name').fill('Théâtre du Lac (brouillon)');
    await screen.getByRole('button', { name: 'Enregistrer : paiement sur facture' }).click();
    await expect.poll(() => screen.locator('#form-invoice [role="status"]').textContent()).toBe('Paiement sur facture : enregistré.');
    await expect(screen.locator('#form-invoice .hint', { hasText: 'Rappels les jours' }).textContent()).resolves.toBe(
      'Rappels les jours 7, 14, 21 ; une commande impayée est annulée le jour 28.',
    );

    const after = (await orgApi(rig, 'GET', '/api/org/shop')).body;
    expect(after).toMatchObject({ invoiceReminderIntervalDays: 7, invoiceReminderCount: 3, name: before.name, invoiceCreditor: before.invoiceCreditor });

    // The allowed origins: a list edited item by item, saved with its section.
    await screen.locator('#new-origin').fill('https://theatre.example');
    await screen.locator('#new-origin').press('Enter');
    await screen.getByRole('button', { name: 'Enregistrer : intégration' }).click();
    await expect.poll(() => screen.locator('#form-embedding [role="status"]').textContent()).toBe('Intégration : enregistré.');
    expect((await orgApi(rig, 'GET', '/api/org/shop')).body.allowedOrigins).toEqual([...before.allowedOrigins, 'https://theatre.example']);

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the API’s refusal next to the field it names, and changes nothing', async () => {
    const { page, problems, close } = await openConsole(rig, '/settings', { locale: 'fr' });
    const screen = page.locator('tk-settings-screen');
    const before = (await orgApi(rig, 'GET', '/api/org/shop')).body;
    const account = screen.locator('#creditor-account');
    await account.fill('CH00 1234 5678 9012 3456 7');
    await screen.getByRole('button', { name: 'Enregistrer : paiement sur facture' }).click();
    await expect.poll(() => account.getAttribute('aria-invalid')).toBe('true');
    const error = screen.locator('#creditor-account-error');
    await expect(error.textContent()).resolves.toContain('IBAN');
    await expect(account.getAttribute('aria-describedby')).resolves.toContain('creditor-account-error');
    // The field with the refusal takes the focus; the section's notice says it too.
    await expect.poll(() => screen.evaluate((el) => el.shadowRoot!.activeElement?.id)).toBe('creditor-account');
    await expect(screen.locator('#form-invoice [role="alert"]').textContent()).resolves.toContain('invoiceCreditor.account');
    expect((await orgApi(rig, 'GET', '/api/org/shop')).body.invoiceCreditor).toEqual(before.invoiceCreditor);

    // A refused origin of the list is named next to it.
    await screen.locator('#new-origin').fill('ftp://files.example');
    await screen.getByRole('button', { name: 'Ajouter' }).click();
    await screen.getByRole('button', { name: 'Enregistrer : intégration' }).click();
    await expect.poll(() => screen.locator('.origin-list li', { hasText: 'ftp://files.example' }).locator('.field-error').textContent()).toContain('must be an origin');
    expect((await orgApi(rig, 'GET', '/api/org/shop')).body.allowedOrigins).toEqual(before.allowedOrigins);

    // A rule across fields (no field named) is told in the section's notice.
    await screen.locator('#holdMinutes').fill('40');
    await screen.locator('#holdMaxMinutes').fill('30');
    await screen.getByRole('button', { name: 'Enregistrer : vente' }).click();
    await expect.poll(() => screen.locator('#form-sale [role="alert"]').textContent()).toContain('holdMaxMinutes must be at least holdMinutes');

    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('sets the box office’s refund limit, which the console then tells the box office', async () => {
    const { page, problems, close } = await openConsole(rig, '/settings', { locale: 'fr' });
    const screen = page.locator('tk-settings-screen');
    await screen.locator('#boxOfficeRefundLimit').fill('50.00');
    await screen.getByRole('button', { name: 'Enregistrer : billetterie' }).click();
    await expect.poll(() => screen.locator('#form-boxOffice [role="status"]').textContent()).toBe('Billetterie : enregistré.');
    expect((await orgApi(rig, 'GET', '/api/org/shop')).body.boxOfficeRefundLimit).toBe(5000);
    expect((await orgApi(rig, 'GET', '/api/org/me')).body.shop.boxOfficeRefundLimit).toBe(5000);
    // Emptied: no refund at the box office.
    await screen.locator('#boxOfficeRefundLimit').fill('');
    await screen.getByRole('button', { name: 'Enregistrer : billetterie' }).click();
    await expect.poll(async () => (await orgApi(rig, 'GET', '/api/org/shop')).body.boxOfficeRefundLimit).toBeNull();
    expect(problems).toEqual([]);
    await close();
  });

  it('sets the conditions printed on the tickets, per language, and empties one', async () => {
    const { page, problems, close } = await openConsole(rig, '/settings', { locale: 'fr' });
    const screen = page.locator('tk-settings-screen');
    await screen.locator('#ticketConditions-fr').fill('Billets ni repris ni échangés.');
    await screen.locator('#ticketConditions-de').fill('Keine Rücknahme, kein Umtausch.');
    await screen.getByRole('button', { name: 'Enregistrer : billets imprimés' }).click();
    await expect.poll(() => screen.locator('#form-tickets [role="status"]').textContent()).toBe('Billets imprimés : enregistré.');
    expect((await orgApi(rig, 'GET', '/api/org/shop')).body.ticketConditions).toEqual({ fr: 'Billets ni repris ni échangés.', de: 'Keine Rücknahme, kein Umtausch.' });
    await screen.locator('#ticketConditions-de').fill('');
    await screen.getByRole('button', { name: 'Enregistrer : billets imprimés' }).click();
    await expect.poll(async () => (await orgApi(rig, 'GET', '/api/org/shop')).body.ticketConditions).toEqual({ fr: 'Billets ni repris ni échangés.' });
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('renames the shop: the console’s header says the new name at once', async () => {
    const { page, problems, close } = await openConsole(rig, '/settings', { locale: 'en' });
    const screen = page.locator('tk-settings-screen');
    await screen.locator('#name').fill('Théâtre du Lac, Lausanne');
    await screen.getByRole('button', { name: 'Save the shop' }).click();
    await expect.poll(() => screen.locator('#form-shop [role="status"]').textContent()).toBe('The shop: saved.');
    expect((await orgApi(rig, 'GET', '/api/org/shop')).body.name).toBe('Théâtre du Lac, Lausanne');
    await expect.poll(() => page.locator('tk-console header .shop').textContent()).toBe('Théâtre du Lac, Lausanne');
    expect(problems).toEqual([]);
    await close();
  });

  it('changes the exchange rules and the e-mail before the performance of an event', async () => {
    const { page, problems, close } = await openConsole(rig, '/settings', { locale: 'en' });
    const rules = page.locator('tk-settings-event-rules');
    await rules.locator('#rules-event').selectOption(rig.server.demo.concertEventId);
    await expect.poll(() => rules.locator('#exchangeFee').isVisible()).toBe(true);
    await rules.locator('#exchangeDeadlineHours').fill('48');
    await rules.locator('#exchangeFee').fill('3.50');
    await rules.locator('#preEventText-de').fill('Parkplätze hinter dem Saal.');
    await rules.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => rules.locator('[role="status"]').textContent()).toContain('saved');
    const event = (await orgApi(rig, 'GET', `/api/org/events/${rig.server.demo.concertEventId}`)).body;
    expect(event).toMatchObject({ exchangeDeadlineHours: 48, exchangeFee: 350 });
    expect(event.preEventMessageText.de).toBe('Parkplätze hinter dem Saal.');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the payments section: test mode and the Stripe status of this server', async () => {
    const { page, close } = await openConsole(rig, '/settings', { locale: 'de' });
    const screen = page.locator('tk-settings-screen');
    await expect.poll(() => screen.locator('#form-payments dl').textContent()).toContain('Testmodus');
    await expect(screen.locator('#form-payments dd.problem').textContent()).resolves.toContain('keine Stripe-Schlüssel');
    await screen.locator('#stripeAccount').fill('acct_1TestConnected');
    await screen.getByRole('button', { name: 'Zahlungen speichern' }).click();
    await expect.poll(() => screen.locator('#form-payments [role="status"]').textContent()).toBe('Zahlungen: gespeichert.');
    expect((await orgApi(rig, 'GET', '/api/org/shop')).body.stripeAccount).toBe('acct_1TestConnected');
    await close();
  });
});
