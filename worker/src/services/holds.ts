import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { seats, sections, tariffs } from '../../../db/schema/catalog.js';
import { batchGuard, gaClaims, gaInventory, holds, seatClaims } from '../../../db/schema/inventory.js';
import { orders } from '../../../db/schema/orders.js';
import { chunkRows, type Db, isCheckViolation, isGuardFailure, isUniqueViolation } from '../db.js';
import { extendedExpiry, initialHoldTimes } from '../domain/hold-timing.js';
import { newSecret } from '../domain/ids.js';
import type { HoldItem } from '../domain/pricing.js';
import { deskClosedMessages, deskClosedReason, type HoldChannel, salesClosedMessages, salesClosedReason } from '../domain/sales-window.js';
import { isForSale } from '../../../contract/seat-flags.js';
import type { BestAvailableChoice, ChangeHoldInput, CreateHoldInput, QuantityChoice, SeatChoice } from '../../../contract/storefront.js';
import { seatPlaceOf, storedSeatLabel } from '../domain/seat-place.js';
import type { Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { bestAvailableCandidates } from './best-available.js';
import { getAvailability, loadEventTariffs, loadPerformance, type PerformanceRow } from './catalog.js';
import { type CodeContext, codesView, codeSyncStatements, insuranceOffer, lapsedCodes, loadCodeContext, priceWithCodes, unlockedTariffIds, unlockedTariffs, withoutCodes } from './code-pricing.js';
import { releaseHoldCodeUses } from './code-uses.js';
import { type NewHold, newGaHoldStatements, newSeatedHoldStatements, queuesBehindWaitingList } from './new-hold-statements.js';
import { guardNoneWaiting, peopleWaiting } from './waiting-list-statements.js';
import { type BoundStatement, compiledCache, compileStatement, perShape, runBatch, statementRows } from '../bound-statements.js';
import { bumpHoldVersion } from './ledger-guards.js';
import { integer, nullable, selection, text } from '../row-decoder.js';
import {
  type Bind,
  bumpInventoryVersion,
  deleteLapsedGaClaims,
  deleteLapsedSeatClaims,
  type HeldSeatClaim,
  insertHeldSeatClaims,
  reclaimLapsedGaUnits,
  SEAT_CLAIM_COLUMNS,
} from './hold-statements.js';
import type { HoldView, ReleasedHold } from '../../../contract/responses/holds.js';
import { guardQuotaCoversHeld, guardSeatsInOwnQuota, guardSeatsNotInQuota } from './resellers/quota-statements.js';
import { quotaRefusal, seatsInSomeQuota, seatsOutsideOwnQuota } from './resellers/quota-refusals.js';
import type { ResellerSeller } from './resellers/reseller-access.js';

type Statement = BatchItem<'sqlite'>;
export type HoldRow = typeof holds.$inferSelect;

// The choices are the request schemas' own types: a renamed field in the contract fails here.
export type { BestAvailableChoice, QuantityChoice, SeatChoice };

/** Asserts, inside a batch, that the hold is still active and not lapsed; else the batch aborts. */
export const guardHoldActive = (db: Db, holdId: Bind<string>, now: Bind<number>) =>
  db.insert(batchGuard).values({
    name: 'hold_active',
    ok: sql`EXISTS (SELECT 1 FROM ${holds} WHERE ${holds.id} = ${holdId} AND ${holds.status} = 'active' AND ${holds.expiresAt} > ${now})`,
  });

const guardTicketLimit = (db: Db, holdId: string, max: number) =>
  db.insert(batchGuard).values({
    name: 'max_tickets',
    ok: sql`(SELECT count(*) FROM ${seatClaims} WHERE ${seatClaims.holdId} = ${holdId} AND ${seatClaims.state} = 'held')
      + (SELECT coalesce(sum(${gaClaims.quantity}), 0) FROM ${gaClaims} WHERE ${gaClaims.holdId} = ${holdId} AND ${gaClaims.state} = 'held') <= ${max}`,
  });

/**
 * Inserts held seat claims in statements of at most 100 bound parameters, the lowest limit of
 * our drivers (D1); the batch keeps them atomic.
 */
const insertHeldClaims = (db: Db, claims: HeldSeatClaim[]): Statement[] =>
  chunkRows(claims, SEAT_CLAIM_COLUMNS, 100).map((chunk) => insertHeldSeatClaims(db, chunk));

/** Gives lapsed general-admission units back to the counter, then drops their claims. */
export const reclaimLapsedGa = (db: Db, performanceId: string, now: number): Statement[] => [reclaimLapsedGaUnits(db, performanceId, now), deleteLapsedGaClaims(db, performanceId, now)];

/** Online: the performance's sales window; at the desk: until two hours after the start (domain/sales-window.ts). */
function assertOnSale(performance: PerformanceRow, eventStatus: string, now: number, channel: HoldChannel) {
  const window = { eventStatus, performanceStatus: performance.status, startsAt: performance.startsAt, salesStartAt: performance.salesStartAt, salesEndAt: performance.salesEndAt };
  if (channel === 'box_office') {
    const reason = deskClosedReason(window, now);
    if (reason) throw new ApiError(409, reason, deskClosedMessages[reason]);
    return;
  }
  const reason = salesClosedReason(window, now);
  if (reason) throw new ApiError(409, reason, salesClosedMessages[reason]);
}

/** Which hidden tariffs a hold may use: those its codes unlocked online, every one at the desk. */
export type TariffAccess = ReadonlySet<string> | 'all';
const mayUse = (access: TariffAccess, tariff: { id: string; hidden: boolean }) => !tariff.hidden || access === 'all' || access.has(tariff.id);

const seatParams = (n: number) => Array.from({ length: n }, (_, i) => sql.placeholder(`seat${i}`));

/**
 * The wanted seats of a plan with what a hold needs of them, and their claim for the
 * performance if they have one; compiled per number of seats (every hold reads it).
 */
const planSeat = selection('plan seats', {
  id: [seats.id, integer],
  zoneId: [seats.zoneId, text],
  flags: [seats.flags, integer],
  row: [seats.row, text],
  number: [seats.number, text],
  section: [sections.name, text],
  // Left-joined: null when the seat has no claim for the performance.
  claimState: [seatClaims.state, nullable(text)],
  claimExpiresAt: [seatClaims.expiresAt, nullable(integer)],
});
const planSeatsQuery = compiledCache((db, seatCount) =>
  db
    .select(planSeat.fields)
    .from(seats)
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .leftJoin(seatClaims, and(eq(seatClaims.performanceId, sql.placeholder('performanceId')), eq(seatClaims.seatId, seats.id)))
    .where(and(eq(seats.planId, sql.placeholder('planId')), inArray(seats.id, seatParams(seatCount)))),
);

/** A claim that still keeps the seat from others: sold, blocked, or held and not lapsed. */
const liveClaim = (claim: { state: string; expiresAt: number | null } | null, now: number) =>
  claim !== null && (claim.state !== 'held' || (claim.expiresAt ?? 0) > now);

/** Who has the wanted seats, after a lost race (a third of the requests in a flash sale). */
const seatClaim = selection('seat claims', {
  seatId: [seatClaims.seatId, integer],
  state: [seatClaims.state, text],
  holdId: [seatClaims.holdId, nullable(text)],
  expiresAt: [seatClaims.expiresAt, nullable(integer)],
});
const seatClaimsQuery = compiledCache((db, seatCount) =>
  db
    .select(seatClaim.fields)
    .from(seatClaims)
    .where(and(eq(seatClaims.performanceId, sql.placeholder('performanceId')), inArray(seatClaims.seatId, seatParams(seatCount)))),
);

/**
 * Resolves the buyer's seat choices against the plan and the event's tariffs. These are
 * catalogue reads (they do not race with sales); the claim itself is decided by the batch.
 * Hidden tariffs are offered only when `unlocked` (by the hold's promo code) lists them; a
 * seat without a tariff gets its zone's first public one.
 */
async function resolveSeatChoices(db: Db, performance: PerformanceRow, choices: SeatChoice[], unlocked: TariffAccess = new Set()) {
  const unique = [...new Set(choices.map((c) => c.seatId))];
  if (unique.length !== choices.length) throw new ApiError(400, 'duplicate_seat', 'A seat appears twice in the request.');
  if (unique.length === 0) return [];
  const seatValues: Record<string, unknown> = { planId: performance.planId!, performanceId: performance.id };
  unique.forEach((seatId, i) => (seatValues[`seat${i}`] = seatId));
  const planSeats = (await statementRows(db, planSeatsQuery(db, unique.length)(seatValues))).map((row) => {
    const s = planSeat.decode(row);
    return { id: s.id, zoneId: s.zoneId, flags: s.flags, row: s.row, number: s.number, section: s.section, claim: s.claimState === null ? null : { state: s.claimState, expiresAt: s.claimExpiresAt } };
  });
  const byId = new Map(planSeats.map((s) => [s.id, s]));
  const unknown = unique.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new ApiError(400, 'unknown_seat', `These seats are not in this performance's plan: ${unknown.join(', ')}.`, { seatIds: unknown });
  const notForSale = planSeats.filter((s) => !isForSale(s.flags)).map((s) => s.id);
  if (notForSale.length > 0) throw new ApiError(409, 'seats_not_for_sale', 'Some seats are not for sale.', { seatIds: notForSale });

  const eventTariffs = (await loadEventTariffs(db, performance.eventId)).filter((t) => mayUse(unlocked, t));
  return choices.map((choice) => {
    const seat = byId.get(choice.seatId)!;
    const tariff = choice.tariffId
      ? eventTariffs.find((t) => t.id === choice.tariffId)
      : eventTariffs.find((t) => t.zoneId === seat.zoneId && !t.hidden);
    if (!tariff) throw new ApiError(400, 'unknown_tariff', `There is no tariff${choice.tariffId ? ` ${choice.tariffId}` : ''} for seat ${choice.seatId}.`);
    if (tariff.zoneId !== seat.zoneId) {
      throw new ApiError(400, 'tariff_not_for_seat', `Tariff "${tariff.name}" is not offered in the zone of seat ${choice.seatId}.`);
    }
    return { seatId: choice.seatId, tariffId: tariff.id, tariff, zoneId: seat.zoneId, seatLabel: storedSeatLabel(seat), seat: seatPlaceOf(seat), claim: seat.claim };
  });
}

async function resolveQuantities(db: Db, performance: PerformanceRow, choices: QuantityChoice[], unlocked: TariffAccess = new Set()) {
  const ids = choices.map((c) => c.tariffId);
  if (new Set(ids).size !== ids.length) throw new ApiError(400, 'duplicate_tariff', 'A tariff appears twice in the request.');
  if (ids.length === 0) return [];
  const found = await db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.eventId, performance.eventId), eq(tariffs.active, true), inArray(tariffs.id, ids)));
  const known = new Map(found.filter((t) => t.zoneId === null && mayUse(unlocked, t)).map((t) => [t.id, t]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new ApiError(400, 'unknown_tariff', `These tariffs are not offered for this performance: ${unknown.join(', ')}.`);
  return choices.map((c) => ({ ...c, tariff: known.get(c.tariffId)! }));
}

/** After a lost race, says which of the wanted seats someone else has (a read for the message only). */
async function takenSeats(db: Db, performanceId: string, seatIds: number[], now: number, ownHoldId?: string) {
  const values: Record<string, unknown> = { performanceId };
  seatIds.forEach((seatId, i) => (values[`seat${i}`] = seatId));
  const rows = (await statementRows(db, seatClaimsQuery(db, seatIds.length)(values))).map(seatClaim.decode);
  return rows.filter((r) => liveClaim(r, now) && (r.state !== 'held' || r.holdId !== ownHoldId)).map((r) => r.seatId);
}

function seatsTakenError(seatIds: number[]) {
  return new ApiError(409, 'seats_taken', seatIds.length === 1 ? `Seat ${seatIds[0]} was just taken by someone else.` : `Seats ${seatIds.join(', ')} were just taken by someone else.`, {
    seatIds,
  });
}

/** Seats that come back go to the people on the waiting list first. */
export const waitingListFirst = () =>
  new ApiError(409, 'waiting_list_first', 'This performance is sold out and people are waiting for returned tickets: join the waiting list.');

const gaSoldOut = (remaining?: number) =>
  new ApiError(409, 'capacity_exceeded', 'Not enough tickets are left for this performance.', remaining === undefined ? undefined : { remaining });

async function remainingGa(db: Db, performance: PerformanceRow, now: number) {
  const availability = await getAvailability(db, performance, now);
  return availability.seating === 'general_admission' ? availability.remaining : undefined;
}

/**
 * Tries the best-available candidates in order until one is held: a candidate taken between
 * the search and the batch is simply skipped, the batch having refused it.
 */
async function holdBestAvailable<T>(db: Db, performance: PerformanceRow, best: BestAvailableChoice, now: number, attempt: (seats: SeatChoice[]) => Promise<T>): Promise<T> {
  const candidates = await bestAvailableCandidates(db, performance, best.zoneId, best.quantity, now);
  for (const block of candidates) {
    try {
      return await attempt(block.map((seatId) => ({ seatId, tariffId: best.tariffId })));
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'seats_taken')) throw err;
    }
  }
  throw new ApiError(409, 'no_adjacent_seats', `There are no longer ${best.quantity} seats side by side in this zone. Choose seats on the map or fewer seats.`, {
    quantity: best.quantity,
  });
}

