import type { GuessRule } from './rules.js';

/** A refused attempt: the caller may try again after this many seconds. */
export interface Refusal {
  retryAfter: number;
}

/**
 * Counts wrong guesses per rule and key. `check` runs before an attempt and refuses a key that
 * has used its allowance, so a right guess is refused too (otherwise the answer would still
 * tell right from wrong); `countWrong` runs after a wrong one and refuses when it went over
 * the limit (concurrent attempts, or a count shared across isolates). Where every attempt
 * counts (countAttempt, middleware.ts), each attempt is counted with `countWrong`.
 */
export interface GuessLimiter {
  check(rule: GuessRule, key: string, now: number): Promise<Refusal | null>;
  countWrong(rule: GuessRule, key: string, now: number): Promise<Refusal | null>;
}

/** Counts kept in this process, for Node, for tests, and for each Workers isolate. */
export interface MemoryGuessLimiter extends GuessLimiter {
  /** Uses up the key's allowance for a whole window (what another isolate's count said). */
  block(rule: GuessRule, key: string, now: number): Refusal;
}

interface Window {
  startedAt: number;
  wrong: number;
}

/**
 * A fixed window per key that starts at its first wrong guess. Memory stays bounded: each
 * rule keeps its keys in the order their windows started, drops lapsed ones from the front as
 * new ones open, and past `maxKeys` drops the oldest. Evicting a live window forgives its
 * guesses, but only someone with that many addresses can cause it, and they have that many
 * allowances anyway.
 */
export function memoryGuessLimiter(options: { maxKeys?: number } = {}): MemoryGuessLimiter {
  const maxKeys = options.maxKeys ?? 20_000;
  const tables = new Map<string, Map<string, Window>>();
  const tableOf = (rule: GuessRule) => {
    let table = tables.get(rule.name);
    if (!table) tables.set(rule.name, (table = new Map()));
    return table;
  };
  const windowMs = (rule: GuessRule) => rule.windowSeconds * 1000;
  const lapsed = (rule: GuessRule, window: Window, now: number) => now - window.startedAt >= windowMs(rule);
  const refusal = (rule: GuessRule, window: Window, now: number): Refusal => ({ retryAfter: Math.max(1, Math.ceil((window.startedAt + windowMs(rule) - now) / 1000)) });

  function current(rule: GuessRule, key: string, now: number): Window | undefined {
    const table = tableOf(rule);
    const window = table.get(key);
    if (window && lapsed(rule, window, now)) {
      table.delete(key);
      return undefined;
    }
    return window;
  }

  function open(rule: GuessRule, key: string, now: number): Window {
    const table = tableOf(rule);
    const window = { startedAt: now, wrong: 0 };
    // Re-inserted at the end, so the table stays in the order windows started: lapsed ones are at its front.
    table.delete(key);
    table.set(key, window);
    for (const [oldKey, old] of table) {
      if (table.size <= maxKeys && !lapsed(rule, old, now)) break;
      table.delete(oldKey);
    }
    return window;
  }

  return {
    async check(rule, key, now) {
      const window = current(rule, key, now);
      return window && window.wrong >= rule.limit ? refusal(rule, window, now) : null;
    },
    async countWrong(rule, key, now) {
      const window = current(rule, key, now) ?? open(rule, key, now);
      window.wrong += 1;
      return window.wrong > rule.limit ? refusal(rule, window, now) : null;
    },
    block(rule, key, now) {
      const window = open(rule, key, now);
      window.wrong = rule.limit;
      return refusal(rule, window, now);
    },
  };
}
