import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codes, giftVouchers, productOrders } from '../../db/schema/codes.js';
import { outboxMessages } from '../../db/schema/messaging.js';
import { normalizeCode } from '../../contract/code-format.js';
import { renderMessage } from '../../worker/src/email/render.js';
import type { Message } from '../../worker/src/email/messages.js';
import { createShop } from '../../worker/src/services/shops.js';
import { buyer, createTestShop, DECLINED_CARD, GOOD_CARD, sf, type TestShop } from './harness.js';

let shop: TestShop;
beforeEach(async () => {
  shop = await createTestShop();
});
afterEach(() => shop.close());

const card = { method: 'simulated_card', cardNumber: GOOD_CARD };

async function messagesOf(kind: 'pass_issued' | 'voucher_issued') {
  return shop.deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.kind, kind));
}

async function resolve(code: string) {
  const [row] = await shop.deps.storage.db
    .select()
    .from(codes)
    .where(and(eq(codes.shopId, 'shp_demo'), eq(codes.code, normalizeCode(code))));
  return row;
}

describe('what the shop sells besides seats', () => {
  it('lists pass products on sale with what they cover, and the voucher offer', async () => {
    const res = await shop.call('GET', sf('/products'));
    expect(res.status).toBe(200);
    expect(res.body.currency).toBe('CHF');
    expect(res.body.vouchers).toEqual({ amounts: [2500, 5000, 10000], minAmount: 1000, maxAmount: 50000, validityDays: 730 });
    expect(res.body.passes).toHaveLength(1);
    expect(res.body.passes[0]).toMatchObject({
      id: shop.demo.codes.passProductId,
      name: 'Pass Molière',
      price: 9000,
      maxPerformances: 2,
      seatsPerPerformance: 1,
      covers: { allEvents: false, events: [{ id: shop.demo.theatreEventId, title: 'Le Malade imaginaire' }], performances: [], zones: [] },
    });

    // Off sale, and vouchers switched off: nothing left to buy.
    await shop.org('PATCH', `/api/org/pass-products/${shop.demo.codes.passProductId}`, { onSale: false });
    await shop.org('PATCH', '/api/org/shop', { voucherSaleEnabled: false });
    const none = await shop.call('GET', sf('/products'));
    expect(none.body).toEqual({ currency: 'CHF', passes: [], vouchers: null });
  });
});

describe('buying a gift voucher', () => {
  it('pays with the card, creates the voucher with its code, queues the e-mail once and shows the purchase', async () => {
    const res = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 5000, recipientName: 'Léa', buyer, payment: card });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'voucher', status: 'paid', amount: 5000, currency: 'CHF', recipientName: 'Léa', paymentMethod: 'simulated_card', pass: null });
    expect(res.body.code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}(-[34679ACDEFGHJKMNPQRTUVWXY]{4}){3}$/);
    expect(res.body.voucher).toMatchObject({ amount: 5000, expiresAt: new Date(shop.clock.now() + 730 * 86_400_000).toISOString(), expired: false });

    // The bought code resolves in the registry to a voucher of that amount, sold.
    const entry = await resolve(res.body.code);
    expect(entry).toMatchObject({ kind: 'voucher' });
    const [voucher] = await shop.deps.storage.db.select().from(giftVouchers).where(eq(giftVouchers.id, entry!.refId));
    expect(voucher).toMatchObject({ initialAmount: 5000, source: 'sold', status: 'active' });
    const orgView = await shop.org('GET', `/api/org/vouchers/${entry!.refId}`);
    expect(orgView.body).toMatchObject({ balance: 5000, source: 'sold' });

    const mails = await messagesOf('voucher_issued');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: buyer.email, language: 'fr', status: 'pending', orderId: null });
    const rendered = renderMessage({ kind: 'voucher_issued', language: 'fr', payload: mails[0]!.payload } as Message, { publicUrl: 'http://localhost' });
    expect(rendered.subject).toContain('bon cadeau');
    expect(rendered.text).toContain(res.body.code);
    expect(rendered.text.replace(/\s/g, ' ')).toContain('50.00');

    const page = await shop.call('GET', sf(`/product-orders/${res.body.number}?secret=${res.body.secret}`));
    expect(page.status).toBe(200);
    expect(page.body.code).toBe(res.body.code);
    expect(page.headers.get('Cache-Control')).toContain('no-store');
    expect((await shop.call('GET', sf(`/product-orders/${res.body.number}?secret=${'x'.repeat(26)}`))).status).toBe(404);
    expect((await shop.call('GET', sf(`/product-orders/${res.body.number}`))).status).toBe(404);
    // Paying again does nothing.
    const again = await shop.call('POST', sf(`/product-orders/${res.body.number}/payment`), { secret: res.body.secret, payment: card });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_paid');
    expect(await messagesOf('voucher_issued')).toHaveLength(1);
  });

  it('takes a free amount in the range only, and nothing when the shop does not sell vouchers', async () => {
    const free = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 3300, buyer, payment: card });
    expect(free.status).toBe(201);
    for (const amount of [900, 50001, 0]) {
      const res = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount, buyer, payment: card });
      expect([amount, res.status, res.body.error.code]).toEqual([amount, 400, 'voucher_amount_invalid']);
    }
    const invoice = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 2500, buyer, payment: { method: 'invoice' } });
    expect(invoice.status).toBe(400);
    const free0 = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 2500, buyer, payment: { method: 'free' } });
    expect(free0.body.error.code).toBe('payment_required');
    await shop.org('PATCH', '/api/org/shop', { voucherMinAmount: null, voucherMaxAmount: null });
    const fixedOnly = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 3300, buyer, payment: card });
    expect(fixedOnly.body.error.code).toBe('voucher_amount_invalid');
    await shop.org('PATCH', '/api/org/shop', { voucherSaleEnabled: false });
    const off = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 2500, buyer, payment: card });
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe('vouchers_not_on_sale');
  });
});

