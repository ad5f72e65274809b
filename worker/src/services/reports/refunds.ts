import { sql } from 'drizzle-orm';
import type { ReportPeriodInput } from '../../../../contract/reports.js';
import type { RefundsReport } from '../../../../contract/responses/organizer/reports.js';
import { refundMethods } from '../../../../contract/vocabulary.js';
import type { Db } from '../../db.js';
import { refundMethodLabel } from './labels.js';
import { num, periodView, type ReportShop, reportSpan, totalsByCurrency } from './shared.js';

const figures = ['cancellations', 'tickets', 'amount', 'pending', 'bySystem', 'commissionKept'] as const;

interface RawRow {
  refund_method: (typeof refundMethods)[number];
  currency: string;
  cancellations: number;
  tickets: number;
  amount: number;
  pending: number;
  by_system: number;
  commission_kept: number;
}

/**
 * Cancellations made in the period, per refund method: how many, the tickets, the refunds
 * recorded, card refunds the provider has not confirmed, those the system made (unpaid invoices)
 * and the commission that stays due. Each cancellation is listed by /cancellations.
 */
export async function refundsReport(db: Db, shop: ReportShop, query: ReportPeriodInput): Promise<RefundsReport> {
  const span = reportSpan(shop, query.from, query.to);
  const lang = query.lang ?? shop.defaultLocale;
  const raw = await db.all<RawRow>(sql`
    SELECT oc.refund_method AS refund_method, o.currency AS currency, COUNT(*) AS cancellations,
      SUM(oc.ticket_count) AS tickets, SUM(oc.refund_amount) AS amount,
      SUM(CASE WHEN oc.refund_method = 'card_refund' AND oc.refund_amount > 0 AND NOT EXISTS (
        SELECT 1 FROM payments p WHERE p.order_id = oc.order_id AND p.cancellation_id = oc.id AND p.kind = 'refund' AND p.status = 'refunded'
      ) THEN oc.refund_amount ELSE 0 END) AS pending,
      SUM(CASE WHEN oc.actor = 'system' THEN 1 ELSE 0 END) AS by_system,
      SUM((SELECT COALESCE(SUM(t.commission), 0) FROM cancelled_tickets ct JOIN tickets t ON t.id = ct.ticket_id WHERE ct.cancellation_id = oc.id)) AS commission_kept
    FROM order_cancellations oc JOIN orders o ON o.id = oc.order_id
    WHERE oc.shop_id = ${shop.id} AND oc.created_at >= ${span.from} AND oc.created_at < ${span.to}
    GROUP BY oc.refund_method, o.currency`);
  const rows = raw
    .map((r) => ({
      refundMethod: r.refund_method,
      label: refundMethodLabel(r.refund_method, lang),
      currency: r.currency,
      cancellations: num(r.cancellations),
      tickets: num(r.tickets),
      amount: num(r.amount),
      pending: num(r.pending),
      bySystem: num(r.by_system),
      commissionKept: num(r.commission_kept),
    }))
    .sort((a, b) => refundMethods.indexOf(a.refundMethod) - refundMethods.indexOf(b.refundMethod) || a.currency.localeCompare(b.currency));
  return { period: periodView(span, shop), rows, totals: totalsByCurrency(rows, figures) };
}
