import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import { type Language, type MessagePayloads, orderPageLink, type RenderContext, ticketImageId, ticketsPdfUrl } from '../messages.js';
import { brandOf, eventTitle, footer, orderLines, performanceFacts, seatText, texts } from './common.js';

/**
 * The confirmation with the tickets: number, seat and an inline QR code for each, and a link to
 * the tickets as a PDF (attached too); for insured tickets, who insures them, how to reach the
 * insurer, and that the ticket number is the policy reference.
 */
export function orderConfirmation(payload: MessagePayloads['order_confirmation'], language: Language, ctx: RenderContext): RenderedMessage {
  const { order, tickets, insurer } = payload;
  const t = texts(order, language);
  const link = orderPageLink(order, ctx);
  const insured = tickets.some((ticket) => ticket.insured);
  const insurerRows: [string, string][] = insured && insurer?.name ? [[t.s.confirmation.insurer, [insurer.name, insurer.contact].filter(Boolean).join('\n')]] : [];
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: t.s.confirmation.intro(eventTitle(order)) },
    performanceFacts(order, t),
    { type: 'heading', text: t.s.confirmation.tickets },
    {
      type: 'tickets',
      tickets: tickets.map((ticket) => ({
        title: `${t.s.ticket} ${ticket.number}`,
        detail: [seatText(t.s, ticket.seat, ticket.seatLabel), ticket.tariffName, ticket.insured ? t.s.confirmation.policy(ticket.number) : null].filter(Boolean).join('\n'),
        imageId: ticketImageId(ticket.number),
      })),
    },
    { type: 'paragraph', text: t.s.confirmation.atTheDoor },
    { type: 'button', url: ticketsPdfUrl(order, ctx), label: t.s.confirmation.downloadTickets },
    ...(insured && insurer?.name ? [{ type: 'paragraph' as const, text: t.s.confirmation.insured(insurer.name) }, { type: 'facts' as const, rows: insurerRows }] : []),
    orderLines(order, t),
    ...(link ? [{ type: 'button' as const, url: link, label: t.s.orderLink }] : []),
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(t.s.confirmation.subject(order.eventTitle, order.orderNumber), brandOf(order), blocks, footer(order, t));
}
