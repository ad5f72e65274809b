import { payments } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import { newId } from '../domain/ids.js';

export interface DeclinedPayment {
  shopId: string;
  orderId: string;
  provider: string;
  method: string;
  amount: number;
  currency: string;
  declineCode: string;
  /** Set when the card paid for an exchange rather than the order itself. */
  exchangeId?: string | undefined;
}

/**
 * Keeps a declined card payment, for the buyer's "why" and for accounting. Nothing else
 * changed, so it is a single write of its own, outside any sale batch.
 */
export async function recordDeclinedPayment(db: Db, declined: DeclinedPayment, now: number) {
  await db.insert(payments).values({ id: newId('pay'), status: 'declined', createdAt: now, ...declined, exchangeId: declined.exchangeId ?? null });
}
