import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type AnswerProblem, type CheckedAnswers, type CheckoutAnswers, checkAnswers, ticketSlots } from '../../../../contract/questions.js';
import type { locales } from '../../../../contract/vocabulary.js';
import { orders } from '../../../../db/schema/orders.js';
import { orderAnswers } from '../../../../db/schema/questions.js';
import { type BatchStatement, type BoundStatement, compiledCache } from '../../bound-statements.js';
import type { Db } from '../../db.js';
import { businessDayOf } from '../../domain/business-day.js';
import { newId } from '../../domain/ids.js';
import type { HoldItem } from '../../domain/pricing.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import { buyerQuestions } from './buyer-questions.js';

type Statement = BatchItem<'sqlite'>;
type Locale = (typeof locales)[number];

/** The slots of a hold's tickets (contract/questions.ts ticketSlots), from the items being sold. */
export function slotsOfItems(items: readonly HoldItem[]) {
  return ticketSlots({
    seats: items.filter((i) => i.seatId !== null).map((i) => ({ seatId: i.seatId!, tariffId: i.tariffId })),
    quantities: items.filter((i) => i.seatId === null).map((i) => ({ tariffId: i.tariffId, quantity: i.quantity })),
  });
}

/**
 * The slot each issued ticket had in its hold: its seat, or its ordinal among the general-
 * admission tickets of its tariff, counted in the order the tickets were made (issueTickets
 * makes them from the hold's items in order, one item per tariff).
 */
export function slotsOfTickets(rows: readonly { id: string; seatId?: number | null; tariffId: string }[]): Record<string, string> {
  const ordinal = new Map<string, number>();
  const slots: Record<string, string> = {};
  for (const row of rows) {
    if (row.seatId != null) {
      slots[`seat:${row.seatId}`] = row.id;
      continue;
    }
    const n = (ordinal.get(row.tariffId) ?? 0) + 1;
    ordinal.set(row.tariffId, n);
    slots[`ga:${row.tariffId}:${n}`] = row.id;
  }
  return slots;
}

/** The message names the first problem's question in the buyer's language (the widget shows it at the field). */
function answersInvalid(problems: AnswerProblem[], labels: Map<string, string>) {
  const first = problems[0]!;
  const label = labels.get(first.questionId);
  const message =
    label === undefined
      ? 'An answer is to a question this event does not ask (any more): please review the questions and try again.'
      : first.reason === 'required'
        ? `Please answer "${label}".`
        : first.reason === 'invalid'
          ? `The answer to "${label}" is not valid.`
          : `"${label}" is not asked for this ticket: please review the questions and try again.`;
  // Details carry question ids, slots and reasons only: never the values given (personal data).
  return new ApiError(422, 'answers_invalid', `${message} Nothing was charged or sold.`, { problems: problems.slice(0, 100) });
}

/**
 * Checks a checkout's answers against the event's questions as they are now, for the tickets
 * being sold, with the shop's calendar day as today. Refused answers stop the checkout before
 * anything is written or charged.
 */
export async function checkCheckoutAnswers(
  db: Db,
  shop: Shop,
  eventId: string,
  items: readonly HoldItem[],
  given: CheckoutAnswers | undefined,
  language: Locale,
  now: number,
): Promise<CheckedAnswers> {
  const questions = await buyerQuestions(db, shop, eventId, language);
  const answers = given ?? { order: {}, tickets: [] };
  if (questions.length === 0 && Object.keys(answers.order).length === 0 && answers.tickets.every((t) => Object.keys(t.answers).length === 0)) return { order: {}, tickets: {} };
  const result = checkAnswers(questions, slotsOfItems(items), answers, businessDayOf(now, shop.timeZone));
  if (result.problems.length > 0) throw answersInvalid(result.problems, new Map(questions.map((q) => [q.id, q.label])));
  return result.answers;
}

/**
 * The answers written with the pending order of a hold, in the batch that records it: the
 * order's id is the hold's order (created or updated by the same batch), and only while it is
 * pending. A retried checkout replaces the answers it gave before. One statement for all the
 * answers (D1 binds at most 100 parameters; the answers travel as one JSON text).
 */
const pendingOrderOf = (holdId: string | Placeholder) => sql`SELECT ${orders.id} FROM ${orders} WHERE ${orders.holdId} = ${holdId} AND ${orders.status} = 'pending'`;
// Compiled once: every checkout runs it, answers or not.
const deletePendingAnswers = compiledCache((db) => db.delete(orderAnswers).where(sql`${orderAnswers.orderId} IN (${pendingOrderOf(sql.placeholder('holdId'))})`));

export function pendingOrderAnswerStatements(db: Db, shopId: string, holdId: string, checked: CheckedAnswers, now: number): BatchStatement[] {
  const rows = [
    ...Object.entries(checked.order).map(([questionId, value]) => ({ id: newId('ans'), questionId, slot: '', value: JSON.stringify(value) })),
    ...Object.entries(checked.tickets).flatMap(([slot, byQuestion]) =>
      Object.entries(byQuestion).map(([questionId, value]) => ({ id: newId('ans'), questionId, slot, value: JSON.stringify(value) })),
    ),
  ];
  const pendingOrderOfHold = pendingOrderOf(holdId);
  const statements: BatchStatement[] = [deletePendingAnswers(db)({ holdId })];
  if (rows.length > 0) {
    statements.push(
      // The columns in the table's order: id, shop, order, question, slot, ticket, value, created.
      db.insert(orderAnswers).select(
        sql`SELECT json_extract(j.value, '$.id'), ${shopId}, o.id, json_extract(j.value, '$.questionId'), json_extract(j.value, '$.slot'), NULL, json_extract(j.value, '$.value'), ${now}
          FROM json_each(${JSON.stringify(rows)}) AS j, (${pendingOrderOfHold}) AS o`,
      ),
    );
  }
  return statements;
}

const linkTicketAnswersQuery = compiledCache((db) => {
  const bySlot = sql.placeholder('bySlot');
  return db
    .update(orderAnswers)
    .set({ ticketId: sql`(SELECT j.value FROM json_each(${bySlot}) AS j WHERE j.key = ${orderAnswers.slot})` })
    .where(and(eq(orderAnswers.orderId, sql.placeholder('orderId')), sql`${orderAnswers.slot} IN (SELECT key FROM json_each(${bySlot}))`));
});

/** Each ticket's answers join the ticket in the batch that issues it (by the slot it had in the hold). */
export function linkTicketAnswers(db: Db, orderId: string, rows: readonly { id: string; seatId?: number | null; tariffId: string }[]): BoundStatement {
  return linkTicketAnswersQuery(db)({ orderId, bySlot: JSON.stringify(slotsOfTickets(rows)) });
}

/** An exchanged ticket's answers go with the ticket that replaces it. */
export const moveTicketAnswers = (db: Db, oldTicketId: string, newTicketId: string): Statement =>
  db.update(orderAnswers).set({ ticketId: newTicketId }).where(eq(orderAnswers.ticketId, oldTicketId));

