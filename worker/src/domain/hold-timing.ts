const MINUTE = 60_000;

export interface HoldPolicy {
  /** Lifetime of a new hold, and what one extension grants. */
  holdMinutes: number;
  /** No extension carries a hold past createdAt + holdMaxMinutes. */
  holdMaxMinutes: number;
}

export function initialHoldTimes(now: number, policy: HoldPolicy): { expiresAt: number; maxExpiresAt: number } {
  const maxExpiresAt = now + Math.max(policy.holdMaxMinutes, policy.holdMinutes) * MINUTE;
  return { expiresAt: Math.min(now + policy.holdMinutes * MINUTE, maxExpiresAt), maxExpiresAt };
}

/** An extension never shortens a hold and never passes its cap. */
export function extendedExpiry(now: number, currentExpiresAt: number, maxExpiresAt: number, policy: HoldPolicy): number {
  return Math.min(maxExpiresAt, Math.max(currentExpiresAt, now + policy.holdMinutes * MINUTE));
}
