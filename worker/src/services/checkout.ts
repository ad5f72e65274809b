import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { holds } from '../../../db/schema/inventory.js';
import { orders, payments } from '../../../db/schema/orders.js';
import { type Db, errorText, isGuardFailure, isUniqueViolation } from '../db.js';
import { newId, newOrderNumber, newSecret } from '../domain/ids.js';
import { priceHold } from '../domain/pricing.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { PaymentProvider } from '../payments/provider.js';
import { assertHoldUsable, extendHoldStatements, holdItems, type HoldRow } from './holds.js';
import { assertInvoiceOffered, invoiceAvailable, placeInvoiceOrder } from './invoice-orders.js';
import { loadPerformanceContext } from './message-facts.js';
import { queueOrderConfirmation } from './order-confirmation.js';
import { getOrderView } from './orders.js';
import { runSaleBatch, sellHoldStatements } from './sale-statements.js';
import { insertTicketStatements, issueTickets } from './ticket-issuing.js';

type Statement = BatchItem<'sqlite'>;

export interface CheckoutInput {
  buyer: { name: string; email: string; language: 'fr' | 'de' | 'it' | 'en' };
  payment: { method: string } & Record<string, unknown>;
}

/** Payment methods a shop offers at checkout; the simulated card only in test mode, invoice when the shop enables it. */
export function offeredMethods(shop: Shop, providers: Record<string, PaymentProvider>): string[] {
  const methods = Object.values(providers)
    .filter((p) => shop.testMode || !p.testOnly)
    .map((p) => p.name);
  return shop.invoiceEnabled && shop.invoiceCreditor ? [...methods, 'invoice'] : methods;
}

/** What a buyer can choose for one performance now: invoice only while it is far enough away. */
export function performancePaymentMethods(shop: Shop, providers: Record<string, PaymentProvider>, performanceStartsAt: number, now: number): string[] {
  return ['free', ...offeredMethods(shop, providers).filter((m) => m !== 'invoice' || invoiceAvailable(shop, performanceStartsAt, now))];
}

/**
 * Turns a hold into an order. Step 1 (one batch) records the pending order and extends the
 * hold to cover the payment; step 2 asks the provider; step 3 (one batch) sells the seats,
 * issues the tickets and marks the order paid, but only if the hold still owns every seat.
 * A declined payment leaves the order pending and the hold alive, so the buyer can retry.
 */
export async function checkout(deps: Deps, shop: Shop, holdId: string, input: CheckoutInput) {
  const { db } = deps.storage;
  const now = deps.now();
  const [hold] = await db
    .select()
    .from(holds)
    .where(and(eq(holds.id, holdId), eq(holds.shopId, shop.id)));
  if (!hold) throw new ApiError(404, 'hold_not_found', 'This hold does not exist.');
  if (hold.status === 'converted') {
    const [order] = await db.select().from(orders).where(eq(orders.holdId, holdId));
    throw new ApiError(409, 'hold_converted', 'This hold has already become a paid order.', order ? { orderNumber: order.number } : undefined);
  }
  assertHoldUsable(hold, now);

  const items = await holdItems(db, hold, now);
  if (items.length === 0) throw new ApiError(409, 'hold_empty', 'This hold has no seats or tickets left.');
  const priced = priceHold(items, { currency: shop.currency, serviceFeePerTicket: shop.serviceFeePerTicket });

  const method = input.payment.method;
  if (priced.total === 0 && method !== 'free') throw new ApiError(400, 'payment_not_needed', 'This order costs nothing: check out with the method "free".');
  if (priced.total > 0 && method === 'free') throw new ApiError(400, 'payment_required', 'This order is not free: choose a payment method.');
  if (method === 'invoice') {
    await assertInvoiceOffered(db, shop, hold.performanceId, now);
    const order = await recordPendingOrder(db, shop, hold, priced, input.buyer, method, now);
    await placeInvoiceOrder(deps, shop, hold, order, priced.total);
    return getOrderView(db, shop, order.number, deps.now());
  }
  const provider = method === 'free' ? null : deps.payments[method];
  if (method !== 'free' && (!provider || !offeredMethods(shop, deps.payments).includes(method))) {
    throw new ApiError(400, 'payment_method_unavailable', `This shop does not offer the payment method "${method}".`);
  }

  const order = await recordPendingOrder(db, shop, hold, priced, input.buyer, method, now);

  let reference: string | null = null;
  if (provider) {
    const result = await provider.authorize({ amount: priced.total, currency: priced.currency, orderNumber: order.number, details: input.payment });
    if (result.status === 'declined') {
      await db.insert(payments).values({
        id: newId('pay'),
        shopId: shop.id,
        orderId: order.id,
        provider: provider.name,
        method,
        status: 'declined',
        amount: priced.total,
        currency: priced.currency,
        declineCode: result.declineCode,
        createdAt: deps.now(),
      });
      throw new ApiError(402, 'payment_declined', `${result.message} Your seats stay reserved until the hold expires; you can try again.`, {
        declineCode: result.declineCode,
        orderNumber: order.number,
        orderSecret: order.secret,
      });
    }
    reference = result.reference;
  }

  try {
    await completeSale(deps, shop, hold, order, priced.total, method, provider?.name ?? 'none', reference);
  } catch (err) {
    if (reference && provider) await provider.void(reference);
    throw err;
  }
  if (reference && provider) await provider.capture(reference);
  return getOrderView(db, shop, order.number, deps.now());
}

