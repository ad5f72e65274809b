import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { moveTicketAnswers } from './questions/checkout-answers.js';
import { events, performances, priceZones, seats, sections, tariffs } from '../../../db/schema/catalog.js';
import { batchGuard, gaClaims, gaInventory, seatClaims } from '../../../db/schema/inventory.js';
import { orders, payments, ticketExchanges, tickets } from '../../../db/schema/orders.js';
import { type TillRef, tillClosedError, tillStatements } from './tills.js';
import { type Db, isCheckViolation, isGuardFailure, isSeatTicketedTwice, isUniqueViolation } from '../db.js';
import { orderLedgerIntact } from './ledger-guards.js';
import { guardSeatsNotInQuota } from './resellers/quota-statements.js';
import { seatsInSomeQuota } from './resellers/quota-refusals.js';
import {
  type ExchangeActor,
  type ExchangeQuote,
  type ExchangeRules,
  exchangeDeadline,
  quoteExchange,
  refusalMessages,
  targetRefusal,
  ticketRefusal,
} from '../domain/exchange.js';
import { newId, newTicketNumber } from '../domain/ids.js';
import { salesClosedReason } from '../domain/sales-window.js';
import type { BoxOfficeExchangeInput, BuyerExchangeInput } from '../../../contract/exchange.js';
import { isForSale } from '../../../contract/seat-flags.js';
import { type SeatPlace, seatPlaceOf, storedSeatLabel } from '../domain/seat-place.js';
import { signTicket } from '../domain/ticket-signature.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import { recordDeclinedPayment } from './payment-records.js';
import { bumpInventoryVersion } from './hold-statements.js';
import { reclaimLapsedGa } from './holds.js';
import { loadPerformanceContext, orderFacts, recipientOf, ticketConditionsIn, ticketFacts } from './message-facts.js';
import { queueMessage } from './outbox.js';
import { dedupe, emitEvents, orderRef, ticketData } from './webhook-events.js';
import { seatPlaces } from './seat-places.js';
import type { ExchangeOptions, ExchangeQuote as ExchangeQuoteView, ExchangeResult } from '../../../contract/responses/exchange.js';
import { issueOrder } from './ticket-order.js';
import { type BatchStatement, runBatch } from '../bound-statements.js';

type Statement = BatchStatement;
type OrderRow = typeof orders.$inferSelect;
type TicketRow = typeof tickets.$inferSelect;
type PerformanceRow = typeof performances.$inferSelect;
type EventRow = typeof events.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();
const dbOf = (deps: Deps) => deps.storage.db;

/** Payment methods staff record at the box office; nothing is asked of a provider. */
export const boxOfficeMethods = ['cash', 'card_terminal', 'none'] as const;

/**
 * A buyer's or the box office's exchange, as their request schemas give it; the box office's
 * ignoreDeadline and waiveFee travel in the caller. expectedAmount is the amount shown: a
 * different current quote is refused (quote_changed).
 */
export type ExchangeRequest = BuyerExchangeInput | Omit<BoxOfficeExchangeInput, 'ignoreDeadline' | 'waiveFee'>;

export interface ExchangeCaller extends ExchangeActor {
  /** The organizer token (its id) of a box-office exchange. */
  tokenId?: string | undefined;
  /** The box office's till of the day: the exchange's payment taken at the counter goes through it. */
  till?: TillRef | undefined;
}

const rulesOf = (event: EventRow): ExchangeRules => ({
  enabled: event.exchangeEnabled,
  deadlineHours: event.exchangeDeadlineHours,
  fee: event.exchangeFee,
  refundsDifference: event.exchangeRefundsDifference,
});

/** The event of an order and all its performances (past ones included: a ticket may be for one). */
async function loadEventOf(db: Db, order: OrderRow) {
  const [row] = await db
    .select({ event: events })
    .from(performances)
    .innerJoin(events, eq(events.id, performances.eventId))
    .where(eq(performances.id, order.performanceId));
  if (!row) throw new ApiError(404, 'order_not_found', 'There is no order with this number.');
  const dates = await db.select().from(performances).where(eq(performances.eventId, row.event.id)).orderBy(asc(performances.startsAt));
  return { event: row.event, performances: dates };
}

