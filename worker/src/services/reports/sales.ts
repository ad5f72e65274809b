import { inArray, type SQL, sql } from 'drizzle-orm';
import { events, performances, priceZones, seatingPlans, tariffs } from '../../../../db/schema/catalog.js';
import type { SalesGrouping, SalesReportInput } from '../../../../contract/reports.js';
import type { SalesReport, SalesRow, SalesTotals } from '../../../../contract/responses/organizer/reports.js';
import type { Db } from '../../db.js';
import { dayOfNumber, daysOf, offsetSegments, type Span } from '../../domain/report-period.js';
import { channelLabel, generalAdmissionLabel, type Language, localDateTime, onlineLabel, paymentMethodLabel } from './labels.js';
import { actorNames } from '../tills.js';
import { saleChannels } from '../../../../contract/vocabulary.js';
import { byIds, localDaySql, num, periodView, type ReportShop, reportSpan, totalsByCurrency } from './shared.js';

export const salesFigures = ['tickets', 'gross', 'discounts', 'passes', 'net', 'fees', 'insurance', 'exchanges', 'exchangeDifference', 'exchangeFees', 'total', 'cancelledSince'] as const;
type Figures = Omit<SalesTotals, 'currency'>;

/**
 * Every sale and exchange of the period as one row each, with what it brought, for the
 * grouping above to add up in the database:
 *  - a ticket sold (not one issued by an exchange) on its order's payment day, whatever
 *    became of it; its service fee is the order's fees shared over the tickets that cost
 *    something (the fee is charged per such ticket, so the share is exact);
 *  - an exchange on its own day, on the new ticket's performance and tariff: the price
 *    difference charged or refunded and the fee.
 * A sale's channel and seller are its order's; an exchange's are where it was made (the box
 * office, by its staff member or token, or online by the buyer).
 */
function movements(shopId: string, span: Span): SQL {
  return sql`
    SELECT t.performance_id AS performance_id, t.tariff_id AS tariff_id, o.currency AS currency,
      COALESCE(o.payment_method, 'none') AS method, o.paid_at AS at,
      1 AS tickets, t.price AS gross,
      CASE WHEN t.pass_id IS NULL THEN t.discount ELSE 0 END AS discounts,
      CASE WHEN t.pass_id IS NULL THEN 0 ELSE t.discount END AS passes,
      CASE WHEN t.price > t.discount
        THEN o.fees / SUM(CASE WHEN t.price > t.discount THEN 1 ELSE 0 END) OVER (PARTITION BY t.order_id)
        ELSE 0 END AS fees,
      t.insurance_premium AS insurance,
      0 AS exchanges, 0 AS exchange_difference, 0 AS exchange_fees,
      CASE WHEN t.status = 'cancelled' THEN 1 ELSE 0 END AS cancelled,
      o.channel AS channel, o.sold_by AS seller
    FROM orders o JOIN tickets t ON t.order_id = o.id AND t.replaces_ticket_id IS NULL
    WHERE o.shop_id = ${shopId} AND o.paid_at >= ${span.from} AND o.paid_at < ${span.to}
    UNION ALL
    SELECT nt.performance_id, nt.tariff_id, o.currency, COALESCE(x.payment_method, 'none'), x.created_at,
      0, 0, 0, 0, 0, 0, 1, x.amount_charged - x.fee - x.refund_due, x.fee, 0,
      CASE WHEN x.actor = 'organizer' THEN 'box_office' ELSE 'online' END, x.actor_token_id
    FROM ticket_exchanges x JOIN tickets nt ON nt.id = x.new_ticket_id JOIN orders o ON o.id = x.order_id
    WHERE x.shop_id = ${shopId} AND x.created_at >= ${span.from} AND x.created_at < ${span.to}`;
}

interface Filters {
  eventId?: string | undefined;
  performanceId?: string | undefined;
}

interface RawRow {
  key: string | number | null;
  currency: string;
  tickets: number;
  gross: number;
  discounts: number;
  passes: number;
  fees: number;
  insurance: number;
  exchanges: number;
  exchange_difference: number;
  exchange_fees: number;
  cancelled: number;
}

