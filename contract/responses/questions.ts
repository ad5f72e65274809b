import * as v from 'valibot';
import { AnswerValue, QuestionOption } from '../questions.js';
import { questionKinds, questionScopes } from '../vocabulary.js';
import { IsoTime } from './shared.js';

const Texts = v.record(v.string(), v.string());

/** A question as the organizer edits it: every language's texts. */
export const EventQuestion = v.object({
  id: v.string(),
  eventId: v.string(),
  position: v.pipe(v.number(), v.description('Its place in the form, from 1.')),
  scope: v.picklist(questionScopes),
  kind: v.picklist(questionKinds),
  required: v.boolean(),
  label: Texts,
  help: Texts,
  options: v.array(QuestionOption),
  consentUrl: v.nullable(v.string()),
  tariffIds: v.pipe(v.array(v.string()), v.description('Empty: asked for every tariff.')),
  archivedAt: v.pipe(v.nullable(IsoTime), v.description('Archived questions are no longer asked; their answers stay with the orders.')),
  answeredOrders: v.pipe(v.number(), v.description('Orders with an answer to it.')),
});

export const EventQuestionList = v.object({ questions: v.pipe(v.array(EventQuestion), v.description('In form order; archived ones last.')) });

/** A question as the widget asks it, in the buyer's language (else the shop's default). */
export const BuyerQuestionView = v.object({
  id: v.string(),
  scope: v.picklist(questionScopes),
  kind: v.picklist(questionKinds),
  required: v.boolean(),
  label: v.string(),
  help: v.nullable(v.string()),
  options: v.array(v.object({ id: v.string(), label: v.string() })),
  consentUrl: v.nullable(v.string()),
  tariffIds: v.pipe(v.array(v.string()), v.description('Empty: asked for every tariff.')),
});

export const BuyerQuestionList = v.object({ questions: v.pipe(v.array(BuyerQuestionView), v.description('In form order; empty when the event asks nothing.')) });

/** One answer as staff read it. */
export const AnswerView = v.object({
  questionId: v.string(),
  kind: v.picklist(questionKinds),
  label: v.pipe(v.string(), v.description("The question in the shop's default language.")),
  value: AnswerValue,
  text: v.pipe(v.string(), v.description("The answer as a person reads it, in the shop's default language (option labels, yes/no).")),
});

/** An order's answers: the order's own and each ticket's. */
export const OrderAnswers = v.object({
  order: v.array(AnswerView),
  tickets: v.array(
    v.object({
      slot: v.pipe(v.string(), v.description('The ticket as the hold named it at checkout (`seat:<seatId>`, `ga:<tariffId>:<n>`).')),
      ticketId: v.pipe(v.nullable(v.string()), v.description('Null until the ticket is issued (a Stripe payment settling, an invoice not yet paid).')),
      ticketNumber: v.nullable(v.string()),
      answers: v.array(AnswerView),
    }),
  ),
});

/** What erasing a buyer's personal data did; the order's money, lines and tickets stay for the books. */
export const PersonalDataErased = v.object({
  number: v.string(),
  erasedAt: IsoTime,
  answersDeleted: v.number(),
  messagesScrubbed: v.pipe(v.number(), v.description('E-mails of the order whose address and text were removed.')),
});

export type EventQuestion = v.InferOutput<typeof EventQuestion>;
export type BuyerQuestionView = v.InferOutput<typeof BuyerQuestionView>;
export type AnswerView = v.InferOutput<typeof AnswerView>;
export type OrderAnswers = v.InferOutput<typeof OrderAnswers>;
