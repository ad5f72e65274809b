import * as v from 'valibot';
import { Email, Locale, Name, RecordId } from './common.js';

/** A buyer joins a sold-out performance's waiting list: who to write to, in which language, for how many tickets. */
export const JoinWaitingListBody = v.object({
  email: Email,
  name: Name(120),
  language: Locale,
  /** At most the shop's tickets per order (checked by the API). */
  quantity: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(50)),
});

/** The secret of the "leave the waiting list" link in the buyer's e-mails. */
export const WithdrawWaitingListBody = v.object({ token: v.pipe(v.string(), v.regex(/^[a-z0-9]{20,40}$/, 'must be the token of the link')) });

export const WaitingListEntryParams = v.object({ shopId: RecordId, entryId: RecordId });

/** The organizer turns a performance's list on or off and sets how long an offer holds the seats. */
export const WaitingListSettingsBody = v.pipe(
  v.object({
    enabled: v.optional(v.boolean()),
    offerHours: v.optional(v.pipe(v.number(), v.integer('must be a whole number of hours'), v.minValue(1), v.maxValue(168))),
  }),
  v.check((b) => b.enabled !== undefined || b.offerHours !== undefined, 'must change at least one field'),
);

export const OrgWaitingListEntryParams = v.object({ id: RecordId, entryId: RecordId });
