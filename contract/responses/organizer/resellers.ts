import * as v from 'valibot';
import { resellerStatuses } from '../../vocabulary.js';
import { Count, IsoTime } from '../shared.js';
import { ticketImportColumns, ticketImportProblems } from '../../ticket-import-csv.js';

export const ResellerView = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string(),
  commissionBps: Count,
  status: v.picklist(resellerStatuses),
  createdAt: IsoTime,
});
export const ResellerList = v.object({ resellers: v.array(ResellerView) });

/** A seat of a quota: `sold` to one of the reseller's orders, `held` in one of its carts, or `free` for it to sell. */
export const QuotaSeat = v.object({
  seatId: Count,
  label: v.string(),
  state: v.picklist(['free', 'held', 'sold']),
});

/** A reseller's quota at one performance: general-admission places (taken = sold) and the seats set aside for it. */
export const ResellerQuotaView = v.object({
  resellerId: v.string(),
  performanceId: v.string(),
  eventName: v.string(),
  startsAt: IsoTime,
  places: Count,
  taken: Count,
  remaining: Count,
  seats: v.array(QuotaSeat),
  seatsFree: Count,
  seatsSold: Count,
});
export const ResellerQuotaList = v.object({ quotas: v.array(ResellerQuotaView) });

/** Tickets sold elsewhere: how many lines became tickets, and why the others did not (line 1 is the header). */
export const TicketImportResult = v.object({
  imported: Count,
  rejected: v.array(v.object({ line: Count, column: v.nullable(v.picklist(ticketImportColumns)), code: v.picklist(ticketImportProblems), message: v.string() })),
});

export type ResellerView = v.InferOutput<typeof ResellerView>;
export type ResellerQuotaView = v.InferOutput<typeof ResellerQuotaView>;
export type TicketImportResult = v.InferOutput<typeof TicketImportResult>;