export async function createHold(
  db: Db,
  shop: Shop,
  input: CreateHoldInput,
  now: number,
  recordAnswer?: (view: HoldView) => BoundStatement,
  channel: HoldChannel = 'online',
  seller: ResellerSeller | null = null,
): Promise<HoldView> {
  const { performance, event } = await loadPerformance(db, shop.id, input.performanceId);
  const access: TariffAccess = channel === 'box_office' ? 'all' : new Set();
  if (input.best) {
    assertOnSale(performance, event.status, now, channel);
    if (input.best.quantity > shop.maxTicketsPerOrder) {
      throw new ApiError(400, 'too_many_tickets', `At most ${shop.maxTicketsPerOrder} tickets can be bought in one order.`, { max: shop.maxTicketsPerOrder });
    }
    return holdBestAvailable(db, performance, input.best, now, (seats) => createHold(db, shop, { performanceId: performance.id, seats }, now, recordAnswer, channel, seller));
  }
  assertOnSale(performance, event.status, now, channel);
  const seated = performance.planId !== null;
  if (seated && (input.quantities?.some((q) => q.quantity > 0) ?? false)) {
    throw new ApiError(400, 'seat_selection_required', 'This performance is seated: choose seats, not quantities.');
  }
  if (!seated && (input.seats?.length ?? 0) > 0) {
    throw new ApiError(400, 'quantities_required', 'This performance is general admission: choose quantities per tariff, not seats.');
  }
  const seatChoices = seated ? await resolveSeatChoices(db, performance, input.seats ?? [], access) : [];
  const quantities = seated ? [] : await resolveQuantities(db, performance, (input.quantities ?? []).filter((q) => q.quantity > 0), access);
  const count = seatChoices.length + quantities.reduce((n, q) => n + q.quantity, 0);
  if (count === 0) throw new ApiError(400, 'empty_hold', 'Choose at least one seat or ticket.');
  if (count > shop.maxTicketsPerOrder) {
    throw new ApiError(400, 'too_many_tickets', `At most ${shop.maxTicketsPerOrder} tickets can be bought in one order.`, { max: shop.maxTicketsPerOrder });
  }

  // Seats someone had when the seat read ran are refused at once, without building the hold or
  // trying its batch: in a flash sale most requests are lost races. Whether the other seats are
  // still free is decided by the batch, as ever.
  const alreadyTaken = seatChoices.filter((c) => liveClaim(c.claim, now)).map((c) => c.seatId);
  if (alreadyTaken.length > 0) throw seatsTakenError(alreadyTaken);

  const holdId = newSecret('hld_');
  const { expiresAt, maxExpiresAt } = initialHoldTimes(now, shop);
  // The answer is known before the batch (the hold does not exist yet, so there is nothing to
  // read back), which lets an idempotent request store it in the same batch.
  const view = await holdViewOf(db, shop, { id: holdId, performanceId: performance.id, status: 'active', expiresAt, maxExpiresAt }, performance, newHoldItems(seatChoices, quantities), NO_CODES, now);
  const hold: NewHold = { holdId, shopId: shop.id, performanceId: performance.id, expiresAt, maxExpiresAt, now, channel, resellerId: seller?.resellerId ?? null };
  const statements = [
    // First, so that a second request with the same key fails here, before any seat.
    ...(recordAnswer ? [recordAnswer(view)] : []),
    ...(seated ? newSeatedHoldStatements(db, hold, seatChoices) : newGaHoldStatements(db, hold, quantities)),
  ];
  try {
    await runBatch(db, statements);
  } catch (err) {
    // Another request with the same Idempotency-Key committed first; the middleware replays its answer.
    if (isUniqueViolation(err, 'idempotency_keys')) throw new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is being processed. Retry shortly.');
    if (isUniqueViolation(err, 'seat_claims')) throw seatsTakenError(await takenSeats(db, performance.id, seatChoices.map((s) => s.seatId), now));
    if (isCheckViolation(err, 'ga_inventory')) throw gaSoldOut(await remainingGa(db, performance, now));
    if (isGuardFailure(err) && queuesBehindWaitingList(hold) && (await peopleWaiting(db, performance.id))) throw waitingListFirst();
    if (isGuardFailure(err)) throw await quotaGuardRefusal(db, performance.id, seller?.resellerId ?? null, seated ? seatChoices.map((s) => s.seatId) : null, now);
    throw err;
  }
  return view;
}

