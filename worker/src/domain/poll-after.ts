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

/** Socket writes per second one pushed performance may cost (every change is written to every subscriber). */
export const STREAM_WRITES_PER_SECOND = 16_000;
/**
 * Longest period between two checks of a pushed performance (start to start): a change waits up
 * to one period, then its turn among the subscribers' writes (about 0.4 s for the last of
 * 19,000, in slices between requests). At 1.25 s the on-sale mix's watchers saw each change
 * within 1.5 s (p95) against the goal's 2 s; past the budget's 20,000 subscribers, the writes
 * grow instead.
 */
export const MAX_STREAM_TICK_MS = 1_250;

/**
 * How often a pushed performance is checked for changes, by its number of subscribers: the
 * writes per second are subscribers ÷ tick, so the tick grows with them to keep that within
 * STREAM_WRITES_PER_SECOND: `minMs` (250 ms) up to 4,000 subscribers, 500 ms at 8,000, 1 s at
 * 16,000, 1.25 s from 20,000 on. A tick's changes go out as one delta, however many holds it covers.
 */
export function streamTickFor(subscribers: number, minMs: number): number {
  const budgeted = Math.round((subscribers * 1000) / STREAM_WRITES_PER_SECOND);
  return Math.min(MAX_STREAM_TICK_MS, Math.max(minMs, budgeted));
}
