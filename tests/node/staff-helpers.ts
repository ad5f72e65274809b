import { expect } from 'vitest';
import type { JsonResult } from '../shared/request.js';

/** What the staff tests need of a harness: a JSON call (in process or over HTTP) and SQL on its database. */
export interface StaffHarness {
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<JsonResult>;
  sql: (text: string) => Promise<Record<string, unknown>[]>;
}

export const SESSION_COOKIE = '__Host-staff_session';

/** The token of the newest sign-in link e-mailed to an address (read from its outbox row, as the mailbox would show it). */
export async function latestLinkToken(h: StaffHarness, email: string, kind: 'staff_sign_in' | 'staff_invitation' = 'staff_sign_in'): Promise<string> {
  const rows = await h.sql(`SELECT payload FROM outbox_messages WHERE recipient = '${email}' AND kind = '${kind}' ORDER BY created_at DESC, rowid DESC LIMIT 1`);
  expect(rows.length, `no ${kind} e-mail to ${email}`).toBe(1);
  return (JSON.parse(String(rows[0]!.payload)) as { link: { token: string } }).link.token;
}

/** The session cookie's value from a Set-Cookie answer. */
export function sessionFrom(res: JsonResult): string {
  const header = res.headers.get('Set-Cookie') ?? '';
  const match = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header);
  expect(match, `no session cookie in ${header}`).not.toBeNull();
  return match![1]!;
}

/** Asks for a link for the address and spends it: the session cookie's value. */
export async function signIn(h: StaffHarness, email: string): Promise<string> {
  const asked = await h.call('POST', '/api/staff/sign-in-links', { email });
  expect(asked.status).toBe(202);
  const res = await h.call('POST', '/api/staff/sessions', { token: await latestLinkToken(h, email) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return sessionFrom(res);
}

/** Headers of a console request: the cookie, and the console's Origin for writes. */
export const consoleHeaders = (session: string, origin: string | null = 'http://localhost'): Record<string, string> => ({
  Cookie: `${SESSION_COOKIE}=${session}`,
  ...(origin ? { Origin: origin } : {}),
});
