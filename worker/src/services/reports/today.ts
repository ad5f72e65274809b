import { sql } from 'drizzle-orm';
import type { TodayDashboard } from '../../../../contract/responses/organizer/reports.js';
import type { orderStatuses } from '../../../../contract/vocabulary.js';
import type { Db } from '../../db.js';
import { type Span, todaySpan, weekSpan } from '../../domain/report-period.js';
import { salesByKey } from './sales.js';
import { num, type ReportShop } from './shared.js';

const iso = (ms: number) => new Date(ms).toISOString();
const UPCOMING = 10;
const NEXT_INVOICES = 5;
const RECENT_ORDERS = 10;

async function salesOf(db: Db, shopId: string, span: Span) {
  const rows = await salesByKey(db, shopId, span, sql`''`);
  return { from: iso(span.from), to: iso(span.to), sales: rows.map((r) => ({ currency: r.currency, tickets: r.tickets, net: r.net, total: r.total })) };
}

interface UpcomingRow {
  id: string;
  event_id: string;
  title: string;
  starts_at: number;
  plan_id: string | null;
  seat_count: number | null;
  ga_capacity: number | null;
  seated_sold: number;
  seated_held: number;
  blocked: number;
  ga_sold: number;
  ga_held: number;
}

/**
 * The next performances of published events and how full they are, from the seat and place
 * ledgers (indexed by performance and state): sold includes unpaid invoices, whose seats are
 * the buyer's; held counts live carts only; blocked seats are not for sale.
 */
async function upcoming(db: Db, shopId: string, now: number): Promise<TodayDashboard['upcoming']> {
  const rows = await db.all<UpcomingRow>(sql`
    SELECT p.id AS id, p.event_id AS event_id, e.title AS title, p.starts_at AS starts_at, p.plan_id AS plan_id,
      sp.seat_count AS seat_count, COALESCE(gi.capacity, p.capacity) AS ga_capacity,
      (SELECT COUNT(*) FROM seat_claims c WHERE c.performance_id = p.id AND c.state = 'sold') AS seated_sold,
      (SELECT COUNT(*) FROM seat_claims c WHERE c.performance_id = p.id AND c.state = 'held' AND c.expires_at > ${now}) AS seated_held,
      (SELECT COUNT(*) FROM seat_claims c WHERE c.performance_id = p.id AND c.state = 'blocked') AS blocked,
      (SELECT COALESCE(SUM(g.quantity), 0) FROM ga_claims g WHERE g.performance_id = p.id AND g.state = 'sold') AS ga_sold,
      (SELECT COALESCE(SUM(g.quantity), 0) FROM ga_claims g WHERE g.performance_id = p.id AND g.state = 'held' AND g.expires_at > ${now}) AS ga_held
    FROM performances p
    JOIN events e ON e.id = p.event_id
    LEFT JOIN seating_plans sp ON sp.id = p.plan_id
    LEFT JOIN ga_inventory gi ON gi.performance_id = p.id
    WHERE p.shop_id = ${shopId} AND p.status = 'scheduled' AND e.status = 'published' AND p.starts_at >= ${now}
    ORDER BY p.starts_at, p.id
    LIMIT ${UPCOMING}`);
  return rows.map((r) => {
    const seated = r.plan_id !== null;
    const blocked = seated ? num(r.blocked) : 0;
    const capacity = Math.max(0, seated ? num(r.seat_count) - blocked : num(r.ga_capacity));
    const sold = seated ? num(r.seated_sold) : num(r.ga_sold);
    return {
      performanceId: r.id,
      eventId: r.event_id,
      eventTitle: r.title,
      startsAt: iso(num(r.starts_at)),
      seating: seated ? 'seated' : 'general_admission',
      capacity,
      sold,
      held: seated ? num(r.seated_held) : num(r.ga_held),
      blocked,
      fillRate: capacity > 0 ? Math.min(1, sold / capacity) : 0,
    };
  });
}

async function unpaidInvoices(db: Db, shopId: string, now: number): Promise<TodayDashboard['unpaidInvoices']> {
  // What the invoice asks for: gift vouchers may have paid part of the order at checkout.
  const amounts = await db.all<{ currency: string; count: number; amount: number }>(sql`
    SELECT currency, COUNT(*) AS count, SUM(total - paid_by_vouchers) AS amount FROM orders
    WHERE shop_id = ${shopId} AND status = 'invoiced' GROUP BY currency ORDER BY currency`);
  const next = await db.all<{ number: string; buyer_name: string; amount: number; currency: string; due_at: number | null }>(sql`
    SELECT number, buyer_name, total - paid_by_vouchers AS amount, currency, invoice_due_at AS due_at FROM orders
    WHERE shop_id = ${shopId} AND status = 'invoiced'
    ORDER BY invoice_due_at IS NULL, invoice_due_at, number LIMIT ${NEXT_INVOICES}`);
  return {
    count: amounts.reduce((sum, a) => sum + num(a.count), 0),
    amounts: amounts.map((a) => ({ currency: a.currency, amount: num(a.amount) })),
    next: next.map((o) => ({
      orderNumber: o.number,
      buyerName: o.buyer_name,
      amount: num(o.amount),
      currency: o.currency,
      dueAt: o.due_at === null ? null : iso(num(o.due_at)),
      overdue: o.due_at !== null && num(o.due_at) < now,
    })),
  };
}

async function recentOrders(db: Db, shopId: string): Promise<TodayDashboard['recentOrders']> {
  const rows = await db.all<{ number: string; buyer_name: string; title: string; total: number; currency: string; status: (typeof orderStatuses)[number]; payment_method: string | null; created_at: number }>(sql`
    SELECT o.number AS number, o.buyer_name AS buyer_name, e.title AS title, o.total AS total, o.currency AS currency,
      o.status AS status, o.payment_method AS payment_method, o.created_at AS created_at
    FROM orders o JOIN performances p ON p.id = o.performance_id JOIN events e ON e.id = p.event_id
    WHERE o.shop_id = ${shopId} AND o.status IN ('paid', 'invoiced', 'cancelled')
    ORDER BY o.created_at DESC, o.id DESC LIMIT ${RECENT_ORDERS}`);
  return rows.map((o) => ({
    number: o.number,
    buyerName: o.buyer_name,
    eventTitle: o.title,
    total: num(o.total),
    currency: o.currency,
    status: o.status,
    paymentMethod: o.payment_method,
    createdAt: iso(num(o.created_at)),
  }));
}

/** The console's first screen, in the shop's time zone (weeks start on Monday). */
export async function todayDashboard(db: Db, shop: ReportShop, now: number): Promise<TodayDashboard> {
  const [today, week, next, invoices, recent] = await Promise.all([
    salesOf(db, shop.id, todaySpan(now, shop.timeZone)),
    salesOf(db, shop.id, weekSpan(now, shop.timeZone)),
    upcoming(db, shop.id, now),
    unpaidInvoices(db, shop.id, now),
    recentOrders(db, shop.id),
  ]);
  return { asOf: iso(now), timeZone: shop.timeZone, currency: shop.currency, today, week, upcoming: next, unpaidInvoices: invoices, recentOrders: recent };
}
