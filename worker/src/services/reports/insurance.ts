import { inArray, sql } from 'drizzle-orm';
import { events, performances } from '../../../../db/schema/catalog.js';
import type { ReportPeriodInput } from '../../../../contract/reports.js';
import type { InsuranceReport } from '../../../../contract/responses/organizer/reports.js';
import type { Db } from '../../db.js';
import { byIds, num, periodView, type ReportShop, reportSpan, totalsByCurrency } from './shared.js';

const figures = ['orders', 'insuredOrders', 'tickets', 'insuredTickets', 'premiums', 'insuredCancelledSince'] as const;

interface RawRow {
  performance_id: string;
  currency: string;
  orders: number;
  insured_orders: number;
  tickets: number;
  insured_tickets: number;
  premiums: number;
  insured_cancelled: number;
}

/**
 * Cancellation insurance in the orders paid in the period, per performance: how many orders
 * opted in out of all, the tickets insured (a premium was charged) and the premiums. The
 * insurer's own list, ticket by ticket, is /reports/insured-tickets.csv.
 */
export async function insuranceReport(db: Db, shop: ReportShop, query: ReportPeriodInput): Promise<InsuranceReport> {
  const span = reportSpan(shop, query.from, query.to);
  // An order sells one performance's tickets, so its orders count once per row.
  const raw = await db.all<RawRow>(sql`
    SELECT t.performance_id AS performance_id, o.currency AS currency,
      COUNT(DISTINCT o.id) AS orders,
      COUNT(DISTINCT CASE WHEN o.insured = 1 THEN o.id END) AS insured_orders,
      COUNT(*) AS tickets,
      SUM(CASE WHEN t.insurance_premium > 0 THEN 1 ELSE 0 END) AS insured_tickets,
      SUM(t.insurance_premium) AS premiums,
      SUM(CASE WHEN t.insurance_premium > 0 AND t.status = 'cancelled' THEN 1 ELSE 0 END) AS insured_cancelled
    FROM orders o JOIN tickets t ON t.order_id = o.id AND t.replaces_ticket_id IS NULL
    WHERE o.shop_id = ${shop.id} AND o.paid_at >= ${span.from} AND o.paid_at < ${span.to}
    GROUP BY t.performance_id, o.currency`);
  const info = new Map(
    (
      await byIds(
        raw.map((r) => r.performance_id),
        (ids) => db.select({ id: performances.id, startsAt: performances.startsAt, title: events.title }).from(performances).innerJoin(events, sql`${events.id} = ${performances.eventId}`).where(inArray(performances.id, ids)),
      )
    ).map((p) => [p.id, p]),
  );
  const rows = raw
    .map((r) => {
      const p = info.get(r.performance_id);
      return {
        performanceId: r.performance_id,
        eventTitle: p?.title ?? '',
        startsAt: new Date(p?.startsAt ?? 0).toISOString(),
        currency: r.currency,
        orders: num(r.orders),
        insuredOrders: num(r.insured_orders),
        tickets: num(r.tickets),
        insuredTickets: num(r.insured_tickets),
        premiums: num(r.premiums),
        insuredCancelledSince: num(r.insured_cancelled),
      };
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.eventTitle.localeCompare(b.eventTitle) || a.currency.localeCompare(b.currency));
  return { period: periodView(span, shop), rows, totals: totalsByCurrency(rows, figures) };
}
