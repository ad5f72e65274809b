import { and, eq, sql } from 'drizzle-orm';
import { orders, payments } from '../../../db/schema/orders.js';
import { type BoundStatement, compiledCache, returnedRow } from '../bound-statements.js';
import type { Db } from '../db.js';

/**
 * The order and payment rows a checkout writes, compiled once per database and bound per sale:
 * drizzle built the pending order's upsert (about forty columns, written and returned) and the
 * paid order's update anew for every checkout, which cost more CPU than SQLite took to run
 * them. A placeholder given as a column's value is encoded by that column (JSON text, booleans
 * as 0/1), as a value would be.
 */

const p = (name: string) => sql.placeholder(name);
const placeholders = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, p(key)])) as Record<K, ReturnType<typeof p>>;

type OrderRow = typeof orders.$inferSelect;

/** What a pending order stores of its pricing and buyer, set again when the same hold is checked out anew. */
export type PendingOrderValues = Pick<
  OrderRow,
  | 'subtotal'
  | 'fees'
  | 'total'
  | 'discount'
  | 'insurance'
  | 'insured'
  | 'paidByVouchers'
  | 'codes'
  | 'lines'
  | 'buyerName'
  | 'buyerEmail'
  | 'buyerLanguage'
  | 'paymentMethod'
  | 'updatedAt'
  | 'channel'
  | 'soldBy'
  | 'resellerId'
>;

const PENDING_KEYS = [
  'subtotal',
  'fees',
  'total',
  'discount',
  'insurance',
  'insured',
  'paidByVouchers',
  'codes',
  'lines',
  'buyerName',
  'buyerEmail',
  'buyerLanguage',
  'paymentMethod',
  'updatedAt',
  'channel',
  'soldBy',
  'resellerId',
] as const satisfies readonly (keyof PendingOrderValues)[];

// Placeholders as values: drizzle's types take them in inserts, not in an update's set (it binds them the same way).
const pendingSet = placeholders(PENDING_KEYS) as unknown as Partial<OrderRow>;

const upsertPendingOrderQuery = compiledCache((db) =>
  db
    .insert(orders)
    .values({
      id: p('id'),
      shopId: p('shopId'),
      number: p('number'),
      secret: p('secret'),
      holdId: p('holdId'),
      performanceId: p('performanceId'),
      status: 'pending',
      currency: p('currency'),
      createdAt: p('createdAt'),
      ...placeholders(PENDING_KEYS),
    })
    .onConflictDoUpdate({ target: orders.holdId, set: pendingSet, where: eq(orders.status, 'pending') })
    .returning(),
);

export interface NewPendingOrder extends PendingOrderValues {
  id: string;
  shopId: string;
  number: string;
  secret: string;
  holdId: string;
  performanceId: string;
  currency: string;
  createdAt: number;
}

/**
 * The hold's order, pending: a new row, or the hold's pending order priced again (a second
 * checkout of the same hold); returns the row (none when the hold's order is no longer pending).
 */
export const upsertPendingOrder = (db: Db, order: NewPendingOrder): BoundStatement => upsertPendingOrderQuery(db)({ ...order });

/** The returned row of upsertPendingOrder. */
export const pendingOrderRow = returnedRow(orders);

/** What a paid order stores of the pricing it was sold at. */
export type PaidOrderValues = Pick<OrderRow, 'subtotal' | 'fees' | 'total' | 'discount' | 'insurance' | 'insured' | 'paidByVouchers' | 'codes' | 'lines'>;
const PAID_KEYS = ['subtotal', 'fees', 'total', 'discount', 'insurance', 'insured', 'paidByVouchers', 'codes', 'lines'] as const satisfies readonly (keyof PaidOrderValues)[];

const markOrderPaidQuery = compiledCache((db) =>
  db
    .update(orders)
    .set({ status: 'paid', ...(placeholders(['paidAt', 'updatedAt', 'paymentMethod', ...PAID_KEYS]) as unknown as Partial<OrderRow>) })
    .where(and(eq(orders.id, p('orderId')), eq(orders.status, 'pending'))),
);

/** The pending order becomes paid, at the amounts it was sold at (changes nothing unless it is still pending). */
export const markOrderPaid = (db: Db, orderId: string, amounts: PaidOrderValues, paymentMethod: string, now: number): BoundStatement =>
  markOrderPaidQuery(db)({ orderId, paidAt: now, updatedAt: now, paymentMethod, ...amounts });

const insertPaymentQuery = compiledCache((db) =>
  db.insert(payments).values(placeholders(['id', 'shopId', 'orderId', 'provider', 'method', 'status', 'amount', 'currency', 'providerReference', 'createdAt', 'tillId'] as const)),
);

/** A charge of the order (kind `charge`), captured or authorized. */
export const insertPayment = (
  db: Db,
  payment: Pick<typeof payments.$inferInsert, 'id' | 'shopId' | 'orderId' | 'provider' | 'method' | 'status' | 'amount' | 'currency' | 'createdAt'> & {
    providerReference: string | null;
    tillId: string | null;
  },
): BoundStatement => insertPaymentQuery(db)({ ...payment });
