import * as v from 'valibot';
import { Email, Locale, Name, OrderNumber } from './common.js';
import { staffRoles } from './vocabulary.js';

/** An address as staff accounts store and compare it: trimmed, lower case. */
export const StaffEmail = v.pipe(Email, v.toLowerCase());
export const StaffRole = v.picklist(staffRoles);

/** Asking for a sign-in link: the same answer whatever the address (it never says who is staff). */
export const SignInLinkBody = v.object({ email: StaffEmail, locale: v.optional(Locale) });

/** Opening the link: its token (`sil_…`) becomes a session cookie. */
export const SignInBody = v.object({ token: v.pipe(v.string(), v.maxLength(200)) });

/** Inviting a staff member: the e-mail carries a sign-in link, in `locale` (the shop's default language without one). */
export const InviteStaffBody = v.object({ email: StaffEmail, name: Name(120), role: StaffRole, locale: v.optional(Locale) });

/** Renaming or changing the role of a staff member. */
export const StaffPatch = v.pipe(
  v.object({ name: v.optional(Name(120)), role: v.optional(StaffRole) }),
  v.check((patch) => patch.name !== undefined || patch.role !== undefined, 'must change name or role'),
);

export const StaffParams = v.object({ id: v.pipe(v.string(), v.regex(/^stf_[a-z0-9]{4,40}$/, 'must be a staff id such as stf_4k9q2m7xh3pa')) });

/** The activity log, newest first; `orderNumber` keeps the writes to one order. */
export const ActivityQuery = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,16}\.act_[a-z0-9]{4,40}$/, 'must be the nextCursor of a previous page'))),
  orderNumber: v.optional(OrderNumber),
});

export type SignInLinkInput = v.InferOutput<typeof SignInLinkBody>;
export type InviteStaffInput = v.InferOutput<typeof InviteStaffBody>;
export type StaffPatchInput = v.InferOutput<typeof StaffPatch>;
export type ActivityQueryInput = v.InferOutput<typeof ActivityQuery>;
