import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { StaffMember } from '../../../contract/responses/organizer/staff.js';
import { shops } from '../../../db/schema/catalog.js';
import { staffMembers, staffSessions, staffSignInLinks } from '../../../db/schema/staff.js';
import { insertWhere } from '../conditional-insert.js';
import { sha256Hex } from '../crypto.js';
import type { Db } from '../db.js';
import { newId, newSessionSecret, newSignInToken } from '../domain/ids.js';
import { MAX_LINKS_PER_WINDOW, SESSION_MAX_MS, SESSION_SEEN_EVERY_MS, SIGN_IN_LINK_MINUTES, sessionIsLive } from '../domain/staff-access.js';
import type { Language } from '../email/messages.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { queueMessageWhere } from './outbox.js';
import { staffMemberView } from './staff-accounts.js';

type MemberRow = typeof staffMembers.$inferSelect;
type LinkMail = { kind: 'staff_sign_in'; minutes: number } | { kind: 'staff_invitation'; minutes: number; invitedBy: string | null };

/**
 * A new sign-in link for a member and the e-mail carrying it, for the batch that asks for it.
 * Both are written only while fewer than MAX_LINKS_PER_WINDOW links of the member were made in
 * the last 15 minutes (the database counts, so concurrent requests cannot pass it): beyond, the
 * request is answered the same and sends nothing, a cap on e-mails to one person.
 */
export async function signInLinkStatements(db: Db, shop: Shop, member: MemberRow, language: Language, now: number, mail: LinkMail = { kind: 'staff_sign_in', minutes: SIGN_IN_LINK_MINUTES }) {
  const token = newSignInToken();
  const tokenHash = await sha256Hex(token);
  const recent = db
    .select({ n: sql`count(*)` })
    .from(staffSignInLinks)
    .where(and(eq(staffSignInLinks.staffId, member.id), gt(staffSignInLinks.createdAt, now - SIGN_IN_LINK_MINUTES * 60_000)));
  // Only for a member still active when the batch runs, and under the cap of links.
  const underCap = sql`(${recent}) < ${MAX_LINKS_PER_WINDOW} AND EXISTS (SELECT 1 FROM ${staffMembers} WHERE ${staffMembers.id} = ${member.id} AND ${staffMembers.revokedAt} IS NULL)`;
  const link = { tokenHash, staffId: member.id, shopId: shop.id, createdAt: now, expiresAt: now + mail.minutes * 60_000, usedAt: null, sessionId: null };
  const facts = { shop: { shopName: shop.name, brandColor: shop.brandColor }, staffName: member.name, link: { token, validMinutes: mail.minutes } };
  const base = { shopId: shop.id, orderId: null, dedupeKey: `${mail.kind}:${tokenHash}`, recipient: member.email, recipientName: member.name, language };
  const message =
    mail.kind === 'staff_sign_in'
      ? { ...base, kind: 'staff_sign_in' as const, payload: facts }
      : { ...base, kind: 'staff_invitation' as const, payload: { ...facts, role: member.role, invitedBy: mail.invitedBy } };
  const linkWritten = sql`EXISTS (SELECT 1 FROM ${staffSignInLinks} WHERE ${staffSignInLinks.tokenHash} = ${tokenHash})`;
  return [insertWhere(db, staffSignInLinks, link, underCap), queueMessageWhere(db, message, now, linkWritten)] as const;
}

/**
 * E-mails a sign-in link to every active membership of the address (one person may work for
 * several shops), in one batch. Nothing is written for an address that is not staff, and the
 * caller answers the same either way.
 */
