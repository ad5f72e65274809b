import { formatDate } from '../format.js';
import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import { invoiceUrl, type Language, type MessagePayloads, type RenderContext } from '../messages.js';
import { brandOf, footer, paymentFacts, performanceFacts, texts } from './common.js';

/** Reminder k of N, with the new deadline; the last one says the order will then be cancelled. */
export function invoiceReminder(payload: MessagePayloads['invoice_reminder'], language: Language, ctx: RenderContext): RenderedMessage {
  const { order, invoice } = payload;
  const t = texts(order, language);
  const final = payload.reminderNumber >= payload.reminderCount;
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: `${t.s.reminder.intro(order.orderNumber)} ${t.s.reminder.newDeadline(formatDate(invoice.dueAt, order.timeZone, language, order.currency))}` },
    ...(final ? [{ type: 'paragraph' as const, text: t.s.reminder.final }] : []),
    performanceFacts(order, t),
    { type: 'heading', text: t.s.invoice.paymentDetails },
    paymentFacts(order, invoice, t),
    { type: 'button', url: invoiceUrl(order, ctx), label: t.s.invoice.download },
    { type: 'paragraph', text: t.s.reminder.alreadyPaid },
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(t.s.reminder.subject(order.orderNumber, final), brandOf(order), blocks, footer(order, t));
}
