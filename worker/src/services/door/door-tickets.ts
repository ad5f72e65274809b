import { and, eq, inArray } from 'drizzle-orm';
import { admissions } from '../../../../db/schema/door.js';
import { orders, tickets } from '../../../../db/schema/orders.js';
import type { Db } from '../../db.js';
import { firstAdmissions, type AdmissionFact } from '../../domain/admissions.js';

/** D1 binds at most 100 parameters per statement: look-ups by list go in slices. */
const SLICE = 90;

export function slices<T>(items: readonly T[], size = SLICE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A ticket as the door needs it, with its order for the check-in webhook. */
export async function ticketsByNumber(db: Db, shopId: string, numbers: readonly string[]) {
  return lookUp(db, shopId, numbers, 'number');
}

/** Imported tickets by the barcode another system printed on them. */
export async function ticketsByExternalCode(db: Db, shopId: string, codes: readonly string[]) {
  return lookUp(db, shopId, codes, 'externalCode');
}

export type DoorTicketRow = Awaited<ReturnType<typeof lookUp>>[number];

async function lookUp(db: Db, shopId: string, keys: readonly string[], by: 'number' | 'externalCode') {
  const unique = [...new Set(keys)];
  const rows = [];
  for (const slice of slices(unique)) {
    rows.push(
      ...(await db
        .select({ ticket: tickets, order: { id: orders.id, number: orders.number, currency: orders.currency } })
        .from(tickets)
        .innerJoin(orders, eq(orders.id, tickets.orderId))
        .where(and(eq(tickets.shopId, shopId), inArray(by === 'number' ? tickets.number : tickets.externalCode, slice)))),
    );
  }
  return rows;
}

/** The columns that make an AdmissionFact (the sync's answers and the duplicates list read them). */
export const admissionColumns = {
  id: admissions.id,
  ticketId: admissions.ticketId,
  deviceId: admissions.deviceId,
  door: admissions.door,
  scannedAt: admissions.scannedAt,
  recordedAt: admissions.recordedAt,
  mode: admissions.mode,
};

/** Every admission of these tickets, and the first of each. */
export async function admissionsOf(db: Db, ticketIds: readonly string[]): Promise<{ all: AdmissionFact[]; first: Map<string, AdmissionFact> }> {
  const all: AdmissionFact[] = [];
  for (const slice of slices([...new Set(ticketIds)])) {
    all.push(
      ...(await db
        .select(admissionColumns)
        .from(admissions)
        .where(inArray(admissions.ticketId, slice))),
    );
  }
  return { all, first: firstAdmissions(all) };
}

export const admissionPlace = (a: Pick<AdmissionFact, 'deviceId' | 'door' | 'scannedAt'>) => ({ deviceId: a.deviceId, door: a.door, scannedAt: new Date(a.scannedAt).toISOString() });
