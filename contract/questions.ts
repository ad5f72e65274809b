import * as v from 'valibot';
import { Locale, RecordId, SeatId, Text } from './common.js';
import { questionKinds, questionScopes } from './vocabulary.js';

/**
 * Customer forms: the questions an organizer asks buyers at checkout, per order or per ticket,
 * and the one function that checks the answers. The API validates checkout answers with
 * `checkAnswers`, and the widget runs the same function before it sends them, so a buyer learns
 * about a missing answer at the field, and the API refuses exactly what the widget would.
 */

export type QuestionKind = (typeof questionKinds)[number];
export type QuestionScope = (typeof questionScopes)[number];

/** Kinds whose answer is one option (`choice`) or several (`choices`) from the question's list. */
const optionKinds: readonly QuestionKind[] = ['choice', 'choices'];

/** A text per language, e.g. {"fr": "Numéro de carte d'étudiant", "de": "Studierendenausweis-Nr."}. */
export const LocalizedText = (max: number) =>
  v.pipe(
    v.record(Locale, Text(max)),
    v.check((texts) => Object.values(texts).some((text) => text.length > 0), 'must have a text in at least one language'),
  );
export type LocalizedText = Partial<Record<v.InferOutput<typeof Locale>, string>>;

/** An option of a choice: a stable id (answers store it, so relabelling keeps old answers) and its labels. */
export const QuestionOption = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be an id of lower-case letters, digits, - or _ (e.g. "vegetarian")')),
  label: LocalizedText(200),
});

const QuestionTexts = {
  /** The question as buyers read it; the shop's default language is required (the API checks it). */
  label: LocalizedText(200),
  /** A hint under the field. */
  help: v.optional(v.record(Locale, Text(500)), {}),
  /** `choice` and `choices`: at least two, ids unique; other kinds: none. */
  options: v.optional(v.pipe(v.array(QuestionOption), v.maxLength(50)), []),
  /** `consent`: the page the buyer agrees to (terms, newsletter policy). */
  consentUrl: v.optional(v.nullable(v.pipe(v.string(), v.url('must be a link such as https://…'), v.maxLength(2000))), null),
  /** Asked only for tickets of these tariffs (per order: when the order has one); empty: every tariff. */
  tariffIds: v.optional(v.pipe(v.array(RecordId), v.maxLength(100)), []),
};

const optionsFitKind = (q: { kind?: QuestionKind; options?: readonly { id: string }[] }) => {
  if (q.kind === undefined || q.options === undefined) return true;
  if (!optionKinds.includes(q.kind)) return q.options.length === 0;
  return q.options.length >= 2 && new Set(q.options.map((o) => o.id)).size === q.options.length;
};

/** A new question of an event. A consent is always required and needs its link. */
export const QuestionBody = v.pipe(
  v.object({ scope: v.picklist(questionScopes), kind: v.picklist(questionKinds), required: v.optional(v.boolean(), false), ...QuestionTexts }),
  v.check((q) => optionsFitKind(q), 'a choice needs at least two options with different ids; other kinds take no options'),
  v.check((q) => q.kind !== 'consent' || q.consentUrl !== null, 'a consent needs the link of what the buyer agrees to'),
);
export type QuestionRequest = v.InferInput<typeof QuestionBody>;

/**
 * A change to a question. Its kind and scope stay: answers were given to them (archive the
 * question and ask a new one instead). Options may be added, relabelled or removed; answers
 * naming a removed option keep its id and show it as given.
 */
export const QuestionPatch = v.pipe(
  v.object({
    required: v.optional(v.boolean()),
    label: v.optional(QuestionTexts.label),
    help: v.optional(v.record(Locale, Text(500))),
    options: v.optional(v.pipe(v.array(QuestionOption), v.maxLength(50))),
    consentUrl: v.optional(v.nullable(v.pipe(v.string(), v.url('must be a link such as https://…'), v.maxLength(2000)))),
    tariffIds: v.optional(v.pipe(v.array(RecordId), v.maxLength(100))),
  }),
  v.check((p) => Object.values(p).some((value) => value !== undefined), 'must change at least one field'),
);
export type QuestionPatchRequest = v.InferInput<typeof QuestionPatch>;

/** The order of an event's questions, as a complete list of their ids. */
export const QuestionOrderBody = v.object({ questionIds: v.pipe(v.array(RecordId), v.minLength(1), v.maxLength(200)) });

