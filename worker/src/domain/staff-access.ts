import type { StaffRole } from '../../../contract/permissions.js';

/** A sign-in link asked for on the sign-in page works this long, once. */
export const SIGN_IN_LINK_MINUTES = 15;
/**
 * An invitation's link lives longer: it waits in a mailbox until the person invited reads it
 * (a weekend). It still works once; after it, or once it lapsed, they ask for a sign-in link.
 */
export const INVITATION_LINK_MINUTES = 72 * 60;
/** At most this many links per staff member in SIGN_IN_LINK_MINUTES (the database counts). */
export const MAX_LINKS_PER_WINDOW = 5;

export const SESSION_IDLE_MS = 12 * 60 * 60_000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60_000;
/** last_seen_at is written at most this often per session (enough for a 12-hour idle limit). */
export const SESSION_SEEN_EVERY_MS = 60_000;

export interface SessionTimes {
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** Whether a session still admits its browser: not revoked, used within 12 hours, younger than 7 days. */
export function sessionIsLive(session: SessionTimes, now: number): boolean {
  return session.revokedAt === null && now < session.expiresAt && now - session.lastSeenAt < SESSION_IDLE_MS;
}

/**
 * The most a role may refund in one staff cancellation: undefined, no limit (owner, manager);
 * the box office, the shop's limit, and nothing at all while the owner has set none.
 */
export function refundLimitOf(role: StaffRole, boxOfficeRefundLimit: number | null): number | undefined {
  if (role !== 'box_office') return undefined;
  return boxOfficeRefundLimit ?? 0;
}

/** The console's session cookie. `__Host-` binds it to this origin, path / and Secure. */
export const SESSION_COOKIE = '__Host-staff_session';
