import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { events, shops } from './catalog.js';
import { orders } from './orders.js';
import { questionKinds, questionScopes } from '../../contract/vocabulary.js';
import type { AnswerValue, LocalizedText } from '../../contract/questions.js';
export { questionKinds, questionScopes };

export interface QuestionOptionRecord {
  id: string;
  label: LocalizedText;
}

/**
 * The questions an event asks buyers at checkout (customer forms). `position` orders the form;
 * it is not UNIQUE so that a reorder rewrites every position in one UPDATE (SQLite checks a
 * unique index row by row, so a permutation would collide midway). Archived questions are no
 * longer asked; their answers stay.
 */
export const eventQuestions = sqliteTable(
  'event_questions',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    position: integer('position').notNull(),
    scope: text('scope', { enum: questionScopes }).notNull(),
    kind: text('kind', { enum: questionKinds }).notNull(),
    required: integer('required', { mode: 'boolean' }).notNull().default(false),
    label: text('label', { mode: 'json' }).$type<LocalizedText>().notNull(),
    help: text('help', { mode: 'json' }).$type<LocalizedText>().notNull().default({}),
    options: text('options', { mode: 'json' }).$type<QuestionOptionRecord[]>().notNull().default([]),
    consentUrl: text('consent_url'),
    /** Asked only for tickets of these tariffs; empty: every tariff. */
    tariffIds: text('tariff_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    archivedAt: integer('archived_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('event_questions_event_idx').on(t.eventId, t.position),
    check('event_questions_kind_valid', sql`${t.kind} IN ('attendee_name', 'email', 'phone', 'date_of_birth', 'choice', 'choices', 'yes_no', 'text', 'consent')`),
    check('event_questions_scope_valid', sql`${t.scope} IN ('order', 'ticket')`),
    check('event_questions_consent_required', sql`${t.kind} <> 'consent' OR (${t.required} = 1 AND ${t.consentUrl} IS NOT NULL)`),
  ],
);

/**
 * A buyer's answer to a question: the order's (`slot` '') or a ticket's (`slot` the TicketSlot
 * it had in the hold, contract/questions.ts). Written with the order; `ticket_id` is filled in
 * the batch that issues the ticket (for Stripe and invoices, later than the order), and moves
 * to the new ticket in an exchange. Personal data: deleted when the buyer's data is erased.
 */
export const orderAnswers = sqliteTable(
  'order_answers',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    questionId: text('question_id')
      .notNull()
      .references(() => eventQuestions.id),
    slot: text('slot').notNull(),
    ticketId: text('ticket_id'),
    value: text('value', { mode: 'json' }).$type<AnswerValue>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('order_answers_order_slot_question_uq').on(t.orderId, t.slot, t.questionId),
    index('order_answers_question_idx').on(t.questionId),
    index('order_answers_ticket_idx').on(t.ticketId).where(sql`${t.ticketId} IS NOT NULL`),
  ],
);

/**
 * A buyer's personal data erased from an order on request: when, by whom (a staff member's or
 * token's id) and what was removed. The order id is the key, so an order is erased once: a
 * second request answers this row and changes nothing.
 */
export const personalDataErasures = sqliteTable('personal_data_erasures', {
  orderId: text('order_id')
    .primaryKey()
    .references(() => orders.id),
  shopId: text('shop_id')
    .notNull()
    .references(() => shops.id),
  erasureId: text('erasure_id').notNull(),
  erasedAt: integer('erased_at').notNull(),
  erasedBy: text('erased_by').notNull(),
  answersDeleted: integer('answers_deleted').notNull(),
  messagesScrubbed: integer('messages_scrubbed').notNull(),
});
