import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { events, performances, priceZones } from '../../../db/schema/catalog.js';
import { accessPasses, giftVouchers, passProducts, productOrders } from '../../../db/schema/codes.js';
import { batchGuard } from '../../../db/schema/inventory.js';
import { constantTimeEqual } from '../crypto.js';
import { type Db, errorText, isGuardFailure, isUniqueViolation } from '../db.js';
import { displayCode } from '../../../contract/code-format.js';
import { newId, newOrderNumber, newSecret } from '../domain/ids.js';
import type { MessagePayloads, ProductSaleFacts } from '../email/messages.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { ProductOrderBody } from '../../../contract/codes.js';
import { insertPassStatement } from './code-admin/pass-products.js';
import { inSlices, insertWithCode, newSecretCode, queueCodeMessage } from './code-admin/shared.js';
import { insertVoucherStatement, voucherExpiry } from './code-admin/vouchers.js';
import { offeredMethods } from './checkout.js';
import type { BatchItem } from 'drizzle-orm/batch';
import { usableStripe } from '../payments/stripe/settings.js';
import { openStripeProductPayment } from './stripe-product-sales.js';
import { withStripePayment } from './stripe-payments.js';
import type { ProductCatalog, ProductOrderList, ProductOrderView } from '../../../contract/responses/products.js';

type ProductOrder = typeof productOrders.$inferSelect;
type PassProduct = typeof passProducts.$inferSelect;
type Payment = ProductOrderBody['payment'];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// ---------------------------------------------------------------------------------------
// What the shop sells besides seats.

const onSaleNow = (now: number) => and(eq(passProducts.onSale, true), or(isNull(passProducts.validUntil), gt(passProducts.validUntil, now)));

/** Pass products on sale, with what they cover in names as well as ids, and the voucher offer. */
export async function listProducts(db: Db, shop: Shop, now: number): Promise<ProductCatalog> {
  const products = await db
    .select()
    .from(passProducts)
    .where(and(eq(passProducts.shopId, shop.id), onSaleNow(now)))
    .orderBy(asc(passProducts.createdAt));
  const eventIds = [...new Set(products.flatMap((p) => p.eventIds))];
  const performanceIds = [...new Set(products.flatMap((p) => p.performanceIds))];
  const zoneIds = [...new Set(products.flatMap((p) => p.zoneIds))];
  const [eventRows, performanceRows, zoneRows] = await Promise.all([
    inSlices(eventIds, (slice) => db.select({ id: events.id, title: events.title }).from(events).where(and(eq(events.shopId, shop.id), inArray(events.id, slice)))),
    inSlices(performanceIds, (slice) =>
      db
        .select({ id: performances.id, eventId: performances.eventId, startsAt: performances.startsAt, title: events.title })
        .from(performances)
        .innerJoin(events, eq(events.id, performances.eventId))
        .where(and(eq(performances.shopId, shop.id), inArray(performances.id, slice))),
    ),
    inSlices(zoneIds, (slice) => db.select({ id: priceZones.id, name: priceZones.name }).from(priceZones).where(inArray(priceZones.id, slice))),
  ]);
  return {
    currency: shop.currency,
    passes: products.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      price: p.price,
      covers: {
        /** No events or performances named: every performance of the shop. */
        allEvents: p.eventIds.length === 0 && p.performanceIds.length === 0,
        events: eventRows.filter((e) => p.eventIds.includes(e.id)),
        performances: performanceRows.filter((r) => p.performanceIds.includes(r.id)).map((r) => ({ id: r.id, eventId: r.eventId, title: r.title, startsAt: iso(r.startsAt)! })),
        /** Empty: every zone. */
        zones: zoneRows.filter((z) => p.zoneIds.includes(z.id)),
      },
      maxPerformances: p.maxPerformances,
      seatsPerPerformance: p.seatsPerPerformance,
      validUntil: iso(p.validUntil),
    })),
    vouchers: shop.voucherSaleEnabled
      ? { amounts: shop.voucherAmounts, minAmount: shop.voucherMinAmount, maxAmount: shop.voucherMaxAmount, validityDays: shop.voucherValidityDays }
      : null,
  };
}

// ---------------------------------------------------------------------------------------
// Buying one.

function assertVoucherAmount(shop: Shop, amount: number) {
  if (!shop.voucherSaleEnabled) throw new ApiError(409, 'vouchers_not_on_sale', 'This shop does not sell gift vouchers.');
  const fixed = shop.voucherAmounts.includes(amount);
  const free = shop.voucherMinAmount !== null && shop.voucherMaxAmount !== null && amount >= shop.voucherMinAmount && amount <= shop.voucherMaxAmount;
  if (!fixed && !free) {
    throw new ApiError(400, 'voucher_amount_invalid', 'This amount cannot be bought: choose one of the offered amounts or an amount within the allowed range.', {
      amounts: shop.voucherAmounts,
      minAmount: shop.voucherMinAmount,
      maxAmount: shop.voucherMaxAmount,
    });
  }
}