function salesClosed(event: EventRow, performance: PerformanceRow, now: number) {
  return salesClosedReason(
    { eventStatus: event.status, performanceStatus: performance.status, startsAt: performance.startsAt, salesStartAt: performance.salesStartAt, salesEndAt: performance.salesEndAt },
    now,
  );
}

/**
 * What the buyer can exchange in this order and for what: each ticket with its deadline and
 * why not if not, the other performances of the event with their tariffs, the fee.
 */
export async function getExchangeOptions(db: Db, shop: Shop, order: OrderRow, now: number): Promise<ExchangeOptions> {
  const { event, performances: dates } = await loadEventOf(db, order);
  const rules = rulesOf(event);
  const byId = new Map(dates.map((p) => [p.id, p]));
  const ticketRows = await db.select().from(tickets).where(eq(tickets.orderId, order.id)).orderBy(...issueOrder);
  const eventTariffs = await db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.eventId, event.id), eq(tariffs.active, true), eq(tariffs.hidden, false)))
    .orderBy(asc(tariffs.sortOrder), asc(tariffs.price));
  const upcoming = dates.filter((p) => p.startsAt > now && p.status === 'scheduled');
  const planIds = [...new Set(upcoming.map((p) => p.planId).filter((id): id is string => id !== null))];
  const zones = planIds.length > 0 ? await db.select().from(priceZones).where(inArray(priceZones.planId, planIds)).orderBy(asc(priceZones.sortOrder)) : [];
  const places = await seatPlaces(db, ticketRows.map((t) => t.seatId));

  return {
    orderNumber: order.number,
    currency: order.currency,
    event: { id: event.id, title: event.title },
    enabled: rules.enabled,
    fee: rules.fee,
    refundsDifference: rules.refundsDifference,
    deadlineHours: rules.deadlineHours,
    tickets: ticketRows.map((t) => {
      const performance = byId.get(t.performanceId)!;
      const reason = ticketRefusal(
        { status: t.status, admittedAt: t.admittedAt, orderStatus: order.status, performanceStartsAt: performance.startsAt },
        rules,
        { kind: 'buyer' },
        now,
      );
      return {
        number: t.number,
        performanceId: t.performanceId,
        startsAt: iso(performance.startsAt),
        seatId: t.seatId,
        seatLabel: t.seatLabel,
        seat: t.seatId === null ? null : (places.get(t.seatId) ?? null),
        tariffId: t.tariffId,
        tariffName: t.tariffName,
        pricePaid: Math.max(0, t.price - t.discount),
        status: t.status,
        deadline: iso(exchangeDeadline(performance.startsAt, rules)),
        exchangeable: reason === null,
        reason,
        reasonMessage: reason === null ? null : refusalMessages[reason],
      };
    }),
    targets: upcoming.map((p) => {
      const closed = salesClosed(event, p, now);
      return {
        id: p.id,
        startsAt: iso(p.startsAt),
        seating: p.planId ? ('seated' as const) : ('general_admission' as const),
        planId: p.planId,
        onSale: closed === null,
        salesClosedReason: closed,
        zones: zones.filter((z) => z.planId === p.planId).map((z) => ({ id: z.id, code: z.code, name: z.name, color: z.color })),
        tariffs: eventTariffs.filter((t) => (p.planId ? t.zoneId !== null : t.zoneId === null)).map((t) => ({ id: t.id, zoneId: t.zoneId, name: t.name, price: t.price })),
      };
    }),
  };
}

