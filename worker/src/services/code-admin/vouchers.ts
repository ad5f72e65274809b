import type { IssueVoucherInput } from '../../../../contract/codes.js';
import { and, desc, eq, sql } from 'drizzle-orm';
import { codeUses, giftVouchers } from '../../../../db/schema/codes.js';
import { orders } from '../../../../db/schema/orders.js';
import type { Db } from '../../db.js';
import { newId } from '../../domain/ids.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import { byRef, insertWithCode, iso, liveUse, liveUsesOf, newSecretCode, page, type PageQuery, codeFilter, pageFilter, queueCodeMessage } from './shared.js';
import type { VoucherDetail, VoucherList, VoucherView } from '../../../../contract/responses/organizer/codes.js';

export type VoucherRow = typeof giftVouchers.$inferSelect;

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------
// Gift vouchers.

export function voucherView(v: VoucherRow, redeemed: number, now: number) {
  const expired = v.expiresAt !== null && v.expiresAt <= now;
  return {
    id: v.id,
    code: v.code,
    initialAmount: v.initialAmount,
    currency: v.currency,
    /** The initial amount minus live redemptions (paid orders and carts holding it now). */
    balance: v.initialAmount - redeemed,
    redeemed,
    expiresAt: iso(v.expiresAt),
    /** `expired` is derived from expiresAt; the stored status stays active. */
    status: v.status === 'active' && expired ? ('expired' as const) : v.status,
    source: v.source,
    note: v.note,
    createdAt: iso(v.createdAt)!,
  };
}

/** Default expiry of a new voucher: the shop's validity in days from now. */
export const voucherExpiry = (shop: Pick<Shop, 'voucherValidityDays'>, now: number) => now + shop.voucherValidityDays * DAY;

export function insertVoucherStatement(db: Db, row: typeof giftVouchers.$inferInsert) {
  return db.insert(giftVouchers).values(row).returning();
}

export type { IssueVoucherInput };

/** A voucher issued by the organizer; with recipientEmail the recipient gets its code by e-mail, in the same batch. */
export async function issueVoucher(db: Db, shop: Shop, input: IssueVoucherInput, now: number): Promise<VoucherView> {
  if (input.expiresAt != null && input.expiresAt <= now) throw new ApiError(400, 'invalid_window', 'expiresAt must be in the future.');
  const id = newId('vch');
  const expiresAt = input.expiresAt === undefined ? voucherExpiry(shop, now) : input.expiresAt;
  const { results } = await insertWithCode<[VoucherRow[]]>(db, shop.id, 'voucher', id, input.code, newSecretCode, (code) => [
    insertVoucherStatement(db, { id, shopId: shop.id, code, initialAmount: input.amount, currency: shop.currency, expiresAt, source: 'issued', note: input.note, createdAt: now }),
    ...(input.recipientEmail && input.recipientName
      ? [
          queueCodeMessage(
            db,
            {
              shopId: shop.id,
              kind: 'voucher_issued',
              dedupeKey: `voucher_issued:${id}`,
              recipient: input.recipientEmail,
              recipientName: input.recipientName,
              language: input.language ?? shop.defaultLocale,
              payload: {
                sale: { shopId: shop.id, shopName: shop.name, brandColor: shop.brandColor, timeZone: shop.timeZone, currency: shop.currency, orderNumber: null, buyerName: input.recipientName, amount: 0 },
                voucher: { code, amount: input.amount, recipientName: input.recipientName, expiresAt },
              },
            },
            now,
          ),
        ]
      : []),
  ]);
  return voucherView(results[0][0]!, 0, now);
}

async function redeemedOf(db: Db, shopId: string, ids: string[], now: number) {
  const grouped = byRef(await liveUsesOf(db, shopId, ids, now));
  return (id: string) => (grouped.get(id) ?? []).reduce((n, r) => n + Number(r.amount), 0);
}

export async function listVouchers(db: Db, shopId: string, query: PageQuery, now: number): Promise<VoucherList> {
  const rows = await db
    .select()
    .from(giftVouchers)
    .where(and(eq(giftVouchers.shopId, shopId), codeFilter(giftVouchers, shopId, query.code), pageFilter(giftVouchers, query.cursor)))
    .orderBy(desc(giftVouchers.createdAt), desc(giftVouchers.id))
    .limit(query.limit + 1);
  const { shown, nextCursor } = page(rows, query.limit);
  const redeemed = await redeemedOf(db, shopId, shown.map((v) => v.id), now);
  return { vouchers: shown.map((v) => voucherView(v, redeemed(v.id), now)), nextCursor };
}

async function voucherOf(db: Db, shopId: string, id: string) {
  const [row] = await db
    .select()
    .from(giftVouchers)
    .where(and(eq(giftVouchers.id, id), eq(giftVouchers.shopId, shopId)));
  if (!row) throw new ApiError(404, 'voucher_not_found', 'There is no voucher with this id in your shop.');
  return row;
}

/** One voucher with every redemption: live ones count against the balance, released ones are shown for the record. */
export async function getVoucher(db: Db, shopId: string, id: string, now: number): Promise<VoucherDetail> {
  const voucher = await voucherOf(db, shopId, id);
  const rows = await db
    .select({
      id: codeUses.id,
      state: codeUses.state,
      live: sql<number>`${liveUse(now)}`,
      amount: codeUses.amount,
      performanceId: codeUses.performanceId,
      orderNumber: orders.number,
      createdAt: codeUses.createdAt,
    })
    .from(codeUses)
    .leftJoin(orders, eq(orders.id, codeUses.orderId))
    .where(and(eq(codeUses.shopId, shopId), eq(codeUses.refId, id)))
    .orderBy(desc(codeUses.createdAt));
  const redeemed = rows.filter((r) => Number(r.live) === 1).reduce((n, r) => n + r.amount, 0);
  return {
    ...voucherView(voucher, redeemed, now),
    redemptions: rows.map((r) => ({
      id: r.id,
      // A held use whose cart lapsed counts as released, as it no longer takes anything.
      state: Number(r.live) === 1 ? r.state : ('released' as const),
      amount: r.amount,
      orderNumber: r.orderNumber,
      performanceId: r.performanceId,
      createdAt: iso(r.createdAt)!,
    })),
  };
}

export async function updateVoucher(db: Db, shopId: string, id: string, patch: { status?: 'cancelled' | undefined; note?: string | undefined }, now: number): Promise<VoucherDetail> {
  await voucherOf(db, shopId, id);
  if (Object.keys(patch).length) {
    await db
      .update(giftVouchers)
      .set(patch)
      .where(and(eq(giftVouchers.id, id), eq(giftVouchers.shopId, shopId)));
  }
  return getVoucher(db, shopId, id, now);
}