async function passProductOnSale(db: Db, shop: Shop, id: string, now: number) {
  const [product] = await db
    .select()
    .from(passProducts)
    .where(and(eq(passProducts.id, id), eq(passProducts.shopId, shop.id)));
  if (!product) throw new ApiError(404, 'pass_product_not_found', 'This shop has no such pass.');
  if (!product.onSale || (product.validUntil !== null && product.validUntil <= now)) throw new ApiError(409, 'pass_not_on_sale', 'This pass is no longer on sale.');
  return product;
}

function assertMethod(deps: Deps, shop: Shop, amount: number, method: Payment['method']) {
  if (amount === 0 && method !== 'free') throw new ApiError(400, 'payment_not_needed', 'This costs nothing: order it with the method "free".');
  if (amount > 0 && method === 'free') throw new ApiError(400, 'payment_required', 'This is not free: choose a payment method.');
  if (method === 'stripe') {
    usableStripe(shop, deps.stripe);
    return;
  }
  if (method !== 'free' && (!deps.payments[method] || !offeredMethods(shop, deps.payments).includes(method))) {
    throw new ApiError(400, 'payment_method_unavailable', `This shop does not offer the payment method "${method}".`);
  }
}

/**
 * Buying a pass or a voucher, as a ticket checkout does: the pending product order is
 * recorded first, the payment authorized, then ONE batch marks it paid, creates the pass or
 * voucher with its code and queues the e-mail; the authorization is voided if that batch
 * fails and captured once it is committed. A declined card leaves the order pending.
 */
export async function placeProductOrder(deps: Deps, shop: Shop, body: ProductOrderBody): Promise<ProductOrderView> {
  const { db } = deps.storage;
  const now = deps.now();
  let amount: number;
  let passProductId: string | null = null;
  let recipientName: string | null;
  if (body.kind === 'voucher') {
    assertVoucherAmount(shop, body.amount);
    amount = body.amount;
    recipientName = body.recipientName ?? null;
  } else {
    const product = await passProductOnSale(db, shop, body.passProductId, now);
    amount = product.price;
    passProductId = product.id;
    recipientName = body.holderName;
  }
  assertMethod(deps, shop, amount, body.payment.method);

  let order: ProductOrder | undefined;
  // Order numbers are random; a collision is retried with a new one.
  for (let attempt = 0; attempt < 5 && !order; attempt++) {
    try {
      [order] = await db
        .insert(productOrders)
        .values({
          id: newId('pro'),
          shopId: shop.id,
          number: newOrderNumber(),
          secret: newSecret(),
          kind: body.kind,
          passProductId,
          amount,
          currency: shop.currency,
          status: 'pending',
          buyerName: body.buyer.name,
          buyerEmail: body.buyer.email,
          buyerLanguage: body.buyer.language,
          recipientName,
          paymentMethod: body.payment.method,
          createdAt: now,
        })
        .returning();
    } catch (err) {
      if (isUniqueViolation(err, 'product_orders') && errorText(err).includes('product_orders.number')) continue;
      throw err;
    }
  }
  if (!order) throw new ApiError(503, 'order_number_exhausted', 'Could not allocate an order number. Please retry.');
  return payProductOrder(deps, shop, order, body.payment);
}

/** Pays a pending product order (first attempt, or again after a declined card). */
export async function payProductOrder(deps: Deps, shop: Shop, order: ProductOrder, payment: Payment): Promise<ProductOrderView> {
  const { db } = deps.storage;
  if (order.status === 'paid') throw new ApiError(409, 'already_paid', 'This purchase is already paid.', { orderNumber: order.number });
  if (order.status !== 'pending') throw new ApiError(409, 'order_not_pending', 'This purchase was cancelled.');
  const product = order.passProductId ? await passProductOnSale(db, shop, order.passProductId, deps.now()) : null;
  assertMethod(deps, shop, order.amount, payment.method);
  if (payment.method === 'stripe') {
    // Issued once Stripe confirms the payment (services/stripe-product-sales.ts).
    const stripe = usableStripe(shop, deps.stripe);
    const pending = order.paymentMethod === 'stripe' ? order : { ...order, paymentMethod: 'stripe' };
    if (pending !== order) await db.update(productOrders).set({ paymentMethod: 'stripe' }).where(and(eq(productOrders.id, order.id), eq(productOrders.status, 'pending')));
    await openStripeProductPayment(deps, stripe, shop, pending);
    return withStripePayment(db, stripe, { productOrderId: order.id }, await productOrderView(db, shop, (await loadProductOrder(db, shop.id, order.number))!, deps.now()));
  }

  const provider = payment.method === 'free' ? null : deps.payments[payment.method]!;
  let reference: string | null = null;
  if (provider) {
    const result = await provider.authorize({ amount: order.amount, currency: order.currency, orderNumber: order.number, details: payment });
    if (result.status === 'declined') {
      throw new ApiError(402, 'payment_declined', `${result.message} Nothing was charged; you can try again with another card.`, {
        declineCode: result.declineCode,
        orderNumber: order.number,
        orderSecret: order.secret,
      });
    }
    reference = result.reference;
  }
  try {
    await completeProductOrder(deps, shop, order, product, payment.method, reference);
  } catch (err) {
    if (reference && provider) await provider.void(reference);
    throw err;
  }
  if (reference && provider) await provider.capture(reference);
  return productOrderView(db, shop, (await loadProductOrder(db, shop.id, order.number))!, deps.now());
}