/** What the new ticket will be: its tariff and, seated, its seat. Catalogue reads: the claim itself is decided by the batch. */
async function resolveTarget(db: Db, event: EventRow, target: PerformanceRow, request: Pick<ExchangeRequest, 'seatId' | 'tariffId'>) {
  const publicTariffs = await db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.eventId, event.id), eq(tariffs.active, true), eq(tariffs.hidden, false)))
    .orderBy(asc(tariffs.sortOrder), asc(tariffs.price));
  if (target.planId === null) {
    if (request.seatId !== undefined) throw new ApiError(400, 'quantities_required', 'This performance is general admission: choose a tariff, not a seat.');
    if (request.tariffId === undefined) throw new ApiError(400, 'tariff_required', 'Choose a tariff for the new ticket.');
    const tariff = publicTariffs.find((t) => t.id === request.tariffId && t.zoneId === null);
    if (!tariff) throw new ApiError(400, 'unknown_tariff', `There is no tariff ${request.tariffId} for this performance.`);
    return { tariff, seat: null };
  }
  if (request.seatId === undefined) throw new ApiError(400, 'seat_required', 'This performance is seated: choose a seat.');
  const [seat] = await db
    .select({ id: seats.id, zoneId: seats.zoneId, flags: seats.flags, row: seats.row, number: seats.number, section: sections.name })
    .from(seats)
    .innerJoin(sections, eq(sections.id, seats.sectionId))
    .where(and(eq(seats.id, request.seatId), eq(seats.planId, target.planId)));
  if (!seat) throw new ApiError(400, 'unknown_seat', `Seat ${request.seatId} is not in this performance's plan.`, { seatIds: [request.seatId] });
  if (!isForSale(seat.flags)) throw new ApiError(409, 'seats_not_for_sale', 'This seat is not for sale.', { seatIds: [seat.id] });
  const tariff = request.tariffId ? publicTariffs.find((t) => t.id === request.tariffId) : publicTariffs.find((t) => t.zoneId === seat.zoneId);
  if (!tariff) throw new ApiError(400, 'unknown_tariff', `There is no tariff${request.tariffId ? ` ${request.tariffId}` : ''} for seat ${seat.id}.`);
  if (tariff.zoneId !== seat.zoneId) throw new ApiError(400, 'tariff_not_for_seat', `Tariff "${tariff.name}" is not offered in the zone of seat ${seat.id}.`);
  // Same label as a seat sold through a hold (holdItems), so both read alike on tickets.
  return { tariff, seat: { id: seat.id, label: storedSeatLabel(seat), ...seatPlaceOf(seat) } };
}

/** Everything decided before any money moves: the ticket, the target, the new seat and tariff, the quote. */
async function prepareExchange(db: Db, order: OrderRow, request: Omit<ExchangeRequest, 'expectedAmount' | 'payment'>, caller: ExchangeCaller, now: number) {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.orderId, order.id), eq(tickets.number, request.ticketNumber)));
  if (!ticket) throw new ApiError(404, 'ticket_not_found', `There is no ticket ${request.ticketNumber} in this order.`);
  const { event, performances: dates } = await loadEventOf(db, order);
  const rules = rulesOf(event);
  const from = dates.find((p) => p.id === ticket.performanceId)!;
  const refusal = ticketRefusal({ status: ticket.status, admittedAt: ticket.admittedAt, orderStatus: order.status, performanceStartsAt: from.startsAt }, rules, caller, now);
  if (refusal) throw new ApiError(409, refusal, refusalMessages[refusal], refusal === 'exchange_deadline_passed' ? { deadline: iso(exchangeDeadline(from.startsAt, rules)) } : undefined);

  const target = dates.find((p) => p.id === request.performanceId);
  if (!target) throw new ApiError(400, 'other_event', refusalMessages.other_event);
  const targetRefused = targetRefusal({ id: from.id, eventId: event.id }, { id: target.id, eventId: target.eventId, status: target.status, salesClosed: salesClosed(event, target, now) });
  if (targetRefused) throw new ApiError(targetRefused === 'same_performance' ? 400 : 409, targetRefused, refusalMessages[targetRefused]);

  const { tariff, seat } = await resolveTarget(db, event, target, request);
  const quote = quoteExchange(ticket, tariff.price, rules, caller);
  return { ticket, event, from, target, tariff, seat, quote };
}

