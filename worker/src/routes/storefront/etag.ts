/**
 * Whether a request's If-None-Match names this ETag. The comparison is weak (RFC 9110 §13.1.2):
 * a compressed answer's W/"…" tag names the same content as "…", so a browser that got the plan
 * gzipped from the Node server revalidates it with a 304 like any other.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}