/**
 * The one batch of a paid purchase: the order paid, the pass or voucher and its code, the
 * e-mail; `extra` joins the same batch (a Stripe payment marked sold under its lease).
 */
export async function completeProductOrder(deps: Deps, shop: Shop, order: ProductOrder, product: PassProduct | null, method: string, reference: string | null, extra: BatchItem<'sqlite'>[] = []) {
  const { db } = deps.storage;
  const now = deps.now();
  const refId = newId(order.kind === 'pass' ? 'pas' : 'vch');
  const sale: ProductSaleFacts = {
    shopId: shop.id,
    shopName: shop.name,
    brandColor: shop.brandColor,
    timeZone: shop.timeZone,
    currency: order.currency,
    orderNumber: order.number,
    buyerName: order.buyerName,
    amount: order.amount,
  };
  const statements = (code: string) => {
    const item =
      order.kind === 'pass'
        ? insertPassStatement(db, {
            id: refId,
            shopId: shop.id,
            productId: product!.id,
            code,
            holderName: order.recipientName ?? order.buyerName,
            holderEmail: order.buyerEmail,
            productOrderId: order.id,
            validUntil: product!.validUntil,
            createdAt: now,
          })
        : insertVoucherStatement(db, {
            id: refId,
            shopId: shop.id,
            code,
            initialAmount: order.amount,
            currency: order.currency,
            expiresAt: voucherExpiry(shop, now),
            source: 'sold',
            productOrderId: order.id,
            createdAt: now,
          });
    const message =
      order.kind === 'pass'
        ? {
            kind: 'pass_issued' as const,
            payload: {
              sale,
              pass: {
                code,
                productName: product!.name,
                description: product!.description,
                holderName: order.recipientName ?? order.buyerName,
                maxPerformances: product!.maxPerformances,
                seatsPerPerformance: product!.seatsPerPerformance,
                validUntil: product!.validUntil,
              },
            } satisfies MessagePayloads['pass_issued'],
          }
        : {
            kind: 'voucher_issued' as const,
            payload: { sale, voucher: { code, amount: order.amount, recipientName: order.recipientName, expiresAt: voucherExpiry(shop, now) } } satisfies MessagePayloads['voucher_issued'],
          };
    return [
      // A parallel payment of the same order may have won: then nothing of this batch happens.
      db.insert(batchGuard).values({ name: 'product_order_pending', ok: sql`EXISTS (SELECT 1 FROM ${productOrders} WHERE ${productOrders.id} = ${order.id} AND ${productOrders.status} = 'pending')` }),
      db
        .update(productOrders)
        .set({ status: 'paid', paidAt: now, paymentMethod: method, providerReference: reference })
        .where(and(eq(productOrders.id, order.id), eq(productOrders.status, 'pending'))),
      item,
      queueCodeMessage(db, { shopId: shop.id, ...message, dedupeKey: `${message.kind}:${order.id}`, recipient: order.buyerEmail, recipientName: order.buyerName, language: order.buyerLanguage }, now),
      ...extra,
    ] as const;
  };
  try {
    await insertWithCode(db, shop.id, order.kind, refId, undefined, newSecretCode, (code) => [...statements(code)]);
  } catch (err) {
    if (isGuardFailure(err)) throw new ApiError(409, 'already_paid', 'This purchase was paid by another request meanwhile.', { orderNumber: order.number });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// Reading one.

export async function loadProductOrder(db: Db, shopId: string, number: string) {
  const [order] = await db
    .select()
    .from(productOrders)
    .where(and(eq(productOrders.shopId, shopId), eq(productOrders.number, number)));
  return order;
}

/** The order with the secret, or 404 for everyone else. */
export async function productOrderForBuyer(db: Db, shopId: string, number: string, secret: string) {
  const order = await loadProductOrder(db, shopId, number);
  if (!order || !constantTimeEqual(order.secret, secret)) {
    throw new ApiError(404, 'order_not_found', 'There is no purchase with this number and secret. Use the link from your confirmation.');
  }
  return order;
}

export async function productOrderView(db: Db, shop: Shop, order: ProductOrder, now: number): Promise<ProductOrderView> {
  const base = {
    number: order.number,
    secret: order.secret,
    kind: order.kind,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    buyer: { name: order.buyerName, email: order.buyerEmail, language: order.buyerLanguage },
    paymentMethod: order.paymentMethod,
    createdAt: iso(order.createdAt)!,
    paidAt: iso(order.paidAt),
    // Filled for the buyer while a Stripe payment is to be made (services/stripe-product-sales.ts).
    stripe: null,
  };
  if (order.kind === 'voucher') {
    const [voucher] = order.status === 'paid' ? await db.select().from(giftVouchers).where(and(eq(giftVouchers.shopId, shop.id), eq(giftVouchers.productOrderId, order.id))) : [];
    return {
      ...base,
      recipientName: order.recipientName,
      /** The code once paid, grouped for reading ("7KQM-T3WA-…"); typed with or without dashes. */
      code: voucher ? displayCode(voucher.code) : null,
      voucher: voucher ? { amount: voucher.initialAmount, expiresAt: iso(voucher.expiresAt), expired: voucher.expiresAt !== null && voucher.expiresAt <= now } : null,
      pass: null,
    };
  }
  const [product] = order.passProductId ? await db.select().from(passProducts).where(eq(passProducts.id, order.passProductId)) : [];
  const [pass] = order.status === 'paid' ? await db.select().from(accessPasses).where(and(eq(accessPasses.shopId, shop.id), eq(accessPasses.productOrderId, order.id))) : [];
  return {
    ...base,
    recipientName: order.recipientName,
    code: pass ? displayCode(pass.code) : null,
    voucher: null,
    pass: {
      productId: order.passProductId,
      name: product?.name ?? '',
      holderName: pass?.holderName ?? order.recipientName,
      maxPerformances: product?.maxPerformances ?? null,
      seatsPerPerformance: product?.seatsPerPerformance ?? 1,
      validUntil: iso(pass?.validUntil ?? product?.validUntil ?? null),
    },
  };
}

/** The box office's list of purchases, newest first, paged like orders, with the code of each paid one. */
export async function listProductOrders(db: Db, shopId: string, query: { limit: number; cursor?: string | undefined; status?: ProductOrder['status'] | undefined }): Promise<ProductOrderList> {
  let after;
  if (query.cursor !== undefined) {
    const [createdAt, id] = query.cursor.split('.') as [string, string];
    after = or(lt(productOrders.createdAt, Number(createdAt)), and(eq(productOrders.createdAt, Number(createdAt)), lt(productOrders.id, id)));
  }
  const rows = await db
    .select()
    .from(productOrders)
    .where(and(eq(productOrders.shopId, shopId), query.status ? eq(productOrders.status, query.status) : undefined, after))
    .orderBy(desc(productOrders.createdAt), desc(productOrders.id))
    .limit(query.limit + 1);
  const shown = rows.slice(0, query.limit);
  const ids = shown.map((o) => o.id);
  const [vouchers, passes] = await Promise.all([
    inSlices(ids, (slice) => db.select({ orderId: giftVouchers.productOrderId, id: giftVouchers.id, code: giftVouchers.code }).from(giftVouchers).where(and(eq(giftVouchers.shopId, shopId), inArray(giftVouchers.productOrderId, slice)))),
    inSlices(ids, (slice) => db.select({ orderId: accessPasses.productOrderId, id: accessPasses.id, code: accessPasses.code }).from(accessPasses).where(and(eq(accessPasses.shopId, shopId), inArray(accessPasses.productOrderId, slice)))),
  ]);
  const issued = new Map([...vouchers, ...passes].map((r) => [r.orderId, r]));
  const last = shown[shown.length - 1];
  return {
    productOrders: shown.map((o) => ({
      number: o.number,
      kind: o.kind,
      status: o.status,
      amount: o.amount,
      currency: o.currency,
      buyerName: o.buyerName,
      buyerEmail: o.buyerEmail,
      recipientName: o.recipientName,
      passProductId: o.passProductId,
      paymentMethod: o.paymentMethod,
      providerReference: o.providerReference,
      /** The pass or voucher it created (see /passes and /vouchers/:id). */
      issuedId: issued.get(o.id)?.id ?? null,
      code: issued.get(o.id)?.code ?? null,
      createdAt: iso(o.createdAt)!,
      paidAt: iso(o.paidAt),
    })),
    nextCursor: rows.length > query.limit && last ? `${last.createdAt}.${last.id}` : null,
  };
}
