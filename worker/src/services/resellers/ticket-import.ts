import { and, eq, sql } from 'drizzle-orm';
import type { TicketImportResult } from '../../../../contract/responses/organizer/resellers.js';
import { parseTicketImportCsv, type TicketImportLine, type TicketImportRejection } from '../../../../contract/ticket-import-csv.js';
import { seats, sections } from '../../../../db/schema/catalog.js';
import { gaClaims, gaInventory, holds, seatClaims } from '../../../../db/schema/inventory.js';
import { orders, tickets } from '../../../../db/schema/orders.js';
import { type Db, errorText, isCheckViolation, isGuardFailure, isUniqueViolation } from '../../db.js';
import { newId, newOrderNumber, newSecret, newTicketNumber } from '../../domain/ids.js';
import { seatPlaceOf, storedSeatLabel } from '../../domain/seat-place.js';
import { signTicket } from '../../domain/ticket-signature.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import type { OrgActor } from '../../middleware/organizer-auth.js';
import { loadEventTariffs, loadPerformance, type PerformanceRow } from '../catalog.js';
import { bumpInventoryVersion, deleteLapsedSeatClaims } from '../hold-statements.js';
import { reclaimLapsedGa } from '../holds.js';
import { orderLedgerIntact } from '../ledger-guards.js';
import { guardSeatsNotInQuota } from './quota-statements.js';
import { type BatchStatement, runBatch } from '../../bound-statements.js';

type Statement = BatchStatement;
type Tariff = Awaited<ReturnType<typeof loadEventTariffs>>[number];
type PlanSeat = { id: number; zoneId: string; section: string; row: string; number: string };

/** What a line of the file needs of the catalogue, read once per performance. */
interface PerformanceCatalogue {
  performance: PerformanceRow;
  tariffs: Tariff[];
  /** For a seated performance: its plan's seats by "section\0row\0seat" (section by code or name, lower case). */
  seats: Map<string, PlanSeat> | null;
}

const seatKey = (section: string, row: string, number: string) => `${section.toLowerCase()}\u0000${row.toLowerCase()}\u0000${number.toLowerCase()}`;

