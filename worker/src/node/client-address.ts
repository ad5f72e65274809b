import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * TRUST_PROXY: how many proxies in front of this server append to X-Forwarded-For ("true" is
 * one). Unset, "false" or 0: the header is ignored, since any client can send it.
 */
export function parseTrustProxy(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false') return 0;
  if (value === 'true') return 1;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  throw new Error(`TRUST_PROXY must be true, false or the number of proxies in front of the server, not "${value}".`);
}

/**
 * The caller's address on Node: the socket's, or behind `trustedProxies` proxies the address
 * the outermost of them saw (each appends the address it received from, so the client is that
 * many entries from the right; what the client wrote itself is further left and ignored).
 */
export function nodeClientAddress(trustedProxies: number) {
  return function nodeClientAddress(c: Context): string | undefined {
    // Requests made in process (app.request in tests) have no socket.
    const socket = (c.env as { incoming?: unknown } | undefined)?.incoming ? getConnInfo(c).remote.address : undefined;
    if (trustedProxies === 0) return socket;
    const forwarded = (c.req.header('X-Forwarded-For') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    return forwarded[forwarded.length - trustedProxies] ?? socket;
  };
}
