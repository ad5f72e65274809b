import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { shops } from '../../../../db/schema/catalog.js';
import { admissions } from '../../../../db/schema/door.js';
import { tickets } from '../../../../db/schema/orders.js';
import type { SyncAdmissionsBody } from '../../../../contract/door.js';
import type { SyncAdmissionsResult, SyncedAdmission } from '../../../../contract/responses/organizer/door.js';
import type { Db } from '../../db.js';
import { readScannedCode, readTypedTicketNumber } from '../../domain/door-code.js';
import { newId } from '../../domain/ids.js';
import { ticketVerifier } from '../../domain/ticket-signature.js';
import { dedupe, eventStatement, fanOutStatements, orderRef, ticketData } from '../webhook-events.js';
import { admissionPlace, admissionsOf, type DoorTicketRow, slices, ticketsByExternalCode, ticketsByNumber } from './door-tickets.js';

/** Scans written per batch: a few batches for a full sync, each well inside D1's limits. */
const SCANS_PER_BATCH = 100;

type Refused = { outcome: 'forged' | 'wrong_shop' | 'unknown'; ticketNumber: string | null };
/** What a scan names before the database: a ticket number, a barcode, or both when staff typed something. */
type Lookup = { number: string | null; externalCode: string | null };

interface Resolved {
  index: number;
  admissionId: string;
  scannedAt: number;
  found: DoorTicketRow;
}

/**
 * Records the admissions a scanner made without network. Signatures are checked as online.
 * Each scan becomes an admission row (the unique key (ticket, device, scan time) drops one sent
 * before) and moves the ticket's admitted_at back to its earliest scan with one conditional
 * UPDATE, so concurrent syncs and online scans agree on the first admission whatever their
 * order. Cancelled and exchanged tickets are recorded too: the person went in, staff must see it.
 * The outcomes are read after the writes, from the admissions as they now stand.
 */
export async function syncAdmissions(db: Db, shopId: string, body: SyncAdmissionsBody, now: number): Promise<SyncAdmissionsResult> {
  const [shop] = await db.select({ publicKey: shops.signingPublicKey }).from(shops).where(eq(shops.id, shopId));
  const verify = shop ? await ticketVerifier(shop.publicKey) : null;

  const reads: (Lookup | Refused)[] = await Promise.all(
    body.admissions.map(async (scan): Promise<Lookup | Refused> => {
      if (scan.ticketNumber !== undefined) return readTypedTicketNumber(scan.ticketNumber);
      const read = readScannedCode(scan.code ?? '', shopId);
      if (read.kind === 'other_shop') return { outcome: 'wrong_shop', ticketNumber: null };
      if (read.kind === 'forged') return { outcome: 'forged', ticketNumber: null };
      if (read.kind === 'external') return read.text ? { number: null, externalCode: read.text } : { outcome: 'unknown', ticketNumber: null };
      const claims = verify ? await verify(read.payload) : null;
      return claims ? { number: claims.ticketNumber, externalCode: null } : { outcome: 'forged', ticketNumber: null };
    }),
  );

  const lookups = reads.filter((r): r is Lookup => !('outcome' in r));
  const numbers = lookups.flatMap((l) => (l.number ? [l.number] : []));
  const codes = lookups.flatMap((l) => (l.externalCode ? [l.externalCode] : []));
  const byNumber = new Map((await ticketsByNumber(db, shopId, numbers)).map((row) => [row.ticket.number, row]));
  const byCode = new Map((await ticketsByExternalCode(db, shopId, codes)).map((row) => [row.ticket.externalCode!, row]));

  const results: SyncedAdmission[] = [];
  const resolved: Resolved[] = [];
  reads.forEach((read, index) => {
    if ('outcome' in read) return results.push({ index, ...read });
    const found = (read.number ? byNumber.get(read.number) : undefined) ?? (read.externalCode ? byCode.get(read.externalCode) : undefined);
    if (!found) return results.push({ index, ticketNumber: read.number, outcome: 'unknown' });
    resolved.push({ index, admissionId: newId('adm'), scannedAt: Date.parse(body.admissions[index]!.scannedAt), found });
  });

  const recorded = new Set<string>();
  for (const part of slices(resolved, SCANS_PER_BATCH)) {
    for (const id of await recordScans(db, shopId, body, part, now)) recorded.add(id);
  }

  const { all, first } = await admissionsOf(db, resolved.map((r) => r.found.ticket.id));
  const deviceId = body.deviceId;
  for (const scan of resolved) {
    const ticket = scan.found.ticket;
    // A scan sent before has its row from then (same ticket, device and time), not this request's id.
    const ownId = recorded.has(scan.admissionId)
      ? scan.admissionId
      : all.find((a) => a.ticketId === ticket.id && a.deviceId === deviceId && a.scannedAt === scan.scannedAt)?.id;
    const firstOne = first.get(ticket.id);
    const firstAdmission = firstOne && firstOne.id !== ownId ? { firstAdmission: admissionPlace(firstOne) } : {};
    const outcome: SyncedAdmission['outcome'] =
      ticket.status === 'cancelled'
        ? 'cancelled'
        : ticket.status === 'exchanged'
          ? 'exchanged'
          : !recorded.has(scan.admissionId)
            ? 'already_synced'
            : firstOne?.id === scan.admissionId
              ? 'admitted'
              : 'duplicate';
    results.push({ index: scan.index, ticketNumber: ticket.number, outcome, ...firstAdmission });
  }
  return { results: results.sort((a, b) => a.index - b.index) };
}

