import { and, eq, inArray } from 'drizzle-orm';
import { accessPasses, codes, giftVouchers, passProducts, promoCodes } from '../../../db/schema/codes.js';
import type { Db } from '../db.js';

export type PromoRow = typeof promoCodes.$inferSelect;
export type PassRow = typeof accessPasses.$inferSelect;
export type PassProductRow = typeof passProducts.$inferSelect;
export type VoucherRow = typeof giftVouchers.$inferSelect;
export type CodeKind = (typeof codes.$inferSelect)['kind'];

/** A code of the shop's registry with the promo code, pass or voucher it names. */
export type ResolvedCode =
  | { kind: 'promo'; code: string; refId: string; promo: PromoRow }
  | { kind: 'pass'; code: string; refId: string; pass: PassRow; product: PassProductRow }
  | { kind: 'voucher'; code: string; refId: string; voucher: VoucherRow };

/** The code a buyer typed (already normalized), through the shop's registry; null when unknown. */
export async function lookupCode(db: Db, shopId: string, normalized: string): Promise<ResolvedCode | null> {
  const [entry] = await db
    .select()
    .from(codes)
    .where(and(eq(codes.shopId, shopId), eq(codes.code, normalized)));
  if (!entry) return null;
  const [resolved] = await resolveCodes(db, shopId, [{ kind: entry.kind, refId: entry.refId }]);
  return resolved ?? null;
}

/** Loads the promo codes, passes and vouchers named by (kind, id), one query per kind, in the order asked. */
export async function resolveCodes(db: Db, shopId: string, refs: readonly { kind: CodeKind; refId: string }[]): Promise<ResolvedCode[]> {
  const idsOf = (kind: CodeKind) => refs.filter((r) => r.kind === kind).map((r) => r.refId);
  const promoIds = idsOf('promo');
  const passIds = idsOf('pass');
  const voucherIds = idsOf('voucher');
  const [promos, passes, vouchers] = await Promise.all([
    promoIds.length ? db.select().from(promoCodes).where(and(eq(promoCodes.shopId, shopId), inArray(promoCodes.id, promoIds))) : [],
    passIds.length
      ? db
          .select({ pass: accessPasses, product: passProducts })
          .from(accessPasses)
          .innerJoin(passProducts, eq(passProducts.id, accessPasses.productId))
          .where(and(eq(accessPasses.shopId, shopId), inArray(accessPasses.id, passIds)))
      : [],
    voucherIds.length ? db.select().from(giftVouchers).where(and(eq(giftVouchers.shopId, shopId), inArray(giftVouchers.id, voucherIds))) : [],
  ]);
  const found = new Map<string, ResolvedCode>();
  for (const promo of promos) found.set(promo.id, { kind: 'promo', code: promo.code, refId: promo.id, promo });
  for (const { pass, product } of passes) found.set(pass.id, { kind: 'pass', code: pass.code, refId: pass.id, pass, product });
  for (const voucher of vouchers) found.set(voucher.id, { kind: 'voucher', code: voucher.code, refId: voucher.id, voucher });
  return refs.flatMap((r) => found.get(r.refId) ?? []);
}
