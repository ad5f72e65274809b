/**
 * Where guessing pays, and how many wrong guesses we allow: every limit in one place.
 *
 * Only wrong guesses count (a code that does not exist, an order number with a wrong secret, a
 * forged ticket), so a buyer typing the right code or reloading their order page is never
 * refused, however often. Windows are one minute because Cloudflare's rate-limiting binding
 * knows only 10 and 60 seconds. Each limit is repeated in wrangler.toml (`[[ratelimits]]`,
 * named by `binding`); a test checks that both say the same.
 *
 * Organizer sign-in, when it comes, gets its rule here (per client) and chains
 * `limitWrongGuesses` on its route like the routes below do.
 */
export interface GuessRule {
  /** Names the counter; keys are counted per rule. */
  name: string;
  /** The Workers rate-limiting binding that shares this count across isolates. */
  binding: GuessBinding;
  /** Wrong guesses allowed per key in one window; the next one is refused with 429. */
  limit: number;
  windowSeconds: 10 | 60;
}

export type GuessBinding = 'CODE_GUESSES_PER_CLIENT' | 'CODE_GUESSES_PER_HOLD' | 'ORDER_SECRET_GUESSES_PER_CLIENT' | 'CHECKIN_FORGERIES_PER_TOKEN';

export const guessRules = {
  /**
   * Codes typed into a cart (promo codes, passes, gift vouchers), per client address. A buyer
   * mistypes a few times; a school or an office behind one address still has room. 100 a
   * minute is 144,000 a day: a 10-character voucher code (25^10 ≈ 10^14) stays out of reach.
   */
  codePerClient: { name: 'code-per-client', binding: 'CODE_GUESSES_PER_CLIENT', limit: 100, windowSeconds: 60 },
  /** The same per cart: one buyer types into it, so an attacker rotating addresses on one cart stops here. */
  codePerHold: { name: 'code-per-hold', binding: 'CODE_GUESSES_PER_HOLD', limit: 20, windowSeconds: 60 },
  /**
   * Order and purchase pages (and the exchange and invoice links) opened with a wrong secret or
   * an unknown number, per client address. Buyers follow links, they do not type secrets: 30
   * wrong ones a minute is far beyond a mistake, and stops scans of order numbers.
   */
  orderSecretPerClient: { name: 'order-secret-per-client', binding: 'ORDER_SECRET_GUESSES_PER_CLIENT', limit: 30, windowSeconds: 60 },
  /**
   * Forged tickets scanned with one organizer token (a bad signature, or a signed ticket nobody
   * issued). Admissions and already-admitted tickets never count; a scanner re-reading a damaged
   * code a few times a second for a while still fits in 120 a minute.
   */
  checkinPerToken: { name: 'checkin-per-token', binding: 'CHECKIN_FORGERIES_PER_TOKEN', limit: 120, windowSeconds: 60 },
} as const satisfies Record<string, GuessRule>;
