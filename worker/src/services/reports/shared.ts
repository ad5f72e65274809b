import { eq, type SQL, sql } from 'drizzle-orm';
import { shops } from '../../../../db/schema/catalog.js';
import { REPORT_MAX_DAYS, type ReportBoundValue } from '../../../../contract/reports.js';
import type { ReportPeriod } from '../../../../contract/responses/organizer/reports.js';
import type { Db } from '../../db.js';
import { type OffsetSegment, resolvePeriod, type Span } from '../../domain/report-period.js';
import { ApiError } from '../../errors.js';
import type { Language } from './labels.js';

/** What every report needs of the shop. */
export interface ReportShop {
  id: string;
  timeZone: string;
  currency: string;
  defaultLocale: Language;
}

export async function loadReportShop(db: Db, shopId: string): Promise<ReportShop> {
  const [shop] = await db.select({ id: shops.id, timeZone: shops.timeZone, currency: shops.currency, defaultLocale: shops.defaultLocale }).from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ApiError(404, 'shop_not_found', 'The shop of this token no longer exists.');
  return shop;
}

/** The period asked, read in the shop's time zone, or the 400 that says why not. */
export function reportSpan(shop: ReportShop, from: ReportBoundValue, to: ReportBoundValue): Span {
  const span = resolvePeriod(from, to, shop.timeZone, REPORT_MAX_DAYS);
  if ('code' in span) {
    if (span.code === 'report_period_invalid') throw new ApiError(400, 'report_period_invalid', 'The period must start before it ends: `from` must come before `to`.');
    throw new ApiError(400, 'report_period_too_long', `A report covers at most ${span.maxDays} days; ask for several shorter periods.`, { maxDays: span.maxDays });
  }
  return span;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const periodView = (span: Span, shop: ReportShop): ReportPeriod => ({ from: iso(span.from), to: iso(span.to), timeZone: shop.timeZone });

/**
 * The local day number (days since 1970-01-01 on the shop's calendar) of an instant column, in
 * SQL: the instant plus the UTC offset in force then, divided into days. The offsets come from
 * offsetSegments, so a day is cut at local midnight across a daylight-saving change.
 */
export function localDaySql(column: SQL, segments: readonly OffsetSegment[]): SQL {
  const [first, ...changes] = segments;
  // Bound numbers may arrive as reals: the sum is made an integer before the whole-day division.
  if (changes.length === 0) return sql`(CAST(${column} + ${first!.offset} AS INTEGER) / 86400000)`;
  const cases = sql.join(
    changes.map((s, i) => sql`WHEN ${column} < ${s.since} THEN ${segments[i]!.offset}`),
    sql` `,
  );
  return sql`(CAST(${column} + CASE ${cases} ELSE ${changes[changes.length - 1]!.offset} END AS INTEGER) / 86400000)`;
}

/** inArray lists stay under D1's 100 bound parameters. */
const ID_CHUNK = 90;

/** Rows looked up by id, in chunks. */
export async function byIds<T>(ids: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += ID_CHUNK) out.push(...(await load(unique.slice(i, i + ID_CHUNK))));
  return out;
}

/** SQLite answers sums as numbers, or null over no rows. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * Adds rows' numeric figures into one totals row per currency (the rows' own order of
 * currencies), or per currency and the fields named in `alsoBy` (e.g. per kind of code).
 */
export function totalsByCurrency<R extends { currency: string }, F extends keyof R & string, K extends keyof R & string = never>(
  rows: readonly R[],
  figures: readonly F[],
  alsoBy: readonly K[] = [],
): Pick<R, 'currency' | F | K>[] {
  const totals = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const key = [...alsoBy.map((k) => row[k]), row.currency].join(' ');
    let total = totals.get(key);
    if (!total) {
      total = { ...Object.fromEntries(alsoBy.map((k) => [k, row[k]])), currency: row.currency, ...Object.fromEntries(figures.map((f) => [f, 0])) };
      totals.set(key, total);
    }
    for (const f of figures) total[f] = (total[f] as number) + (row[f] as number);
  }
  return [...totals.values()] as Pick<R, 'currency' | F | K>[];
}
