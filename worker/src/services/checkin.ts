import { and, eq, isNull, sql } from 'drizzle-orm';
import { events, performances, shops } from '../../../db/schema/catalog.js';
import { admissions } from '../../../db/schema/door.js';
import { ticketExchanges, tickets } from '../../../db/schema/orders.js';
import type { CheckinBody } from '../../../contract/door.js';
import type { CheckinResult } from '../../../contract/responses/orders.js';
import { insertWhere } from '../conditional-insert.js';
import type { Db } from '../db.js';
import { readScannedCode, readTypedTicketNumber } from '../domain/door-code.js';
import { newId } from '../domain/ids.js';
import { verifyTicketPayload } from '../domain/ticket-signature.js';
import { ApiError } from '../errors.js';
import { admissionsOf, type DoorTicketRow, ticketsByExternalCode, ticketsByNumber } from './door/door-tickets.js';
import { dedupe, eventStatement, fanOutStatements, orderRef, ticketData } from './webhook-events.js';

const FORGED = 'The signature of this ticket is not valid: it was altered or forged.';

/**
 * Admits a ticket at the door: from its scanned code (our signed QR, or an imported ticket's
 * barcode) or its number typed by staff. A forged code never reaches the database. The
 * admission is one batch: the admission row and the ticket's admitted_at are both written only
 * while the ticket is valid and not yet admitted, so of two scanners reading the same ticket
 * at the same moment exactly one admits it; the ticket.checked_in webhook goes with it.
 */
export async function checkIn(db: Db, shopId: string, body: CheckinBody, now: number): Promise<CheckinResult> {
  const found = await findScannedTicket(db, shopId, body);
  const ticket = found.ticket;
  const facts = { ticketNumber: ticket.number, tariffName: ticket.tariffName, seatLabel: ticket.seatLabel };

  // A cancelled or exchanged ticket says so first, wherever it is shown: that is what the holder must hear.
  if (ticket.status === 'cancelled') throw new ApiError(409, 'ticket_cancelled', `Ticket ${ticket.number} was cancelled and is not valid.`, facts);
  if (ticket.status === 'exchanged') throw await exchangedRefusal(db, ticket.id, facts);
  if (body.performanceId && ticket.performanceId !== body.performanceId) throw await wrongPerformance(db, shopId, ticket.performanceId, facts);

  const admissible = and(eq(tickets.id, ticket.id), eq(tickets.status, 'valid'), isNull(tickets.admittedAt));
  const results = await db.batch([
    insertWhere(
      db,
      admissions,
      { id: newId('adm'), shopId, ticketId: ticket.id, performanceId: ticket.performanceId, deviceId: body.deviceId ?? null, door: body.door || null, scannedAt: now, recordedAt: now, mode: 'online' },
      sql`EXISTS (SELECT 1 FROM ${tickets} WHERE ${admissible})`,
    ),
    db.update(tickets).set({ admittedAt: now }).where(admissible).returning({ number: tickets.number }),
    eventStatement(
      db,
      {
        shopId,
        type: 'ticket.checked_in',
        orderId: found.order.id,
        dedupeKey: dedupe.checkedIn(ticket.id),
        data: { order: orderRef(found.order), ticket: ticketData(ticket, 'valid'), admittedAt: new Date(now).toISOString() },
      },
      now,
      sql`EXISTS (SELECT 1 FROM ${tickets} WHERE ${tickets.id} = ${ticket.id} AND ${tickets.admittedAt} = ${now})`,
    ),
    ...fanOutStatements(db, now),
  ]);
  if ((results[1] as unknown[]).length === 1) {
    return {
      result: 'admitted' as const,
      ticket: { number: ticket.number, seatLabel: ticket.seatLabel, tariffName: ticket.tariffName, performanceId: ticket.performanceId },
      admittedAt: new Date(now).toISOString(),
    };
  }

  // Not admitted now: someone else's batch changed the ticket since it was read.
  const [current] = await db.select({ status: tickets.status, admittedAt: tickets.admittedAt }).from(tickets).where(eq(tickets.id, ticket.id));
  if (current?.status === 'cancelled') throw new ApiError(409, 'ticket_cancelled', `Ticket ${ticket.number} was cancelled and is not valid.`, facts);
  if (current?.status === 'exchanged') throw await exchangedRefusal(db, ticket.id, facts);
  const { first } = await admissionsOf(db, [ticket.id]);
  const firstAdmission = first.get(ticket.id);
  const admittedAt = new Date(firstAdmission?.scannedAt ?? current?.admittedAt ?? now).toISOString();
  const where = firstAdmission?.door ? ` at ${firstAdmission.door}` : '';
  throw new ApiError(409, 'ticket_already_admitted', `Ticket ${ticket.number} was already admitted${where} at ${admittedAt}.`, {
    admittedAt,
    deviceId: firstAdmission?.deviceId ?? null,
    door: firstAdmission?.door ?? null,
    ...facts,
  });
}

