import type { CheckoutInput } from '../../../contract/storefront.js';
import { eq } from 'drizzle-orm';
import { holds } from '../../../db/schema/inventory.js';
import { orders } from '../../../db/schema/orders.js';
import { type BatchStatement, runBatch } from '../bound-statements.js';
import { type Db, errorText, isCheckViolation, isGuardFailure, isUniqueViolation } from '../db.js';
import { guardQuotaExists, moveQuotaTaken } from './resellers/quota-statements.js';
import { quotaRefusal } from './resellers/quota-refusals.js';
import { type ResellerSeller, resellerTokenInvalid } from './resellers/reseller-access.js';
import { newId, newOrderNumber, newSecret } from '../domain/ids.js';
import type { PricedOrder } from '../domain/pricing.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { recordDeclinedPayment } from './payment-records.js';
import type { PaymentProvider } from '../payments/provider.js';
import { type StripeSettings, stripeStatus, usableStripe } from '../payments/stripe/settings.js';
import { openStripePayment, withStripePayment } from './stripe-payments.js';
import { loadCodeContext, priceWithCodes, reserveUseStatements, resolvedCodes } from './code-pricing.js';
import { codeLimitGuards } from './code-uses.js';
import { assertHoldUsable, extendHoldStatements, type HoldRow, shopHold } from './holds.js';
import { assertInvoiceOffered, invoiceAvailable, placeInvoiceOrder } from './invoice-orders.js';
import { loadPerformanceContext } from './message-facts.js';
import { queueOrderConfirmation } from './order-confirmation.js';
import { placesOfItems } from './seat-places.js';
import { getOrderView } from './orders.js';
import { holdAtVersion, orderLedgerIntact } from './ledger-guards.js';
import { insertPayment, markOrderPaid, type PendingOrderValues, pendingOrderRow, upsertPendingOrder } from './order-statements.js';
import { holdChanged, orderAmounts, priceSale, runSaleBatch, type SalePricing, samePricing, sellCodeStatements, sellHoldStatements } from './sale-statements.js';
import { insertTicketStatements, issueTickets } from './ticket-issuing.js';
import { dedupe, emitEvents, orderData, ticketData } from './webhook-events.js';
import { webhookAnswers } from './questions/answer-views.js';
import { checkCheckoutAnswers, linkTicketAnswers, pendingOrderAnswerStatements } from './questions/checkout-answers.js';
import type { OrderView } from '../../../contract/responses/orders.js';

type Statement = BatchStatement;

export type { CheckoutInput };

/** Payment methods a shop offers at checkout; the simulated card only in test mode, invoice when the shop enables it. */
export function offeredMethods(shop: Shop, providers: Record<string, PaymentProvider>, stripe?: StripeSettings): string[] {
  const methods = Object.values(providers)
    .filter((p) => shop.testMode || !p.testOnly)
    .map((p) => p.name);
  // Stripe first: where it is set up, it is how most buyers pay.
  if (stripeStatus(shop, stripe).available) methods.unshift('stripe');
  return shop.invoiceEnabled && shop.invoiceCreditor ? [...methods, 'invoice'] : methods;
}

/** What a buyer can choose for one performance now: invoice only while it is far enough away. */
export function performancePaymentMethods(shop: Shop, providers: Record<string, PaymentProvider>, performanceStartsAt: number, now: number, stripe?: StripeSettings): string[] {
  return ['free', ...offeredMethods(shop, providers, stripe).filter((m) => m !== 'invoice' || invoiceAvailable(shop, performanceStartsAt, now))];
}

/**
 * Turns a hold into an order. Step 1 (one batch) records the pending order and extends the
 * hold to cover the payment; step 2 asks the provider; step 3 (one batch) sells the seats,
 * issues the tickets and marks the order paid, but only if the hold still owns every seat.
 * A declined payment leaves the order pending and the hold alive, so the buyer can retry.
 */
