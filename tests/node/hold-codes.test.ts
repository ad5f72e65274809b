import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shops } from '../../db/schema/catalog.js';
import { codeUses, promoCodes } from '../../db/schema/codes.js';
import { gaInventory } from '../../db/schema/inventory.js';
import { orders, payments, tickets } from '../../db/schema/orders.js';
import { sweepLapsedHolds } from '../../worker/src/jobs/sweep-holds.js';
import { createHiddenTariff, createPass, createPromo, createVoucher } from './code-fixtures.js';
import { farPerformance, messagesOf } from './invoice-helpers.js';
import { buyer, checkoutHold, demoPerformances, GOOD_CARD, MINUTE, type PerformanceInfo, sf, tariffOf, type TestShop } from './harness.js';

let shop: TestShop;
let theatre: string;
let concert: string;
let theatreInfo: PerformanceInfo;
let concertInfo: PerformanceInfo;
let seats: Record<string, number[]>;

beforeEach(async () => {
  ({ shop, theatre, concert, theatreInfo, concertInfo, seats } = await demoPerformances(1));
});
afterEach(() => shop.close());

const db = () => shop.deps.storage.db;
const shopId = () => shop.demo.shopId;
const FULL_C1 = 6800;

/** A hold of the first `count` seats of zone C1 (from `offset`), at the zone's full price. */
async function holdC1(count: number, offset = 0): Promise<string> {
  const res = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: seats.C1!.slice(offset, offset + count).map((seatId) => ({ seatId })) });
  expect(res.status).toBe(201);
  return res.body.id;
}
async function holdConcert(quantity: number): Promise<string> {
  const res = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariffOf(concertInfo, null, 'Plein tarif').id, quantity }] });
  expect(res.status).toBe(201);
  return res.body.id;
}
const apply = (holdId: string, code: string) => shop.call('POST', sf(`/holds/${holdId}/codes`), { code });
const remove = (holdId: string, code: string) => shop.call('DELETE', sf(`/holds/${holdId}/codes/${encodeURIComponent(code)}`));
const view = async (holdId: string) => (await shop.call('GET', sf(`/holds/${holdId}`))).body;
const usesOf = (refId: string) => db().select().from(codeUses).where(eq(codeUses.refId, refId));

async function expectRefused(holdId: string, code: string, status: number, errorCode: string, normalized = code.replace(/[\s-]/g, '').toUpperCase()) {
  const before = await view(holdId);
  const res = await apply(holdId, code);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toMatchObject({ code: errorCode, details: { code: normalized } });
  expect(typeof res.body.error.message).toBe('string');
  const after = await view(holdId);
  expect(after.codes).toEqual(before.codes);
  expect(after.total).toBe(before.total);
  return res.body.error;
}

