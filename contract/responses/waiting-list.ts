import * as v from 'valibot';
import { waitingListStatuses } from '../vocabulary.js';
import { Count, IsoTime } from './shared.js';

/** The buyer's answer on joining: their place in line (1 = next) and the id of their entry. */
export const WaitingListJoined = v.object({
  id: v.string(),
  performanceId: v.string(),
  quantity: Count,
  status: v.picklist(waitingListStatuses),
  position: Count,
});

export const WaitingListWithdrawn = v.object({ id: v.string(), status: v.picklist(waitingListStatuses) });

/** An entry as the organizer sees it (personal data: the staff's own screens only). */
export const WaitingListEntryView = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  language: v.string(),
  quantity: Count,
  status: v.picklist(waitingListStatuses),
  createdAt: IsoTime,
  offeredAt: v.nullable(IsoTime),
  offerExpiresAt: v.nullable(IsoTime),
  closedAt: v.nullable(IsoTime),
  /** Place among those still waiting (1 = next); null once offered or closed. */
  position: v.nullable(Count),
});

export const WaitingListView = v.object({
  performanceId: v.string(),
  enabled: v.boolean(),
  offerHours: Count,
  waiting: Count,
  offered: Count,
  /** Every entry, in the order they joined. */
  entries: v.array(WaitingListEntryView),
});

export type WaitingListJoined = v.InferOutput<typeof WaitingListJoined>;
