import { inArray, sql } from 'drizzle-orm';
import { events, performances } from '../../../../db/schema/catalog.js';
import type { CommissionReportInput } from '../../../../contract/reports.js';
import type { CommissionsReport } from '../../../../contract/responses/organizer/reports.js';
import type { Db } from '../../db.js';
import { localDateTime } from './labels.js';
import { byIds, num, periodView, type ReportShop, reportSpan, totalsByCurrency } from './shared.js';

const figures = ['tickets', 'net', 'commission', 'cancelledSince'] as const;

interface RawRow {
  key: string;
  currency: string;
  tickets: number;
  net: number;
  commission: number;
  cancelled: number;
}

/**
 * The platform's commission on the tickets sold in the period (recorded on each ticket as it
 * was sold), per event or performance. A cancelled ticket keeps its commission; a ticket
 * issued by an exchange carries none (it stays with the ticket sold).
 */
export async function commissionsReport(db: Db, shop: ReportShop, query: CommissionReportInput): Promise<CommissionsReport> {
  const span = reportSpan(shop, query.from, query.to);
  const lang = query.lang ?? shop.defaultLocale;
  const key = query.groupBy === 'event' ? sql`p.event_id` : sql`t.performance_id`;
  const raw = await db.all<RawRow>(sql`
    SELECT ${key} AS key, o.currency AS currency, COUNT(*) AS tickets, SUM(t.price - t.discount) AS net,
      SUM(t.commission) AS commission, SUM(CASE WHEN t.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled
    FROM orders o JOIN tickets t ON t.order_id = o.id AND t.replaces_ticket_id IS NULL
    JOIN performances p ON p.id = t.performance_id
    WHERE o.shop_id = ${shop.id} AND o.paid_at >= ${span.from} AND o.paid_at < ${span.to}
    GROUP BY 1, 2`);
  const keys = raw.map((r) => r.key);
  const described = new Map<string, { label: string; context: string | null; startsAt: string | null; sort: string }>();
  if (query.groupBy === 'event') {
    for (const e of await byIds(keys, (ids) => db.select({ id: events.id, title: events.title }).from(events).where(inArray(events.id, ids))))
      described.set(e.id, { label: e.title, context: null, startsAt: null, sort: e.title });
  } else {
    const rows = await byIds(keys, (ids) =>
      db.select({ id: performances.id, startsAt: performances.startsAt, title: events.title }).from(performances).innerJoin(events, sql`${events.id} = ${performances.eventId}`).where(inArray(performances.id, ids)),
    );
    for (const p of rows)
      described.set(p.id, { label: `${p.title}, ${localDateTime(p.startsAt, lang, shop.timeZone)}`, context: p.title, startsAt: new Date(p.startsAt).toISOString(), sort: `${String(p.startsAt).padStart(15, '0')} ${p.title}` });
  }
  const rows = raw
    .map((r) => {
      const d = described.get(r.key) ?? { label: r.key, context: null, startsAt: null, sort: r.key };
      return {
        sort: d.sort,
        row: { key: r.key, label: d.label, context: d.context, startsAt: d.startsAt, currency: r.currency, tickets: num(r.tickets), net: num(r.net), commission: num(r.commission), cancelledSince: num(r.cancelled) },
      };
    })
    .sort((a, b) => a.sort.localeCompare(b.sort) || a.row.currency.localeCompare(b.row.currency))
    .map((r) => r.row);
  return { period: periodView(span, shop), groupBy: query.groupBy, rows, totals: totalsByCurrency(rows, figures) };
}