describe('promo codes on a hold', () => {
  it('applies a percentage promo typed in any case with dashes, shows the discount line, and removes it again', async () => {
    const promo = await createPromo(db(), shopId(), 'SPRING-20', { discountType: 'percent', discountValue: 20 });
    const holdId = await holdC1(2);
    const res = await apply(holdId, ' spring-20 ');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subtotal: 2 * FULL_C1, discount: 2720, total: 2 * FULL_C1 - 2720, amountDue: 2 * FULL_C1 - 2720, paidByVouchers: 0, vouchers: [] });
    expect(res.body.codes).toEqual([{ code: 'SPRING20', kind: 'promo', applied: true, reason: null, tickets: 2, amount: 2720 }]);
    expect(res.body.lines).toContainEqual(expect.objectContaining({ kind: 'discount', code: 'SPRING20', amount: -2720, quantity: 2 }));
    expect(await usesOf(promo.id)).toEqual([expect.objectContaining({ state: 'held', holdId, tickets: 2, amount: 2720 })]);

    const again = await expectRefused(holdId, 'spring20', 409, 'code_already_applied', 'SPRING20');
    expect(again.message).toContain('SPRING20');

    const removed = await remove(holdId, 'spring-20');
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ codes: [], discount: 0, total: 2 * FULL_C1, reverted: { seats: [], quantities: [] } });
    expect(await usesOf(promo.id)).toEqual([]);
    // Removing it twice answers the same (a retried DELETE).
    expect((await remove(holdId, 'SPRING20')).status).toBe(200);
  });

  it('keeps a promo below its minimum on the hold and applies it once enough tickets are held', async () => {
    await createPromo(db(), shopId(), 'GROUP3', { discountType: 'amount', discountValue: 1000, per: 'ticket', minTickets: 3 });
    const holdId = await holdC1(2);
    const res = await apply(holdId, 'GROUP3');
    expect(res.status).toBe(200);
    expect(res.body.codes).toEqual([{ code: 'GROUP3', kind: 'promo', applied: false, reason: 'minimum_not_reached', tickets: 0, amount: 0, minTickets: 3 }]);
    expect(res.body.discount).toBe(0);
    const changed = await shop.call('PATCH', sf(`/holds/${holdId}`), { addSeats: [{ seatId: seats.C1![2]! }] });
    expect(changed.status).toBe(200);
    expect(changed.body.codes[0]).toMatchObject({ applied: true, reason: null, tickets: 3, amount: 3000 });
    expect(changed.body.discount).toBe(3000);
    // The ledger follows the change in the same batch.
    const [promoRow] = await db().select().from(codeUses).where(eq(codeUses.holdId, holdId));
    expect(promoRow).toMatchObject({ state: 'held', tickets: 3, amount: 3000 });
  });

  it('refuses codes with the reason, changing nothing', async () => {
    const now = shop.clock.now();
    await createPromo(db(), shopId(), 'OLDCODE', { validUntil: now - MINUTE });
    await createPromo(db(), shopId(), 'LATER', { validFrom: now + 60 * MINUTE });
    await createPromo(db(), shopId(), 'OFFCODE', { active: false });
    await createPromo(db(), shopId(), 'OTHERDATE', { performanceIds: [shop.demo.theatrePerformanceIds[0]!] });
    await createPromo(db(), shopId(), 'JAZZONLY', { eventIds: [shop.demo.concertEventId] });
    await createPromo(db(), shopId(), 'FIRST', {});
    await createPromo(db(), shopId(), 'SECOND', {});
    await createVoucher(db(), shopId(), 'EURO-GIFT', 5000, { currency: 'EUR' });
    await createVoucher(db(), shopId(), 'GONE-GIFT', 5000, { status: 'cancelled' });
    await createPass(db(), shopId(), 'PASS-CANCELLED', {}, { status: 'cancelled' });
    await createPass(db(), shopId(), 'PASS-JAZZ', { eventIds: [shop.demo.concertEventId] });
    const holdId = await holdC1(2);

    await expectRefused(holdId, 'NOSUCHCODE', 404, 'code_not_found');
    await expectRefused(holdId, 'x', 404, 'code_not_found', 'X');
    await expectRefused(holdId, 'oldcode', 409, 'code_expired', 'OLDCODE');
    await expectRefused(holdId, 'later', 409, 'code_not_yet_valid', 'LATER');
    await expectRefused(holdId, 'OFFCODE', 409, 'code_disabled');
    await expectRefused(holdId, 'GONE-GIFT', 409, 'code_disabled');
    await expectRefused(holdId, 'PASS-CANCELLED', 409, 'code_disabled');
    await expectRefused(holdId, 'OTHERDATE', 409, 'code_not_valid_for_performance');
    await expectRefused(holdId, 'JAZZONLY', 409, 'code_not_valid_for_performance');
    await expectRefused(holdId, 'PASS-JAZZ', 409, 'code_not_valid_for_performance');
    await expectRefused(holdId, 'EURO-GIFT', 409, 'voucher_currency_mismatch');

    expect((await apply(holdId, 'FIRST')).status).toBe(200);
    const second = await apply(holdId, 'SECOND');
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'promo_already_applied', details: { code: 'SECOND', current: 'FIRST' } });
    expect((await view(holdId)).codes.map((c: { code: string }) => c.code)).toEqual(['FIRST']);
  });

  it('lets one of two promo codes typed at the same moment win, and applies a code typed twice at once only once', async () => {
    await createPromo(db(), shopId(), 'RACEA', {});
    await createPromo(db(), shopId(), 'RACEB', {});
    await createVoucher(db(), shopId(), 'TWICE', 1000);
    const holdId = await holdC1(2);
    const promos = await Promise.all([apply(holdId, 'RACEA'), apply(holdId, 'RACEB')]);
    expect(promos.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(promos.find((r) => r.status === 409)!.body.error.code).toBe('promo_already_applied');
    const twice = await Promise.all([apply(holdId, 'TWICE'), apply(holdId, 'TWICE')]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(twice.find((r) => r.status === 409)!.body.error.code).toBe('code_already_applied');
    const after = await view(holdId);
    expect(after.codes.map((c: { kind: string }) => c.kind)).toEqual(['promo', 'voucher']);
  });

  it('says when a promo code on the cart has expired since, and checkout asks to remove it', async () => {
    await createPromo(db(), shopId(), 'LASTMINUTE', { validUntil: shop.clock.now() + 5 * MINUTE });
    const holdId = await holdC1(1);
    expect((await apply(holdId, 'LASTMINUTE')).body.discount).toBe(680);
    shop.clock.advance(6 * MINUTE);
    const later = await view(holdId);
    expect(later.codes).toEqual([{ code: 'LASTMINUTE', kind: 'promo', applied: false, reason: 'code_expired', tickets: 0, amount: 0 }]);
    expect(later).toMatchObject({ discount: 0, total: FULL_C1 });
    const refused = await checkoutHold(shop, holdId);
    expect([refused.status, refused.body.error.code, refused.body.error.details.code]).toEqual([409, 'code_expired', 'LASTMINUTE']);
    expect((await remove(holdId, 'LASTMINUTE')).status).toBe(200);
    const order = await checkoutHold(shop, holdId);
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ total: FULL_C1, discount: 0, codes: [] });
  });

  it('counts a limited promo by live uses: a released hold and a swept hold give their use back', async () => {
    const promo = await createPromo(db(), shopId(), 'ONLYONE', { maxUses: 1 });
    const first = await holdC1(1);
    const second = await holdC1(1, 1);
    expect((await apply(first, 'ONLYONE')).status).toBe(200);
    await expectRefused(second, 'ONLYONE', 409, 'code_used_up');

    expect((await shop.call('DELETE', sf(`/holds/${first}`))).status).toBe(200);
    expect((await usesOf(promo.id)).map((u) => u.state)).toEqual(['released']);
    expect((await apply(second, 'ONLYONE')).status).toBe(200);

    // The second hold lapses: its use is no longer live at once, and the sweep marks it released.
    shop.clock.advance(31 * MINUTE);
    const third = await holdC1(1, 2);
    expect((await apply(third, 'ONLYONE')).status).toBe(200);
    await sweepLapsedHolds(db(), shop.clock.now());
    const states = (await usesOf(promo.id)).map((u) => `${u.holdId === second ? 'second' : u.holdId === first ? 'first' : 'third'}:${u.state}`).sort();
    expect(states).toEqual(['first:released', 'second:released', 'third:held']);
  });
});

