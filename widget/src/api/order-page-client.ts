import { hc } from 'hono/client';
import type { AppType } from '../../../worker/src/app.js';
import { changing, read } from './client.js';
import type { OrderView } from './types.js';

type OrderKey = Pick<OrderView, 'number' | 'secret'>;

/**
 * The order page's links and its one action, typed by the API's routes like the shop client
 * (api/client.ts). Kept apart so that it loads with the order page's chunk, not with the first
 * screen: the order secret is the capability of every call.
 */
export function createOrderPageClient(apiBase: string, shopId: string) {
  const order = hc<AppType>(apiBase).api.shops[':shopId'].orders[':number'];
  const param = (o: OrderKey) => ({ shopId, number: o.number });
  return {
    /** Every valid ticket of the order as one PDF, to print at home. */
    ticketsPdfUrl: (o: OrderKey): string => order['tickets.pdf'].$url({ param: param(o), query: { secret: o.secret } }).href,

    /** One ticket as a PDF. */
    ticketPdfUrl: (o: OrderKey, ticketNumber: string): string =>
      order.tickets[':ticketNumber'].pdf.$url({ param: { ...param(o), ticketNumber }, query: { secret: o.secret } }).href,

    /** The order's dates as an .ics file for the buyer's calendar. */
    calendarUrl: (o: OrderKey): string => order['calendar.ics'].$url({ param: param(o), query: { secret: o.secret } }).href,

    /** Queues the order's e-mail again (tickets, or the invoice while unpaid); at most once per 10 minutes. */
    resendEmail: (o: OrderKey) => read(() => order.resend.$post({ param: param(o), json: { secret: o.secret } }, changing())),
  };
}

export type OrderPageClient = ReturnType<typeof createOrderPageClient>;