export async function sendSignInLinks(deps: Deps, email: string, locale: Language | undefined): Promise<void> {
  const { db } = deps.storage;
  const now = deps.now();
  const rows = await db
    .select({ member: staffMembers, shop: shops })
    .from(staffMembers)
    .innerJoin(shops, eq(shops.id, staffMembers.shopId))
    .where(and(eq(staffMembers.email, email), isNull(staffMembers.revokedAt)));
  if (rows.length === 0) return;
  const statements = [];
  for (const { member, shop } of rows) statements.push(...(await signInLinkStatements(db, shop, member, locale ?? shop.defaultLocale, now)));
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

export interface StartedSession {
  secret: string;
  staff: StaffMember;
  shop: { id: string; name: string };
}

const invalidLink = () => new ApiError(401, 'sign_in_link_invalid', 'This sign-in link does not work (it was used, it expired, or it is unknown). Ask for a new one.');

/**
 * Spends a sign-in link and opens a session, in one batch: the link is marked used (only if
 * unused, unexpired and its member active) naming the new session, and the session and the
 * member's last sign-in are written only if the link names it. Two tabs opening one link get
 * one session; the other is refused like any spent link.
 */
export async function startSession(deps: Deps, token: string): Promise<StartedSession> {
  const { db } = deps.storage;
  const now = deps.now();
  if (!/^sil_[A-Za-z0-9_-]{43}$/.test(token)) throw invalidLink();
  const tokenHash = await sha256Hex(token);
  const sessionId = newId('ses');
  const secret = newSessionSecret();
  const spent = sql`EXISTS (SELECT 1 FROM ${staffSignInLinks} WHERE ${staffSignInLinks.tokenHash} = ${tokenHash} AND ${staffSignInLinks.sessionId} = ${sessionId})`;
  const memberOfLink = sql`(SELECT ${staffSignInLinks.staffId} FROM ${staffSignInLinks} WHERE ${staffSignInLinks.tokenHash} = ${tokenHash})`;
  const shopOfLink = sql`(SELECT ${staffSignInLinks.shopId} FROM ${staffSignInLinks} WHERE ${staffSignInLinks.tokenHash} = ${tokenHash})`;
  const [, , member] = await db.batch([
    db
      .update(staffSignInLinks)
      .set({ usedAt: now, sessionId })
      .where(
        and(
          eq(staffSignInLinks.tokenHash, tokenHash),
          isNull(staffSignInLinks.usedAt),
          gt(staffSignInLinks.expiresAt, now),
          sql`EXISTS (SELECT 1 FROM ${staffMembers} WHERE ${staffMembers.id} = ${staffSignInLinks.staffId} AND ${staffMembers.revokedAt} IS NULL)`,
        ),
      ),
    insertWhere(
      db,
      staffSessions,
      { id: sessionId, tokenHash: await sha256Hex(secret), staffId: memberOfLink, shopId: shopOfLink, createdAt: now, lastSeenAt: now, expiresAt: now + SESSION_MAX_MS, revokedAt: null },
      spent,
    ),
    db.update(staffMembers).set({ lastSignInAt: now }).where(and(sql`${staffMembers.id} = ${memberOfLink}`, spent)).returning(),
  ]);
  const row = member[0];
  if (!row) throw invalidLink();
  const [shop] = await db.select({ id: shops.id, name: shops.name }).from(shops).where(eq(shops.id, row.shopId));
  return { secret, staff: staffMemberView(row), shop: shop! };
}

/** A live session with its member and shop, as the organizer middleware needs it. */
export interface ResolvedSession {
  sessionId: string;
  member: MemberRow;
}

/**
 * The session of a cookie, if it still admits: not revoked, not idle 12 hours, not older than
 * 7 days, its member active. Its last_seen_at moves at most once a minute (a conditional write),
 * so a console polling every second writes once a minute, not every second.
 */
export async function resolveSession(deps: Deps, secret: string): Promise<ResolvedSession | null> {
  const { db } = deps.storage;
  const now = deps.now();
  const [row] = await db
    .select({ session: staffSessions, member: staffMembers })
    .from(staffSessions)
    .innerJoin(staffMembers, eq(staffMembers.id, staffSessions.staffId))
    .where(eq(staffSessions.tokenHash, await sha256Hex(secret)));
  if (!row || row.member.revokedAt !== null || !sessionIsLive(row.session, now)) return null;
  if (now - row.session.lastSeenAt >= SESSION_SEEN_EVERY_MS) {
    await db
      .update(staffSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(staffSessions.id, row.session.id), lt(staffSessions.lastSeenAt, now - SESSION_SEEN_EVERY_MS + 1)));
  }
  return { sessionId: row.session.id, member: row.member };
}

/** Ends the session of a cookie (sign-out); unknown or already ended changes nothing. */
export async function endSession(deps: Deps, secret: string): Promise<void> {
  const { db } = deps.storage;
  await db
    .update(staffSessions)
    .set({ revokedAt: deps.now() })
    .where(and(eq(staffSessions.tokenHash, await sha256Hex(secret)), isNull(staffSessions.revokedAt)));
}
