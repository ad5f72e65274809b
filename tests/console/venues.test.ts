import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeSeatRanges } from '../../contract/seat-ranges.js';
import { parseSeatingPlanCsv } from '../../contract/seating-plan-csv.js';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';

const fixedCsv = [
  'section;row;seat;x;y;zone;flags',
  'PAR;A;1;10;10;C1;',
  'PAR;A;2;20;10;C1;',
  'PAR;A;3;30;10;C1;',
  'PAR;A;4;40;10;C1;',
  'PAR;B;1;10;20;C1;',
  'PAR;B;2;20;20;C1;',
  'BAL;A;1;10;40;C2;',
  'BAL;A;2;20;40;C2;',
].join('\r\n');
// Line 3 has x "vingt"; line 9 repeats seat PAR A-1.
const brokenCsv = fixedCsv.replace('PAR;A;2;20;10;C1;', 'PAR;A;2;vingt;10;C1;').replace('BAL;A;2;20;40;C2;', 'PAR;A;1;20;40;C2;');

describe('venues and seating plans in the console', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
  });
  afterAll(() => rig?.stop());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${rig.server.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${rig.server.demo.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('creates a venue, imports a CSV plan with an error and then fixed, marks a wheelchair row, and blocks seats of a performance that buyers are then refused', async () => {
    const { page, problems, close } = await openConsole(rig, '/venues');
    await expect.poll(() => screenHeading(page).textContent()).toBe('Venues');
    await expect.poll(() => page.locator('tk-console table a', { hasText: 'Théâtre du Lac' }).count()).toBe(1);

    // A new venue, from the form.
    await page.locator('tk-console input#venue-name').fill('Salle de la Grenette');
    await page.locator('tk-console input#venue-address').fill('Place du Marché 1, Lausanne');
    await page.locator('tk-console button[type="submit"]', { hasText: 'Add a venue' }).click();
    await expect.poll(() => page.locator('tk-console .notice.success').textContent()).toContain('Salle de la Grenette');
    await expectNoAxeViolations(page);
    await page.locator('tk-console table a', { hasText: 'Salle de la Grenette' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Salle de la Grenette');
    const venueId = (await page.evaluate(() => location.hash)).replace('#/venues/', '');

    // The file with errors: every problem by line and column, nothing to import.
    await page.locator('tk-console input#plan-name').fill('Grenette');
    await page.locator('tk-console input#plan-file').setInputFiles({ name: 'grenette.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${brokenCsv}`, 'utf8') });
    await expect.poll(() => page.locator('tk-console table.problems tbody tr').count()).toBe(2);
    expect(await page.locator('tk-console table.problems tbody tr').allInnerTexts()).toEqual(['3\tx\tNot a number.', '9\tseat\tThis seat (section, row and number) is already on an earlier line. (see line 2)']);
    expect(await page.locator('tk-console button[type="submit"]', { hasText: 'Import the plan' }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page);

    // Fixed: the preview counts it, a zone gets its name, the import opens the plan.
    await page.locator('tk-console input#plan-file').setInputFiles({ name: 'grenette.csv', mimeType: 'text/csv', buffer: Buffer.from(fixedCsv, 'utf8') });
    await expect.poll(() => page.locator('tk-console .counts').textContent()).toBe('Sections: 2 · Rows: 3 · Seats: 8 · Price zones: 2');
    await page.locator('tk-console input[aria-label="Name of zone C1"]').fill('Catégorie 1');
    await expectNoAxeViolations(page);
    await page.locator('tk-console button[type="submit"]', { hasText: 'Import the plan' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Grenette');
    const planId = (await page.evaluate(() => location.hash)).replace('#/plans/', '');
    const venues = await api('GET', '/api/org/venues');
    expect(venues.body.venues.find((v: any) => v.id === venueId).plans).toEqual([{ id: planId, name: 'Grenette', seatCount: 8 }]);
    expect((await api('GET', `/api/org/plans/${planId}`)).body.zones.map((z: any) => z.name)).toEqual(['Catégorie 1', 'C2']);

    // The plan on the widget's seat map.
    await expect.poll(() => page.locator('tk-console tk-seat-map canvas').count()).toBe(1);
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Wheelchair spaces:' }).textContent()).toBe('Seats: 8 · Wheelchair spaces: 0 · Companion seats: 0');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);

    // With the keyboard on the map: a seat is selected, then the selection cleared.
    await page.locator('tk-console tk-seat-map canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tk-console tk-plan-screen p[role="status"]').first().textContent()).toBe('Seats selected: 1');
    await page.locator('tk-console button', { hasText: 'Clear the selection' }).click();

    // Row B of the Parterre as wheelchair spaces, for every performance on the plan.
    await page.locator('tk-console select#row-section').selectOption({ label: 'PAR' });
    await page.locator('tk-console select#row-row').selectOption({ label: 'B' });
    await page.locator('tk-console button', { hasText: 'Add the row to the selection' }).click();
    await expect.poll(() => page.locator('tk-console .seat-list li').allTextContents()).toEqual(['PAR, row B, seat 1', 'PAR, row B, seat 2']);
    await page.locator('tk-console button', { hasText: 'Mark as wheelchair spaces' }).click();
    await expect.poll(() => page.locator('tk-console .notice.success').textContent()).toBe('Seats updated: 2.');
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Wheelchair spaces:' }).textContent()).toBe('Seats: 8 · Wheelchair spaces: 2 · Companion seats: 0');
    const seats = (await api('GET', `/api/org/plans/${planId}/seats`)).body.seats;
    expect(seats.flags).toEqual([0, 0, 0, 0, 1, 1, 0, 0]);
    // The plan back as CSV for a spreadsheet: it reads back to the same seats, marks included.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('tk-console button', { hasText: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('Grenette.csv');
    const exported = readFileSync((await download.path())!, 'utf8');
    const original = parseSeatingPlanCsv(fixedCsv, { name: 'Grenette' });
    const reread = parseSeatingPlanCsv(exported, { name: 'Grenette' });
    if (!original.ok || !reread.ok) throw new Error('the CSV files do not parse');
    original.plan.sections[0]!.rows[1]!.seats.forEach((seat) => (seat.flags = ['wheelchair']));
    expect(reread.plan.sections).toEqual(original.plan.sections);
    await page.locator('tk-console details summary', { hasText: 'Marked seats (2)' }).click();
    expect(await page.locator('tk-console details .seat-list li').allTextContents()).toEqual(['PAR, row B, seat 1 (Wheelchair space)', 'PAR, row B, seat 2 (Wheelchair space)']);

    // A performance on the plan (the events screens are another area's), on sale.
    const event = await api('POST', '/api/org/events', { venueId, title: 'Quatuor Sine Nomine', status: 'published' });
    const performance = await api('POST', `/api/org/events/${event.body.id}/performances`, { startsAt: Date.now() + 7 * 86_400_000, planId });
    expect(performance.status).toBe(201);
    const zones = (await api('GET', `/api/org/plans/${planId}`)).body.zones;
    for (const zone of zones) expect((await api('POST', `/api/org/events/${event.body.id}/tariffs`, { zoneId: zone.id, name: 'Plein tarif', price: 4000 })).status).toBe(201);
    await page.reload();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Grenette');

    // Block row A of the Parterre for that performance.
    const option = await page.locator('tk-console select#plan-view option', { hasText: 'Quatuor Sine Nomine' }).getAttribute('value');
    await page.locator('tk-console select#plan-view').selectOption(option!);
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Blocked:' }).textContent()).toBe('Blocked: 0 · Held: 0 · Sold: 0');
    await page.locator('tk-console select#row-section').selectOption({ label: 'PAR' });
    await page.locator('tk-console select#row-row').selectOption({ label: 'A' });
    await page.locator('tk-console button', { hasText: 'Add the row to the selection' }).click();
    await page.locator('tk-console button', { hasText: 'Block the selected seats (4)' }).click();
    await expect.poll(() => page.locator('tk-console .notice.success').textContent()).toBe('Seats blocked: 4.');
    // The seats left the selection as they were blocked: the map does not report them as lost to someone else.
    expect(await page.locator('tk-console tk-seat-map [part="message"]').textContent()).toBe('');
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Blocked:' }).textContent()).toBe('Blocked: 4 · Held: 0 · Sold: 0');
    await expectNoAxeViolations(page);

    const rowA = (seats.id as number[]).slice(0, 4);
    const seating = await api('GET', `/api/org/performances/${performance.body.id}/seating`);
    expect(decodeSeatRanges(seating.body.blocked)).toEqual(rowA);
    // A buyer asking for a blocked seat is refused.
    const hold = await fetch(`${rig.server.baseUrl}/api/shops/${rig.server.demo.shopId}/holds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ performanceId: performance.body.id, seats: [{ seatId: rowA[1] }] }),
    });
    expect(hold.status).toBe(409);
    expect(((await hold.json()) as any).error).toMatchObject({ code: 'seats_taken', details: { seatIds: [rowA[1]] } });

    // Releasing: only blocked seats are selectable now.
    await page.locator('tk-console input[type="radio"][value="release"]').check();
    await page.locator('tk-console select#row-section').selectOption({ label: 'PAR' });
    await page.locator('tk-console select#row-row').selectOption({ label: 'B' });
    await page.locator('tk-console button', { hasText: 'Add the row to the selection' }).click();
    // Row B is not blocked: nothing of it can be released.
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Select seats on the map' }).count()).toBe(1);
    // All blocked seats at once, from their list.
    await page.locator('tk-console details summary', { hasText: 'Blocked seats (4)' }).click();
    await page.locator('tk-console details button', { hasText: 'Select these seats' }).click();
    await page.locator('tk-console button', { hasText: 'Release the selected seats (4)' }).click();
    await expect.poll(() => page.locator('tk-console .notice.success').textContent()).toBe('Seats released, on sale again: 4.');
    // A buyer's hold appears on the map after a refresh.
    const held = await fetch(`${rig.server.baseUrl}/api/shops/${rig.server.demo.shopId}/holds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ performanceId: performance.body.id, seats: [{ seatId: seats.id[6] }] }),
    });
    expect(held.status).toBe(201);
    await page.locator('tk-console button', { hasText: 'Refresh' }).click();
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Blocked:' }).textContent()).toBe('Blocked: 0 · Held: 1 · Sold: 0');
    const again = await fetch(`${rig.server.baseUrl}/api/shops/${rig.server.demo.shopId}/holds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ performanceId: performance.body.id, seats: [{ seatId: rowA[1] }] }),
    });
    expect(again.status).toBe(201);
    expect(problems).toEqual([]);
    await close();
  });

  it('speaks the staff member’s language on every venue screen', async () => {
    const { page, problems, close } = await openConsole(rig, '/venues', { locale: 'de' });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Spielstätten');
    await page.locator('tk-console table a', { hasText: 'Théâtre du Lac' }).first().click();
    await expect.poll(() => page.locator('tk-console h2').first().textContent()).toBe('Saalpläne');
    await page.locator('tk-console input#plan-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from('Sektion;Reihe;Platz;X;Y\nP;A;1;1;1\n', 'utf8') });
    await expect.poll(() => page.locator('tk-console table.problems tbody td').allTextContents()).toEqual(['1', 'zone', 'Diese Spalte fehlt in der Kopfzeile.']);
    await page.locator('tk-console tk-venue-screen table a').first().click();
    await expect.poll(() => page.locator('tk-console tk-plan-screen label[for="plan-view"]').textContent()).toBe('Anzeigen');
    await expect.poll(() => page.locator('tk-console tk-seat-map').evaluate((map) => map.shadowRoot?.querySelector('canvas')?.getAttribute('aria-label') ?? '')).toContain('Saalplan');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('fits a phone: the plan page scrolls only inside its tables, and passes axe', async () => {
    const { page, problems, close } = await openConsole(rig, '/venues', { viewport: { width: 390, height: 844 } });
    await expect.poll(() => page.locator('tk-console table a', { hasText: 'Théâtre du Lac' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('tk-console table a', { hasText: 'Théâtre du Lac' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Théâtre du Lac');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('tk-console tk-venue-screen table a').first().click();
    await expect.poll(() => page.locator('tk-console tk-seat-map canvas').count()).toBe(1);
    const option = await page.locator('tk-console select#plan-view option').nth(1).getAttribute('value');
    await page.locator('tk-console select#plan-view').selectOption(option!);
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Blocked:' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('imports a plan in the API’s JSON format, with its preview', async () => {
    const { page, problems, close } = await openConsole(rig, '/venues');
    await page.locator('tk-console table a', { hasText: 'La Grange' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('La Grange');
    const plan = {
      name: 'Grange, cabaret',
      width: 200,
      height: 120,
      zones: [{ code: 'T', name: 'Tables', color: '#1a7f37' }],
      sections: [{ code: 'S', name: 'Salle', rows: [{ label: '1', seats: [{ number: '1', x: 20, y: 20, zone: 'T' }, { number: '2', x: 40, y: 20, zone: 'T', flags: ['wheelchair'] }] }] }],
      landmarks: [{ label: 'Scène', x: 60, y: 80, width: 80, height: 30 }],
    };
    await page.locator('tk-console input#plan-file').setInputFiles({ name: 'cabaret.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan), 'utf8') });
    await expect.poll(() => page.locator('tk-console .counts').textContent()).toBe('Sections: 1 · Rows: 1 · Seats: 2 · Price zones: 1');
    expect(await page.locator('tk-console input#plan-name').inputValue()).toBe('Grange, cabaret');
    await page.locator('tk-console button[type="submit"]', { hasText: 'Import the plan' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Grange, cabaret');
    await expect.poll(() => page.locator('tk-console tk-plan-screen p', { hasText: 'Wheelchair spaces:' }).textContent()).toBe('Seats: 2 · Wheelchair spaces: 1 · Companion seats: 0');
    // A CSV saved by an older Excel in Windows-1252 keeps its accents.
    await page.goBack();
    await expect.poll(() => screenHeading(page).textContent()).toBe('La Grange');
    await page.locator('tk-console input#plan-file').setInputFiles({ name: 'ancien.csv', mimeType: 'text/csv', buffer: Buffer.from('Secteur;Rang;Place;X;Y;Catégorie\r\nGalerie;A;1;1,5;1;Réduit\r\n', 'latin1') });
    await expect.poll(() => page.locator('tk-console tk-plan-import table th[scope="row"]').allTextContents()).toEqual(['Réduit']);
    await page.goForward();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Grange, cabaret');
    // A file that is JSON but not a plan says what is wrong.
    await page.goBack();
    await expect.poll(() => screenHeading(page).textContent()).toBe('La Grange');
    await page.locator('tk-console input#plan-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"name":"x"}', 'utf8') });
    await expect.poll(() => page.locator('tk-console tk-plan-import .notice.error').textContent()).toContain('The JSON file is not a seating plan');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows an accountant the venues and plans without the means to change them', async () => {
    const { page, problems, close } = await openConsole(rig, '/venues', { as: 'accountant' });
    await expect.poll(() => page.locator('tk-console table a', { hasText: 'Théâtre du Lac' }).count()).toBe(1);
    expect(await page.locator('tk-console tk-venues-screen form').count()).toBe(0);
    await page.locator('tk-console table a', { hasText: 'Théâtre du Lac' }).click();
    await expect.poll(() => screenHeading(page).textContent()).toBe('Théâtre du Lac');
    expect(await page.locator('tk-console tk-venue-screen form').count()).toBe(0);
    expect(await page.locator('tk-console tk-plan-import').count()).toBe(0);
    await page.locator('tk-console tk-venue-screen table a').first().click();
    await expect.poll(() => page.locator('tk-console tk-seat-map canvas').count()).toBe(1);
    // The plan is there to look at (and to download); nothing to select or change.
    expect(await page.locator('tk-console button', { hasText: 'Download as CSV' }).count()).toBe(1);
    expect(await page.locator('tk-console #selection-heading').count()).toBe(0);
    expect(await page.locator('tk-console tk-plan-screen fieldset').count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });
});
