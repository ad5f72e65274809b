import type { BuyerQuestion } from '../../../contract/questions.js';
import { read, type ShopClient } from './client.js';
import type { Locale } from './types.js';

/**
 * The questions a performance's event asks buyers at checkout, in the buyer's language (else
 * the shop's default one), through the shop client's typed routes. Kept apart from client.ts so
 * that it loads with the checkout's chunk, not with the first screen.
 */
export async function listPerformanceQuestions(client: ShopClient, performanceId: string, lang: Locale | null): Promise<BuyerQuestion[]> {
  const questions = client.routes.performances[':performanceId'].questions;
  return (await read(() => questions.$get({ param: { shopId: client.shopId, performanceId }, query: { lang: lang ?? undefined } }))).questions;
}