/** The quote for one choice, without taking anything: what the buyer would pay. */
export async function quoteTicketExchange(db: Db, order: OrderRow, request: Omit<ExchangeRequest, 'expectedAmount' | 'payment'>, caller: ExchangeCaller, now: number): Promise<ExchangeQuoteView> {
  const { tariff, seat, quote, event } = await prepareExchange(db, order, request, caller, now);
  return {
    currency: order.currency,
    ...quote,
    refundsDifference: event.exchangeRefundsDifference,
    tariff: { id: tariff.id, name: tariff.name, price: tariff.price },
    seat,
  };
}

/**
 * Gives back the old ticket's seat or general-admission place. Seats: its sold claim (found
 * by performance and seat, whichever hold sold it). Places: one unit off the counter and off
 * one sold claim of this order and tariff; the claim's id is only read to name the row, the
 * conditions on its quantity are evaluated in the batch.
 */
async function freeOldStatements(db: Db, order: OrderRow, ticket: TicketRow): Promise<Statement[]> {
  if (ticket.seatId !== null) {
    return [
      db
        .delete(seatClaims)
        .where(and(eq(seatClaims.performanceId, ticket.performanceId), eq(seatClaims.seatId, ticket.seatId), eq(seatClaims.state, 'sold'), eq(seatClaims.orderId, order.id))),
    ];
  }
  const [claim] = await db
    .select({ id: gaClaims.id })
    .from(gaClaims)
    .where(and(eq(gaClaims.orderId, order.id), eq(gaClaims.performanceId, ticket.performanceId), eq(gaClaims.tariffId, ticket.tariffId), eq(gaClaims.state, 'sold')))
    .orderBy(asc(gaClaims.id))
    .limit(1);
  const statements: Statement[] = [
    db
      .update(gaInventory)
      .set({ taken: sql`${gaInventory.taken} - 1` })
      .where(eq(gaInventory.performanceId, ticket.performanceId)),
  ];
  if (claim) {
    statements.push(
      db.delete(gaClaims).where(and(eq(gaClaims.id, claim.id), eq(gaClaims.quantity, 1))),
      db
        .update(gaClaims)
        .set({ quantity: sql`${gaClaims.quantity} - 1` })
        .where(and(eq(gaClaims.id, claim.id), sql`${gaClaims.quantity} > 1`)),
    );
  }
  return statements;
}

/**
 * Takes the new seat or place for the order. A seat: a sold claim under the order's hold (so
 * cancelling the whole order frees it like the others); the claim's primary key decides a race
 * with any other buyer, after a lapsed hold on that seat was cleared. A place: the counter's
 * CHECK decides; its claim carries the exchange id as hold id, because a hold has one claim
 * per tariff and the order's hold may already have one for this tariff at the old performance.
 */
function takeNewStatements(db: Db, order: OrderRow, exchangeId: string, target: PerformanceRow, tariffId: string, seatId: number | null, now: number): Statement[] {
  if (seatId !== null) {
    return [
      // A seat set aside for a reseller is not to be had by an exchange either.
      guardSeatsNotInQuota(db, target.id, [seatId]),
      db
        .delete(seatClaims)
        .where(and(eq(seatClaims.performanceId, target.id), eq(seatClaims.seatId, seatId), eq(seatClaims.state, 'held'), lte(seatClaims.expiresAt, now))),
      db.insert(seatClaims).values({ performanceId: target.id, seatId, state: 'sold', holdId: order.holdId, orderId: order.id, tariffId, expiresAt: null }),
    ];
  }
  return [
    ...reclaimLapsedGa(db, target.id, now),
    db
      .update(gaInventory)
      .set({ taken: sql`${gaInventory.taken} + 1` })
      .where(eq(gaInventory.performanceId, target.id)),
    db.insert(gaClaims).values({ performanceId: target.id, holdId: exchangeId, tariffId, quantity: 1, state: 'sold', orderId: order.id, expiresAt: null }),
  ];
}

interface Charge {
  provider: string;
  method: string;
  reference: string | null;
}

