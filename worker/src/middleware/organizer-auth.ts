import { and, eq, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { roleMayCall, type StaffRole } from '../../../contract/permissions.js';
import { findOperation } from '../../../contract/operations/index.js';
import { shopTokens } from '../../../db/schema/catalog.js';
import { sha256Hex } from '../crypto.js';
import { loggableError } from '../db.js';
import { SESSION_COOKIE } from '../domain/staff-access.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { invalidateCatalogCache } from '../services/catalog-cache.js';
import { recordActivity } from '../services/staff-activity.js';
import { resolveSession } from '../services/staff-sign-in.js';

/** Who calls the organizer API: a staff member signed in to the console, or an API token, with its role. */
export interface OrgActor {
  kind: 'staff' | 'token';
  /** The staff member's or the token's id (never the token). */
  id: string;
  /** The member's name or the token's label. */
  label: string;
  role: StaffRole;
  /** The member's address; null for a token. */
  email: string | null;
  /** The reseller a reseller-role token sells for; null otherwise. */
  resellerId: string | null;
}

const unauthorized = (c: Context<AppEnv>, message: string, error?: string) => {
  c.header('WWW-Authenticate', `Bearer realm="organizer"${error ? `, error="${error}"` : ''}`);
  return new ApiError(401, 'unauthorized', message);
};

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/** The origins a console write may come from: this request's own, and PUBLIC_URL's (behind a proxy they differ). */
export function allowedConsoleOrigin(c: Context<AppEnv>, origin: string | undefined): boolean {
  if (!origin) return false;
  if (origin === new URL(c.req.url).origin) return true;
  const publicUrl = c.get('deps').publicUrl;
  try {
    return publicUrl !== undefined && origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

async function tokenActor(c: Context<AppEnv>, token: string): Promise<{ actor: OrgActor; shopId: string }> {
  const [row] = await c
    .get('deps')
    .storage.db.select({ id: shopTokens.id, shopId: shopTokens.shopId, label: shopTokens.label, role: shopTokens.role, resellerId: shopTokens.resellerId })
    .from(shopTokens)
    .where(and(eq(shopTokens.tokenHash, await sha256Hex(token)), isNull(shopTokens.revokedAt)));
  if (!row) throw unauthorized(c, 'This API token is unknown or has been revoked.', 'invalid_token');
  return { actor: { kind: 'token', id: row.id, label: row.label, role: row.role, email: null, resellerId: row.resellerId }, shopId: row.shopId };
}

async function sessionActor(c: Context<AppEnv>, secret: string): Promise<{ actor: OrgActor; shopId: string }> {
  const session = /^[A-Za-z0-9_-]{43}$/.test(secret) ? await resolveSession(c.get('deps'), secret) : null;
  if (!session) throw unauthorized(c, 'Your console session has ended (signed out, expired or revoked). Please sign in again.');
  const { member } = session;
  return { actor: { kind: 'staff', id: member.id, label: member.name, role: member.role, email: member.email, resellerId: null }, shopId: member.shopId };
}

/**
 * Organizer auth: an API token (`Authorization: Bearer tsk_…`, which wins when both are sent)
 * or the console's session cookie decides the shop and the role, never a parameter. Then the
 * role matrix (contract/permissions.ts) decides, before any body is read, whether the role may
 * call the route's operation: 403 forbidden otherwise. Writes with the cookie must come from
 * this server's own origin (a browser sends Origin with every cross-site write; SameSite=Strict
 * is the first guard, this the second). Every write that succeeded is recorded in the activity
 * log, after its own batch.
 */
export function organizerAuth(): MiddlewareHandler<AppEnv> {
  return async function organizerAuth(c, next) {
    const header = c.req.header('Authorization');
    const cookie = header === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
    let who: { actor: OrgActor; shopId: string };
    if (header !== undefined) {
      const match = /^Bearer\s+(tsk_[a-z0-9]{20,80})$/.exec(header);
      if (!match) throw unauthorized(c, 'An organizer API token is required: send "Authorization: Bearer tsk_…", or sign in to the console.');
      who = await tokenActor(c, match[1]!);
    } else if (cookie !== undefined) {
      who = await sessionActor(c, cookie);
      if (!isRead(c.req.method) && !allowedConsoleOrigin(c, c.req.header('Origin'))) {
        throw new ApiError(403, 'origin_not_allowed', 'A change made with the console’s session must come from the console’s own page (its Origin header did not match).');
      }
    } else {
      throw unauthorized(c, 'An organizer API token is required: send "Authorization: Bearer tsk_…", or sign in to the console.');
    }
    const { actor, shopId } = who;

    const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1);
    // HEAD is answered by the GET route (Hono), and is the GET operation's to allow.
    const operation = route && findOperation(c.req.method === 'HEAD' ? 'GET' : c.req.method, route.path);
    // answerUnknownRoutes has answered 404 for a path without a route; a route without an operation is refused (contract-coverage keeps there being none).
    const operationId = operation?.id ?? `${c.req.method} ${route?.path ?? new URL(c.req.url).pathname}`;
    if (!roleMayCall(actor.role, operationId)) throw forbidden(actor.role, operationId);

    c.set('orgShopId', shopId);
    c.set('orgTokenId', actor.id);
    c.set('orgActor', actor);
    if (isRead(c.req.method)) return next();
    try {
      await next();
    } finally {
      // Any organizer write may change a shop, performance or event: this process forgets its cached catalogue
      // and its shared availability versions at once.
      invalidateCatalogCache(c.get('deps').storage.db);
      c.get('deps').availability?.feed.forgetAll();
    }
    if (c.res.status < 400 && c.res.headers.get('Idempotent-Replayed') !== 'true') {
      try {
        await recordActivity(c.get('deps'), { shopId, actor, operation: operationId, method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status });
      } catch (err) {
        // The change is made and answered: a lost log entry must not turn it into an error the client would retry.
        console.error(JSON.stringify({ level: 'error', event: 'activity_not_recorded', operation: operationId, ...loggableError(err) }));
      }
    }
  };
}

export function forbidden(role: StaffRole, operation: string) {
  return new ApiError(403, 'forbidden', `The role "${role}" may not do this (${operation}): ask the shop's owner.`, { role, operation });
}
