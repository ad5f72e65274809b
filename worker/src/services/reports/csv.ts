import type { SalesGrouping } from '../../../../contract/reports.js';
import type { CodesReport, CommissionsReport, InsuranceReport, ProductsReport, RefundsReport, ReportPeriod, ResellersReport, SalesReport } from '../../../../contract/responses/organizer/reports.js';
import { type CsvValue, decimalAmount, toCsv } from '../../domain/csv.js';
import { formatLocalDate } from '../../domain/report-period.js';
import { localDateOf } from '../../domain/zoned-time.js';

/**
 * The reports as CSV, through the one writer (worker/src/domain/csv.ts: RFC 4180, formulas
 * neutralized; the response adds the UTF-8 byte order mark). Amounts are decimals in the
 * currency of the row's `currency` column; rows as in the JSON, without the totals (a
 * spreadsheet adds them up).
 */

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-10 19:30", the wall clock of the shop: what a spreadsheet sorts and reads. */
export function localStamp(isoTime: string | null, timeZone: string): string | null {
  if (isoTime === null) return null;
  let format = stampFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    stampFormats.set(timeZone, format);
  }
  return format.format(Date.parse(isoTime));
}

/** The local days a period covers, for a file name: 2026-12-01-2026-12-31. */
export function periodFileDays(period: ReportPeriod): string {
  const first = formatLocalDate(localDateOf(Date.parse(period.from), period.timeZone));
  const last = formatLocalDate(localDateOf(Date.parse(period.to) - 1, period.timeZone));
  return `${first}-${last}`;
}

const keyColumns: Record<SalesGrouping, { header: string[]; cells: (row: SalesReport['rows'][number], timeZone: string) => CsvValue[] }> = {
  event: { header: ['event_id', 'event'], cells: (r) => [r.key, r.label] },
  performance: { header: ['performance_id', 'event', 'starts_at'], cells: (r, tz) => [r.key, r.context, localStamp(r.startsAt, tz)] },
  zone: { header: ['zone_id', 'zone', 'plan'], cells: (r) => [r.key, r.label, r.context] },
  tariff: { header: ['tariff_id', 'tariff', 'event_zone'], cells: (r) => [r.key, r.label, r.context] },
  paymentMethod: { header: ['payment_method', 'payment_method_label'], cells: (r) => [r.key, r.label] },
  day: { header: ['day'], cells: (r) => [r.key] },
  channel: { header: ['channel', 'channel_label'], cells: (r) => [r.key, r.label] },
  seller: { header: ['seller_id', 'seller'], cells: (r) => [r.key, r.label] },
};

export function salesCsv(report: SalesReport): string {
  const columns = keyColumns[report.groupBy];
  return toCsv(
    [...columns.header, 'currency', 'tickets', 'gross', 'discounts', 'passes', 'net', 'fees', 'insurance', 'exchanges', 'exchange_difference', 'exchange_fees', 'total', 'cancelled_since'],
    report.rows.map((r) => [
      ...columns.cells(r, report.period.timeZone),
      r.currency,
      r.tickets,
      decimalAmount(r.gross),
      decimalAmount(r.discounts),
      decimalAmount(r.passes),
      decimalAmount(r.net),
      decimalAmount(r.fees),
      decimalAmount(r.insurance),
      r.exchanges,
      decimalAmount(r.exchangeDifference),
      decimalAmount(r.exchangeFees),
      decimalAmount(r.total),
      r.cancelledSince,
    ]),
  );
}

export function codesCsv(report: CodesReport): string {
  return toCsv(
    ['kind', 'code', 'name', 'currency', 'uses', 'tickets', 'amount'],
    report.rows.map((r) => [r.kind, r.code, r.name, r.currency, r.uses, r.tickets, decimalAmount(r.amount)]),
  );
}

export function productsCsv(report: ProductsReport): string {
  return toCsv(
    ['kind', 'pass_product_id', 'name', 'face_value', 'currency', 'sold', 'amount', 'cancelled_since'],
    report.rows.map((r) => [r.kind, r.passProductId, r.name, r.faceValue === null ? null : decimalAmount(r.faceValue), r.currency, r.sold, decimalAmount(r.amount), r.cancelledSince]),
  );
}

export function insuranceCsv(report: InsuranceReport): string {
  return toCsv(
    ['performance_id', 'event', 'starts_at', 'currency', 'orders', 'insured_orders', 'tickets', 'insured_tickets', 'premiums', 'insured_cancelled_since'],
    report.rows.map((r) => [r.performanceId, r.eventTitle, localStamp(r.startsAt, report.period.timeZone), r.currency, r.orders, r.insuredOrders, r.tickets, r.insuredTickets, decimalAmount(r.premiums), r.insuredCancelledSince]),
  );
}

export function refundsCsv(report: RefundsReport): string {
  return toCsv(
    ['refund_method', 'refund_method_label', 'currency', 'cancellations', 'tickets', 'amount', 'pending', 'by_system', 'commission_kept'],
    report.rows.map((r) => [r.refundMethod, r.label, r.currency, r.cancellations, r.tickets, decimalAmount(r.amount), decimalAmount(r.pending), r.bySystem, decimalAmount(r.commissionKept)]),
  );
}

export function commissionsCsv(report: CommissionsReport): string {
  const byPerformance = report.groupBy === 'performance';
  return toCsv(
    [...(byPerformance ? ['performance_id', 'event', 'starts_at'] : ['event_id', 'event']), 'currency', 'tickets', 'net', 'commission', 'cancelled_since'],
    report.rows.map((r) => [
      ...(byPerformance ? [r.key, r.context, localStamp(r.startsAt, report.period.timeZone)] : [r.key, r.label]),
      r.currency,
      r.tickets,
      decimalAmount(r.net),
      decimalAmount(r.commission),
      r.cancelledSince,
    ]),
  );
}

export function resellersCsv(report: ResellersReport): string {
  return toCsv(
    ['reseller_id', 'reseller', 'commission_bps', 'performance_id', 'event', 'starts_at', 'currency', 'tickets', 'cancelled', 'gross', 'commission', 'owed'],
    report.rows.map((r) => [
      r.resellerId,
      r.reseller,
      r.commissionBps,
      r.performanceId,
      r.event,
      localStamp(r.startsAt, report.period.timeZone),
      r.currency,
      r.tickets,
      r.cancelled,
      decimalAmount(r.gross),
      decimalAmount(r.commission),
      decimalAmount(r.owed),
    ]),
  );
}
