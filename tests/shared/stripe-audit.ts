import type { AuditQuery, LedgerViolation } from './ledger-audit.js';

/**
 * The money side of Stripe payments, checked over the whole database (read only, the same SQL
 * on a libSQL file and on D1): every sold payment is one paid order, every paid Stripe order
 * has one sold payment and one confirmation, the money recorded as taken is exactly what was
 * sold, and every payment given back has its trail. With `settled`, nothing may be left half-way
 * (a lease, a return, a capture): run it after the settling job.
 */
const RULES: { rule: string; sql: string; settledOnly?: boolean }[] = [
  {
    rule: 'a sold Stripe payment whose order is neither paid nor cancelled by staff',
    sql: `SELECT sp.id, o.number, o.status FROM stripe_payments sp JOIN orders o ON o.id = sp.order_id
      WHERE sp.state = 'sold' AND NOT (o.status = 'paid' OR (o.status = 'cancelled' AND EXISTS (SELECT 1 FROM order_cancellations c WHERE c.order_id = o.id)))`,
  },
  {
    rule: 'an order or a purchase with two sold Stripe payments',
    sql: `SELECT coalesce(order_id, product_order_id) AS paid_for, count(*) AS sold FROM stripe_payments WHERE state = 'sold'
      GROUP BY coalesce(order_id, product_order_id) HAVING count(*) > 1`,
  },
  {
    rule: 'a paid Stripe order without a sold Stripe payment',
    sql: `SELECT o.number FROM orders o WHERE o.payment_method = 'stripe' AND o.status = 'paid'
      AND NOT EXISTS (SELECT 1 FROM stripe_payments sp WHERE sp.order_id = o.id AND sp.state = 'sold')`,
  },
  {
    rule: 'a sold Stripe payment of another amount than its order',
    sql: `SELECT sp.id, sp.amount, o.total - o.paid_by_vouchers AS due FROM stripe_payments sp JOIN orders o ON o.id = sp.order_id
      WHERE sp.state = 'sold' AND sp.amount <> o.total - o.paid_by_vouchers`,
  },
  {
    // What the sale took: the captured charge of the order's sold payment, less full returns; refunds staff decide later are not counted here.
    rule: 'money recorded as taken by Stripe that differs from what the order sold',
    sql: `SELECT o.number, o.status, coalesce(taken.amount, 0) AS taken, o.total - o.paid_by_vouchers AS due
      FROM orders o LEFT JOIN (
        SELECT order_id, sum(CASE WHEN kind = 'charge' AND status = 'captured' THEN amount WHEN kind = 'refund' AND cancellation_id IS NULL AND status = 'refunded' THEN -amount ELSE 0 END) AS amount
        FROM payments WHERE provider = 'stripe' GROUP BY order_id) taken ON taken.order_id = o.id
      WHERE o.payment_method = 'stripe' AND EXISTS (SELECT 1 FROM stripe_payments sp WHERE sp.order_id = o.id AND NOT (sp.state = 'sold' AND sp.capture = 'not_captured'))
        AND coalesce(taken.amount, 0) <> CASE WHEN EXISTS (SELECT 1 FROM stripe_payments sp WHERE sp.order_id = o.id AND sp.state = 'sold' AND sp.capture = 'captured') THEN o.total - o.paid_by_vouchers ELSE 0 END`,
  },
  {
    rule: 'a Stripe payment given back without its trail (a voided authorization, or a charge and its full refund)',
    sql: `SELECT sp.id, sp.refunded FROM stripe_payments sp WHERE sp.state = 'returned' AND sp.return_reason IS NOT NULL AND NOT (
        (sp.refunded = 0 AND EXISTS (SELECT 1 FROM payments p WHERE p.id = 'pay_' || sp.id AND p.status = 'voided'))
        OR (sp.refunded = 1 AND EXISTS (SELECT 1 FROM payments p WHERE p.id = 'pay_' || sp.id AND p.status = 'captured')
            AND EXISTS (SELECT 1 FROM payments p WHERE p.id = 'rfd_' || sp.id AND p.status = 'refunded' AND p.amount = sp.amount)))`,
  },
  {
    rule: 'a paid Stripe order without exactly one confirmation e-mail',
    sql: `SELECT o.number, (SELECT count(*) FROM outbox_messages m WHERE m.order_id = o.id AND m.kind = 'order_confirmation') AS confirmations
      FROM orders o WHERE o.payment_method = 'stripe' AND o.status = 'paid'
        AND (SELECT count(*) FROM outbox_messages m WHERE m.order_id = o.id AND m.kind = 'order_confirmation') <> 1`,
  },
  {
    rule: 'a Stripe payment given back without exactly one notice to the buyer',
    sql: `SELECT sp.id FROM stripe_payments sp WHERE sp.state = 'returned' AND sp.return_reason IS NOT NULL
      AND (SELECT count(*) FROM outbox_messages m WHERE m.dedupe_key = 'payment_returned:' || sp.id) <> 1`,
  },
  {
    rule: 'a purchase (pass or voucher) whose Stripe payment and status disagree',
    sql: `SELECT p.number, p.status, sp.id, sp.state FROM product_orders p LEFT JOIN stripe_payments sp ON sp.product_order_id = p.id AND sp.state = 'sold'
      WHERE p.payment_method = 'stripe' AND (
        (p.status = 'paid' AND (sp.id IS NULL OR p.provider_reference IS NOT sp.id))
        OR (p.status <> 'paid' AND sp.id IS NOT NULL AND sp.capture <> 'not_captured'))`,
  },
  {
    rule: 'a paid purchase without exactly one pass or voucher',
    sql: `SELECT p.number, (SELECT count(*) FROM gift_vouchers v WHERE v.product_order_id = p.id) + (SELECT count(*) FROM access_passes a WHERE a.product_order_id = p.id) AS issued
      FROM product_orders p WHERE p.status = 'paid'
        AND (SELECT count(*) FROM gift_vouchers v WHERE v.product_order_id = p.id) + (SELECT count(*) FROM access_passes a WHERE a.product_order_id = p.id) <> 1`,
  },
  {
    rule: 'a Stripe payment left half-way (settling, returning, or sold and not captured)',
    sql: `SELECT id, state, capture FROM stripe_payments WHERE state IN ('settling', 'returning') OR (state = 'sold' AND capture = 'pending')`,
    settledOnly: true,
  },
];

export async function auditStripePayments(query: AuditQuery, options: { settled?: boolean } = {}): Promise<LedgerViolation[]> {
  const violations: LedgerViolation[] = [];
  for (const { rule, sql, settledOnly } of RULES) {
    if (settledOnly && !options.settled) continue;
    const rows = await query(sql);
    if (rows.length > 0) violations.push({ rule, rows: rows.slice(0, 10) });
  }
  return violations;
}

export async function assertStripePaymentsIntact(query: AuditQuery, context = '', options: { settled?: boolean } = {}): Promise<void> {
  const violations = await auditStripePayments(query, options);
  if (violations.length > 0) throw new Error(`Stripe payment audit failed${context ? ` (${context})` : ''}:\n${JSON.stringify(violations, null, 2)}`);
}

export const STRIPE_AUDIT_RULES = RULES.map((r) => r.rule);
