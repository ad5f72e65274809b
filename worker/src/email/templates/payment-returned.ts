import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import type { Language, MessagePayloads } from '../messages.js';
import { paymentReturnedStrings } from '../payment-returned-strings.js';
import { brandOf, eventTitle, footer, performanceFacts, texts } from './common.js';

/** The notice that a Stripe payment was released or refunded because the sale could not be made. */
export function paymentReturned(payload: MessagePayloads['payment_returned'], language: Language): RenderedMessage {
  const { order } = payload;
  const t = texts(order, language);
  const r = paymentReturnedStrings[language];
  const amount = t.money(payload.amount);
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: r.why[payload.reason](eventTitle(order)) },
    { type: 'paragraph', text: payload.refunded ? r.refunded(amount) : r.released(amount) },
    performanceFacts(order, t),
    { type: 'paragraph', text: r.again },
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(r.subject(order.orderNumber), brandOf(order), blocks, footer(order, t));
}
