import { formatReference } from 'swissqrbill/utils';
import { formatDateTime, formatIban, formatMoney, formatTime } from '../format.js';
import type { Block, Brand } from '../layout.js';
import type { SeatPlace } from '../../../../db/schema/orders.js';
import type { InvoiceFacts, Language, OrderFacts, OrderLineFacts } from '../messages.js';
import { type EmailStrings, emailStrings } from '../translations.js';

/** What every template needs: the strings of the buyer's language and the shop's formats. */
export function texts(order: OrderFacts, language: Language) {
  const s: EmailStrings = emailStrings[language];
  return {
    s,
    money: (minor: number) => formatMoney(minor, order.currency, language),
    dateTime: (ms: number) => formatDateTime(ms, order.timeZone, language, order.currency),
    time: (ms: number) => formatTime(ms, order.timeZone, language, order.currency),
  };
}

export type Texts = ReturnType<typeof texts>;

/** The shop's name and colour for the message's header. */
export const brandOf = (facts: { shopName: string; brandColor?: string | null | undefined }): Brand => ({ name: facts.shopName, color: facts.brandColor });

export function eventTitle(order: OrderFacts): string {
  return order.eventSubtitle ? `${order.eventTitle} (${order.eventSubtitle})` : order.eventTitle;
}

/** Which performance, where, when the doors open, which order. */
export function performanceFacts(order: OrderFacts, t: Texts): Block {
  const rows: [string, string][] = [
    [t.s.performance, `${eventTitle(order)}\n${t.dateTime(order.startsAt)}`],
    [t.s.venue, order.venueAddress ? `${order.venueName}\n${order.venueAddress}` : order.venueName],
  ];
  if (order.doorsAt !== null) rows.push([t.s.doors, t.time(order.doorsAt)]);
  rows.push([t.s.orderNumber, order.orderNumber]);
  return { type: 'facts', rows };
}

/** A seat in the buyer's words, or the stored label of a payload queued before the parts. */
export const seatText = (s: EmailStrings, seat: SeatPlace | null | undefined, storedLabel: string | null): string | null => (seat ? s.seatPlace(seat) : storedLabel);

/**
 * A line of the order in the buyer's words: a ticket is its tariff and seat, the others are
 * named by their kind (and code). Payloads queued before the parts show their stored label.
 */
export function lineLabel(line: OrderLineFacts, s: EmailStrings): string {
  switch (line.kind) {
    case 'ticket':
      if (line.tariffName === undefined) return line.label;
      return line.seat ? `${line.tariffName} · ${s.seatPlace(line.seat)}` : line.tariffName;
    case 'fee':
      return s.lines.fee;
    case 'insurance':
      return s.lines.insurance;
    case 'pass':
      return line.code ? s.lines.pass(line.code) : line.label;
    case 'discount':
      return line.code ? s.lines.promo(line.code) : line.label;
    case 'vouchers':
      return s.lines.vouchers;
    default:
      return line.label;
  }
}

export function orderLines(order: OrderFacts, t: Texts): Block {
  return {
    type: 'lines',
    rows: order.lines.map((line) => ({ label: line.quantity > 1 ? `${line.quantity} × ${lineLabel(line, t.s)}` : lineLabel(line, t.s), amount: t.money(line.amount) })),
    total: [t.s.total, t.money(order.total)],
  };
}

/** The bank details a buyer needs to pay without the PDF. */
export function paymentFacts(order: OrderFacts, invoice: InvoiceFacts, t: Texts): Block {
  const c = invoice.creditor;
  return {
    type: 'facts',
    rows: [
      [t.s.invoice.payableTo, `${c.name}\n${c.address}${c.buildingNumber ? ` ${c.buildingNumber}` : ''}\n${c.zip} ${c.city}`],
      [t.s.invoice.account, formatIban(c.account)],
      [t.s.invoice.reference, formatReference(invoice.reference)],
      [t.s.invoice.amount, t.money(order.total)],
    ],
  };
}

export const footer = (order: OrderFacts, t: Texts) => `${order.shopName} · ${t.s.orderNumber} ${order.orderNumber}\n${t.s.automatic}`;
