import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';

/** Requests whose limit is already chosen: the first limitBody matching a path decides. */
const judged = new WeakSet<Context>();

/**
 * Refuses bodies larger than `maxBytes` with 413. A request that declares its length is judged
 * by its Content-Length header alone, before anything reads the body or checks a token; only a
 * chunked body is counted as it streams (Hono's bodyLimit). Why not bodyLimit for all: it looks
 * at `c.req.raw.body`, which makes the Node adapter build a full Web Request for every request,
 * GETs included (a tenth of a hold's CPU).
 *
 * Register the larger limits of a few paths before the default for all: the first limit that
 * matches a request is its limit, the later ones let it pass.
 */
export function limitBody(maxBytes: number, label: string): MiddlewareHandler<AppEnv> {
  const tooLarge = () => {
    throw new ApiError(413, 'payload_too_large', `The request body is larger than ${label}.`);
  };
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function limitBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || judged.has(c)) return next();
    judged.add(c);
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return Number(declared) > maxBytes ? tooLarge() : next();
    }
    return streamed(c, next);
  };
}
