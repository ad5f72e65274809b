import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ResellerQuotaInput } from '../../../../contract/resellers.js';
import type { ResellerQuotaView } from '../../../../contract/responses/organizer/resellers.js';
import { decodeSeatRanges } from '../../../../contract/seat-ranges.js';
import { events, performances, seats, sections } from '../../../../db/schema/catalog.js';
import { holds, seatClaims } from '../../../../db/schema/inventory.js';
import { orders } from '../../../../db/schema/orders.js';
import { resellerQuotas, resellerQuotaSeats } from '../../../../db/schema/resellers.js';
import { type Db, isCheckViolation, isGuardFailure, isUniqueViolation } from '../../db.js';
import { storedSeatLabel } from '../../domain/seat-place.js';
import { ApiError } from '../../errors.js';
import { qualified } from '../../sql-columns.js';
import { insertWhere } from '../../conditional-insert.js';
import { loadPerformance } from '../catalog.js';
import { bumpInventoryVersion } from '../hold-statements.js';
import { guard } from '../ledger-guards.js';
import { loadReseller, resellerActive } from './resellers.js';

type Statement = BatchItem<'sqlite'>;

/** A claim that keeps a seat from anyone else now: sold, blocked, or held and not lapsed. */
const liveClaim = (now: number) => sql`(${qualified(seatClaims.state)} IN ('sold', 'blocked') OR (${qualified(seatClaims.state)} = 'held' AND ${qualified(seatClaims.expiresAt)} > ${now}))`;

/**
 * Sets a reseller's quota at a performance in one batch. Places: an upsert whose CHECK refuses
 * fewer places than the reseller sold. Seats: the set is replaced; a guard refuses removing a
 * seat the reseller sold or holds, another refuses adding a seat someone holds, bought or
 * blocked (or another reseller's: the primary key too). Removed seats are on sale to everyone
 * at once; the performance's inventory version moves so the seat maps show it.
 */
