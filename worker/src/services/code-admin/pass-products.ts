import type { IssuePassInput } from '../../../../contract/codes.js';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { accessPasses, passProducts } from '../../../../db/schema/codes.js';
import type { Db } from '../../db.js';
import { newId } from '../../domain/ids.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import { assertScopeOf, byRef, inSlices, insertWithCode, iso, liveUsesOf, newSecretCode, page, type PageQuery, codeFilter, pageFilter, queueCodeMessage } from './shared.js';
import type { PassList, PassProductList, PassProductView, PassView } from '../../../../contract/responses/organizer/codes.js';

export type PassProductRow = typeof passProducts.$inferSelect;
export type PassRow = typeof accessPasses.$inferSelect;

// ---------------------------------------------------------------------------------------
// Pass products and passes.

export function passProductView(p: PassProductRow, sold?: number) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    price: p.price,
    eventIds: p.eventIds,
    performanceIds: p.performanceIds,
    zoneIds: p.zoneIds,
    maxPerformances: p.maxPerformances,
    seatsPerPerformance: p.seatsPerPerformance,
    validUntil: iso(p.validUntil),
    onSale: p.onSale,
    ...(sold !== undefined ? { passesIssued: sold } : {}),
    createdAt: iso(p.createdAt)!,
  };
}

async function passProductOf(db: Db, shopId: string, id: string) {
  const [row] = await db
    .select()
    .from(passProducts)
    .where(and(eq(passProducts.id, id), eq(passProducts.shopId, shopId)));
  if (!row) throw new ApiError(404, 'pass_product_not_found', 'There is no pass product with this id in your shop.');
  return row;
}

export async function listPassProducts(db: Db, shopId: string): Promise<PassProductList> {
  const rows = await db.select().from(passProducts).where(eq(passProducts.shopId, shopId)).orderBy(desc(passProducts.createdAt));
  const counts = await db
    .select({ productId: accessPasses.productId, n: sql<number>`count(*)` })
    .from(accessPasses)
    .where(and(eq(accessPasses.shopId, shopId), eq(accessPasses.status, 'active')))
    .groupBy(accessPasses.productId);
  const sold = new Map(counts.map((c) => [c.productId, Number(c.n)]));
  return { passProducts: rows.map((p) => passProductView(p, sold.get(p.id) ?? 0)) };
}

export type PassProductInput = Omit<typeof passProducts.$inferInsert, 'id' | 'shopId' | 'createdAt'>;

export async function createPassProduct(db: Db, shopId: string, input: PassProductInput, now: number): Promise<PassProductView> {
  await assertScopeOf(db, shopId, input);
  const [row] = await db
    .insert(passProducts)
    .values({ ...input, id: newId('pps'), shopId, createdAt: now })
    .returning();
  return passProductView(row!, 0);
}

export async function updatePassProduct(db: Db, shopId: string, id: string, patch: Partial<PassProductInput>): Promise<PassProductView> {
  const current = await passProductOf(db, shopId, id);
  await assertScopeOf(db, shopId, patch);
  const [row] = Object.keys(patch).length
    ? await db
        .update(passProducts)
        .set(patch)
        .where(and(eq(passProducts.id, id), eq(passProducts.shopId, shopId)))
        .returning()
    : [current];
  return passProductView(row!);
}

/** What a pass has used: performances (of its limit) and seats per performance, from live uses. */
function passUsage(rows: { performanceId: string; tickets: number }[]) {
  const perPerformance = rows.filter((r) => Number(r.tickets) > 0).map((r) => ({ performanceId: r.performanceId, seats: Number(r.tickets) }));
  return { performancesUsed: perPerformance.length, seatsUsed: perPerformance.reduce((n, r) => n + r.seats, 0), perPerformance };
}

export function passView(p: PassRow, product: Pick<PassProductRow, 'name' | 'maxPerformances' | 'seatsPerPerformance'> | undefined, usage: ReturnType<typeof passUsage>) {
  return {
    id: p.id,
    productId: p.productId,
    productName: product?.name ?? null,
    code: p.code,
    holderName: p.holderName,
    holderEmail: p.holderEmail,
    status: p.status,
    validUntil: iso(p.validUntil),
    source: p.productOrderId ? ('sold' as const) : ('issued' as const),
    maxPerformances: product?.maxPerformances ?? null,
    seatsPerPerformance: product?.seatsPerPerformance ?? null,
    usage,
    createdAt: iso(p.createdAt)!,
  };
}

