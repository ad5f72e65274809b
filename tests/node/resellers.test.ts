import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { buyer, checkoutHold, demoPerformances, sf, tariffOf, type PerformanceInfo, type TestShop } from './harness.js';

/**
 * Resellers: their tokens and roles, quotas of places and of seats, selling through the
 * storefront API with the reseller's token, and cancellations giving places back.
 */
describe('resellers with quotas', () => {
  let shop: TestShop;
  let theatre: string;
  let concert: string;
  let theatreInfo: PerformanceInfo;
  let concertInfo: PerformanceInfo;
  let seats: Record<string, number[]>;
  let resellerId: string;
  let token: string;
  let tokenId: string;

  const asReseller = (method: string, path: string, body?: unknown, key = token) => shop.call(method, path, body, { Authorization: `Bearer ${key}` });
  const gaTariff = () => concertInfo.tariffs.find((t) => t.zoneId === null)!;

  beforeAll(async () => {
    ({ shop, theatre, concert, theatreInfo, concertInfo, seats } = await demoPerformances());
    const created = await shop.org('POST', '/api/org/resellers', { name: 'Office du tourisme', email: 'Ventes@Tourisme.example.ch', commissionBps: 800 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Office du tourisme', email: 'ventes@tourisme.example.ch', commissionBps: 800, status: 'active' });
    resellerId = created.body.id;
    const made = await shop.org('POST', '/api/org/tokens', { label: 'Tourisme API', role: 'reseller', resellerId });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'reseller', resellerId });
    token = made.body.token;
    tokenId = made.body.id;
  });

  afterAll(() => shop?.close());

  it('a reseller role is for tokens only, and a reseller token names an active reseller', async () => {
    const invite = await shop.org('POST', '/api/org/staff', { email: 'partner@example.ch', name: 'Partner', role: 'reseller' });
    expect(invite.status).toBe(400);
    expect(invite.body.error?.code).toBe('role_not_for_staff');
    expect((await shop.org('POST', '/api/org/tokens', { label: 'No reseller', role: 'reseller' })).body.error?.code).toBe('invalid_request');
    expect((await shop.org('POST', '/api/org/tokens', { label: 'Mixed', role: 'manager', resellerId })).body.error?.code).toBe('invalid_request');
    const unknown = await shop.org('POST', '/api/org/tokens', { label: 'Ghost', role: 'reseller', resellerId: 'rsl_unknown00000' });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'reseller_not_found']);
    const tokens = await shop.org('GET', '/api/org/tokens');
    expect(tokens.body.tokens.find((t: any) => t.id === tokenId)).toMatchObject({ role: 'reseller', resellerId });
  });

  it('a reseller token may call getMe and its own quotas only', async () => {
    const me = await asReseller('GET', '/api/org/me');
    expect(me.status).toBe(200);
    expect(me.body.actor.role).toBe('reseller');
    for (const [method, path] of [
      ['GET', '/api/org/resellers'],
      ['GET', '/api/org/orders'],
      ['GET', '/api/org/events'],
      ['POST', '/api/org/ticket-imports'],
    ] as const) {
      const res = await asReseller(method, path, method === 'POST' ? { csv: 'x' } : undefined);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'forbidden']);
    }
    expect((await shop.org('GET', '/api/org/reseller/quotas')).status).toBe(403);
    const mine = await asReseller('GET', '/api/org/reseller/quotas');
    expect(mine.status).toBe(200);
  });

  it('general admission: sells within its places, counts them in the quota and the hall, gives them back when cancelled', async () => {
    const tariff = gaTariff();
    const noQuota = await asReseller('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff.id, quantity: 2 }] });
    expect([noQuota.status, noQuota.body.error?.code]).toEqual([409, 'no_reseller_quota']);

    const set = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${concert}`, { places: 5 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ places: 5, taken: 0, remaining: 5, seats: [] });
    const wrongKind = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${concert}`, { seats: '1-3' });
    expect([wrongKind.status, wrongKind.body.error?.code]).toEqual([400, 'quota_kind_mismatch']);

    const [before] = await shop.sql(`SELECT taken FROM ga_inventory WHERE performance_id = '${concert}'`);
    const hold = await asReseller('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff.id, quantity: 3 }] });
    expect(hold.status).toBe(201);
    // Two more than the quota's 5 while 3 are held: refused at once.
    const over = await asReseller('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff.id, quantity: 3 }] });
    expect([over.status, over.body.error?.code, over.body.error?.details]).toEqual([409, 'reseller_quota_exhausted', { remaining: 2 }]);

    // The public cannot check out a reseller's hold, nor pay "reseller" for its own.
    expect((await checkoutHold(shop, hold.body.id)).body.error?.code).toBe('reseller_token_invalid');
    const publicHold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff.id, quantity: 1 }] });
    expect(publicHold.status).toBe(201);
    expect((await checkoutHold(shop, publicHold.body.id, { method: 'reseller' })).body.error?.code).toBe('payment_method_unavailable');
    expect((await asReseller('POST', sf(`/holds/${publicHold.body.id}/checkout`), { buyer, payment: { method: 'reseller' } })).body.error?.code).toBe('reseller_token_invalid');
    expect((await asReseller('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } })).body.error?.code).toBe(
      'payment_method_unavailable',
    );

    const sold = await asReseller('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer, payment: { method: 'reseller' } });
    expect(sold.status).toBe(201);
    expect(sold.body.status).toBe('paid');
    const [order] = await shop.sql(`SELECT channel, reseller_id, sold_by, payment_method FROM orders WHERE number = '${sold.body.number}'`);
    expect(order).toEqual({ channel: 'reseller', reseller_id: resellerId, sold_by: tokenId, payment_method: 'reseller' });
    expect(await shop.sql(`SELECT count(*) AS n FROM payments WHERE order_id = (SELECT id FROM orders WHERE number = '${sold.body.number}')`)).toEqual([{ n: 0 }]);
    const [after] = await shop.sql(`SELECT taken FROM ga_inventory WHERE performance_id = '${concert}'`);
    // The hall counts the reseller's 3 and the public's 1 (the quota is a share, not set aside).
    expect(Number(after!.taken) - Number(before!.taken)).toBe(4);

    const quotas = await asReseller('GET', '/api/org/reseller/quotas');
    expect(quotas.body.quotas.find((q: any) => q.performanceId === concert)).toMatchObject({ places: 5, taken: 3, remaining: 2 });
    const lowered = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${concert}`, { places: 2 });
    expect([lowered.status, lowered.body.error?.code, lowered.body.error?.details]).toEqual([409, 'quota_below_sold', { taken: 3 }]);

    const ticketNumbers = (sold.body.tickets as any[]).slice(0, 2).map((t) => t.number);
    const cancelled = await shop.org('POST', `/api/org/orders/${sold.body.number}/cancellations`, { scope: 'tickets', ticketNumbers, reason: 'Groupe réduit', refundMethod: 'none' });
    expect(cancelled.status).toBe(201);
    const [quota] = await shop.sql(`SELECT places, taken FROM reseller_quotas WHERE reseller_id = '${resellerId}' AND performance_id = '${concert}'`);
    expect(quota).toEqual({ places: 5, taken: 1 });
    await assertLedgerIntact(shop.sql);
  });

  it('seats: the reseller sells only its seats, the public cannot hold them, removed ones are on sale again', async () => {
    const zone = Object.keys(seats)[0]!;
    const [a, b, c, d, e] = seats[zone]!;
    const tariff = tariffOf(theatreInfo, zone, theatreInfo.tariffs.find((t) => t.zoneId === theatreInfo.zones.find((z) => z.code === zone)!.id)!.name);
    // A public hold on d first: d cannot join the quota while someone holds it.
    const publicD = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: d!, tariffId: tariff.id }] });
    expect(publicD.status).toBe(201);
    const busy = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${theatre}`, { seatIds: [a!, b!, c!, d!] });
    expect([busy.status, busy.body.error?.code, busy.body.error?.details]).toEqual([409, 'quota_seats_unavailable', { seatIds: [d] }]);

    const set = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${theatre}`, { seats: `${a}-${a},${b},${c}` });
    expect(set.status).toBe(200);
    expect(set.body.seats.map((s: any) => [s.seatId, s.state])).toEqual([
      [a, 'free'],
      [b, 'free'],
      [c, 'free'],
    ]);
    const places = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${theatre}`, { places: 4 });
    expect(places.body.error?.code).toBe('quota_kind_mismatch');

    // The public: refused, and the seat map shows them unavailable.
    const publicHold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: a!, tariffId: tariff.id }] });
    expect([publicHold.status, publicHold.body.error?.code, publicHold.body.error?.details]).toEqual([409, 'seats_taken', { seatIds: [a] }]);
    const seatMap = await shop.call('GET', sf(`/performances/${theatre}/availability`));
    expect(seatMap.body.blocked).toContain(String(a));

    // The reseller: its seats only.
    const outside = await asReseller('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: a!, tariffId: tariff.id }, { seatId: e!, tariffId: tariff.id }] });
    expect([outside.status, outside.body.error?.code, outside.body.error?.details]).toEqual([409, 'seat_not_in_quota', { seatIds: [e] }]);
    const hold = await asReseller('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: a!, tariffId: tariff.id }, { seatId: b!, tariffId: tariff.id }] });
    expect(hold.status).toBe(201);
    const sold = await asReseller('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer, payment: { method: 'reseller' } });
    expect(sold.status).toBe(201);

    // Removing a seat it sold is refused; removing a free one gives it to the public.
    const removeSold = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${theatre}`, { seatIds: [b!, c!] });
    expect([removeSold.status, removeSold.body.error?.code, removeSold.body.error?.details]).toEqual([409, 'quota_seats_in_use', { seatIds: [a] }]);
    const list = await shop.org('GET', `/api/org/resellers/${resellerId}/quotas`);
    const theatreQuota = list.body.quotas.find((q: any) => q.performanceId === theatre);
    expect(theatreQuota).toMatchObject({ seatsSold: 2, seatsFree: 1 });
    const removed = await shop.org('PUT', `/api/org/resellers/${resellerId}/quotas/${theatre}`, { seatIds: [a!, b!] });
    expect(removed.status).toBe(200);
    const publicC = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: c!, tariffId: tariff.id }] });
    expect(publicC.status).toBe(201);

    // Another reseller cannot get the first one's seats.
    const other = await shop.org('POST', '/api/org/resellers', { name: 'Kiosque', email: 'kiosque@example.ch' });
    const clash = await shop.org('PUT', `/api/org/resellers/${other.body.id}/quotas/${theatre}`, { seatIds: [b!] });
    expect([clash.status, clash.body.error?.code]).toEqual([409, 'quota_seats_unavailable']);
    await assertLedgerIntact(shop.sql);
  });

  it('an archived reseller’s token no longer sells', async () => {
    const other = await shop.org('POST', '/api/org/resellers', { name: 'Librairie', email: 'librairie@example.ch', commissionBps: 500 });
    const made = await shop.org('POST', '/api/org/tokens', { label: 'Librairie', role: 'reseller', resellerId: other.body.id });
    await shop.org('PUT', `/api/org/resellers/${other.body.id}/quotas/${concert}`, { places: 10 });
    const archived = await shop.org('PATCH', `/api/org/resellers/${other.body.id}`, { status: 'archived' });
    expect(archived.body.status).toBe('archived');
    const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: gaTariff().id, quantity: 1 }] }, { Authorization: `Bearer ${made.body.token}` });
    expect([hold.status, hold.body.error?.code]).toEqual([401, 'reseller_token_invalid']);
    // A revoked reseller token is refused too; the organizer's own token on the storefront leaves the request public, as before.
    await shop.org('PATCH', `/api/org/resellers/${other.body.id}`, { status: 'active' });
    await shop.org('DELETE', `/api/org/tokens/${made.body.id}`);
    const revoked = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: gaTariff().id, quantity: 1 }] }, { Authorization: `Bearer ${made.body.token}` });
    expect([revoked.status, revoked.body.error?.code]).toEqual([401, 'reseller_token_invalid']);
    const organizer = await shop.org('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: gaTariff().id, quantity: 1 }] });
    expect(organizer.status).toBe(201);
    expect((await checkoutHold(shop, organizer.body.id)).status).toBe(201);
    await shop.org('PATCH', `/api/org/resellers/${other.body.id}`, { status: 'archived' });
    const again = await shop.org('POST', '/api/org/tokens', { label: 'Librairie 2', role: 'reseller', resellerId: other.body.id });
    expect(again.body.error?.code).toBe('reseller_not_active');
    const list = await shop.org('GET', '/api/org/resellers');
    expect(list.body.resellers.at(-1).status).toBe('archived');
  });

  it('reports each reseller’s sales per performance, with its commission and what it owes, as JSON and CSV', async () => {
    const day = (offset: number) => new Date(shop.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const query = `from=${day(-1)}&to=${day(1)}`;
    const report = await shop.org('GET', `/api/org/reports/resellers?${query}`);
    expect(report.status).toBe(200);
    const ga = gaTariff().price;
    const seatPrices = await shop.sql(
      `SELECT sum(t.price - t.discount) AS gross FROM tickets t JOIN orders o ON o.id = t.order_id WHERE o.reseller_id = '${resellerId}' AND t.performance_id = '${theatre}'`,
    );
    const seated = Number(seatPrices[0]!.gross);
    const commission = (gross: number) => Math.floor((gross * 800) / 10_000 + 0.5);
    const rowOf = (performanceId: string) => report.body.rows.find((r: any) => r.performanceId === performanceId);
    // General admission: 3 sold, 2 cancelled since; the 2 seats sold.
    expect(rowOf(concert)).toMatchObject({ resellerId, reseller: 'Office du tourisme', commissionBps: 800, tickets: 3, cancelled: 2, gross: ga, commission: commission(ga), owed: ga - commission(ga) });
    expect(rowOf(theatre)).toMatchObject({ tickets: 2, cancelled: 0, gross: seated, commission: commission(seated), owed: seated - commission(seated) });
    expect(report.body.rows).toHaveLength(2);
    expect(report.body.totals).toEqual([{ currency: 'CHF', tickets: 5, cancelled: 2, gross: ga + seated, commission: commission(ga) + commission(seated), owed: ga + seated - commission(ga) - commission(seated) }]);

    const csv = await shop.app.request(`/api/org/reports/resellers.csv?${query}`, { headers: { Authorization: `Bearer ${shop.demo.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('reseller_id,reseller,commission_bps,performance_id,event,starts_at,currency,tickets,cancelled,gross,commission,owed');
    expect(lines).toHaveLength(3);
    const gaLine = lines.find((l) => l.includes(concert))!;
    expect(gaLine).toContain(`,CHF,3,2,${(ga / 100).toFixed(2)},${(commission(ga) / 100).toFixed(2)},${((ga - commission(ga)) / 100).toFixed(2)}`);
  });
});
