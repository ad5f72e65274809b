/**
 * When a webhook delivery that failed is tried again. Close to the Standard Webhooks / Svix
 * schedule, stretched to 3 days: after attempt 1 fails, wait 5 s, then 5 min, 30 min, 2 h, 5 h,
 * 10 h, 14 h, 20 h, then 20 h again (each ±10 % jitter, so receivers that fell over together
 * are not hit again in step), and the last attempt, the 11th, is exactly 3 days after the first. A delivery still failing
 * then is given up (`failed`); an endpoint failing that long is disabled (deliver-webhooks.ts).
 */
export const WEBHOOK_RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 14 * 3_600_000, 20 * 3_600_000] as const;

/** How long a delivery is retried, and how long an endpoint may fail before it is disabled. */
export const WEBHOOK_RETRY_WINDOW_MS = 3 * 86_400_000;

/** Jitter: the delay is scaled by a factor in [0.9, 1.1). */
export const WEBHOOK_JITTER = 0.1;

export type WebhookRetry = { status: 'pending'; nextAttemptAt: number } | { status: 'failed' };

/**
 * After a failed attempt: `attempts` counts it, `scheduleStartedAt` is when attempt 1 of this
 * schedule started (a redelivery starts a new one), `now` when the failed attempt started,
 * `random` in [0, 1).
 */
export function nextWebhookAttempt(attempts: number, scheduleStartedAt: number, now: number, random: number): WebhookRetry {
  const giveUpAt = scheduleStartedAt + WEBHOOK_RETRY_WINDOW_MS;
  if (now >= giveUpAt) return { status: 'failed' };
  const base = WEBHOOK_RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), WEBHOOK_RETRY_DELAYS_MS.length) - 1]!;
  const delay = Math.round(base * (1 - WEBHOOK_JITTER + 2 * WEBHOOK_JITTER * random));
  return { status: 'pending', nextAttemptAt: Math.min(now + delay, giveUpAt) };
}
