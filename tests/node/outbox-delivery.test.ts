import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../db/schema/messaging.js';
import { invoiceReminders } from '../../db/schema/orders.js';
import { defaultDeliveryPolicy } from '../../worker/src/domain/delivery-retry.js';
import { smtpTransport } from '../../worker/src/email/smtp-transport.js';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import { createTestShop, type TestShop } from './harness.js';
import { farPerformance, messagesOf, orderByInvoice, useMail, zurichDayAt } from './invoice-helpers.js';
import { startSmtpServer, type TestSmtpServer } from './mail-helpers.js';

const MINUTE = 60_000;

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('outbox delivery: retries, backoff, permanent failures, leases, backlogs', () => {
  let smtp: TestSmtpServer;
  let shop: TestShop;
  let transport: ReturnType<typeof smtpTransport>;
  let performance: { performanceId: string; seats: number[] };
  let seat = 0;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    shop = await createTestShop();
    shop.clock.current = Date.parse('2031-02-03T10:00:00Z');
    transport = smtpTransport(smtp.url);
    useMail(shop, transport);
    performance = await farPerformance(shop, 100);
    smtp.refuse = null;
  });
  afterEach(() => {
    transport.close();
    shop.close();
  });

  const place = (email = 'buyer@example.ch') => orderByInvoice(shop, performance.performanceId, [performance.seats[seat++ % performance.seats.length]!], { name: 'Buyer', email, language: 'en' });
  const run = (options?: Parameters<typeof runScheduledJobs>[2]) => runScheduledJobs(shop.deps, '* * * * *', options);
  const only = async (number: string) => (await messagesOf(shop, number))[0]!;
  const receivedFor = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  it('retries a temporary refusal with a doubling delay, then delivers', async () => {
    const order = await place('busy@example.ch');
    smtp.refuse = (to) => (to === 'busy@example.ch' ? { code: 451, message: '4.2.1 Mailbox busy, try later' } : undefined);
    const start = shop.clock.now();
    await run();
    let message = await only(order.number);
    expect([message.status, message.attempts, message.nextAttemptAt]).toEqual(['pending', 1, start + MINUTE]);
    expect(message.lastError).toContain('SMTP 451');

    shop.clock.current = start + MINUTE - 1;
    await run();
    expect((await only(order.number)).attempts).toBe(1); // not due yet
    shop.clock.current = start + MINUTE;
    await run();
    message = await only(order.number);
    expect([message.status, message.attempts, message.nextAttemptAt]).toEqual(['pending', 2, start + 3 * MINUTE]);

    smtp.refuse = null;
    shop.clock.current = start + 3 * MINUTE;
    await run();
    message = await only(order.number);
    expect([message.status, message.attempts, message.lastError, message.transport]).toEqual(['sent', 3, null, 'smtp']);
    expect(receivedFor('busy@example.ch')).toHaveLength(1);
  });

  it('marks a permanent refusal failed at once, keeps addresses out of the error, and sends it again only when the organizer asks', async () => {
    const order = await place('nobody@example.ch');
    smtp.refuse = (to) => (to === 'nobody@example.ch' ? { code: 550, message: '5.1.1 <nobody@example.ch>: Recipient address rejected' } : undefined);
    await run();
    const failed = await only(order.number);
    expect([failed.status, failed.attempts]).toEqual(['failed', 1]);
    expect(failed.lastError).toContain('SMTP 550');
    expect(failed.lastError).not.toContain('nobody@example.ch');
    shop.clock.advance(5 * 24 * 60 * MINUTE); // well before the first reminder
    await run();
    expect((await only(order.number)).attempts).toBe(1);

    const listed = await shop.org('GET', '/api/org/messages?status=failed');
    expect(listed.body.messages.map((m: { id: string }) => m.id)).toEqual([failed.id]);
    smtp.refuse = null;
    const retry = await shop.org('POST', `/api/org/messages/${failed.id}/retry`);
    expect([retry.status, retry.body.status]).toEqual([200, 'pending']);
    await run();
    expect((await only(order.number)).status).toBe('sent');
    const again = await shop.org('POST', `/api/org/messages/${failed.id}/retry`);
    expect([again.status, again.body.error.code]).toEqual([409, 'message_not_failed']);
  });

  it('gives up after the last attempt when the mail server stays unreachable', async () => {
    const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`);
    useMail(shop, down);
    const order = await place();
    for (let attempt = 1; attempt <= defaultDeliveryPolicy.maxAttempts; attempt++) {
      shop.clock.current = (await only(order.number)).nextAttemptAt;
      await run();
      expect((await only(order.number)).attempts).toBe(attempt);
    }
    const message = await only(order.number);
    expect([message.status, message.lastError]).toEqual(['failed', expect.stringContaining('ECONNREFUSED')]);
    down.close();
  });

  it('takes over a claim whose deliverer died, once its lease has run out', async () => {
    const order = await place('lease@example.ch');
    const now = shop.clock.now();
    await shop.deps.storage.db
      .update(outboxMessages)
      .set({ status: 'sending', leaseToken: 'deliverer-that-crashed', attempts: 1, nextAttemptAt: now + defaultDeliveryPolicy.leaseMs })
      .where(eq(outboxMessages.orderId, (await only(order.number)).orderId!));
    await run();
    expect(receivedFor('lease@example.ch')).toHaveLength(0);
    shop.clock.current = now + defaultDeliveryPolicy.leaseMs;
    await run();
    expect([(await only(order.number)).status, receivedFor('lease@example.ch').length]).toEqual(['sent', 1]);
  });

  it('works through a backlog larger than one chunk over several runs, resuming where it stopped', async () => {
    const orderedAt = shop.clock.now();
    const numbers: string[] = [];
    for (let i = 0; i < 23; i++) numbers.push((await place(`backlog${i}@example.ch`)).number);
    const limits = { invoices: { chunk: 4, maxChunks: 2 }, outbox: { chunk: 5, maxChunks: 2 } };

    const sentPerRun: number[] = [];
    for (let i = 0; i < 3; i++) sentPerRun.push((await run(limits)).messagesSent);
    expect(sentPerRun).toEqual([10, 10, 3]);

    shop.clock.current = zurichDayAt(orderedAt, 10, 9);
    const remindedPerRun: number[] = [];
    for (let i = 0; i < 4; i++) remindedPerRun.push((await run(limits)).invoiceReminders);
    expect(remindedPerRun).toEqual([8, 8, 7, 0]);
    expect(await shop.deps.storage.db.select().from(invoiceReminders)).toHaveLength(23);
    while ((await run(limits)).messagesSent > 0);
    expect(smtp.received.filter((m) => m.to[0]!.startsWith('backlog'))).toHaveLength(46);
  });
});
