import { asc, eq } from 'drizzle-orm';
import { outboxMessages } from '../../db/schema/messaging.js';
import { orders } from '../../db/schema/orders.js';
import { addDays, localDateOf, zonedTimeToUtc } from '../../worker/src/domain/zoned-time.js';
import { mailboxTransport } from '../../worker/src/email/mailbox-transport.js';
import type { MailTransport } from '../../worker/src/email/transport.js';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import { buyer, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

export const ZURICH = 'Europe/Zurich';
export const DAY = 86_400_000;

/** Mail goes through the given transport (default: the local mailbox, as `npm start` without SMTP_URL). */
export function useMail(shop: TestShop, transport: MailTransport = mailboxTransport) {
  shop.deps.mail = { transport, from: { address: 'tickets@theatre.example', name: 'Théâtre du Lac' } };
  shop.deps.publicUrl = 'https://tickets.theatre.example';
}

/** A seated performance of the demo play `daysAhead` days from the clock, far enough for invoice. */
export async function farPerformance(shop: TestShop, daysAhead = 90): Promise<{ performanceId: string; seats: number[] }> {
  const info = await performanceInfo(shop, shop.demo.theatrePerformanceIds[0]!);
  const startsAt = zonedTimeToUtc(addDays(localDateOf(shop.clock.now(), ZURICH), daysAhead), 20, 0, ZURICH);
  const created = await shop.org('POST', `/api/org/events/${shop.demo.theatreEventId}/performances`, { startsAt, planId: info.planId });
  if (created.status !== 201) throw new Error(`performance: ${created.status} ${JSON.stringify(created.body)}`);
  const zones = await seatsByZone(shop, info.planId!);
  return { performanceId: created.body.id, seats: zones.C2! };
}

/** Holds seats and checks out by invoice; returns the order view. */
export async function orderByInvoice(shop: TestShop, performanceId: string, seatIds: number[], who: { name: string; email: string; language: 'fr' | 'de' | 'it' | 'en' } = buyer) {
  const hold = await shop.call('POST', sf('/holds'), { performanceId, seats: seatIds.map((seatId) => ({ seatId })) });
  if (hold.status !== 201) throw new Error(`hold: ${hold.status} ${JSON.stringify(hold.body)}`);
  const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer: who, payment: { method: 'invoice' } });
  if (order.status !== 201) throw new Error(`checkout: ${order.status} ${JSON.stringify(order.body)}`);
  return order.body as { number: string; secret: string; status: string; total: number; tickets: unknown[]; invoice: { reference: string; dueAt: string } };
}

/** Local time in Zurich, `days` after the day of `from`, as epoch ms. */
export function zurichDayAt(from: number, days: number, hour: number, minute = 0): number {
  return zonedTimeToUtc(addDays(localDateOf(from, ZURICH), days), hour, minute, ZURICH);
}

export const runJobs = (shop: TestShop) => runScheduledJobs(shop.deps, '* * * * *');

/** The outbox rows of an order, oldest first. */
export async function messagesOf(shop: TestShop, orderNumber: string) {
  const [order] = await shop.deps.storage.db.select().from(orders).where(eq(orders.number, orderNumber));
  if (!order) throw new Error(`no order ${orderNumber}`);
  return shop.deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.orderId, order.id)).orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.kind));
}

export async function orderRow(shop: TestShop, orderNumber: string) {
  const [order] = await shop.deps.storage.db.select().from(orders).where(eq(orders.number, orderNumber));
  if (!order) throw new Error(`no order ${orderNumber}`);
  return order;
}