export async function checkout(deps: Deps, shop: Shop, holdId: string, input: CheckoutInput, seller: ResellerSeller | null = null): Promise<OrderView> {
  const { db } = deps.storage;
  const now = deps.now();
  const hold = await shopHold(db, shop.id, holdId);
  if (!hold) throw new ApiError(404, 'hold_not_found', 'This hold does not exist.');
  // A desk hold may be outside the online sales window: only the box office sells it (services/box-office-sales.ts).
  if (hold.channel === 'box_office') throw new ApiError(409, 'hold_at_desk', 'This cart was started at the box office and is paid there.');
  await assertHoldSellable(db, hold, now);
  assertSeller(hold, seller, input.payment.method);

  const insured = input.insured ?? false;
  if (insured && !shop.insuranceEnabled) throw new ApiError(400, 'insurance_not_offered', 'This shop does not offer cancellation insurance.');
  const sale = await priceSale(db, shop, hold, insured, now);
  const { priced } = sale;
  if (sale.items.length === 0) throw new ApiError(409, 'hold_empty', 'This hold has no seats or tickets left.');
  // The event's questions as they are now, for the tickets being sold: refused before anything is written or charged.
  const checked = await checkCheckoutAnswers(db, shop, sale.performance.eventId, sale.items, input.answers, input.buyer.language, now);
  const answers = pendingOrderAnswerStatements(db, shop.id, hold.id, checked, now);

  const method = input.payment.method;
  if (method === 'reseller' && seller) return sellForReseller(deps, shop, hold, sale, input.buyer, seller, answers);
  if (priced.amountDue === 0 && method !== 'free') throw new ApiError(400, 'payment_not_needed', 'Nothing is left to pay for this order: check out with the method "free".');
  if (priced.amountDue > 0 && method === 'free') throw new ApiError(400, 'payment_required', 'This order is not free: choose a payment method.');
  if (method === 'invoice') {
    await assertInvoiceOffered(db, shop, hold.performanceId, now);
    const order = await recordPendingOrder(db, shop, hold, sale, input.buyer, method, now, undefined, answers);
    await placeInvoiceOrder(deps, shop, hold, order, priced);
    return getOrderView(db, shop, order.number, deps.now());
  }
  if (method === 'stripe') {
    // The order waits for the buyer to pay in Stripe's Payment Element; settling it completes the sale (services/stripe-settlement.ts).
    const stripe = usableStripe(shop, deps.stripe);
    const order = await recordPendingOrder(db, shop, hold, sale, input.buyer, method, now, undefined, answers);
    await openStripePayment(deps, stripe, shop, hold, sale, order);
    return withStripePayment(db, stripe, { orderId: order.id }, await getOrderView(db, shop, order.number, deps.now()));
  }
  const provider = method === 'free' ? null : deps.payments[method];
  if (method !== 'free' && (!provider || !offeredMethods(shop, deps.payments).includes(method))) {
    throw new ApiError(400, 'payment_method_unavailable', `This shop does not offer the payment method "${method}".`);
  }

  const order = await recordPendingOrder(db, shop, hold, sale, input.buyer, method, now, undefined, answers);

  let reference: string | null = null;
  if (provider) {
    const result = await provider.authorize({ amount: priced.amountDue, currency: priced.currency, orderNumber: order.number, details: input.payment });
    if (result.status === 'declined') {
      await recordDeclinedPayment(
        db,
        { shopId: shop.id, orderId: order.id, provider: provider.name, method, amount: priced.amountDue, currency: priced.currency, declineCode: result.declineCode },
        deps.now(),
      );
      throw new ApiError(402, 'payment_declined', `${result.message} Your seats stay reserved until the hold expires; you can try again.`, {
        declineCode: result.declineCode,
        orderNumber: order.number,
        orderSecret: order.secret,
      });
    }
    reference = result.reference;
  }

  try {
    await completeSale(deps, shop, hold, order, { priced, method, providerName: provider?.name ?? 'none', reference });
  } catch (err) {
    if (reference && provider) await provider.void(reference);
    throw err;
  }
  if (reference && provider) await provider.capture(reference);
  return getOrderView(db, shop, order.number, deps.now());
}