describe('the code endpoints', () => {
  it('validates the body and refuses codes on holds that can no longer change', async () => {
    await createPromo(db(), shopId(), 'LATECOMER', {});
    const holdId = await holdC1(1);
    for (const body of [{}, { code: 42 }, { code: '' }, { code: 'A'.repeat(65) }, { code: ['X'] }]) {
      const res = await shop.call('POST', sf(`/holds/${holdId}/codes`), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await shop.call('POST', sf('/holds/hld_doesnotexist0000000000000/codes'), { code: 'LATECOMER' })).status).toBe(404);
    shop.clock.advance(11 * MINUTE);
    const lapsed = await apply(holdId, 'LATECOMER');
    expect([lapsed.status, lapsed.body.error.code]).toEqual([410, 'hold_expired']);
    const other = await holdC1(1, 1);
    expect((await shop.call('DELETE', sf(`/holds/${other}`))).status).toBe(200);
    const released = await apply(other, 'LATECOMER');
    expect([released.status, released.body.error.code]).toEqual([410, 'hold_released']);
  });
});

describe('hidden tariffs', () => {
  it('offers a hidden seated tariff only with the promo that unlocks it, and moves seats back when it is removed', async () => {
    const zoneC1 = theatreInfo.zones.find((z) => z.code === 'C1')!.id;
    const members = await createHiddenTariff(db(), shopId(), shop.demo.theatreEventId, zoneC1, 'Membres', 4000);
    await createPromo(db(), shopId(), 'MEMBERS', { discountType: 'none', discountValue: 0, unlockTariffIds: [members] });
    const listed = await shop.call('GET', sf(`/performances/${theatre}`));
    expect(listed.body.tariffs.map((t: { id: string }) => t.id)).not.toContain(members);

    const refused = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: seats.C1![0], tariffId: members }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('unknown_tariff');

    const holdId = await holdC1(2);
    const locked = await shop.call('PATCH', sf(`/holds/${holdId}`), { seatTariffs: [{ seatId: seats.C1![0], tariffId: members }] });
    expect(locked.status).toBe(400);

    const unlocked = await apply(holdId, 'members');
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.unlockedTariffs).toEqual([{ id: members, zoneId: zoneC1, name: 'Membres', price: 4000 }]);
    expect(unlocked.body.codes[0]).toMatchObject({ code: 'MEMBERS', applied: true });
    const changed = await shop.call('PATCH', sf(`/holds/${holdId}`), { seatTariffs: [{ seatId: seats.C1![0], tariffId: members }] });
    expect(changed.status).toBe(200);
    expect(changed.body.total).toBe(4000 + FULL_C1);

    const removed = await remove(holdId, 'MEMBERS');
    expect(removed.status).toBe(200);
    const fullC1 = tariffOf(theatreInfo, 'C1', 'Plein tarif').id;
    expect(removed.body.reverted).toEqual({ seats: [{ seatId: seats.C1![0], fromTariffId: members, toTariffId: fullC1 }], quantities: [] });
    expect(removed.body.seats.map((s: { tariffId: string }) => s.tariffId)).toEqual([fullC1, fullC1]);
    expect(removed.body.total).toBe(2 * FULL_C1);
    expect(removed.body.unlockedTariffs).toEqual([]);
  });

  it('drops general-admission places on a hidden tariff when its promo is removed', async () => {
    const members = await createHiddenTariff(db(), shopId(), shop.demo.concertEventId, null, 'Membres', 1500);
    await createPromo(db(), shopId(), 'JAZZCLUB', { discountType: 'none', discountValue: 0, unlockTariffIds: [members] });
    const holdId = await holdConcert(1);
    expect((await shop.call('PATCH', sf(`/holds/${holdId}`), { quantities: [{ tariffId: members, quantity: 2 }] })).status).toBe(400);
    expect((await apply(holdId, 'JAZZCLUB')).status).toBe(200);
    const changed = await shop.call('PATCH', sf(`/holds/${holdId}`), { quantities: [{ tariffId: members, quantity: 2 }] });
    expect(changed.status).toBe(200);
    expect(changed.body.ticketCount).toBe(3);
    const taken = async () => (await db().select().from(gaInventory).where(eq(gaInventory.performanceId, concert)))[0]!.taken;
    expect(await taken()).toBe(3);

    const removed = await remove(holdId, 'JAZZCLUB');
    expect(removed.status).toBe(200);
    expect(removed.body.reverted).toEqual({ seats: [], quantities: [{ tariffId: members, quantity: 2 }] });
    expect(removed.body.ticketCount).toBe(1);
    expect(await taken()).toBe(1);
  });
});

