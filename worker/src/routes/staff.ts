import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SignInBody, SignInLinkBody } from '../../../contract/staff.js';
import { SESSION_COOKIE, SESSION_MAX_MS } from '../domain/staff-access.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { allowedConsoleOrigin } from '../middleware/organizer-auth.js';
import { clientOf, countAttempt, limitSignInGuesses } from '../rate-limit/middleware.js';
import { guessRules } from '../rate-limit/rules.js';
import { endSession, sendSignInLinks, startSession } from '../services/staff-sign-in.js';
import { validate } from '../validation.js';

/** The console's sign-in, before any credentials (organizer routes are under /api/org). */
export const staffRoutes = new Hono<AppEnv>()
  .post('/sign-in-links', validate('json', SignInLinkBody), async (c) => {
    const { email, locale } = c.req.valid('json');
    // Every request counts, staff or not, so the answer never tells one from the other.
    await countAttempt(c, [
      [guessRules.signInLinksPerClient, clientOf(c)],
      [guessRules.signInLinksPerAddress, email],
    ]);
    await sendSignInLinks(c.get('deps'), email, locale);
    return c.json({ sent: true as const }, 202);
  })
  .post('/sessions', limitSignInGuesses(), validate('json', SignInBody), async (c) => {
    const started = await startSession(c.get('deps'), c.req.valid('json').token);
    // Chromium keeps a Secure cookie set over http on localhost and 127.0.0.1 (the local server, the tests).
    setCookie(c, SESSION_COOKIE, started.secret, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: SESSION_MAX_MS / 1000 });
    return c.json({ staff: started.staff, shop: started.shop }, 201);
  })
  .delete('/session', async (c) => {
    if (!allowedConsoleOrigin(c, c.req.header('Origin'))) {
      throw new ApiError(403, 'origin_not_allowed', 'Signing out must come from the console’s own page (its Origin header did not match).');
    }
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret !== undefined) await endSession(c.get('deps'), secret);
    deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    return c.body(null, 204);
  });
