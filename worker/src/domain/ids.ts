// Crockford-style alphabet without I, L, O, U: readable aloud and on paper, no ambiguous glyphs.
const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Random bytes drawn from the CSPRNG a block at a time, each byte used once: one
 * getRandomValues call per id cost more than the rest of making it (a flash sale makes a hold
 * id per request). Filled on first use, never at module load (Workers refuse randomness there).
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

function randomBytes(length: number): Uint8Array {
  if (length > POOL_BYTES) return crypto.getRandomValues(new Uint8Array(length));
  if (used + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  used += length;
  return pool.subarray(used - length, used);
}

function randomChars(length: number, alphabet = READABLE): string {
  // 32 symbols: 5 bits each, taken from one byte per symbol (the remainder is unbiased).
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** An opaque record id such as `evt_4K9Q2M7XH3PA`, 60 random bits: unique, not secret. */
export function newId(prefix: string): string {
  return `${prefix}_${randomChars(12).toLowerCase()}`;
}

/** A secret capability (hold id, order secret): 130 random bits. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomChars(26).toLowerCase()}`;
}

/** Order number as printed on a confirmation, e.g. `K3F9-7QXM` (40 bits; UNIQUE in the database). */
export function newOrderNumber(): string {
  const chars = randomChars(8);
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Ticket number as printed on a ticket and used as the insurance policy reference, e.g. `T7QX-M2K9-4HDA`. */
export function newTicketNumber(): string {
  const chars = randomChars(11);
  return `T${chars.slice(0, 3)}-${chars.slice(3, 7)}-${chars.slice(7)}`;
}

/** Organizer API token: shown once, stored hashed. */
export function newApiToken(): string {
  return `tsk_${randomChars(40).toLowerCase()}`;
}

/** 32 random bytes as base64url (no padding): the secret half of sign-in links and sessions. */
function randomBase64Url(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const byte of raw) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A staff sign-in link's token (`sil_…`, 256 bits): e-mailed once, stored hashed, spent once. */
export function newSignInToken(): string {
  return `sil_${randomBase64Url()}`;
}

/** A console session's cookie value (256 bits): stored hashed, never shown to anyone but its browser. */
export function newSessionSecret(): string {
  return randomBase64Url();
}
