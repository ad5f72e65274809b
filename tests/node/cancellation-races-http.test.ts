import { createClient, type Client } from '@libsql/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { httpJson, type HttpResult, runBounded, type RunningServer, seededRandom, startServer } from './http-server.js';

/**
 * Staff cancelling at once over real HTTP against the production Node build: many desks
 * cancelling overlapping tickets of the same orders, with refunds that together would exceed
 * what was paid. The database decides; the audit reads it afterwards through its own
 * connection. Request counts are fixed; nothing asserts on timing.
 */

const SHOP = '/api/shops/shp_demo';
const GOOD_CARD = '4242424242424242';
const buyer = { name: 'Race Buyer', email: 'race@example.ch', language: 'fr' as const };

describe('concurrent cancellations over real HTTP (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  let theatre: string;
  let concert: string;
  let seatIds: number[];

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const org = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${server.demo.token}` });
  const rows = async (sql: string, args: (string | number)[] = []) => (await audit.execute({ sql, args })).rows;
  const scalar = async (sql: string, args: (string | number)[] = []) => Number(Object.values((await rows(sql, args))[0]!)[0]);
  const expectNoServerError = (results: HttpResult[]) => {
    const failures = results.filter((r) => r.status >= 500);
    expect(failures.map((f) => ({ status: f.status, body: f.body })), server.output()).toEqual([]);
  };

  async function paidOrder(hold: Record<string, unknown>) {
    const held = await call('POST', `${SHOP}/holds`, hold);
    expect(held.status).toBe(201);
    const order = await call('POST', `${SHOP}/holds/${held.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(order.status).toBe(201);
    return order.body as { number: string; total: number; tickets: { number: string; seatId: number | null; price: number }[] };
  }

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    theatre = server.demo.theatrePerformanceIds[0]!;
    concert = server.demo.concertPerformanceIds[0]!;
    const perf = await call('GET', `${SHOP}/performances/${theatre}`);
    const plan = await call('GET', `${SHOP}/plans/${perf.body.planId}`);
    const { id, flags } = plan.body.seats as { id: number[]; flags: number[] };
    seatIds = id.filter((_, i) => (flags[i]! & 8) === 0).slice(0, 10);
  });

  // The ledger's invariants after every race (tests/shared/ledger-audit.ts).
  afterEach(async () => {
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
  });

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('cancels each ticket once, frees exactly the cancelled seats, and never refunds more than was paid', async () => {
    const order = await paidOrder({ performanceId: theatre, seats: seatIds.slice(0, 6).map((seatId) => ({ seatId })) });
    const random = seededRandom(11);
    // 40 desks, each cancelling one to three of the six tickets and refunding a third of the order in cash.
    const wishes = Array.from({ length: 40 }, () => {
      const picked = order.tickets.filter(() => random() < 0.3).map((t) => t.number);
      return picked.length > 0 ? picked : [order.tickets[Math.floor(random() * 6)]!.number];
    });
    const third = Math.floor(order.total / 3);
    const results = await runBounded(
      wishes.map((ticketNumbers) => () => org('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'tickets', ticketNumbers, reason: 'race', refundMethod: 'cash', refundAmount: third })),
      40,
    );
    expectNoServerError(results);
    const refusals = new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.error.code}`));
    expect([...refusals].filter((s) => !['409 ticket_not_cancellable', '409 refund_exceeds_paid', '409 order_already_cancelled'].includes(s))).toEqual([]);

    const won = results.filter((r) => r.status === 201).map((r) => r.body.cancellation as { tickets: string[]; refund: { amount: number } });
    expect(won.length).toBeGreaterThan(0);
    expect(won.length).toBeLessThanOrEqual(3); // three thirds at most
    const cancelled = won.flatMap((c) => c.tickets);
    expect(new Set(cancelled).size).toBe(cancelled.length);

    const orderId = String((await rows(`SELECT id FROM orders WHERE number = ?`, [order.number]))[0]!.id);
    expect(await scalar(`SELECT count(*) FROM cancelled_tickets WHERE order_id = ?`, [orderId])).toBe(cancelled.length);
    expect(await scalar(`SELECT count(*) FROM tickets WHERE order_id = ? AND status = 'cancelled'`, [orderId])).toBe(cancelled.length);
    expect(await scalar(`SELECT coalesce(sum(refund_amount), 0) FROM order_cancellations WHERE order_id = ?`, [orderId])).toBe(third * won.length);
    expect(third * won.length).toBeLessThanOrEqual(order.total);
    const sold = (await rows(`SELECT seat_id FROM seat_claims WHERE performance_id = ? AND state = 'sold' AND order_id = ?`, [theatre, orderId])).map((r) => Number(r.seat_id)).sort((a, b) => a - b);
    const stillValid = order.tickets.filter((t) => !cancelled.includes(t.number)).map((t) => t.seatId!).sort((a, b) => a - b);
    expect(sold).toEqual(stillValid);
    const status = String((await rows(`SELECT status FROM orders WHERE id = ?`, [orderId]))[0]!.status);
    expect(status).toBe(stillValid.length === 0 ? 'cancelled' : 'paid');
  });

  it('gives back one general-admission place per ticket cancelled, whatever the interleaving', async () => {
    const perf = await call('GET', `${SHOP}/performances/${concert}`);
    const tariffId = (perf.body.tariffs as { id: string; price: number }[]).find((t) => t.price > 0)!.id;
    const takenBefore = await scalar(`SELECT taken FROM ga_inventory WHERE performance_id = ?`, [concert]);
    const order = await paidOrder({ performanceId: concert, quantities: [{ tariffId, quantity: 8 }] });
    // Every ticket asked for three times, plus three whole-order cancellations, all at once.
    const requests = [
      ...order.tickets.flatMap((t) => [1, 2, 3].map(() => ({ scope: 'tickets', ticketNumbers: [t.number] }))),
      ...[1, 2, 3].map(() => ({ scope: 'order' })),
    ];
    const results = await runBounded(
      requests.map((body) => () => org('POST', `/api/org/orders/${order.number}/cancellations`, { ...body, reason: 'race', refundMethod: 'none' })),
      32,
    );
    expectNoServerError(results);
    const cancelled = results.filter((r) => r.status === 201).flatMap((r) => r.body.cancellation.tickets as string[]);
    expect(new Set(cancelled).size).toBe(cancelled.length);
    expect(cancelled.sort()).toEqual(order.tickets.map((t) => t.number).sort());
    expect(await scalar(`SELECT taken FROM ga_inventory WHERE performance_id = ?`, [concert])).toBe(takenBefore);
    const orderId = String((await rows(`SELECT id FROM orders WHERE number = ?`, [order.number]))[0]!.id);
    expect(await scalar(`SELECT count(*) FROM ga_claims WHERE order_id = ?`, [orderId])).toBe(0);
    expect(String((await rows(`SELECT status FROM orders WHERE id = ?`, [orderId]))[0]!.status)).toBe('cancelled');
  });
});
