import { Hono } from 'hono';
import { CatalogQuery, PerformanceParams } from '../../../../contract/storefront.js';
import type { AppEnv } from '../../env.js';
import { performanceQuestions } from '../../services/questions/buyer-questions.js';
import { validate } from '../../validation.js';

/** The questions a performance's event asks at checkout, in the buyer's language. */
export const questionRoutes = new Hono<AppEnv>().get(
  '/:shopId/performances/:performanceId/questions',
  validate('param', PerformanceParams),
  validate('query', CatalogQuery),
  async (c) => {
    return c.json(await performanceQuestions(c.get('deps').storage.db, c.get('shop'), c.req.valid('param').performanceId, c.req.valid('query').lang), 200);
  },
);
