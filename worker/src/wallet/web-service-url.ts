import type { Deps } from '../env.js';
import type { PassWebService } from './apple-pass.js';
import { passAuthenticationToken } from './pass-auth.js';
import type { AppleWalletSettings } from './settings.js';

/** Where Apple's web service is mounted (routes/wallet-apple.ts). */
export const APPLE_WEB_SERVICE_PATH = '/api/wallet/apple';

/**
 * The webServiceURL and authenticationToken a pass carries: the public API base (PUBLIC_URL,
 * else the origin the request came to) and the pass's own token. Apple requires https for a
 * pass in production; an http URL works only with the device's developer setting.
 */
export async function passWebService(deps: Deps, requestUrl: string, settings: AppleWalletSettings, serial: string): Promise<PassWebService> {
  const base = (deps.publicUrl ?? new URL(requestUrl).origin).replace(/\/+$/, '');
  return { url: `${base}${APPLE_WEB_SERVICE_PATH}`, authenticationToken: await passAuthenticationToken(settings, serial) };
}
