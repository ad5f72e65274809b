import { defineOperation } from '../operation.js';
import { SignInLinkSent, StaffSignedIn } from '../responses/organizer/staff.js';
import { SignInBody, SignInLinkBody } from '../staff.js';

const tag = 'Staff sign-in';

/**
 * The console's sign-in, before any credentials: a link by e-mail, the link exchanged for a
 * session cookie, the session ended. No Idempotency-Key: a replayed answer could not set the
 * cookie again, and a link is spent once anyway.
 */
export const staffOperations = [
  defineOperation({
    id: 'requestSignInLink',
    method: 'post',
    path: '/api/staff/sign-in-links',
    tag,
    summary: 'E-mail a sign-in link (valid 15 minutes, once) to every active staff membership of this address.',
    description: 'Answers 202 `{ sent: true }` for any address, staff or not. Limited per address and per client (429 rate_limited).',
    auth: 'public',
    idempotent: false,
    body: SignInLinkBody,
    responses: { 202: SignInLinkSent },
  }),
  defineOperation({
    id: 'startStaffSession',
    method: 'post',
    path: '/api/staff/sessions',
    tag,
    summary: 'Spend a sign-in link: sets the console session cookie (HttpOnly, SameSite=Strict; 12 hours idle, 7 days at most).',
    description: 'A link that is unknown, spent, expired, or whose staff member was revoked answers 401 sign_in_link_invalid; wrong links count as guesses (429 rate_limited).',
    auth: 'public',
    idempotent: false,
    body: SignInBody,
    responses: { 201: StaffSignedIn },
  }),
  defineOperation({
    id: 'endStaffSession',
    method: 'delete',
    path: '/api/staff/session',
    tag,
    summary: 'Sign out: ends this session and clears its cookie (the request must carry this server’s Origin).',
    auth: 'public',
    idempotent: false,
    responses: { 204: null },
  }),
] as const;