/** Asks the buyer's payment provider for the amount, or records the box office's method. Returns how to capture or void. */
async function authorize(deps: Deps, shop: Shop, order: OrderRow, exchangeId: string, amount: number, request: ExchangeRequest, caller: ExchangeCaller): Promise<Charge> {
  const method = request.payment?.method ?? 'none';
  if (caller.kind === 'organizer') {
    if (!(boxOfficeMethods as readonly string[]).includes(method)) throw new ApiError(400, 'payment_method_unavailable', `The box office records "cash", "card_terminal" or "none", not "${method}".`);
    if (amount > 0 && method === 'none') throw new ApiError(400, 'payment_required', 'This exchange costs something: record "cash" or "card_terminal" (or waive the fee).');
    return { provider: 'box_office', method: amount > 0 ? method : 'none', reference: null };
  }
  if (amount === 0) return { provider: 'none', method: 'none', reference: null };
  if (!request.payment || method === 'none' || method === 'free') throw new ApiError(400, 'payment_required', 'This exchange costs something: choose a payment method.');
  const provider = deps.payments[method];
  if (!provider || (provider.testOnly && !shop.testMode)) throw new ApiError(400, 'payment_method_unavailable', `This shop does not offer the payment method "${method}".`);
  const result = await provider.authorize({ amount, currency: order.currency, orderNumber: order.number, details: request.payment });
  if (result.status === 'declined') {
    await recordDeclinedPayment(
      dbOf(deps),
      { shopId: shop.id, orderId: order.id, provider: provider.name, method, amount, currency: order.currency, declineCode: result.declineCode, exchangeId },
      deps.now(),
    );
    throw new ApiError(402, 'payment_declined', `${result.message} Nothing was exchanged; you can try again.`, { declineCode: result.declineCode });
  }
  return { provider: provider.name, method, reference: result.reference };
}

/**
 * Exchanges one ticket: authorize the amount (if any), then ONE batch that checks the ticket
 * is still valid and its order paid, frees the old seat, takes the new one, invalidates the
 * old ticket, issues the new one, records the exchange and the payment and queues the e-mail.
 * If the batch fails (the seat was just taken, the ticket changed) nothing changed and the
 * authorization is voided; the money is captured only after the batch committed.
 */
export async function exchangeTicket(deps: Deps, shop: Shop, order: OrderRow, request: ExchangeRequest, caller: ExchangeCaller): Promise<ExchangeResult> {
  const now = deps.now();
  const prepared = await prepareExchange(dbOf(deps), order, request, caller, now);
  const { ticket, from, target, tariff, seat, quote } = prepared;
  if (request.expectedAmount !== quote.amountToPay) {
    throw new ApiError(409, 'quote_changed', `This exchange now costs ${quote.amountToPay} (minor units), not ${request.expectedAmount}. Please review and confirm again.`, { ...quote });
  }
  const exchangeId = newId('exc');
  const charge = await authorize(deps, shop, order, exchangeId, quote.amountToPay, request, caller);
  try {
    const result = await commitExchange(deps, shop, order, { exchangeId, ticket, from, target, tariff, seat, quote, charge, caller, now });
    if (charge.reference) await deps.payments[charge.provider]!.capture(charge.reference);
    return result;
  } catch (err) {
    if (charge.reference) await deps.payments[charge.provider]!.void(charge.reference);
    throw err;
  }
}

interface Commit {
  exchangeId: string;
  ticket: TicketRow;
  from: PerformanceRow;
  target: PerformanceRow;
  tariff: typeof tariffs.$inferSelect;
  /** The new seat: its id, stored label and parts. */
  seat: ({ id: number; label: string } & SeatPlace) | null;
  quote: ExchangeQuote;
  charge: Charge;
  caller: ExchangeCaller;
  now: number;
}

