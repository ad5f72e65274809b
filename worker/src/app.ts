import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { AppEnv, Bindings, Deps } from './env.js';
import { loggableError } from './db.js';
import { ApiError, isClientAbort } from './errors.js';
import { jsonAnswer, keepJsonTexts } from './answer-text.js';
import { checkResponses } from './middleware/check-responses.js';
import { limitBody } from './middleware/body-limit.js';
import { idempotency, idempotencyInBatch } from './middleware/idempotency.js';
import { requireJsonBody } from './middleware/json-body.js';
import { answerUnknownRoutes, routeNotFound } from './middleware/known-route.js';
import { organizerAuth } from './middleware/organizer-auth.js';
import { apiSecurityHeaders } from './middleware/security-headers.js';
import { storefrontShop } from './middleware/storefront-shop.js';
import { organizerCancellationRoutes } from './routes/organizer/cancellations.js';
import { organizerCatalogRoutes } from './routes/organizer/catalog.js';
import { organizerCodeRoutes } from './routes/organizer/codes.js';
import { organizerInvoiceRoutes } from './routes/organizer/invoices.js';
import { organizerTicketDocumentRoutes } from './routes/organizer/ticket-documents.js';
import { organizerMessageRoutes } from './routes/organizer/messages.js';
import { organizerOrderRoutes } from './routes/organizer/orders.js';
import { organizerDoorRoutes } from './routes/organizer/door.js';
import { organizerReportRoutes } from './routes/organizer/reports.js';
import { shopRoutes } from './routes/organizer/shop.js';
import { catalogRoutes } from './routes/storefront/catalog.js';
import { holdRoutes } from './routes/storefront/holds.js';
import { orderRoutes } from './routes/storefront/orders.js';
import { productRoutes } from './routes/storefront/products.js';
import { exchangeRoutes } from './routes/storefront/exchanges.js';
import { referenceRoutes } from './routes/reference.js';
import { organizerExchangeRoutes } from './routes/organizer/exchanges.js';
import { organizerWebhookRoutes } from './routes/organizer/webhooks.js';
import { stripeWebhookRoutes } from './routes/stripe-webhook.js';
import { staffRoutes } from './routes/staff.js';
import { organizerStaffRoutes } from './routes/organizer/staff.js';
import { organizerBoxOfficeRoutes } from './routes/organizer/box-office.js';
import { organizerResellerRoutes } from './routes/organizer/resellers.js';
import { organizerWaitingListRoutes } from './routes/organizer/waiting-list.js';
import { waitingListRoutes } from './routes/storefront/waiting-list.js';
import { organizerQuestionRoutes } from './routes/organizer/questions.js';
import { questionRoutes } from './routes/storefront/questions.js';
import { organizerPersonalDataRoutes } from './routes/organizer/personal-data.js';
import { organizerOrderExportRoutes } from './routes/organizer/order-export.js';
import { appleWalletRoutes } from './routes/wallet-apple.js';

export interface AppOptions {
  /**
   * Check every answer against the contract (contract/operations) and turn a mismatch into a
   * 500 response_contract_violation: on in the test suites, off in production. A function
   * decides per request from the bindings (Workers learns them only then).
   */
  checkResponses?: boolean | ((env: Bindings) => boolean);
}

/**
 * The one Hono app behind both runtimes. The entry (Node or Workers) says how to reach
 * storage, the clock and the payment providers; everything else is the same code.
 */
