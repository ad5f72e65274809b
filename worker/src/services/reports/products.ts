import { sql } from 'drizzle-orm';
import type { ReportPeriodInput } from '../../../../contract/reports.js';
import type { ProductsReport } from '../../../../contract/responses/organizer/reports.js';
import type { productOrderKinds } from '../../../../contract/vocabulary.js';
import type { Db } from '../../db.js';
import { decimalAmount } from '../../domain/csv.js';
import { giftVoucherLabel } from './labels.js';
import { num, periodView, type ReportShop, reportSpan, totalsByCurrency } from './shared.js';

type ProductKind = (typeof productOrderKinds)[number];

interface RawRow {
  kind: ProductKind;
  pass_product_id: string | null;
  pass_name: string | null;
  face_value: number | null;
  currency: string;
  sold: number;
  amount: number;
  cancelled_since: number;
}

/**
 * Passes and gift vouchers sold in the shop in the period: a purchase counts on the day it was
 * paid (card, Stripe or free), never while pending. Passes per product; vouchers per amount,
 * because the amounts are what an accountant reconciles with the vouchers still to be redeemed
 * (what the shop owes), and the kind's total gives the one figure. Like ticket sales, a
 * purchase cancelled since (a card payment that could not be captured) stays in its day and
 * is counted in `cancelledSince`.
 */
export async function productsReport(db: Db, shop: ReportShop, query: ReportPeriodInput): Promise<ProductsReport> {
  const span = reportSpan(shop, query.from, query.to);
  const lang = query.lang ?? shop.defaultLocale;
  const raw = await db.all<RawRow>(sql`
    SELECT po.kind AS kind, po.pass_product_id AS pass_product_id, MAX(pp.name) AS pass_name,
      CASE WHEN po.kind = 'voucher' THEN po.amount END AS face_value, po.currency AS currency,
      COUNT(*) AS sold, SUM(po.amount) AS amount,
      SUM(CASE WHEN po.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled_since
    FROM product_orders po LEFT JOIN pass_products pp ON pp.id = po.pass_product_id
    WHERE po.shop_id = ${shop.id} AND po.paid_at IS NOT NULL AND po.paid_at >= ${span.from} AND po.paid_at < ${span.to}
    GROUP BY po.kind, po.pass_product_id, face_value, po.currency`);
  const rows = raw
    .map((r) => {
      const faceValue = r.face_value === null ? null : num(r.face_value);
      return {
        kind: r.kind,
        passProductId: r.pass_product_id,
        name: r.kind === 'voucher' ? `${giftVoucherLabel[lang]} ${r.currency} ${decimalAmount(faceValue ?? 0)}` : (r.pass_name ?? ''),
        faceValue,
        currency: r.currency,
        sold: num(r.sold),
        amount: num(r.amount),
        cancelledSince: num(r.cancelled_since),
      };
    })
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'pass' ? -1 : 1) || a.currency.localeCompare(b.currency) || (a.faceValue ?? 0) - (b.faceValue ?? 0) || a.name.localeCompare(b.name));
  return { period: periodView(span, shop), rows, totals: totalsByCurrency(rows, ['sold', 'amount', 'cancelledSince'], ['kind']) };
}
