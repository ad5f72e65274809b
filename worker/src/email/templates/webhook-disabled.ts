import { formatDateTime } from '../format.js';
import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import type { Language, MessagePayloads } from '../messages.js';
import { webhookStrings } from '../webhook-strings.js';
import { brandOf } from './common.js';

/** To the organizer: an endpoint failed for days and was disabled; what it was, why, and how to turn it back on. */
export function webhookEndpointDisabled(payload: MessagePayloads['webhook_endpoint_disabled'], language: Language): RenderedMessage {
  const s = webhookStrings[language];
  const when = (ms: number) => formatDateTime(ms, payload.shop.timeZone, language, payload.shop.currency);
  const rows: [string, string][] = [[s.endpoint, payload.endpoint.url]];
  if (payload.endpoint.description) rows.push([s.description, payload.endpoint.description]);
  rows.push([s.failingSince, when(payload.failingSince)], [s.disabledAt, when(payload.disabledAt)]);
  if (payload.lastError) rows.push([s.lastError, payload.lastError]);
  const blocks: Block[] = [
    { type: 'paragraph', text: s.greeting },
    { type: 'paragraph', text: s.intro(payload.days) },
    { type: 'facts', rows },
    { type: 'paragraph', text: s.whatNow },
    { type: 'paragraph', text: `${s.signoff}\n${payload.shop.shopName}` },
  ];
  return renderBlocks(s.subject(payload.shop.shopName), brandOf(payload.shop), blocks, `${payload.shop.shopName}\n${s.automatic}`);
}
