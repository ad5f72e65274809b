import { inArray, sql } from 'drizzle-orm';
import type { ReportPeriodInput } from '../../../../contract/reports.js';
import type { ResellersReport } from '../../../../contract/responses/organizer/reports.js';
import { events, performances } from '../../../../db/schema/catalog.js';
import { resellers } from '../../../../db/schema/resellers.js';
import type { Db } from '../../db.js';
import { roundHalfUp } from '../../domain/pricing.js';
import { byIds, num, periodView, type ReportShop, reportSpan, totalsByCurrency } from './shared.js';

const figures = ['tickets', 'cancelled', 'gross', 'commission', 'owed'] as const;

interface RawRow {
  resellerId: string;
  performanceId: string;
  currency: string;
  tickets: number;
  cancelled: number;
  gross: number;
}

/** A reseller's commission on what it collected: basis points of the net prices, rounded half up once per row. */
export const resellerCommission = (gross: number, commissionBps: number) => (gross <= 0 ? 0 : roundHalfUp(gross * commissionBps, 10_000));

/**
 * What resellers sold in the period (orders of channel `reseller`, by the time of sale), per
 * reseller and performance: tickets, those cancelled since, the gross of the others, the
 * reseller's commission on it and what it owes the shop. A ticket issued by an exchange is not
 * counted again (the ticket sold is).
 */
export async function resellersReport(db: Db, shop: ReportShop, query: ReportPeriodInput): Promise<ResellersReport> {
  const span = reportSpan(shop, query.from, query.to);
  const raw = await db.all<RawRow>(sql`
    SELECT o.reseller_id AS resellerId, t.performance_id AS performanceId, o.currency AS currency, COUNT(*) AS tickets,
      SUM(CASE WHEN t.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
      SUM(CASE WHEN t.status = 'cancelled' THEN 0 ELSE t.price - t.discount END) AS gross
    FROM orders o JOIN tickets t ON t.order_id = o.id AND t.replaces_ticket_id IS NULL
    WHERE o.shop_id = ${shop.id} AND o.channel = 'reseller' AND o.reseller_id IS NOT NULL AND o.paid_at >= ${span.from} AND o.paid_at < ${span.to}
    GROUP BY 1, 2, 3`);
  const partners = new Map(
    (await byIds([...new Set(raw.map((r) => r.resellerId))], (ids) => db.select().from(resellers).where(inArray(resellers.id, ids)))).map((r) => [r.id, r]),
  );
  const shows = new Map(
    (
      await byIds([...new Set(raw.map((r) => r.performanceId))], (ids) =>
        db.select({ id: performances.id, startsAt: performances.startsAt, title: events.title }).from(performances).innerJoin(events, sql`${events.id} = ${performances.eventId}`).where(inArray(performances.id, ids)),
      )
    ).map((p) => [p.id, p]),
  );
  const rows = raw
    .map((r) => {
      const partner = partners.get(r.resellerId);
      const show = shows.get(r.performanceId);
      const gross = num(r.gross);
      const commissionBps = partner?.commissionBps ?? 0;
      const commission = resellerCommission(gross, commissionBps);
      return {
        resellerId: r.resellerId,
        reseller: partner?.name ?? r.resellerId,
        commissionBps,
        performanceId: r.performanceId,
        event: show?.title ?? r.performanceId,
        startsAt: new Date(show?.startsAt ?? 0).toISOString(),
        currency: r.currency,
        tickets: num(r.tickets),
        cancelled: num(r.cancelled),
        gross,
        commission,
        owed: gross - commission,
      };
    })
    .sort((a, b) => a.reseller.localeCompare(b.reseller) || a.startsAt.localeCompare(b.startsAt) || a.performanceId.localeCompare(b.performanceId) || a.currency.localeCompare(b.currency));
  return { period: periodView(span, shop), rows, totals: totalsByCurrency(rows, figures) };
}
