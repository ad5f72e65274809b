import { checkAnswers, type AnswerProblem, type AnswerValue, type BuyerQuestion, type CheckoutAnswers } from '../../../contract/questions.js';
import type { AnswerProblemText } from './strings.js';

/**
 * The customer form's state as pure data: what the buyer typed per field, the answers sent
 * with the checkout, and the problems found in them. Every rule (which question is asked for
 * which ticket, what a valid answer is) is the contract's `checkAnswers`, the same function
 * the API runs: nothing here decides on its own what the API would refuse.
 */

/** What the buyer typed in one field: text, yes/no, chosen option ids, or a date's three parts. */
export type Draft = string | boolean | string[] | DateParts;
export type DateParts = { day: string; month: string; year: string };
export type Drafts = ReadonlyMap<string, Draft>;
export type TicketSlot = { slot: string; tariffId: string };
type Reason = AnswerProblem['reason'];

/** A field is one question for the order (slot null) or for one ticket. */
export const fieldKey = (slot: string | null, questionId: string): string => `${slot ?? 'order'}|${questionId}`;

/** The id of a field's element in the form (ids may hold no colon to stay easy to select). */
export const fieldId = (slot: string | null, questionId: string): string => `q-${questionId}-${(slot ?? 'order').replace(/[^a-z0-9_]/gi, '-')}`;

export interface AskedTicket extends TicketSlot {
  /** Its place among the hold's tickets, from 1. */
  position: number;
  questions: BuyerQuestion[];
}

/**
 * The form's fields, in form order: the order's questions, then each ticket that is asked
 * something with its questions. Which question applies where is `checkAnswers`' rule: asked
 * with every question required and nothing answered, it names each (question, ticket) it asks.
 */
export function askedFields(questions: readonly BuyerQuestion[], slots: readonly TicketSlot[], today: string): { order: BuyerQuestion[]; tickets: AskedTicket[] } {
  const everyRequired = questions.map((q) => ({ ...q, required: true }));
  const asked = new Set(checkAnswers(everyRequired, slots, { order: {}, tickets: [] }, today).problems.map((p) => fieldKey(p.slot, p.questionId)));
  return {
    order: questions.filter((q) => asked.has(fieldKey(null, q.id))),
    tickets: slots
      .map((slot, i) => ({ ...slot, position: i + 1, questions: questions.filter((q) => asked.has(fieldKey(slot.slot, q.id))) }))
      .filter((ticket) => ticket.questions.length > 0),
  };
}

const isDate = (draft: Draft): draft is DateParts => typeof draft === 'object' && !Array.isArray(draft);

/** A date of birth as the API takes it (YYYY-MM-DD) from its three parts; nothing typed is no answer. */
export function dateAnswer(parts: DateParts): string | undefined {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A field's draft as an answer value, or undefined when nothing was given. */
export function answerOf(draft: Draft | undefined): AnswerValue | undefined {
  if (draft === undefined) return undefined;
  return isDate(draft) ? dateAnswer(draft) : draft;
}

/** The checkout's answers from the drafts, for the fields the form asks now (a ticket left out of the cart is not sent). */
export function draftAnswers(fields: ReturnType<typeof askedFields>, drafts: Drafts): CheckoutAnswers {
  const pick = (slot: string | null, questions: readonly BuyerQuestion[]) => {
    const answers: Record<string, AnswerValue> = {};
    for (const q of questions) {
      const value = answerOf(drafts.get(fieldKey(slot, q.id)));
      if (value !== undefined) answers[q.id] = value;
    }
    return answers;
  };
  return {
    order: pick(null, fields.order),
    tickets: fields.tickets.map((t) => ({ slot: t.slot, answers: pick(t.slot, t.questions) })).filter((t) => Object.keys(t.answers).length > 0),
  };
}

/**
 * Checks the drafts with `checkAnswers`: the problems per field, and the answers to send
 * (normalized as the API stores them) when there is none.
 */
export function checkDrafts(
  questions: readonly BuyerQuestion[],
  slots: readonly TicketSlot[],
  drafts: Drafts,
  today: string,
): { problems: Map<string, Reason>; answers: CheckoutAnswers } {
  const fields = askedFields(questions, slots, today);
  const result = checkAnswers(questions, slots, draftAnswers(fields, drafts), today);
  const problems = new Map(result.problems.map((p) => [fieldKey(p.slot, p.questionId), p.reason] as const));
  const answers: CheckoutAnswers = {
    order: result.answers.order,
    tickets: Object.entries(result.answers.tickets).map(([slot, byQuestion]) => ({ slot, answers: byQuestion })),
  };
  return { problems, answers };
}

const isCalendarDay = (day: string) => {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
};

/** What to tell the buyer about a problem with an answer, as a key of the form's texts. */
export function problemText(question: Pick<BuyerQuestion, 'kind'>, reason: Reason, draft: Draft | undefined, today: string): AnswerProblemText {
  if (reason !== 'invalid') {
    switch (question.kind) {
      case 'choice':
      case 'yes_no':
        return 'chooseOne';
      case 'choices':
        return 'chooseSome';
      case 'consent':
        return 'consentRequired';
      default:
        return 'answerRequired';
    }
  }
  switch (question.kind) {
    case 'attendee_name':
      return 'nameInvalid';
    case 'email':
      return 'emailInvalid';
    case 'phone':
      return 'phoneInvalid';
    case 'date_of_birth': {
      // Only the wording: checkAnswers refused the date; a real day after today was refused for being ahead.
      const day = draft && isDate(draft) ? dateAnswer(draft) : undefined;
      return day && day > today && isCalendarDay(day) ? 'dateFuture' : 'dateInvalid';
    }
    case 'choice':
    case 'choices':
      return 'optionGone';
    case 'yes_no':
      return 'chooseOne';
    case 'consent':
      return 'consentRequired';
    case 'text':
      return 'textTooLong';
  }
}
