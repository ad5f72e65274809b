import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';

/**
 * The Today and Reports screens in Chromium against the production server: sales made through
 * the storefront API just before, then read as staff read them, in several languages, with the
 * keyboard, and downloaded as CSV.
 */
let rig: ConsoleRig;
const orderNumbers: string[] = [];
let invoiceNumber: string;

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${rig.server.baseUrl}${path}`, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${rig.server.demo.token}` }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function buy(performanceId: string, hold: Record<string, unknown>, payment: Record<string, unknown>) {
  const shop = `/api/shops/${rig.server.demo.shopId}`;
  const created = await api('POST', `${shop}/holds`, { performanceId, ...hold });
  const order = await api('POST', `${shop}/holds/${created.id}/checkout`, { buyer: { name: 'Zoé Keller', email: 'zoe@example.ch', language: 'fr' }, payment });
  return order.number as string;
}

beforeAll(async () => {
  rig = await startConsoleRig();
  const { demo } = rig.server;
  const concert = (await api('GET', `/api/shops/${demo.shopId}/performances/${demo.concertPerformanceIds[0]}`)) as { tariffs: { id: string; name: string }[] };
  const plein = concert.tariffs.find((t) => t.name === 'Plein tarif')!.id;
  orderNumbers.push(await buy(demo.concertPerformanceIds[0]!, { quantities: [{ tariffId: plein, quantity: 3 }] }, { method: 'simulated_card', cardNumber: '4242424242424242' }));
  const play = (await api('GET', `/api/shops/${demo.shopId}/performances/${demo.theatrePerformanceIds[2]}`)) as { planId: string };
  const plan = (await api('GET', `/api/shops/${demo.shopId}/plans/${play.planId}`)) as { seats: { id: number[] } };
  orderNumbers.push(await buy(demo.theatrePerformanceIds[2]!, { seats: [{ seatId: plan.seats.id[0] }, { seatId: plan.seats.id[1] }] }, { method: 'simulated_card', cardNumber: '4242424242424242' }));
  invoiceNumber = await buy(demo.theatrePerformanceIds[2]!, { seats: [{ seatId: plan.seats.id[2] }] }, { method: 'invoice' });
  // A gift voucher sold in the shop (the demo's pass was sold as the server started).
  await api('POST', `/api/shops/${demo.shopId}/product-orders`, { kind: 'voucher', amount: 5000, buyer: { name: 'Zoé Keller', email: 'zoe@example.ch', language: 'fr' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
});
afterAll(() => rig?.stop());

describe('the Today screen', () => {
  it('shows today’s sales, the fill of the next performances, unpaid invoices and recent orders, in French', async () => {
    const { page, problems, close } = await openConsole(rig, '/today', { locale: 'fr' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Aujourd’hui');
    const todayCard = page.locator('tk-today-screen .card[data-span="today"]');
    await expect.poll(() => todayCard.locator('dd').first().textContent()).toBe('5');
    expect(await page.locator('tk-today-screen .invoices-summary').textContent()).toMatch(/^1 facture attend son paiement : \d+\.\d{2}\s?CHF\.$/);
    expect(await page.locator('tk-today-screen a', { hasText: invoiceNumber }).count()).toBe(2);
    // The concert: 3 of 300 places.
    const concertRow = page.locator(`tk-today-screen tr[data-performance="${rig.server.demo.concertPerformanceIds[0]}"]`);
    expect(await concertRow.locator('td').first().textContent()).toBe('3');
    expect((await concertRow.locator('td').nth(3).textContent())!.trim()).toMatch(/^1\s?%$/);
    for (const number of orderNumbers) expect(await page.locator(`tk-today-screen tr[data-order="${number}"] .badge`).textContent()).toBe('Payée');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('reads the same in German on a phone, and opens an order with the keyboard', async () => {
    const { page, problems, close } = await openConsole(rig, '/today', { locale: 'de', viewport: { width: 390, height: 844 } });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Heute');
    await expect.poll(() => page.locator('tk-today-screen .invoices-summary').textContent()).toMatch(/^1 Rechnung wartet auf Zahlung/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    // Tab from the heading reaches the refresh button, then the order links.
    await screenHeading(page).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('tk-console')!.shadowRoot!.querySelector('tk-today-screen')!.shadowRoot!.activeElement?.textContent)).toBe('Aktualisieren');
    const link = page.locator(`tk-today-screen tr[data-order="${orderNumbers[0]}"] a`);
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/orders/${orderNumbers[0]}`);
    expect(problems).toEqual([]);
    await close();
  });

});

describe('the Reports screen', () => {
  it('shows this month’s sales per day as a chart and a table, regroups them with the keyboard, and downloads the CSV', async () => {
    const { page, problems, close } = await openConsole(rig, '/reports', { locale: 'en' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Reports');
    const chart = page.locator('tk-reports-screen figure.chart svg[role="img"]');
    await expect.poll(() => chart.count()).toBe(1);
    expect(await chart.locator('title#chart-title').textContent()).toBe('Sales per day');
    expect(await chart.locator('desc').textContent()).toMatch(/^Amount charged to buyers each day from .* Total: CHF\s?\d/);
    expect(await chart.locator('rect.bar').count()).toBeGreaterThanOrEqual(28);
    const totalsRow = page.locator('tk-reports-screen tfoot tr').first();
    expect(await totalsRow.locator('td').first().textContent()).toBe('5');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // With the keyboard: group by event, then Show.
    await page.locator('tk-reports-screen select#group-by').focus();
    await page.keyboard.press('Home');
    expect(await page.locator('tk-reports-screen select#group-by').inputValue()).toBe('event');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tk-reports-screen tbody th[scope="row"]').allTextContents()).toEqual(['Le Malade imaginaire', 'Nuit du Jazz']);
    expect(await page.locator('tk-reports-screen thead th').first().textContent()).toBe('Event');

    // A plain download link to the CSV operation with the same period and grouping. In use, the
    // session cookie goes with it; this page signs in with a bearer header instead, which
    // Chromium's download manager does not send, so the file is fetched by the page itself.
    const link = page.locator('tk-reports-screen a[download]');
    expect(await link.textContent()).toBe('Download CSV');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/org\/reports\/sales\.csv\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}&lang=en&groupBy=event$/);
    const file = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
    }, href);
    expect([file.status, file.type]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(file.disposition).toMatch(/^attachment; filename="sales-by-event-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(file.bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('event_id,event,currency,tickets,gross,discounts,passes,net,fees,insurance,exchanges,exchange_difference,exchange_fees,total,cancelled_since');
    expect(lines[1]).toMatch(new RegExp(`^${rig.server.demo.theatreEventId},Le Malade imaginaire,CHF,2,`));
    expect(lines[2]).toMatch(new RegExp(`^${rig.server.demo.concertEventId},Nuit du Jazz,CHF,3,105\\.00,`));
    expect(problems).toEqual([]);
    await close();
  });

  it('reads other reports in Italian on a phone and says why a period is refused', async () => {
    const { page, problems, close } = await openConsole(rig, '/reports', { locale: 'it', viewport: { width: 390, height: 844 } });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Rapporti');
    await expect.poll(() => page.locator('tk-reports-screen figure.chart').count()).toBe(1);
    await page.locator('tk-reports-screen select#report').selectOption('commissions');
    await page.locator('tk-reports-screen button[type="submit"]').click();
    await expect.poll(() => page.locator('tk-reports-screen h2#result-heading').textContent()).toBe('Commissioni');
    await expect.poll(() => page.locator('tk-reports-screen tbody tr').count()).toBe(2);
    expect(await page.locator('tk-reports-screen thead th').first().textContent()).toBe('Rappresentazione');
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.locator('tk-reports-screen select#period').selectOption('custom');
    await page.locator('tk-reports-screen input#from').fill('2024-01-01');
    await page.locator('tk-reports-screen input#to').fill('2026-12-31');
    await page.locator('tk-reports-screen button[type="submit"]').click();
    const alert = page.locator('tk-reports-screen [role="alert"]');
    await expect.poll(() => alert.textContent()).toMatch(/400/);
    await expectNoAxeViolations(page);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await close();
  });

  it('shows the passes and gift vouchers sold in Italian, with their totals and CSV link', async () => {
    const { page, problems, close } = await openConsole(rig, '/reports', { locale: 'it' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Rapporti');
    await page.locator('tk-reports-screen select#report').selectOption('products');
    await page.locator('tk-reports-screen button[type="submit"]').click();
    await expect.poll(() => page.locator('tk-reports-screen h2#result-heading').textContent()).toBe('Abbonamenti e buoni');
    await expect.poll(() => page.locator('tk-reports-screen tbody th[scope="row"]').allTextContents()).toEqual(['Pass Molière', 'Buono regalo CHF 50.00']);
    expect(await page.locator('tk-reports-screen thead th').allTextContents()).toEqual(['Nome', 'Tipo', 'Venduti', 'Incassato', 'Annullati da allora']);
    expect(await page.locator('tk-reports-screen tbody tr').nth(1).locator('td').first().textContent()).toBe('Buono regalo');
    expect(await page.locator('tk-reports-screen tfoot th').allTextContents()).toEqual(['Totale · Abbonamento', 'Totale · Buono regalo']);
    expect(await page.locator('tk-reports-screen a[download]').getAttribute('href')).toMatch(/^\/api\/org\/reports\/products\.csv\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}&lang=it$/);
    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });
});