/** Which reseller quota guard refused a hold's batch (the only guards a new hold has). */
async function quotaGuardRefusal(db: Db, performanceId: string, resellerId: string | null, seatIds: number[] | null, now: number): Promise<ApiError> {
  if (seatIds === null) {
    if (resellerId !== null) return quotaRefusal(db, performanceId, resellerId, now);
  } else {
    const refusal = resellerId === null ? await seatsInSomeQuota(db, performanceId, seatIds) : await seatsOutsideOwnQuota(db, performanceId, resellerId, seatIds);
    if (refusal) return refusal;
  }
  // The quota changed back between the batch and this read: the seats or places are simply not to be had now.
  return resellerId === null ? seatsTakenError(seatIds ?? []) : quotaRefusal(db, performanceId, resellerId, now);
}

const NO_CODES: CodeContext = { uses: [], resolved: new Map(), usage: new Map() };

/** The priced items of a hold about to be created, from what createHold resolved (no read back). */
function newHoldItems(seatChoices: Awaited<ReturnType<typeof resolveSeatChoices>>, quantities: Awaited<ReturnType<typeof resolveQuantities>>): HoldItem[] {
  return [
    ...[...seatChoices]
      .sort((a, b) => a.seatId - b.seatId)
      .map((c) => ({ tariffId: c.tariff.id, tariffName: c.tariff.name, zoneId: c.zoneId, unitPrice: c.tariff.price, quantity: 1, seatId: c.seatId, seatLabel: c.seatLabel, seat: c.seat })),
    ...[...quantities]
      .sort((a, b) => a.tariff.sortOrder - b.tariff.sortOrder)
      .map((q) => ({ tariffId: q.tariff.id, tariffName: q.tariff.name, zoneId: null, unitPrice: q.tariff.price, quantity: q.quantity, seatId: null, seatLabel: null })),
  ];
}

