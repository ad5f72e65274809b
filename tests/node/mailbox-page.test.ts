import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxPages } from '../../worker/src/node/mailbox.js';
import { checkoutHold, createTestShop, sf, type TestShop } from './harness.js';
import { farPerformance, messagesOf, orderByInvoice, runJobs, useMail } from './invoice-helpers.js';

/** The demo server's mailbox page (npm start without SMTP_URL), over real HTTP on loopback. */
describe('local mailbox page', () => {
  let shop: TestShop;
  let http: ServerType;
  let base: string;
  beforeAll(async () => {
    shop = await createTestShop();
    useMail(shop);
    const server = new Hono().route('/mailbox', mailboxPages(shop.deps));
    http = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    shop.close();
  });

  it('lists the e-mails and shows each one with its text, HTML and attachments', async () => {
    const performance = await farPerformance(shop, 40);
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[0]!]);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: performance.performanceId, seats: [{ seatId: performance.seats[1]! }] });
    const paid = await checkoutHold(shop, hold.body.id);
    await runJobs(shop);
    const [invoice] = await messagesOf(shop, order.number);
    expect([invoice!.status, invoice!.transport]).toEqual(['sent', 'mailbox']);

    const list = await (await fetch(`${base}/mailbox`)).text();
    expect(list).toContain(`Votre facture pour Le Malade imaginaire (commande ${order.number})`);
    expect(list).toContain(`Vos billets pour Le Malade imaginaire (commande ${paid.body.number})`);

    const page = await fetch(`${base}/mailbox/${invoice!.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h2>Plain text</h2>');
    expect(html).toContain('Bonjour Alice Martin,');
    expect(html).toContain(`invoice-${order.number}.pdf`);
    const pdf = await fetch(`${base}/mailbox/${invoice!.id}/attachments/0`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const [confirmation] = await messagesOf(shop, paid.body.number);
    const shown = await (await fetch(`${base}/mailbox/${confirmation!.id}`)).text();
    const ticket = paid.body.tickets[0].number as string;
    expect(shown).toContain(`/mailbox/${confirmation!.id}/cid/${encodeURIComponent(`qr-${ticket}@ticket-shop`)}`);
    const image = await fetch(`${base}/mailbox/${confirmation!.id}/cid/${encodeURIComponent(`qr-${ticket}@ticket-shop`)}`);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
  });

  it('answers only requests made on this machine', async () => {
    const res = await mailboxPages(shop.deps).request('/');
    expect(res.status).toBe(403);
  });
});
