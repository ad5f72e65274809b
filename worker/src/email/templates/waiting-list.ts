import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import { formatDateTime } from '../format.js';
import type { Language, MessagePayloads, RenderContext, WaitingListFacts } from '../messages.js';
import { waitingListStrings } from '../waiting-list-strings.js';
import { brandOf } from './common.js';

/**
 * The shop's page with the widget (its order page, or this deployment's home page), with the
 * parameters the widget opens: `hold` (the offer's cart) or `waitlist` and `token` (leave the list).
 */
export function waitingListPageLink(entry: WaitingListFacts, ctx: RenderContext, params: Record<string, string>): string {
  const base = ctx.publicUrl.replace(/\/$/, '');
  const page = entry.pageUrl ?? '/';
  const url = new URL(page.startsWith('/') ? `${base}${page}` : page);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

const leaveLink = (entry: WaitingListFacts, ctx: RenderContext) => (entry.withdrawToken ? waitingListPageLink(entry, ctx, { waitlist: entry.entryId, token: entry.withdrawToken }) : null);
const when = (entry: WaitingListFacts, at: number, language: Language) => formatDateTime(at, entry.timeZone, language, entry.currency);
const eventName = (entry: WaitingListFacts) => `${entry.eventTitle}${entry.venueName ? ` (${entry.venueName})` : ''}`;

/** To a buyer who joined: what they wait for, how offers work, and how to leave. */
export function waitingListJoined(payload: MessagePayloads['waiting_list_joined'], language: Language, ctx: RenderContext): RenderedMessage {
  const { entry } = payload;
  const s = waitingListStrings[language];
  const leave = leaveLink(entry, ctx);
  const blocks: Block[] = [
    { type: 'paragraph', text: s.greeting(entry.name) },
    { type: 'paragraph', text: s.joined(eventName(entry), when(entry, entry.startsAt, language), entry.quantity) },
    { type: 'paragraph', text: s.joinedNext(payload.offerHours) },
    ...(leave ? [{ type: 'paragraph' as const, text: `${s.leave}\n${leave}` }] : []),
  ];
  return renderBlocks(s.joinedSubject(entry.eventTitle), brandOf(entry), blocks, `${entry.shopName}\n${s.automatic}`);
}

/** To the next buyer in line: seats are held for them until the offer lapses; the link opens that hold. */
export function waitingListOffer(payload: MessagePayloads['waiting_list_offer'], language: Language, ctx: RenderContext): RenderedMessage {
  const { entry, offer } = payload;
  const s = waitingListStrings[language];
  const claim = waitingListPageLink(entry, ctx, { hold: offer.holdId });
  const blocks: Block[] = [
    { type: 'paragraph', text: s.greeting(entry.name) },
    { type: 'paragraph', text: s.offer(eventName(entry), when(entry, entry.startsAt, language), entry.quantity) },
    { type: 'paragraph', text: s.offerUntil(when(entry, offer.expiresAt, language)) },
    { type: 'button', url: claim, label: s.offerButton },
    { type: 'paragraph', text: `${claim}\n${s.offerLapse}` },
    { type: 'paragraph', text: s.offerDecline },
  ];
  return renderBlocks(s.offerSubject(entry.eventTitle), brandOf(entry), blocks, `${entry.shopName}\n${s.automatic}`);
}
