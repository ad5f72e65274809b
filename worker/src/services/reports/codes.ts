import { inArray, sql } from 'drizzle-orm';
import { accessPasses, giftVouchers, passProducts, promoCodes } from '../../../../db/schema/codes.js';
import type { ReportPeriodInput } from '../../../../contract/reports.js';
import type { CodesReport } from '../../../../contract/responses/organizer/reports.js';
import type { codeKinds } from '../../../../contract/vocabulary.js';
import type { Db } from '../../db.js';
import { byIds, num, periodView, type ReportShop, reportSpan, totalsByCurrency } from './shared.js';

type CodeKind = (typeof codeKinds)[number];

interface RawRow {
  kind: CodeKind;
  code: string;
  ref_id: string;
  currency: string;
  uses: number;
  tickets: number;
  amount: number;
}

const kindOrder: Record<CodeKind, number> = { promo: 0, pass: 1, voucher: 2 };

/**
 * The codes used by the orders paid in the period (the codes an order applied are stored on
 * it): how many orders, and what each did as the order was priced: the promo code's discount
 * line, the pass's line (the list price of the tickets it booked), the amount a gift voucher
 * paid. Figures are as sold; a later cancellation gives codes back without changing them.
 */
export async function codesReport(db: Db, shop: ReportShop, query: ReportPeriodInput): Promise<CodesReport> {
  const span = reportSpan(shop, query.from, query.to);
  const line = (field: string) => sql.raw(`json_extract(l.value, '$.${field}')`);
  const ownLines = sql`FROM json_each(o.lines) l WHERE ${line('kind')} IN ('discount', 'pass') AND ${line('code')} = c.code`;
  const raw = await db.all<RawRow>(sql`
    SELECT c.kind AS kind, c.code AS code, c.ref_id AS ref_id, o.currency AS currency, COUNT(*) AS uses,
      SUM(COALESCE((SELECT SUM(${line('quantity')}) ${ownLines}), 0)) AS tickets,
      SUM(COALESCE((SELECT -SUM(${line('amount')}) ${ownLines}), 0)
        + COALESCE((SELECT SUM(u.amount) FROM code_uses u WHERE u.order_id = o.id AND u.ref_id = c.ref_id AND u.kind = 'voucher'), 0)) AS amount
    FROM orders o
    JOIN json_each(o.codes) oc
    JOIN codes c ON c.shop_id = o.shop_id AND c.code = oc.value
    WHERE o.shop_id = ${shop.id} AND o.paid_at >= ${span.from} AND o.paid_at < ${span.to}
    GROUP BY c.kind, c.code, c.ref_id, o.currency`);
  const refs = (kind: CodeKind) => raw.filter((r) => r.kind === kind).map((r) => r.ref_id);
  const names = new Map<string, string>();
  for (const p of await byIds(refs('promo'), (ids) => db.select({ id: promoCodes.id, name: promoCodes.name }).from(promoCodes).where(inArray(promoCodes.id, ids)))) names.set(p.id, p.name);
  const passes = await byIds(refs('pass'), (ids) =>
    db
      .select({ id: accessPasses.id, holder: accessPasses.holderName, product: passProducts.name })
      .from(accessPasses)
      .innerJoin(passProducts, sql`${passProducts.id} = ${accessPasses.productId}`)
      .where(inArray(accessPasses.id, ids)),
  );
  for (const p of passes) names.set(p.id, `${p.product} · ${p.holder}`);
  for (const g of await byIds(refs('voucher'), (ids) => db.select({ id: giftVouchers.id, note: giftVouchers.note }).from(giftVouchers).where(inArray(giftVouchers.id, ids)))) names.set(g.id, g.note);

  const rows = raw
    .map((r) => ({
      kind: r.kind,
      code: r.code,
      name: names.get(r.ref_id) ?? '',
      currency: r.currency,
      uses: num(r.uses),
      // A voucher pays; it books no ticket.
      tickets: r.kind === 'voucher' ? 0 : num(r.tickets),
      amount: num(r.amount),
    }))
    .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.code.localeCompare(b.code) || a.currency.localeCompare(b.currency));
  return { period: periodView(span, shop), rows, totals: totalsByCurrency(rows, ['uses', 'tickets', 'amount'], ['kind']) };
}
