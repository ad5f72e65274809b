import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import { type Language, type MessagePayloads, orderPageLink, ticketImageId } from '../messages.js';
import { eventTitle, footer, orderLines, performanceFacts, texts } from './common.js';

/** The confirmation with the tickets: number, seat and an inline QR code for each. */
export function orderConfirmation(payload: MessagePayloads['order_confirmation'], language: Language): RenderedMessage {
  const { order, tickets } = payload;
  const t = texts(order, language);
  const link = orderPageLink(order);
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: t.s.confirmation.intro(eventTitle(order)) },
    performanceFacts(order, t),
    { type: 'heading', text: t.s.confirmation.tickets },
    {
      type: 'tickets',
      tickets: tickets.map((ticket) => ({
        title: `${t.s.ticket} ${ticket.number}`,
        detail: [ticket.seatLabel ? `${t.s.seat}: ${ticket.seatLabel}` : null, ticket.tariffName].filter(Boolean).join('\n'),
        imageId: ticketImageId(ticket.number),
      })),
    },
    { type: 'paragraph', text: t.s.confirmation.atTheDoor },
    orderLines(order, t),
    ...(link ? [{ type: 'button' as const, url: link, label: t.s.orderLink }] : []),
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(t.s.confirmation.subject(order.eventTitle, order.orderNumber), order.shopName, blocks, footer(order, t));
}
