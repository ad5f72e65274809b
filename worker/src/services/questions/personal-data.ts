import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { outboxMessages } from '../../../../db/schema/messaging.js';
import { idempotencyKeys } from '../../../../db/schema/platform.js';
import { orders } from '../../../../db/schema/orders.js';
import { orderAnswers, personalDataErasures } from '../../../../db/schema/questions.js';
import { webhookEvents } from '../../../../db/schema/webhooks.js';
import type { Db } from '../../db.js';
import { newId } from '../../domain/ids.js';
import { loadShopOrder } from '../invoice-orders.js';

type Statement = BatchItem<'sqlite'>;

/**
 * What an erased buyer's e-mail address becomes. The column stays NOT NULL and every reader keeps
 * working; `.invalid` is reserved (RFC 2606), so no mail can ever reach it, and the outbox never
 * tries (jobs/deliver-outbox.ts).
 */
export const ERASED_EMAIL = 'erased@erased.invalid';
export const isErasedAddress = (address: string) => address === ERASED_EMAIL;

const answer = (row: typeof personalDataErasures.$inferSelect, number: string) => ({
  number,
  erasedAt: new Date(row.erasedAt).toISOString(),
  answersDeleted: row.answersDeleted,
  messagesScrubbed: row.messagesScrubbed,
});

/**
 * Erases a buyer's personal data from an order, on their request, in ONE batch: the erasure
 * record (its primary key, the order, makes it happen once: a second request changes nothing and
 * answers the first), the buyer's name and address, the answers, the order's e-mails (address,
 * name and text; pending ones are not sent), the buyer in the order's webhook events and the
 * remembered answers of retried requests that show the order. The
 * order, its lines, payments, refunds, tickets (still valid), invoice number and ledger stay.
 */
export async function erasePersonalData(db: Db, shopId: string, number: string, actorId: string, now: number) {
  const order = await loadShopOrder(db, shopId, number);
  const erasureId = newId('era');
  const thisErasure = sql`EXISTS (SELECT 1 FROM ${personalDataErasures} WHERE ${personalDataErasures.orderId} = ${order.id} AND ${personalDataErasures.erasureId} = ${erasureId})`;
  const statements: Statement[] = [
    // Counted before anything is removed; written only by the first erasure.
    db
      .insert(personalDataErasures)
      .select(
        sql`SELECT ${order.id}, ${shopId}, ${erasureId}, ${now}, ${actorId},
          (SELECT count(*) FROM ${orderAnswers} WHERE ${orderAnswers.orderId} = ${order.id}),
          (SELECT count(*) FROM ${outboxMessages} WHERE ${outboxMessages.orderId} = ${order.id})`,
      )
      .onConflictDoNothing(),
    db
      .update(orders)
      .set({ buyerName: '', buyerEmail: ERASED_EMAIL, personalDataErasedAt: now, updatedAt: now })
      .where(sql`${orders.id} = ${order.id} AND ${thisErasure}`),
    db.delete(orderAnswers).where(sql`${orderAnswers.orderId} = ${order.id} AND ${thisErasure}`),
    // Sent ones keep their kind and date for the record; pending ones will not be sent to anyone.
    db
      .update(outboxMessages)
      .set({
        recipient: ERASED_EMAIL,
        recipientName: '',
        payload: {},
        status: sql`CASE WHEN ${outboxMessages.status} IN ('pending', 'sending') THEN 'failed' ELSE ${outboxMessages.status} END`,
        lastError: sql`CASE WHEN ${outboxMessages.status} IN ('pending', 'sending') THEN 'not sent: the buyer''s personal data was erased' ELSE ${outboxMessages.lastError} END`,
        leaseToken: null,
      })
      .where(sql`${outboxMessages.orderId} = ${order.id} AND ${thisErasure}`),
    // The stored webhook bodies (redelivered as stored) lose the buyer and the answers.
    db
      .update(webhookEvents)
      .set({
        payload: sql`json_remove(json_set(${webhookEvents.payload}, '$.data.order.buyer.name', '', '$.data.order.buyer.email', ${ERASED_EMAIL}), '$.data.answers')`,
      })
      .where(sql`${webhookEvents.orderId} = ${order.id} AND json_type(${webhookEvents.payload}, '$.data.order.buyer') = 'object' AND ${thisErasure}`),
    // Answers remembered for a retried request (Idempotency-Key) that show the order carry the buyer too: forgotten.
    db.delete(idempotencyKeys).where(sql`${idempotencyKeys.responseBody} LIKE ${`%"number":"${order.number}"%`} AND ${thisErasure}`),
  ];
  await db.batch(statements as [Statement, ...Statement[]]);
  const [row] = await db.select().from(personalDataErasures).where(eq(personalDataErasures.orderId, order.id));
  return answer(row!, order.number);
}
