/** When an e-mail that failed is tried again, and when we give up on it. */
export interface DeliveryPolicy {
  /** Delay after the first failure; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before a message that keeps failing is marked failed. */
  maxAttempts: number;
  /** How long a claimed message stays with its deliverer before another may take it over. */
  leaseMs: number;
}

// 1, 2, 4 … minutes, then every 4 hours: about a day of retries over 12 attempts, enough to ride out an outage of the mail provider.
export const defaultDeliveryPolicy: DeliveryPolicy = { baseDelayMs: 60_000, maxDelayMs: 4 * 3_600_000, maxAttempts: 12, leaseMs: 5 * 60_000 };

export type AfterFailure = { status: 'pending'; nextAttemptAt: number } | { status: 'failed' };

/**
 * The outcome of a failed attempt. `attempts` counts this one. A permanent failure (the
 * address does not exist, the provider refuses the message) is not retried.
 */
export function afterFailure(attempts: number, permanent: boolean, now: number, policy: DeliveryPolicy = defaultDeliveryPolicy): AfterFailure {
  if (permanent || attempts >= policy.maxAttempts) return { status: 'failed' };
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return { status: 'pending', nextAttemptAt: now + delay };
}
