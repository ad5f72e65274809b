import { eq, sql } from 'drizzle-orm';
import { gaClaims, gaInventory, holds } from '../../../db/schema/inventory.js';
import { type BoundStatement, type CompiledStatement, compiledCache } from '../bound-statements.js';
import { chunkRows, type Db } from '../db.js';
import {
  bumpInventoryVersion as bumpInventoryVersionQuery,
  deleteLapsedGaClaims as deleteLapsedGaClaimsQuery,
  deleteLapsedSeatClaims as deleteLapsedSeatClaimsQuery,
  insertHeldSeatClaims as insertHeldSeatClaimsQuery,
  reclaimLapsedGaUnits as reclaimLapsedGaUnitsQuery,
  SEAT_CLAIM_COLUMNS,
} from './hold-statements.js';
import { guardQuotaCoversHeld, guardSeatsInOwnQuota, guardSeatsNotInQuota } from './resellers/quota-statements.js';
import { guardNoneWaiting } from './waiting-list-statements.js';

/**
 * The write batch of a new hold, compiled once per shape (number of seats or tariffs): what
 * every request of a flash sale runs, so it is bound rather than built. The statements shared
 * with changes and releases are defined once, in hold-statements.ts, and compiled here: free the wanted
 * seats' lapsed claims, claim them (the UNIQUE key on performance and seat decides races), or
 * move the general-admission counter (its CHECK decides capacity); then the hold and the
 * performance's inventory version.
 */

const p = (name: string) => sql.placeholder(name);
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** D1 allows 100 bound parameters per statement; a claim row binds 6 (counted as 7, as holds.ts does). */
const CLAIMS_PER_INSERT = Math.floor(100 / SEAT_CLAIM_COLUMNS);

/** The seats of one lapsed-claims delete: its other two parameters keep it under D1's 100. */
const SEATS_PER_DELETE = 90;

const deleteLapsedSeatClaims = compiledCache((db, seatCount) => deleteLapsedSeatClaimsQuery(db, p('performanceId'), names('seat', seatCount).map(p), p('now')));

const insertHeldSeatClaims = compiledCache((db, seatCount) =>
  insertHeldSeatClaimsQuery(
    db,
    names('', seatCount).map((i) => ({ performanceId: p('performanceId'), seatId: p(`seat${i}`), tariffId: p(`tariff${i}`), holdId: p('holdId'), expiresAt: p('expiresAt') })),
  ),
);

const seatsNotInQuota = compiledCache((db, seatCount) => guardSeatsNotInQuota(db, p('performanceId'), names('seat', seatCount).map(p)));
const seatsInOwnQuota = compiledCache((db, seatCount) => guardSeatsInOwnQuota(db, p('performanceId'), p('resellerId'), names('seat', seatCount).map(p)));
const quotaCoversHeld = compiledCache((db) => guardQuotaCoversHeld(db, p('performanceId'), p('resellerId'), p('now')));

const reclaimLapsedGaUnits = compiledCache((db) => reclaimLapsedGaUnitsQuery(db, p('performanceId'), p('now')));

const deleteLapsedGaClaims = compiledCache((db) => deleteLapsedGaClaimsQuery(db, p('performanceId'), p('now')));

const takeGaUnits = compiledCache((db) =>
  db
    .update(gaInventory)
    .set({ taken: sql`${gaInventory.taken} + ${p('units')}` })
    .where(eq(gaInventory.performanceId, p('performanceId'))),
);

const insertHeldGaClaims = compiledCache((db, tariffCount) =>
  db.insert(gaClaims).values(
    names('', tariffCount).map((i) => ({
      performanceId: p('performanceId'),
      holdId: p('holdId'),
      tariffId: p(`tariff${i}`),
      quantity: p(`quantity${i}`),
      state: 'held' as const,
      expiresAt: p('expiresAt'),
    })),
  ),
);

const insertHold = compiledCache((db) =>
  db.insert(holds).values({
    id: p('holdId'),
    shopId: p('shopId'),
    performanceId: p('performanceId'),
    status: 'active',
    createdAt: p('now'),
    expiresAt: p('expiresAt'),
    maxExpiresAt: p('maxExpiresAt'),
    channel: p('channel'),
    resellerId: p('resellerId'),
  }),
);

const bumpInventoryVersion = compiledCache((db) => bumpInventoryVersionQuery(db, p('performanceId')));

