import { hash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Cron } from 'croner';
import { type Context, Hono, type Next } from 'hono';
import { getPath } from 'hono/utils/url';
import { isEmpty, seedDemo } from '../seed/demo.js';
import { closeNodeStorage, openNodeStorage, parseLocalReads, parseLocalWriter } from '../../../db/node-storage.js';
import { buildApp } from '../app.js';
import { reportResponseChecks } from './response-checks-report.js';
import { loggableError } from '../db.js';
import { enableCatalogCache } from '../services/catalog-cache.js';
import { securityHeaders } from '../middleware/security-headers.js';
import type { Deps } from '../env.js';
import { simulatedCard } from '../payments/simulated-card.js';
import { type StripeEnv, stripeSettingsFrom } from '../payments/stripe/settings.js';
import { runScheduledJobs } from '../scheduled.js';
import { type WalletEnv, walletSettingsFrom } from '../wallet/settings.js';
import { mailboxTransport } from '../email/mailbox-transport.js';
import { smtpTransport } from '../email/smtp-transport.js';
import { parseMailbox } from '../email/transport.js';
import { nodeClientAddress, parseTrustProxy } from './client-address.js';
import { compressAnswer } from './compress-answer.js';
import { mailboxPages } from './mailbox.js';
import { cronsFromWrangler } from './schedule.js';
import { nodeWebhookSender } from './webhook-sender.js';
import { nodeApnsSender } from './apns-http2.js';
import { CONSOLE_CSP } from '../console-policy.js';
import { AvailabilityFeed } from '../services/availability-feed.js';
import { AvailabilityHub } from '../services/availability-stream.js';
import { useTicketSigner } from '../domain/ticket-signature.js';
import { nodeTicketSigner } from './ticket-signer.js';

/**
 * The embedded default and self-hosted mode: one process serves the API, the built widget
 * and the demo site over a local libSQL file, and runs the wrangler.toml schedule in process.
 *
 * Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (file:data/ticket-shop.db),
 * DATABASE_AUTH_TOKEN (remote libSQL), SEED_DEMO ("false" to never add demo data), CRON ("false" to not run jobs),
 * SMTP_URL (send e-mail by SMTP; unset, e-mail stays in the local mailbox at /mailbox), MAIL_FROM, PUBLIC_URL (links in e-mails),
 * STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET (README "Payments"),
 * APPLE_PASS_TYPE_ID, APPLE_TEAM_ID, APPLE_PASS_CERTIFICATE, APPLE_PASS_KEY, APPLE_PASS_KEY_PASSPHRASE, APPLE_WWDR_CERTIFICATE,
 * GOOGLE_WALLET_ISSUER_ID, GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL, GOOGLE_WALLET_PRIVATE_KEY, APPLE_APNS_URL, GOOGLE_WALLET_API_URL, GOOGLE_OAUTH_TOKEN_URL (README "Wallet passes"),
 * CATALOG_CACHE_MS (5000; 0 = off: see services/catalog-cache.ts), AVAILABILITY_VERSION_MS (250), AVAILABILITY_STREAM ("false": no SSE), WIDGET_DIR (another widget build to serve; default dist/widget),
 * TRUST_PROXY (proxies in front that set X-Forwarded-For; see client-address.ts),
 * DATABASE_WRITER ("thread", the default: a local file's connection and group commit run in a worker
 * thread; "inline": on this thread, as before) and DATABASE_READS ("writer", the default: reads go
 * through the writer thread too; "local": on a second connection on this thread): db/node-storage.ts.
 */
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
const databaseUrl = process.env.DATABASE_URL ?? 'file:data/ticket-shop.db';