describe('buying a pass', () => {
  it('keeps a declined purchase pending and says why, then a retry pays it and sends the pass code once', async () => {
    const declined = await shop.call('POST', sf('/product-orders'), {
      kind: 'pass',
      passProductId: shop.demo.codes.passProductId,
      holderName: 'Marc Rochat',
      buyer: { ...buyer, language: 'de' },
      payment: { method: 'simulated_card', cardNumber: DECLINED_CARD },
    });
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ code: 'payment_declined', details: { declineCode: 'card_declined' } });
    expect(declined.body.error.message).toContain('declined');
    const { orderNumber, orderSecret } = declined.body.error.details;
    const pending = await shop.call('GET', sf(`/product-orders/${orderNumber}`), undefined, { 'X-Order-Secret': orderSecret });
    expect(pending.body).toMatchObject({ status: 'pending', code: null, amount: 9000, pass: { name: 'Pass Molière', holderName: 'Marc Rochat' } });
    expect(await messagesOf('pass_issued')).toHaveLength(0);

    const wrongSecret = await shop.call('POST', sf(`/product-orders/${orderNumber}/payment`), { secret: 'a'.repeat(26), payment: card });
    expect(wrongSecret.status).toBe(404);
    const paid = await shop.call('POST', sf(`/product-orders/${orderNumber}/payment`), { secret: orderSecret, payment: card });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', number: orderNumber, pass: { name: 'Pass Molière', holderName: 'Marc Rochat', maxPerformances: 2, seatsPerPerformance: 1 } });
    expect(paid.body.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const entry = await resolve(paid.body.code);
    expect(entry).toMatchObject({ kind: 'pass' });
    const passes = await shop.org('GET', `/api/org/passes?productId=${shop.demo.codes.passProductId}`);
    expect(passes.body.passes.find((p: any) => p.id === entry!.refId)).toMatchObject({ holderName: 'Marc Rochat', source: 'sold', status: 'active', holderEmail: buyer.email });

    const mails = await messagesOf('pass_issued');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ language: 'de', recipient: buyer.email });
    const rendered = renderMessage({ kind: 'pass_issued', language: 'de', payload: mails[0]!.payload } as Message, { publicUrl: 'http://localhost' });
    expect(rendered.subject).toBe('Ihr Pass Molière');
    expect(rendered.text).toContain(paid.body.code);
    expect(rendered.text).toContain('2 Vorstellungen');

    const [row] = await shop.deps.storage.db.select().from(productOrders).where(eq(productOrders.number, orderNumber));
    expect(row!.providerReference).toMatch(/^sim_/);
  });

  it('gives a free pass with the method free, and refuses passes not on sale or of another shop', async () => {
    const product = await shop.org('POST', '/api/org/pass-products', { name: 'Invitation presse', price: 0, eventIds: [shop.demo.concertEventId] });
    const needsFree = await shop.call('POST', sf('/product-orders'), { kind: 'pass', passProductId: product.body.id, holderName: 'Presse', buyer, payment: card });
    expect(needsFree.body.error.code).toBe('payment_not_needed');
    const free = await shop.call('POST', sf('/product-orders'), { kind: 'pass', passProductId: product.body.id, holderName: 'Presse', buyer, payment: { method: 'free' } });
    expect(free.status).toBe(201);
    expect(free.body).toMatchObject({ status: 'paid', amount: 0, paymentMethod: 'free' });
    expect(free.body.code).toBeTruthy();

    await shop.org('PATCH', `/api/org/pass-products/${product.body.id}`, { onSale: false });
    const off = await shop.call('POST', sf('/product-orders'), { kind: 'pass', passProductId: product.body.id, holderName: 'Presse', buyer, payment: { method: 'free' } });
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe('pass_not_on_sale');
    const unknown = await shop.call('POST', sf('/product-orders'), { kind: 'pass', passProductId: 'pps_unknown1', holderName: 'X', buyer, payment: { method: 'free' } });
    expect(unknown.status).toBe(404);
  });

  it('replays the same purchase for the same Idempotency-Key instead of selling twice', async () => {
    const body = { kind: 'voucher', amount: 2500, buyer, payment: card };
    const first = await shop.call('POST', sf('/product-orders'), body, { 'Idempotency-Key': 'voucher-1' });
    const second = await shop.call('POST', sf('/product-orders'), body, { 'Idempotency-Key': 'voucher-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.code).toBe(first.body.code);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await messagesOf('voucher_issued')).toHaveLength(1);
  });
});

