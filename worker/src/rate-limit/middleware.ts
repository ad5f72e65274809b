import type { ErrorCode } from '../../../contract/errors.js';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../env.js';
import { ApiError } from '../errors.js';
import { clientKey } from './client-key.js';
import { type GuessLimiter, memoryGuessLimiter, type Refusal } from './limiter.js';
import { type GuessRule, guessRules } from './rules.js';

type KeyOf = (c: Context<AppEnv>) => string;

/** Deps without a limiter of their own count in memory, one limiter per deps (per process on Node, per app in tests). */
const fallbackLimiters = new WeakMap<Deps, GuessLimiter>();

function limiterOf(deps: Deps): GuessLimiter {
  if (deps.guessLimiter) return deps.guessLimiter;
  let limiter = fallbackLimiters.get(deps);
  if (!limiter) fallbackLimiters.set(deps, (limiter = memoryGuessLimiter()));
  return limiter;
}

const byClient: KeyOf = (c) => clientKey(c.get('deps').clientAddress?.(c));
const byHold: KeyOf = (c) => c.req.param('holdId') ?? '';
const byOrganizerToken: KeyOf = (c) => c.get('orgTokenId');

export function rateLimited(refusal: Refusal) {
  return new ApiError(429, 'rate_limited', `Too many wrong attempts. Please wait ${refusal.retryAfter} seconds before trying again.`, { retryAfter: refusal.retryAfter });
}

/**
 * Refuses with 429 (and Retry-After) a caller that made too many wrong guesses, before the
 * route looks at the guess, and counts the route's answer as a wrong guess when it is one of
 * `wrong` (error codes). Every counter must allow the attempt; a wrong guess counts in each.
 */
export function limitWrongGuesses(options: { counters: [GuessRule, KeyOf][]; wrong: readonly ErrorCode[] }): MiddlewareHandler<AppEnv> {
  return async function limitWrongGuesses(c, next) {
    const deps = c.get('deps');
    const limiter = limiterOf(deps);
    const now = deps.now();
    const counters = options.counters.map(([rule, keyOf]) => ({ rule, key: keyOf(c) }));
    const refuse = (refusal: Refusal) => {
      c.header('Retry-After', String(refusal.retryAfter));
      return rateLimited(refusal);
    };
    for (const { rule, key } of counters) {
      const refusal = await limiter.check(rule, key, now);
      if (refusal) throw refuse(refusal);
    }
    await next();
    if (!(c.error instanceof ApiError) || !options.wrong.includes(c.error.code)) return;
    let longest: Refusal | null = null;
    for (const { rule, key } of counters) {
      const refusal = await limiter.countWrong(rule, key, now);
      if (refusal && refusal.retryAfter > (longest?.retryAfter ?? 0)) longest = refusal;
    }
    if (longest) throw refuse(longest);
  };
}

/**
 * Counts every attempt, right or wrong, in each counter (keys computed by the caller, e.g. from
 * the validated body), and refuses with 429 (and Retry-After) once one of them is over its
 * limit: for requests that cost something whatever their outcome, such as sending an e-mail.
 */
export async function countAttempt(c: Context<AppEnv>, counters: [GuessRule, string][]): Promise<void> {
  const deps = c.get('deps');
  const limiter = limiterOf(deps);
  const now = deps.now();
  let longest: Refusal | null = null;
  for (const [rule, key] of counters) {
    const refusal = await limiter.countWrong(rule, key, now);
    if (refusal && refusal.retryAfter > (longest?.retryAfter ?? 0)) longest = refusal;
  }
  if (longest) {
    c.header('Retry-After', String(longest.retryAfter));
    throw new ApiError(429, 'rate_limited', `Too many attempts. Please wait ${longest.retryAfter} seconds before trying again.`, { retryAfter: longest.retryAfter });
  }
}

/** The client's key for a counter (its address, an IPv6 address by its /64). */
export const clientOf = (c: Context<AppEnv>) => byClient(c);

/** Sign-in links that do not work, per client: unknown, spent, expired, or their staff member revoked. */
export const limitSignInGuesses = () => limitWrongGuesses({ counters: [[guessRules.signInGuessesPerClient, byClient]], wrong: ['sign_in_link_invalid'] });

/** Codes typed into a cart: per client and per cart; a code that does not exist is a wrong guess. */
export const limitCodeGuesses = () =>
  limitWrongGuesses({
    counters: [
      [guessRules.codePerClient, byClient],
      [guessRules.codePerHold, byHold],
    ],
    wrong: ['code_not_found'],
  });

/** Pages opened with an order's or a purchase's secret: an unknown number or a wrong secret is a wrong guess. */
export const limitOrderSecretGuesses = () => limitWrongGuesses({ counters: [[guessRules.orderSecretPerClient, byClient]], wrong: ['order_not_found'] });

/** Door check-in, per organizer token: a ticket with a bad signature, or signed but never issued. */
export const limitCheckinForgeries = () => limitWrongGuesses({ counters: [[guessRules.checkinPerToken, byOrganizerToken]], wrong: ['ticket_forged', 'ticket_unknown'] });
