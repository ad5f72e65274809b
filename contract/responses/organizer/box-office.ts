import * as v from 'valibot';
import { staffActorKinds, tillMethods, tillStatuses } from '../../vocabulary.js';
import { Amount, Count, IsoTime } from '../shared.js';
import { StaffOrderView } from './orders.js';

/** What went through a till by one method: sales and exchange payments in, refunds out. */
export const TillMethodTotals = v.object({
  method: v.picklist(tillMethods),
  count: v.pipe(Count, v.description('Money movements (sales, refunds, exchange payments).')),
  sales: v.pipe(Amount, v.description('Taken for sales and recorded invoice payments.')),
  refunds: v.pipe(Amount, v.description('Paid back (a positive amount).')),
  exchanges: v.pipe(Amount, v.description('Taken for exchanges (differences and fees).')),
  net: v.pipe(Amount, v.description('sales + exchanges − refunds.')),
});

/**
 * A staff member's (or token's) till of one business day, in the shop's time zone. A till that
 * has no movement yet has `id` null and zeros; it comes into being with its first movement.
 */
export const TillView = v.object({
  id: v.nullable(v.string()),
  businessDay: v.pipe(v.string(), v.description('YYYY-MM-DD, in the shop’s time zone.')),
  staff: v.object({ id: v.string(), name: v.string(), kind: v.picklist(staffActorKinds) }),
  status: v.picklist(tillStatuses),
  currency: v.string(),
  byMethod: v.pipe(v.array(TillMethodTotals), v.description('One row per method (cash, terminal), zeros included.')),
  expectedCash: v.pipe(Amount, v.description('Cash that should be in the drawer: cash net. Fixed when the till is closed.')),
  countedCash: v.pipe(v.nullable(Amount), v.description('Counted at closing; null while open.')),
  difference: v.pipe(v.nullable(Amount), v.description('countedCash − expectedCash (negative: cash missing); null while open.')),
  closedAt: v.nullable(IsoTime),
  closedBy: v.pipe(v.nullable(v.object({ id: v.string(), name: v.string() })), v.description('Who closed it (the staff member themselves, or an owner or manager).')),
  note: v.nullable(v.string()),
});

export const TillList = v.object({ tills: v.pipe(v.array(TillView), v.description('By business day (newest first), then staff name.')) });

/** A sale at the desk: the order as staff read it, the change to hand back (cash), and the till after it. */
export const BoxOfficeSale = v.object({
  order: StaffOrderView,
  change: v.pipe(v.nullable(Amount), v.description('Cash only: amountGiven − total to hand back; null for other methods.')),
  till: TillView,
});

export type TillMethodTotals = v.InferOutput<typeof TillMethodTotals>;
export type TillView = v.InferOutput<typeof TillView>;
export type TillList = v.InferOutput<typeof TillList>;
export type BoxOfficeSale = v.InferOutput<typeof BoxOfficeSale>;