/** The sales of a span added up per key (an SQL expression over s.*, p.*, tf.*) and currency. */
export async function salesByKey(db: Db, shopId: string, span: Span, key: SQL, filters: Filters = {}): Promise<({ key: string | number | null } & SalesTotals)[]> {
  const where: SQL[] = [];
  if (filters.eventId !== undefined) where.push(sql`p.event_id = ${filters.eventId}`);
  if (filters.performanceId !== undefined) where.push(sql`s.performance_id = ${filters.performanceId}`);
  const rows = await db.all<RawRow>(sql`
    SELECT ${key} AS key, s.currency AS currency,
      SUM(s.tickets) AS tickets, SUM(s.gross) AS gross, SUM(s.discounts) AS discounts, SUM(s.passes) AS passes,
      SUM(s.fees) AS fees, SUM(s.insurance) AS insurance, SUM(s.exchanges) AS exchanges,
      SUM(s.exchange_difference) AS exchange_difference, SUM(s.exchange_fees) AS exchange_fees, SUM(s.cancelled) AS cancelled
    FROM (${movements(shopId, span)}) s
    JOIN performances p ON p.id = s.performance_id
    JOIN tariffs tf ON tf.id = s.tariff_id
    ${where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    GROUP BY 1, 2`);
  return rows.map((r) => ({ key: r.key, currency: r.currency, ...figuresOf(r) }));
}

function figuresOf(r: RawRow): Figures {
  const gross = num(r.gross);
  const discounts = num(r.discounts);
  const passes = num(r.passes);
  const net = gross - discounts - passes;
  const fees = num(r.fees);
  const insurance = num(r.insurance);
  const exchangeDifference = num(r.exchange_difference);
  const exchangeFees = num(r.exchange_fees);
  return {
    tickets: num(r.tickets),
    gross,
    discounts,
    passes,
    net,
    fees,
    insurance,
    exchanges: num(r.exchanges),
    exchangeDifference,
    exchangeFees,
    total: net + fees + insurance + exchangeDifference + exchangeFees,
    cancelledSince: num(r.cancelled),
  };
}

const zeroFigures = (): Figures => Object.fromEntries(salesFigures.map((f) => [f, 0])) as Figures;

const keyColumn: Record<Exclude<SalesGrouping, 'day'>, SQL> = {
  event: sql`p.event_id`,
  performance: sql`s.performance_id`,
  zone: sql`tf.zone_id`,
  tariff: sql`s.tariff_id`,
  paymentMethod: sql`s.method`,
  channel: sql`s.channel`,
  seller: sql`s.seller`,
};

type Described = Pick<SalesRow, 'label' | 'context' | 'startsAt'> & { sort: string };