/** The performance's inventory version moved, bound (every sale's batch has it too). */
export const inventoryVersionBumped = (db: Db, performanceId: string): BoundStatement => bumpInventoryVersion(db)({ performanceId });

const noneWaiting = compiledCache((db) => guardNoneWaiting(db, p('performanceId')));

/** A public online hold waits behind the performance's waiting list; the desk, resellers and the list's own offers do not. */
export const queuesBehindWaitingList = (hold: Pick<NewHold, 'channel' | 'resellerId'>) => hold.channel === 'online' && hold.resellerId === null;

/** One claims insert per chunk of rows, each row's values filled under its index in the chunk. */
function insertChunks<T>(
  db: Db,
  insert: (db: Db, rows: number) => CompiledStatement<Record<string, unknown>>,
  rows: T[],
  shared: Record<string, unknown>,
  fill: (values: Record<string, unknown>, row: T, i: number) => void,
): BoundStatement[] {
  return chunkRows(rows, SEAT_CLAIM_COLUMNS, SEAT_CLAIM_COLUMNS * CLAIMS_PER_INSERT).map((chunk) => {
    const values = { ...shared };
    chunk.forEach((row, i) => fill(values, row, i));
    return insert(db, chunk.length)(values);
  });
}

export type NewHold = {
  holdId: string;
  shopId: string;
  performanceId: string;
  expiresAt: number;
  maxExpiresAt: number;
  now: number;
  /** Where it was made: online (the storefront), at the box office (services/box-office-sales.ts), or by a waiting-list offer (jobs/offer-waiting-list.ts). */
  channel: 'online' | 'box_office' | 'waitlist';
  /** The reseller whose token made the hold; null for the public. */
  resellerId: string | null;
};

/**
 * A seated hold: the seats are not set aside for a reseller (or, for a reseller's hold, are all
 * its own), their lapsed claims freed, the seats claimed, the hold, the version bump.
 */
export function newSeatedHoldStatements(db: Db, hold: NewHold, seats: { seatId: number; tariffId: string }[]): BoundStatement[] {
  const { performanceId, now, holdId, expiresAt, resellerId } = hold;
  const statements: BoundStatement[] = queuesBehindWaitingList(hold) ? [noneWaiting(db)(hold)] : [];
  for (const chunk of chunkRows(seats, 1, SEATS_PER_DELETE)) {
    const values: Record<string, unknown> = { performanceId, now, resellerId };
    chunk.forEach((s, i) => (values[`seat${i}`] = s.seatId));
    statements.push((resellerId === null ? seatsNotInQuota : seatsInOwnQuota)(db, chunk.length)(values), deleteLapsedSeatClaims(db, chunk.length)(values));
  }
  statements.push(
    ...insertChunks(db, insertHeldSeatClaims, seats, { performanceId, holdId, expiresAt }, (values, s, i) => {
      values[`seat${i}`] = s.seatId;
      values[`tariff${i}`] = s.tariffId;
    }),
  );
  statements.push(insertHold(db)(hold), bumpInventoryVersion(db)(hold));
  return statements;
}

/** A general-admission hold: lapsed units back to the counter, the units taken, the claims, the hold, the version bump. */
export function newGaHoldStatements(db: Db, hold: NewHold, quantities: { tariffId: string; quantity: number }[]): BoundStatement[] {
  const { performanceId, now, holdId, expiresAt } = hold;
  const units = quantities.reduce((n, q) => n + q.quantity, 0);
  const statements = [
    ...(queuesBehindWaitingList(hold) ? [noneWaiting(db)(hold)] : []),
    reclaimLapsedGaUnits(db)({ performanceId, now }),
    deleteLapsedGaClaims(db)({ performanceId, now }),
    takeGaUnits(db)({ performanceId, units }),
  ];
  statements.push(
    ...insertChunks(db, insertHeldGaClaims, quantities, { performanceId, holdId, expiresAt }, (values, q, i) => {
      values[`tariff${i}`] = q.tariffId;
      values[`quantity${i}`] = q.quantity;
    }),
  );
  statements.push(insertHold(db)(hold), bumpInventoryVersion(db)(hold));
  // After the hold's row: the guard counts the reseller's live carts, this one included.
  if (hold.resellerId !== null) statements.push(quotaCoversHeld(db)(hold));
  return statements;
}
