import { formatDate } from '../format.js';
import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import { invoiceUrl, type Language, type MessagePayloads, type RenderContext } from '../messages.js';
import { brandOf, eventTitle, footer, orderLines, paymentFacts, performanceFacts, texts } from './common.js';

/** The order confirmation of a pay-by-invoice order; the invoice PDF is attached. */
export function invoiceMessage(payload: MessagePayloads['invoice'], language: Language, ctx: RenderContext): RenderedMessage {
  const { order, invoice } = payload;
  const t = texts(order, language);
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: `${t.s.invoice.intro(eventTitle(order))} ${t.s.invoice.payBy(formatDate(invoice.dueAt, order.timeZone, language, order.currency))}` },
    { type: 'paragraph', text: `${t.s.invoice.seatsKept} ${t.s.invoice.ticketsAfterPayment}` },
    performanceFacts(order, t),
    orderLines(order, t),
    { type: 'heading', text: t.s.invoice.paymentDetails },
    paymentFacts(order, invoice, t),
    { type: 'paragraph', text: t.s.invoice.attached },
    { type: 'button', url: invoiceUrl(order, ctx), label: t.s.invoice.download },
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(t.s.invoice.subject(order.eventTitle, order.orderNumber), brandOf(order), blocks, footer(order, t));
}
