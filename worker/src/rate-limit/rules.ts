/**
 * Where guessing pays, and how many wrong guesses we allow: every limit in one place.
 *
 * Only wrong guesses count (a code that does not exist, an order number with a wrong secret, a
 * forged ticket), so a buyer typing the right code or reloading their order page is never
 * refused, however often. Windows are one minute because Cloudflare's rate-limiting binding
 * knows only 10 and 60 seconds. Each limit is repeated in wrangler.toml (`[[ratelimits]]`,
 * named by `binding`); a test checks that both say the same.
 *
 * Staff sign-in has both kinds: a wrong sign-in link is a wrong guess, and asking for a link
 * counts every time (`limitAttempts`): each request may send an e-mail, right or wrong.
 */
export interface GuessRule {
  /** Names the counter; keys are counted per rule. */
  name: string;
  /** The Workers rate-limiting binding that shares this count across isolates. */
  binding: GuessBinding;
  /** Wrong guesses (or, for `limitAttempts`, attempts) allowed per key in one window; the next one is refused with 429. */
  limit: number;
  windowSeconds: 10 | 60;
}

export type GuessBinding =
  | 'CODE_GUESSES_PER_CLIENT'
  | 'CODE_GUESSES_PER_HOLD'
  | 'ORDER_SECRET_GUESSES_PER_CLIENT'
  | 'CHECKIN_FORGERIES_PER_TOKEN'
  | 'SIGN_IN_LINKS_PER_ADDRESS'
  | 'SIGN_IN_LINKS_PER_CLIENT'
  | 'SIGN_IN_GUESSES_PER_CLIENT';

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
  /**
   * Sign-in links asked for one address, every request counted (an e-mail may go out each
   * time): a person asks once or twice. Windows cannot be longer than a minute here (the
   * binding's periods), so the database adds its own cap: at most 5 links per staff member
   * in 15 minutes, beyond which requests are answered the same but send nothing
   * (services/staff-sign-in.ts).
   */
  signInLinksPerAddress: { name: 'sign-in-links-per-address', binding: 'SIGN_IN_LINKS_PER_ADDRESS', limit: 5, windowSeconds: 60 },
  /** The same per client address: an office of staff signing in at 9 o'clock fits, a script mailing a list of addresses does not. */
  signInLinksPerClient: { name: 'sign-in-links-per-client', binding: 'SIGN_IN_LINKS_PER_CLIENT', limit: 20, windowSeconds: 60 },
  /** Sign-in links that do not work (unknown, spent, expired), per client: a person clicks an old link or two, never dozens. */
  signInGuessesPerClient: { name: 'sign-in-guesses-per-client', binding: 'SIGN_IN_GUESSES_PER_CLIENT', limit: 10, windowSeconds: 60 },
} as const satisfies Record<string, GuessRule>;
