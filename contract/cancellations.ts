import * as v from 'valibot';
import { cancellationScopes, locales, refundMethods } from './vocabulary.js';
import { Money, Name, Text } from './common.js';

const TicketNumber = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^T[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'must be a ticket number such as T7QX-M2K9-4HDA'));

/** Staff cancel a whole order or chosen tickets, and say how the buyer is refunded. */
export const StaffCancellationBody = v.object({
  scope: v.picklist(cancellationScopes),
  /** For scope `tickets`: the tickets to cancel (their printed numbers). */
  ticketNumbers: v.optional(v.pipe(v.array(TicketNumber), v.minLength(1, 'must name at least one ticket'), v.maxLength(100))),
  /** Kept for accounting; never shown to the buyer. */
  reason: Name(500),
  refundMethod: v.picklist(refundMethods),
  /** Minor units; by default what the cancelled tickets cost net of discount (no fees, no insurance). */
  refundAmount: v.optional(Money),
  messageToBuyer: v.optional(Text(1000)),
  notifyBuyer: v.optional(v.boolean(), true),
});

export type StaffCancellationInput = v.InferOutput<typeof StaffCancellationBody>;
export type StaffCancellationRequest = v.InferInput<typeof StaffCancellationBody>;

export const CancellationParams = v.object({ id: v.pipe(v.string(), v.regex(/^ocx_[a-z0-9]{4,40}$/, 'must be a cancellation id such as ocx_4k9q2m7xh3pa')) });

/**
 * A period of a report: an ISO date (the whole UTC day) or date-time. `from` is included,
 * `to` excluded for a date-time and included for a date (its whole day).
 */
const Instant = (end: boolean) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be a date such as 2026-11-01 or a date-time such as 2026-11-01T00:00:00Z'),
    v.check((text) => !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text)), 'must be a real date'),
    v.transform((text) => (text.length === 10 ? Date.parse(`${text}T00:00:00Z`) + (end ? 86_400_000 : 0) : Date.parse(text))),
  );

export const PeriodQuery = v.object({ from: v.optional(Instant(false)), to: v.optional(Instant(true)) });
/** A period as the reports read it: epoch milliseconds, `to` excluded. */
export type Period = v.InferOutput<typeof PeriodQuery>;

/** The insurer's list: a period, and the language its seats are written in (the shop's default language without one). */
export const InsuredTicketsQuery = v.object({ ...PeriodQuery.entries, lang: v.optional(v.picklist(locales)) });

export const CancellationListQuery = v.object({
  ...PeriodQuery.entries,
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,16}\.ocx_[a-z0-9]{4,40}$/, 'must be the nextCursor of a previous page'))),
});
