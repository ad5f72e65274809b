import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../db/schema/messaging.js';
import { invoiceReminders, orderCancellations, orders } from '../../db/schema/orders.js';
import { smtpTransport } from '../../worker/src/email/smtp-transport.js';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import { availability, checkoutHold, createTestShop, sf, type TestShop } from './harness.js';
import { farPerformance, orderByInvoice, useMail, zurichDayAt } from './invoice-helpers.js';
import { startSmtpServer, type TestSmtpServer } from './mail-helpers.js';

const ORDERED_AT = Date.parse('2031-05-06T08:30:00Z');

/**
 * Two runs of every scheduled job at the same moment (two cron ticks overlapping, or two
 * server processes): every e-mail is delivered once, every reminder recorded once, every
 * order cancelled once. Small chunks make the runs take many turns each.
 */
describe('two overlapping runs of every job', () => {
  let shop: TestShop;
  let smtp: TestSmtpServer;
  let transport: ReturnType<typeof smtpTransport>;
  const invoiceOrders: string[] = [];
  let near: { performanceId: string; seats: number[] };
  let far: { performanceId: string; seats: number[] };
  const limits = { invoices: { chunk: 3, maxChunks: 50 }, preEvent: { chunk: 3, maxChunks: 50 }, outbox: { chunk: 3, maxChunks: 50 } };
  const both = () => Promise.all([runScheduledJobs(shop.deps, '* * * * *', limits), runScheduledJobs(shop.deps, '* * * * *', limits)]);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    shop = await createTestShop();
    shop.clock.current = ORDERED_AT;
    transport = smtpTransport(smtp.url);
    useMail(shop, transport);
    far = await farPerformance(shop, 120);
    near = await farPerformance(shop, 5);
    for (let i = 0; i < 10; i++) invoiceOrders.push((await orderByInvoice(shop, far.performanceId, [far.seats[i]!])).number);
    for (let i = 0; i < 6; i++) {
      const hold = await shop.call('POST', sf('/holds'), { performanceId: near.performanceId, seats: [{ seatId: near.seats[i]! }] });
      expect((await checkoutHold(shop, hold.body.id)).status).toBe(201);
    }
  });
  afterAll(async () => {
    transport.close();
    shop.close();
    await smtp.close();
  });

  async function expectEachMessageDeliveredOnce() {
    const rows = await shop.deps.storage.db.select().from(outboxMessages);
    expect(rows.filter((m) => m.status !== 'sent')).toEqual([]);
    const ids = smtp.received.map((m) => m.headers['message-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(rows.map((m) => `<${m.id}@ticket-shop>`).sort());
  }

  it('delivers the invoices and confirmations once', async () => {
    shop.clock.current = ORDERED_AT + 60_000;
    const [a, b] = await both();
    expect(a.messagesSent + b.messagesSent).toBe(16);
    await expectEachMessageDeliveredOnce();
  });

  it('queues and delivers the message before the performance once per order', async () => {
    shop.clock.current = zurichDayAt(ORDERED_AT, 4, 10);
    const [a, b] = await both();
    expect(a.preEventMessages + b.preEventMessages).toBe(6);
    const [{ n }] = (await shop.deps.storage.db.select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.kind, 'pre_event'))) as [{ n: number }];
    expect(n).toBe(6);
    await expectEachMessageDeliveredOnce();
  });

  it('records and delivers each reminder once', async () => {
    for (const day of [10, 20]) {
      shop.clock.current = zurichDayAt(ORDERED_AT, day, 9);
      const [a, b] = await both();
      expect(a.invoiceReminders + b.invoiceReminders).toBe(10);
    }
    const reminders = await shop.deps.storage.db.select().from(invoiceReminders);
    expect(reminders).toHaveLength(20);
    await expectEachMessageDeliveredOnce();
  });

  it('cancels each unpaid order once, freeing its seat once', async () => {
    shop.clock.current = zurichDayAt(ORDERED_AT, 30, 9);
    const [a, b] = await both();
    expect(a.invoiceCancellations + b.invoiceCancellations).toBe(10);
    const ids = (await shop.deps.storage.db.select({ id: orders.id }).from(orders).where(inArray(orders.number, invoiceOrders))).map((o) => o.id);
    expect(await shop.deps.storage.db.select().from(orderCancellations).where(inArray(orderCancellations.orderId, ids))).toHaveLength(10);
    expect((await availability(shop, far.performanceId)).sold).toBe('');
    await expectEachMessageDeliveredOnce();
    expect(smtp.received).toHaveLength(10 + 6 + 6 + 20 + 10);
  });
});