export const EventQuestionParams = v.object({ eventId: RecordId });
export const QuestionParams = v.object({ eventId: RecordId, questionId: RecordId });

/** A question as a buyer reads it, in one language (the buyer's, else the shop's default). */
export interface BuyerQuestion {
  id: string;
  scope: QuestionScope;
  kind: QuestionKind;
  required: boolean;
  label: string;
  help: string | null;
  options: { id: string; label: string }[];
  consentUrl: string | null;
  /** Empty: asked for every tariff. */
  tariffIds: string[];
}

/**
 * One ticket of a hold before it is issued, as answers name it: `seat:<seatId>` for a seat,
 * `ga:<tariffId>:<n>` for the n-th (from 1) general-admission ticket of a tariff.
 */
export const TicketSlot = v.pipe(v.string(), v.regex(/^(seat:[1-9][0-9]{0,9}|ga:[a-z]{2,4}_[a-z0-9]{4,40}:[1-9][0-9]{0,2})$/, 'must be a ticket such as seat:812 or ga:tar_x1y2z3:1'));

/** What a hold's tickets are, in the order the hold lists them (seats, then quantities). */
export function ticketSlots(hold: { seats: readonly { seatId: number; tariffId: string }[]; quantities: readonly { tariffId: string; quantity: number }[] }): { slot: string; tariffId: string }[] {
  const slots = hold.seats.map((s) => ({ slot: `seat:${s.seatId}`, tariffId: s.tariffId }));
  for (const q of hold.quantities) for (let n = 1; n <= q.quantity; n++) slots.push({ slot: `ga:${q.tariffId}:${n}`, tariffId: q.tariffId });
  return slots;
}

/** A seat id from its slot, or null for a general-admission slot. */
export const slotSeatId = (slot: string): number | null => (slot.startsWith('seat:') ? v.parse(SeatId, Number(slot.slice(5))) : null);

/** An answer as sent: text (names, e-mail, phone, a date as YYYY-MM-DD, an option id, free text), yes/no, or option ids. */
// The messages name no value: an error about an answer never echoes what the buyer wrote (personal data).
export const AnswerValue = v.union(
  [
    v.pipe(v.string(), v.maxLength(2000, 'must be at most 2000 characters')),
    v.boolean(),
    v.pipe(v.array(v.pipe(v.string(), v.maxLength(40, 'must be an option id')), 'must be a list of option ids'), v.maxLength(50, 'must be at most 50 options')),
  ],
  'must be a text, true or false, or a list of option ids',
);
export type AnswerValue = v.InferOutput<typeof AnswerValue>;

const AnswersByQuestion = v.pipe(
  v.record(RecordId, AnswerValue),
  v.check((answers) => Object.keys(answers).length <= 200, 'too many answers'),
);

/** The answers of a checkout: the order's, and each ticket's by its slot. */
export const CheckoutAnswers = v.object({
  order: v.optional(AnswersByQuestion, {}),
  tickets: v.optional(v.pipe(v.array(v.object({ slot: TicketSlot, answers: AnswersByQuestion })), v.maxLength(500)), []),
});
export type CheckoutAnswers = v.InferOutput<typeof CheckoutAnswers>;

/**
 * Why an answer was refused. `required`: missing; `invalid`: not a valid value of its kind (an
 * e-mail that is not one, a date of birth in the future, an option the question lacks);
 * `not_asked`: the question does not apply there (another tariff, an archived question, a slot
 * the hold does not have).
 */
export const answerProblemReasons = ['required', 'invalid', 'not_asked'] as const;
export interface AnswerProblem {
  questionId: string;
  /** The ticket's slot; null for a question of the order. */
  slot: string | null;
  reason: (typeof answerProblemReasons)[number];
}

/** Answers that passed, normalized (trimmed, option ids deduplicated in the question's order). */
export interface CheckedAnswers {
  order: Record<string, AnswerValue>;
  tickets: Record<string, Record<string, AnswerValue>>;
}

