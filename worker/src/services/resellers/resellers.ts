import { and, asc, eq, sql } from 'drizzle-orm';
import type { ResellerInput, ResellerPatchInput } from '../../../../contract/resellers.js';
import type { ResellerView } from '../../../../contract/responses/organizer/resellers.js';
import { resellers } from '../../../../db/schema/resellers.js';
import type { Db } from '../../db.js';
import { newId } from '../../domain/ids.js';
import { ApiError } from '../../errors.js';

type ResellerRow = typeof resellers.$inferSelect;

export const resellerView = (row: ResellerRow): ResellerView => ({
  id: row.id,
  name: row.name,
  email: row.email,
  commissionBps: row.commissionBps,
  status: row.status,
  createdAt: new Date(row.createdAt).toISOString(),
});

export const resellerNotFound = () => new ApiError(404, 'reseller_not_found', 'There is no reseller with this id in this shop.');

export async function listResellers(db: Db, shopId: string): Promise<ResellerView[]> {
  const rows = await db
    .select()
    .from(resellers)
    .where(eq(resellers.shopId, shopId))
    .orderBy(sql`${resellers.status} = 'archived'`, asc(resellers.name), asc(resellers.createdAt));
  return rows.map(resellerView);
}

export async function loadReseller(db: Db, shopId: string, resellerId: string): Promise<ResellerRow> {
  const [row] = await db
    .select()
    .from(resellers)
    .where(and(eq(resellers.id, resellerId), eq(resellers.shopId, shopId)));
  if (!row) throw resellerNotFound();
  return row;
}

export async function createReseller(db: Db, shopId: string, input: ResellerInput, now: number): Promise<ResellerView> {
  const row: ResellerRow = { id: newId('rsl'), shopId, name: input.name, email: input.email.toLowerCase(), commissionBps: input.commissionBps, status: 'active', createdAt: now };
  await db.insert(resellers).values(row);
  return resellerView(row);
}

/** One conditional update: the reseller must be this shop's; the answer is the row it wrote. */
export async function updateReseller(db: Db, shopId: string, resellerId: string, patch: ResellerPatchInput): Promise<ResellerView> {
  const set: Partial<ResellerRow> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.email !== undefined) set.email = patch.email.toLowerCase();
  if (patch.commissionBps !== undefined) set.commissionBps = patch.commissionBps;
  if (patch.status !== undefined) set.status = patch.status;
  const [row] = await db
    .update(resellers)
    .set(set)
    .where(and(eq(resellers.id, resellerId), eq(resellers.shopId, shopId)))
    .returning();
  if (!row) throw resellerNotFound();
  return resellerView(row);
}

/** SQL true while the reseller is this shop's and active: new tokens and quotas are conditional on it. */
export const resellerActive = (shopId: string, resellerId: string) =>
  sql`EXISTS (SELECT 1 FROM ${resellers} WHERE ${resellers.id} = ${resellerId} AND ${resellers.shopId} = ${shopId} AND ${resellers.status} = 'active')`;