/** The shop's hold and its status, read by statements prepared once per database (every checkout, extension and release reads them). */
const shopHoldQuery = perShape((db) =>
  db
    .select()
    .from(holds)
    .where(and(eq(holds.id, sql.placeholder('holdId')), eq(holds.shopId, sql.placeholder('shopId'))))
    .prepare(),
);
const holdStatusQuery = perShape((db) => db.select({ status: holds.status }).from(holds).where(eq(holds.id, sql.placeholder('holdId'))).prepare());

/** The shop's hold, whatever its status (another shop's hold is none). */
export async function shopHold(db: Db, shopId: string, holdId: string): Promise<HoldRow | undefined> {
  const [hold] = await shopHoldQuery(db).all({ holdId, shopId });
  return hold;
}

/** Loads a hold of this shop for a change; refuses holds that can no longer change. */
export async function loadActiveHold(db: Db, shop: Shop, holdId: string, now: number): Promise<HoldRow> {
  const hold = await shopHold(db, shop.id, holdId);
  if (!hold) throw new ApiError(404, 'hold_not_found', 'This hold does not exist.');
  assertHoldUsable(hold, now);
  return hold;
}

export function assertHoldUsable(hold: HoldRow, now: number) {
  if (hold.status === 'converted') throw new ApiError(409, 'hold_converted', 'This hold has already become a paid order.');
  if (hold.status === 'released') throw new ApiError(410, 'hold_released', 'This hold was released.');
  if (hold.status === 'expired' || hold.expiresAt <= now) throw new ApiError(410, 'hold_expired', 'This hold has expired and its seats were released. Please choose again.');
}

