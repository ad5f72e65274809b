import type { MiddlewareHandler } from 'hono';

export interface SecurityHeaderOptions {
  /** Referrer-Policy, unless the answer chose its own. */
  referrerPolicy: 'no-referrer' | 'strict-origin-when-cross-origin';
  /** Who may show the answers in a frame: nobody, or pages of the same origin. */
  framing: 'none' | 'self';
  /** The Content-Security-Policy of the answers, unless they chose their own; frame-ancestors is added from `framing`. */
  contentSecurityPolicy: string;
}

/**
 * The headers every answer gets, errors and not-found answers included (set after the rest of
 * the chain has answered): no MIME sniffing, a referrer policy, no framing by other sites, and
 * a Content-Security-Policy. What an inner middleware or a route set itself is kept (the
 * strict-CSP demo page, the mailbox inside the demo site).
 */
export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const frameAncestors = `frame-ancestors '${options.framing}'`;
  const policy = `${options.contentSecurityPolicy}; ${frameAncestors}`;
  const frameOptions = options.framing === 'none' ? 'DENY' : 'SAMEORIGIN';
  return async function securityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', frameOptions);
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', options.referrerPolicy);
    if (!headers.has('Content-Security-Policy')) {
      // Chrome shows a PDF in a page of its own that inherits the policy: anything stricter than
      // frame-ancestors leaves the invoice blank.
      headers.set('Content-Security-Policy', headers.get('Content-Type')?.startsWith('application/pdf') ? frameAncestors : policy);
    }
  };
}

/** The API's: JSON, CSV and PDF answers that no page may frame and that load nothing. */
export const apiSecurityHeaders = () => securityHeaders({ referrerPolicy: 'no-referrer', framing: 'none', contentSecurityPolicy: "default-src 'none'" });
