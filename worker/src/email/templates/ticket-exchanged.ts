import { exchangeStrings } from '../exchange-strings.js';
import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import { type Language, type MessagePayloads, orderPageLink, type RenderContext, ticketImageId } from '../messages.js';
import { brandOf, eventTitle, footer, performanceFacts, seatText, texts } from './common.js';

/** The new ticket after an exchange (with its QR code), what it cost, and that the old one is void. */
export function ticketExchanged(payload: MessagePayloads['ticket_exchanged'], language: Language, ctx: RenderContext): RenderedMessage {
  const { order, exchange, ticket } = payload;
  const t = texts(order, language);
  const x = exchangeStrings[language];
  const link = orderPageLink(order, ctx);
  const oldDetail = [seatText(t.s, exchange.oldSeat, exchange.oldSeatLabel), x.wasOn(t.dateTime(exchange.oldStartsAt))].filter(Boolean).join(', ');
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: x.intro(exchange.oldTicketNumber) },
    performanceFacts(order, t),
    { type: 'heading', text: x.newTicket },
    {
      type: 'tickets',
      tickets: [
        {
          title: `${t.s.ticket} ${ticket.number}`,
          detail: [seatText(t.s, ticket.seat, ticket.seatLabel), ticket.tariffName].filter(Boolean).join('\n'),
          imageId: ticketImageId(ticket.number),
        },
      ],
    },
    { type: 'paragraph', text: t.s.confirmation.atTheDoor },
    { type: 'note', label: x.oldTicket, text: `${exchange.oldTicketNumber} (${oldDetail})\n${x.noLongerValid(exchange.oldTicketNumber)}` },
    exchange.amountCharged > 0
      ? {
          type: 'lines',
          rows: [
            ...(exchange.difference > 0 ? [{ label: x.difference, amount: t.money(exchange.difference) }] : []),
            ...(exchange.fee > 0 ? [{ label: x.fee, amount: t.money(exchange.fee) }] : []),
          ],
          total: [x.charged, t.money(exchange.amountCharged)],
        }
      : { type: 'paragraph', text: x.nothingCharged },
    ...(exchange.refundDue > 0 ? [{ type: 'paragraph' as const, text: x.refundDue(t.money(exchange.refundDue)) }] : []),
    ...(link ? [{ type: 'button' as const, url: link, label: t.s.orderLink }] : []),
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(x.subject(eventTitle(order), ticket.number), brandOf(order), blocks, footer(order, t));
}
