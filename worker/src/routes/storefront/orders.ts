import { Hono } from 'hono';
import type { AppEnv } from '../../env.js';
import { limitOrderSecretGuesses } from '../../rate-limit/middleware.js';
import { InvoicePdfQuery, OrderCalendarQuery, OrderParams, OrderSecretQuery, ResendOrderEmailBody, StripeReturnBody } from '../../../../contract/storefront.js';
import { TicketPdfParams, TicketsPdfQuery } from '../../../../contract/ticket-documents.js';
import { resendForBuyer } from '../../services/buyer-resend.js';
import { calendarResponse, orderCalendarFile } from '../../services/order-calendar.js';
import { invoicePdfForOrder, pdfResponse } from '../../services/invoice-document.js';
import { ticketsPdfForOrder, ticketsPdfResponse } from '../../services/ticket-documents.js';
import { getOrderView, orderForBuyer } from '../../services/orders.js';
import { answerStripeReturn, withStripePayment } from '../../services/stripe-payments.js';
import { pkpassResponse, recordPassHandedOut, walletOffered, walletTicket } from '../../services/wallet-passes.js';
import { passWebService } from '../../wallet/web-service-url.js';
import { validate } from '../../validation.js';
import { ApiError } from '../../errors.js';
import { googleSaveUrl } from '../../wallet/google-save-link.js';
import { WalletPassQuery } from '../../../../contract/wallet.js';

/**
 * The buyer's order page. The secret comes from the confirmation link (?secret=) or the
 * X-Order-Secret header; without the right one the order does not exist for the caller.
 */
export const orderRoutes = new Hono<AppEnv>()
  .get('/:shopId/orders/:number/invoice.pdf', validate('param', OrderParams), limitOrderSecretGuesses(), validate('query', InvoicePdfQuery), async (c) => {
    const { storage } = c.get('deps');
    const order = await orderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, c.req.valid('query').secret);
    return pdfResponse(await invoicePdfForOrder(storage.db, c.get('shop'), order), order.number);
  })
  // The buyer's tickets to print (the confirmation e-mail links here with the secret).
  .get('/:shopId/orders/:number/tickets.pdf', validate('param', OrderParams), limitOrderSecretGuesses(), validate('query', TicketsPdfQuery), async (c) => {
    const { storage } = c.get('deps');
    const { secret, layout, lang } = c.req.valid('query');
    const order = await orderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, secret);
    return ticketsPdfResponse(await ticketsPdfForOrder(storage.db, c.get('shop'), order, { layout, language: lang }), order.number);
  })
  .get('/:shopId/orders/:number/tickets/:ticketNumber/pdf', validate('param', TicketPdfParams), limitOrderSecretGuesses(), validate('query', TicketsPdfQuery), async (c) => {
    const { storage } = c.get('deps');
    const { secret, layout, lang } = c.req.valid('query');
    const { number, ticketNumber } = c.req.valid('param');
    const order = await orderForBuyer(storage.db, c.get('shop').id, number, secret);
    return ticketsPdfResponse(await ticketsPdfForOrder(storage.db, c.get('shop'), order, { layout, language: lang, ticketNumber }), order.number, ticketNumber);
  })
  // The order's dates for the buyer's calendar (the order page's "Add to calendar").
  .get('/:shopId/orders/:number/calendar.ics', validate('param', OrderParams), limitOrderSecretGuesses(), validate('query', OrderCalendarQuery), async (c) => {
    const { storage, now, publicUrl } = c.get('deps');
    const order = await orderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, c.req.valid('query').secret);
    return calendarResponse(await orderCalendarFile(storage.db, c.get('shop'), order, publicUrl ?? new URL(c.req.url).origin, now()), order.number);
  })
  // "Send the e-mail again" on the order page: at most once per 10 minutes per order (services/buyer-resend.ts).
  .post('/:shopId/orders/:number/resend', validate('param', OrderParams), limitOrderSecretGuesses(), validate('json', ResendOrderEmailBody), async (c) => {
    const { storage, now } = c.get('deps');
    const order = await orderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, c.req.valid('json').secret);
    try {
      return c.json(await resendForBuyer(storage.db, c.get('shop'), order, now()), 202);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'resend_too_soon') c.header('Retry-After', String((err.details as { retryAfter: number }).retryAfter));
      throw err;
    }
  })
  // The wallets: the same ticket and refusals as its PDF; a wallet the platform has no credentials for is refused first.
  .get('/:shopId/orders/:number/tickets/:ticketNumber/wallet.pkpass', validate('param', TicketPdfParams), limitOrderSecretGuesses(), validate('query', WalletPassQuery), async (c) => {
    const deps = c.get('deps');
    const apple = walletOffered(deps, 'apple');
    const { number, ticketNumber } = c.req.valid('param');
    const order = await orderForBuyer(deps.storage.db, c.get('shop').id, number, c.req.valid('query').secret);
    const ticket = await walletTicket(deps.storage.db, c.get('shop'), order, ticketNumber);
    // passkit-generator (joi, node-forge) is loaded by the first pass, not when an isolate starts.
    const { applePass } = await import('../../wallet/apple-pass.js');
    const pass = await applePass(apple, ticket, await passWebService(deps, c.req.url, apple, ticket.serial));
    // From now on the pass's Last-Modified moves with its ticket (the web service answers it).
    await recordPassHandedOut(deps.storage.db, ticket.shopId, ticket.serial, deps.now(), 'apple');
    return pkpassResponse(pass, ticketNumber);
  })
  .get('/:shopId/orders/:number/tickets/:ticketNumber/google-wallet', validate('param', TicketPdfParams), limitOrderSecretGuesses(), validate('query', WalletPassQuery), async (c) => {
    const deps = c.get('deps');
    const google = walletOffered(deps, 'google');
    const { number, ticketNumber } = c.req.valid('param');
    const order = await orderForBuyer(deps.storage.db, c.get('shop').id, number, c.req.valid('query').secret);
    const ticket = await walletTicket(deps.storage.db, c.get('shop'), order, ticketNumber);
    const saveUrl = await googleSaveUrl(google, ticket, deps.now());
    // The object may exist at Google from now on: changes of the ticket are sent to it (jobs/wallet-updates.ts).
    await recordPassHandedOut(deps.storage.db, ticket.shopId, ticket.serial, deps.now(), 'google');
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json({ saveUrl }, 200);
  })
  .get('/:shopId/orders/:number', validate('param', OrderParams), limitOrderSecretGuesses(), validate('query', OrderSecretQuery), async (c) => {
    const { storage, now } = c.get('deps');
    const secret = c.req.valid('query').secret ?? c.req.header('X-Order-Secret') ?? '';
    const order = await orderForBuyer(storage.db, c.get('shop').id, c.req.valid('param').number, secret);
    const view = await withStripePayment(storage.db, c.get('deps').stripe, { orderId: order.id }, await getOrderView(storage.db, c.get('shop'), order.number, now()));
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(view, 200);
  })
  // The buyer is back from Stripe (services/stripe-payments.ts): the order is completed with this payment, once.
  .post(
    '/:shopId/orders/:number/stripe-return',
    validate('param', OrderParams),
    limitOrderSecretGuesses(),
    validate('query', OrderSecretQuery),
    validate('json', StripeReturnBody),
    async (c) => {
      const deps = c.get('deps');
      const secret = c.req.valid('query').secret ?? c.req.header('X-Order-Secret') ?? '';
      const order = await orderForBuyer(deps.storage.db, c.get('shop').id, c.req.valid('param').number, secret);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await answerStripeReturn(deps, c.get('shop'), order, c.req.valid('json').paymentIntentId), 200);
    },
  );
