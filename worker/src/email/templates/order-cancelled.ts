import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import type { Language, MessagePayloads } from '../messages.js';
import { brandOf, eventTitle, footer, performanceFacts, texts } from './common.js';

/** The notice that an order was cancelled: the deadline passed, or the organizer cancelled it. */
export function orderCancelled(payload: MessagePayloads['order_cancelled'], language: Language): RenderedMessage {
  const { order } = payload;
  const t = texts(order, language);
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: payload.reason === 'invoice_unpaid' ? t.s.cancelled.unpaid(eventTitle(order)) : t.s.cancelled.byOrganizer(eventTitle(order)) },
    ...(payload.note ? [{ type: 'note' as const, label: t.s.cancelled.note, text: payload.note }] : []),
    performanceFacts(order, t),
    { type: 'paragraph', text: t.s.cancelled.seatsFreed },
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(t.s.cancelled.subject(order.orderNumber), brandOf(order), blocks, footer(order, t));
}