type Tariff = typeof tariffs.$inferSelect;

/** The hold's items as a change will leave them, for pricing the codes in the change's own batch. */
function projectItems(
  current: HoldItem[],
  change: {
    additions: { seatId: number; tariff: Tariff; zoneId: string }[];
    retariffed: { seatId: number; tariff: Tariff }[];
    removals: number[];
    quantities?: { tariffId: string; quantity: number; tariff: Tariff }[] | undefined;
  },
): HoldItem[] {
  const asItem = (tariff: Tariff, base: Omit<HoldItem, 'tariffId' | 'tariffName' | 'unitPrice'>): HoldItem => ({ ...base, tariffId: tariff.id, tariffName: tariff.name, unitPrice: tariff.price });
  const items = current
    .filter((i) => i.seatId === null || !change.removals.includes(i.seatId))
    .map((i) => {
      const retariff = i.seatId === null ? undefined : change.retariffed.find((r) => r.seatId === i.seatId);
      return retariff ? asItem(retariff.tariff, i) : i;
    });
  for (const a of change.additions) items.push(asItem(a.tariff, { zoneId: a.zoneId, quantity: 1, seatId: a.seatId, seatLabel: '' }));
  if (!change.quantities) return items;
  const set = new Map(change.quantities.map((q) => [q.tariffId, q]));
  const kept = items.filter((i) => i.seatId !== null || !set.has(i.tariffId));
  for (const q of change.quantities) if (q.quantity > 0) kept.push(asItem(q.tariff, { zoneId: null, quantity: q.quantity, seatId: null, seatLabel: null }));
  return kept;
}

