import type { Context } from 'hono';
import type { GuessLimiter, MemoryGuessLimiter } from './limiter.js';
import type { GuessBinding } from './rules.js';

/** The rate-limiting bindings of wrangler.toml (`[[ratelimits]]`), one per rule of rules.ts. */
export type GuessBindings = Partial<Record<GuessBinding, RateLimit>>;

/**
 * On Workers each isolate counts in memory, and Cloudflare's rate-limiting binding shares the
 * count between isolates and locations. The binding counts every call and cannot be asked
 * without counting, so it is called only after a wrong guess: when it says the key is over
 * its limit, that wrong guess is answered 429 and the isolate refuses the key, right guesses
 * included, for a whole window. An isolate that has not yet seen the key over its limit lets
 * one more guess through; the binding itself is approximate by design (Cloudflare's
 * documentation: counts are eventually consistent per location). A rule whose binding is
 * missing counts in the isolate only.
 */
export function cloudflareGuessLimiter(bindings: GuessBindings, isolate: MemoryGuessLimiter): GuessLimiter {
  return {
    check: (rule, key, now) => isolate.check(rule, key, now),
    async countWrong(rule, key, now) {
      const here = await isolate.countWrong(rule, key, now);
      const binding = bindings[rule.binding];
      if (!binding) return here;
      const { success } = await binding.limit({ key });
      return success ? here : isolate.block(rule, key, now);
    },
  };
}

/** The client's address on Workers, as Cloudflare's edge saw it (clients cannot set this header there). */
export const cloudflareClientAddress = (c: Context) => c.req.header('CF-Connecting-IP');
