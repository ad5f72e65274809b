import { and, eq, type SQL, sql } from 'drizzle-orm';
import { outboxMessages } from '../../../db/schema/messaging.js';
import { insertWhere } from '../conditional-insert.js';
import { type BatchStatement, compiledCache } from '../bound-statements.js';
import type { Db } from '../db.js';
import { newId } from '../domain/ids.js';
import type { Language, MessageKind, MessagePayloads } from '../email/messages.js';
import type { MessageView, OrderMessage } from '../../../contract/responses/organizer/messages.js';

/** A message to queue: one kind, its payload, and whom it goes to. */
export interface QueuedMessage<K extends MessageKind = MessageKind> {
  shopId: string;
  orderId: string;
  kind: K;
  /** At most one message per key, ever (see dedupeKeys). */
  dedupeKey: string;
  recipient: string;
  recipientName: string;
  language: Language;
  payload: MessagePayloads[K];
}

/** A message about no ticket order: a pass or voucher bought or issued. */
export type ShopMessage<K extends MessageKind = MessageKind> = Omit<QueuedMessage<K>, 'orderId'> & { orderId: null };

/** One message of each kind per order (and per reminder number). */
export const dedupeKeys = {
  confirmation: (orderId: string) => `order_confirmation:${orderId}`,
  invoice: (orderId: string) => `invoice:${orderId}`,
  reminder: (orderId: string, number: number) => `invoice_reminder:${orderId}:${number}`,
  cancelled: (orderId: string) => `order_cancelled:${orderId}`,
  preEvent: (orderId: string) => `pre_event:${orderId}`,
  /** For tickets exchanged onto another date than the order's own. */
  preEventOf: (orderId: string, performanceId: string) => `pre_event:${orderId}:${performanceId}`,
};

function row(message: QueuedMessage | ShopMessage, now: number) {
  return {
    id: newId('msg'),
    shopId: message.shopId,
    orderId: message.orderId,
    kind: message.kind,
    dedupeKey: message.dedupeKey,
    recipient: message.recipient,
    recipientName: message.recipientName,
    language: message.language,
    payload: message.payload as unknown as Record<string, unknown>,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  } satisfies typeof outboxMessages.$inferInsert & Record<(typeof ROW_KEYS)[number], unknown>;
}

const insertMessage = (db: Db, values: typeof outboxMessages.$inferInsert) => db.insert(outboxMessages).values(values).onConflictDoNothing({ target: outboxMessages.dedupeKey });

/** The statement that queues a message, for the batch of the change it announces. A second one with the same key is dropped. */
export function queueMessage(db: Db, message: QueuedMessage | ShopMessage, now: number) {
  // A buyer who left no address at the box office gets no e-mail, whatever the change (a sale, a cancellation, the reminder before the show).
  if (message.recipient === '') return queueMessageWhere(db, message, now, sql`0`);
  return insertMessage(db, row(message, now));
}

const ROW_KEYS = ['id', 'shopId', 'orderId', 'kind', 'dedupeKey', 'recipient', 'recipientName', 'language', 'payload', 'status', 'attempts', 'nextAttemptAt', 'createdAt'] as const;
// The payload's placeholder is encoded as JSON by its column, as a value would be.
const insertMessageCompiled = compiledCache((db) => insertMessage(db, Object.fromEntries(ROW_KEYS.map((key) => [key, sql.placeholder(key)])) as unknown as typeof outboxMessages.$inferInsert));

/** queueMessage compiled once and bound, for batches run by runBatch (every sale queues its confirmation). */
export function queueMessageBound(db: Db, message: QueuedMessage | ShopMessage, now: number): BatchStatement {
  if (message.recipient === '') return queueMessage(db, message, now);
  return insertMessageCompiled(db)(row(message, now));
}

/** Queues the message only if `condition` holds when the batch runs (see insertWhere). */
export function queueMessageWhere(db: Db, message: QueuedMessage | ShopMessage, now: number, condition: SQL) {
  return insertWhere(db, outboxMessages, row(message, now), message.recipient === '' ? sql`0` : condition).onConflictDoNothing({ target: outboxMessages.dedupeKey });
}

/** The e-mails of an order as the organizer sees them: what went out, what is waiting, what failed. */
export async function orderMessages(db: Db, shopId: string, orderId: string): Promise<OrderMessage[]> {
  const rows = await db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
    })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.shopId, shopId)))
    .orderBy(outboxMessages.createdAt);
  return rows.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString(), sentAt: m.sentAt === null ? null : new Date(m.sentAt).toISOString() }));
}

/** A message of the shop's outbox as the organizer API shows it (never its payload). */
export const messageView = (m: Pick<typeof outboxMessages.$inferSelect, 'id' | 'orderId' | 'kind' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt' | 'recipient'>): MessageView => ({
  id: m.id,
  orderId: m.orderId,
  kind: m.kind,
  recipient: m.recipient,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: new Date(m.createdAt).toISOString(),
  sentAt: m.sentAt === null ? null : new Date(m.sentAt).toISOString(),
});
