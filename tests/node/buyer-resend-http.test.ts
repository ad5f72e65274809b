import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './http-server.js';

/**
 * "Send the e-mail again" pressed many times at once, over real HTTP against the production
 * server: the database lets exactly one through, the others hear resend_too_soon.
 */
describe('resending an order’s e-mail over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server?.stop());

  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${server.baseUrl}/api/shops/${server.demo.shopId}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any, retryAfter: res.headers.get('retry-after') };
  };

  it('twelve concurrent requests queue one e-mail', async () => {
    const performance = (await api(`/performances/${server.demo.concertPerformanceIds[0]}`)).body;
    const hold = (await api('/holds', { performanceId: performance.id, quantities: [{ tariffId: performance.tariffs[0].id, quantity: 1 }] })).body;
    const order = (await api(`/holds/${hold.id}/checkout`, { buyer: { name: 'Jonas Keller', email: 'jonas@example.ch', language: 'de' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } })).body;
    expect(order.status).toBe('paid');

    const answers = await Promise.all(Array.from({ length: 12 }, () => api(`/orders/${order.number}/resend`, { secret: order.secret })));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(11);
    for (const a of refused) {
      expect(a.body.error.code).toBe('resend_too_soon');
      expect(Number(a.retryAfter)).toBeGreaterThan(590);
    }

    const db = createClient({ url: `file:${server.dbPath}` });
    try {
      const rows = await db.execute({ sql: "SELECT count(*) AS n FROM outbox_messages m JOIN orders o ON o.id = m.order_id WHERE o.number = ? AND m.kind = 'order_confirmation' AND m.dedupe_key LIKE 'buyer-resend:%'", args: [order.number] });
      expect(Number(rows.rows[0]!.n)).toBe(1);
    } finally {
      db.close();
    }
  });
});