/**
 * A reseller's hold is checked out by that reseller's token, on its account; a public hold
 * never is (its buyer pays). Decided before anything is written.
 */
function assertSeller(hold: HoldRow, seller: ResellerSeller | null, method: string) {
  if (hold.resellerId !== null && seller?.resellerId !== hold.resellerId) throw resellerTokenInvalid('This hold was made by a reseller: check it out with that reseller’s token.');
  if (hold.resellerId === null && seller !== null) throw resellerTokenInvalid('This hold was not made with a reseller’s token: a reseller sells only holds it made itself.');
  if (hold.resellerId !== null && method !== 'reseller') {
    throw new ApiError(400, 'payment_method_unavailable', 'A reseller’s hold is checked out with the payment method "reseller" (on its account).');
  }
  if (hold.resellerId === null && method === 'reseller') throw new ApiError(400, 'payment_method_unavailable', 'The payment method "reseller" is only for a reseller’s own holds.');
}

/**
 * A reseller's sale: the pending order names the channel, the reseller and its token; the sale
 * batch counts its general-admission places into the reseller's quota, whose CHECK refuses a
 * sale past it (and a guard a sale without a quota). No payment row: the reseller collects
 * the money and owes it to the shop, less its commission (the resellers report).
 */
async function sellForReseller(deps: Deps, shop: Shop, hold: HoldRow, sale: SalePricing, buyer: CheckoutInput['buyer'], seller: ResellerSeller, answers: Statement[]): Promise<OrderView> {
  const { db } = deps.storage;
  const order = await recordPendingOrder(db, shop, hold, sale, buyer, 'reseller', deps.now(), { channel: 'reseller', resellerId: seller.resellerId, soldBy: seller.tokenId }, answers);
  const places = sale.items.filter((i) => i.seatId === null).reduce((n, i) => n + i.quantity, 0);
  const quota = places === 0 ? [] : [guardQuotaExists(db, hold.performanceId, seller.resellerId), moveQuotaTaken(db, hold.performanceId, seller.resellerId, places)];
  try {
    await completeSale(deps, shop, hold, order, { priced: sale.priced, method: 'reseller', providerName: 'reseller', reference: null, recordPayment: false, statements: quota });
  } catch (err) {
    if (isCheckViolation(err, 'reseller_quotas')) throw await quotaRefusal(db, hold.performanceId, seller.resellerId, deps.now());
    // The quota's guard (or the hold's): a missing quota is named, anything else stays what the sale said.
    if (err instanceof ApiError && err.code === 'hold_changed' && places > 0) {
      const refusal = await quotaRefusal(db, hold.performanceId, seller.resellerId, deps.now());
      if (refusal.code === 'no_reseller_quota') throw refusal;
    }
    throw err;
  }
  return getOrderView(db, shop, order.number, deps.now());
}

/** A hold that can still be sold; a converted one names its order. */
export async function assertHoldSellable(db: Db, hold: HoldRow, now: number) {
  if (hold.status === 'converted') {
    const [order] = await db.select().from(orders).where(eq(orders.holdId, hold.id));
    throw new ApiError(409, 'hold_converted', 'This hold has already become a paid order.', order ? { orderNumber: order.number } : undefined);
  }
  assertHoldUsable(hold, now);
}

/**
 * Where an order is sold and by whom: online by default, at the desk by a staff member or token,
 * by a reseller's token within its quota (orders.channel, orders.sold_by, orders.reseller_id).
 */
export interface SaleOrigin {
  channel: 'online' | 'box_office' | 'reseller';
  soldBy: string | null;
  resellerId?: string | null;
}

