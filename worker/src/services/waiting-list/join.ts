import { and, count, eq, inArray } from 'drizzle-orm';
import type * as v from 'valibot';
import { waitingListEntries } from '../../../../db/schema/waiting-list.js';
import type { JoinWaitingListBody } from '../../../../contract/waiting-list.js';
import type { WaitingListJoined, WaitingListWithdrawn } from '../../../../contract/responses/waiting-list.js';
import { constantTimeEqual, sha256Hex } from '../../crypto.js';
import { runBatch } from '../../bound-statements.js';
import { type Db, errorText } from '../../db.js';
import { newId, newSecret } from '../../domain/ids.js';
import { salesClosedReason } from '../../domain/sales-window.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import { loadPerformance } from '../catalog.js';
import { bumpInventoryVersion } from '../hold-statements.js';
import { queueMessage } from '../outbox.js';
import { peopleWaiting } from '../waiting-list-statements.js';
import { closeEntryStatements, entryFacts, entryNotFound, loadListContext } from './entries.js';
import { placesLeft } from './free-places.js';

const notOpen = (reason: 'not_sold_out' | 'closed') =>
  new ApiError(
    409,
    'waiting_list_not_open',
    reason === 'closed' ? 'This performance has no waiting list open now.' : 'Tickets for this performance are on sale: buy them instead of waiting.',
    { reason },
  );

/**
 * A buyer joins a sold-out performance's line. "Sold out" is read (fewer seats or places left
 * than they want, or people already waiting): a join racing a returned seat does no harm, the
 * offer job gives that seat to the line in order. Duplicates are refused by the unique index
 * on live entries, in the insert itself. The e-mail with the way out goes in the same batch.
 */
export async function joinWaitingList(db: Db, shop: Shop, performanceId: string, input: v.InferOutput<typeof JoinWaitingListBody>, now: number): Promise<v.InferOutput<typeof WaitingListJoined>> {
  const { performance, event } = await loadPerformance(db, shop.id, performanceId);
  const context = await loadListContext(db, shop.id, performanceId);
  const window = { eventStatus: event.status, performanceStatus: performance.status, startsAt: performance.startsAt, salesStartAt: performance.salesStartAt, salesEndAt: performance.salesEndAt };
  if (!context.enabled || salesClosedReason(window, now) !== null) throw notOpen('closed');
  if (input.quantity > shop.maxTicketsPerOrder) {
    throw new ApiError(400, 'too_many_tickets', `At most ${shop.maxTicketsPerOrder} tickets can be bought in one order.`, { max: shop.maxTicketsPerOrder });
  }
  if (!(await peopleWaiting(db, performanceId)) && (await placesLeft(db, performance, now)) >= input.quantity) throw notOpen('not_sold_out');

  const token = newSecret();
  const entry = {
    id: newId('wle'),
    shopId: shop.id,
    performanceId,
    email: input.email,
    name: input.name,
    language: input.language,
    quantity: input.quantity,
    status: 'waiting' as const,
    createdAt: now,
    withdrawTokenHash: await sha256Hex(token),
  };
  try {
    await db.batch([
      db.insert(waitingListEntries).values(entry),
      queueMessage(
        db,
        {
          shopId: shop.id,
          orderId: null,
          kind: 'waiting_list_joined',
          dedupeKey: `waiting_list_joined:${entry.id}`,
          recipient: input.email,
          recipientName: input.name,
          language: input.language,
          payload: { entry: entryFacts(context, entry, token), offerHours: context.offerHours },
        },
        now,
      ),
      bumpInventoryVersion(db, performanceId),
    ]);
  } catch (err) {
    if (/UNIQUE/i.test(errorText(err)) && errorText(err).includes('waiting_list_live_email_uq')) {
      throw new ApiError(409, 'waiting_list_duplicate', 'This e-mail address is already on the waiting list for this performance.');
    }
    throw err;
  }
  const [ahead] = await db
    .select({ n: count() })
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.performanceId, performanceId), eq(waitingListEntries.status, 'waiting')));
  return { id: entry.id, performanceId, quantity: entry.quantity, status: 'waiting', position: Math.max(1, Number(ahead?.n ?? 1)) };
}

/** The buyer leaves with the token of their e-mailed link; leaving twice answers the same. */
export async function withdrawFromWaitingList(db: Db, shop: Shop, entryId: string, token: string, now: number): Promise<v.InferOutput<typeof WaitingListWithdrawn>> {
  const [entry] = await db
    .select()
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.id, entryId), eq(waitingListEntries.shopId, shop.id)));
  if (!entry || !constantTimeEqual(entry.withdrawTokenHash, await sha256Hex(token))) throw entryNotFound();
  if (entry.status === 'waiting' || entry.status === 'offered') await runBatch(db, closeEntryStatements(db, entry, now));
  const [after] = await db.select({ status: waitingListEntries.status }).from(waitingListEntries).where(eq(waitingListEntries.id, entryId));
  return { id: entryId, status: after?.status ?? entry.status };
}

/** Staff take someone off the list (a live offer's seats go back to the line). */
export async function removeWaitingListEntry(db: Db, shopId: string, performanceId: string, entryId: string, now: number) {
  const [entry] = await db
    .select()
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.id, entryId), eq(waitingListEntries.shopId, shopId), eq(waitingListEntries.performanceId, performanceId), inArray(waitingListEntries.status, ['waiting', 'offered', 'claimed', 'expired', 'withdrawn'])));
  if (!entry) throw entryNotFound();
  if (entry.status === 'waiting' || entry.status === 'offered') await runBatch(db, closeEntryStatements(db, entry, now));
}
