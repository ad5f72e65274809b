/** Shortest wait between two polls of one performance's availability: few watchers, quick updates. */
export const MIN_POLL_AFTER_MS = 2_000;
/** Longest: a seat map that learns of changes later than this is stale; the stream is the answer beyond. */
export const MAX_POLL_AFTER_MS = 10_000;
/** Availability polls of one performance this process answers per second before pollers are asked to wait longer. */
export const POLL_BUDGET_PER_SECOND = 1_000;

/**
 * pollAfterMs chosen by load: the wait that brings the performance's polls back to the budget
 * (watchers ≈ polls per second × the wait they were told), between the two bounds. 2,000
 * watchers polling every 2 s are 1,000 a second: at the budget; 20,000 are asked for 10 s.
 */
export function pollAfterFor(pollsPerSecond: number, currentWaitMs = MIN_POLL_AFTER_MS): number {
  const watchers = (pollsPerSecond * currentWaitMs) / 1000;
  const wait = Math.ceil(((watchers / POLL_BUDGET_PER_SECOND) * 1000) / 100) * 100;
  return Math.min(MAX_POLL_AFTER_MS, Math.max(MIN_POLL_AFTER_MS, wait));
}

/**
 * How often a pushed performance is checked for changes, by its number of subscribers: every
 * change is written to every socket, so the writes per second are subscribers ÷ tick. 250 ms up
 * to 4,000 subscribers, then longer, up to 1 s from 16,000 on (about 16,000 socket writes a
 * second at most per performance; a change still reaches everyone well within 2 s).
 */
export function streamTickFor(subscribers: number, minMs: number): number {
  return Math.min(1_000, Math.max(minMs, Math.round(subscribers / 16)));
}
