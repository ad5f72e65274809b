import { ConsoleApiError } from './client.js';
import type { ConsoleLocale } from '../i18n/texts.js';

/**
 * The public staff endpoints of sign-in (no session yet): ask for a link by e-mail, spend the
 * link's token for a session cookie, and end the session.
 */
async function send(method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ConsoleApiError(0, 'network_error', 'The server could not be reached.');
  }
  const json = response.status === 204 ? null : ((await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null);
  if (!response.ok) throw new ConsoleApiError(response.status, json?.error?.code ?? 'http_error', json?.error?.message ?? `The server answered ${response.status}.`, json?.error?.details ?? {});
  return json;
}

export const requestSignInLink = (email: string, locale: ConsoleLocale) => send('POST', '/api/staff/sign-in-links', { email, locale });
export const startSession = (token: string) => send('POST', '/api/staff/sessions', { token });
export const endSession = () => send('DELETE', '/api/staff/session');
