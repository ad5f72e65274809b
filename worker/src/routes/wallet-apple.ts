import { Hono } from 'hono';
import { AppleDevicePassesParams, AppleDeviceRegistrationBody, AppleDeviceRegistrationParams, ApplePassParams, AppleUpdatedPassesQuery, AppleWalletLogBody } from '../../../contract/wallet.js';
import type { AppEnv } from '../env.js';
import { pkpassResponse, walletOffered } from '../services/wallet-passes.js';
import { authorizedPass, registerDevice, unregisterDevice, updatedSerials, walletLogLines } from '../services/wallet-web-service.js';
import { validate } from '../validation.js';
import { passWebService } from '../wallet/web-service-url.js';

/** A Last-Modified / If-Modified-Since date has whole seconds. */
const httpDate = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toUTCString();

/**
 * Apple Wallet's web service, v1 (mounted at /api/wallet/apple): the paths are Apple's, the
 * pass.json of every pass names this prefix as its webServiceURL (services/wallet-passes.ts).
 * Nothing here is for the widget.
 */
export const appleWalletRoutes = new Hono<AppEnv>()
  .post('/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber', validate('param', AppleDeviceRegistrationParams), validate('json', AppleDeviceRegistrationBody), async (c) => {
    const deps = c.get('deps');
    const apple = walletOffered(deps, 'apple');
    const { deviceLibraryIdentifier, passTypeIdentifier, serialNumber } = c.req.valid('param');
    const pass = await authorizedPass(deps.storage.db, apple, passTypeIdentifier, serialNumber, c.req.header('Authorization'));
    const outcome = await registerDevice(deps.storage.db, pass, { deviceLibraryId: deviceLibraryIdentifier, passTypeId: passTypeIdentifier, pushToken: c.req.valid('json').pushToken }, deps.now());
    return c.body(null, outcome === 'created' ? 201 : 200);
  })
  .delete('/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber', validate('param', AppleDeviceRegistrationParams), async (c) => {
    const deps = c.get('deps');
    const apple = walletOffered(deps, 'apple');
    const { deviceLibraryIdentifier, passTypeIdentifier, serialNumber } = c.req.valid('param');
    await authorizedPass(deps.storage.db, apple, passTypeIdentifier, serialNumber, c.req.header('Authorization'));
    await unregisterDevice(deps.storage.db, { deviceLibraryId: deviceLibraryIdentifier, passTypeId: passTypeIdentifier }, serialNumber);
    return c.body(null, 200);
  })
  .get('/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier', validate('param', AppleDevicePassesParams), validate('query', AppleUpdatedPassesQuery), async (c) => {
    const deps = c.get('deps');
    walletOffered(deps, 'apple');
    const { deviceLibraryIdentifier, passTypeIdentifier } = c.req.valid('param');
    const since = Number(c.req.valid('query').passesUpdatedSince ?? 0);
    const updated = await updatedSerials(deps.storage.db, { deviceLibraryId: deviceLibraryIdentifier, passTypeId: passTypeIdentifier }, since);
    return updated ? c.json(updated, 200) : c.body(null, 204);
  })
  .get('/v1/passes/:passTypeIdentifier/:serialNumber', validate('param', ApplePassParams), async (c) => {
    const deps = c.get('deps');
    const apple = walletOffered(deps, 'apple');
    const { passTypeIdentifier, serialNumber } = c.req.valid('param');
    const pass = await authorizedPass(deps.storage.db, apple, passTypeIdentifier, serialNumber, c.req.header('Authorization'));
    const lastModified = httpDate(pass.changedAt);
    const since = Date.parse(c.req.header('If-Modified-Since') ?? '');
    if (!Number.isNaN(since) && Math.floor(pass.changedAt / 1000) * 1000 <= since) {
      return c.body(null, 304, { 'Last-Modified': lastModified, 'Cache-Control': 'no-cache' });
    }
    const { applePass } = await import('../wallet/apple-pass.js');
    const bytes = await applePass(apple, pass.ticket, await passWebService(deps, c.req.url, apple, pass.ticket.serial));
    return pkpassResponse(bytes, pass.ticket.ticket.number, { 'Last-Modified': lastModified, 'Cache-Control': 'no-cache' });
  })
  .post('/v1/log', validate('json', AppleWalletLogBody), (c) => {
    // Wallet's messages name URLs and serials, never a buyer; tokens are masked all the same.
    console.warn(JSON.stringify({ level: 'warn', event: 'apple_wallet_log', logs: walletLogLines(c.req.valid('json').logs) }));
    return c.body(null, 200);
  });
