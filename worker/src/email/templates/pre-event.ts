import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import { type Language, type MessagePayloads, orderPageLink, type RenderContext } from '../messages.js';
import { brandOf, eventTitle, footer, performanceFacts, texts } from './common.js';

/** The message before the performance: when and where, the organizer's own words, a word about the tickets. */
export function preEvent(payload: MessagePayloads['pre_event'], language: Language, ctx: RenderContext): RenderedMessage {
  const { order } = payload;
  const t = texts(order, language);
  const when = t.dateTime(order.startsAt);
  const link = orderPageLink(order, ctx);
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(order.buyerName) },
    { type: 'paragraph', text: t.s.preEvent.intro(eventTitle(order), when) },
    ...(payload.text ? [{ type: 'note' as const, label: order.shopName, text: payload.text }] : []),
    performanceFacts(order, t),
    { type: 'paragraph', text: `${order.doorsAt !== null ? `${t.s.preEvent.doorsAt(t.time(order.doorsAt))} ` : ''}${t.s.preEvent.tickets(payload.ticketCount)} ${t.s.preEvent.bring}` },
    ...(link ? [{ type: 'button' as const, url: link, label: t.s.orderLink }] : []),
    { type: 'paragraph', text: t.s.signoff(order.shopName) },
  ];
  return renderBlocks(t.s.preEvent.subject(order.eventTitle, when), brandOf(order), blocks, footer(order, t));
}