describe('gift vouchers', () => {
  it('pays part of an order, the card pays the rest, and nothing is left on the voucher', async () => {
    const voucher = await createVoucher(db(), shopId(), 'GIFT-5000', 5000);
    const holdId = await holdC1(2);
    const res = await apply(holdId, 'gift 5000');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2 * FULL_C1, paidByVouchers: 5000, amountDue: 2 * FULL_C1 - 5000, vouchers: [{ code: 'GIFT5000', amount: 5000, balanceAfter: 0 }] });
    expect(res.body.codes).toEqual([{ code: 'GIFT5000', kind: 'voucher', applied: true, reason: null, tickets: 0, amount: 5000, balanceAfter: 0 }]);
    // Typed, the voucher reserves nothing yet: the amount is reserved at checkout.
    expect(await usesOf(voucher.id)).toEqual([expect.objectContaining({ state: 'held', amount: 0 })]);

    const order = await checkoutHold(shop, holdId);
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ status: 'paid', total: 2 * FULL_C1, paidByVouchers: 5000, amountDue: 2 * FULL_C1 - 5000, codes: ['GIFT5000'] });
    const [row] = await db().select().from(orders).where(eq(orders.number, order.body.number));
    const [payment] = await db().select().from(payments).where(eq(payments.orderId, row!.id));
    expect(payment).toMatchObject({ amount: 2 * FULL_C1 - 5000, status: 'captured' });
    expect(await usesOf(voucher.id)).toEqual([expect.objectContaining({ state: 'used', orderId: row!.id, amount: 5000 })]);

    const next = await holdC1(1, 5);
    await expectRefused(next, 'GIFT5000', 409, 'code_used_up');
  });

  it('pays a whole order (checked out as free) and keeps the balance for the next one', async () => {
    await createVoucher(db(), shopId(), 'BIGGIFT', 20_000);
    const holdId = await holdC1(1);
    expect((await apply(holdId, 'BIGGIFT')).body).toMatchObject({ amountDue: 0, paidByVouchers: FULL_C1, vouchers: [{ code: 'BIGGIFT', amount: FULL_C1, balanceAfter: 20_000 - FULL_C1 }] });
    const byCard = await checkoutHold(shop, holdId);
    expect(byCard.status).toBe(400);
    expect(byCard.body.error.code).toBe('payment_not_needed');
    const order = await checkoutHold(shop, holdId, { method: 'free' });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ status: 'paid', amountDue: 0, paidByVouchers: FULL_C1, paymentMethod: 'free' });
    const [row] = await db().select().from(orders).where(eq(orders.number, order.body.number));
    expect(await db().select().from(payments).where(eq(payments.orderId, row!.id))).toEqual([]);

    const next = await holdC1(2, 3);
    const again = await apply(next, 'BIGGIFT');
    expect(again.body.vouchers).toEqual([{ code: 'BIGGIFT', amount: 20_000 - FULL_C1, balanceAfter: 0 }]);
    expect(again.body.amountDue).toBe(2 * FULL_C1 - (20_000 - FULL_C1));
  });
});