export async function setResellerQuota(db: Db, shopId: string, resellerId: string, performanceId: string, input: ResellerQuotaInput, now: number): Promise<ResellerQuotaView> {
  const reseller = await loadReseller(db, shopId, resellerId);
  if (reseller.status !== 'active') throw notActive(reseller.name);
  const { performance } = await loadPerformance(db, shopId, performanceId);
  const seated = performance.planId !== null;
  const wantedSeats = input.seatIds ?? (input.seats !== undefined ? decodeSeatRanges(input.seats) : undefined);
  if (seated && (input.places ?? 0) > 0) throw new ApiError(400, 'quota_kind_mismatch', 'This performance is seated: give the reseller seats, not places.');
  if (!seated && (wantedSeats?.length ?? 0) > 0) throw new ApiError(400, 'quota_kind_mismatch', 'This performance is general admission: give the reseller places, not seats.');

  const statements: Statement[] = [guard(db, 'reseller_active', resellerActive(shopId, resellerId))];
  const upsert = db.insert(resellerQuotas).values({ resellerId, performanceId, places: input.places ?? 0, taken: 0 });
  statements.push(input.places === undefined ? upsert.onConflictDoNothing() : upsert.onConflictDoUpdate({ target: [resellerQuotas.resellerId, resellerQuotas.performanceId], set: { places: input.places } }));

  let seatJson = '[]';
  if (wantedSeats !== undefined && seated) {
    const unique = [...new Set(wantedSeats)].sort((a, b) => a - b);
    seatJson = JSON.stringify(unique);
    await assertSeatsInPlan(db, performance.planId!, seatJson, unique.length);
    const wanted = sql`(SELECT value FROM json_each(${seatJson}))`;
    const ofReseller = and(eq(resellerQuotaSeats.performanceId, performanceId), eq(resellerQuotaSeats.resellerId, resellerId));
    statements.push(
      // Seats leaving the quota: none sold by the reseller or in one of its live carts (only its holds can have them).
      guard(
        db,
        'quota_seats_leaving_unused',
        sql`NOT EXISTS (SELECT 1 FROM ${resellerQuotaSeats} INNER JOIN ${seatClaims} ON ${qualified(seatClaims.performanceId)} = ${qualified(resellerQuotaSeats.performanceId)} AND ${qualified(seatClaims.seatId)} = ${qualified(resellerQuotaSeats.seatId)}
          WHERE ${qualified(resellerQuotaSeats.performanceId)} = ${performanceId} AND ${qualified(resellerQuotaSeats.resellerId)} = ${resellerId}
          AND ${qualified(resellerQuotaSeats.seatId)} NOT IN ${wanted} AND ${qualified(seatClaims.state)} <> 'blocked' AND ${liveClaim(now)})`,
      ),
      // Seats joining it: nobody has them now, and no other reseller's quota.
      guard(
        db,
        'quota_seats_joining_free',
        sql`NOT EXISTS (SELECT 1 FROM ${seatClaims} WHERE ${qualified(seatClaims.performanceId)} = ${performanceId} AND ${qualified(seatClaims.seatId)} IN ${wanted} AND ${liveClaim(now)}
            AND ${qualified(seatClaims.seatId)} NOT IN (SELECT ${resellerQuotaSeats.seatId} FROM ${resellerQuotaSeats} WHERE ${ofReseller}))
          AND NOT EXISTS (SELECT 1 FROM ${resellerQuotaSeats} WHERE ${resellerQuotaSeats.performanceId} = ${performanceId} AND ${resellerQuotaSeats.resellerId} <> ${resellerId} AND ${resellerQuotaSeats.seatId} IN ${wanted})`,
      ),
      db.delete(resellerQuotaSeats).where(and(ofReseller, sql`${resellerQuotaSeats.seatId} NOT IN ${wanted}`)),
      insertWhere(
        db,
        resellerQuotaSeats,
        { performanceId, seatId: sql`value`, resellerId },
        sql`value NOT IN (SELECT ${resellerQuotaSeats.seatId} FROM ${resellerQuotaSeats} WHERE ${ofReseller})`,
        sql`json_each(${seatJson})`,
      ),
      bumpInventoryVersion(db, performanceId),
    );
  }
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isCheckViolation(err, 'reseller_quotas')) {
      const [quota] = await db.select().from(resellerQuotas).where(and(eq(resellerQuotas.resellerId, resellerId), eq(resellerQuotas.performanceId, performanceId)));
      const taken = quota?.taken ?? 0;
      throw new ApiError(409, 'quota_below_sold', `The reseller has already sold ${taken} places at this performance: the quota cannot be lower.`, { taken });
    }
    if (isGuardFailure(err) || isUniqueViolation(err, 'reseller_quota_seats')) throw await quotaSeatsRefusal(db, shopId, resellerId, performanceId, seatJson, now);
    throw err;
  }
  const [view] = await quotaViews(db, shopId, { resellerId, performanceId }, now);
  return view!;
}

const notActive = (name: string) => new ApiError(409, 'reseller_not_active', `The reseller “${name}” is archived: make it active again to change its quotas.`);

/** Every wanted seat is a seat of the performance's plan (a catalogue read: plans do not race with sales). */
async function assertSeatsInPlan(db: Db, planId: string, seatJson: string, count: number) {
  if (count === 0) return;
  const found = await db
    .select({ id: seats.id })
    .from(seats)
    .where(and(eq(seats.planId, planId), sql`${seats.id} IN (SELECT value FROM json_each(${seatJson}))`));
  if (found.length === count) return;
  const known = new Set(found.map((s) => s.id));
  const unknown = (JSON.parse(seatJson) as number[]).filter((id) => !known.has(id));
  throw new ApiError(400, 'unknown_seat', `These seats are not in this performance's plan: ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? '…' : ''}.`, { seatIds: unknown });
}

