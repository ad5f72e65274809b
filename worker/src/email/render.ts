import type { RenderedMessage } from './layout.js';
import type { Message, RenderContext } from './messages.js';
import { invoiceMessage } from './templates/invoice.js';
import { invoiceReminder } from './templates/invoice-reminder.js';
import { orderCancelled } from './templates/order-cancelled.js';
import { orderConfirmation } from './templates/order-confirmation.js';
import { preEvent } from './templates/pre-event.js';
import { ticketsCancelled } from './templates/tickets-cancelled.js';
import { ticketExchanged } from './templates/ticket-exchanged.js';
import { passIssued, voucherIssued } from './templates/product-issued.js';
import { webhookEndpointDisabled } from './templates/webhook-disabled.js';
import { paymentReturned } from './templates/payment-returned.js';
import { staffInvitation, staffSignIn } from './templates/staff-sign-in.js';
import { waitingListJoined, waitingListOffer } from './templates/waiting-list.js';

/** Subject, plain text and HTML of a message: a pure function of what was queued. */
export function renderMessage(message: Message, ctx: RenderContext): RenderedMessage {
  switch (message.kind) {
    case 'order_confirmation':
      return orderConfirmation(message.payload, message.language, ctx);
    case 'invoice':
      return invoiceMessage(message.payload, message.language, ctx);
    case 'invoice_reminder':
      return invoiceReminder(message.payload, message.language, ctx);
    case 'order_cancelled':
      return orderCancelled(message.payload, message.language);
    case 'pre_event':
      return preEvent(message.payload, message.language, ctx);
    case 'ticket_exchanged':
      return ticketExchanged(message.payload, message.language, ctx);
    case 'pass_issued':
      return passIssued(message.payload, message.language);
    case 'voucher_issued':
      return voucherIssued(message.payload, message.language);
    case 'tickets_cancelled':
      return ticketsCancelled(message.payload, message.language);
    case 'webhook_endpoint_disabled':
      return webhookEndpointDisabled(message.payload, message.language);
    case 'payment_returned':
      return paymentReturned(message.payload, message.language);
    case 'staff_sign_in':
      return staffSignIn(message.payload, message.language, ctx);
    case 'staff_invitation':
      return staffInvitation(message.payload, message.language, ctx);
    case 'waiting_list_joined':
      return waitingListJoined(message.payload, message.language, ctx);
    case 'waiting_list_offer':
      return waitingListOffer(message.payload, message.language, ctx);
  }
}