describe('a bought code in a cart', () => {
  it('pays part of a cart with a bought voucher and books a seat with a bought pass', async () => {
    const voucher = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 2500, buyer, payment: card });
    const pass = await shop.call('POST', sf('/product-orders'), { kind: 'pass', passProductId: shop.demo.codes.passProductId, holderName: 'Ana', buyer, payment: card });
    const performanceId = shop.demo.theatrePerformanceIds[1]!;
    const info = (await shop.call('GET', sf(`/performances/${performanceId}`))).body;
    const zone = info.zones[0];
    const hold = await shop.call('POST', sf('/holds'), { performanceId, best: { zoneId: zone.id, quantity: 2 } });
    expect(hold.status).toBe(201);
    const withPass = await shop.call('POST', sf(`/holds/${hold.body.id}/codes`), { code: pass.body.code.toLowerCase() });
    expect(withPass.status).toBe(200);
    const withVoucher = await shop.call('POST', sf(`/holds/${hold.body.id}/codes`), { code: voucher.body.code });
    expect(withVoucher.status).toBe(200);
    const seatPrice = hold.body.total / 2;
    // One seat is covered by the pass, the voucher pays 25.00 of the other.
    expect(withVoucher.body.paidByVouchers).toBe(Math.min(2500, withVoucher.body.total));
    expect(withVoucher.body.total).toBeLessThan(hold.body.total);
    expect(withVoucher.body.total).toBe(hold.body.total - seatPrice);
    const paid = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer, payment: card });
    expect(paid.status).toBe(201);
    const entry = await resolve(voucher.body.code);
    expect((await shop.org('GET', `/api/org/vouchers/${entry!.refId}`)).body.balance).toBe(2500 - withVoucher.body.paidByVouchers);
    const passEntry = await resolve(pass.body.code);
    const passes = (await shop.org('GET', '/api/org/passes?limit=200')).body.passes;
    expect(passes.find((p: any) => p.id === passEntry!.refId).usage).toEqual({ performancesUsed: 1, seatsUsed: 1, perPerformance: [{ performanceId, seats: 1 }] });
  });
});

