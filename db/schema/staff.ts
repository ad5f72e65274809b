import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffActorKinds, staffRoles } from '../../contract/vocabulary.js';
import { shops } from './catalog.js';
export { staffActorKinds, staffRoles };

/**
 * A person who signs in to the console of one shop, with one role (contract/permissions.ts).
 * The address is stored trimmed and lower case; among active members it is unique per shop (a
 * partial index), so a revoked member can be invited again as a new member.
 */
export const staffMembers = sqliteTable(
  'staff_members',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** The staff member or token that invited them (its id); null for a shop's first owner. */
    createdBy: text('created_by'),
    revokedAt: integer('revoked_at'),
    lastSignInAt: integer('last_sign_in_at'),
  },
  (t) => [
    uniqueIndex('staff_members_active_email_uq').on(t.shopId, t.email).where(sql`revoked_at IS NULL`),
    index('staff_members_email_idx').on(t.email),
  ],
);

/**
 * A one-time sign-in link, stored as the SHA-256 of its token. Spending it is a conditional
 * update (unused and unexpired) whose changed-row count decides, in the batch that opens the session.
 */
export const staffSignInLinks = sqliteTable(
  'staff_sign_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffMembers.id),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    /** The session it opened: the session's insert is conditional on the link naming it. */
    sessionId: text('session_id'),
  },
  (t) => [index('staff_sign_in_links_staff_idx').on(t.staffId, t.createdAt)],
);

/**
 * A console session: the cookie's value is random, only its SHA-256 is stored. It ends 12 hours
 * after it was last seen, 7 days after it began, or when revoked (sign-out, the member revoked).
 */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffMembers.id),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    createdAt: integer('created_at').notNull(),
    /** Refreshed at most once a minute (a conditional write), not on every request. */
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('staff_sessions_token_hash_uq').on(t.tokenHash), index('staff_sessions_staff_idx').on(t.staffId)],
);

/**
 * Who changed what: one row per organizer write that succeeded, by a staff member or a token,
 * with the role it had then. The path is the concrete one; queries and bodies (personal data)
 * are never kept.
 */
export const staffActivity = sqliteTable(
  'staff_activity',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    at: integer('at').notNull(),
    actorKind: text('actor_kind', { enum: staffActorKinds }).notNull(),
    actorId: text('actor_id').notNull(),
    /** The member's name or the token's label at the time. */
    actorLabel: text('actor_label').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    operation: text('operation').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
  },
  (t) => [index('staff_activity_shop_at_idx').on(t.shopId, t.at, t.id)],
);
