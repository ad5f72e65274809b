/**
 * Signed ticket codes. The QR payload is `TS1.<shopId>.<ticketNumber>.<performanceId>.<sig>`
 * where sig is the Ed25519 signature (base64url) of everything before the last dot. A
 * scanner holding the shop's public key verifies it offline; nothing in it is secret.
 */
const VERSION = 'TS1';
const ED25519 = { name: 'Ed25519' } as const;

export interface TicketClaims {
  shopId: string;
  ticketNumber: string;
  performanceId: string;
}

export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export async function generateSigningKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64Url((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const privateKey = toBase64Url((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer);
  return { publicKey, privateKey };
}

const signingKeys = new Map<string, Promise<CryptoKey>>();

function importPrivateKey(pkcs8: string): Promise<CryptoKey> {
  let key = signingKeys.get(pkcs8);
  if (!key) {
    const bytes = fromBase64Url(pkcs8);
    if (!bytes) throw new Error('signing key is not base64url');
    key = crypto.subtle.importKey('pkcs8', bytes, ED25519, false, ['sign']);
    signingKeys.set(pkcs8, key);
  }
  return key;
}

function message(claims: TicketClaims): string {
  return [VERSION, claims.shopId, claims.ticketNumber, claims.performanceId].join('.');
}

/**
 * Ed25519 signing other than through Web Crypto, where the runtime has a cheaper way (the Node
 * server installs node:crypto's, see node/ticket-signer.ts): every ticket of every sale is
 * signed, on the thread that answers the sale's requests. Ed25519 signatures are deterministic,
 * so both give the same bytes.
 */
export type TicketSigner = (privateKeyPkcs8: string, message: Uint8Array) => Promise<Uint8Array>;
let installedSigner: TicketSigner | null = null;

/** Signs tickets with `signer` from now on in this process (null: Web Crypto again). */
export function useTicketSigner(signer: TicketSigner | null): void {
  installedSigner = signer;
}

export async function signTicket(privateKeyPkcs8: string, claims: TicketClaims): Promise<string> {
  const text = message(claims);
  const bytes = new TextEncoder().encode(text);
  const signature = installedSigner ? await installedSigner(privateKeyPkcs8, bytes) : await crypto.subtle.sign(ED25519, await importPrivateKey(privateKeyPkcs8), bytes);
  return `${text}.${toBase64Url(signature)}`;
}

/** Splits a payload without trusting it; null when it is not shaped like one of ours. */
export function parseTicketPayload(payload: string): (TicketClaims & { signature: Uint8Array<ArrayBuffer>; signed: string }) | null {
  const parts = payload.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [, shopId, ticketNumber, performanceId, sig] = parts as [string, string, string, string, string];
  if (!shopId || !ticketNumber || !performanceId) return null;
  const signature = fromBase64Url(sig);
  if (!signature || signature.length !== 64) return null;
  return { shopId, ticketNumber, performanceId, signature, signed: parts.slice(0, 4).join('.') };
}

export async function verifyTicketPayload(publicKeyRaw: string, payload: string): Promise<TicketClaims | null> {
  const parsed = parseTicketPayload(payload);
  if (!parsed) return null;
  const raw = fromBase64Url(publicKeyRaw);
  if (!raw || raw.length !== 32) return null;
  const key = await crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
  const valid = await crypto.subtle.verify(ED25519, key, parsed.signature, new TextEncoder().encode(parsed.signed));
  return valid ? { shopId: parsed.shopId, ticketNumber: parsed.ticketNumber, performanceId: parsed.performanceId } : null;
}

/**
 * A verifier for many codes of one shop (a scanner's offline sync): the key is imported once.
 * Null when the shop's key is not a raw Ed25519 key.
 */
export async function ticketVerifier(publicKeyRaw: string): Promise<((payload: string) => Promise<TicketClaims | null>) | null> {
  const raw = fromBase64Url(publicKeyRaw);
  if (!raw || raw.length !== 32) return null;
  const key = await crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
  return async (payload) => {
    const parsed = parseTicketPayload(payload);
    if (!parsed) return null;
    const valid = await crypto.subtle.verify(ED25519, key, parsed.signature, new TextEncoder().encode(parsed.signed));
    return valid ? { shopId: parsed.shopId, ticketNumber: parsed.ticketNumber, performanceId: parsed.performanceId } : null;
  };
}
