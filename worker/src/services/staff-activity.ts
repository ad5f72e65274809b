import { and, desc, eq, like, lt, or, type SQL } from 'drizzle-orm';
import type { ActivityEntry } from '../../../contract/responses/organizer/staff.js';
import type { ActivityQueryInput } from '../../../contract/staff.js';
import { staffActivity } from '../../../db/schema/staff.js';
import type { Db } from '../db.js';
import { newId } from '../domain/ids.js';
import type { Deps } from '../env.js';
import type { OrgActor } from '../middleware/organizer-auth.js';

export interface ActivityRecord {
  shopId: string;
  actor: OrgActor;
  operation: string;
  method: string;
  /** The concrete path, without its query (which may carry personal data). */
  path: string;
  status: number;
}

/**
 * Records an organizer write that succeeded, after its own batch (the 53 operations' batches
 * stay as they are): a crash between the two loses the entry, never the change.
 */
export async function recordActivity(deps: Deps, record: ActivityRecord): Promise<void> {
  await deps.storage.db.insert(staffActivity).values({
    id: newId('act'),
    shopId: record.shopId,
    at: deps.now(),
    actorKind: record.actor.kind,
    actorId: record.actor.id,
    actorLabel: record.actor.label,
    role: record.actor.role,
    operation: record.operation,
    method: record.method,
    path: record.path,
    status: record.status,
  });
}

/** The activity log, newest first, a page at a time; with orderNumber, the writes on that order's paths. */
export async function listActivity(db: Db, shopId: string, query: ActivityQueryInput): Promise<{ entries: ActivityEntry[]; nextCursor: string | null }> {
  const filters: (SQL | undefined)[] = [eq(staffActivity.shopId, shopId)];
  if (query.orderNumber !== undefined) {
    // Order numbers are [0-9A-Z-] only: nothing for LIKE to read as a pattern.
    filters.push(or(eq(staffActivity.path, `/api/org/orders/${query.orderNumber}`), like(staffActivity.path, `/api/org/orders/${query.orderNumber}/%`)));
  }
  if (query.cursor !== undefined) {
    const [at, id] = query.cursor.split('.') as [string, string];
    filters.push(or(lt(staffActivity.at, Number(at)), and(eq(staffActivity.at, Number(at)), lt(staffActivity.id, id))));
  }
  const rows = await db
    .select()
    .from(staffActivity)
    .where(and(...filters))
    .orderBy(desc(staffActivity.at), desc(staffActivity.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: { kind: r.actorKind, id: r.actorId, label: r.actorLabel, role: r.role },
      operation: r.operation,
      method: r.method,
      path: r.path,
      status: r.status,
    })),
    nextCursor: rows.length > query.limit && last ? `${last.at}.${last.id}` : null,
  };
}
