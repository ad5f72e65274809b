import { and, eq, lt, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { idempotencyKeys } from '../../../db/schema/platform.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { sha256Hex } from '../crypto.js';

const param = {
  scope: sql.placeholder('scope'),
  key: sql.placeholder('key'),
  requestHash: sql.placeholder('requestHash'),
  createdAt: sql.placeholder('createdAt'),
  responseStatus: sql.placeholder('responseStatus'),
  responseBody: sql.placeholder('responseBody'),
  staleBefore: sql.placeholder('staleBefore'),
};

/**
 * The middleware's statements, built once per database (drizzle .prepare()): every write
 * request runs two of them, and building the SQL each time cost more than running it.
 */
function statementsFor(db: Db) {
  const thisKey = and(eq(idempotencyKeys.scope, param.scope), eq(idempotencyKeys.key, param.key));
  return {
    reserve: db
      .insert(idempotencyKeys)
      .values({ scope: param.scope, key: param.key, requestHash: param.requestHash, state: 'pending', createdAt: param.createdAt })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key })
      .prepare(),
    find: db.select().from(idempotencyKeys).where(thisKey).prepare(),
    takeOver: db
      .update(idempotencyKeys)
      .set({ createdAt: sql`${param.createdAt}` })
      .where(and(thisKey, eq(idempotencyKeys.state, 'pending'), lt(idempotencyKeys.createdAt, param.staleBefore)))
      .returning({ key: idempotencyKeys.key })
      .prepare(),
    forget: db.delete(idempotencyKeys).where(thisKey).prepare(),
    complete: db
      .update(idempotencyKeys)
      .set({ state: 'done', responseStatus: sql`${param.responseStatus}`, responseBody: sql`${param.responseBody}` })
      .where(thisKey)
      .prepare(),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof statementsFor>>();
function statements(db: Db) {
  let found = prepared.get(db);
  if (!found) prepared.set(db, (found = statementsFor(db)));
  return found;
}

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
    const { storage, now, sha256HexSync } = c.get('deps');
    const hash = (text: string) => (sha256HexSync ? sha256HexSync(text) : sha256Hex(text));
    const q = statements(storage.db);
    const authorization = c.req.header('Authorization');
    const scope = `${c.req.method} ${c.req.path}${authorization ? ` ${await hash(authorization)}` : ''}`;
    const requestHash = await hash(await c.req.text());
    const startedAt = now();

    const reserved = await q.reserve.all({ scope, key, requestHash, createdAt: startedAt });

    if (reserved.length === 0) {
      const existing = await q.find.get({ scope, key });
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
      const takenOver = await q.takeOver.all({ scope, key, createdAt: startedAt, staleBefore: startedAt - staleAfterMs });
      if (takenOver.length === 0) {
        throw new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is being processed. Retry shortly.');
      }
    }

    await next();

    if (c.res.status >= 500) {
      await q.forget.run({ scope, key });
      return;
    }
    // Read the answer once and answer with a fresh Response of the same text: cloning it would
    // tee its stream and take the Node adapter off its fast path for string bodies.
    const answer = c.res;
    const responseBody = await answer.text();
    c.res = undefined;
    c.res = new Response(responseBody, { status: answer.status, headers: answer.headers });
    await q.complete.run({ scope, key, responseStatus: answer.status, responseBody });
  };
}
