import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';

/** The 404 of a method and path the API does not have. */
export const routeNotFound = (c: Context) => new ApiError(404, 'route_not_found', `There is no ${c.req.method} ${new URL(c.req.url).pathname}.`);

/**
 * Answers a method and path without a route at once, before a token is checked or a body is
 * read (Hono would otherwise run every matching middleware before its not-found handler).
 * Middleware is registered for ALL methods; a route, for its own. Preflights (OPTIONS) have no
 * route of their own: storefrontShop answers them.
 */
export function answerUnknownRoutes(): MiddlewareHandler<AppEnv> {
  return async function answerUnknownRoutes(c, next) {
    if (c.req.method !== 'OPTIONS' && !matchedRoutes(c).some((route) => route.method !== 'ALL')) throw routeNotFound(c);
    await next();
  };
}