const localWriter = parseLocalWriter(process.env.DATABASE_WRITER);
const localReads = parseLocalReads(process.env.DATABASE_READS);
const storage = await openNodeStorage(databaseUrl, { authToken: process.env.DATABASE_AUTH_TOKEN, writer: localWriter, reads: localReads });
// Shop and performance rows are reused for up to CATALOG_CACHE_MS (5 s; 0 = off) by hold
// requests and catalogue reads; organizer writes in this process forget them at once. Why that
// cannot sell a seat twice or charge a stale price: worker/src/services/catalog-cache.ts.
enableCatalogCache(storage.db, Number(process.env.CATALOG_CACHE_MS ?? 5000));
// Tickets are signed by node:crypto rather than Web Crypto: the same signatures, less time on this thread.
useTicketSigner(nodeTicketSigner);
const smtpUrl = process.env.SMTP_URL;
// Availability: one version read per performance per AVAILABILITY_VERSION_MS (250) shared by
// all pollers, one encoding per version, pushed over SSE (AVAILABILITY_STREAM=false: polling only).
const availabilityFeed = new AvailabilityFeed({ versionMaxAgeMs: Number(process.env.AVAILABILITY_VERSION_MS ?? 250), streams: process.env.AVAILABILITY_STREAM !== 'false' });
const availabilityHub = availabilityFeed.streams ? new AvailabilityHub(availabilityFeed, { tickMs: Number(process.env.AVAILABILITY_VERSION_MS ?? 250), heartbeatMs: 15_000 }) : undefined;
const deps: Deps = {
  storage,
  now: Date.now,
  payments: { simulated_card: simulatedCard },
  // Card and wallet payments through Stripe once STRIPE_SECRET_KEY is set (README "Payments").
  stripe: stripeSettingsFrom(process.env as StripeEnv, 'node'),
  // Apple Wallet passes and Google Wallet links once their APPLE_* / GOOGLE_WALLET_* are set (README "Wallet passes").
  wallets: walletSettingsFrom(process.env as WalletEnv),
  mail: { transport: smtpUrl ? smtpTransport(smtpUrl) : mailboxTransport, from: parseMailbox(process.env.MAIL_FROM ?? 'Ticket shop <tickets@localhost>') },
  publicUrl: process.env.PUBLIC_URL ?? `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`,
  // crypto.hash: one call, no Hash object (Node ≥ 20.12; every keyed request hashes its body and its credentials).
  sha256HexSync: (text) => hash('sha256', text, 'hex'),
  // Wrong guesses are counted in this process per client address (worker/src/rate-limit).
  clientAddress: nodeClientAddress(parseTrustProxy(process.env.TRUST_PROXY)),
  // Webhooks go through node:http(s), whose socket connects only to an address checked not to be private.
  webhooks: { send: nodeWebhookSender() },
  availability: { feed: availabilityFeed, hub: availabilityHub },
  // Changed passes: APNs over node:http2 with the pass certificate; Google through fetch (README "Wallet passes").
  walletPush: { apns: nodeApnsSender() },
};

if (process.env.SEED_DEMO !== 'false' && (await isEmpty(storage))) {
  const demo = await seedDemo(storage, Date.now());
  // The demo organizer token goes next to the database file (never to the log: it is a secret).
  const tokenFile = databaseUrl.startsWith('file:') ? join(dirname(databaseUrl.slice('file:'.length)), 'demo-organizer-token.txt') : null;
  if (tokenFile) writeFileSync(tokenFile, `${demo.token}\n`, { mode: 0o600 });
  console.log(`Demo data added: shop ${demo.shopId}.${tokenFile ? ` Organizer token written to ${tokenFile}` : ''}`);
}

