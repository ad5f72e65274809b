import * as v from 'valibot';
import { Locale, OrderNumber, OrderSecret, RecordId } from './common.js';
import { TicketNumber } from './exchange.js';

/** `a4`: one ticket per A4 page, to print at home; `thermal`: one ticket per 80 mm roll page, for box office printers. */
export const ticketPdfLayouts = ['a4', 'thermal'] as const;
export type TicketPdfLayout = (typeof ticketPdfLayouts)[number];

const Layout = v.optional(v.picklist(ticketPdfLayouts), 'a4');

/** The buyer's link carries the order's secret; `lang` left out: the buyer's language. */
export const TicketsPdfQuery = v.object({ secret: OrderSecret, layout: Layout, lang: v.optional(Locale) });
export const TicketPdfParams = v.object({ shopId: RecordId, number: OrderNumber, ticketNumber: TicketNumber });

/** Staff print an order's tickets (the box office printer, the order page); `lang` left out: the buyer's language. */
export const StaffTicketsPdfQuery = v.object({ layout: Layout, lang: v.optional(Locale) });
export const StaffTicketPdfParams = v.object({ number: OrderNumber, ticketNumber: TicketNumber });
