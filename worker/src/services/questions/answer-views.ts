import { asc, eq, sql } from 'drizzle-orm';
import type { AnswerView, OrderAnswers } from '../../../../contract/responses/questions.js';
import { tickets } from '../../../../db/schema/orders.js';
import { eventQuestions, orderAnswers } from '../../../../db/schema/questions.js';
import { perShape } from '../../bound-statements.js';
import type { Db } from '../../db.js';
import { answerText, textIn } from '../../domain/question-texts.js';
import type { Shop } from '../../env.js';
import { slotsOfTickets } from './checkout-answers.js';

/** Prepared once per database: every sale's webhooks read it. */
const answerRowsQuery = perShape((db) =>
  db
    .select({
      orderId: orderAnswers.orderId,
      slot: orderAnswers.slot,
      ticketId: orderAnswers.ticketId,
      ticketNumber: tickets.number,
      value: orderAnswers.value,
      question: { id: eventQuestions.id, kind: eventQuestions.kind, label: eventQuestions.label, options: eventQuestions.options, position: eventQuestions.position, archivedAt: eventQuestions.archivedAt },
    })
    .from(orderAnswers)
    .innerJoin(eventQuestions, eq(eventQuestions.id, orderAnswers.questionId))
    .leftJoin(tickets, eq(tickets.id, orderAnswers.ticketId))
    .where(sql`${orderAnswers.orderId} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)
    .orderBy(asc(eventQuestions.position), asc(eventQuestions.createdAt))
    .prepare(),
);

/** One answer row with its question and ticket, as the staff view, CSV and webhooks read it. */
export async function answerRowsOfOrders(db: Db, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return answerRowsQuery(db).all({ ids: JSON.stringify(orderIds) });
}

type AnswerRow = Awaited<ReturnType<typeof answerRowsOfOrders>>[number];

/** An answer as staff read it, in the shop's default language. */
export const answerView = (row: AnswerRow, shop: Pick<Shop, 'defaultLocale'>): AnswerView => ({
  questionId: row.question.id,
  kind: row.question.kind,
  label: textIn(row.question.label, shop.defaultLocale, shop.defaultLocale),
  value: row.value,
  text: answerText(row.question, row.value, shop.defaultLocale),
});

/** Seats by their id, then general admission by tariff and ordinal (numbers compared as numbers). */
export const slotOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** An order's answers: its own, then each ticket's in the order of the hold's slots. */
export function orderAnswersOf(rows: readonly AnswerRow[], shop: Pick<Shop, 'defaultLocale'>): OrderAnswers {
  const result: OrderAnswers = { order: [], tickets: [] };
  const bySlot = new Map<string, OrderAnswers['tickets'][number]>();
  for (const row of rows) {
    if (row.slot === '') {
      result.order.push(answerView(row, shop));
      continue;
    }
    let ticket = bySlot.get(row.slot);
    if (!ticket) {
      ticket = { slot: row.slot, ticketId: row.ticketId, ticketNumber: row.ticketNumber, answers: [] };
      bySlot.set(row.slot, ticket);
      result.tickets.push(ticket);
    }
    ticket.answers.push(answerView(row, shop));
  }
  result.tickets.sort((a, b) => slotOrder(a.slot, b.slot));
  return result;
}

export async function orderAnswersView(db: Db, shop: Pick<Shop, 'defaultLocale'>, orderId: string): Promise<OrderAnswers> {
  return orderAnswersOf(await answerRowsOfOrders(db, [orderId]), shop);
}

/**
 * An order's answers for its webhook events, or undefined when it has none. The tickets issued
 * by the same batch are not in the database yet: their ids and numbers come from `issued`, by
 * the slot each had in the hold.
 */
export async function webhookAnswers(
  db: Db,
  shop: Pick<Shop, 'defaultLocale'>,
  orderId: string,
  issued: readonly { id: string; number: string; seatId?: number | null; tariffId: string }[] = [],
): Promise<OrderAnswers | undefined> {
  const rows = await answerRowsOfOrders(db, [orderId]);
  if (rows.length === 0) return undefined;
  const bySlot = slotsOfTickets(issued);
  const numbers = new Map(issued.map((t) => [t.id, t.number]));
  const answers = orderAnswersOf(rows, shop);
  for (const ticket of answers.tickets) {
    const ticketId = ticket.ticketId ?? bySlot[ticket.slot] ?? null;
    ticket.ticketId = ticketId;
    ticket.ticketNumber = ticket.ticketNumber ?? (ticketId === null ? null : (numbers.get(ticketId) ?? null));
  }
  return answers;
}