/**
 * Records the order, pending, priced from the hold at its version, with the codes' reservations
 * exact; the first step of every sale (online checkout and the desk).
 */
export async function recordPendingOrder(
  db: Db,
  shop: Shop,
  hold: HoldRow,
  sale: SalePricing,
  buyer: CheckoutInput['buyer'],
  method: string,
  now: number,
  origin: SaleOrigin = { channel: 'online', soldBy: null },
  /** The buyer's answers to the event's questions (questions/checkout-answers.ts), written with the order. */
  answers: Statement[] = [],
) {
  const { priced } = sale;
  const values: PendingOrderValues = {
    ...orderAmounts(priced, sale.insured),
    buyerName: buyer.name,
    buyerEmail: buyer.email,
    buyerLanguage: buyer.language,
    paymentMethod: method,
    updatedAt: now,
    channel: origin.channel,
    soldBy: origin.soldBy,
    resellerId: origin.resellerId ?? null,
  };
  // The codes' reservations are made exact (a voucher reserves what it pays) and every limit asserted, with the order.
  const reservation = [...reserveUseStatements(db, sale.codes, priced, now), ...codeLimitGuards(db, resolvedCodes(sale.codes), hold.performanceId, now)];
  // Order numbers are random; a collision with another order is retried with a new one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const upsert = upsertPendingOrder(db, {
      id: newId('ord'),
      shopId: shop.id,
      number: newOrderNumber(),
      secret: newSecret(),
      holdId: hold.id,
      performanceId: hold.performanceId,
      currency: priced.currency,
      createdAt: now,
      ...values,
    });
    try {
      // The order is priced from the hold at this version: a cart changed since is refused before any payment.
      const results = await runBatch(db, [holdAtVersion(db, hold, now), ...extendHoldStatements(db, shop, hold, now), ...reservation, upsert, ...answers]);
      const row = results[results.length - 1 - answers.length]?.[0];
      if (!row) throw new ApiError(409, 'hold_converted', 'This hold has already become an order.');
      return pendingOrderRow(row);
    } catch (err) {
      if (isGuardFailure(err)) {
        // Say what really happened: a parallel checkout converted it, a release freed it, it lapsed, or another buyer took what a code had left.
        const [current] = await db.select().from(holds).where(eq(holds.id, hold.id));
        if (current?.status === 'converted') throw new ApiError(409, 'hold_converted', 'This hold has already become a paid order.');
        if (current) assertHoldUsable(current, now);
        if (current && current.version !== hold.version) throw holdChanged();
        if (current && sale.codes.uses.length > 0) throw await codeLimitError(db, shop, current, sale, now);
        throw new ApiError(410, 'hold_expired', 'This hold has expired and its seats were released. Please choose again.');
      }
      if (isUniqueViolation(err, 'orders') && errorText(err).includes('orders.number')) continue;
      throw err;
    }
  }
  throw new ApiError(503, 'order_number_exhausted', 'Could not allocate an order number. Please retry.');
}

/** Names the code whose limit another buyer reached first (a read for the message only). */
async function codeLimitError(db: Db, shop: Shop, hold: HoldRow, sale: SalePricing, now: number): Promise<ApiError> {
  const fresh = await loadCodeContext(db, shop.id, hold, now);
  const again = priceWithCodes(shop, sale.performance, sale.items, fresh, sale.insured);
  const changed = again.codes.find((o) => {
    const before = sale.priced.codes.find((b) => b.id === o.id);
    return !before || before.amount !== o.amount || before.tickets !== o.tickets;
  });
  return new ApiError(
    409,
    'code_used_up',
    changed ? `Someone else has just used what was left of the code ${changed.code}. Please review your order.` : 'A code of this order was just used up by someone else. Please review your order.',
    { code: changed?.code ?? null },
  );
}