async function recordPendingOrder(
  db: Db,
  shop: Shop,
  hold: HoldRow,
  priced: ReturnType<typeof priceHold>,
  buyer: CheckoutInput['buyer'],
  method: string,
  now: number,
) {
  const values = {
    subtotal: priced.subtotal,
    fees: priced.fees,
    total: priced.total,
    lines: priced.lines,
    buyerName: buyer.name,
    buyerEmail: buyer.email,
    buyerLanguage: buyer.language,
    paymentMethod: method,
    updatedAt: now,
  };
  // Order numbers are random; a collision with another order is retried with a new one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const upsert = db
      .insert(orders)
      .values({
        id: newId('ord'),
        shopId: shop.id,
        number: newOrderNumber(),
        secret: newSecret(),
        holdId: hold.id,
        performanceId: hold.performanceId,
        status: 'pending',
        currency: priced.currency,
        createdAt: now,
        ...values,
      })
      .onConflictDoUpdate({ target: orders.holdId, set: values, where: eq(orders.status, 'pending') })
      .returning();
    try {
      const results = await db.batch([...extendHoldStatements(db, shop, hold, now), upsert]);
      const [order] = results[results.length - 1] as (typeof orders.$inferSelect)[];
      if (!order) throw new ApiError(409, 'hold_converted', 'This hold has already become an order.');
      return order;
    } catch (err) {
      if (isGuardFailure(err)) {
        // Say what really happened: a parallel checkout converted it, a release freed it, or it lapsed.
        const [current] = await db.select().from(holds).where(eq(holds.id, hold.id));
        if (current?.status === 'converted') throw new ApiError(409, 'hold_converted', 'This hold has already become a paid order.');
        if (current) assertHoldUsable(current, now);
        throw new ApiError(410, 'hold_expired', 'This hold has expired and its seats were released. Please choose again.');
      }
      if (isUniqueViolation(err, 'orders') && errorText(err).includes('orders.number')) continue;
      throw err;
    }
  }
  throw new ApiError(503, 'order_number_exhausted', 'Could not allocate an order number. Please retry.');
}

async function completeSale(
  deps: Deps,
  shop: Shop,
  hold: HoldRow,
  order: typeof orders.$inferSelect,
  total: number,
  method: string,
  providerName: string,
  reference: string | null,
) {
  const { db } = deps.storage;
  const now = deps.now();
  const items = await holdItems(db, hold, now);
  const repriced = priceHold(items, { currency: shop.currency, serviceFeePerTicket: shop.serviceFeePerTicket });
  if (repriced.total !== total) throw new ApiError(409, 'hold_changed', 'The hold changed while paying. Please review your cart and pay again.');

  const ticketRows = await issueTickets(shop, order.id, hold.performanceId, items, now);
  const context = await loadPerformanceContext(db, hold.performanceId);
  const paid = { ...order, total, lines: repriced.lines };
  const statements: Statement[] = [
    ...sellHoldStatements(db, hold, order.id, items, now),
    db
      .update(orders)
      .set({ status: 'paid', paidAt: now, updatedAt: now, total, lines: repriced.lines, subtotal: repriced.subtotal, fees: repriced.fees, paymentMethod: method })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'pending'))),
    ...insertTicketStatements(db, ticketRows, deps.storage.maxParams),
    queueOrderConfirmation(db, shop, paid, context, ticketRows, now),
  ];
  if (total > 0) {
    statements.push(
      db.insert(payments).values({
        id: newId('pay'),
        shopId: shop.id,
        orderId: order.id,
        provider: providerName,
        method,
        status: 'captured',
        amount: total,
        currency: order.currency,
        providerReference: reference,
        createdAt: now,
      }),
    );
  }
  await runSaleBatch(db, statements, hold, now);
}