async function loadCatalogue(db: Db, shopId: string, performanceId: string): Promise<PerformanceCatalogue | null> {
  let found;
  try {
    found = await loadPerformance(db, shopId, performanceId);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
  const { performance } = found;
  const eventTariffs = await loadEventTariffs(db, performance.eventId);
  if (performance.planId === null) return { performance, tariffs: eventTariffs, seats: null };
  const rows = await db
    .select({ id: seats.id, zoneId: seats.zoneId, row: seats.row, number: seats.number, code: sections.code, section: sections.name })
    .from(seats)
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .where(eq(seats.planId, performance.planId));
  const bySeat = new Map<string, PlanSeat>();
  for (const r of rows) {
    const seat = { id: r.id, zoneId: r.zoneId, section: r.section, row: r.row, number: r.number };
    bySeat.set(seatKey(r.code, r.row, r.number), seat);
    bySeat.set(seatKey(r.section, r.row, r.number), seat);
  }
  return { performance, tariffs: eventTariffs, seats: bySeat };
}

/** A tariff by id or by name (any case); for a seat, the one offered in its zone. */
function findTariff(catalogue: PerformanceCatalogue, wanted: string, zoneId: string | null): Tariff | undefined {
  const inZone = catalogue.tariffs.filter((t) => t.zoneId === zoneId);
  return inZone.find((t) => t.id === wanted) ?? inZone.find((t) => t.name.toLowerCase() === wanted.toLowerCase());
}

/**
 * Imports tickets sold elsewhere. Each line is one batch of its own: a paid order (channel
 * `import`, sold by the actor) with its converted hold, one valid ticket with its own number,
 * signed code and the other system's barcode, and its seat sold or its place counted. One batch
 * per line because a line must succeed or fail alone, and each conflict is then decided by the
 * constraint that names it (the seat's primary key, the hall's CHECK, the barcode's UNIQUE),
 * which gives each rejected line its exact reason. Lines run in file order, so a seat or a
 * barcode twice in one file imports the first and rejects the second. No e-mail is sent.
 */
export async function importTickets(db: Db, shop: Shop, csv: string, actor: OrgActor, maxParams: number, now: () => number): Promise<TicketImportResult> {
  const file = parseTicketImportCsv(csv);
  if (!file.ok) {
    throw new ApiError(400, 'ticket_csv_invalid', `The header must name the columns ${file.missing.map((c) => `"${c}"`).join(', ')} (performance, section, row, seat, tariff, barcode, buyer_name, buyer_email).`, {
      missing: file.missing,
    });
  }
  const rejected: TicketImportRejection[] = [...file.rejected];
  const catalogues = new Map<string, Promise<PerformanceCatalogue | null>>();
  let imported = 0;
  for (const line of file.lines) {
    if (!catalogues.has(line.performance)) catalogues.set(line.performance, /^[a-z]{2,4}_[a-z0-9]{4,40}$/.test(line.performance) ? loadCatalogue(db, shop.id, line.performance) : Promise.resolve(null));
    const catalogue = await catalogues.get(line.performance)!;
    const refusal = catalogue === null ? reject(line, 'performance', 'unknown_performance', `There is no performance "${line.performance}" in this shop.`) : await importLine(db, shop, catalogue, line, actor, maxParams, now());
    if (refusal) rejected.push(refusal);
    else imported++;
  }
  rejected.sort((a, b) => a.line - b.line);
  return { imported, rejected };
}

const reject = (line: TicketImportLine, column: TicketImportRejection['column'], code: TicketImportRejection['code'], message: string): TicketImportRejection => ({ line: line.line, column, code, message });

async function importLine(db: Db, shop: Shop, catalogue: PerformanceCatalogue, line: TicketImportLine, actor: OrgActor, maxParams: number, now: number): Promise<TicketImportRejection | null> {
  const { performance } = catalogue;
  const wantsSeat = line.seat !== '';
  if (catalogue.seats === null && wantsSeat) return reject(line, 'seat', 'seat_for_general_admission', 'This performance is general admission: leave section, row and seat empty.');
  if (catalogue.seats !== null && !wantsSeat) return reject(line, 'seat', 'seat_required', 'This performance is seated: give the section, row and seat.');
  const seat = catalogue.seats?.get(seatKey(line.section, line.row, line.seat)) ?? null;
  if (catalogue.seats !== null && seat === null) return reject(line, 'seat', 'unknown_seat', `There is no seat "${line.section}, ${line.row}, ${line.seat}" in this performance's plan.`);
  const tariff = findTariff(catalogue, line.tariff, seat?.zoneId ?? null);
  if (!tariff) return reject(line, 'tariff', 'unknown_tariff', `There is no tariff "${line.tariff}" for ${seat ? 'this seat' : 'this performance'}.`);

  const orderId = newId('ord');
  const holdId = newSecret('hld_');
  const number = newTicketNumber();
  const place = seat ? seatPlaceOf(seat) : null;
  const seatLabel = place ? storedSeatLabel(place) : null;
  const statements: Statement[] = [
    db.insert(holds).values({ id: holdId, shopId: shop.id, performanceId: performance.id, status: 'converted', createdAt: now, expiresAt: now, maxExpiresAt: now }),
  ];
  if (seat) {
    statements.push(
      // A seat set aside for a reseller is not the organizer's to import over.
      guardSeatsNotInQuota(db, performance.id, [seat.id]),
      deleteLapsedSeatClaims(db, performance.id, [seat.id], now),
      db.insert(seatClaims).values({ performanceId: performance.id, seatId: seat.id, state: 'sold', holdId, orderId, tariffId: tariff.id, expiresAt: null }),
    );
  } else {
    statements.push(
      ...reclaimLapsedGa(db, performance.id, now),
      db.update(gaInventory).set({ taken: sql`${gaInventory.taken} + 1` }).where(eq(gaInventory.performanceId, performance.id)),
      db.insert(gaClaims).values({ performanceId: performance.id, holdId, tariffId: tariff.id, quantity: 1, state: 'sold', orderId, expiresAt: null }),
    );
  }
  statements.push(
    db.insert(orders).values({
      id: orderId,
      shopId: shop.id,
      number: newOrderNumber(),
      secret: newSecret(),
      holdId,
      performanceId: performance.id,
      status: 'paid',
      currency: shop.currency,
      subtotal: tariff.price,
      fees: 0,
      total: tariff.price,
      lines: [
        {
          kind: 'ticket',
          label: seatLabel ? `${tariff.name} · ${seatLabel}` : tariff.name,
          tariffName: tariff.name,
          ...(place ? { seat: place } : {}),
          tariffId: tariff.id,
          seatId: seat?.id ?? null,
          quantity: 1,
          unitAmount: tariff.price,
          amount: tariff.price,
        },
      ],
      buyerName: line.buyerName.slice(0, 200),
      buyerEmail: line.buyerEmail,
      buyerLanguage: shop.defaultLocale,
      paymentMethod: 'import',
      createdAt: now,
      updatedAt: now,
      paidAt: now,
      channel: 'import',
      soldBy: actor.id,
    }),
    db.insert(tickets).values({
      id: newId('tkt'),
      shopId: shop.id,
      orderId,
      performanceId: performance.id,
      number,
      seatId: seat?.id ?? null,
      seatLabel,
      tariffId: tariff.id,
      tariffName: tariff.name,
      price: tariff.price,
      // Sold by another system: the platform's commission is not due on it.
      commission: 0,
      qrPayload: await signTicket(shop.signingPrivateKey, { shopId: shop.id, ticketNumber: number, performanceId: performance.id }),
      externalCode: line.barcode,
      status: 'valid',
      createdAt: now,
    }),
    orderLedgerIntact(db, orderId),
    bumpInventoryVersion(db, performance.id),
  );
  try {
    await runBatch(db, statements);
    return null;
  } catch (err) {
    // Whichever constraint spoke first, a barcode already imported is the reason to give (a file imported again).
    const [again] = await db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.shopId, shop.id), eq(tickets.externalCode, line.barcode)));
    if (again || (isUniqueViolation(err, 'tickets') && errorText(err).includes('external_code'))) return reject(line, 'barcode', 'duplicate_barcode', `The barcode "${line.barcode}" was already imported.`);
    if (isUniqueViolation(err, 'seat_claims')) return reject(line, 'seat', 'seat_taken', `Seat "${line.section}, ${line.row}, ${line.seat}" is already sold, held or blocked.`);
    if (isCheckViolation(err, 'ga_inventory')) return reject(line, 'performance', 'sold_out', 'This performance is sold out.');
    if (isGuardFailure(err) && seat) return reject(line, 'seat', 'seat_in_reseller_quota', `Seat "${line.section}, ${line.row}, ${line.seat}" is set aside for a reseller.`);
    throw err;
  }
}
