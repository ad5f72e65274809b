import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';
import { api, buyConcert, shadowText } from './shop-api.js';

/**
 * The codes area in Chromium against the real API: a promo code created in the screens and its
 * use seen after a purchase, a gift voucher issued, found by its code and cancelled, a pass
 * product created and a pass issued, its holder changed and cancelled.
 */
describe('the codes screens', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('creates a promo code and shows its use once a buyer used it (in English)', async () => {
    const { page, problems, close } = await openConsole(rig, '/codes', { locale: 'en' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Promo codes');
    await expectNoAxeViolations(page);
    await page.locator('tk-codes-screen a', { hasText: 'New promo code' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('New promo code');
    const form = page.locator('tk-promo-code-screen');
    await form.locator('input#code').fill('Winter-Deal 2026');
    await form.locator('input#name').fill('Winter newsletter');
    await form.locator('input#discountValue').fill('20');
    await form.locator('input#maxUses').fill('100');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Promo code WINTERDEAL2026');
    await expect.poll(() => form.locator('[role="status"]').textContent()).toContain('Promo code WINTERDEAL2026 created.');

    await buyConcert(rig, { name: 'Eva Roth', email: 'eva@example.ch' }, 2, 'winterdeal2026');
    await page.locator('tk-promo-code-screen a', { hasText: 'Back to the list' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Promo codes');
    const row = page.locator('tk-codes-screen tbody tr', { hasText: 'WINTERDEAL2026' });
    await expect.poll(() => row.locator('td.uses').textContent()).toBe('1 used');
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('99');
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('20 % off per ticket');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Deactivated in place, then the API refuses it to a buyer.
    await row.locator('button', { hasText: 'Deactivate' }).click();
    await expect.poll(() => page.locator('tk-codes-screen [role="status"]').textContent()).toContain('Deactivated');
    const listed = await api(rig, 'GET', '/api/org/promo-codes?code=WINTERDEAL2026');
    expect(listed.body.promoCodes[0]).toMatchObject({ active: false, uses: { used: 1 } });
    expect(problems).toEqual([]);
    await close();
  });

  it('issues a gift voucher, finds it by its code and cancels it after a confirmation (in Italian)', async () => {
    const { page, problems, close } = await openConsole(rig, '/codes/vouchers', { locale: 'it' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Buoni regalo');
    const screen = page.locator('tk-vouchers-screen');
    await screen.locator('button', { hasText: 'Emettere un buono regalo' }).click();
    await screen.locator('input#amount').fill('75');
    await screen.locator('input#note').fill('Premio lotteria');
    await expectNoAxeViolations(page);
    await screen.locator('button[type="submit"]', { hasText: 'Emettere' }).click();
    await expect.poll(() => screen.locator('[role="status"]').textContent()).toMatch(/Buono regalo [A-Z0-9]+ emesso\./);
    const code = /Buono regalo ([A-Z0-9]+) emesso/.exec((await screen.locator('[role="status"]').textContent())!)![1]!;

    // As the customer reads it out: lower case, with dashes.
    await screen.locator('input#find').fill(code.toLowerCase().replace(/(.{4})/g, '$1-'));
    await screen.locator('input#find').press('Enter');
    await expect.poll(() => screen.locator('tbody tr').count()).toBe(1);
    await expect(screen.locator('tbody td.balance').textContent()).resolves.toMatch(/75[.,]00/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screen.locator('tbody a', { hasText: code }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe(`Buono regalo ${code}`);
    const detail = page.locator('tk-voucher-screen');
    await expect.poll(() => shadowText(detail)).toContain('Non ancora usato.');
    await expectNoAxeViolations(page);
    await detail.locator('button', { hasText: 'Annullare il buono' }).click();
    await expect.poll(() => detail.locator('#confirm-cancel').textContent()).toMatch(new RegExp(`Annullare il buono ${code}\\?`));
    await detail.locator('button.danger').click();
    await expect.poll(() => detail.locator('[role="status"]').textContent()).toContain('Buono annullato.');
    const voucher = await api(rig, 'GET', `/api/org/vouchers?code=${code}`);
    expect(voucher.body.vouchers[0]).toMatchObject({ initialAmount: 7500, status: 'cancelled', note: 'Premio lotteria' });
    expect(problems).toEqual([]);
    await close();
  });

  it('creates a pass product, issues a pass, changes its holder and cancels it (in French)', async () => {
    const { page, problems, close } = await openConsole(rig, '/codes/passes', { locale: 'fr' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Abonnements');
    const screen = page.locator('tk-passes-screen');
    await screen.locator('button', { hasText: 'Nouveau type d’abonnement' }).click();
    await screen.locator('input#productName').fill('Carte 3 spectacles');
    await screen.locator('input#price').fill('90');
    await screen.locator('input#maxPerformances').fill('3');
    await expectNoAxeViolations(page);
    await screen.locator('button[type="submit"]', { hasText: 'Créer' }).click();
    await expect.poll(() => screen.locator('[role="status"]').textContent()).toContain('Type d’abonnement Carte 3 spectacles créé.');

    await screen.locator('button', { hasText: 'Émettre un abonnement' }).click();
    await screen.locator('select#productId').selectOption({ label: 'Carte 3 spectacles' });
    await screen.locator('input#holderName').fill('Claire Dubois');
    await screen.locator('input[name="notifyHolder"]').uncheck();
    await screen.locator('button[type="submit"]', { hasText: 'Émettre' }).click();
    await expect.poll(() => screen.locator('[role="status"]').textContent()).toMatch(/Abonnement [A-Z0-9]+ émis\./);
    const row = screen.locator('tbody tr', { hasText: 'Claire Dubois' });
    await expect(row.textContent()).resolves.toContain('0 représentation(s), 0 place(s)');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await row.locator('button', { hasText: 'Changer de titulaire' }).click();
    await screen.locator('input#newHolderName').fill('Jean Dubois');
    await screen.locator('input#newHolderEmail').fill('jean.dubois@example.ch');
    await expectNoAxeViolations(page);
    await screen.locator('form button[type="submit"]', { hasText: 'Enregistrer' }).click();
    await expect.poll(() => screen.locator('[role="status"]').textContent()).toContain('Titulaire changé.');
    const jean = screen.locator('tbody tr', { hasText: 'Jean Dubois' });
    await jean.locator('button', { hasText: 'Annuler l’abonnement' }).click();
    await screen.locator('button.danger').click();
    await expect.poll(() => screen.locator('[role="status"]').textContent()).toContain('Abonnement annulé.');
    const passes = await api(rig, 'GET', '/api/org/passes');
    expect(passes.body.passes.find((p: { holderName: string }) => p.holderName === 'Jean Dubois')).toMatchObject({ status: 'cancelled', holderEmail: 'jean.dubois@example.ch', source: 'issued' });
    expect(problems).toEqual([]);
    await close();
  });
});
