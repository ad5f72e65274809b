/**
 * An allowed-origins entry of a shop: an exact origin, "*" or a host with any port
 * ("http://localhost:*"). The storefront's CORS (worker/src/middleware/storefront-shop.ts)
 * and the console's embed screen, which tells an organizer whether their page may show the
 * shop, judge with this one rule.
 */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    if (entry === '*') return true;
    if (entry.endsWith(':*')) {
      const base = entry.slice(0, -2).toLowerCase();
      return origin.toLowerCase() === base || new RegExp(`^${base.replace(/[.]/g, '\\.')}:\\d{1,5}$`).test(origin.toLowerCase());
    }
    return entry.toLowerCase() === origin.toLowerCase();
  });
}
