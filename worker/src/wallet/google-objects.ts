import { googleObjectId, googleTicketClass, googleTicketObject, signRs256 } from './google-save-link.js';
import type { GoogleWalletSettings } from './settings.js';
import type { WalletTicket } from './wallet-ticket.js';

/**
 * Google Wallet's REST API for a ticket that changed after its link was handed out: an OAuth2
 * access token from the service account (JWT bearer grant), then the performance's class
 * inserted when it is new to Google (an exchange to another date), then the object patched
 * with the ticket that now stands behind the pass, or INACTIVE once it is cancelled.
 * Reference: developers.google.com/wallet/reference/rest/v1/eventticketobject/patch.
 */

export const WALLET_OBJECT_SCOPE = 'https://www.googleapis.com/auth/wallet_object.issuer';

/** What one update came to: done, the object is not at Google (never saved: nothing to patch), or a failure to retry (or not). */
export type GoogleUpdateOutcome = { status: 'sent' } | { status: 'gone'; error: string } | { status: 'failed'; error: string; permanent: boolean };

// Access tokens by service account and token URL, reused until a minute before they expire.
const tokens = new Map<string, { token: string; expiresAt: number }>();

async function accessToken(settings: GoogleWalletSettings, fetcher: typeof fetch, now: number): Promise<string> {
  const key = `${settings.serviceAccountEmail}\n${settings.tokenUrl}`;
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > now + 60_000) return cached.token;
  const iat = Math.floor(now / 1000);
  const assertion = await signRs256({ iss: settings.serviceAccountEmail, scope: WALLET_OBJECT_SCOPE, aud: settings.tokenUrl, iat, exp: iat + 3600 }, settings.privateKeyPem);
  const answer = await fetcher(settings.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  });
  if (!answer.ok) throw new GoogleCallError(`token endpoint answered ${answer.status}`, answer.status >= 400 && answer.status < 500 && answer.status !== 429);
  const body = (await answer.json()) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== 'string') throw new GoogleCallError('token endpoint answered no access_token', false);
  tokens.set(key, { token: body.access_token, expiresAt: now + (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000 });
  return body.access_token;
}

class GoogleCallError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** A status that will not change by asking again (a retry cannot fix a refused body); 401 may be an expired token, 429 and 5xx pass. */
const isPermanent = (status: number) => status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;

/** Sends the pass's current state to Google. Never throws: a network failure is a failure to retry. */
export async function updateGoogleObject(settings: GoogleWalletSettings, t: WalletTicket, fetcher: typeof fetch, now: number): Promise<GoogleUpdateOutcome> {
  try {
    const token = await accessToken(settings, fetcher, now);
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const api = `${settings.apiUrl}/walletobjects/v1`;
    if (!t.voided) {
      // The class of the performance the ticket is for now; 409: Google has it already.
      const inserted = await fetcher(`${api}/eventTicketClass`, { method: 'POST', headers, body: JSON.stringify(googleTicketClass(settings, t)) });
      if (!inserted.ok && inserted.status !== 409) {
        if (inserted.status === 401) tokens.clear();
        return { status: 'failed', error: `eventTicketClass insert answered ${inserted.status}`, permanent: isPermanent(inserted.status) };
      }
    }
    const object = googleTicketObject(settings, t);
    const patched = await fetcher(`${api}/eventTicketObject/${encodeURIComponent(googleObjectId(settings.issuerId, t.serial))}`, { method: 'PATCH', headers, body: JSON.stringify(object) });
    if (patched.ok) return { status: 'sent' };
    // The buyer never saved the link: Google has no object, and will make it from a new link.
    if (patched.status === 404) return { status: 'gone', error: 'eventTicketObject answered 404' };
    if (patched.status === 401) tokens.clear();
    return { status: 'failed', error: `eventTicketObject patch answered ${patched.status}`, permanent: isPermanent(patched.status) };
  } catch (err) {
    if (err instanceof GoogleCallError) return { status: 'failed', error: err.message, permanent: err.permanent };
    return { status: 'failed', error: `no answer from Google (${err instanceof Error ? err.name : 'error'})`, permanent: false };
  }
}
