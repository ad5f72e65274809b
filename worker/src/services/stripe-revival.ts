import { and, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { holds } from '../../../db/schema/inventory.js';
import { orders } from '../../../db/schema/orders.js';
import { isGuardFailure } from '../db.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { applyCode } from './hold-codes.js';
import { createHold, type HoldRow, releaseHold } from './holds.js';
import type { ReturnReason } from './stripe-settlement.js';
import { whileLeased } from './stripe-settlement.js';
import type { StripePaymentRow } from './stripe-payments.js';

type Statement = BatchItem<'sqlite'>;
type OrderRow = typeof orders.$inferSelect;

export type Revival = { ok: true; order: OrderRow; hold: HoldRow } | { ok: false; reason: ReturnReason };

/**
 * A payment that arrives after its hold lapsed still gets the seats if they are free: a new
 * hold takes exactly the order's seats (or places) at their tariffs, as any hold takes them
 * (the seat's primary key and the capacity CHECK decide), the order's codes are applied to it
 * again, and the order and the payment move to it in one batch under the payment's lease. The
 * sale then runs as usual and must come to the amount Stripe took. Seats taken by someone else
 * (or sales closed) give `seats_taken`; a code no longer valid gives `codes_changed`.
 */
export async function reviveHold(deps: Deps, shop: Shop, order: OrderRow, row: StripePaymentRow): Promise<Revival> {
  const { db } = deps.storage;
  const now = deps.now();
  const ticketLines = order.lines.filter((line) => line.kind === 'ticket' && line.tariffId !== null);
  const seats = ticketLines.filter((l) => l.seatId !== null).map((l) => ({ seatId: l.seatId!, tariffId: l.tariffId! }));
  const quantities = ticketLines.filter((l) => l.seatId === null).map((l) => ({ tariffId: l.tariffId!, quantity: l.quantity }));
  let holdId: string;
  try {
    const view = await createHold(db, shop, { performanceId: order.performanceId, ...(seats.length > 0 ? { seats } : { quantities }) }, now);
    holdId = view.id;
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, reason: 'seats_taken' };
    throw err;
  }
  const giveUp = async (reason: ReturnReason): Promise<Revival> => {
    await releaseHold(db, shop, holdId, deps.now()).catch(() => undefined);
    return { ok: false, reason };
  };
  for (const code of order.codes) {
    try {
      await applyCode(db, shop, holdId, code, deps.now());
    } catch (err) {
      if (err instanceof ApiError) return giveUp('codes_changed');
      throw err;
    }
  }
  const [hold] = await db.select().from(holds).where(eq(holds.id, holdId));
  if (!hold) return giveUp('seats_taken');
  const statements: Statement[] = [
    db
      .update(orders)
      .set({ holdId, status: 'pending', updatedAt: deps.now() })
      .where(and(eq(orders.id, order.id), eq(orders.holdId, row.holdId!), inArray(orders.status, ['pending', 'expired']))),
    ...whileLeased(db, row, { holdId, holdVersion: hold.version }, 'stripe_payment_leased'),
  ];
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isGuardFailure(err)) return giveUp('order_closed');
    throw err;
  }
  // Keep the revived row consistent with what was written (a no-op update above means the order moved on).
  const [moved] = await db.select().from(orders).where(eq(orders.id, order.id));
  if (!moved || moved.holdId !== holdId) return giveUp('order_closed');
  return { ok: true, order: moved, hold };
}
