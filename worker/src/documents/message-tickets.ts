import type { Language, OrderFacts, TicketFacts } from '../email/messages.js';
import { type PerformanceOnPaper, type TicketOnPaper, ticketsPdf } from './ticket-pdf.js';

/**
 * The A4 PDF of an e-mail's tickets, from the message's frozen payload (the deliverer reads no
 * database): the confirmation's tickets, or an exchange's new ticket.
 */
export function ticketsPdfForMessage(order: OrderFacts, ticketList: TicketFacts[], conditions: string | null | undefined, language: Language): Promise<Uint8Array> {
  const performance: PerformanceOnPaper = {
    eventTitle: order.eventTitle,
    eventSubtitle: order.eventSubtitle,
    startsAt: order.startsAt,
    doorsAt: order.doorsAt,
    venueName: order.venueName,
    venueAddress: order.venueAddress,
  };
  const onPaper: TicketOnPaper[] = ticketList.map((t) => ({
    number: t.number,
    seat: t.seat ?? null,
    seatLabel: t.seatLabel,
    tariffName: t.tariffName,
    price: t.price ?? null,
    qrPayload: t.qrPayload,
    performance,
  }));
  return ticketsPdf(
    { shopName: order.shopName, timeZone: order.timeZone, currency: order.currency, orderNumber: order.orderNumber, buyerName: order.buyerName, conditions: conditions ?? null, tickets: onPaper },
    'a4',
    language,
  );
}
