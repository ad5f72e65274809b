import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { outboxMessages } from '../../../../db/schema/messaging.js';
import type { AppEnv } from '../../env.js';
import { ApiError } from '../../errors.js';
import { MessageParams, MessageQuery } from '../../../../contract/organizer.js';
import { messageView } from '../../services/outbox.js';
import { validate } from '../../validation.js';

/** The shop's e-mails: the latest ones (e.g. ?status=failed), and sending a failed one again. */
export const organizerMessageRoutes = new Hono<AppEnv>()
  .get('/messages', validate('query', MessageQuery), async (c) => {
    const { status } = c.req.valid('query');
    const rows = await c
      .get('deps')
      .storage.db.select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.shopId, c.get('orgShopId')), status ? eq(outboxMessages.status, status) : undefined))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(100);
    return c.json({ messages: rows.map(messageView) }, 200);
  })
  .post('/messages/:id/retry', validate('param', MessageParams), async (c) => {
    const { storage, now } = c.get('deps');
    // Only a failed message goes back to the queue, with a fresh count of attempts: never one that was sent.
    const [row] = await storage.db
      .update(outboxMessages)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now(), lastError: null })
      .where(and(eq(outboxMessages.id, c.req.valid('param').id), eq(outboxMessages.shopId, c.get('orgShopId')), eq(outboxMessages.status, 'failed')))
      .returning();
    if (!row) throw new ApiError(409, 'message_not_failed', 'There is no failed message with this id in your shop.');
    return c.json(messageView(row), 200);
  });