/** What a sale must still match when it commits, and how the money stands. */
export interface SaleTerms {
  /** The pricing the buyer agreed to (card and free checkouts, in the same request). */
  priced?: PricedOrder;
  /** Or only the amount a provider took for it (a Stripe payment settled later). */
  amountDue?: number;
  method: string;
  providerName: string;
  reference: string | null;
  /** The payment row's id (a provider's deterministic one) and status; default a new id, captured. */
  paymentId?: string;
  paymentStatus?: 'captured' | 'authorized';
  /** More statements for the same batch (e.g. the Stripe payment marked sold under its lease, the desk's till). */
  statements?: Statement[];
  /** The desk till the payment goes through (payments.till_id). */
  tillId?: string;
  /** Queue the confirmation e-mail (default); the desk may leave it out. */
  confirm?: boolean;
  /** false when no money changes hands with the shop now (a reseller's sale, on its account). */
  recordPayment?: boolean;
}

/**
 * Sells the hold to the order, issues its tickets and queues the confirmation, in one batch that
 * names what was priced. Card and free checkouts call it in their request; Stripe payments when
 * they are settled (services/stripe-settlement.ts).
 */
export async function completeSale(deps: Deps, shop: Shop, hold: HoldRow, order: typeof orders.$inferSelect, terms: SaleTerms) {
  const { method, providerName, reference } = terms;
  const { db } = deps.storage;
  const now = deps.now();
  const sale = await priceSale(db, shop, hold, order.insured, now);
  const repriced = sale.priced;
  if (terms.priced ? !samePricing(repriced, terms.priced) : repriced.amountDue !== terms.amountDue) throw holdChanged();

  const ticketRows = await issueTickets(shop, order.id, hold.performanceId, sale.items, repriced.tickets, now);
  const context = await loadPerformanceContext(db, hold.performanceId);
  const amounts = orderAmounts(repriced, order.insured);
  const paid = { ...order, ...amounts };
  const statements: Statement[] = [
    ...sellHoldStatements(db, hold, order.id, sale.items, now),
    ...sellCodeStatements(db, sale, hold, order.id, now),
    markOrderPaid(db, order.id, amounts, method, now),
    ...insertTicketStatements(db, ticketRows, deps.storage.maxParams),
    linkTicketAnswers(db, order.id, ticketRows),
    orderLedgerIntact(db, order.id),
    ...(terms.confirm === false ? [] : [queueOrderConfirmation(db, shop, paid, context, ticketRows, placesOfItems(sale.items), now)]),
  ];
  if (repriced.amountDue > 0 && terms.recordPayment !== false) {
    statements.push(
      insertPayment(db, {
        id: terms.paymentId ?? newId('pay'),
        shopId: shop.id,
        orderId: order.id,
        provider: providerName,
        method,
        status: terms.paymentStatus ?? 'captured',
        amount: repriced.amountDue,
        currency: order.currency,
        providerReference: reference,
        createdAt: now,
        tillId: terms.tillId ?? null,
      }),
    );
  }
  // Webhooks: a card or free sale is placed and paid in one change, `order.placed` first.
  const order_ = orderData(paid, { status: 'paid', paymentMethod: method });
  const issued = ticketRows.map((t) => ticketData(t));
  const answers = await webhookAnswers(db, shop, order.id, ticketRows);
  const withAnswers = answers ? { answers } : {};
  statements.push(
    ...emitEvents(
      db,
      [
        { shopId: shop.id, type: 'order.placed', orderId: order.id, dedupeKey: dedupe.placed(order.id), data: { order: order_, tickets: issued, ...withAnswers } },
        {
          shopId: shop.id,
          type: 'order.paid',
          orderId: order.id,
          dedupeKey: dedupe.paid(order.id),
          data: { order: order_, tickets: issued, payment: { method, amount: repriced.amountDue, currency: order_.currency }, ...withAnswers },
        },
      ],
      now,
    ),
  );
  statements.push(...(terms.statements ?? []));
  await runSaleBatch(db, statements, hold, now);
}