describe('paying one purchase twice at once', () => {
  it('pays it once: one voucher, one e-mail, the other payment refused and voided', async () => {
    const declined = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 10000, buyer, payment: { method: 'simulated_card', cardNumber: DECLINED_CARD } });
    const { orderNumber, orderSecret } = declined.body.error.details;
    const voided: string[] = [];
    const sim = shop.deps.payments.simulated_card!;
    shop.deps.payments.simulated_card = { ...sim, void: async (reference: string) => void voided.push(reference) };
    const results = await Promise.all([1, 2, 3].map(() => shop.call('POST', sf(`/product-orders/${orderNumber}/payment`), { secret: orderSecret, payment: card })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) expect([r.status, r.body.error.code]).toEqual([409, 'already_paid']);
    // Those that were authorized but lost the race had their authorization voided.
    expect(voided.length).toBeLessThanOrEqual(2);
    const [order] = await shop.deps.storage.db.select().from(productOrders).where(eq(productOrders.number, orderNumber));
    const vouchers = await shop.deps.storage.db.select().from(giftVouchers).where(eq(giftVouchers.productOrderId, order!.id));
    expect(vouchers).toHaveLength(1);
    expect(await messagesOf('voucher_issued')).toHaveLength(1);
    expect(voided).not.toContain(order!.providerReference);
  });
});

describe('the pass and voucher e-mails', () => {
  it('say the code and what it is worth in each language', async () => {
    const sale = { shopId: 'shp_demo', shopName: 'Théâtre du Lac', timeZone: 'Europe/Zurich', currency: 'CHF', orderNumber: 'K3F9-7QXM', buyerName: 'Alice', amount: 9000 };
    for (const language of ['fr', 'de', 'it', 'en'] as const) {
      const pass = renderMessage(
        { kind: 'pass_issued', language, payload: { sale, pass: { code: 'PASSDEMO2026', productName: 'Pass Molière', description: 'Deux soirs', holderName: 'Ana', maxPerformances: 2, seatsPerPerformance: 1, validUntil: Date.UTC(2027, 5, 30) } } },
        { publicUrl: 'http://localhost' },
      );
      const voucher = renderMessage({ kind: 'voucher_issued', language, payload: { sale, voucher: { code: 'CADEAU100', amount: 10000, recipientName: 'Léa <b>', expiresAt: null } } }, { publicUrl: 'http://localhost' });
      for (const m of [pass, voucher]) {
        expect(m.text).not.toMatch(/undefined|null|NaN/);
        expect(m.html).not.toContain('<b>');
      }
      expect(pass.text).toContain('PASS-DEMO-2026');
      expect(pass.text).toContain('Ana');
      expect(pass.text).toContain('2027');
      expect(voucher.text).toContain('CADE-AU10-0');
      expect(voucher.text.replace(/\s/g, ' ')).toMatch(/100[.,]00/);
      expect(voucher.html).toContain('Léa &lt;b&gt;');
    }
  });
});

describe('purchases at the box office', () => {
  it("lists the shop's purchases with their codes, newest first, and only to its own token", async () => {
    shop.clock.advance(1);
    await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 2500, buyer, payment: { method: 'simulated_card', cardNumber: DECLINED_CARD } });
    shop.clock.advance(1);
    const paid = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 5000, buyer, payment: card });
    const list = await shop.org('GET', '/api/org/product-orders?limit=2');
    expect(list.status).toBe(200);
    expect(list.body.productOrders.map((o: any) => [o.status, o.amount])).toEqual([
      ['paid', 5000],
      ['pending', 2500],
    ]);
    expect(list.body.productOrders[0].code).toBe(paid.body.code.replace(/-/g, ''));
    expect(list.body.productOrders[1].code).toBeNull();
    // The demo's sold pass is on the next page.
    const next = await shop.org('GET', `/api/org/product-orders?limit=2&cursor=${encodeURIComponent(list.body.nextCursor)}`);
    expect(next.body.productOrders.map((o: any) => o.code)).toEqual(['PASSDEMO2026']);
    expect(next.body.nextCursor).toBeNull();
    expect((await shop.org('GET', '/api/org/product-orders?status=pending')).body.productOrders).toHaveLength(1);

    const other = await createShop(
      shop.deps.storage.db,
      { name: 'Autre', currency: 'EUR', locales: ['de'], defaultLocale: 'de', timeZone: 'Europe/Berlin', testMode: true, allowedOrigins: ['*'] },
      shop.clock.now(),
    );
    const theirs = await shop.call('GET', '/api/org/product-orders', undefined, { Authorization: `Bearer ${other.token}` });
    expect(theirs.body).toEqual({ productOrders: [], nextCursor: null });
    // Nor can their storefront show ours.
    const cross = await shop.call('GET', sf(`/product-orders/${paid.body.number}?secret=${paid.body.secret}`, other.shopId));
    expect(cross.status).toBe(404);
  });
});