describe('access passes', () => {
  it('books the covered seats at zero price, checks out as free, and records the pass on the tickets', async () => {
    const pass = await createPass(db(), shopId(), 'FESTIVAL-PASS', { seatsPerPerformance: 2, maxPerformances: 3 });
    const holdId = await holdC1(2);
    const res = await apply(holdId, 'festival pass');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 0, discount: 2 * FULL_C1, amountDue: 0 });
    expect(res.body.codes).toEqual([{ code: 'FESTIVALPASS', kind: 'pass', applied: true, reason: null, tickets: 2, amount: 2 * FULL_C1 }]);
    expect(res.body.lines).toContainEqual(expect.objectContaining({ kind: 'pass', amount: -2 * FULL_C1, quantity: 2 }));

    // Another buyer with the same pass on this performance: its seats are taken by the first hold.
    const other = await holdC1(1, 4);
    await expectRefused(other, 'FESTIVALPASS', 409, 'code_not_valid_for_performance');

    // A third seat is not covered (two per performance); removing it brings the order back to free.
    const more = await shop.call('PATCH', sf(`/holds/${holdId}`), { addSeats: [{ seatId: seats.C1![2]! }] });
    expect(more.body).toMatchObject({ total: FULL_C1, amountDue: FULL_C1 });
    expect(more.body.codes[0]).toMatchObject({ tickets: 2 });
    const fewer = await shop.call('PATCH', sf(`/holds/${holdId}`), { removeSeats: [seats.C1![2]!, seats.C1![1]!] });
    expect(fewer.body.codes[0]).toMatchObject({ tickets: 1 });
    expect(await usesOf(pass.id)).toEqual([expect.objectContaining({ state: 'held', tickets: 1, amount: FULL_C1 })]);
    // The seat given back by the pass is free for another holder of it at once.
    const otherAgain = await apply(other, 'FESTIVALPASS');
    expect(otherAgain.status).toBe(200);
    expect(otherAgain.body.codes[0]).toMatchObject({ applied: true, tickets: 1 });
    expect((await remove(other, 'FESTIVALPASS')).status).toBe(200);
    await shop.call('PATCH', sf(`/holds/${holdId}`), { addSeats: [{ seatId: seats.C1![1]! }] });

    const order = await checkoutHold(shop, holdId, { method: 'free' });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ status: 'paid', total: 0, discount: 2 * FULL_C1, codes: ['FESTIVALPASS'] });
    expect(order.body.tickets.map((t: { discount: number; insured: boolean }) => [t.discount, t.insured])).toEqual([
      [FULL_C1, false],
      [FULL_C1, false],
    ]);
    const rows = await db().select().from(tickets).where(eq(tickets.performanceId, theatre));
    expect(rows.map((t) => [t.passId, t.commission])).toEqual([
      [pass.id, 0],
      [pass.id, 0],
    ]);
    expect(await usesOf(pass.id)).toEqual([expect.objectContaining({ state: 'used', tickets: 2, amount: 2 * FULL_C1 })]);
  });

  it('stops at the number of performances the pass allows', async () => {
    await createPass(db(), shopId(), 'TWODATES', { seatsPerPerformance: 1, maxPerformances: 1 });
    const first = await holdC1(1);
    expect((await apply(first, 'TWODATES')).status).toBe(200);
    const res = await shop.call('POST', sf('/holds'), { performanceId: shop.demo.theatrePerformanceIds[2]!, seats: [{ seatId: seats.C1![0] }] });
    expect(res.status).toBe(201);
    await expectRefused(res.body.id, 'TWODATES', 409, 'code_used_up');
  });
});