/** Why the seats' guards refused (reads for the message only). */
async function quotaSeatsRefusal(db: Db, shopId: string, resellerId: string, performanceId: string, seatJson: string, now: number): Promise<ApiError> {
  const reseller = await loadReseller(db, shopId, resellerId);
  if (reseller.status !== 'active') return notActive(reseller.name);
  const wanted = new Set(JSON.parse(seatJson) as number[]);
  const current = await db
    .select({ seatId: resellerQuotaSeats.seatId, resellerId: resellerQuotaSeats.resellerId })
    .from(resellerQuotaSeats)
    .where(eq(resellerQuotaSeats.performanceId, performanceId));
  const own = new Set(current.filter((r) => r.resellerId === resellerId).map((r) => r.seatId));
  const claims = await db
    .select({ seatId: seatClaims.seatId })
    .from(seatClaims)
    .where(and(eq(seatClaims.performanceId, performanceId), liveClaim(now)));
  const claimed = new Set(claims.map((c) => c.seatId));
  const inUse = [...own].filter((id) => !wanted.has(id) && claimed.has(id)).sort((a, b) => a - b);
  if (inUse.length > 0) {
    return new ApiError(409, 'quota_seats_in_use', `Seats ${inUse.join(', ')} are sold or held by the reseller: they stay in its quota until those tickets are cancelled or the hold ends.`, {
      seatIds: inUse,
    });
  }
  const others = new Set(current.filter((r) => r.resellerId !== resellerId).map((r) => r.seatId));
  const unavailable = [...wanted].filter((id) => !own.has(id) && (claimed.has(id) || others.has(id))).sort((a, b) => a - b);
  return new ApiError(409, 'quota_seats_unavailable', `Seats ${unavailable.join(', ')} are sold, held, blocked or in another reseller's quota: nothing was changed.`, { seatIds: unavailable });
}

/** The quotas of a reseller (or one of them), with each seat's state and the places sold. */
export async function quotaViews(db: Db, shopId: string, which: { resellerId: string; performanceId?: string }, now: number): Promise<ResellerQuotaView[]> {
  const quotas = await db
    .select({ quota: resellerQuotas, eventName: events.title, startsAt: performances.startsAt })
    .from(resellerQuotas)
    .innerJoin(performances, eq(performances.id, resellerQuotas.performanceId))
    .innerJoin(events, eq(events.id, performances.eventId))
    .where(
      and(
        eq(resellerQuotas.resellerId, which.resellerId),
        eq(performances.shopId, shopId),
        which.performanceId === undefined ? undefined : eq(resellerQuotas.performanceId, which.performanceId),
      ),
    )
    .orderBy(asc(performances.startsAt), asc(performances.id));
  if (quotas.length === 0) return [];
  const performanceIds = quotas.map((q) => q.quota.performanceId);
  const quotaSeats = await db
    .select({
      performanceId: resellerQuotaSeats.performanceId,
      seatId: resellerQuotaSeats.seatId,
      section: sections.name,
      row: seats.row,
      number: seats.number,
      claimState: seatClaims.state,
      claimExpiresAt: seatClaims.expiresAt,
      holdReseller: holds.resellerId,
      orderReseller: orders.resellerId,
    })
    .from(resellerQuotaSeats)
    .innerJoin(seats, eq(seats.id, resellerQuotaSeats.seatId))
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .leftJoin(seatClaims, and(eq(seatClaims.performanceId, resellerQuotaSeats.performanceId), eq(seatClaims.seatId, resellerQuotaSeats.seatId)))
    .leftJoin(holds, eq(holds.id, seatClaims.holdId))
    .leftJoin(orders, eq(orders.id, seatClaims.orderId))
    .where(and(eq(resellerQuotaSeats.resellerId, which.resellerId), inArray(resellerQuotaSeats.performanceId, performanceIds)))
    .orderBy(asc(resellerQuotaSeats.seatId));
  return quotas.map(({ quota, eventName, startsAt }) => {
    const seatViews = quotaSeats
      .filter((s) => s.performanceId === quota.performanceId)
      .map((s) => {
        const state: 'free' | 'held' | 'sold' =
          s.claimState === 'sold' ? 'sold' : s.claimState === 'blocked' || (s.claimState === 'held' && (s.claimExpiresAt ?? 0) > now) ? 'held' : 'free';
        return { seatId: s.seatId, label: storedSeatLabel(s), state };
      });
    return {
      resellerId: quota.resellerId,
      performanceId: quota.performanceId,
      eventName,
      startsAt: new Date(startsAt).toISOString(),
      places: quota.places,
      taken: quota.taken,
      remaining: Math.max(0, quota.places - quota.taken),
      seats: seatViews,
      seatsFree: seatViews.filter((s) => s.state === 'free').length,
      seatsSold: seatViews.filter((s) => s.state === 'sold').length,
    };
  });
}
