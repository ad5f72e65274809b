/**
 * The invariants of the seat ledger, checked over the whole database. Any test may call it at
 * its end; every race test does, on Node (a libSQL file) and in workerd (D1). It reads only,
 * through whatever runs SQL in the test's runtime, so the same queries judge both.
 *
 * Orders placed by invoice (`invoiced`) own sold seats and places before their tickets exist;
 * they are held to "sold to a live order" rather than "has a valid ticket".
 */

/** Runs one read-only query and returns its rows as objects. */
export type AuditQuery = (sql: string) => Promise<Record<string, unknown>[]>;

export interface LedgerViolation {
  rule: string;
  rows: Record<string, unknown>[];
}

const RULES: { rule: string; sql: string }[] = [
  {
    rule: 'a valid ticket whose seat is not sold to its order',
    sql: `SELECT t.number, t.performance_id, t.seat_id, c.state, c.order_id AS claim_order FROM tickets t
      LEFT JOIN seat_claims c ON c.performance_id = t.performance_id AND c.seat_id = t.seat_id
      WHERE t.status = 'valid' AND t.seat_id IS NOT NULL AND (c.seat_id IS NULL OR c.state <> 'sold' OR c.order_id IS NOT t.order_id)`,
  },
  {
    rule: 'a seat with two valid tickets',
    sql: `SELECT performance_id, seat_id, count(*) AS tickets, group_concat(number) AS numbers FROM tickets
      WHERE status = 'valid' AND seat_id IS NOT NULL GROUP BY performance_id, seat_id HAVING count(*) > 1`,
  },
  {
    rule: 'a sold seat without a valid ticket of its order',
    sql: `SELECT c.performance_id, c.seat_id, c.order_id, o.status FROM seat_claims c LEFT JOIN orders o ON o.id = c.order_id
      WHERE c.state = 'sold' AND (o.id IS NULL OR o.status <> 'invoiced') AND NOT EXISTS (SELECT 1 FROM tickets t
        WHERE t.performance_id = c.performance_id AND t.seat_id = c.seat_id AND t.order_id = c.order_id AND t.status = 'valid')`,
  },
  {
    rule: 'sold places (general admission) that differ from the valid tickets, per order, performance and tariff',
    sql: `SELECT k.order_id, k.performance_id, k.tariff_id, k.sold, k.tickets FROM (
        SELECT order_id, performance_id, tariff_id, sum(sold) AS sold, sum(tickets) AS tickets FROM (
          SELECT g.order_id, g.performance_id, g.tariff_id, g.quantity AS sold, 0 AS tickets FROM ga_claims g
            JOIN orders o ON o.id = g.order_id WHERE g.state = 'sold' AND o.status <> 'invoiced'
          UNION ALL
          SELECT t.order_id, t.performance_id, t.tariff_id, 0, 1 FROM tickets t WHERE t.status = 'valid' AND t.seat_id IS NULL
        ) GROUP BY order_id, performance_id, tariff_id) k
      WHERE k.sold <> k.tickets`,
  },
  {
    rule: 'a sold seat or place of no live order (missing, pending, expired or cancelled)',
    sql: `SELECT 'seat' AS kind, c.performance_id, c.order_id, o.status FROM seat_claims c LEFT JOIN orders o ON o.id = c.order_id
        WHERE c.state = 'sold' AND (o.id IS NULL OR o.status NOT IN ('paid', 'invoiced'))
      UNION ALL
      SELECT 'place', g.performance_id, g.order_id, o.status FROM ga_claims g LEFT JOIN orders o ON o.id = g.order_id
        WHERE g.state = 'sold' AND (o.id IS NULL OR o.status NOT IN ('paid', 'invoiced'))`,
  },
  {
    rule: 'a general-admission counter that is not the sum of its claims, or past capacity',
    sql: `SELECT i.performance_id, i.capacity, i.taken, coalesce((SELECT sum(g.quantity) FROM ga_claims g WHERE g.performance_id = i.performance_id), 0) AS claimed
      FROM ga_inventory i
      WHERE i.taken <> coalesce((SELECT sum(g.quantity) FROM ga_claims g WHERE g.performance_id = i.performance_id), 0) OR i.taken > i.capacity OR i.taken < 0`,
  },
  {
    rule: 'a ticket both valid and cancelled or exchanged',
    sql: `SELECT t.number, 'cancelled' AS listed FROM tickets t JOIN cancelled_tickets x ON x.ticket_id = t.id WHERE t.status = 'valid'
      UNION ALL
      SELECT t.number, 'exchanged' FROM tickets t JOIN ticket_exchanges e ON e.old_ticket_id = t.id WHERE t.status = 'valid'`,
  },
  {
    rule: 'a valid ticket of an order that is not paid',
    sql: `SELECT t.number, o.number AS order_number, o.status FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.status = 'valid' AND o.status <> 'paid'`,
  },
];

/** Every broken invariant with the rows that break it (empty when the ledger is sound). */
export async function auditLedger(query: AuditQuery): Promise<LedgerViolation[]> {
  const violations: LedgerViolation[] = [];
  for (const { rule, sql } of RULES) {
    const rows = await query(sql);
    if (rows.length > 0) violations.push({ rule, rows: rows.slice(0, 20) });
  }
  return violations;
}

/** Throws, naming each broken invariant and up to 20 rows of it, unless the ledger is sound. */
export async function assertLedgerIntact(query: AuditQuery, context = ''): Promise<void> {
  const violations = await auditLedger(query);
  if (violations.length === 0) return;
  const report = violations.map((v) => `- ${v.rule}:\n${v.rows.map((r) => `    ${JSON.stringify(r)}`).join('\n')}`).join('\n');
  throw new Error(`The seat ledger is broken${context ? ` (${context})` : ''}:\n${report}`);
}

/** The number of checks, for a test that proves each one fires. */
export const LEDGER_RULES = RULES.map((r) => r.rule);
