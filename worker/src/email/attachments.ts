import { invoicePdf } from './invoice-pdf.js';
import { type Message, ticketImageId } from './messages.js';
import { qrPng } from './qr-png.js';
import type { MailAttachment } from './transport.js';

/** The files that go with a message: each ticket's QR code inline, the invoice as a PDF. */
export async function messageAttachments(message: Message): Promise<MailAttachment[]> {
  switch (message.kind) {
    case 'order_confirmation':
      return Promise.all(
        message.payload.tickets.map(async (ticket) => ({
          filename: `ticket-${ticket.number}.png`,
          contentType: 'image/png',
          content: await qrPng(ticket.qrPayload),
          contentId: ticketImageId(ticket.number),
        })),
      );
    case 'ticket_exchanged': {
      const ticket = message.payload.ticket;
      return [{ filename: `ticket-${ticket.number}.png`, contentType: 'image/png', content: await qrPng(ticket.qrPayload), contentId: ticketImageId(ticket.number) }];
    }
    case 'invoice':
      return [
        {
          filename: `invoice-${message.payload.order.orderNumber}.pdf`,
          contentType: 'application/pdf',
          content: await invoicePdf({ order: message.payload.order, invoice: message.payload.invoice, language: message.language }),
        },
      ];
    default:
      return [];
  }
}