export async function changeHold(
  db: Db,
  shop: Shop,
  holdId: string,
  change: ChangeHoldInput,
  now: number,
): Promise<HoldView> {
  const hold = await loadActiveHold(db, shop, holdId, now);
  const { performance, event } = await loadPerformance(db, shop.id, hold.performanceId);
  assertOnSale(performance, event.status, now, hold.channel);
  if (change.addBest) {
    const { addBest, ...rest } = change;
    return holdBestAvailable(db, performance, addBest, now, (seats) => changeHold(db, shop, holdId, { ...rest, addSeats: [...(rest.addSeats ?? []), ...seats] }, now));
  }
  const seated = performance.planId !== null;
  if (!seated && ((change.addSeats?.length ?? 0) > 0 || (change.removeSeats?.length ?? 0) > 0 || (change.seatTariffs?.length ?? 0) > 0)) {
    throw new ApiError(400, 'quantities_required', 'This performance is general admission: change quantities per tariff, not seats.');
  }
  if (seated && (change.quantities?.length ?? 0) > 0) {
    throw new ApiError(400, 'seat_selection_required', 'This performance is seated: change seats, not quantities.');
  }

  const statements: Statement[] = [guardHoldActive(db, holdId, now), bumpHoldVersion(db, holdId)];
  const codes = await loadCodeContext(db, shop.id, hold, now);
  const unlocked: TariffAccess = hold.channel === 'box_office' ? 'all' : unlockedTariffIds(codes);
  const additions = seated ? await resolveSeatChoices(db, performance, change.addSeats ?? [], unlocked) : [];
  const retariffed = seated ? await resolveSeatChoices(db, performance, change.seatTariffs ?? [], unlocked) : [];
  const removals = [...new Set(change.removeSeats ?? [])];
  const quantities = !seated && change.quantities ? await resolveQuantities(db, performance, change.quantities, unlocked) : undefined;

  if (removals.length > 0) {
    statements.push(db.delete(seatClaims).where(and(eq(seatClaims.holdId, holdId), eq(seatClaims.state, 'held'), inArray(seatClaims.seatId, removals))));
  }
  for (const { seatId, tariffId } of retariffed) {
    statements.push(
      db
        .update(seatClaims)
        .set({ tariffId })
        .where(and(eq(seatClaims.holdId, holdId), eq(seatClaims.seatId, seatId), eq(seatClaims.state, 'held'))),
    );
  }
  // A public cart that grows waits behind the waiting list like a new one (a cart that shrinks or changes tariffs does not);
  // so does an offer's cart: it may not take more than was offered while others wait.
  const queues = (queuesBehindWaitingList(hold) || hold.channel === 'waitlist') && (additions.length > 0 || (quantities !== undefined && (await growsPlaces(db, holdId, quantities))));
  if (queues) statements.push(guardNoneWaiting(db, performance.id));
  if (additions.length > 0) {
    const seatIds = additions.map((s) => s.seatId);
    statements.push(
      hold.resellerId === null ? guardSeatsNotInQuota(db, performance.id, seatIds) : guardSeatsInOwnQuota(db, performance.id, hold.resellerId, seatIds),
      deleteLapsedSeatClaims(db, performance.id, seatIds, now),
      ...insertHeldClaims(
        db,
        additions.map((s) => ({ performanceId: performance.id, seatId: s.seatId, tariffId: s.tariffId, holdId, expiresAt: hold.expiresAt })),
      ),
    );
  }
  if (quantities) {
    statements.push(...reclaimLapsedGa(db, performance.id, now));
    // Decreases first: moving units from one tariff to another must not pass the capacity halfway through the batch.
    for (const { tariffId, quantity } of quantities) {
      const current = and(eq(gaClaims.holdId, holdId), eq(gaClaims.tariffId, tariffId), eq(gaClaims.state, 'held'));
      statements.push(
        db
          .update(gaInventory)
          .set({ taken: sql`${gaInventory.taken} - max(0, coalesce((SELECT ${gaClaims.quantity} FROM ${gaClaims} WHERE ${current}), 0) - ${quantity})` })
          .where(eq(gaInventory.performanceId, performance.id)),
        quantity === 0 ? db.delete(gaClaims).where(current) : db.update(gaClaims).set({ quantity: sql`min(${gaClaims.quantity}, ${quantity})` }).where(current),
      );
    }
    for (const { tariffId, quantity } of quantities) {
      const current = and(eq(gaClaims.holdId, holdId), eq(gaClaims.tariffId, tariffId), eq(gaClaims.state, 'held'));
      // The counter moves by the difference between the new and the current quantity, both read inside the batch.
      statements.push(
        db
          .update(gaInventory)
          .set({ taken: sql`${gaInventory.taken} + ${quantity} - coalesce((SELECT ${gaClaims.quantity} FROM ${gaClaims} WHERE ${current}), 0)` })
          .where(eq(gaInventory.performanceId, performance.id)),
      );
      if (quantity === 0) statements.push(db.delete(gaClaims).where(current));
      else {
        statements.push(
          db
            .insert(gaClaims)
            .values({ performanceId: performance.id, holdId, tariffId, quantity, state: 'held', expiresAt: hold.expiresAt })
            .onConflictDoUpdate({ target: [gaClaims.holdId, gaClaims.tariffId], set: { quantity } }),
        );
      }
    }
  }
  if (codes.uses.length > 0) {
    // The codes' reservations (a pass's seats, a promo's tickets) follow the hold as it will be.
    const projected = projectItems(await holdItems(db, hold, now), { additions, retariffed, removals, quantities });
    statements.push(...codeSyncStatements(db, codes, priceWithCodes(shop, performance, projected, codes), now));
  }
  statements.push(guardTicketLimit(db, holdId, shop.maxTicketsPerOrder), bumpInventoryVersion(db, performance.id));
  if (quantities && hold.resellerId !== null) statements.push(guardQuotaCoversHeld(db, performance.id, hold.resellerId, now));

  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isGuardFailure(err)) {
      const [current] = await db.select().from(holds).where(eq(holds.id, holdId));
      if (current) assertHoldUsable(current, now);
      if (queues && (await peopleWaiting(db, performance.id))) throw waitingListFirst();
      // A quota guard (reads for the message only): seats set aside for a reseller, or a reseller's places used up.
      const seatRefusal =
        additions.length === 0
          ? null
          : hold.resellerId === null
            ? await seatsInSomeQuota(db, performance.id, additions.map((s) => s.seatId))
            : await seatsOutsideOwnQuota(db, performance.id, hold.resellerId, additions.map((s) => s.seatId));
      if (seatRefusal) throw seatRefusal;
      if (quantities && hold.resellerId !== null && quantities.reduce((n, q) => n + q.quantity, 0) <= shop.maxTicketsPerOrder) {
        throw await quotaRefusal(db, performance.id, hold.resellerId, now);
      }
      throw new ApiError(400, 'too_many_tickets', `At most ${shop.maxTicketsPerOrder} tickets can be bought in one order.`, { max: shop.maxTicketsPerOrder });
    }
    if (isUniqueViolation(err, 'seat_claims')) {
      const wanted = additions.map((s) => s.seatId);
      const taken = await takenSeats(db, performance.id, wanted, now, holdId);
      if (taken.length > 0) throw seatsTakenError(taken);
      // No one else has them: the conflict is with seats this hold already has (and keeps).
      const own = (await takenSeats(db, performance.id, wanted, now)).filter((seatId) => !removals.includes(seatId));
      throw new ApiError(409, 'seats_already_in_hold', `Seats ${own.join(', ')} are already in this hold; use seatTariffs to change their tariff.`, { seatIds: own });
    }
    if (isCheckViolation(err, 'ga_inventory')) throw gaSoldOut(await remainingGa(db, performance, now));
    throw err;
  }
  return getHoldView(db, shop, holdId, now);
}

/** Whether some tariff's wanted quantity is more than the hold has of it (its owner's own rows: only they change them). */
async function growsPlaces(db: Db, holdId: string, quantities: { tariffId: string; quantity: number }[]) {
  const rows = await db
    .select({ tariffId: gaClaims.tariffId, quantity: gaClaims.quantity })
    .from(gaClaims)
    .where(and(eq(gaClaims.holdId, holdId), eq(gaClaims.state, 'held')));
  const held = new Map(rows.map((r) => [r.tariffId, r.quantity]));
  return quantities.some((q) => q.quantity > (held.get(q.tariffId) ?? 0));
}

/** Extends a hold (e.g. while the buyer pays), never past its cap. */
export async function extendHold(db: Db, shop: Shop, holdId: string, now: number): Promise<HoldView> {
  const hold = await loadActiveHold(db, shop, holdId, now);
  await runBatch(db, extendHoldStatements(db, shop, hold, now));
  return getHoldView(db, shop, holdId, now);
}

