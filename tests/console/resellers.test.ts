import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';
import { orgApi } from './storefront.js';
import { httpJson } from '../node/http-server.js';

vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

/** The Resellers and Import tickets screens in Chromium against the production server, checked through the API too. */
describe('the resellers and ticket import screens', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  it('adds a reseller with its commission, gives it places at a concert and a token shown once', async () => {
    const { page, problems, close } = await openConsole(rig, '/resellers', { locale: 'en' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Resellers');
    const screen = page.locator('tk-resellers-screen');
    await screen.locator('#name').fill('Office du tourisme');
    await screen.locator('#email').fill('ventes@tourisme.example.ch');
    await screen.locator('#commission').fill('7.5');
    await screen.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => screen.locator('.notice.success').textContent()).toBe('Office du tourisme was added.');
    const resellers = (await orgApi(rig, 'GET', '/api/org/resellers')).body.resellers as { id: string; name: string; commissionBps: number }[];
    const reseller = resellers.find((r) => r.name === 'Office du tourisme')!;
    expect(reseller.commissionBps).toBe(750);

    await screen.getByRole('button', { name: 'Quotas of Office du tourisme' }).click();
    await expect.poll(() => screen.locator('#quotas').textContent()).toBe('Quotas of Office du tourisme');
    await expect.poll(() => screen.locator('#quota-event option').count()).toBeGreaterThan(1);
    await screen.locator('#quota-event').selectOption({ label: 'Nuit du Jazz' });
    await expect.poll(() => screen.locator('#quota-performance option').count()).toBeGreaterThan(0);
    await screen.locator('#quota-places').fill('20');
    await screen.getByRole('button', { name: 'Set the quota' }).click();
    await expect.poll(() => screen.locator('section .notice.success').last().textContent()).toBe('The quota was saved.');
    await expect.poll(() => screen.locator('tr[data-performance] .remaining').first().textContent()).toBe('20');
    const quotas = (await orgApi(rig, 'GET', `/api/org/resellers/${reseller.id}/quotas`)).body.quotas as { places: number }[];
    expect(quotas.map((q) => q.places)).toEqual([20]);

    await screen.getByRole('button', { name: 'Create its token' }).click();
    await expect.poll(() => screen.locator('tk-secret-once').count()).toBe(1);
    const tokens = (await orgApi(rig, 'GET', '/api/org/tokens')).body.tokens as { role: string; resellerId: string | null }[];
    expect(tokens.filter((t) => t.role === 'reseller').map((t) => t.resellerId)).toEqual([reseller.id]);

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('imports a CSV on a phone in German: previews it, imports the good lines and says why the others were rejected', async () => {
    const { demo } = rig.server;
    const concert = demo.concertPerformanceIds[1]!;
    const info = (await fetch(`${rig.server.baseUrl}/api/shops/${demo.shopId}/performances/${concert}`).then((r) => r.json())) as { tariffs: { id: string; zoneId: string | null }[] };
    const tariff = info.tariffs.find((t) => t.zoneId === null)!.id;
    const csv = [
      'performance,section,row,seat,tariff,barcode,buyer_name,buyer_email',
      `${concert},,,,${tariff},PARTNER-1,Anna Keller,anna@example.ch`,
      `${concert},,,,${tariff},PARTNER-2,Ben Roth,ben@example.ch`,
      `${concert},,,,${tariff},PARTNER-1,Chloé Favre,chloe@example.ch`,
    ].join('\n');
    const { page, problems, close } = await openConsole(rig, '/ticket-imports', { locale: 'de', viewport: { width: 390, height: 844 } });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Anderswo verkaufte Tickets importieren');
    const screen = page.locator('tk-ticket-import-screen');
    await screen.locator('#csv-file').setInputFiles({ name: 'partner.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => screen.locator('table.preview tbody tr').count()).toBe(3);
    await screen.getByRole('button', { name: 'Importieren' }).click();
    await expect.poll(() => screen.locator('.notice.success').textContent()).toBe('2 Tickets importiert, 1 Zeilen abgelehnt.');
    await expect(screen.locator('tr[data-line="4"] .reason').textContent()).resolves.toBe('Dieser Strichcode wurde bereits importiert.');
    const found = await orgApi(rig, 'GET', `/api/org/orders?performanceId=${concert}`);
    expect((found.body.orders as { buyer: { name: string } }[]).map((o) => o.buyer.name).sort()).toEqual(['Anna Keller', 'Ben Roth']);

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the resellers report in French: what each reseller sold, its commission and what it owes', async () => {
    const { demo } = rig.server;
    const concert = demo.concertPerformanceIds[0]!;
    const info = (await fetch(`${rig.server.baseUrl}/api/shops/${demo.shopId}/performances/${concert}`).then((r) => r.json())) as { tariffs: { id: string; zoneId: string | null; price: number }[] };
    const tariff = info.tariffs.find((t) => t.zoneId === null)!;
    const reseller = (await orgApi(rig, 'POST', '/api/org/resellers', { name: 'Kiosque de la gare', email: 'kiosque@example.ch', commissionBps: 1000 })).body;
    const token = (await orgApi(rig, 'POST', '/api/org/tokens', { label: 'Kiosque', role: 'reseller', resellerId: reseller.id })).body.token as string;
    expect((await orgApi(rig, 'PUT', `/api/org/resellers/${reseller.id}/quotas/${concert}`, { places: 10 })).status).toBe(200);
    const asReseller = { Authorization: `Bearer ${token}` };
    const hold = await httpJson(rig.server.baseUrl, 'POST', `/api/shops/${demo.shopId}/holds`, { performanceId: concert, quantities: [{ tariffId: tariff.id, quantity: 2 }] }, asReseller);
    const sale = await httpJson(rig.server.baseUrl, 'POST', `/api/shops/${demo.shopId}/holds/${hold.body.id}/checkout`, { buyer: { name: 'Léa Voyageuse', email: 'lea@example.ch', language: 'fr' }, payment: { method: 'reseller' } }, asReseller);
    expect(sale.status).toBe(201);

    const { page, problems, close } = await openConsole(rig, '/reports', { locale: 'fr' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Rapports');
    await page.locator('tk-reports-screen select#report').selectOption('resellers');
    await page.locator('tk-reports-screen button[type="submit"]').click();
    await expect.poll(() => page.locator('tk-reports-screen h2#result-heading').textContent()).toBe('Revendeurs');
    const row = page.locator('tk-reports-screen tbody tr', { hasText: 'Kiosque de la gare' });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    const gross = tariff.price * 2;
    const money = (minor: number) => new Intl.NumberFormat('fr-CH', { style: 'currency', currency: 'CHF' }).format(minor / 100);
    expect(cells.map((c) => c.replace(/\s/g, ' '))).toEqual(['2', '0', money(gross), money(Math.round(gross / 10)), money(gross - Math.round(gross / 10))].map((c) => c.replace(/\s/g, ' ')));
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });
});
