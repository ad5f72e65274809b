import * as v from 'valibot';
import { Email, Name, RecordId, SeatId } from './common.js';

/** A commission in basis points of the tickets' net prices: 1000 = 10 %, at most 100 %. */
export const CommissionBps = v.pipe(v.number(), v.integer('must be a whole number of basis points'), v.minValue(0), v.maxValue(10_000));

export const ResellerBody = v.object({ name: Name(120), email: Email, commissionBps: v.optional(CommissionBps, 0) });

/** Renaming, a new address or commission, or archiving (an archived reseller's tokens and quotas stop selling). */
export const ResellerPatch = v.pipe(
  v.object({ name: v.optional(Name(120)), email: v.optional(Email), commissionBps: v.optional(CommissionBps), status: v.optional(v.picklist(['active', 'archived'])) }),
  v.check((p) => Object.values(p).some((value) => value !== undefined), 'must change at least one field'),
);

export const ResellerParams = v.object({ resellerId: RecordId });
export const ResellerQuotaParams = v.object({ resellerId: RecordId, performanceId: RecordId });

/** Seat ranges as contract/seat-ranges.ts writes them ("3-7,12"), at most 20,000 seats. */
const SeatRangesText = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(100_000),
  v.regex(/^(\d+(-\d+)?(,\d+(-\d+)?)*)?$/, 'must be seat ids and ranges such as 3-7,12'),
  // Counted from the bounds, never expanded: "1-2000000000" is refused without building it.
  v.check((text) => {
    let count = 0;
    for (const part of text === '' ? [] : text.split(',')) {
      const [from, to = from] = part.split('-').map(Number) as [number, number?];
      if (to! < from) return false;
      count += to! - from + 1;
    }
    return count <= 20_000;
  }, 'must be ranges (low-high) of at most 20,000 seats in all'),
);

/**
 * A reseller's quota at one performance, replacing what it was: `places` for general admission;
 * for a seated performance its seats, as ranges (`seats`) or ids (`seatIds`). What is left out
 * is not changed.
 */
export const ResellerQuotaBody = v.pipe(
  v.object({
    places: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
    seats: v.optional(SeatRangesText),
    seatIds: v.optional(v.pipe(v.array(SeatId), v.maxLength(20_000))),
  }),
  v.check((q) => q.places !== undefined || q.seats !== undefined || q.seatIds !== undefined, 'must give places, seats or seatIds'),
  v.check((q) => q.seats === undefined || q.seatIds === undefined, 'give seats or seatIds, not both'),
);

/** Tickets sold elsewhere, as the `csv` string of a JSON body (like a seating plan's CSV). */
export const TicketImportBody = v.object({ csv: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(4 * 1024 * 1024)) });

export type ResellerInput = v.InferOutput<typeof ResellerBody>;
export type ResellerPatchInput = v.InferOutput<typeof ResellerPatch>;
export type ResellerQuotaInput = v.InferOutput<typeof ResellerQuotaBody>;
