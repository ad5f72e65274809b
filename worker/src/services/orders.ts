import { and, asc, eq, sql } from 'drizzle-orm';
import { events, performances } from '../../../db/schema/catalog.js';
import { holds } from '../../../db/schema/inventory.js';
import { orders, payments, tickets } from '../../../db/schema/orders.js';
import { perShape } from '../bound-statements.js';
import { constantTimeEqual } from '../crypto.js';
import type { Db } from '../db.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { seatPlaces } from './seat-places.js';
import type { OrderView } from '../../../contract/responses/orders.js';
import { issueOrder } from './ticket-order.js';

type OrderRow = typeof orders.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The order with this number, for a buyer who holds its secret; otherwise it does not exist
 * for them. The secret is compared (in constant time) before anything else is read, so a wrong
 * secret on a real order answers as fast as an unknown number.
 */
export async function orderForBuyer(db: Db, shopId: string, number: string, secret: string): Promise<OrderRow> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.shopId, shopId)));
  if (!order || !constantTimeEqual(order.secret, secret)) {
    throw new ApiError(404, 'order_not_found', 'There is no order with this number and secret. Use the link from your confirmation.');
  }
  return order;
}

/**
 * The order view's reads, prepared once per database: every checkout and every order page runs
 * them, and the first one selects four tables' columns, whose SQL took longer to build than to run.
 */
const orderViewQueries = perShape((db) => {
  const orderId = sql.placeholder('orderId');
  return {
    order: db
      .select({ order: orders, performance: performances, event: events, hold: holds })
      .from(orders)
      .innerJoin(performances, eq(performances.id, orders.performanceId))
      .innerJoin(events, eq(events.id, performances.eventId))
      .innerJoin(holds, eq(holds.id, orders.holdId))
      .where(and(eq(orders.number, sql.placeholder('number')), eq(orders.shopId, sql.placeholder('shopId'))))
      .prepare(),
    tickets: db
      .select()
      .from(tickets)
      .where(eq(tickets.orderId, orderId))
      .orderBy(...issueOrder)
      .prepare(),
    payments: db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.createdAt)).prepare(),
  };
});

/** An order as its buyer (with the secret) or the organizer sees it, tickets and QR payloads included. */
export async function getOrderView(db: Db, shop: Shop, number: string, now: number): Promise<OrderView> {
  const queries = orderViewQueries(db);
  const [row] = await queries.order.all({ number, shopId: shop.id });
  if (!row) throw new ApiError(404, 'order_not_found', 'There is no order with this number.');
  const { order, performance, event, hold } = row;
  const ticketRows = await queries.tickets.all({ orderId: order.id });
  const attempts = await queries.payments.all({ orderId: order.id });
  const lastDecline = [...attempts].reverse().find((p) => p.status === 'declined');
  // Seats in parts, for the buyer's language; lines written before they kept the parts get them from the plan.
  const places = await seatPlaces(db, [...ticketRows.map((t) => t.seatId), ...order.lines.filter((l) => !l.seat).map((l) => l.seatId)]);
  const placeOf = (seatId: number | null) => (seatId === null ? null : (places.get(seatId) ?? null));
  const insurer = { insurerName: shop.insurerName ?? '', contact: shop.insurerContact, termsUrl: shop.insurerTermsUrl };
  const holdAlive = order.status === 'pending' && hold.status === 'active' && hold.expiresAt > now;
  return {
    number: order.number,
    secret: order.secret,
    status: order.status === 'pending' && !holdAlive ? ('expired' as const) : order.status,
    holdId: order.status === 'pending' && holdAlive ? order.holdId : null,
    holdExpiresAt: holdAlive ? iso(hold.expiresAt) : null,
    createdAt: iso(order.createdAt)!,
    paidAt: iso(order.paidAt),
    buyer: { name: order.buyerName, email: order.buyerEmail, language: order.buyerLanguage },
    event: { id: event.id, title: event.title },
    performance: { id: performance.id, startsAt: iso(performance.startsAt)! },
    currency: order.currency,
    lines: order.lines.map((line) => (line.seat || line.seatId === null || !places.has(line.seatId) ? line : { ...line, seat: places.get(line.seatId)! })),
    subtotal: order.subtotal,
    discount: order.discount,
    fees: order.fees,
    insurance: order.insurance,
    insured: order.insured,
    total: order.total,
    paidByVouchers: order.paidByVouchers,
    /** What was (or is to be) paid by card, invoice or at the counter. */
    amountDue: order.total - order.paidByVouchers,
    codes: order.codes,
    // Insured orders: whom to contact for a claim; each ticket number is its policy reference.
    insurer: order.insured ? insurer : null,
    paymentMethod: order.paymentMethod,
    lastDeclineCode: order.status === 'pending' ? (lastDecline?.declineCode ?? null) : null,
    // Filled for the buyer's own answers while a Stripe payment is to be made (services/stripe-payments.ts).
    stripe: null,
    // Pay by invoice: where to pay, with which reference, by when (null once paid or cancelled).
    invoice: order.invoice
      ? { reference: order.invoice.reference, dueAt: iso(order.invoiceDueAt), remindersSent: order.invoiceRemindersSent, payableTo: order.invoice.creditor.name, account: order.invoice.creditor.account }
      : null,
    cancelledAt: iso(order.cancelledAt),
    tickets: ticketRows.map((t) => ({
      number: t.number,
      seatId: t.seatId,
      seatLabel: t.seatLabel,
      seat: placeOf(t.seatId),
      tariffId: t.tariffId,
      tariffName: t.tariffName,
      price: t.price,
      discount: t.discount,
      // The ticket number is the insurance policy reference.
      insured: t.insurancePremium > 0,
      insurance: t.insurancePremium > 0 ? insurer : null,
      status: t.status,
      admittedAt: iso(t.admittedAt),
      qrPayload: t.qrPayload,
    })),
  };
}

/** A row of the box office's order search; `sellers` names who sold desk orders (services/tills.ts actorNames). */
export function orderSummary(order: OrderRow, sellers: ReadonlyMap<string, { name: string }> = new Map()) {
  return {
    channel: order.channel,
    soldBy: sellerOf(order, sellers),
    number: order.number,
    status: order.status,
    performanceId: order.performanceId,
    buyer: { name: order.buyerName, email: order.buyerEmail, language: order.buyerLanguage },
    currency: order.currency,
    total: order.total,
    paymentMethod: order.paymentMethod,
    createdAt: iso(order.createdAt)!,
    paidAt: iso(order.paidAt),
  };
}

/** Who sold an order at the desk, by name; null online (or a seller since deleted: its id stands for its name). */
export function sellerOf(order: Pick<OrderRow, 'soldBy'>, sellers: ReadonlyMap<string, { name: string }>) {
  return order.soldBy === null ? null : { id: order.soldBy, name: sellers.get(order.soldBy)?.name ?? order.soldBy };
}
