import type { orders } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import { paymentDeadline } from '../domain/invoice-schedule.js';
import { invoicePdf } from '../email/invoice-pdf.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { invoiceFacts, loadPerformanceContext, orderFacts } from './message-facts.js';

type OrderRow = typeof orders.$inferSelect;

/**
 * The invoice of an order as a PDF, for the download link of the e-mails and the organizer:
 * the terms it was placed with, the deadline the buyer was last told, and a stamp once it
 * was paid or cancelled. The same renderer makes the attachment of the invoice e-mail.
 */
export async function invoicePdfForOrder(db: Db, shop: Shop, order: OrderRow): Promise<Uint8Array> {
  const terms = order.invoice;
  if (order.paymentMethod !== 'invoice' || !terms) throw new ApiError(404, 'invoice_not_found', 'This order was not placed by invoice.');
  const context = await loadPerformanceContext(db, order.performanceId);
  const dueAt = order.invoiceDueAt ?? paymentDeadline(terms.orderedAt, order.invoiceRemindersSent, terms, terms.timeZone);
  const stamp = order.status === 'paid' ? 'paid' : order.status === 'cancelled' ? 'cancelled' : null;
  return invoicePdf({ order: orderFacts(shop, order, context), invoice: invoiceFacts(terms, dueAt), language: order.buyerLanguage, stamp });
}

/** The PDF as an HTTP answer: private, never cached, named after the order. */
export function pdfResponse(pdf: Uint8Array, orderNumber: string): Response {
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="invoice-${orderNumber}.pdf"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