/** What each key names, in the language asked. */
async function describeKeys(db: Db, shop: ReportShop, groupBy: SalesGrouping, keys: string[], lang: Language): Promise<Map<string | null, Described>> {
  const out = new Map<string | null, Described>();
  const iso = (ms: number) => new Date(ms).toISOString();
  if (groupBy === 'event') {
    for (const e of await byIds(keys, (ids) => db.select({ id: events.id, title: events.title }).from(events).where(inArray(events.id, ids))))
      out.set(e.id, { label: e.title, context: null, startsAt: null, sort: e.title });
  } else if (groupBy === 'performance') {
    const rows = await byIds(keys, (ids) =>
      db.select({ id: performances.id, startsAt: performances.startsAt, title: events.title }).from(performances).innerJoin(events, sql`${events.id} = ${performances.eventId}`).where(inArray(performances.id, ids)),
    );
    for (const p of rows) out.set(p.id, { label: `${p.title}, ${localDateTime(p.startsAt, lang, shop.timeZone)}`, context: p.title, startsAt: iso(p.startsAt), sort: `${String(p.startsAt).padStart(15, '0')} ${p.title}` });
  } else if (groupBy === 'zone') {
    const rows = await byIds(
      keys.filter((k) => k !== null),
      (ids) => db.select({ id: priceZones.id, name: priceZones.name, plan: seatingPlans.name, order: priceZones.sortOrder }).from(priceZones).innerJoin(seatingPlans, sql`${seatingPlans.id} = ${priceZones.planId}`).where(inArray(priceZones.id, ids)),
    );
    for (const z of rows) out.set(z.id, { label: z.name, context: z.plan, startsAt: null, sort: `${z.plan} ${String(z.order).padStart(6, '0')}` });
    out.set(null, { label: generalAdmissionLabel[lang], context: null, startsAt: null, sort: '\uffff' });
  } else if (groupBy === 'tariff') {
    const rows = await byIds(keys, (ids) =>
      db
        .select({ id: tariffs.id, name: tariffs.name, order: tariffs.sortOrder, price: tariffs.price, event: events.title, zone: priceZones.name, zoneOrder: priceZones.sortOrder })
        .from(tariffs)
        .innerJoin(events, sql`${events.id} = ${tariffs.eventId}`)
        .leftJoin(priceZones, sql`${priceZones.id} = ${tariffs.zoneId}`)
        .where(inArray(tariffs.id, ids)),
    );
    for (const t of rows)
      out.set(t.id, {
        label: t.name,
        context: t.zone === null ? t.event : `${t.event} · ${t.zone}`,
        startsAt: null,
        sort: `${t.event} ${String(t.zoneOrder ?? 0).padStart(6, '0')} ${String(t.order).padStart(6, '0')} ${t.name}`,
      });
  } else if (groupBy === 'paymentMethod') {
    for (const k of keys) out.set(k, { label: paymentMethodLabel(k, lang), context: null, startsAt: null, sort: paymentMethodLabel(k, lang) });
  } else if (groupBy === 'channel') {
    for (const k of keys) out.set(k, { label: channelLabel(k, lang), context: null, startsAt: null, sort: String(saleChannels.indexOf(k as (typeof saleChannels)[number])) });
  } else if (groupBy === 'seller') {
    const names = await actorNames(db, shop.id, keys);
    for (const k of keys) {
      const name = names.get(k)?.name ?? k;
      out.set(k, { label: name, context: null, startsAt: null, sort: name });
    }
    // Sales nobody sold at a desk: online (and exchanges made by buyers).
    out.set(null, { label: onlineLabel[lang], context: null, startsAt: null, sort: '\uffff' });
  }
  return out;
}

/** The sales report: rows per key and currency, sorted for reading, and totals per currency. */
export async function salesReport(db: Db, shop: ReportShop, query: SalesReportInput): Promise<SalesReport> {
  const span = reportSpan(shop, query.from, query.to);
  const lang = query.lang ?? shop.defaultLocale;
  const filters = { eventId: query.eventId, performanceId: query.performanceId };
  let rows: SalesRow[];
  if (query.groupBy === 'day') {
    const segments = offsetSegments(span, shop.timeZone);
    const found = await salesByKey(db, shop.id, span, localDaySql(sql`s.at`, segments), filters);
    const byDay = new Map<string, SalesTotals[]>();
    for (const { key, ...figures } of found) {
      const day = dayOfNumber(num(key));
      byDay.set(day, [...(byDay.get(day) ?? []), figures]);
    }
    // Every day of the period, so that a chart and a spreadsheet see the quiet days too.
    rows = daysOf(span, shop.timeZone).flatMap((day) =>
      (byDay.get(day) ?? [{ currency: shop.currency, ...zeroFigures() }]).sort((a, b) => a.currency.localeCompare(b.currency)).map((f) => ({ key: day, label: day, context: null, startsAt: null, ...f })),
    );
  } else {
    const found = await salesByKey(db, shop.id, span, keyColumn[query.groupBy], filters);
    const keys = found.map((r) => (r.key === null ? null : String(r.key)));
    const described = await describeKeys(db, shop, query.groupBy, keys.filter((k): k is string => k !== null), lang);
    rows = found
      .map(({ key, ...figures }) => {
        const k = key === null ? null : String(key);
        const d = described.get(k) ?? { label: k ?? '', context: null, startsAt: null, sort: k ?? '' };
        return { row: { key: k, label: d.label, context: d.context, startsAt: d.startsAt, ...figures }, sort: d.sort };
      })
      .sort((a, b) => a.sort.localeCompare(b.sort) || a.row.currency.localeCompare(b.row.currency))
      .map((r) => r.row);
  }
  return { period: periodView(span, shop), groupBy: query.groupBy, rows, totals: totalsByCurrency(rows, salesFigures) };
}