// The API answers all of /api itself: its unknown paths with its 404 envelope (before any body
// is read), with its error handler and its own security headers. The site serves the rest.
// CHECK_RESPONSES=1 (the test suites): every answer is checked against the contract.
const api = buildApp(() => deps, { checkResponses: process.env.CHECK_RESPONSES === '1' });
const site = new Hono();
// The demo pages load the widget and call the API on this origin, or on the other loopback name
// (cross-origin.html). No inline script and no inline style: the widget needs neither.
const loopbackOrigins = `http://localhost:${port} http://127.0.0.1:${port}`;
site.use(
  '*',
  securityHeaders({
    referrerPolicy: 'strict-origin-when-cross-origin',
    framing: 'self',
    contentSecurityPolicy: `default-src 'self'; script-src 'self' ${loopbackOrigins}; connect-src 'self' ${loopbackOrigins}; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'`,
  }),
);
if (!smtpUrl) site.route('/mailbox', mailboxPages(deps));
// Organizers' pages on other origins load the widget as a module script (and its chunks): module
// scripts are fetched with CORS, so these public files must say any origin may use them.
// Caching as the Worker's worker/assets/_headers says: the script tag's name is short-lived so a
// release reaches every page within minutes; chunks carry their content's hash and never change.
site.use('/widget/*', async function widgetHeaders(c, next) {
  await next();
  c.res.headers.set('Access-Control-Allow-Origin', '*');
  if (c.res.ok) c.res.headers.set('Cache-Control', c.req.path.startsWith('/widget/chunks/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
});
// WIDGET_DIR: another build of the widget (the benchmarks serve the one they built from the sources).
const widgetDir = process.env.WIDGET_DIR ?? 'dist/widget';
if (existsSync(widgetDir)) site.use('/widget/*', serveStatic({ root: widgetDir, precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/widget/, '') }));
// The organizer console (console/, built to dist/console): static files under /admin/, with the
// strictest policy the console runs under (the Worker serves the same one from worker/assets/_headers).
site.get('/admin', (c) => c.redirect('/admin/', 301));
site.use('/admin/*', async function consoleHeaders(c, next) {
  await next();
  c.res.headers.set('Content-Security-Policy', CONSOLE_CSP);
  c.res.headers.set('X-Frame-Options', 'DENY');
  c.res.headers.set('Referrer-Policy', 'no-referrer');
  // Hashed chunk names change with their content; the page itself must always be asked for again.
  c.res.headers.set('Cache-Control', c.req.path.startsWith('/admin/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
});
if (existsSync('dist/console')) site.use('/admin/*', serveStatic({ root: 'dist/console', precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/admin/, '') }));
// The strict-CSP demo page is served with its policy, which the widget must work under.
const demoCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html";
async function strictCsp(c: Context, next: Next) {
  await next();
  c.res.headers.set('Content-Security-Policy', demoCsp);
}
site.use('/csp.html', strictCsp);
// The order page the e-mails link to carries secrets in its address: the same policy, and no referrer.
site.use('/order.html', async (c, next) => {
  await strictCsp(c, next);
  c.res.headers.set('Referrer-Policy', 'no-referrer');
});
site.use('/*', serveStatic({ root: 'demo-site' }));
site.notFound((c) => c.text('Not found.', 404));

const API_PATH = /^\/api(?:\/|$)/;
const fetchAnswer = async (request: Request, env: object) => (API_PATH.test(getPath(request)) ? compressAnswer(request, await api.fetch(request, env)) : site.fetch(request, env));

const crons =
  process.env.CRON === 'false'
    ? []
    : cronsFromWrangler().map(
        (expression) =>
          new Cron(expression, { timezone: 'UTC', protect: true }, async () => {
            try {
              const result = await runScheduledJobs(deps, expression);
              if (result.worked) console.log(JSON.stringify({ level: result.errors.length > 0 ? 'error' : 'info', job: 'scheduled', ...result }));
            } catch (err) {
              console.error(JSON.stringify({ level: 'error', job: 'scheduled', cron: expression, ...loggableError(err) }));
            }
          }),
      );

const http = serve({ fetch: fetchAnswer, port, hostname, serverOptions: { keepAlive: true, noDelay: true } }, (info) => {
  console.log(`Ticket shop listening on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port} (database ${databaseUrl.replace(/\/\/[^@]*@/, '//***@')}${databaseUrl.startsWith('file:') && localWriter === 'thread' ? `, writes in a writer thread, reads ${localReads === 'local' ? 'on this thread' : 'through it'}` : ''})`);
});

// Widgets poll availability and send holds on the same connection: keep idle sockets open longer
// than the browser's polling interval (Node's default of 5 s closes them between polls).
(http as import('node:http').Server).keepAliveTimeout = 65_000;
(http as import('node:http').Server).headersTimeout = 66_000;

function shutdown() {
  reportResponseChecks('http-server');
  for (const cron of crons) cron.stop();
  // Open event streams would keep close() waiting for ever.
  availabilityHub?.close();
  http.close(() => {
    void closeNodeStorage(storage.client).finally(() => process.exit(0));
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
