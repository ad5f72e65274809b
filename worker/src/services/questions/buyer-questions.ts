import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { BuyerQuestion } from '../../../../contract/questions.js';
import type { locales } from '../../../../contract/vocabulary.js';
import { eventQuestions } from '../../../../db/schema/questions.js';
import { perShape } from '../../bound-statements.js';
import type { Db } from '../../db.js';
import { buyerQuestion, type QuestionRecord } from '../../domain/question-texts.js';
import type { Shop } from '../../env.js';
import { ApiError } from '../../errors.js';
import { loadPerformance } from '../catalog.js';

type Locale = (typeof locales)[number];

/** askedQuestions' read, prepared once per database: every checkout asks it. */
const askedQuestionsQuery = perShape((db) =>
  db
    .select({
      id: eventQuestions.id,
      position: eventQuestions.position,
      scope: eventQuestions.scope,
      kind: eventQuestions.kind,
      required: eventQuestions.required,
      label: eventQuestions.label,
      help: eventQuestions.help,
      options: eventQuestions.options,
      consentUrl: eventQuestions.consentUrl,
      tariffIds: eventQuestions.tariffIds,
    })
    .from(eventQuestions)
    .where(and(eq(eventQuestions.eventId, sql.placeholder('eventId')), isNull(eventQuestions.archivedAt)))
    .orderBy(asc(eventQuestions.position), asc(eventQuestions.createdAt), asc(eventQuestions.id))
    .prepare(),
);

/**
 * The questions an event asks now, in form order. Read from the database on every call, never
 * from the catalogue cache: a question added while a buyer is at checkout is asked at checkout.
 */
export async function askedQuestions(db: Db, eventId: string): Promise<(QuestionRecord & { position: number })[]> {
  return askedQuestionsQuery(db).all({ eventId });
}

export async function buyerQuestions(db: Db, shop: Shop, eventId: string, locale: Locale | undefined): Promise<BuyerQuestion[]> {
  return (await askedQuestions(db, eventId)).map((q) => buyerQuestion(q, locale, shop.defaultLocale));
}

/** What the widget asks for a performance of a published event, in the buyer's language. */
export async function performanceQuestions(db: Db, shop: Shop, performanceId: string, locale: Locale | undefined): Promise<{ questions: BuyerQuestion[] }> {
  const { event } = await loadPerformance(db, shop.id, performanceId);
  if (event.status !== 'published') throw new ApiError(404, 'performance_not_found', 'There is no performance with this id in this shop.');
  return { questions: await buyerQuestions(db, shop, event.id, locale) };
}
