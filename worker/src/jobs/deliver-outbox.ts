import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { shops } from '../../../db/schema/catalog.js';
import { outboxMessages } from '../../../db/schema/messaging.js';
import type { Db } from '../db.js';
import { afterFailure, type DeliveryPolicy, defaultDeliveryPolicy } from '../domain/delivery-retry.js';
import { newSecret } from '../domain/ids.js';
import { messageAttachments } from '../email/attachments.js';
import type { Message } from '../email/messages.js';
import { renderMessage } from '../email/render.js';
import { withOrderFacts } from '../services/deferred-facts.js';
import { MailDeliveryError, type MailSettings, redactAddresses } from '../email/transport.js';
import type { JobLimits } from './invoice-deadlines.js';
import { isErasedAddress } from '../services/questions/personal-data.js';

type MessageRow = typeof outboxMessages.$inferSelect;

export interface DeliveryOptions {
  mail: MailSettings;
  publicUrl: string;
  now: () => number;
  policy?: DeliveryPolicy;
  limits?: JobLimits;
}

/** A row of the outbox as the templates take it. */
export const messageOf = (row: Pick<MessageRow, 'kind' | 'language' | 'payload'>) => ({ kind: row.kind, language: row.language, payload: row.payload }) as unknown as Message;

/**
 * Sends what the outbox holds. Messages are claimed by one conditional UPDATE that takes
 * due rows and stamps them with this run's lease token: two deliverers never claim the same
 * message, and only the holder of the lease records the outcome. A claim whose deliverer
 * died is taken over once its lease has run out. Failures are retried with exponential
 * backoff; a permanent failure, or too many attempts, marks the message failed.
 */
export async function deliverOutbox(db: Db, options: DeliveryOptions) {
  const policy = options.policy ?? defaultDeliveryPolicy;
  const limits = options.limits ?? { chunk: 20, maxChunks: 10 };
  let sent = 0;
  let failed = 0;
  let retrying = 0;
  for (let round = 0; round < limits.maxChunks; round++) {
    const now = options.now();
    const token = newSecret();
    const due = db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(inArray(outboxMessages.status, ['pending', 'sending']), lte(outboxMessages.nextAttemptAt, now)))
      .orderBy(asc(outboxMessages.nextAttemptAt))
      .limit(limits.chunk);
    const claimed = await db
      .update(outboxMessages)
      .set({ status: 'sending', leaseToken: token, attempts: sql`${outboxMessages.attempts} + 1`, nextAttemptAt: now + policy.leaseMs })
      .where(and(inArray(outboxMessages.id, due), inArray(outboxMessages.status, ['pending', 'sending']), lte(outboxMessages.nextAttemptAt, now)))
      .returning();
    if (claimed.length === 0) break;
    const senders = await db
      .select({ id: shops.id, name: shops.name, senderEmail: shops.senderEmail, senderName: shops.senderName })
      .from(shops)
      .where(inArray(shops.id, [...new Set(claimed.map((m) => m.shopId))]));
    // The invoice job's e-mails carry only their step; the order's facts are read here (deferred-facts.ts).
    for (const row of await withOrderFacts(db, claimed)) {
      const outcome = await deliverOne(row, senders.find((s) => s.id === row.shopId), options, policy);
      const mine = and(eq(outboxMessages.id, row.id), eq(outboxMessages.leaseToken, token));
      if (outcome.status === 'sent') {
        sent++;
        await db
          .update(outboxMessages)
          .set({
            status: 'sent',
            sentAt: options.now(),
            transport: options.mail.transport.name,
            providerMessageId: outcome.providerMessageId,
            leaseToken: null,
            lastError: null,
            ...(keepsNoSignInToken(row.kind, options.mail.transport.name) ? { payload: withoutSignInToken(row.payload) } : {}),
          })
          .where(mine);
      } else {
        const next = afterFailure(row.attempts, outcome.permanent, options.now(), policy);
        if (next.status === 'failed') failed++;
        else retrying++;
        await db
          .update(outboxMessages)
          .set({ status: next.status, nextAttemptAt: next.status === 'pending' ? next.nextAttemptAt : row.nextAttemptAt, leaseToken: null, lastError: outcome.error })
          .where(mine);
      }
    }
    if (claimed.length < limits.chunk) break;
  }
  return { sent, failed, retrying };
}

/**
 * A sign-in or invitation e-mail carries a one-time token: once the e-mail has left, the copy in
 * the outbox is of use only to someone reading the database, so it is blanked. The local mailbox
 * (no SMTP set: the demo) shows its e-mails from the outbox, so there the token stays.
 */
const keepsNoSignInToken = (kind: string, transport: string) => (kind === 'staff_sign_in' || kind === 'staff_invitation') && transport !== 'mailbox';
const withoutSignInToken = (payload: unknown) => {
  const facts = payload as { link: { token: string } };
  return { ...facts, link: { ...facts.link, token: '' } };
};

type Outcome = { status: 'sent'; providerMessageId: string | null } | { status: 'failed'; permanent: boolean; error: string };

async function deliverOne(
  row: MessageRow,
  shop: { name: string; senderEmail: string | null; senderName: string | null } | undefined,
  options: DeliveryOptions,
  policy: DeliveryPolicy,
): Promise<Outcome> {
  // A message whose deliverer kept dying mid-send (its lease ran out each time) is given up like one that kept failing.
  if (row.attempts > policy.maxAttempts) return { status: 'failed', permanent: true, error: 'gave up: every attempt was interrupted' };
  // Queued after the buyer's personal data was erased (a reminder, a resend): there is no one to send it to.
  if (isErasedAddress(row.recipient)) return { status: 'failed', permanent: true, error: "not sent: the buyer's personal data was erased" };
  let mail;
  try {
    const message = messageOf(row);
    const rendered = renderMessage(message, { publicUrl: options.publicUrl });
    const fallback = options.mail.from;
    mail = {
      id: row.id,
      from: { address: shop?.senderEmail ?? fallback.address, name: shop?.senderName ?? shop?.name ?? fallback.name ?? '' },
      to: { address: row.recipient, name: row.recipientName },
      ...rendered,
      attachments: await messageAttachments(message),
    };
  } catch (err) {
    // A message that cannot be rendered will not render next time either.
    return { status: 'failed', permanent: true, error: redactAddresses(`render failed: ${err instanceof Error ? err.message : String(err)}`) };
  }
  try {
    const { providerMessageId } = await options.mail.transport.send(mail);
    return { status: 'sent', providerMessageId };
  } catch (err) {
    const permanent = err instanceof MailDeliveryError && err.permanent;
    return { status: 'failed', permanent, error: redactAddresses(err instanceof Error ? err.message : String(err)) };
  }
}
