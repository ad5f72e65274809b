import { displayCode } from '../../../../contract/code-format.js';
import { cancellationStrings } from '../cancellation-strings.js';
import { formatDate } from '../format.js';
import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import type { Language, MessagePayloads } from '../messages.js';
import { brandOf, eventTitle, footer, performanceFacts, seatText, texts } from './common.js';

/**
 * Staff cancelled a whole order or some of its tickets: which tickets no longer admit, how
 * (and whether) the buyer is refunded, the code of a refund voucher, and the organizer's note.
 */
export function ticketsCancelled(payload: MessagePayloads['tickets_cancelled'], language: Language): RenderedMessage {
  const { order, refund } = payload;
  const t = texts(order, language);
  const c = cancellationStrings[language];
  const amount = t.money(refund.amount);
  const refundText = refund.method === 'none' || refund.amount === 0 ? c.refund.none : c.refund[refund.method](amount);
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    {
      type: 'paragraph',
      text: payload.cause === 'payment_not_collected' ? c.notCollected(eventTitle(order)) : payload.wholeOrder ? c.whole(eventTitle(order)) : c.some(payload.tickets.length, eventTitle(order)),
    },
    ...(payload.note ? [{ type: 'note' as const, label: c.note, text: payload.note }] : []),
    performanceFacts(order, t),
  ];
  if (payload.tickets.length > 0) {
    blocks.push(
      { type: 'heading', text: c.cancelledTickets },
      { type: 'tickets', tickets: payload.tickets.map((ticket) => ({ title: `${t.s.ticket} ${ticket.number}`, detail: [seatText(t.s, ticket.seat, ticket.seatLabel), ticket.tariffName].filter(Boolean).join(' · '), imageId: null })) },
      { type: 'paragraph', text: payload.wholeOrder ? c.invalidAtDoor : `${c.invalidAtDoor} ${c.stillValid}` },
    );
  }
  // No ticket was issued: an unpaid invoice order, where nothing was paid and nothing is owed.
  if (payload.tickets.length === 0) blocks.push({ type: 'paragraph', text: c.owesNothing });
  else blocks.push({ type: 'heading', text: c.refund.title }, { type: 'paragraph', text: refundText });
  if (refund.voucher) {
    const rows: [string, string][] = [[c.refund.voucherCode, displayCode(refund.voucher.code)]];
    if (refund.voucher.expiresAt !== null) rows.push([c.refund.voucherExpires, formatDate(refund.voucher.expiresAt, order.timeZone, language, order.currency)]);
    blocks.push({ type: 'facts', rows }, { type: 'paragraph', text: c.refund.voucherHowTo });
  }
  if (payload.insured) {
    blocks.push({ type: 'paragraph', text: c.insurance });
    const insurer = [payload.insurer?.name, payload.insurer?.contact].filter(Boolean).join('\n');
    if (insurer) blocks.push({ type: 'facts', rows: [[c.insurer, insurer]] });
  }
  blocks.push({ type: 'paragraph', text: t.s.signoff(order.shopName) });
  return renderBlocks(c.subject(order.orderNumber, payload.wholeOrder), brandOf(order), blocks, footer(order, t));
}
