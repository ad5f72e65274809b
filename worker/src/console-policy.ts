/**
 * The Content-Security-Policy of the organizer console's pages (/admin/): its own scripts and
 * styles only, no inline code, Trusted Types for Lit's templates, no framing. The Node server
 * sets it from here; the Worker's static assets carry the same text in worker/assets/_headers
 * (tests/node/console-served.test.ts holds the two equal). The embed preview loads the widget
 * from this same origin, so 'self' covers it; the widget bundles its own Lit, which creates its
 * own 'lit-html' policy next to the console's: hence 'allow-duplicates' (still that one name only).
 * The service worker (/admin/sw.js: the console opens at a door without network) is registered
 * through the 'tk-console-sw' policy, which passes that one URL only; worker-src says where it may come from.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html tk-console-sw 'allow-duplicates'";