const holdPlaceholders = { holdId: sql.placeholder('holdId'), now: sql.placeholder('now'), expiresAt: sql.placeholder('expiresAt') };
// Compiled once: checkout runs them before every payment.
const extendHoldQueries = [
  compiledCache((db) => guardHoldActive(db, holdPlaceholders.holdId, holdPlaceholders.now)),
  compiledCache((db) => db.update(holds).set({ expiresAt: sql`${holdPlaceholders.expiresAt}` }).where(eq(holds.id, holdPlaceholders.holdId))),
  compiledCache((db) =>
    db
      .update(seatClaims)
      .set({ expiresAt: sql`${holdPlaceholders.expiresAt}` })
      .where(and(eq(seatClaims.holdId, holdPlaceholders.holdId), eq(seatClaims.state, 'held'))),
  ),
  compiledCache((db) =>
    db
      .update(gaClaims)
      .set({ expiresAt: sql`${holdPlaceholders.expiresAt}` })
      .where(and(eq(gaClaims.holdId, holdPlaceholders.holdId), eq(gaClaims.state, 'held'))),
  ),
];

/** The statements that extend a hold and its claims (never past its cap); reused by checkout to cover the payment. */
export function extendHoldStatements(db: Db, shop: Shop, hold: HoldRow, now: number): BoundStatement[] {
  const values = { holdId: hold.id, now, expiresAt: extendedExpiry(now, hold.expiresAt, hold.maxExpiresAt, shop) };
  return extendHoldQueries.map((query) => query(db)(values));
}

/**
 * The release's statements with placeholders: `lapsed` adds the sweep's condition that the
 * hold has lapsed by `lapsedBy`. Each one re-checks, inside the batch, that the hold is still
 * active (and, for the sweep, lapsed), so a release that races a checkout or a second sweep
 * changes nothing.
 */
function releaseQueries(db: Db, lapsed: boolean) {
  const holdId = sql.placeholder('holdId');
  const releasable = and(eq(holds.id, holdId), eq(holds.status, 'active'), lapsed ? lte(holds.expiresAt, sql.placeholder('lapsedBy')) : undefined);
  const stillReleasable = sql`EXISTS (SELECT 1 FROM ${holds} WHERE ${releasable})`;
  return [
    db
      .update(gaInventory)
      .set({
        taken: sql`${gaInventory.taken} - (SELECT coalesce(sum(${gaClaims.quantity}), 0) FROM ${gaClaims} WHERE ${gaClaims.holdId} = ${holdId} AND ${gaClaims.state} = 'held')`,
      })
      .where(and(eq(gaInventory.performanceId, sql.placeholder('performanceId')), stillReleasable)),
    db.delete(gaClaims).where(and(eq(gaClaims.holdId, holdId), eq(gaClaims.state, 'held'), stillReleasable)),
    db.delete(seatClaims).where(and(eq(seatClaims.holdId, holdId), eq(seatClaims.state, 'held'), stillReleasable)),
    releaseHoldCodeUses(db, holdId, sql.placeholder('now'), stillReleasable),
    db
      .update(orders)
      .set({ status: 'expired' })
      .where(and(eq(orders.holdId, holdId), eq(orders.status, 'pending'), stillReleasable)),
    db.update(holds).set({ status: sql`${sql.placeholder('status')}` }).where(releasable),
    bumpInventoryVersion(db, sql.placeholder('performanceId')),
  ];
}
// Compiled once per database, with and without the sweep's condition (a paced sale releases holds all the time).
const compiledRelease = perShape((db, lapsed) => releaseQueries(db, lapsed === 1).map((query) => compileStatement(query)));

/**
 * Statements that give back everything a hold still has; used by release and by the sweep
 * (`lapsedBy`: only if the hold has lapsed by then). Run by runBatch.
 */
export function releaseHoldStatements(
  db: Db,
  hold: { id: string; performanceId: string },
  status: 'released' | 'expired',
  lapsedBy: number | undefined,
  now: number,
): BoundStatement[] {
  const values = { holdId: hold.id, performanceId: hold.performanceId, status, lapsedBy, now };
  return compiledRelease(db, lapsedBy === undefined ? 0 : 1).map((statement) => statement(values));
}

export async function releaseHold(db: Db, shop: Shop, holdId: string, now: number): Promise<ReleasedHold> {
  const hold = await shopHold(db, shop.id, holdId);
  if (!hold) throw new ApiError(404, 'hold_not_found', 'This hold does not exist.');
  if (hold.status === 'active') await runBatch(db, releaseHoldStatements(db, hold, hold.expiresAt <= now ? 'expired' : 'released', undefined, now));
  const [after] = await holdStatusQuery(db).all({ holdId });
  if (after?.status === 'converted') throw new ApiError(409, 'hold_converted', 'This hold has already become a paid order.');
  return { id: holdId, status: after?.status ?? hold.status };
}

export type { HoldView };

/** The hold as the buyer sees it: what is held, priced, and until when. */
export async function getHoldView(db: Db, shop: Shop, holdId: string, now: number): Promise<HoldView> {
  const [hold] = await db
    .select()
    .from(holds)
    .where(and(eq(holds.id, holdId), eq(holds.shopId, shop.id)));
  if (!hold) throw new ApiError(404, 'hold_not_found', 'This hold does not exist.');
  const [{ performance }, items, codes] = await Promise.all([loadPerformance(db, shop.id, hold.performanceId), holdItems(db, hold, now), loadCodeContext(db, shop.id, hold, now)]);
  return holdViewOf(db, shop, hold, performance, items, codes, now);
}