/** The ticket a scan or a typed number names, or the refusal that says why there is none. */
async function findScannedTicket(db: Db, shopId: string, body: CheckinBody): Promise<DoorTicketRow> {
  if (body.ticketNumber !== undefined) {
    const typed = readTypedTicketNumber(body.ticketNumber);
    const [byNumber] = typed.number ? await ticketsByNumber(db, shopId, [typed.number]) : [];
    const [byBarcode] = byNumber ? [] : await ticketsByExternalCode(db, shopId, [typed.externalCode]);
    const found = byNumber ?? byBarcode;
    if (!found) throw new ApiError(404, 'ticket_unknown', `No ticket has the number ${body.ticketNumber.trim()}.`);
    return found;
  }
  const read = readScannedCode(body.code ?? '', shopId);
  if (read.kind === 'other_shop') throw new ApiError(422, 'ticket_other_shop', 'This ticket belongs to another organizer.');
  if (read.kind === 'forged') throw new ApiError(422, 'ticket_forged', FORGED);
  if (read.kind === 'external') {
    const [imported] = read.text ? await ticketsByExternalCode(db, shopId, [read.text]) : [];
    if (!imported) throw new ApiError(422, 'ticket_unreadable', 'This is not a ticket code of ours.');
    return imported;
  }
  const [shop] = await db.select({ publicKey: shops.signingPublicKey }).from(shops).where(eq(shops.id, shopId));
  const claims = shop ? await verifyTicketPayload(shop.publicKey, read.payload) : null;
  if (!claims) throw new ApiError(422, 'ticket_forged', FORGED);
  const [found] = await ticketsByNumber(db, shopId, [claims.ticketNumber]);
  if (!found) throw new ApiError(404, 'ticket_unknown', 'This ticket is correctly signed but unknown to the box office.');
  return found;
}

type TicketFacts = { ticketNumber: string; tariffName: string; seatLabel: string | null };

/** The buyer swapped it for another ticket (ticket_exchanges): only the new one gets in, and staff can name it. */
async function exchangedRefusal(db: Db, ticketId: string, facts: TicketFacts): Promise<ApiError> {
  const [replacement] = await db
    .select({ number: tickets.number })
    .from(ticketExchanges)
    .innerJoin(tickets, eq(tickets.id, ticketExchanges.newTicketId))
    .where(eq(ticketExchanges.oldTicketId, ticketId));
  const replacedBy = replacement?.number ?? '';
  return new ApiError(409, 'ticket_exchanged', `Ticket ${facts.ticketNumber} was exchanged for ticket ${replacedBy} and is not valid.`, { replacedBy, ...facts });
}

async function wrongPerformance(db: Db, shopId: string, performanceId: string, facts: TicketFacts): Promise<ApiError> {
  const [performance] = await db
    .select({ startsAt: performances.startsAt, eventTitle: events.title })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .where(and(eq(performances.id, performanceId), eq(performances.shopId, shopId)));
  const startsAt = new Date(performance?.startsAt ?? 0).toISOString();
  const eventTitle = performance?.eventTitle ?? '';
  return new ApiError(409, 'ticket_wrong_performance', `This ticket is for another performance: ${eventTitle}, ${startsAt}.`, { performanceId, eventTitle, startsAt, ...facts });
}
