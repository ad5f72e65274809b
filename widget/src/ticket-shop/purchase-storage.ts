/**
 * Where a buyer's hold id survives a reload: sessionStorage of the embedding page, one key per
 * shop and event (`tk-hold:<shopId>:<eventId>`). No cookies: the widget works with third-party
 * cookies blocked. Storage can be unavailable (privacy modes, sandboxed frames); then a reload
 * simply starts afresh.
 */
export const holdStorageKey = (shopId: string, eventId: string) => `tk-hold:${shopId}:${eventId}`;

export function saveHoldId(shopId: string, eventId: string, holdId: string): void {
  try {
    sessionStorage.setItem(holdStorageKey(shopId, eventId), holdId);
  } catch {
    /* storage unavailable: the hold lives in memory only */
  }
}

export function forgetHoldId(shopId: string, eventId: string): void {
  try {
    sessionStorage.removeItem(holdStorageKey(shopId, eventId));
  } catch {
    /* nothing stored */
  }
}

/** Saved holds of a shop, for the given event or (without one) for any event. */
export function savedHolds(shopId: string, eventId?: string): { eventId: string; holdId: string }[] {
  try {
    const prefix = holdStorageKey(shopId, '');
    const found: { eventId: string; holdId: string }[] = [];
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (!key?.startsWith(prefix)) continue;
      const event = key.slice(prefix.length);
      const holdId = sessionStorage.getItem(key);
      if (holdId && (eventId === undefined || event === eventId)) found.push({ eventId: event, holdId });
    }
    return found;
  } catch {
    return [];
  }
}
