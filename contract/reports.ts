import * as v from 'valibot';
import { RecordId } from './common.js';
import { locales } from './vocabulary.js';

/** What the sales report can be grouped by. */
export const salesGroupings = ['event', 'performance', 'zone', 'tariff', 'paymentMethod', 'day', 'channel', 'seller'] as const;
/** What the commissions report can be grouped by. */
export const commissionGroupings = ['event', 'performance'] as const;

/** The longest period one report covers (a season and a bit); longer asks are refused with 400 report_period_too_long. */
export const REPORT_MAX_DAYS = 400;

/**
 * One end of a report's period: a calendar date, read in the shop's time zone (a whole local
 * day: `from` starts at its midnight, `to` includes it up to the next midnight), or an instant
 * with its offset (`from` included, `to` excluded). The server resolves dates, knowing the
 * shop's time zone; that `from` comes before `to` is checked there too.
 */
export const ReportBound = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be a date such as 2026-11-01 or a date-time with its offset such as 2026-11-01T00:00:00+01:00'),
  v.check((text) => {
    if (text.length > 10) return !Number.isNaN(Date.parse(text));
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'must be a real date'),
  v.transform((text): ReportBoundValue => (text.length === 10 ? { date: text } : { instant: Date.parse(text) })),
);

/** A bound as the server reads it: a local date (YYYY-MM-DD) or epoch milliseconds. */
export type ReportBoundValue = { date: string; instant?: never } | { instant: number; date?: never };

const period = {
  from: ReportBound,
  to: ReportBound,
  /** The language of labels (payment methods, "general admission", dates); the shop's default language without one. */
  lang: v.optional(v.picklist(locales)),
};

/** A report's period (both ends required) and the language of its labels. */
export const ReportPeriodQuery = v.object(period);

export const SalesReportQuery = v.object({
  ...period,
  groupBy: v.optional(v.picklist(salesGroupings), 'event'),
  /** Only this event's sales. */
  eventId: v.optional(RecordId),
  /** Only this performance's sales. */
  performanceId: v.optional(RecordId),
});

export const CommissionReportQuery = v.object({
  ...period,
  groupBy: v.optional(v.picklist(commissionGroupings), 'performance'),
});

export type ReportPeriodInput = v.InferOutput<typeof ReportPeriodQuery>;
export type SalesReportInput = v.InferOutput<typeof SalesReportQuery>;
export type CommissionReportInput = v.InferOutput<typeof CommissionReportQuery>;
export type SalesGrouping = (typeof salesGroupings)[number];
export type CommissionGrouping = (typeof commissionGroupings)[number];
