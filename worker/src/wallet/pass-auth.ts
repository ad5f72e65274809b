import { constantTimeEqual } from '../crypto.js';
import type { AppleWalletSettings } from './settings.js';

/**
 * The authenticationToken of an Apple pass: HMAC-SHA256 of its serial, keyed with a digest of
 * the pass certificate's private key, so it is unguessable without that key, the same on every
 * download of the pass and on every server, and never stored. Rotating the pass key changes
 * every token: passes saved before then can no longer register or update (they still scan).
 */

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(settings: AppleWalletSettings): Promise<CryptoKey> {
  let key = keys.get(settings.signerKey);
  if (!key) {
    key = (async () => {
      // A label in the digest keeps this key apart from any other use of the private key's bytes.
      const material = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`wallet-pass-authentication\n${settings.signerKey}`));
      return crypto.subtle.importKey('raw', material, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    })();
    keys.set(settings.signerKey, key);
  }
  return key;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 43 characters (256 bits); Apple asks for at least 16. */
export async function passAuthenticationToken(settings: AppleWalletSettings, serial: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(settings), new TextEncoder().encode(serial));
  return base64url(new Uint8Array(mac));
}

/** Whether an `Authorization: ApplePass <token>` header carries this pass's token (compared in constant time). */
export async function passTokenMatches(settings: AppleWalletSettings, serial: string, header: string | undefined): Promise<boolean> {
  const given = /^ApplePass\s+(\S+)$/.exec(header?.trim() ?? '')?.[1];
  if (!given) return false;
  return constantTimeEqual(given, await passAuthenticationToken(settings, serial));
}
