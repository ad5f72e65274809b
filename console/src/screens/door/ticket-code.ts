/**
 * What the scanner read, checked on the device: our signed codes are
 * `TS1.<shopId>.<ticketNumber>.<performanceId>.<sig>`, sig being the Ed25519 signature (base64url)
 * of everything before the last dot, verified with the shop's raw public key from the door list.
 * Anything else is another system's barcode (an imported ticket) or a typed ticket number.
 */
export type ReadCode =
  | { kind: 'signed'; text: string; shopId: string; ticketNumber: string; performanceId: string; signed: string; signature: Uint8Array<ArrayBuffer> }
  /** Shaped like ours but the signature is cut or mangled: altered. */
  | { kind: 'damaged' }
  | { kind: 'other'; text: string };

export function readCode(text: string): ReadCode {
  const trimmed = text.trim();
  if (!trimmed.startsWith('TS1.')) return { kind: 'other', text: trimmed };
  const parts = trimmed.split('.');
  if (parts.length !== 5) return { kind: 'damaged' };
  const [, shopId, ticketNumber, performanceId, sig] = parts as [string, string, string, string, string];
  const signature = fromBase64Url(sig);
  if (!shopId || !ticketNumber || !performanceId || !signature || signature.length !== 64) return { kind: 'damaged' };
  return { kind: 'signed', text: trimmed, shopId, ticketNumber, performanceId, signed: parts.slice(0, 4).join('.'), signature };
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const keys = new Map<string, Promise<CryptoKey | null>>();

function publicKey(raw: string): Promise<CryptoKey | null> {
  let key = keys.get(raw);
  if (!key) {
    const bytes = fromBase64Url(raw);
    key = bytes && bytes.length === 32 ? crypto.subtle.importKey('raw', bytes, { name: 'Ed25519' }, false, ['verify']).catch(() => null) : Promise.resolve(null);
    keys.set(raw, key);
  }
  return key;
}

/** true when the shop's key signed this code; false for a forged one (or a browser without Ed25519, which cannot tell). */
export async function signatureValid(code: Extract<ReadCode, { kind: 'signed' }>, publicKeyRaw: string): Promise<boolean> {
  const key = await publicKey(publicKeyRaw);
  if (!key) return false;
  return crypto.subtle.verify({ name: 'Ed25519' }, key, code.signature, new TextEncoder().encode(code.signed));
}

/** Ticket numbers as staff type them (t7qx m2k9 4hda) compared with the list's (T7QX-M2K9-4HDA). */
export function sameTicketNumber(typed: string, number: string): boolean {
  const plain = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');
  return plain(typed) === plain(number);
}

/** Whether this browser verifies Ed25519 (current Chrome, Safari, Firefox do); without it the device cannot tell a forged code offline. */
export async function ed25519Supported(): Promise<boolean> {
  try {
    await crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}