async function commitExchange(deps: Deps, shop: Shop, order: OrderRow, c: Commit) {
  const database = dbOf(deps);
  const number = newTicketNumber();
  // A new ticket, not an edited one: a new number and a new signed code, so the old QR code
  // (which may be printed or forwarded) is refused at the door while the new one is admitted.
  const newTicket: typeof tickets.$inferInsert = {
    id: newId('tkt'),
    shopId: shop.id,
    orderId: order.id,
    performanceId: c.target.id,
    number,
    seatId: c.seat?.id ?? null,
    seatLabel: c.seat?.label ?? null,
    tariffId: c.tariff.id,
    tariffName: c.tariff.name,
    price: c.tariff.price,
    discount: 0,
    // The insurance policy and the platform's commission belong to the original sale: they
    // stay on the old ticket (status exchanged), which the insurer's export still lists.
    insurancePremium: 0,
    commission: 0,
    passId: null,
    replacesTicketId: c.ticket.id,
    qrPayload: await signTicket(shop.signingPrivateKey, { shopId: shop.id, ticketNumber: number, performanceId: c.target.id }),
    status: 'valid',
    createdAt: c.now,
  };
  const context = await loadPerformanceContext(database, c.target.id);
  const places = await seatPlaces(database, [c.ticket.seatId]);
  if (c.seat) places.set(c.seat.id, seatPlaceOf(c.seat));
  const statements: Statement[] = [
    database.insert(batchGuard).values({
      name: 'ticket_exchangeable',
      ok: sql`EXISTS (SELECT 1 FROM ${tickets} INNER JOIN ${orders} ON ${orders.id} = ${tickets.orderId}
        WHERE ${tickets.id} = ${c.ticket.id} AND ${tickets.status} = 'valid' AND ${tickets.admittedAt} IS NULL AND ${orders.status} = 'paid')`,
    }),
    ...(await freeOldStatements(database, order, c.ticket)),
    ...takeNewStatements(database, order, c.exchangeId, c.target, c.tariff.id, c.seat?.id ?? null, c.now),
    database
      .update(tickets)
      .set({ status: 'exchanged' })
      .where(and(eq(tickets.id, c.ticket.id), eq(tickets.status, 'valid'))),
    database.insert(tickets).values(newTicket),
    // The attendee stays the same: the old ticket's answers go with the new one.
    moveTicketAnswers(database, c.ticket.id, newTicket.id),
    database.insert(ticketExchanges).values({
      id: c.exchangeId,
      shopId: shop.id,
      orderId: order.id,
      oldTicketId: c.ticket.id,
      newTicketId: newTicket.id,
      fromPerformanceId: c.from.id,
      toPerformanceId: c.target.id,
      priceDifference: c.quote.difference,
      fee: c.quote.fee,
      amountCharged: c.quote.amountToPay,
      refundDue: c.quote.refundDue,
      paymentMethod: c.charge.method,
      actor: c.caller.kind,
      actorTokenId: c.caller.tokenId ?? null,
      createdAt: c.now,
    }),
    // The old seat or place left the order and the new one joined it, exactly: nothing else moved.
    orderLedgerIntact(database, order.id),
    bumpInventoryVersion(database, c.from.id),
    bumpInventoryVersion(database, c.target.id),
    queueMessage(
      database,
      {
        shopId: shop.id,
        orderId: order.id,
        kind: 'ticket_exchanged',
        dedupeKey: `ticket_exchanged:${c.exchangeId}`,
        ...recipientOf(order),
        payload: {
          order: orderFacts(shop, order, context),
          exchange: {
            oldTicketNumber: c.ticket.number,
            oldSeatLabel: c.ticket.seatLabel,
            oldSeat: c.ticket.seatId === null ? null : (places.get(c.ticket.seatId) ?? null),
            oldStartsAt: c.from.startsAt,
            difference: c.quote.difference,
            fee: c.quote.fee,
            amountCharged: c.quote.amountToPay,
            refundDue: c.quote.refundDue,
          },
          ticket: ticketFacts([newTicket], places)[0]!,
          ticketConditions: ticketConditionsIn(shop, order.buyerLanguage),
        },
      },
      c.now,
    ),
  ];
  // Webhooks: ticket.exchanged, the old ticket void and the new one valid.
  statements.push(
    ...emitEvents(
      database,
      [
        {
          shopId: shop.id,
          type: 'ticket.exchanged',
          orderId: order.id,
          dedupeKey: dedupe.exchanged(c.exchangeId),
          data: {
            exchangeId: c.exchangeId,
            order: orderRef(order),
            oldTicket: ticketData(c.ticket, 'exchanged'),
            newTicket: ticketData(newTicket, 'valid'),
            difference: c.quote.difference,
            fee: c.quote.fee,
            amountCharged: c.quote.amountToPay,
            refundDue: c.quote.refundDue,
            actor: c.caller.kind,
          },
        },
      ],
      c.now,
    ),
  );
  // Money taken at the counter goes through the staff member's till.
  const atDesk = c.quote.amountToPay > 0 && c.charge.provider === 'box_office' && c.caller.till !== undefined;
  if (c.quote.amountToPay > 0) {
    statements.push(
      database.insert(payments).values({
        id: newId('pay'),
        shopId: shop.id,
        orderId: order.id,
        provider: c.charge.provider,
        method: c.charge.method,
        status: 'captured',
        kind: 'charge',
        exchangeId: c.exchangeId,
        amount: c.quote.amountToPay,
        currency: order.currency,
        providerReference: c.charge.reference,
        createdAt: c.now,
        tillId: atDesk ? c.caller.till!.id : null,
      }),
      ...(atDesk ? tillStatements(database, c.caller.till!, c.now) : []),
    );
  }
  try {
    await runBatch(database, statements);
  } catch (err) {
    throw (atDesk ? await tillClosedError(database, c.caller.till!) : null) ?? (await explainFailure(database, order, c, err));
  }
  return {
    exchange: {
      id: c.exchangeId,
      oldTicketNumber: c.ticket.number,
      newTicketNumber: number,
      fromPerformanceId: c.from.id,
      toPerformanceId: c.target.id,
      currency: order.currency,
      difference: c.quote.difference,
      fee: c.quote.fee,
      amountCharged: c.quote.amountToPay,
      refundDue: c.quote.refundDue,
      paymentMethod: c.charge.method,
      createdAt: iso(c.now),
    },
    ticket: {
      number,
      performanceId: c.target.id,
      startsAt: iso(c.target.startsAt),
      seatId: newTicket.seatId ?? null,
      seatLabel: newTicket.seatLabel ?? null,
      seat: c.seat ? seatPlaceOf(c.seat) : null,
      tariffId: c.tariff.id,
      tariffName: c.tariff.name,
      price: c.tariff.price,
      status: 'valid' as const,
      qrPayload: newTicket.qrPayload,
    },
    oldTicket: { number: c.ticket.number, status: 'exchanged' as const },
  };
}

