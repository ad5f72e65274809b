let defaultOrigin: string | null = null;

/**
 * Sets where `<ticket-shop>` elements without an `api` attribute find the API. The script-tag
 * build calls it with the origin it was loaded from; an npm bundle leaves it unset, and then
 * the page's own origin is used.
 */
export function setDefaultApiOrigin(origin: string | null): void {
  defaultOrigin = origin;
}

/** The API base for an element: its `api` attribute, else the default, else the page's origin. */
export function resolveApiBase(api: string | null | undefined): string {
  const base = api?.trim() || defaultOrigin || location.origin;
  return base.replace(/\/+$/, '').replace(/\/api$/, '');
}
