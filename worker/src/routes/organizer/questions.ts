import { Hono } from 'hono';
import { EventQuestionParams, QuestionBody, QuestionOrderBody, QuestionParams, QuestionPatch } from '../../../../contract/questions.js';
import type { AppEnv } from '../../env.js';
import { archiveEventQuestion, createEventQuestion, listEventQuestions, reorderEventQuestions, updateEventQuestion } from '../../services/questions/definitions.js';
import { validate } from '../../validation.js';

/** An event's customer form: the questions buyers answer at checkout. */
export const organizerQuestionRoutes = new Hono<AppEnv>()
  .get('/events/:eventId/questions', validate('param', EventQuestionParams), async (c) => {
    return c.json(await listEventQuestions(c.get('deps').storage.db, c.get('orgShopId'), c.req.valid('param').eventId), 200);
  })
  .post('/events/:eventId/questions', validate('param', EventQuestionParams), validate('json', QuestionBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await createEventQuestion(storage.db, c.get('orgShopId'), c.req.valid('param').eventId, c.req.valid('json'), now()), 201);
  })
  // Before the question's own path, so "order" is not read as a question id.
  .put('/events/:eventId/questions/order', validate('param', EventQuestionParams), validate('json', QuestionOrderBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await reorderEventQuestions(storage.db, c.get('orgShopId'), c.req.valid('param').eventId, c.req.valid('json').questionIds, now()), 200);
  })
  .patch('/events/:eventId/questions/:questionId', validate('param', QuestionParams), validate('json', QuestionPatch), async (c) => {
    const { storage, now } = c.get('deps');
    const { eventId, questionId } = c.req.valid('param');
    return c.json(await updateEventQuestion(storage.db, c.get('orgShopId'), eventId, questionId, c.req.valid('json'), now()), 200);
  })
  .delete('/events/:eventId/questions/:questionId', validate('param', QuestionParams), async (c) => {
    const { storage, now } = c.get('deps');
    const { eventId, questionId } = c.req.valid('param');
    return c.json(await archiveEventQuestion(storage.db, c.get('orgShopId'), eventId, questionId, now()), 200);
  });
