import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { QuestionPatchRequest, QuestionRequest } from '../../../../contract/questions.js';
import type { EventQuestion } from '../../../../contract/responses/questions.js';
import { events, shops, tariffs } from '../../../../db/schema/catalog.js';
import { eventQuestions, orderAnswers } from '../../../../db/schema/questions.js';
import { type Db, isGuardFailure } from '../../db.js';
import { newId } from '../../domain/ids.js';
import { ApiError } from '../../errors.js';
import { guard } from '../ledger-guards.js';

type QuestionRow = typeof eventQuestions.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function questionView(q: QuestionRow, answeredOrders: number): EventQuestion {
  return {
    id: q.id,
    eventId: q.eventId,
    position: q.position,
    scope: q.scope,
    kind: q.kind,
    required: q.required,
    label: q.label as Record<string, string>,
    help: q.help as Record<string, string>,
    options: q.options,
    consentUrl: q.consentUrl,
    tariffIds: q.tariffIds,
    archivedAt: iso(q.archivedAt),
    answeredOrders,
  };
}

/** The event of the organizer's shop, with the shop's default language (labels must have it). */
async function eventOfShop(db: Db, shopId: string, eventId: string) {
  const [row] = await db
    .select({ id: events.id, defaultLocale: shops.defaultLocale })
    .from(events)
    .innerJoin(shops, eq(shops.id, events.shopId))
    .where(and(eq(events.id, eventId), eq(events.shopId, shopId)));
  if (!row) throw new ApiError(404, 'event_not_found', 'There is no event with this id in your shop.');
  return row;
}

async function answeredOrderCounts(db: Db, questionIds: string[]) {
  if (questionIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ questionId: orderAnswers.questionId, orders: sql<number>`count(DISTINCT ${orderAnswers.orderId})` })
    .from(orderAnswers)
    .where(inArray(orderAnswers.questionId, questionIds))
    .groupBy(orderAnswers.questionId);
  return new Map(rows.map((r) => [r.questionId, Number(r.orders)]));
}

/** The event's questions in form order, archived ones last (in the order they were archived). */
export async function listEventQuestions(db: Db, shopId: string, eventId: string): Promise<{ questions: EventQuestion[] }> {
  await eventOfShop(db, shopId, eventId);
  const rows = await db
    .select()
    .from(eventQuestions)
    .where(eq(eventQuestions.eventId, eventId))
    .orderBy(sql`${eventQuestions.archivedAt} IS NOT NULL`, asc(eventQuestions.archivedAt), asc(eventQuestions.position), asc(eventQuestions.createdAt), asc(eventQuestions.id));
  const counts = await answeredOrderCounts(
    db,
    rows.map((r) => r.id),
  );
  return { questions: rows.map((r) => questionView(r, counts.get(r.id) ?? 0)) };
}

async function oneQuestion(db: Db, shopId: string, eventId: string, questionId: string): Promise<QuestionRow> {
  const [row] = await db
    .select()
    .from(eventQuestions)
    .where(and(eq(eventQuestions.id, questionId), eq(eventQuestions.eventId, eventId), eq(eventQuestions.shopId, shopId)));
  if (!row) throw new ApiError(404, 'question_not_found', 'There is no question with this id for this event in your shop.');
  return row;
}

async function questionResult(db: Db, row: QuestionRow) {
  const counts = await answeredOrderCounts(db, [row.id]);
  return questionView(row, counts.get(row.id) ?? 0);
}

/** Labels (and option labels) need the shop's default language: buyers of other languages fall back to it. */
function assertDefaultLanguage(defaultLocale: string, label: Record<string, string | undefined> | undefined, options: QuestionRequest['options']) {
  const missing = (texts: Record<string, string | undefined>) => !texts[defaultLocale]?.trim();
  if (label && missing(label)) throw new ApiError(422, 'question_invalid', `The question's label needs the shop's default language (${defaultLocale}).`);
  const option = options?.find((o) => missing(o.label));
  if (option) throw new ApiError(422, 'question_invalid', `The option "${option.id}" needs a label in the shop's default language (${defaultLocale}).`);
}

/** Tariffs must be the event's: a tariff never moves to another event, so reading them is enough. */
async function assertEventTariffs(db: Db, eventId: string, tariffIds: readonly string[] | undefined) {
  if (!tariffIds || tariffIds.length === 0) return;
  const unique = [...new Set(tariffIds)];
  const found = await db
    .select({ id: tariffs.id })
    .from(tariffs)
    .where(and(eq(tariffs.eventId, eventId), inArray(tariffs.id, unique)));
  const known = new Set(found.map((t) => t.id));
  const foreign = unique.filter((id) => !known.has(id));
  if (foreign.length > 0) throw new ApiError(422, 'question_invalid', `These tariffs are not of this event: ${foreign.join(', ')}.`);
}