const Phone = v.pipe(
  v.string(),
  v.trim(),
  // An area code in brackets may open it: "(021) 123 45 67", "(555) 123-4567".
  v.regex(/^\+?[0-9(][0-9 ()./-]{4,28}[0-9]$/),
  v.check((s) => s.replace(/\D/g, '').length >= 6 && s.replace(/\D/g, '').length <= 15),
);
// A month or day out of range (2000-13-01) is an invalid Date, whose toISOString throws: it is checked first.
const isoDay = (day: string) => {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
};

/** The valibot schema of one question's answer (present: `required` is checked by `checkAnswers`). */
export function answerSchema(question: Pick<BuyerQuestion, 'kind' | 'options'>, today: string): v.GenericSchema<unknown, AnswerValue> {
  const optionIds = question.options.map((o) => o.id);
  switch (question.kind) {
    case 'attendee_name':
      return v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));
    case 'email':
      return v.pipe(v.string(), v.trim(), v.maxLength(254), v.email());
    case 'phone':
      return Phone;
    case 'date_of_birth':
      return v.pipe(v.string(), v.trim(), v.check(isoDay), v.check((day) => day >= '1900-01-01' && day <= today));
    case 'choice':
      return v.picklist(optionIds);
    case 'choices':
      return v.pipe(
        v.array(v.picklist(optionIds)),
        v.minLength(1),
        v.transform((ids) => optionIds.filter((id) => ids.includes(id))),
      );
    case 'yes_no':
      return v.boolean();
    case 'consent':
      return v.literal(true);
    case 'text':
      return v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000));
  }
}

/** Whether a question is asked for a ticket of this tariff (per order: for an order with these tariffs). */
const asksFor = (question: Pick<BuyerQuestion, 'tariffIds'>, tariffIds: readonly string[]) =>
  question.tariffIds.length === 0 || tariffIds.some((tariffId) => question.tariffIds.includes(tariffId));

/** An answer left empty: no text, no option, or nothing at all. A "no" (false) is an answer. */
const isBlank = (value: AnswerValue | undefined) => value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/**
 * Checks a checkout's answers against an event's questions for a hold's tickets. Pure: the API
 * and the widget call it alike. `today` is the shop's calendar day (YYYY-MM-DD), for dates of birth.
 * An optional question left blank is dropped; a required one is a `required` problem.
 */
export function checkAnswers(
  questions: readonly BuyerQuestion[],
  slots: readonly { slot: string; tariffId: string }[],
  answers: CheckoutAnswers,
  today: string,
): { problems: AnswerProblem[]; answers: CheckedAnswers } {
  const problems: AnswerProblem[] = [];
  const checked: CheckedAnswers = { order: {}, tickets: {} };
  const byId = new Map(questions.map((q) => [q.id, q]));

  const checkOne = (question: BuyerQuestion, value: AnswerValue | undefined, slot: string | null, into: Record<string, AnswerValue>) => {
    if (isBlank(value) || (question.kind === 'consent' && value === false)) {
      if (question.required) problems.push({ questionId: question.id, slot, reason: 'required' });
      return;
    }
    const result = v.safeParse(answerSchema(question, today), value);
    if (result.success) into[question.id] = result.output;
    else problems.push({ questionId: question.id, slot, reason: 'invalid' });
  };

  const orderTariffs = slots.map((s) => s.tariffId);
  for (const question of questions) {
    if (question.scope === 'order' && asksFor(question, orderTariffs)) checkOne(question, answers.order[question.id], null, checked.order);
  }
  for (const questionId of Object.keys(answers.order)) {
    const question = byId.get(questionId);
    if (!question || question.scope !== 'order' || !asksFor(question, orderTariffs)) problems.push({ questionId, slot: null, reason: 'not_asked' });
  }

  const given = new Map<string, Record<string, AnswerValue>>();
  for (const ticket of answers.tickets) given.set(ticket.slot, { ...given.get(ticket.slot), ...ticket.answers });
  const known = new Set(slots.map((s) => s.slot));
  for (const [slot, byQuestion] of given) {
    if (!known.has(slot)) for (const questionId of Object.keys(byQuestion)) problems.push({ questionId, slot, reason: 'not_asked' });
  }
  for (const { slot, tariffId } of slots) {
    const byQuestion = given.get(slot) ?? {};
    const into: Record<string, AnswerValue> = {};
    for (const question of questions) {
      if (question.scope === 'ticket' && asksFor(question, [tariffId])) checkOne(question, byQuestion[question.id], slot, into);
    }
    for (const questionId of Object.keys(byQuestion)) {
      const question = byId.get(questionId);
      if (!question || question.scope !== 'ticket' || !asksFor(question, [tariffId])) problems.push({ questionId, slot, reason: 'not_asked' });
    }
    if (Object.keys(into).length > 0) checked.tickets[slot] = into;
  }
  return { problems, answers: checked };
}
