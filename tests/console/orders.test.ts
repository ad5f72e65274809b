import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';
import { api, buyConcert, deepFocus, orderByInvoice, shadowText, tabTo, unexpected } from './shop-api.js';

/**
 * The orders area as the box office uses it, in Chromium against the real API: the search box,
 * an order's page, cancelling one ticket with a refund from the keyboard alone, recording an
 * invoice payment, and exchanging a ticket onto another date with a seat from the list.
 */
describe('the orders screens', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  const search = (page: import('playwright-core').Page) => page.locator('tk-orders-screen input#q');
  const resultNumbers = (page: import('playwright-core').Page) => page.locator('tk-orders-screen tbody td:first-child a').allTextContents();

  it('finds an order by e-mail in any case and by a ticket number, on a tablet, without axe violations', async () => {
    const mine = await buyConcert(rig, { name: 'Léa Rochat', email: 'lea.rochat@example.ch' });
    const other = await buyConcert(rig, { name: 'Léo Rochat', email: 'xlea.rochat@example.ch' });
    const { page, problems, close } = await openConsole(rig, '/orders', { locale: 'en' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Orders');

    await search(page).fill('LEA.ROCHAT@example.ch');
    await search(page).press('Enter');
    await expect.poll(() => resultNumbers(page)).toEqual([mine.number]);
    await expect(page.locator('tk-orders-screen [role="status"]').first().textContent()).resolves.toContain('The orders of this e-mail address.');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await search(page).fill('rochat');
    await search(page).press('Enter');
    await expect.poll(() => resultNumbers(page)).toEqual([other.number, mine.number]);

    await search(page).fill(mine.tickets[1]!.number.toLowerCase());
    await search(page).press('Enter');
    await expect.poll(() => resultNumbers(page)).toEqual([mine.number]);
    await page.locator('tk-orders-screen tbody a', { hasText: mine.number }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe(`Order ${mine.number}`);
    await expect.poll(() => page.locator('tk-order-screen #tickets ~ .table-wrap tbody tr').count()).toBe(2);
    await expect(shadowText(page.locator('tk-order-screen'))).resolves.toContain('lea.rochat@example.ch');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Back to the search: the same list.
    await page.goBack();
    await expect.poll(() => resultNumbers(page)).toEqual([mine.number]);
    expect(problems).toEqual([]);
    await close();
  });

  it('cancels one ticket with a cash refund using the keyboard alone, with a confirmation step (in French)', async () => {
    const order = await buyConcert(rig, { name: 'Marc Favre', email: 'marc.favre@example.ch' });
    const [kept, cancelled] = order.tickets;
    const { page, problems, close } = await openConsole(rig, `/orders/${order.number}`, { locale: 'fr' });
    await expect.poll(() => screenHeading(page).textContent()).toBe(`Commande ${order.number}`);
    await expect.poll(() => page.locator('tk-order-cancel h3').textContent()).toBe('Annuler des billets');

    // The radio group of the scope, then the arrow key to "chosen tickets".
    await tabTo(page, (f) => f.startsWith('input[radio=order]'));
    await page.keyboard.press('ArrowDown');
    expect(await deepFocus(page)).toMatch(/^input\[radio=tickets\]/);
    await tabTo(page, (f) => f.startsWith(`input[checkbox=${cancelled!.number}]`));
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.startsWith('select#refundMethod'));
    // Cash is the first refund after "none": the select is already on it.
    expect(await deepFocus(page)).toContain('[select-one=cash]');
    await tabTo(page, (f) => f.startsWith('input#refundAmount'));
    await page.keyboard.type('30');
    await tabTo(page, (f) => f.startsWith('input#reason'));
    await page.keyboard.type('Malade');
    await tabTo(page, (f) => f.includes('Vérifier l’annulation'));
    await page.keyboard.press('Enter');
    await expect.poll(() => deepFocus(page)).toContain('Confirmer l’annulation');
    await expect(shadowText(page.locator('tk-order-cancel'))).resolves.toContain(`Annuler les billets ${cancelled!.number}.`);
    await expect(shadowText(page.locator('tk-order-cancel'))).resolves.toMatch(/Remboursement : En espèces, 30[.,]00/);
    await expectNoAxeViolations(page);
    await tabTo(page, (f) => f.includes('Annuler maintenant'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tk-order-screen [role="status"] .notice.success').textContent()).toBe('Annulé. Les places sont de nouveau en vente.');

    const view = await api(rig, 'GET', `/api/org/orders/${order.number}`);
    expect(view.body.tickets.map((t: { number: string; status: string }) => [t.number, t.status])).toEqual([
      [kept!.number, 'valid'],
      [cancelled!.number, 'cancelled'],
    ]);
    expect(view.body.cancellations[0]).toMatchObject({ scope: 'tickets', reason: 'Malade', refund: { method: 'cash', amount: 3000, status: 'recorded' } });
    await expect.poll(() => page.locator('tk-order-screen ol.history').textContent()).toContain(`Annulé ${cancelled!.number} : Malade`);
    // The activity log says who: the owner signed in for this test.
    await expect.poll(() => page.locator('tk-order-screen ol.history').textContent()).toMatch(/Annulation, par Test owner \(Propriétaire\)/);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the API’s refusal of a cancellation and changes nothing', async () => {
    const order = await buyConcert(rig, { name: 'Nora Blanc', email: 'nora@example.ch' }, 1);
    const { page, problems, close } = await openConsole(rig, `/orders/${order.number}`, { locale: 'en' });
    await page.locator('tk-order-cancel select#refundMethod').selectOption('cash');
    await page.locator('tk-order-cancel input#refundAmount').fill('999');
    await page.locator('tk-order-cancel input#reason').fill('Too much');
    await page.locator('tk-order-cancel button', { hasText: 'Review the cancellation' }).click();
    await page.locator('tk-order-cancel button', { hasText: 'Cancel now' }).click();
    await expect.poll(() => page.locator('tk-order-cancel [role="alert"]').textContent()).toContain('The server refused:');
    expect((await api(rig, 'GET', `/api/org/orders/${order.number}`)).body.status).toBe('paid');
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('records the payment of an invoice, in German, and the tickets are issued', async () => {
    const order = await orderByInvoice(rig, { name: 'Hans Muster', email: 'hans@example.ch' });
    const { page, problems, close } = await openConsole(rig, `/orders/${order.number}`, { locale: 'de' });
    await expect.poll(() => page.locator('tk-order-invoice-payment h3').textContent()).toBe('Zahlung der Rechnung erfassen');
    expect(await page.locator('tk-order-screen a', { hasText: 'Rechnung (PDF)' }).getAttribute('href')).toBe(`/api/org/orders/${order.number}/invoice.pdf`);
    // No tickets to print before the invoice is paid.
    expect(await page.locator('tk-order-screen a', { hasText: 'Tickets drucken (80 mm)' }).count()).toBe(0);
    await page.locator('tk-order-invoice-payment input#amount').fill('1');
    await page.locator('tk-order-invoice-payment button[type="submit"]').click();
    await expect.poll(() => page.locator('tk-order-invoice-payment [role="alert"]').textContent()).toContain('Der Server hat abgelehnt:');
    await page.locator('tk-order-invoice-payment input#amount').fill((order.total / 100).toFixed(2));
    await page.locator('tk-order-invoice-payment input#reference').fill('UBS 2026-11-30');
    await expectNoAxeViolations(page);
    await page.locator('tk-order-invoice-payment button[type="submit"]').click();
    await expect.poll(() => page.locator('tk-order-screen [role="status"] .notice.success').textContent()).toBe('Zahlung erfasst: Die Tickets gehen an den Käufer.');
    await expect.poll(() => page.locator('tk-order-screen .status-line .badge').textContent()).toBe('Bezahlt');
    // Now the tickets print: on the box office's 80 mm printer or on A4, with the session's cookie.
    const thermal = page.locator('tk-order-screen a', { hasText: 'Tickets drucken (80 mm)' });
    expect(await thermal.getAttribute('href')).toBe(`/api/org/orders/${order.number}/tickets.pdf?layout=thermal`);
    expect(await page.locator('tk-order-screen a', { hasText: 'Tickets als PDF (A4)' }).getAttribute('href')).toBe(`/api/org/orders/${order.number}/tickets.pdf?layout=a4`);
    const printed = await page.evaluate(async (href) => {
      const res = await fetch(href!);
      return [res.status, res.headers.get('Content-Type'), new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))];
    }, await thermal.getAttribute('href'));
    expect(printed).toEqual([200, 'application/pdf', '%PDF-']);
    const view = await api(rig, 'GET', `/api/org/orders/${order.number}`);
    expect(view.body.status).toBe('paid');
    expect(view.body.tickets).toHaveLength(2);
    expect(view.body.payments).toContainEqual(expect.objectContaining({ method: 'bank_transfer', amount: order.total, providerReference: 'UBS 2026-11-30' }));
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('exchanges a ticket onto another date with a seat chosen from the list of free seats', async () => {
    const [from, to] = rig.server.demo.theatrePerformanceIds as [string, string];
    const info = await api(rig, 'GET', `/api/shops/${rig.server.demo.shopId}/performances/${from}`, undefined, null);
    const plan = await api(rig, 'GET', `/api/shops/${rig.server.demo.shopId}/plans/${info.body.planId}`, undefined, null);
    const hold = await api(rig, 'POST', `/api/shops/${rig.server.demo.shopId}/holds`, { performanceId: from, seats: [{ seatId: plan.body.seats.id[40] }] }, null);
    const order = await api(rig, 'POST', `/api/shops/${rig.server.demo.shopId}/holds/${hold.body.id}/checkout`, { buyer: { name: 'Ida Keller', email: 'ida@example.ch', language: 'it' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } }, null);
    expect(order.status).toBe(201);
    const { page, problems, close } = await openConsole(rig, `/orders/${order.body.number}`, { locale: 'it' });
    const exchange = page.locator('tk-order-exchange');
    await expect.poll(() => exchange.locator('select#x-target option').count()).toBeGreaterThan(0);
    await exchange.locator('select#x-target').selectOption(to);
    await exchange.locator('button', { hasText: 'Mostrare i posti liberi' }).click();
    await expect.poll(() => exchange.locator('select#x-seat option').count()).toBeGreaterThan(1);
    const seatValue = await exchange.locator('select#x-seat option').nth(1).getAttribute('value');
    await exchange.locator('select#x-seat').selectOption(seatValue!);
    await exchange.locator('input[type="checkbox"]').first().check();
    await exchange.locator('button', { hasText: 'Mostrare il prezzo' }).click();
    await expect.poll(() => exchange.locator('dl').textContent()).toContain('Da pagare ora');
    await expectNoAxeViolations(page);
    await exchange.locator('button', { hasText: 'Cambiare il biglietto' }).click();
    await expect.poll(() => page.locator('tk-order-screen [role="status"] .notice.success').textContent()).toMatch(/^Cambiato: il nuovo biglietto è T/);
    const view = await api(rig, 'GET', `/api/org/orders/${order.body.number}`);
    expect(view.body.exchanges).toHaveLength(1);
    expect(view.body.tickets.find((t: { status: string }) => t.status === 'valid')).toMatchObject({ performanceId: to, seatId: Number(seatValue) });
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the box office its refund limit when a refund is above it, and changes nothing', async () => {
    expect((await api(rig, 'PATCH', '/api/org/shop', { boxOfficeRefundLimit: 2000 })).status).toBe(200);
    const order = await buyConcert(rig, { name: 'Sami Haddad', email: 'sami@example.ch' });
    const { page, problems, close } = await openConsole(rig, `/orders/${order.number}`, { locale: 'en', as: 'box_office' });
    const cancel = page.locator('tk-order-cancel');
    await cancel.locator('input[value="tickets"]').check();
    await cancel.locator(`input[value="${order.tickets[0]!.number}"]`).check();
    await cancel.locator('select#refundMethod').selectOption('cash');
    await cancel.locator('input#refundAmount').fill('30');
    await cancel.locator('input#reason').fill('Double booking');
    await cancel.locator('button', { hasText: 'Review the cancellation' }).click();
    await cancel.locator('button', { hasText: 'Cancel now' }).click();
    await expect.poll(() => cancel.locator('[role="alert"]').textContent()).toMatch(/above what the box office may refund in one cancellation \(CHF.20[.,]00\)/);
    await expectNoAxeViolations(page);
    expect((await api(rig, 'GET', `/api/org/orders/${order.number}`)).body.cancellations).toEqual([]);
    // Within the limit it goes through.
    await cancel.locator('button', { hasText: 'Change' }).click();
    await cancel.locator('input#refundAmount').fill('20');
    await cancel.locator('button', { hasText: 'Review the cancellation' }).click();
    await cancel.locator('button', { hasText: 'Cancel now' }).click();
    await expect.poll(() => page.locator('tk-order-screen [role="status"] .notice.success').textContent()).toBe('Cancelled. The seats are on sale again.');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the accountant the order and its history but none of the counter’s actions', async () => {
    const order = await buyConcert(rig, { name: 'Paul Gerber', email: 'paul@example.ch' }, 1);
    const { page, problems, close } = await openConsole(rig, `/orders/${order.number}`, { as: 'accountant' });
    await expect.poll(() => screenHeading(page).textContent()).toBe(`Order ${order.number}`);
    await expect.poll(() => page.locator('tk-order-screen ol.history li').count()).toBeGreaterThan(0);
    expect(await page.locator('tk-order-cancel').count()).toBe(0);
    expect(await page.locator('tk-order-exchange').count()).toBe(0);
    expect(await page.locator('tk-order-screen button', { hasText: 'Send the tickets again' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('fits a phone: the search and an order’s page scroll only inside their tables', async () => {
    const order = await buyConcert(rig, { name: 'Zoé Aebischer-Vuilleumier', email: 'zoe.aebischer-vuilleumier@example.ch' });
    const { page, problems, close } = await openConsole(rig, `/orders?q=${order.number}`, { locale: 'de', viewport: { width: 390, height: 844 } });
    await expect.poll(() => resultNumbers(page)).toEqual([order.number]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.evaluate((hash) => (location.hash = hash), `#/orders/${order.number}`);
    await expect.poll(() => screenHeading(page).textContent()).toBe(`Bestellung ${order.number}`);
    await expect.poll(() => page.locator('tk-order-cancel h3').count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('retries a card refund the provider refused, from the order’s page', async () => {
    const order = await buyConcert(rig, { name: 'Rita Meier', email: 'rita@example.ch' }, 1);
    const cancelled = await api(rig, 'POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'order', reason: 'Ill', refundMethod: 'card_refund' });
    expect(cancelled.status).toBe(201);
    // The provider's refusal, as it would have been recorded (the simulated card never refuses a refund).
    const db = createClient({ url: `file:${rig.server.dbPath}` });
    await db.execute({ sql: "UPDATE payments SET status = 'declined', decline_code = 'card_expired', id = id || '_refused' WHERE kind = 'refund' AND cancellation_id = ?", args: [cancelled.body.cancellation.id] });
    db.close();
    const { page, problems, close } = await openConsole(rig, `/orders/${order.number}`, { locale: 'en' });
    const payments = page.locator('tk-order-screen section.payments');
    await expect.poll(() => payments.locator('.notice.error p').textContent()).toMatch(/^The card refund of CHF.35[.,]00 .* was refused by the payment provider\. \(card_expired\)$/);
    await expectNoAxeViolations(page);
    await payments.locator('button', { hasText: 'Retry the card refund' }).click();
    await expect.poll(() => payments.locator('[role="status"]').textContent()).toBe('Refunded to the card.');
    await expect.poll(() => payments.locator('.notice.error').count()).toBe(0);
    const view = await api(rig, 'GET', `/api/org/orders/${order.number}`);
    expect(view.body.cancellations[0].refund).toMatchObject({ method: 'card_refund', status: 'refunded' });
    expect(problems).toEqual([]);
    await close();
  });

  it('sends the tickets again once the first e-mail went out, and says so while it still waits (in Italian)', async () => {
    const order = await buyConcert(rig, { name: 'Luca Bernasconi', email: 'luca@example.ch' }, 1);
    const { page, problems, close } = await openConsole(rig, `/orders/${order.number}`, { locale: 'it' });
    const emails = page.locator('tk-order-screen section.emails');
    await emails.locator('button', { hasText: 'Invia di nuovo i biglietti' }).click();
    await expect.poll(() => emails.locator('[role="alert"]').textContent()).toBe('Un’e-mail di questo tipo è già in attesa di invio; parte entro pochi minuti.');
    // The scheduler is off in this rig: the confirmation goes out as the outbox job would record it.
    const db = createClient({ url: `file:${rig.server.dbPath}` });
    await db.execute({ sql: "UPDATE outbox_messages SET status = 'sent', sent_at = ? WHERE order_id = (SELECT id FROM orders WHERE number = ?)", args: [Date.now(), order.number] });
    db.close();
    await emails.locator('button', { hasText: 'Invia di nuovo i biglietti' }).click();
    await expect.poll(() => emails.locator('[role="status"]').textContent()).toBe('L’e-mail parte verso luca@example.ch.');
    await expect.poll(() => emails.locator('tbody tr').count()).toBe(2);
    await expectNoAxeViolations(page);
    const view = await api(rig, 'GET', `/api/org/orders/${order.number}`);
    expect(view.body.messages.map((m: { kind: string; status: string }) => [m.kind, m.status])).toEqual([
      ['order_confirmation', 'sent'],
      ['order_confirmation', 'pending'],
    ]);
    await expect.poll(() => page.locator('tk-order-screen ol.history').textContent()).toContain('E-mail inviata di nuovo');
    expect(problems).toEqual([]);
    await close();
  });
});
