import { afterEach, describe, expect, it } from 'vitest';
import { auditLedger, LEDGER_RULES } from '../shared/ledger-audit.js';
import { checkoutHold, demoPerformances, sf, type TestShop } from './harness.js';

/**
 * The ledger audit must be able to fail: a sound shop passes it, and each way of breaking the
 * ledger, made by hand with SQL the application never runs, is named by its own rule.
 */

describe('the ledger audit', () => {
  let shop: TestShop | undefined;
  afterEach(() => shop?.close());

  /** A shop with a paid seated order (two seats) and a paid general-admission order (two places). */
  async function soldShop() {
    const demo = await demoPerformances();
    shop = demo.shop;
    const seatIds = Object.values(demo.seats)[0]!.slice(0, 2);
    const seated = await shop.call('POST', sf('/holds'), { performanceId: demo.theatre, seats: seatIds.map((seatId) => ({ seatId })) });
    const seatedOrder = await checkoutHold(shop, seated.body.id);
    const adult = demo.concertInfo.tariffs[0]!;
    const ga = await shop.call('POST', sf('/holds'), { performanceId: demo.concert, quantities: [{ tariffId: adult.id, quantity: 2 }] });
    const gaOrder = await checkoutHold(shop, ga.body.id);
    expect([seatedOrder.status, gaOrder.status]).toEqual([201, 201]);
    const query = shop.sql;
    const run = shop.sql;
    return { query, run, seatedNumber: seatedOrder.body.number as string, gaNumber: gaOrder.body.number as string };
  }
  const rulesBroken = async (query: (sql: string) => Promise<Record<string, unknown>[]>) => (await auditLedger(query)).map((v) => v.rule);
  const orderId = (number: string) => `(SELECT id FROM orders WHERE number = '${number}')`;

  it('passes a shop where everything was sold through the API', async () => {
    const { query } = await soldShop();
    expect(await auditLedger(query)).toEqual([]);
  });

  it('names a valid ticket whose seat went back on sale (the double sale of a changed cart)', async () => {
    const { query, run, seatedNumber } = await soldShop();
    await run(`DELETE FROM seat_claims WHERE order_id = ${orderId(seatedNumber)} AND seat_id = (SELECT min(seat_id) FROM seat_claims WHERE order_id = ${orderId(seatedNumber)})`);
    expect(await rulesBroken(query)).toContain(LEDGER_RULES[0]);
  });

  it('names a seat with two valid tickets', async () => {
    const { query, run, seatedNumber } = await soldShop();
    // Only possible without the partial unique index, which is the database's own refusal.
    await run('DROP INDEX tickets_valid_seat_uq');
    const columns = (await query('PRAGMA table_info(tickets)')).map((c) => String(c.name));
    const copied = columns.map((c) => (c === 'id' ? `'tkt_copy'` : c === 'number' ? `'TCPY-0000-0000'` : c)).join(', ');
    await run(`INSERT INTO tickets (${columns.join(', ')}) SELECT ${copied} FROM tickets WHERE order_id = ${orderId(seatedNumber)} LIMIT 1`);
    expect(await rulesBroken(query)).toContain(LEDGER_RULES[1]);
  });

  it('names a sold seat without a valid ticket', async () => {
    const { query, run, seatedNumber } = await soldShop();
    await run(`UPDATE tickets SET status = 'cancelled' WHERE id = (SELECT min(id) FROM tickets WHERE order_id = ${orderId(seatedNumber)})`);
    expect(await rulesBroken(query)).toContain(LEDGER_RULES[2]);
  });

  it('names general-admission places that differ from their tickets', async () => {
    const { query, run, gaNumber } = await soldShop();
    await run(`UPDATE tickets SET status = 'cancelled' WHERE id = (SELECT min(id) FROM tickets WHERE order_id = ${orderId(gaNumber)})`);
    expect(await rulesBroken(query)).toContain(LEDGER_RULES[3]);
  });

  it('names seats and places sold to an order that is no longer live', async () => {
    const { query, run, seatedNumber } = await soldShop();
    await run(`UPDATE orders SET status = 'expired' WHERE number = '${seatedNumber}'`);
    const broken = await rulesBroken(query);
    expect(broken).toContain(LEDGER_RULES[4]);
    expect(broken).toContain(LEDGER_RULES[7]);
  });

  it('names a general-admission counter that drifted from its claims', async () => {
    const { query, run } = await soldShop();
    await run('UPDATE ga_inventory SET taken = taken + 1 WHERE taken > 0');
    expect(await rulesBroken(query)).toEqual([LEDGER_RULES[5]]);
  });

  it('names a ticket both valid and cancelled', async () => {
    const { query, run, seatedNumber } = await soldShop();
    await run(`INSERT INTO order_cancellations (id, shop_id, order_id, scope, reason, refund_method, actor, created_at)
      SELECT 'ocx_test', shop_id, id, 'tickets', 'test', 'none', 'organizer', 0 FROM orders WHERE number = '${seatedNumber}'`);
    await run(`INSERT INTO cancelled_tickets (ticket_id, cancellation_id, order_id) SELECT min(id), 'ocx_test', order_id FROM tickets WHERE order_id = ${orderId(seatedNumber)}`);
    expect(await rulesBroken(query)).toEqual([LEDGER_RULES[6]]);
  });
});
