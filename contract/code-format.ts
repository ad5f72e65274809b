/**
 * How codes are written. Buyers copy them from e-mails and printed vouchers, so a code is
 * compared without case, spaces or dashes, and generated codes avoid characters that are
 * easily mistaken for each other (0/O, 1/I/L, 5/S, 2/Z, 8/B).
 */

const ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

/** The stored form of a typed code: upper case, without spaces and dashes. */
export function normalizeCode(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/[\s\-_.]/g, '');
}

/** Codes are 3–32 letters and digits once normalized. */
export function isWellFormedCode(normalized: string): boolean {
  return /^[A-Z0-9]{3,32}$/.test(normalized);
}

/**
 * Vouchers and passes are bearer money: a code chosen for one has at least 10 characters
 * (10 of the alphabet above are about 46 bits; with the rate limit on wrong codes, centuries of
 * guessing). Promo codes may be shorter, as they are printed on posters for anyone to use.
 */
export const MIN_SECRET_CODE_LENGTH = 10;

/** A promo code shorter than this is easy to guess: the organizer is warned, not refused. */
export const SHORT_PROMO_CODE_LENGTH = 8;

/**
 * Web Crypto's one call used here: browsers, Node 20 and Workers all have it, but contract/ is
 * type-checked without the DOM's or Node's globals (contract/tsconfig.json), so it is named here.
 */
type WebCryptoGlobal = { crypto: { getRandomValues(array: Uint8Array): Uint8Array } };

/**
 * A new random code of `groups` groups of 4 (e.g. "VCH-7KQM-T3WA" with a prefix), written with
 * dashes for reading; it is stored normalized. 4 groups carry about 74 bits, enough that a
 * voucher cannot be guessed.
 */
export function generateCode(prefix: string, groups = 3): string {
  const { crypto } = globalThis as unknown as WebCryptoGlobal;
  const chars: string[] = [];
  const bytes = new Uint8Array(32);
  while (chars.length < groups * 4) {
    crypto.getRandomValues(bytes);
    // Bytes of 250 and more are dropped so that every character is equally likely (250 = 10 × 25).
    for (const byte of bytes) if (byte < 250 && chars.length < groups * 4) chars.push(ALPHABET[byte % ALPHABET.length]!);
  }
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) parts.push(chars.slice(g * 4, g * 4 + 4).join(''));
  return [prefix, ...parts].filter(Boolean).join('-');
}

/** Groups a stored code in fours for display ("VCH7KQMT3WA" → "VCH7-KQMT-3WA"). */
export function displayCode(normalized: string): string {
  return normalized.match(/.{1,4}/g)?.join('-') ?? normalized;
}
