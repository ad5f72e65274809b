import * as v from 'valibot';
import { cancellationActors, cancellationScopes, refundMethods } from '../../vocabulary.js';
import { OrderView } from '../orders.js';
import { Amount, Count, IsoTime, NextCursor } from '../shared.js';

/** How a cancellation's refund stands, for accounting. */
export const refundStatuses = ['none', 'recorded', 'voucher_issued', 'refunded', 'failed', 'pending'] as const;

export const CancellationView = v.object({
  id: v.string(),
  createdAt: IsoTime,
  /** `tokenId`: the token's or, signed in to the console, the staff member's id; `tokenLabel`: the token's label or the member's name. */
  actor: v.object({ kind: v.picklist(cancellationActors), tokenId: v.nullable(v.string()), tokenLabel: v.nullable(v.string()) }),
  orderNumber: v.string(),
  scope: v.picklist(cancellationScopes),
  tickets: v.pipe(v.array(v.string()), v.description('Numbers of the tickets cancelled.')),
  ticketCount: Count,
  reason: v.string(),
  currency: v.string(),
  refund: v.object({
    method: v.picklist(refundMethods),
    amount: Amount,
    status: v.picklist(refundStatuses),
    reference: v.nullable(v.string()),
    failure: v.nullable(v.string()),
    voucherCode: v.nullable(v.string()),
  }),
  commission: v.pipe(Amount, v.description('The platform\'s commission kept on the cancelled tickets.')),
});
export const CancellationList = v.object({ cancellations: v.array(CancellationView), nextCursor: NextCursor });
export const StaffCancellationResult = v.object({ cancellation: CancellationView, order: OrderView });
/** A card refund retried: a refusal is an error answer (402 refund_failed). */
export const RefundRetryResult = v.object({ status: v.literal('refunded'), reference: v.string() });

export type CancellationView = v.InferOutput<typeof CancellationView>;
export type CancellationList = v.InferOutput<typeof CancellationList>;
