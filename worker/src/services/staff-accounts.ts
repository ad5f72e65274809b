import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { StaffRole } from '../../../contract/permissions.js';
import type { StaffMember } from '../../../contract/responses/organizer/staff.js';
import type { InviteStaffInput, StaffPatchInput } from '../../../contract/staff.js';

import { staffMembers, staffSessions } from '../../../db/schema/staff.js';
import { type Db, isUniqueViolation } from '../db.js';
import { INVITATION_LINK_MINUTES } from '../domain/staff-access.js';
import { newId } from '../domain/ids.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { OrgActor } from '../middleware/organizer-auth.js';
import { signInLinkStatements } from './staff-sign-in.js';

type MemberRow = typeof staffMembers.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function staffMemberView(row: MemberRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.revokedAt === null ? 'active' : 'revoked',
    createdAt: new Date(row.createdAt).toISOString(),
    lastSignInAt: iso(row.lastSignInAt),
    revokedAt: iso(row.revokedAt),
  };
}

const notFound = () => new ApiError(404, 'staff_member_not_found', 'There is no active staff member with this id in this shop.');
const lastOwner = () => new ApiError(409, 'last_owner', 'This is the shop’s last active owner: make another staff member owner first.');

/** Active members first, then revoked ones; each group by name. */
export async function listStaff(db: Db, shopId: string): Promise<StaffMember[]> {
  const rows = await db
    .select()
    .from(staffMembers)
    .where(eq(staffMembers.shopId, shopId))
    .orderBy(sql`${staffMembers.revokedAt} IS NOT NULL`, asc(staffMembers.name), asc(staffMembers.createdAt));
  return rows.map(staffMemberView);
}

/**
 * Invites a staff member: the member, a sign-in link valid 72 hours and the invitation e-mail
 * in one batch. An active member with the address already (the partial UNIQUE index decides,
 * not a read) is 409 staff_member_exists.
 */
export async function inviteStaff(deps: Deps, shop: Shop, input: InviteStaffInput, actor: OrgActor): Promise<StaffMember> {
  if (input.role === 'reseller') throw resellerNotStaff();
  const { db } = deps.storage;
  const now = deps.now();
  const member: MemberRow = {
    id: newId('stf'),
    shopId: shop.id,
    email: input.email,
    name: input.name,
    role: input.role,
    createdAt: now,
    createdBy: actor.id,
    revokedAt: null,
    lastSignInAt: null,
  };
  const link = await signInLinkStatements(db, shop, member, input.locale ?? shop.defaultLocale, now, {
    kind: 'staff_invitation',
    minutes: INVITATION_LINK_MINUTES,
    invitedBy: actor.label,
  });
  try {
    await db.batch([db.insert(staffMembers).values(member), ...link]);
  } catch (err) {
    if (isUniqueViolation(err, 'staff_members')) throw new ApiError(409, 'staff_member_exists', `${input.email} is already an active staff member of this shop.`);
    throw err;
  }
  return staffMemberView(member);
}

/**
 * The shop keeps an active owner: a write that demotes or revokes an owner carries this in its
 * WHERE, so the database decides between two concurrent demotions (the second finds no other
 * owner and changes nothing).
 */
function anotherActiveOwner(shopId: string, staffId: string) {
  return sql`EXISTS (SELECT 1 FROM staff_members AS other WHERE other.shop_id = ${shopId} AND other.role = 'owner' AND other.revoked_at IS NULL AND other.id <> ${staffId})`;
}

/** A reseller is a partner's API token, not a person signing in to the console. */
const resellerNotStaff = () =>
  new ApiError(400, 'role_not_for_staff', 'The reseller role is for a reseller’s API token, not for a staff member: create the reseller, then a token for it.');

const isOwnerNow = sql`${staffMembers.role} = 'owner'`;

/** Why a conditional write on a member changed nothing: no such active member, or they are the last owner. */
async function refusal(db: Db, shopId: string, staffId: string): Promise<ApiError> {
  const [row] = await db.select().from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.shopId, shopId), isNull(staffMembers.revokedAt)));
  return row ? lastOwner() : notFound();
}

/** Renames a member or changes their role; demoting the last active owner is refused (409 last_owner). */
export async function updateStaff(db: Db, shopId: string, staffId: string, patch: StaffPatchInput): Promise<StaffMember> {
  if (patch.role === 'reseller') throw resellerNotStaff();
  const keepsOwner = patch.role === undefined || patch.role === 'owner' ? sql`1` : sql`(NOT ${isOwnerNow} OR ${anotherActiveOwner(shopId, staffId)})`;
  const set: { name?: string; role?: StaffRole } = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.role !== undefined) set.role = patch.role;
  const [row] = await db
    .update(staffMembers)
    .set(set)
    .where(and(eq(staffMembers.id, staffId), eq(staffMembers.shopId, shopId), isNull(staffMembers.revokedAt), keepsOwner))
    .returning();
  if (!row) throw await refusal(db, shopId, staffId);
  return staffMemberView(row);
}

/** Revokes a member and, in the same batch, every session of theirs; never the last active owner. */
export async function revokeStaff(db: Db, shopId: string, staffId: string, now: number): Promise<StaffMember> {
  const [revoked] = await db.batch([
    db
      .update(staffMembers)
      .set({ revokedAt: now })
      .where(and(eq(staffMembers.id, staffId), eq(staffMembers.shopId, shopId), isNull(staffMembers.revokedAt), sql`(NOT ${isOwnerNow} OR ${anotherActiveOwner(shopId, staffId)})`))
      .returning(),
    // The sessions of this shop's member, once the member is revoked (by the statement above, or before).
    db
      .update(staffSessions)
      .set({ revokedAt: now })
      .where(
        and(
          eq(staffSessions.staffId, staffId),
          isNull(staffSessions.revokedAt),
          sql`EXISTS (SELECT 1 FROM ${staffMembers} WHERE ${staffMembers.id} = ${staffId} AND ${staffMembers.shopId} = ${shopId} AND ${staffMembers.revokedAt} IS NOT NULL)`,
        ),
      ),
  ]);
  const row = revoked[0];
  if (!row) throw await refusal(db, shopId, staffId);
  return staffMemberView(row);
}

/** Ends every live session of a member of this shop (sign out everywhere); how many there were. */
export async function revokeSessionsOf(db: Db, shopId: string, staffId: string, now: number): Promise<number> {
  const [member] = await db.select({ id: staffMembers.id }).from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.shopId, shopId)));
  if (!member) throw new ApiError(404, 'staff_member_not_found', 'There is no staff member with this id in this shop.');
  const rows = await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.staffId, staffId), eq(staffSessions.shopId, shopId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return rows.length;
}

/** A shop's first owner (shop:create --owner-email, the demo seed): the statement for the shop's creating batch. */
export function firstOwnerStatement(db: Db, shopId: string, owner: { email: string; name: string }, now: number) {
  return db.insert(staffMembers).values({ id: newId('stf'), shopId, email: owner.email.trim().toLowerCase(), name: owner.name, role: 'owner', createdAt: now, createdBy: null });
}

