import { ticketsPdfForMessage } from '../documents/message-tickets.js';
import { invoicePdf } from './invoice-pdf.js';
import { type Message, ticketImageId, type TicketFacts } from './messages.js';
import { qrPng } from './qr-png.js';
import type { MailAttachment } from './transport.js';

const qrImage = async (ticket: TicketFacts): Promise<MailAttachment> => ({
  filename: `ticket-${ticket.number}.png`,
  contentType: 'image/png',
  content: await qrPng(ticket.qrPayload),
  contentId: ticketImageId(ticket.number),
});

/**
 * The files that go with a message: each ticket's QR code inline (shown in the e-mail itself)
 * and the tickets as an A4 PDF to print; the invoice as a PDF.
 */
export async function messageAttachments(message: Message): Promise<MailAttachment[]> {
  switch (message.kind) {
    case 'order_confirmation': {
      const { order, tickets, ticketConditions } = message.payload;
      const images = await Promise.all(tickets.map(qrImage));
      const pdf = await ticketsPdfForMessage(order, tickets, ticketConditions, message.language);
      return [...images, { filename: `tickets-${order.orderNumber}.pdf`, contentType: 'application/pdf', content: pdf }];
    }
    case 'ticket_exchanged': {
      const { order, ticket, ticketConditions } = message.payload;
      const pdf = await ticketsPdfForMessage(order, [ticket], ticketConditions, message.language);
      return [await qrImage(ticket), { filename: `ticket-${ticket.number}.pdf`, contentType: 'application/pdf', content: pdf }];
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