/** One batch: the scans' admission rows, each ticket's admitted_at moved back to its earliest scan, the check-in webhooks. Answers the ids recorded now. */
async function recordScans(db: Db, shopId: string, body: SyncAdmissionsBody, part: Resolved[], now: number): Promise<string[]> {
  const inserts = part.map((scan) =>
    db
      .insert(admissions)
      .values({
        id: scan.admissionId,
        shopId,
        ticketId: scan.found.ticket.id,
        performanceId: scan.found.ticket.performanceId,
        deviceId: body.deviceId,
        door: body.door || null,
        scannedAt: scan.scannedAt,
        recordedAt: now,
        mode: 'offline',
      })
      .onConflictDoNothing()
      .returning({ id: admissions.id }),
  );
  const earliest = new Map<string, Resolved>();
  for (const scan of part) {
    const seen = earliest.get(scan.found.ticket.id);
    if (!seen || scan.scannedAt < seen.scannedAt) earliest.set(scan.found.ticket.id, scan);
  }
  const moves = [...earliest.values()].flatMap((scan) => {
    const { ticket, order } = scan.found;
    // Only when it moves: an unchanged admitted_at would still bump the ticket's door version.
    const move = db
      .update(tickets)
      .set({ admittedAt: scan.scannedAt })
      .where(and(eq(tickets.id, ticket.id), or(isNull(tickets.admittedAt), gt(tickets.admittedAt, scan.scannedAt))));
    if (ticket.status !== 'valid') return [move];
    // The webhook tells of the ticket's first admission; its dedupe key drops it if one was told already.
    return [
      move,
      eventStatement(
        db,
        {
          shopId,
          type: 'ticket.checked_in',
          orderId: order.id,
          dedupeKey: dedupe.checkedIn(ticket.id),
          data: { order: orderRef(order), ticket: ticketData(ticket, 'valid'), admittedAt: new Date(scan.scannedAt).toISOString() },
        },
        now,
        sql`EXISTS (SELECT 1 FROM ${tickets} WHERE ${tickets.id} = ${ticket.id} AND ${tickets.admittedAt} = ${scan.scannedAt})`,
      ),
    ];
  });
  const results = await db.batch([inserts[0]!, ...inserts.slice(1), ...moves, ...fanOutStatements(db, now)]);
  return results.slice(0, inserts.length).flatMap((rows) => (rows as { id: string }[]).map((r) => r.id));
}
