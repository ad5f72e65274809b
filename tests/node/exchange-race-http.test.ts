import { createClient, type Client } from '@libsql/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { httpJson, type HttpResult, type RunningServer, startServer } from './http-server.js';

/**
 * Exchanges racing over real HTTP against the production Node build: buyers exchanging into
 * the same seat while others hold it, and one ticket exchanged twice at once. The database
 * decides (the seat claim's primary key, the ticket guard, UNIQUE old ticket); every loser
 * is told and nothing is half done. Nothing here asserts on timing.
 */

const SHOP = '/api/shops/shp_demo';
const GOOD_CARD = '4242424242424242';
const buyer = (i: number) => ({ name: `Buyer ${i}`, email: `buyer${i}@example.ch`, language: 'fr' as const });

describe('exchanges racing over real HTTP (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  let from: string;
  let to: string;
  let seatIds: number[];

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const scalar = async (sql: string, args: (string | number)[] = []) => Number(Object.values((await audit.execute({ sql, args })).rows[0]!)[0]);
  const expectNoServerError = (results: HttpResult[]) => {
    const failures = results.filter((r) => r.status >= 500);
    expect(failures.map((f) => ({ status: f.status, body: f.body })), server.output()).toEqual([]);
  };

  async function buyOne(i: number, seatId: number) {
    const hold = await call('POST', `${SHOP}/holds`, { performanceId: from, seats: [{ seatId }] });
    expect(hold.status).toBe(201);
    const order = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer: buyer(i), payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    return order.body as { number: string; secret: string; tickets: { number: string; seatId: number }[] };
  }

  const exchange = (order: { number: string; secret: string }, ticketNumber: string, seatId: number) =>
    call('POST', `${SHOP}/orders/${order.number}/exchanges?secret=${order.secret}`, {
      ticketNumber,
      performanceId: to,
      seatId,
      expectedAmount: 500,
      payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
    });

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    [from, to] = server.demo.theatrePerformanceIds as [string, string];
    await audit.execute({ sql: 'UPDATE events SET exchange_enabled = 1, exchange_fee = 500, exchange_deadline_hours = 24 WHERE id = ?', args: [server.demo.theatreEventId] });
    const performance = await call('GET', `${SHOP}/performances/${from}`);
    const plan = await call('GET', `${SHOP}/plans/${performance.body.planId}`);
    const zoneC2 = (plan.body.zones as { code: string }[]).findIndex((z) => z.code === 'C2');
    seatIds = [];
    for (let i = 0; i < plan.body.seats.id.length && seatIds.length < 40; i++) {
      if ((plan.body.seats.flags[i] & 8) === 0 && plan.body.seats.zone[i] === zoneC2) seatIds.push(plan.body.seats.id[i]);
    }
  });

  // The ledger's invariants after every race (tests/shared/ledger-audit.ts).
  afterEach(async () => {
    await assertLedgerIntact(async (sql) => (await audit.execute(sql)).rows.map((r) => ({ ...r })));
  });

  afterAll(async () => {
    audit?.close();
    await server?.stop();
  });

  it('eight exchanges and four holds racing for one seat: exactly one wins, the others change nothing', async () => {
    const orders = [];
    for (let i = 0; i < 8; i++) orders.push(await buyOne(i, seatIds[i]!));
    const target = seatIds[20]!;
    const capturedBefore = await scalar("SELECT count(*) FROM payments WHERE status = 'captured'");

    const results = await Promise.all([
      ...orders.map((o) => exchange(o, o.tickets[0]!.number, target).then((r) => ({ kind: 'exchange' as const, r }))),
      ...[0, 1, 2, 3].map(() => call('POST', `${SHOP}/holds`, { performanceId: to, seats: [{ seatId: target }] }).then((r) => ({ kind: 'hold' as const, r }))),
    ]);
    expectNoServerError(results.map((x) => x.r));
    const winners = results.filter((x) => x.r.status === 201);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((x) => x.r.status !== 201)) {
      expect(loser.r.status).toBe(409);
      expect(loser.r.body.error.code).toBe(loser.kind === 'exchange' ? 'seat_taken' : 'seats_taken');
    }

    // One claim on the seat; exchanges, new tickets, charges and e-mails only for a winning exchange.
    const exchangesWon = winners.filter((w) => w.kind === 'exchange').length;
    expect(await scalar('SELECT count(*) FROM seat_claims WHERE performance_id = ? AND seat_id = ?', [to, target])).toBe(1);
    expect(await scalar('SELECT count(*) FROM ticket_exchanges')).toBe(exchangesWon);
    expect(await scalar("SELECT count(*) FROM tickets WHERE status = 'exchanged'")).toBe(exchangesWon);
    expect(await scalar('SELECT count(*) FROM tickets WHERE replaces_ticket_id IS NOT NULL')).toBe(exchangesWon);
    expect(await scalar("SELECT count(*) FROM payments WHERE status = 'captured'")).toBe(capturedBefore + exchangesWon);
    expect(await scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'ticket_exchanged'")).toBe(exchangesWon);
    // Every losing buyer still has their old seat, sold to their order.
    const oldSeatsKept = await scalar(
      `SELECT count(*) FROM seat_claims c JOIN tickets t ON t.seat_id = c.seat_id AND t.performance_id = c.performance_id
        WHERE c.state = 'sold' AND c.order_id = t.order_id AND t.status = 'valid' AND t.performance_id = ?`,
      [from],
    );
    expect(oldSeatsKept).toBe(8 - exchangesWon);
  });

  it('the same ticket exchanged twice at once, to two seats: one exchange, one new seat', async () => {
    const order = await buyOne(100, seatIds[10]!);
    const ticket = order.tickets[0]!.number;
    const [a, b] = [seatIds[30]!, seatIds[31]!];
    const results = await Promise.all([exchange(order, ticket, a), exchange(order, ticket, b), exchange(order, ticket, a)]);
    expectNoServerError(results);
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(['ticket_not_valid', 'seat_taken']).toContain(lost.body.error.code);
    }
    const [oldTicketId] = (await audit.execute({ sql: 'SELECT id FROM tickets WHERE number = ?', args: [ticket] })).rows.map((r) => String(r.id));
    expect(await scalar('SELECT count(*) FROM ticket_exchanges WHERE old_ticket_id = ?', [oldTicketId!])).toBe(1);
    expect(await scalar("SELECT count(*) FROM seat_claims WHERE performance_id = ? AND seat_id IN (?, ?) AND state = 'sold'", [to, a, b])).toBe(1);
    expect(await scalar('SELECT count(*) FROM seat_claims WHERE performance_id = ? AND seat_id = ?', [from, seatIds[10]!])).toBe(0);
  });
});