export type { IssuePassInput };

/** The statement that creates a pass; its registry row comes with insertWithCode. */
export function insertPassStatement(db: Db, row: typeof accessPasses.$inferInsert) {
  return db.insert(accessPasses).values(row).returning();
}

/** A pass issued at the box office or as a gift; with holderEmail the holder gets its code by e-mail, in the same batch. */
export async function issuePass(db: Db, shop: Shop, input: IssuePassInput, now: number): Promise<PassView> {
  const shopId = shop.id;
  const product = await passProductOf(db, shopId, input.productId);
  const id = newId('pas');
  const validUntil = input.validUntil === undefined ? product.validUntil : input.validUntil;
  const { results } = await insertWithCode<[PassRow[]]>(db, shopId, 'pass', id, input.code, newSecretCode, (code) => [
    insertPassStatement(db, { id, shopId, productId: product.id, code, holderName: input.holderName, holderEmail: input.holderEmail, validUntil, createdAt: now }),
    ...(input.holderEmail && input.notifyHolder
      ? [
          queueCodeMessage(
            db,
            {
              shopId,
              kind: 'pass_issued',
              dedupeKey: `pass_issued:${id}`,
              recipient: input.holderEmail,
              recipientName: input.holderName,
              language: input.language ?? shop.defaultLocale,
              payload: {
                sale: { shopId, shopName: shop.name, brandColor: shop.brandColor, timeZone: shop.timeZone, currency: shop.currency, orderNumber: null, buyerName: input.holderName, amount: 0 },
                pass: {
                  code,
                  productName: product.name,
                  description: product.description,
                  holderName: input.holderName,
                  maxPerformances: product.maxPerformances,
                  seatsPerPerformance: product.seatsPerPerformance,
                  validUntil,
                },
              },
            },
            now,
          ),
        ]
      : []),
  ]);
  return passView(results[0][0]!, product, passUsage([]));
}

async function passesWithUsage(db: Db, shopId: string, rows: PassRow[], now: number) {
  const productIds = [...new Set(rows.map((r) => r.productId))];
  const products = await inSlices(productIds, (slice) => db.select().from(passProducts).where(and(eq(passProducts.shopId, shopId), inArray(passProducts.id, slice))));
  const productById = new Map(products.map((p) => [p.id, p]));
  const uses = byRef(await liveUsesOf(db, shopId, rows.map((r) => r.id), now));
  return rows.map((p) => passView(p, productById.get(p.productId), passUsage(uses.get(p.id) ?? [])));
}

export async function listPasses(db: Db, shopId: string, query: PageQuery & { productId?: string | undefined }, now: number): Promise<PassList> {
  const rows = await db
    .select()
    .from(accessPasses)
    .where(and(eq(accessPasses.shopId, shopId), query.productId ? eq(accessPasses.productId, query.productId) : undefined, codeFilter(accessPasses, shopId, query.code), pageFilter(accessPasses, query.cursor)))
    .orderBy(desc(accessPasses.createdAt), desc(accessPasses.id))
    .limit(query.limit + 1);
  const { shown, nextCursor } = page(rows, query.limit);
  return { passes: await passesWithUsage(db, shopId, shown, now), nextCursor };
}

export async function updatePass(db: Db, shopId: string, id: string, patch: { status?: 'cancelled' | undefined; holderName?: string | undefined; holderEmail?: string | null | undefined }, now: number): Promise<PassView> {
  const [current] = await db
    .select()
    .from(accessPasses)
    .where(and(eq(accessPasses.id, id), eq(accessPasses.shopId, shopId)));
  if (!current) throw new ApiError(404, 'pass_not_found', 'There is no pass with this id in your shop.');
  // Cancelling stops new bookings; seats already booked with it stay booked.
  const [row] = Object.keys(patch).length
    ? await db
        .update(accessPasses)
        .set(patch)
        .where(and(eq(accessPasses.id, id), eq(accessPasses.shopId, shopId)))
        .returning()
    : [current];
  return (await passesWithUsage(db, shopId, [row!], now))[0]!;
}
