import * as v from 'valibot';
import { staffActorKinds, staffMemberStatuses, staffRoles } from '../../vocabulary.js';
import { Amount, Count, Currency, IsoTime, Locale } from '../shared.js';

const Role = v.picklist(staffRoles);

/** A staff member as the owner sees them (never their sessions' secrets). */
export const StaffMember = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: Role,
  status: v.picklist(staffMemberStatuses),
  createdAt: IsoTime,
  lastSignInAt: v.nullable(IsoTime),
  revokedAt: v.nullable(IsoTime),
});

export const StaffList = v.object({ staff: v.array(StaffMember) });

/** Always the same answer, whether or not the address belongs to staff. */
export const SignInLinkSent = v.object({ sent: v.literal(true) });

/** A session started: who signed in, to which shop (the session itself is the cookie). */
export const StaffSignedIn = v.object({ staff: StaffMember, shop: v.object({ id: v.string(), name: v.string() }) });

/** Who is calling (a staff member or an API token) and the shop the console shows. */
export const MeView = v.object({
  actor: v.object({ kind: v.picklist(staffActorKinds), id: v.string(), name: v.string(), email: v.nullable(v.string()), role: Role }),
  shop: v.object({
    id: v.string(),
    name: v.string(),
    currency: Currency,
    locales: v.array(Locale),
    defaultLocale: Locale,
    timeZone: v.string(),
    testMode: v.boolean(),
    boxOfficeRefundLimit: v.nullable(Amount),
  }),
});

export const SessionsRevoked = v.object({ revoked: Count });

/** One organizer write: who, what (operation and concrete path, never its query or body), and how it ended. */
export const ActivityEntry = v.object({
  id: v.string(),
  at: IsoTime,
  actor: v.object({ kind: v.picklist(staffActorKinds), id: v.string(), label: v.string(), role: Role }),
  operation: v.string(),
  method: v.string(),
  path: v.string(),
  status: v.pipe(v.number(), v.integer()),
});

export const ActivityList = v.object({ entries: v.array(ActivityEntry), nextCursor: v.nullable(v.string()) });

export type StaffMember = v.InferOutput<typeof StaffMember>;
export type MeView = v.InferOutput<typeof MeView>;
export type ActivityEntry = v.InferOutput<typeof ActivityEntry>;