describe('insurance, order amounts and ticket fields', () => {
  it('refuses insurance when the shop does not offer it', async () => {
    await db().update(shops).set({ insuranceEnabled: false }).where(eq(shops.id, shopId()));
    const holdId = await holdC1(1);
    expect((await view(holdId)).insurance).toBeNull();
    const res = await shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD }, insured: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('insurance_not_offered');
  });

  it('offers insurance, prices the opt-in, and stores discount, insurance and commission on the order and tickets', async () => {
    await db()
      .update(shops)
      .set({ insuranceEnabled: true, insuranceRateBasisPoints: 600, insuranceMinimumPremium: 300, insurerName: 'Assurances du Lac', insurerTermsUrl: 'https://insurer.example/terms', insurerContact: 'claims@insurer.example', commissionPerTicket: 50, commissionBasisPoints: 100 })
      .where(eq(shops.id, shopId()));
    await createPromo(db(), shopId(), 'TENOFF', { discountType: 'percent', discountValue: 10 });
    const holdId = await holdC1(2);
    const applied = await apply(holdId, 'TENOFF');
    // 6800 − 10 % = 6120 a ticket; 6 % of it is 367.2 → 367 a ticket.
    expect(applied.body.insurance).toEqual({
      premium: 734,
      perTicket: [367, 367],
      // The order as it would be with insurance, for the widget to show without adding anything up.
      total: 12_974,
      vouchers: [],
      paidByVouchers: 0,
      amountDue: 12_974,
      insurerName: 'Assurances du Lac',
      termsUrl: 'https://insurer.example/terms',
      contact: 'claims@insurer.example',
    });
    expect(applied.body.total).toBe(12_240);

    const order = await shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD }, insured: true });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ subtotal: 13_600, discount: 1360, insurance: 734, insured: true, total: 12_974, amountDue: 12_974, paidByVouchers: 0, codes: ['TENOFF'] });
    expect(order.body.lines).toContainEqual(expect.objectContaining({ kind: 'insurance', amount: 734 }));
    for (const ticket of order.body.tickets) {
      expect(ticket).toMatchObject({ discount: 680, insured: true, insurance: { insurerName: 'Assurances du Lac', contact: 'claims@insurer.example', termsUrl: 'https://insurer.example/terms' } });
    }
    const [row] = await db().select().from(orders).where(eq(orders.number, order.body.number));
    const rows = await db().select().from(tickets).where(eq(tickets.orderId, row!.id));
    // Commission: 50 + 1 % of 6120 = 50 + 61.2 → 111.
    expect(rows.map((t) => [t.discount, t.insurancePremium, t.commission])).toEqual([
      [680, 367, 111],
      [680, 367, 111],
    ]);
    const [payment] = await db().select().from(payments).where(and(eq(payments.orderId, row!.id), eq(payments.status, 'captured')));
    expect(payment!.amount).toBe(12_974);
  });
});

