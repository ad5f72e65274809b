/**
 * Hash routes (`/admin/#/orders/A1B2C3`): the console is static files, served alike by the Node
 * server and the Worker's assets, with no server-side fallback route; and a sign-in token in the
 * fragment never reaches a server log or a Referer.
 */
export interface Location {
  path: string;
  query: URLSearchParams;
}

export function currentLocation(hash = globalThis.location?.hash ?? ''): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?', 2) as [string, string?];
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(search) };
}

/** The parameters of a path matched against a pattern (`/orders/:number`), or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = have[i]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
}