export async function createEventQuestion(db: Db, shopId: string, eventId: string, body: QuestionRequest & { scope: EventQuestion['scope']; kind: EventQuestion['kind'] }, now: number) {
  const event = await eventOfShop(db, shopId, eventId);
  assertDefaultLanguage(event.defaultLocale, body.label, body.options);
  await assertEventTariffs(db, eventId, body.tariffIds);
  const id = newId('qst');
  // The new question comes last among the ones asked; the position is read and written by one statement.
  const [row] = await db
    .insert(eventQuestions)
    .values({
      id,
      shopId,
      eventId,
      position: sql`(SELECT coalesce(max(${eventQuestions.position}), 0) + 1 FROM ${eventQuestions} WHERE ${eventQuestions.eventId} = ${eventId} AND ${eventQuestions.archivedAt} IS NULL)`,
      scope: body.scope,
      kind: body.kind,
      // A consent is always required: a buyer who does not agree does not buy.
      required: body.kind === 'consent' ? true : (body.required ?? false),
      label: body.label,
      help: body.help ?? {},
      options: body.options ?? [],
      consentUrl: body.consentUrl ?? null,
      tariffIds: [...new Set(body.tariffIds ?? [])],
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return questionResult(db, row!);
}

export async function updateEventQuestion(db: Db, shopId: string, eventId: string, questionId: string, patch: QuestionPatchRequest, now: number) {
  const event = await eventOfShop(db, shopId, eventId);
  const current = await oneQuestion(db, shopId, eventId, questionId);
  if (current.archivedAt !== null) throw new ApiError(422, 'question_invalid', 'This question is archived: it is no longer asked. Ask a new question instead.');
  const kind = current.kind;
  assertDefaultLanguage(event.defaultLocale, patch.label, patch.options);
  if (patch.options !== undefined) {
    const takesOptions = kind === 'choice' || kind === 'choices';
    if (takesOptions && (patch.options.length < 2 || new Set(patch.options.map((o) => o.id)).size !== patch.options.length)) {
      throw new ApiError(422, 'question_invalid', 'A choice needs at least two options with different ids.');
    }
    if (!takesOptions && patch.options.length > 0) throw new ApiError(422, 'question_invalid', `A question of kind ${kind} takes no options.`);
  }
  if (kind === 'consent' && patch.consentUrl === null) throw new ApiError(422, 'question_invalid', 'A consent needs the link of what the buyer agrees to.');
  if (kind === 'consent' && patch.required === false) throw new ApiError(422, 'question_invalid', 'A consent is always required.');
  await assertEventTariffs(db, eventId, patch.tariffIds);
  const set: Partial<typeof eventQuestions.$inferInsert> = { updatedAt: now };
  if (patch.required !== undefined) set.required = patch.required;
  if (patch.label !== undefined) set.label = patch.label;
  if (patch.help !== undefined) set.help = patch.help;
  if (patch.options !== undefined) set.options = patch.options;
  if (patch.consentUrl !== undefined) set.consentUrl = patch.consentUrl;
  if (patch.tariffIds !== undefined) set.tariffIds = [...new Set(patch.tariffIds)];
  // Only the fields sent are written, and only while the question is asked (an archive in between wins).
  const [row] = await db
    .update(eventQuestions)
    .set(set)
    .where(and(eq(eventQuestions.id, questionId), isNull(eventQuestions.archivedAt)))
    .returning();
  if (!row) throw new ApiError(422, 'question_invalid', 'This question is archived: it is no longer asked. Ask a new question instead.');
  return questionResult(db, row);
}

/** Stops asking a question; the ones after it move up, so the form stays numbered from 1. Archiving twice changes nothing. */
export async function archiveEventQuestion(db: Db, shopId: string, eventId: string, questionId: string, now: number) {
  await eventOfShop(db, shopId, eventId);
  const current = await oneQuestion(db, shopId, eventId, questionId);
  if (current.archivedAt === null) {
    const stillAsked = and(eq(eventQuestions.id, questionId), isNull(eventQuestions.archivedAt));
    await db.batch([
      db
        .update(eventQuestions)
        .set({ position: sql`${eventQuestions.position} - 1` })
        .where(
          and(
            eq(eventQuestions.eventId, eventId),
            isNull(eventQuestions.archivedAt),
            sql`${eventQuestions.position} > (SELECT position FROM ${eventQuestions} WHERE ${stillAsked})`,
          ),
        ),
      db.update(eventQuestions).set({ archivedAt: now, updatedAt: now }).where(stillAsked),
    ]);
  }
  return questionResult(db, await oneQuestion(db, shopId, eventId, questionId));
}

/**
 * Sets the form's order from the complete list of asked questions. One batch: a guard checks
 * the list is exactly the event's asked questions (the database decides, so a question created
 * or archived meanwhile refuses the reorder), then one UPDATE numbers them from 1.
 */
export async function reorderEventQuestions(db: Db, shopId: string, eventId: string, questionIds: string[], now: number) {
  await eventOfShop(db, shopId, eventId);
  const ids = JSON.stringify(questionIds);
  const asked = sql`${eventQuestions.eventId} = ${eventId} AND ${eventQuestions.archivedAt} IS NULL`;
  try {
    await db.batch([
      guard(
        db,
        'question_order_complete',
        sql`(SELECT count(DISTINCT value) FROM json_each(${ids})) = ${questionIds.length}
          AND (SELECT count(*) FROM ${eventQuestions} WHERE ${asked}) = ${questionIds.length}
          AND NOT EXISTS (SELECT 1 FROM json_each(${ids}) AS j WHERE NOT EXISTS (SELECT 1 FROM ${eventQuestions} WHERE ${asked} AND ${eventQuestions.id} = j.value))`,
      ),
      db
        .update(eventQuestions)
        .set({ position: sql`(SELECT j.key + 1 FROM json_each(${ids}) AS j WHERE j.value = ${eventQuestions.id})`, updatedAt: now })
        .where(sql`${asked}`),
    ]);
  } catch (err) {
    if (isGuardFailure(err)) throw new ApiError(422, 'question_order_invalid', 'List every question of the event that is not archived, once each.');
    throw err;
  }
  return listEventQuestions(db, shopId, eventId);
}
