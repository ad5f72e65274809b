import { and, eq, lt, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { idempotencyKeys } from '../../../db/schema/platform.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { sha256Hex } from '../crypto.js';
import { type BoundStatement, compiledCache, statementRows } from '../bound-statements.js';
import { getCookie } from 'hono/cookie';
import { answerText, keepJsonTexts } from '../answer-text.js';
import { SESSION_COOKIE } from '../domain/staff-access.js';

const param = {
  scope: sql.placeholder('scope'),
  key: sql.placeholder('key'),
  requestHash: sql.placeholder('requestHash'),
  createdAt: sql.placeholder('createdAt'),
  responseStatus: sql.placeholder('responseStatus'),
  responseBody: sql.placeholder('responseBody'),
  staleBefore: sql.placeholder('staleBefore'),
};

/** A finished answer under its key. */
const doneAnswer = {
  scope: param.scope,
  key: param.key,
  requestHash: param.requestHash,
  state: 'done' as const,
  createdAt: param.createdAt,
  responseStatus: param.responseStatus,
  responseBody: param.responseBody,
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
/** The answer stored in the handler's batch (bound, not built: it runs once per hold). */
const storeInBatch = compiledCache((db) => db.insert(idempotencyKeys).values(doneAnswer));

/** An answer stored after the fact (an error), unless another request with the key stored one first. */
const storeUnlessKnown = compiledCache((db) => db.insert(idempotencyKeys).values(doneAnswer).onConflictDoNothing().returning({ key: idempotencyKeys.key }));

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

/**
 * Handed to a handler whose route records its answer in its own batch (see
 * `idempotencyInBatch`): `record` returns the statement that stores the answer under the
 * request's key, to run first in the batch that makes the change, so that the change and its
 * answer commit together or not at all.
 */
export interface AnswerRecorder {
  record(status: number, value: unknown): BoundStatement;
  /** The answer `record` serialised, sent as is so that a replay is byte for byte the same. */
  recorded?: { status: number; body: string } | undefined;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = 'application/json; charset=UTF-8';

interface KeyedRequest {
  scope: string;
  key: string;
  requestHash: string;
  startedAt: number;
}

/** The request's key, scope (method, path, caller) and body hash; undefined when it has no key or is a read. */
async function keyedRequest(c: Context<AppEnv>): Promise<KeyedRequest | undefined> {
  const key = c.req.header('Idempotency-Key');
  if (!STATE_CHANGING.has(c.req.method) || key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.');
  }
  const { now, sha256HexSync } = c.get('deps');
  const hash = (text: string) => (sha256HexSync ? sha256HexSync(text) : sha256Hex(text));
  // The caller: its token, or its console session (two staff members may pick the same key).
  const session = getCookie(c, SESSION_COOKIE);
  const authorization = c.req.header('Authorization') ?? (session === undefined ? undefined : `session ${session}`);
  const scope = `${c.req.method} ${c.req.path}${authorization ? ` ${await hash(authorization)}` : ''}`;
  return { scope, key, requestHash: await hash(await c.req.text()), startedAt: now() };
}

const inProgress = () => new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is being processed. Retry shortly.');
const reused = () => new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');

function replay(existing: { responseStatus: number | null; responseBody: string | null }) {
  return new Response(existing.responseBody, {
    status: existing.responseStatus ?? 200,
    headers: { 'Content-Type': JSON_TYPE, 'Idempotent-Replayed': 'true' },
  });
}

/**
 * Idempotency-Key support for every state-changing request. The key is reserved with a
 * conditional insert (the database decides which of two racing retries runs); the first
 * response is stored and replayed; the same key with another body is refused. A 5xx is not
 * stored, so a retry after a crash runs again. Requests already taken by `idempotencyInBatch`
 * pass through.
 */
export function idempotency(options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  const staleAfterMs = options.staleAfterMs ?? 60_000;

  return async function idempotency(c, next) {
    if (c.get('idempotency')) return next();
    const request = await keyedRequest(c);
    if (!request) return next();
    // The answer is stored under the key: its text is kept when it is made, not read back.
    keepJsonTexts(c);
    const { scope, key, requestHash, startedAt } = request;
    const q = statements(c.get('deps').storage.db);

    const reserved = await q.reserve.all({ scope, key, requestHash, createdAt: startedAt });

    if (reserved.length === 0) {
      const existing = await q.find.get({ scope, key });
      if (!existing) throw inProgress();
      if (existing.requestHash !== requestHash) throw reused();
      if (existing.state === 'done') return replay(existing);
      const takenOver = await q.takeOver.all({ scope, key, createdAt: startedAt, staleBefore: startedAt - staleAfterMs });
      if (takenOver.length === 0) throw inProgress();
    }

    await next();

    // A failure on our side, or a 429 (try again later), is not the request's answer: the retry may use the same key.
    if (c.res.status >= 500 || c.res.status === 429) {
      await q.forget.run({ scope, key });
      return;
    }
    // Read the answer once; if that spent it, answer with a fresh Response of the same text
    // (cloning it would tee its stream and take the Node adapter off its fast path for string bodies).
    const answer = c.res;
    const { text: responseBody, consumed } = await answerText(answer);
    if (consumed) {
      c.res = undefined;
      c.res = new Response(responseBody, { status: answer.status, headers: answer.headers });
    }
    await q.complete.run({ scope, key, responseStatus: answer.status, responseBody });
  };
}

/**
 * Idempotency-Key support for a handler whose whole change is one batch with nothing outside
 * it (creating a hold): no key is reserved before the work. The handler puts the statement of
 * `c.get('idempotency').record(...)` first in its batch, so the answer is stored in the same
 * transaction as the change; a second request with the key fails that insert, its batch
 * changes nothing, and it answers with what the first stored. An answer the handler did not
 * record (an error) is stored after the fact with a conditional insert, and if another request
 * with the key got there first, that one's answer is replayed instead. So every request with a
 * key gets the one stored answer, with one write where the reserving middleware needs three.
 *
 * Not for handlers with effects outside the database (a card charge): those need the key
 * reserved before they start, which `idempotency()` does.
 */
export function idempotencyInBatch(): MiddlewareHandler<AppEnv> {
  return async function idempotencyInBatch(c, next) {
    const request = await keyedRequest(c);
    if (!request) return next();
    const { scope, key, requestHash, startedAt } = request;
    const db = c.get('deps').storage.db;
    const recorder: AnswerRecorder = {
      record(status, value) {
        const body = JSON.stringify(value);
        recorder.recorded = { status, body };
        return storeInBatch(db)({ scope, key, requestHash, createdAt: startedAt, responseStatus: status, responseBody: body });
      },
    };
    c.set('idempotency', recorder);

    await next();

    const answer = c.res;
    // Committed with the change: nothing more to write.
    if (recorder.recorded && answer.status === recorder.recorded.status) return;
    if (answer.status >= 500) return;
    const { text: responseBody, consumed } = await answerText(answer);
    const stored = await statementRows(db, storeUnlessKnown(db)({ scope, key, requestHash, createdAt: startedAt, responseStatus: answer.status, responseBody }));
    if (stored.length > 0) {
      if (consumed) {
        c.res = undefined;
        c.res = new Response(responseBody, { status: answer.status, headers: answer.headers });
      }
      return;
    }
    c.res = undefined;
    // Another request with this key finished first (or this is a retry): its answer stands.
    const existing = await statements(db).find.get({ scope, key });
    if (!existing) throw inProgress();
    if (existing.requestHash !== requestHash) throw reused();
    if (existing.state !== 'done') throw inProgress();
    c.res = replay(existing);
  };
}

/**
 * Answers with the text the recorder stored in the batch (the replay is then byte for byte
 * what was sent), or as JSON when no key was sent. Typed as c.json for the typed client.
 */
export function recordedJson<T extends object, S extends 200 | 201>(c: Context<AppEnv>, value: T, status: S): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  const recorded = c.get('idempotency')?.recorded;
  if (recorded && recorded.status === status) {
    return c.body(recorded.body, status, { 'Content-Type': JSON_TYPE }) as unknown as ReturnType<typeof c.json<T, S>>;
  }
  return c.json<T, S>(value, status);
}
