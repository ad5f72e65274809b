/**
 * What of a purchase survives a reload: the buyer's hold while they choose and pay, then their
 * order (its number and secret, to show the confirmation again). In sessionStorage of the
 * embedding page, one key per kind, shop and event (`tk-hold:<shopId>:<eventId>`,
 * `tk-order:…`): it lasts as long as the tab, and is never sent anywhere. No cookies: the
 * widget works with third-party cookies blocked. Storage can be unavailable (privacy modes,
 * sandboxed frames); then a reload simply starts afresh.
 */
export type Kept = 'hold' | 'order';

export const storageKey = (kind: Kept, shopId: string, eventId: string) => `tk-${kind}:${shopId}:${eventId}`;

export function keep(kind: Kept, shopId: string, eventId: string, value: string): void {
  try {
    sessionStorage.setItem(storageKey(kind, shopId, eventId), value);
  } catch {
    /* storage unavailable: it lives in memory only */
  }
}

export function forget(kind: Kept, shopId: string, eventId: string): void {
  try {
    sessionStorage.removeItem(storageKey(kind, shopId, eventId));
  } catch {
    /* nothing stored */
  }
}

/** What a shop kept of this kind, for the given event or (without one) for any event. */
export function kept(kind: Kept, shopId: string, eventId?: string): { eventId: string; value: string }[] {
  try {
    const prefix = storageKey(kind, shopId, '');
    const found: { eventId: string; value: string }[] = [];
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (!key?.startsWith(prefix)) continue;
      const event = key.slice(prefix.length);
      const value = sessionStorage.getItem(key);
      if (value && (eventId === undefined || event === eventId)) found.push({ eventId: event, value });
    }
    return found;
  } catch {
    return [];
  }
}