describe('pay by invoice with codes', () => {
  it('invoices what the voucher left to pay, and issues tickets with their discount when the invoice is paid', async () => {
    const { performanceId, seats: far } = await farPerformance(shop);
    await createPromo(db(), shopId(), 'INVOICE10', { discountType: 'percent', discountValue: 10 });
    const voucher = await createVoucher(db(), shopId(), 'INVOICEGIFT', 3000);
    const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: far.slice(0, 2).map((seatId) => ({ seatId })) });
    expect(hold.status).toBe(201);
    expect((await apply(hold.body.id, 'invoice10')).status).toBe(200);
    const priced = (await apply(hold.body.id, 'invoicegift')).body;
    const subtotal = hold.body.subtotal as number;
    expect(priced).toMatchObject({ paidByVouchers: 3000, amountDue: priced.total - 3000 });

    const order = await checkoutHold(shop, hold.body.id, { method: 'invoice' });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ status: 'invoiced', total: priced.total, paidByVouchers: 3000, amountDue: priced.total - 3000, discount: subtotal - priced.total });
    expect(await usesOf(voucher.id)).toEqual([expect.objectContaining({ state: 'used', amount: 3000 })]);
    // The invoice (e-mail and QR bill) is for what is left, the voucher shown as a line.
    const invoiceMail = (await messagesOf(shop, order.body.number)).find((m) => m.kind === 'invoice')!;
    const facts = (invoiceMail.payload as { order: { total: number; lines: { label: string; amount: number }[] } }).order;
    expect(facts.total).toBe(priced.total - 3000);
    expect(facts.lines).toContainEqual(expect.objectContaining({ amount: -3000 }));

    // The organizer changes the promo while the invoice is unpaid: the invoiced prices stand.
    await db().update(promoCodes).set({ discountValue: 50 }).where(eq(promoCodes.code, 'INVOICE10'));
    const whole = await shop.org('POST', `/api/org/orders/${order.body.number}/payments`, { method: 'bank_transfer', amount: priced.total });
    expect(whole.status).toBe(422);
    expect(whole.body.error.details.expected).toBe(priced.total - 3000);
    const paid = await shop.org('POST', `/api/org/orders/${order.body.number}/payments`, { method: 'bank_transfer', amount: priced.total - 3000 });
    expect(paid.status, JSON.stringify(paid.body)).toBeLessThan(300);
    const [row] = await db().select().from(orders).where(eq(orders.number, order.body.number));
    const issued = await db().select().from(tickets).where(eq(tickets.orderId, row!.id));
    expect(issued.reduce((n, t) => n + t.discount, 0)).toBe(subtotal - priced.total);
  });
});