export function buildApp(resolveDeps: (env: Bindings) => Deps | Promise<Deps>, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();

  // Outermost, so that errors, 404s and 413s carry them too.
  app.use('*', apiSecurityHeaders());
  app.use('*', async function provideDeps(c, next) {
    c.set('deps', await resolveDeps(c.env ?? {}));
    // A GET's JSON answer keeps its text: the Node server's compression learns its size without
    // reading it (on Workers, where the edge compresses, nobody asks; keeping it costs a closure).
    if (c.req.method === 'GET') keepJsonTexts(c);
    await next();
    // Whoever writes reads their write next, even where availability is shared between isolates (availability-feed.ts).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') c.get('deps').availability?.feed.wroteHere();
  });
  // Inside the security headers (they are added to what it answers) and around everything else, idempotent replays included.
  if (options.checkResponses) {
    const check = checkResponses();
    const enabled = options.checkResponses;
    app.use('*', (c, next) => (enabled === true || enabled(c.env ?? {}) ? check(c, next) : next()));
  }
  // Every body is judged by its declared length before anything reads it or checks a token; the
  // first limit matching a path is its limit. Seating plans of 100,000 seats are a few MB; an
  // event's texts in four languages pass 64 KB as JSON that escapes accents ("\u00e9"); nothing
  // else needs more than 64 KB.
  app.use('/api/org/venues/:id/plans', limitBody(32 * 1024 * 1024, '32 MB'));
  app.use('/api/org/venues/:id/plans/csv', limitBody(32 * 1024 * 1024, '32 MB'));
  app.use('/api/org/events', limitBody(256 * 1024, '256 KB'));
  app.use('/api/org/events/:id', limitBody(256 * 1024, '256 KB'));
  // A scanner's offline queue: up to 500 scans of up to 1,000 characters each.
  app.use('/api/org/checkins/sync', limitBody(1024 * 1024, '1 MB'));
  // Tickets sold elsewhere: a CSV of some ten thousand lines.
  app.use('/api/org/ticket-imports', limitBody(4 * 1024 * 1024 + 64 * 1024, '4 MB'));
  // A quota's seats as ids (20,000 at most).
  app.use('/api/org/resellers/:resellerId/quotas/:performanceId', limitBody(256 * 1024, '256 KB'));
  app.use('*', limitBody(64 * 1024, '64 KB'));
  app.use('*', answerUnknownRoutes());
  app.use('/api/shops/:shopId', storefrontShop());
  app.use('/api/shops/:shopId/*', storefrontShop());
  app.use('/api/org/*', organizerAuth());
  // It reads the body: only once the size is judged and the organizer's token checked.
  app.use('/api/*', requireJsonBody());
  // Creating a hold stores its answer in its own batch (the flash-sale path: one write per hold).
  app.use('/api/shops/:shopId/holds', idempotencyInBatch());
  // Not the console's sign-in (/api/staff): a replayed answer could not set the session cookie again, and a link is spent once anyway.
  const keyed = idempotency();
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/staff/') ? next() : keyed(c, next)));

  app.onError((err, c) => {
    // Its text is kept: the idempotency middlewares store it without reading the Response back.
    if (err instanceof ApiError) return jsonAnswer(c, err.toEnvelope(), err.status);
    if (err instanceof HTTPException) {
      // Hono throws these only while reading a request (a body it cannot parse): the client's fault, always 400.
      const malformed = /json/i.test(err.message);
      const envelope = new ApiError(
        400,
        malformed ? 'invalid_json' : 'bad_request',
        malformed ? 'The request body is not valid JSON.' : err.message || 'The request is not valid.',
      );
      return c.json(envelope.toEnvelope(), envelope.status);
    }
    if (isClientAbort(err, c.req.raw)) {
      // The client hung up mid-upload: nobody reads this answer, and nothing needs fixing.
      console.log(JSON.stringify({ level: 'info', event: 'client_aborted', method: c.req.method, path: routePath(c, -1) }));
      return c.json(new ApiError(400, 'client_aborted', 'The connection closed before the request body arrived.').toEnvelope(), 400);
    }
    // A bug: log what helps fixing it, never the body or the headers (they carry personal data and secrets).
    console.error(JSON.stringify({ level: 'error', method: c.req.method, path: c.req.routePath, ...loggableError(err) }));
    return c.json(new ApiError(500, 'internal_error', 'Something went wrong on our side. Please retry; if it persists, contact the organizer.').toEnvelope(), 500);
  });
  app.notFound((c) => c.json(routeNotFound(c).toEnvelope(), 404));

  return app
    .get('/api/health', (c) => c.json({ ok: true as const }, 200))
    .route('/api/shops', catalogRoutes)
    .route('/api/shops', holdRoutes)
    .route('/api/shops', orderRoutes)
    .route('/api/shops', productRoutes)
    .route('/api/shops', exchangeRoutes)
    .route('/api/shops', waitingListRoutes)
    .route('/api/shops', questionRoutes)
    .route('/api/staff', staffRoutes)
    .route('/api/org', organizerStaffRoutes)
    .route('/api/org', shopRoutes)
    .route('/api/org', organizerCatalogRoutes)
    .route('/api/org', organizerCodeRoutes)
    .route('/api/org', organizerOrderRoutes)
    .route('/api/org', organizerDoorRoutes)
    .route('/api/org', organizerExchangeRoutes)
    .route('/api/org', organizerBoxOfficeRoutes)
    .route('/api/org', organizerInvoiceRoutes)
    .route('/api/org', organizerTicketDocumentRoutes)
    .route('/api/org', organizerCancellationRoutes)
    .route('/api/org', organizerReportRoutes)
    .route('/api/org', organizerMessageRoutes)
    .route('/api/org', organizerWebhookRoutes)
    .route('/api/org', organizerResellerRoutes)
    .route('/api/org', organizerWaitingListRoutes)
    .route('/api/org', organizerQuestionRoutes)
    .route('/api/org', organizerPersonalDataRoutes)
    .route('/api/org', organizerOrderExportRoutes)
    .route('/api/wallet/apple', appleWalletRoutes)
    .route('/api', stripeWebhookRoutes)
    .route('/api', referenceRoutes);
}

/** The API's type, for `hc<AppType>(baseUrl)` typed clients (the widget uses one). */
export type AppType = ReturnType<typeof buildApp>;