/** The buyer's view of a hold from its loaded parts (createHold has them all without reading back). */
async function holdViewOf(
  db: Db,
  shop: Shop,
  hold: Pick<HoldRow, 'id' | 'performanceId' | 'status' | 'expiresAt' | 'maxExpiresAt'>,
  performance: PerformanceRow,
  items: HoldItem[],
  codes: CodeContext,
  now: number,
): Promise<HoldView> {
  const lapsedCodeIds = hold.status === 'active' ? lapsedCodes(shop, codes, performance, now) : new Map<string, string>();
  const pricedCodes = withoutCodes(codes, lapsedCodeIds);
  const priced = priceWithCodes(shop, performance, items, pricedCodes);
  const lapsed = hold.status === 'active' && hold.expiresAt <= now;
  return {
    id: hold.id,
    performanceId: hold.performanceId,
    status: lapsed ? ('expired' as const) : hold.status,
    expiresAt: new Date(hold.expiresAt).toISOString(),
    maxExpiresAt: new Date(hold.maxExpiresAt).toISOString(),
    secondsLeft: Math.max(0, Math.floor((hold.expiresAt - now) / 1000)),
    seats: items.filter((i) => i.seatId !== null).map((i) => ({ seatId: i.seatId!, label: i.seatLabel!, seat: i.seat ?? null, tariffId: i.tariffId, price: i.unitPrice })),
    quantities: items.filter((i) => i.seatId === null).map((i) => ({ tariffId: i.tariffId, quantity: i.quantity, price: i.unitPrice })),
    currency: priced.currency,
    lines: priced.lines,
    ticketCount: priced.ticketCount,
    subtotal: priced.subtotal,
    discount: priced.discount,
    fees: priced.fees,
    total: priced.total,
    codes: codesView(codes, priced, lapsedCodeIds),
    vouchers: priced.vouchers.map((v) => ({ code: v.code, amount: v.amount, balanceAfter: v.balanceAfter })),
    paidByVouchers: priced.paidByVouchers,
    amountDue: priced.amountDue,
    unlockedTariffs: await unlockedTariffs(db, performance.eventId, unlockedTariffIds(codes), performance.planId !== null),
    // Offered, never pre-ticked: the buyer opts in at checkout (insured: true).
    insurance: insuranceOffer(shop, performance, items, pricedCodes),
  };
}

/**
 * holdItems' two reads, prepared once per database: a sold hold's claims (shape 1) or a cart's
 * live ones (shape 0). Every checkout reads them twice; building the joins' SQL each time cost
 * more than running them.
 */
const holdItemQueries = perShape((db, sold) => {
  const holdId = sql.placeholder('holdId');
  const now = sql.placeholder('now');
  const live = sold ? sql`1` : and(eq(seatClaims.state, 'held'), gt(seatClaims.expiresAt, now));
  const gaLive = sold ? sql`1` : and(eq(gaClaims.state, 'held'), gt(gaClaims.expiresAt, now));
  const seatRows = db
    .select({
      seatId: seatClaims.seatId,
      tariffId: tariffs.id,
      tariffName: tariffs.name,
      price: tariffs.price,
      zoneId: seats.zoneId,
      row: seats.row,
      number: seats.number,
      section: sections.name,
    })
    .from(seatClaims)
    .innerJoin(tariffs, eq(tariffs.id, seatClaims.tariffId))
    .innerJoin(seats, eq(seats.id, seatClaims.seatId))
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .where(and(eq(seatClaims.holdId, holdId), live))
    .orderBy(asc(seatClaims.seatId))
    .prepare();
  const gaRows = db
    .select({ tariffId: tariffs.id, tariffName: tariffs.name, price: tariffs.price, quantity: gaClaims.quantity })
    .from(gaClaims)
    .innerJoin(tariffs, eq(tariffs.id, gaClaims.tariffId))
    .where(and(eq(gaClaims.holdId, holdId), gaLive))
    .orderBy(asc(tariffs.sortOrder))
    .prepare();
  return { seatRows, gaRows };
});

/** The priced items a hold still owns (held and not lapsed, or sold by it). */
export async function holdItems(db: Db, hold: HoldRow, now: number): Promise<HoldItem[]> {
  const queries = holdItemQueries(db, hold.status === 'converted' ? 1 : 0);
  const seatRows = await queries.seatRows.all({ holdId: hold.id, now });
  const gaRows = await queries.gaRows.all({ holdId: hold.id, now });
  return [
    ...seatRows.map((r) => ({
      tariffId: r.tariffId,
      tariffName: r.tariffName,
      zoneId: r.zoneId,
      unitPrice: r.price,
      quantity: 1,
      seatId: r.seatId,
      seatLabel: storedSeatLabel(r),
      seat: seatPlaceOf(r),
    })),
    ...gaRows.map((r) => ({ tariffId: r.tariffId, tariffName: r.tariffName, zoneId: null, unitPrice: r.price, quantity: r.quantity, seatId: null, seatLabel: null })),
  ];
}
