import { and, eq, lt } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { idempotencyKeys } from '../../../db/schema/platform.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { sha256Hex } from '../crypto.js';

export interface IdempotencyOptions {
  /** A pending key older than this is taken over: its first request died without answering. */
  staleAfterMs?: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Idempotency-Key support for every state-changing request. The key is reserved with a
 * conditional insert (the database decides which of two racing retries runs); the first
 * response is stored and replayed; the same key with another body is refused. A 5xx is not
 * stored, so a retry after a crash runs again.
 */
export function idempotency(options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  const staleAfterMs = options.staleAfterMs ?? 60_000;

  return async function idempotency(c, next) {
    const key = c.req.header('Idempotency-Key');
    if (!STATE_CHANGING.has(c.req.method) || key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new ApiError(400, 'invalid_idempotency_key', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.');
    }
    const { storage, now } = c.get('deps');
    const db = storage.db;
    const authorization = c.req.header('Authorization');
    const scope = `${c.req.method} ${c.req.path}${authorization ? ` ${await sha256Hex(authorization)}` : ''}`;
    const requestHash = await sha256Hex(await c.req.text());
    const startedAt = now();

    const reserved = await db
      .insert(idempotencyKeys)
      .values({ scope, key, requestHash, state: 'pending', createdAt: startedAt })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });

    if (reserved.length === 0) {
      const [existing] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      if (!existing) throw new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is being processed. Retry shortly.');
      if (existing.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');
      }
      if (existing.state === 'done') {
        return new Response(existing.responseBody, {
          status: existing.responseStatus ?? 200,
          headers: { 'Content-Type': 'application/json; charset=UTF-8', 'Idempotent-Replayed': 'true' },
        });
      }
      const takenOver = await db
        .update(idempotencyKeys)
        .set({ createdAt: startedAt })
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'pending'), lt(idempotencyKeys.createdAt, startedAt - staleAfterMs)))
        .returning({ key: idempotencyKeys.key });
      if (takenOver.length === 0) {
        throw new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is being processed. Retry shortly.');
      }
    }

    await next();

    const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
    if (c.res.status >= 500) {
      await db.delete(idempotencyKeys).where(where);
      return;
    }
    const responseBody = await c.res.clone().text();
    await db.update(idempotencyKeys).set({ state: 'done', responseStatus: c.res.status, responseBody }).where(where);
  };
}
