import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;

/**
 * A request that carries a body must say it is JSON. Without this, a body sent as text/plain
 * would be read as an empty object and an all-optional PATCH would "succeed" doing nothing.
 * It reads the whole body: register it after limitBody and after the organizer's token check.
 */
export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async function requireJsonBody(c, next) {
    // Reading the text is cheap (Hono caches it for the validator) and, unlike the headers, the
    // same in every runtime. Not `c.req.raw.body`: on Node that builds a whole Web Request.
    // No route takes a body with GET, HEAD or OPTIONS (a preflight): those bodies are never read.
    const method = c.req.method;
    const hasBody = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && (await c.req.text()).length > 0;
    if (hasBody && !JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with "Content-Type: application/json".');
    }
    await next();
  };
}
