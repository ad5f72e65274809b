import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stripeSettingsFrom } from '../../worker/src/payments/stripe/settings.js';
import { auditStripePayments, STRIPE_AUDIT_RULES } from '../shared/stripe-audit.js';
import { type RunningStripeStandIn, startStripeStandIn } from '../shared/stripe-stand-in-server.js';
import { buyer, createTestShop, MINUTE, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

/**
 * The money audit must be able to fail: a shop with a Stripe sale and a payment given back
 * passes it, and each way of breaking it by hand (SQL the application never runs) is named by
 * its own rule. Stripe's servers are the stand-in (tests/shared/stripe-stand-in.ts).
 */

let stripe: RunningStripeStandIn;
let shop: TestShop | undefined;
beforeAll(async () => {
  stripe = await startStripeStandIn();
});
afterAll(() => stripe.close());
afterEach(() => shop?.close());

async function shopWithStripeSales() {
  shop = await createTestShop({
    stripe: stripeSettingsFrom(
      { STRIPE_SECRET_KEY: 'sk_test_a', STRIPE_PUBLISHABLE_KEY: 'pk_test_a', STRIPE_API_HOST: stripe.host, STRIPE_API_PORT: String(stripe.port), STRIPE_API_PROTOCOL: 'http' },
      'node',
    ),
  });
  const s = shop;
  const performanceId = s.demo.theatrePerformanceIds[0]!;
  const seats = Object.values(await seatsByZone(s, (await performanceInfo(s, performanceId)).planId!)).flat();
  const buy = async (seatId: number) => {
    const hold = await s.call('POST', sf('/holds'), { performanceId, seats: [{ seatId }] });
    const order = await s.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer, payment: { method: 'stripe' } });
    return { number: order.body.number as string, secret: order.body.secret as string, pi: order.body.stripe.paymentIntentId as string };
  };
  const back = (o: { number: string; secret: string; pi: string }) => s.call('POST', sf(`/orders/${o.number}/stripe-return`), { paymentIntentId: o.pi }, { 'X-Order-Secret': o.secret });
  const sold = await buy(seats[0]!);
  stripe.standIn.pay(sold.pi, { method: 'card' });
  expect((await back(sold)).body.status).toBe('paid');
  // A second order loses its seat after its hold lapsed: its TWINT payment is refunded.
  const lost = await buy(seats[1]!);
  s.clock.advance(31 * MINUTE);
  const other = await s.call('POST', sf('/holds'), { performanceId, seats: [{ seatId: seats[1]! }] });
  await s.call('POST', sf(`/holds/${other.body.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
  stripe.standIn.pay(lost.pi, { method: 'twint' });
  expect((await back(lost)).status).toBe(409);
  // And a gift voucher bought through Stripe.
  const voucher = await s.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 5000, buyer, payment: { method: 'stripe' } });
  stripe.standIn.pay(voucher.body.stripe.paymentIntentId, { method: 'card' });
  const issued = await s.call('POST', sf(`/product-orders/${voucher.body.number}/stripe-return`), { secret: voucher.body.secret, paymentIntentId: voucher.body.stripe.paymentIntentId });
  expect(issued.body.status).toBe('paid');
  return { sql: s.sql, sold, lost, voucher: voucher.body.number as string };
}

const broken = async (sql: TestShop['sql'], settled = false) => (await auditStripePayments(sql, { settled })).map((v) => v.rule);

describe('the Stripe money audit', () => {
  it('passes a shop whose Stripe payments went through the API, settled or not', async () => {
    const { sql } = await shopWithStripeSales();
    expect(await auditStripePayments(sql, { settled: true })).toEqual([]);
  });

  it('names each way of breaking it', async () => {
    const { sql, sold, lost, voucher } = await shopWithStripeSales();
    const cases: [string, string, string][] = [
      [STRIPE_AUDIT_RULES[0]!, `UPDATE orders SET status = 'expired' WHERE number = '${sold.number}'`, `UPDATE orders SET status = 'paid' WHERE number = '${sold.number}'`],
      [
        STRIPE_AUDIT_RULES[1]!,
        `INSERT INTO stripe_payments (id, shop_id, order_id, livemode, hold_id, hold_version, amount, currency, client_secret, state, capture, created_at, updated_at)
          SELECT 'pi_copy', shop_id, order_id, livemode, hold_id, hold_version, amount, currency, client_secret, state, capture, created_at, updated_at FROM stripe_payments WHERE id = '${sold.pi}'`,
        `DELETE FROM stripe_payments WHERE id = 'pi_copy'`,
      ],
      [STRIPE_AUDIT_RULES[2]!, `UPDATE stripe_payments SET state = 'open' WHERE id = '${sold.pi}'`, `UPDATE stripe_payments SET state = 'sold' WHERE id = '${sold.pi}'`],
      [STRIPE_AUDIT_RULES[3]!, `UPDATE stripe_payments SET amount = amount + 1 WHERE id = '${sold.pi}'`, `UPDATE stripe_payments SET amount = amount - 1 WHERE id = '${sold.pi}'`],
      [STRIPE_AUDIT_RULES[4]!, `UPDATE payments SET amount = amount - 100 WHERE id = 'pay_${sold.pi}'`, `UPDATE payments SET amount = amount + 100 WHERE id = 'pay_${sold.pi}'`],
      [STRIPE_AUDIT_RULES[5]!, `UPDATE payments SET status = 'declined' WHERE id = 'rfd_${lost.pi}'`, `UPDATE payments SET status = 'refunded' WHERE id = 'rfd_${lost.pi}'`],
      [STRIPE_AUDIT_RULES[6]!, `UPDATE outbox_messages SET kind = 'pre_event' WHERE kind = 'order_confirmation'`, `UPDATE outbox_messages SET kind = 'order_confirmation' WHERE kind = 'pre_event'`],
      [STRIPE_AUDIT_RULES[7]!, `UPDATE outbox_messages SET dedupe_key = 'moved' WHERE kind = 'payment_returned'`, `UPDATE outbox_messages SET dedupe_key = 'payment_returned:${lost.pi}' WHERE kind = 'payment_returned'`],
      [STRIPE_AUDIT_RULES[8]!, `UPDATE product_orders SET provider_reference = 'pi_other' WHERE number = '${voucher}'`, `UPDATE product_orders SET provider_reference = (SELECT id FROM stripe_payments WHERE product_order_id IS NOT NULL) WHERE number = '${voucher}'`],
      [STRIPE_AUDIT_RULES[9]!, `UPDATE gift_vouchers SET product_order_id = NULL WHERE source = 'sold'`, `UPDATE gift_vouchers SET product_order_id = (SELECT id FROM product_orders WHERE number = '${voucher}') WHERE source = 'sold'`],
    ];
    for (const [rule, breakIt, repair] of cases) {
      await sql(breakIt);
      expect(await broken(sql), breakIt).toContain(rule);
      await sql(repair);
      expect(await broken(sql), repair).toEqual([]);
    }
    // Half-way states pass while payments are settling, and fail once they should be settled.
    await sql(`UPDATE stripe_payments SET capture = 'pending' WHERE id = '${sold.pi}'`);
    await sql(`UPDATE payments SET status = 'authorized' WHERE id = 'pay_${sold.pi}'`);
    expect(await broken(sql, true)).toContain(STRIPE_AUDIT_RULES.at(-1));
  });
});
