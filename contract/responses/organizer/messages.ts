import * as v from 'valibot';
import { messageKinds, messageStatuses } from '../../vocabulary.js';
import { Count, IsoTime } from '../shared.js';

/** An e-mail of the shop's outbox: sent, waiting or failed. */
export const OrderMessage = v.object({
  id: v.string(),
  kind: v.picklist(messageKinds),
  status: v.picklist(messageStatuses),
  attempts: Count,
  lastError: v.nullable(v.string()),
  createdAt: IsoTime,
  sentAt: v.nullable(IsoTime),
});
export const MessageView = v.object({ ...OrderMessage.entries, orderId: v.nullable(v.string()), recipient: v.string() });
export const MessageList = v.object({ messages: v.array(MessageView) });

export type OrderMessage = v.InferOutput<typeof OrderMessage>;
export type MessageView = v.InferOutput<typeof MessageView>;
