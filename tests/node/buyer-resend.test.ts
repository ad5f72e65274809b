import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../db/schema/messaging.js';
import { orders } from '../../db/schema/orders.js';
import { checkoutHold, createTestShop, MINUTE, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';
import { farPerformance, orderByInvoice } from './invoice-helpers.js';

describe('the buyer asks for the order’s e-mail again (POST …/resend)', () => {
  let shop: TestShop;
  let order: { number: string; secret: string; id?: string };
  const db = () => shop.deps.storage.db;
  const resend = (secret = order.secret, headers: Record<string, string> = {}) => shop.call('POST', sf(`/orders/${order.number}/resend`), { secret }, headers);
  const copies = async (kind: 'order_confirmation' | 'invoice') => {
    const [row] = await db().select({ id: orders.id }).from(orders).where(eq(orders.number, order.number));
    return db().select().from(outboxMessages).where(and(eq(outboxMessages.orderId, row!.id), eq(outboxMessages.kind, kind)));
  };
  /** The first confirmation went out (a copy still waiting would be the one the buyer gets). */
  const deliverAll = () => shop.sql(`UPDATE outbox_messages SET status = 'sent', sent_at = ${shop.clock.now()}`);

  beforeEach(async () => {
    shop = await createTestShop();
    const from = shop.demo.theatrePerformanceIds[0]!;
    const seats = await seatsByZone(shop, (await performanceInfo(shop, from)).planId!);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: from, seats: [{ seatId: seats.C2![0]! }] });
    const paid = await checkoutHold(shop, hold.body.id);
    expect(paid.status).toBe(201);
    order = paid.body;
    await deliverAll();
  });
  afterEach(() => shop.close());

  it('queues the confirmation once, refuses again within 10 minutes with retryAfter, then queues again', async () => {
    expect(await copies('order_confirmation')).toHaveLength(1);
    const first = await resend();
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ sent: true, kind: 'order_confirmation' });
    const queued = await copies('order_confirmation');
    expect(queued).toHaveLength(2);
    expect(queued.filter((m) => m.status === 'pending')).toHaveLength(1);

    await deliverAll();
    shop.clock.advance(4 * MINUTE);
    const again = await resend();
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('resend_too_soon');
    expect(again.body.error.details).toEqual({ retryAfter: 6 * 60 });
    expect(again.headers.get('retry-after')).toBe('360');
    expect(await copies('order_confirmation')).toHaveLength(2);

    shop.clock.advance(6 * MINUTE);
    expect((await resend()).status).toBe(202);
    expect(await copies('order_confirmation')).toHaveLength(3);
  });

  it('queues one e-mail when the buyer presses twice at once (five requests, one copy)', async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => resend()));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect((await copies('order_confirmation')).filter((m) => m.status === 'pending')).toHaveLength(1);
  });

  it('answers a repeated Idempotency-Key with the first answer, and 404 to a wrong secret', async () => {
    const key = { 'Idempotency-Key': 'resend-once-1' };
    const first = await resend(order.secret, key);
    const replay = await resend(order.secret, key);
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await copies('order_confirmation')).filter((m) => m.status === 'pending')).toHaveLength(1);
    const wrong = await resend('x'.repeat(order.secret.length));
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('order_not_found');
  });

  it('sends the invoice again for an unpaid invoice order', async () => {
    const far = await farPerformance(shop);
    const invoiced = await orderByInvoice(shop, far.performanceId, far.seats.slice(0, 1));
    order = invoiced;
    await deliverAll();
    const res = await resend();
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ sent: true, kind: 'invoice' });
    expect((await copies('invoice')).filter((m) => m.status === 'pending')).toHaveLength(1);
    expect(await copies('order_confirmation')).toHaveLength(0);
  });
});