/** Turns a refused batch into the answer the buyer can act on; nothing was changed. */
async function explainFailure(database: Db, order: OrderRow, c: Commit, err: unknown): Promise<unknown> {
  const inQuota = isGuardFailure(err) && c.seat ? await seatsInSomeQuota(database, c.target.id, [c.seat.id]) : null;
  if (isUniqueViolation(err, 'seat_claims') || isSeatTicketedTwice(err) || inQuota) {
    return new ApiError(409, 'seat_taken', 'This seat was just taken by someone else. Nothing was changed or charged; please choose another seat.', { seatId: c.seat?.id });
  }
  if (isCheckViolation(err, 'ga_inventory')) return new ApiError(409, 'capacity_exceeded', 'No tickets are left for this performance. Nothing was changed or charged.');
  if (isGuardFailure(err) || isUniqueViolation(err, 'ticket_exchanges')) {
    const [ticket] = await database.select().from(tickets).where(eq(tickets.id, c.ticket.id));
    const [current] = await database.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    if (current && current.status !== 'paid') return new ApiError(409, 'order_not_paid', refusalMessages.order_not_paid);
    if (ticket?.admittedAt) return new ApiError(409, 'ticket_admitted', refusalMessages.ticket_admitted);
    return new ApiError(409, 'ticket_not_valid', refusalMessages.ticket_not_valid, { status: ticket?.status });
  }
  return err;
}
