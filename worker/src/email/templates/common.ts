import { formatReference } from 'swissqrbill/utils';
import { formatDateTime, formatIban, formatMoney, formatTime } from '../format.js';
import type { Block } from '../layout.js';
import type { InvoiceFacts, Language, OrderFacts } from '../messages.js';
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

export function orderLines(order: OrderFacts, t: Texts): Block {
  return {
    type: 'lines',
    rows: order.lines.map((line) => ({ label: line.quantity > 1 ? `${line.quantity} × ${line.label}` : line.label, amount: t.money(line.amount) })),
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
